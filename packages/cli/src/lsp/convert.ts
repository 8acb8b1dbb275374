// Charter spans (offsets, 1-based line/column) ↔ LSP ranges (0-based line/character), paths ↔ URIs.
// Both count columns in UTF-16 code units (JavaScript string indices), so no re-encoding is needed.
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Span } from "@charter/lang";
import type { Position, Range } from "vscode-languageserver";

/** The LSP range of a span. */
export function toRange(span: Span): Range {
  return { start: { line: span.line - 1, character: span.column - 1 }, end: { line: span.endLine - 1, character: span.endColumn - 1 } };
}

/** A point span (start = end) for insertions. */
export function toPosition(span: Span): Position {
  return { line: span.line - 1, character: span.column - 1 };
}

/** Whether `offset` lies inside `span` or touches its end (a caret just after a name is on the name). */
export function spanHas(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** A sub-span of a span that lies on one line (a path segment inside a pattern). */
export function subSpan(span: Span, from: number, to: number): Span {
  return { file: span.file, start: span.start + from, end: span.start + to, line: span.line, column: span.column + from, endLine: span.line, endColumn: span.column + to };
}

/** The file-system path of a `file:` URI, or undefined for other schemes (untitled editors). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
