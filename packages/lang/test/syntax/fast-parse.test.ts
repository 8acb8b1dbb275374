// The hand-written parser must accept exactly what the ohm grammar accepts and build the same AST,
// spans included: on every charter file in the repository, on random ASTs printed by the formatter,
// and on random corruptions of real files (which exercise the rejecting paths).
import { readFileSync } from "node:fs";
import { execSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fastParse } from "../../src/syntax/fast-parse.js";
import { parseWithOhm } from "../../src/syntax/parse.js";
import { printFile } from "../../src/format/index.js";
import { charterFile } from "../format/arbitraries.js";

const root = new URL("../../../../", import.meta.url).pathname;
const files = execSync("git ls-files '*.charter'", { cwd: root }).toString().trim().split("\n");
const texts = files.map((f) => ({ file: f, text: readFileSync(root + f, "utf8") }));

function agree(text: string, file = "x.charter"): void {
  const fast = fastParse(text, file);
  const ohm = parseWithOhm(text, file).ast;
  expect(fast === undefined, `accepts: fast ${fast !== undefined}, ohm ${ohm !== undefined}\n${text}`).toBe(ohm === undefined);
  if (fast && ohm) expect(fast).toEqual(ohm);
}

describe("fast parser = ohm grammar", () => {
  it(`same AST (with spans) or same rejection on all ${texts.length} charter files in the repository`, () => {
    for (const t of texts) agree(t.text, t.file);
  });

  it("same AST on 400 random ASTs printed by the formatter", () => {
    fc.assert(
      fc.property(charterFile, (ast) => {
        const text = printFile(ast);
        expect(fastParse(text, "x.charter"), text).toBeDefined();
        agree(text);
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it("same verdict on 3000 random corruptions of real charter files", () => {
    const valid = texts.map((t) => t.text).filter((t) => parseWithOhm(t, "x").ast);
    const junk = ["", " ", "\n", "{", "}", "(", ")", ",", ".", ".*", "*", "==", "=", "<", "not", "in", "and", "or", '"', "\\", "//", "/*", "*/", "-", "1e", "1.5", "0..4", "2026-02-30", "x", "govern", "when", "approve", "count(", "é", "A"];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: valid.length - 1 }), fc.nat(), fc.nat({ max: 8 }), fc.constantFrom(...junk), (i, at, cut, insert) => {
        const t = valid[i]!;
        const p = at % (t.length + 1);
        agree(t.slice(0, p) + insert + t.slice(p + cut));
      }),
      { numRuns: 3000, seed: 12 },
    );
  });
});
