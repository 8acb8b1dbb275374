// Quick fixes: take the "did you mean …" suggestion of an unknown name, and declare how two
// overlapping approvers combine (the `joint` and `precedence` lines CH4002's help proposes).
import type { CharterFile, Clause } from "@charter/lang";
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type Range } from "vscode-languageserver";
import type { CharterSet } from "./charter-set.js";
import type { DiagnosticData } from "./diagnostics.js";
import type { SourceFile } from "./source-file.js";

/** Codes whose help may be a spelling suggestion for the name under the span. */
const SUGGESTS = new Set(["CH1001", "CH2001", "CH2002", "CH2003", "CH2004", "CH2005", "CH2006", "CH2007", "CH3005"]);

/** The help of a published diagnostic: from its data, else from the server's own copy. */
function helpOf(d: LspDiagnostic, set: CharterSet, file: SourceFile): string | undefined {
  const data = d.data as DiagnosticData | undefined;
  if (data?.help !== undefined) return data.help;
  const same = set.diagnostics(file.path).find((x) => x.code === d.code && x.span && x.span.line - 1 === d.range.start.line && x.span.column - 1 === d.range.start.character);
  return same?.help;
}

function replace(title: string, d: LspDiagnostic, uri: string, range: Range, newText: string, preferred: boolean): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: preferred, edit: { changes: { [uri]: [{ range, newText }] } } };
}

function typoFix(d: LspDiagnostic, help: string, file: SourceFile): CodeAction | undefined {
  const meant = /did you mean `([^`]+)`/.exec(help)?.[1];
  if (meant === undefined) return undefined;
  // An unknown domain is reported on its whole pattern: keep a `.*` the suggestion does not repeat.
  const written = file.doc.getText(d.range);
  const text = written.endsWith(".*") && !meant.endsWith(".*") ? `${meant}.*` : meant;
  return replace(`Change to \`${text}\``, d, file.uri, d.range, text, true);
}

function clauseAt(files: CharterFile[], path: string, range: Range): Clause | undefined {
  const f = files.find((x) => x.file === path);
  for (const item of f?.items ?? []) {
    if (item.kind === "example" || !("keywordSpan" in item)) continue;
    if (item.keywordSpan.line - 1 === range.start.line && item.keywordSpan.column - 1 === range.start.character) return item;
  }
  return undefined;
}

/** `joint …` and `precedence …` declared after the second clause, or at the end of the constitution when that clause is a body's. */
function overlapFixes(d: LspDiagnostic, help: string, set: CharterSet, file: SourceFile): CodeAction[] {
  const asts = set.asts();
  const clause = clauseAt(asts, file.path, d.range);
  const constitution = asts.find((f) => f.header.kind === "constitution");
  const target = constitution && set.files.get(constitution.file);
  if (!clause || !target) return [];
  const text = target.text;
  let at: number;
  let insert: (line: string) => string;
  if (target === file) {
    const eol = text.indexOf("\n", clause.span.end);
    at = eol < 0 ? text.length : eol;
    insert = (line) => `\n\n${line}`;
  } else {
    at = text.length;
    insert = (line) => `${text.endsWith("\n") ? "" : "\n"}\n${line}\n`;
  }
  const pos = target.doc.positionAt(at);
  const out: CodeAction[] = [];
  for (const [re, note] of [[/`(joint [^`]+)`/, " (both must approve)"], [/`(precedence [^`]+)`/, ""]] as const) {
    const line = re.exec(help)?.[1];
    if (line) out.push(replace(`Declare \`${line}\`${note}`, d, target.uri, { start: pos, end: pos }, insert(line), false));
  }
  return out;
}

export function codeActions(diagnostics: LspDiagnostic[], set: CharterSet, file: SourceFile): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== "charter" || typeof d.code !== "string") continue;
    const help = helpOf(d, set, file);
    if (help === undefined) continue;
    if (SUGGESTS.has(d.code)) {
      const fix = typoFix(d, help, file);
      if (fix) out.push(fix);
    } else if (d.code === "CH4002") out.push(...overlapFixes(d, help, set, file));
  }
  return out;
}
