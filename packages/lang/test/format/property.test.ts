// Property tests: the printer is the parser's inverse on random ASTs, its output is already
// formatted, and comments sprinkled anywhere between tokens survive formatting, which stays
// idempotent and meaning-preserving.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { format, printFile, scanComments } from "../../src/format/index.js";
import { parse } from "../../src/syntax/parse.js";
import { stripSpans } from "../../src/ast/strip-spans.js";
import type { CharterFile } from "../../src/ast/index.js";
import { charterFile, FILE } from "./arbitraries.js";

function reparse(text: string): CharterFile {
  const r = parse(text, FILE);
  if (!r.ast) throw new Error(`printed text does not parse: ${r.diagnostics[0]?.message}\n${text}`);
  return r.ast;
}

/**
 * Where a comment may go in printed text, outside string literals: in place of a whitespace
 * character (`replace`), or between two tokens the printer wrote without a space (`count(x)`,
 * `{uk}`, `0..4`, `name: type`, `a, b`).
 */
function gaps(text: string): { pos: number; replace: boolean }[] {
  const out: { pos: number; replace: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    } else if (ch === " " || ch === "\n") out.push({ pos: i, replace: true });
    else if (ch === "(" || ch === "{") out.push({ pos: i + 1, replace: false });
    else if (ch === ")" || ch === "}" || ch === "," || ch === ":") out.push({ pos: i, replace: false });
    else if (text.startsWith("..", i) && /[0-9]/.test(text[i - 1] ?? "")) {
      out.push({ pos: i, replace: false }, { pos: i + 2, replace: false });
      i++;
    }
  }
  return out;
}

const commentKinds = {
  block: (k: number) => ` /*c${k}*/ `,
  multi: (k: number) => ` /*c${k}\n   more*/ `,
  line: (k: number) => ` //c${k}\n`,
  own: (k: number) => `\n//c${k}\n`,
  blank: (k: number) => `\n\n/*c${k}*/\n\n`,
  // Layout noise without a comment: line breaks, blank-line runs, spaces and tabs.
  newline: () => "\n",
  blanks: () => "\n \n\n",
  spaces: () => " \t  ",
};
type CommentKind = keyof typeof commentKinds;

const insertions = fc.array(
  fc.record({ at: fc.nat(), kind: fc.constantFrom(...(Object.keys(commentKinds) as CommentKind[])) }),
  { maxLength: 10 },
);

/** `text` with comments (or other whitespace) written in place of some of its whitespace. */
function sprinkle(text: string, ins: { at: number; kind: CommentKind }[]): string {
  const gs = gaps(text);
  if (gs.length === 0) return text;
  const chosen = new Map<number, { replace: boolean; kind: CommentKind }>();
  for (const { at, kind } of ins) {
    const g = gs[at % gs.length]!;
    chosen.set(g.pos, { replace: g.replace, kind });
  }
  let out = text;
  [...chosen.entries()]
    .sort((a, b) => b[0] - a[0])
    .forEach(([pos, { replace, kind }], k) => {
      out = out.slice(0, pos) + commentKinds[kind](k) + out.slice(replace ? pos + 1 : pos);
    });
  return out;
}

describe("printer properties", () => {
  test("print ∘ parse is identity on 500 random ASTs", () => {
    fc.assert(
      fc.property(charterFile, (ast) => {
        expect(stripSpans(reparse(printFile(ast)))).toEqual(stripSpans(ast));
      }),
      { numRuns: 500 },
    );
  });

  test("printed text is already formatted (300 random ASTs)", () => {
    fc.assert(
      fc.property(charterFile, (ast) => {
        const text = printFile(ast);
        expect(format(text, FILE).output).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  test("comments and line breaks anywhere between tokens: comments kept, meaning kept, idempotent (500 random files)", () => {
    fc.assert(
      fc.property(charterFile, insertions, (ast, ins) => {
        const text = sprinkle(printFile(ast), ins);
        const once = format(text, FILE).output;
        expect(once).toBeDefined();
        const texts = (s: string): string[] => scanComments(s).map((c) => c.text).sort();
        expect(texts(once!)).toEqual(texts(text));
        expect(stripSpans(reparse(once!))).toEqual(stripSpans(ast));
        expect(format(once!, FILE).output).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});
