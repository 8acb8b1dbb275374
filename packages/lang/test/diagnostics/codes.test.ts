// The code table stays honest: unique well-formed codes, each used by the source, exercised by a
// golden case and documented (TypeScript scripts/processDiagnosticMessages.mjs checkForUniqueCodes,
// scripts/find-unused-diagnostic-messages.mjs).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, "../../../..");
const tablePath = join(repoRoot, "packages/lang/src/diagnostics/messages.json");
const tableText = readFileSync(tablePath, "utf8");
const table = JSON.parse(tableText) as Record<string, { name?: unknown; severity?: unknown; message?: unknown; help?: unknown }>;
const codes = Object.keys(table);

/** Codes no charter file can trigger, so no folder under cases/ exercises them. Keep it short; give a reason. */
const NOT_FROM_CHARTER_TEXT: { match: (code: string) => boolean; reason: string }[] = [
  { match: (c) => c === "CH5001" || c === "CH5002", reason: "unreadable input / no .charter files: about paths, not text; inputs.test.ts covers them" },
  { match: (c) => c.startsWith("CH4"), reason: "lint findings: fixtures live in packages/engine/test/rules/<rule>/" },
  { match: (c) => c.startsWith("CH51"), reason: "deployment descriptors and query options: covered by the engine and CLI query tests" },
];

function sourceFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|mts|js|mjs)$/.test(e.name) && !e.name.endsWith(".d.ts") && !e.name.includes("ohm-bundle")) out.push(p);
  }
  return out;
}

describe("diagnostic code table", () => {
  it("declares each code once", () => {
    // JSON.parse keeps the last of duplicate keys silently, so count them in the raw text.
    const keys = [...tableText.matchAll(/"(CH\d+)"\s*:/g)].map((m) => m[1]!);
    const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(dupes).toEqual([]);
    expect(keys.length).toBe(codes.length);
  });

  it("has well-formed entries with unique kebab-case names", () => {
    const names = new Map<string, string>();
    for (const code of codes) {
      const e = table[code]!;
      expect(code, code).toMatch(/^CH[1-5]\d{3}$/);
      expect(e.name, code).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(names.get(e.name as string), `${code} reuses the name of ${names.get(e.name as string)}`).toBeUndefined();
      names.set(e.name as string, code);
      expect(["error", "warning", "info"], code).toContain(e.severity);
      expect(typeof e.message === "string" && e.message.length > 0, `${code} has a message`).toBe(true);
      if (e.help !== undefined) expect(typeof e.help, code).toBe("string");
    }
  });

  it("uses every code in the source (no dead entries)", () => {
    const text = ["lang", "cli", "engine"]
      .flatMap((p) => sourceFiles(join(repoRoot, "packages", p, "src")))
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    const unused = codes.filter((c) => !new RegExp(`["'\`]${c}["'\`]`).test(text));
    expect(unused).toEqual([]);
  });

  it("exercises every code reachable from charter text with a golden case", () => {
    const cases = readdirSync(join(here, "cases"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name.slice(0, 6));
    const missing = codes.filter((c) => !cases.includes(c) && !NOT_FROM_CHARTER_TEXT.some((a) => a.match(c)));
    expect(missing).toEqual([]);
    // And no case folder names a code the table no longer has.
    expect(cases.filter((c) => !codes.includes(c))).toEqual([]);
  });

  it("documents every code in docs/language.md", () => {
    const docPath = join(repoRoot, "docs/language.md");
    expect(existsSync(docPath), "docs/language.md exists").toBe(true);
    const doc = readFileSync(docPath, "utf8");
    expect(codes.filter((c) => !doc.includes(c))).toEqual([]);
  });
});
