// Source text → AST, or a located syntax diagnostic built from ohm's rightmost-failure information.
import type { CharterFile } from "../ast/file.js";
import { LineMap } from "../ast/span.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { grammar, toAst } from "./to-ast.js";
import { KEYWORDS } from "./keywords.js";

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

function describeExpected(failures: OhmFailure[]): string[] {
  const seen = new Set<string>();
  for (const f of failures) {
    if (f.isFluffy()) continue;
    const t = f.getType() === "string" ? `\`${f.getText()}\`` : f.getText();
    seen.add(t);
  }
  // Descriptions ("an identifier") first, then literal tokens, each alphabetically: stable across runs.
  return [...seen].sort((a, b) => {
    const qa = a.startsWith("`") ? 1 : 0;
    const qb = b.startsWith("`") ? 1 : 0;
    return qa - qb || (a < b ? -1 : a > b ? 1 : 0);
  });
}

function joinOr(items: string[]): string {
  const shown = items.length > 10 ? [...items.slice(0, 9), "…"] : items;
  if (shown.length <= 1) return shown[0] ?? "something else";
  return `${shown.slice(0, -1).join(", ")} or ${shown[shown.length - 1]}`;
}

function syntaxDiagnostic(file: string, text: string, pos: number, failures: OhmFailure[]): Diagnostic {
  const lines = new LineMap(file, text);
  const tok = tokenAt(text, pos);
  const expected = describeExpected(failures);
  const word = /^[a-z_][a-z0-9_]*$/.exec(text.slice(pos, pos + tok.length))?.[0];
  const span = lines.span(pos, pos + tok.length);
  if (word && KEYWORDS.has(word) && expected.some((e) => e.includes("identifier") || e.includes("domain"))) {
    return diagnostic("CH1002", span, [word]);
  }
  const esc = /^"(?:[^"\\\n]|\\["\\n])*(\\[^"\\n])/.exec(text.slice(stringStart(text, pos)));
  if (esc && expected.includes("`\"`")) {
    const at = text.indexOf(esc[1]!, stringStart(text, pos));
    return diagnostic("CH1003", lines.span(at, at + 2), [esc[1]!]);
  }
  let help = "";
  if (tok.shown === "`=`" && expected.includes("a comparison operator")) help = "compare with `==`";
  else if (/^`[A-Z]/.test(tok.shown) && expected.some((e) => e.includes("identifier"))) help = "names are lowercase: `[a-z_][a-z0-9_]*`";
  return diagnostic("CH1001", span, [tok.shown, joinOr(expected), help]);
}

// A failure inside a string is reported at the string's end; find its opening quote to look for a bad escape.
function stringStart(text: string, pos: number): number {
  const lineStart = text.lastIndexOf("\n", pos - 1) + 1;
  const q = text.lastIndexOf('"', pos - 1);
  return q >= lineStart ? q : pos;
}

/** Parse one file. On failure the diagnostics hold exactly one syntax error and `ast` is absent. */
export function parse(text: string, file: string): ParseResult {
  const match = grammar.match(text);
  if (match.failed()) {
    const m = match as unknown as { getRightmostFailurePosition(): number; getRightmostFailures(): OhmFailure[] };
    return { diagnostics: [syntaxDiagnostic(file, text, m.getRightmostFailurePosition(), m.getRightmostFailures())] };
  }
  return { ast: toAst(match, file, text), diagnostics: [] };
}
