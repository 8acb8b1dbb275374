import type { Span } from "../ast/span.js";
import table from "./messages.json" with { type: "json" };

export type Severity = "error" | "warning" | "info";

/** A located span with a note, e.g. "first declared here". */
export interface Related {
  span: Span;
  message: string;
}

/** The one diagnostic shape every stage reports (syntax, check, later lint). */
export interface Diagnostic {
  code: string;
  name: string;
  severity: Severity;
  message: string;
  /** Absent only for set-level problems with no file to point at (e.g. no input at all). */
  span?: Span;
  related: Related[];
  help?: string;
}

export interface MessageEntry {
  name: string;
  severity: Severity;
  message: string;
  help?: string;
}

export type Code = keyof typeof table;
export const messages: Record<Code, MessageEntry> = table as Record<Code, MessageEntry>;

function fill(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? "");
}

/** Build a diagnostic from the code table; wording lives in messages.json, not at call sites. */
export function diagnostic(
  code: Code,
  span: Span | undefined,
  args: readonly string[] = [],
  related: Related[] = [],
): Diagnostic {
  const entry = messages[code];
  const help = entry.help === undefined ? undefined : fill(entry.help, args).trim();
  const d: Diagnostic = {
    code,
    name: entry.name,
    severity: entry.severity,
    message: fill(entry.message, args),
    related,
  };
  if (span) d.span = span;
  if (help) d.help = help;
  return d;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order: file, line, column, code, message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.span?.file ?? "";
  const fb = b.span?.file ?? "";
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.span?.start ?? -1;
  const lb = b.span?.start ?? -1;
  if (la !== lb) return la - lb;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  if (severityRank[a.severity] !== severityRank[b.severity]) return severityRank[a.severity] - severityRank[b.severity];
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === "error");
}
