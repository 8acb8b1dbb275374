// Charter diagnostics → LSP diagnostics: CH code, a link to its docs page, related spans, and the
// help line kept in `data` so quick fixes can read the suggestion back.
import type { Diagnostic } from "@charter/lang";
import { rules } from "@charter/engine";
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic as LspDiagnostic } from "vscode-languageserver";
import { toRange } from "./convert.js";

/** What a quick fix needs from a published diagnostic. */
export interface DiagnosticData {
  help?: string;
}

const ruleNames = new Map(rules.map((r) => [r.meta.code as string, r.meta.name]));
// Findings about code that does nothing: editors fade it.
const UNNECESSARY = new Set(["CH4005", "CH4009", "CH4010", "CH4011"]);

const severity = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** The docs page of a code: a lint rule's own page, else the diagnostics table of the language guide (as SARIF's helpUri). */
export function docsHref(code: string, helpBase: string): string {
  const rule = ruleNames.get(code);
  return rule ? `${helpBase}${rule}.md` : `${helpBase.replace(/rules\/?$/, "")}language.md#11-diagnostics`;
}

/** Convert one located diagnostic; `uriOf` maps a span's file to the URI the client knows it by. */
export function toLspDiagnostic(d: Diagnostic & { span: NonNullable<Diagnostic["span"]> }, helpBase: string, uriOf: (file: string) => string): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toRange(d.span),
    severity: severity[d.severity],
    code: d.code,
    codeDescription: { href: docsHref(d.code, helpBase) },
    source: "charter",
    message: d.help ? `${d.message}\nhelp: ${d.help}` : d.message,
  };
  if (d.related.length > 0) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: uriOf(r.span.file), range: toRange(r.span) }, message: r.message }));
  }
  if (UNNECESSARY.has(d.code)) out.tags = [DiagnosticTag.Unnecessary];
  const data: DiagnosticData = d.help ? { help: d.help } : {};
  out.data = data;
  return out;
}
