// KEYWORDS (used to explain "reserved word" errors) must match the grammar's `keyword` rule exactly.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { KEYWORDS, parse } from "../src/index.js";

const grammarText = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../src/syntax/charter.ohm"), "utf8");

/** The quoted alternatives of `keyword = ( "a" | "b" | … ) ~identPart`. */
function grammarKeywords(): string[] {
  const rule = /^\s*keyword\s*=\s*\(([\s\S]*?)\)\s*~identPart/m.exec(grammarText);
  if (!rule) throw new Error("no `keyword` rule in charter.ohm");
  const body = rule[1]!.replace(/\/\/.*$/gm, "");
  const alternatives = body.split("|").map((a) => a.trim());
  for (const a of alternatives) expect(a, "each alternative is one quoted word").toMatch(/^"[a-z_]+"$/);
  return alternatives.map((a) => a.slice(1, -1));
}

describe("keywords", () => {
  it("KEYWORDS equals the grammar's keyword rule", () => {
    const fromGrammar = grammarKeywords();
    expect(fromGrammar.length).toBeGreaterThan(40);
    expect(new Set(fromGrammar).size, "no keyword listed twice in the grammar").toBe(fromGrammar.length);
    expect([...KEYWORDS].sort()).toEqual([...fromGrammar].sort());
  });

  it.each([...KEYWORDS].sort())("`%s` is rejected as a fact name with CH1002", (kw) => {
    const text = `constitution "Reserved words"\n\nfacts {\n  region: bool\n  ${kw}: bool\n}\n`;
    const r = parse(text, "reserved.charter");
    expect(r.ast).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.span?.line, d.span?.column, d.span?.endColumn])).toEqual([["CH1002", 5, 3, 3 + kw.length]]);
    expect(r.diagnostics[0]!.message).toBe(`\`${kw}\` is a reserved keyword, not a name`);
  });

  it("a keyword prefix is still a name (`counts`, `layered`)", () => {
    const r = parse(`constitution "Prefixes"\n\nfacts {\n  counts: bool\n  layered: bool\n}\n`, "prefix.charter");
    expect(r.diagnostics).toEqual([]);
  });
});
