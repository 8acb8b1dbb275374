// Golden diagnostics: each folder under cases/ is a charter set with one mistake and the exact
// `charter check` output for it in expected.txt (TypeScript's tests/baselines/reference/*.errors.txt).
// UPDATE_GOLDEN=1 rewrites expected.txt; review the diff before committing it, never bless blindly.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCharterSet, plainStyle } from "../../src/index.js";
// The CLI's own report function, so the goldens are byte for byte what `charter check` prints.
import { prettyReport } from "../../../cli/src/report/diagnostics.js";

const here = dirname(fileURLToPath(import.meta.url));
const casesDir = join(here, "cases");
const repoRoot = join(here, "../../../..");
const update = process.env.UPDATE_GOLDEN === "1";
const slash = (p: string) => p.split(sep).join("/");

const caseNames = readdirSync(casesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** expected.txt holds paths as seen from the repository root (`charter check packages/lang/…`). */
function run(name: string): { output: string; codes: string[] } {
  const dir = join(casesDir, name);
  const fromCwd = slash(relative(process.cwd(), dir));
  const fromRoot = slash(relative(repoRoot, dir));
  const loaded = loadCharterSet([fromCwd]);
  const output = prettyReport(loaded.diagnostics, loaded.sources, plainStyle).split(fromCwd + "/").join(fromRoot + "/");
  return { output, codes: loaded.diagnostics.map((d) => d.code) };
}

describe("golden diagnostics", () => {
  it("has a case folder per diagnostic kind", () => {
    expect(caseNames.length).toBeGreaterThanOrEqual(35);
    for (const name of caseNames) expect(name).toMatch(/^CH[1-5]\d{3}-[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  describe.each(caseNames)("%s", (name) => {
    const code = name.slice(0, 6);
    const expectedFile = join(casesDir, name, "expected.txt");

    it("prints expected.txt", () => {
      const { output } = run(name);
      if (update || !existsSync(expectedFile)) writeFileSync(expectedFile, output);
      expect(output).toBe(readFileSync(expectedFile, "utf8"));
    });

    it(`reports ${code} and nothing else`, () => {
      const { codes } = run(name);
      expect(codes).toContain(code);
      // One mistake per case: a second code means a cascade (or a second mistake in the fixture).
      expect([...new Set(codes)]).toEqual([code]);
    });
  });
});
