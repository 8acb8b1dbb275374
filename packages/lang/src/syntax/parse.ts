// Source text → AST, or a located syntax diagnostic built from ohm's rightmost-failure information.
import type { CharterFile } from "../ast/file.js";
import { LineMap } from "../ast/span.js";
import { diagnostic, type Diagnostic, type Related } from "../diagnostics/diagnostic.js";
import { closest } from "../diagnostics/suggest.js";
import { ohmGrammar, toAst } from "./to-ast.js";
import { KEYWORDS } from "./keywords.js";
import { fastParse } from "./fast-parse.js";

export interface ParseResult {
  ast?: CharterFile;
  diagnostics: Diagnostic[];
}

// ohm's typings omit getRightmostFailures(); this is the part of its Failure we read.
interface OhmFailure {
  getText(): string;
  getType(): "description" | "string" | "code";
  isFluffy(): boolean;
}

/** The token a person sees at `pos`: a word, a number, a quoted string, one symbol, or end of input. */
function tokenAt(text: string, pos: number): { shown: string; length: number } {
  if (pos >= text.length) return { shown: "end of input", length: 0 };
  const rest = text.slice(pos);
  const m = /^([A-Za-z_][A-Za-z0-9_-]*|-?[0-9][0-9.eE+-]*|"(?:[^"\\\n]|\\.)*"?|==|!=|<=|>=|\.\.|\/\*|\/\/|\S)/.exec(rest);
  const tok = m ? m[0] : rest[0]!;
  return { shown: `\`${tok.length > 30 ? tok.slice(0, 30) + "…" : tok}\``, length: tok.length };
}

// The keywords that start an item (the `Item` rule of charter.ohm); listed together they read as one phrase.
const ITEM_STARTS = ["layers", "enum", "facts", "domains", "body", "delegate", "govern", "escalate", "prohibit", "exempt", "joint", "precedence", "guardrail", "example"];
const ANOTHER_ITEM = "a declaration or clause";

function describeExpected(failures: OhmFailure[]): string[] {
  // After a complete item ohm keeps only "end of input" as non-fluffy: the alternatives a `*` tried
  // there (another item, the clause's optional tail) are fluffy, yet they are what the reader needs.
  const solid = failures.filter((f) => !f.isFluffy());
  const used = solid.every((f) => f.getText() === "end of input") ? failures : solid;
  const seen = new Set<string>();
  for (const f of used) seen.add(f.getType() === "string" ? `\`${f.getText()}\`` : f.getText());
  if (ITEM_STARTS.every((k) => seen.has(`\`${k}\``))) {
    for (const k of ITEM_STARTS) seen.delete(`\`${k}\``);
    seen.add(ANOTHER_ITEM);
  }
  // Descriptions ("an identifier") first, then literal tokens, each alphabetically: stable across runs.
  return [...seen].sort((a, b) => {
    const qa = a.startsWith("`") ? 1 : 0;
    const qb = b.startsWith("`") ? 1 : 0;
    return qa - qb || (a < b ? -1 : a > b ? 1 : 0);
  });
}

/** The innermost `{` before `pos` that is still open (strings and comments skipped). */
function unclosedBrace(text: string, pos: number): number | undefined {
  const open: number[] = [];
  for (let i = 0; i < pos; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < pos && text[i] !== '"' && text[i] !== "\n"; i++) if (text[i] === "\\") i++;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < pos && text[i] !== "\n") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? pos : end + 1;
    } else if (c === "{") open.push(i);
    else if (c === "}") open.pop();
  }
  return open[open.length - 1];
}

function joinOr(items: string[], max = 10): string {
  const shown = items.length > max ? [...items.slice(0, max - 1), "…"] : items;
  if (shown.length <= 1) return shown[0] ?? "something else";
  return `${shown.slice(0, -1).join(", ")} or ${shown[shown.length - 1]}`;
}

function syntaxDiagnostic(file: string, text: string, pos: number, failures: OhmFailure[]): Diagnostic {
  const lines = new LineMap(file, text);
  const tok = tokenAt(text, pos);
  const expected = describeExpected(failures);
  const word = /^[a-z_][a-z0-9_]*$/.exec(text.slice(pos, pos + tok.length))?.[0];
  const span = lines.span(pos, pos + tok.length);
  // A keyword where a name belongs is CH1002 (`count: int`, `enum region { eu, in }`), unless a word follows it:
  // then it more likely starts the next part and the name before it is missing (`when region ==` ⏎ `approve bma`).
  const nextIsWord = /^\s+[a-z_]/.test(text.slice(pos + tok.length));
  if (word && KEYWORDS.has(word) && !nextIsWord && expected.some((e) => e.includes("identifier") || e.includes("domain"))) {
    return diagnostic("CH1002", span, [word]);
  }
  const esc = /^"(?:[^"\\\n]|\\["\\n])*(\\[^"\\n])/.exec(text.slice(stringStart(text, pos)));
  // ohm reports a described rule's failure at its start, so a bad escape shows up at the opening quote.
  if (esc && (expected.includes("`\"`") || text[pos] === '"')) {
    const at = text.indexOf(esc[1]!, stringStart(text, pos));
    return diagnostic("CH1003", lines.span(at, at + 2), [esc[1]!]);
  }
  if (text[pos] === '"' && !/^"(?:[^"\\\n]|\\.)*"/.test(text.slice(pos))) {
    return diagnostic("CH1001", span, ["end of line inside this string", "a closing `\"`", "a string ends on the line where it starts"]);
  }
  let help = "";
  const keywords = expected.filter((e) => /^`[a-z]+`$/.test(e)).map((e) => e.slice(1, -1));
  if (expected.includes(ANOTHER_ITEM)) keywords.push(...ITEM_STARTS);
  const meant = word && !KEYWORDS.has(word) ? closest(word, keywords) : undefined;
  if (tok.shown === "`=`" && expected.includes("a comparison operator")) help = "compare with `==`";
  else if (/^`[A-Z]/.test(tok.shown) && expected.some((e) => e.includes("identifier"))) help = "names are lowercase: `[a-z_][a-z0-9_]*`";
  else if (expected.length === 1 && expected[0] === "`by`") help = "a body's charter names its body: `charter \"…\" by BODY`";
  else if (meant) help = `did you mean \`${meant}\`?`;
  else if (word && !KEYWORDS.has(word) && expected.includes("`,`")) help = "list items are separated by `,`";
  else if (word && expected.includes(ANOTHER_ITEM) && /^\s*$/.test(text.slice(text.lastIndexOf("\n", pos - 1) + 1, pos))) help = `an item starts with ${joinOr(ITEM_STARTS.map((k) => `\`${k}\``), 14)}`;
  // A block left open shows up where the next item (or the end) begins: point at its `{`.
  const related: Related[] = [];
  const opensItem = word !== undefined && ITEM_STARTS.includes(word);
  if ((pos >= text.length || opensItem) && expected.includes("`}`")) {
    const brace = unclosedBrace(text, pos);
    if (brace !== undefined) related.push({ span: lines.span(brace, brace + 1), message: "this `{` is not closed" });
  }
  return diagnostic("CH1001", span, [tok.shown, joinOr(expected), help], related);
}

// A failure inside a string is reported at the string's end; find its opening quote to look for a bad escape.
function stringStart(text: string, pos: number): number {
  const lineStart = text.lastIndexOf("\n", pos - 1) + 1;
  const q = text.lastIndexOf('"', pos - 1);
  return q >= lineStart ? q : pos;
}

/** Parse one file. On failure the diagnostics hold exactly one syntax error and `ast` is absent. */
export function parse(text: string, file: string): ParseResult {
  // Well-formed input takes the fast path; anything else goes to ohm, which explains what is wrong.
  const fast = fastParse(text, file);
  if (fast) return { ast: fast, diagnostics: [] };
  return parseWithOhm(text, file);
}

/** The reference parse through the ohm grammar (also what the differential test compares against). */
export function parseWithOhm(text: string, file: string): ParseResult {
  const match = ohmGrammar().grammar.match(text);
  if (match.failed()) {
    const m = match as unknown as { getRightmostFailurePosition(): number; getRightmostFailures(): OhmFailure[] };
    return { diagnostics: [syntaxDiagnostic(file, text, m.getRightmostFailurePosition(), m.getRightmostFailures())] };
  }
  return { ast: toAst(match, file, text), diagnostics: [] };
}
