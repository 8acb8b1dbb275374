// Pretty diagnostics: `file:line:col: severity CODE: message`, the source line, an underline, related spans, help.
import type { Span } from "../ast/span.js";
import { LineMap } from "../ast/span.js";
import type { Diagnostic, Severity } from "./diagnostic.js";

/** Colour hooks: identity functions by default so the library never depends on a terminal. */
export interface Style {
  error(s: string): string;
  warning(s: string): string;
  info(s: string): string;
  note(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const plain: Style = { error: (s) => s, warning: (s) => s, info: (s) => s, note: (s) => s, dim: (s) => s, bold: (s) => s };

export function location(span: Span): string {
  return `${span.file}:${span.line}:${span.column}`;
}

function frame(span: Span, maps: Map<string, LineMap>, mark: (s: string) => string, style: Style): string[] {
  const map = maps.get(span.file);
  if (!map || span.line > map.lineCount) return [];
  const text = map.lineText(span.line).replace(/\t/g, " ");
  const lastCol = span.endLine === span.line ? span.endColumn : text.length + 1;
  const width = Math.max(1, lastCol - span.column);
  const gutter = String(span.line);
  const pad = " ".repeat(gutter.length);
  return [
    `${style.dim(`  ${gutter} |`)} ${text}`,
    `${style.dim(`  ${pad} |`)} ${" ".repeat(span.column - 1)}${mark("^".repeat(width))}${span.endLine > span.line ? style.dim(" …") : ""}`,
  ];
}

const severityStyle = (s: Severity, style: Style) => (s === "error" ? style.error : s === "warning" ? style.warning : style.info);

/** Render one diagnostic; `texts` maps file names to their source so frames can be shown. */
export function renderDiagnostic(d: Diagnostic, maps: Map<string, LineMap>, style: Style = plain): string {
  const sev = severityStyle(d.severity, style);
  const where = d.span ? `${location(d.span)}: ` : "";
  const out = [`${style.bold(where)}${sev(`${d.severity} ${d.code}`)}: ${style.bold(d.message)}`];
  if (d.span) out.push(...frame(d.span, maps, sev, style));
  for (const r of d.related) {
    out.push(`  ${location(r.span)}: ${style.note("note")}: ${r.message}`);
    out.push(...frame(r.span, maps, style.note, style));
  }
  if (d.help) out.push(`  ${style.note("help")}: ${d.help}`);
  return out.join("\n");
}

export function lineMaps(sources: { file: string; text: string }[]): Map<string, LineMap> {
  return new Map(sources.map((s) => [s.file, new LineMap(s.file, s.text)]));
}

/** "2 errors, 1 warning" (or "no problems"), for the last line of a report. */
export function summary(ds: readonly Diagnostic[], fileCount: number): string {
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? "" : "s"}`;
  const e = ds.filter((d) => d.severity === "error").length;
  const w = ds.filter((d) => d.severity === "warning").length;
  const i = ds.filter((d) => d.severity === "info").length;
  const parts = [e && n(e, "error"), w && n(w, "warning"), i && n(i, "note")].filter(Boolean);
  return `${parts.length ? parts.join(", ") : "no problems"} in ${n(fileCount, "file")}`;
}

export { plain as plainStyle };
