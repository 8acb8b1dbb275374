// Every ```charter example of the design brief (language.md §3–4) is normative: together they must check clean.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadCharterSet } from "../src/index.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const specPath = resolve(repoRoot, "../shared/spec/language.md");
const blocks = [...readFileSync(specPath, "utf8").matchAll(/^```charter[ \t]*\r?\n([\s\S]*?)^```[ \t]*$/gm)].map((m) => m[1]!);

const dir = mkdtempSync(join(tmpdir(), "charter-spec-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("language.md examples", () => {
  it("finds the constitution and the body charter", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    expect(blocks.filter((b) => /^\s*constitution\s/.test(b))).toHaveLength(1);
  });

  it("check clean as one charter set", () => {
    blocks.forEach((text, i) => {
      const name = /^\s*constitution\s/.test(text) ? "constitution.charter" : `charter-${i + 1}.charter`;
      writeFileSync(join(dir, name), text);
    });
    const loaded = loadCharterSet([dir]);
    expect(loaded.sources).toHaveLength(blocks.length);
    expect(loaded.diagnostics.map((d) => `${d.code} ${d.span?.file}:${d.span?.line}:${d.span?.column} ${d.message}`)).toEqual([]);
    expect(loaded.set?.constitution).toBeDefined();
  });
});
