// Diagnostics as pretty text or JSON, shared by `check`, `fmt` and later `lint`.
import { lineMaps, renderDiagnostic, summary, type Diagnostic, type SourceText, type Style } from "@charter/lang";

export function prettyReport(diags: readonly Diagnostic[], sources: SourceText[], style: Style): string {
  const maps = lineMaps(sources);
  const blocks = diags.map((d) => renderDiagnostic(d, maps, style));
  return [...blocks, summary(diags, sources.length)].join("\n\n") + "\n";
}

/** The JSON shape: a stable contract (language.md §7 uses the same finding fields). */
/** A diagnostic, or a lint finding that also carries a kind, a region and a witness. */
export type Reported = Diagnostic & { kind?: string; region?: string; witness?: unknown };

export function jsonDiagnostics(diags: readonly Reported[], fileCount: number): string {
  const findings = diags.map((d) => ({
    code: d.code,
    name: d.name,
    kind: d.kind ?? kindOf(d.code),
    severity: d.severity,
    message: d.message,
    file: d.span?.file ?? null,
    line: d.span?.line ?? null,
    column: d.span?.column ?? null,
    endLine: d.span?.endLine ?? null,
    endColumn: d.span?.endColumn ?? null,
    ...(d.help ? { help: d.help } : {}),
    related: d.related.map((r) => ({ message: r.message, file: r.span.file, line: r.span.line, column: r.span.column })),
    ...(d.region !== undefined ? { region: d.region } : {}),
    ...(d.witness !== undefined ? { witness: d.witness } : {}),
  }));
  const count = (s: string) => diags.filter((d) => d.severity === s).length;
  return JSON.stringify({ findings, summary: { files: fileCount, errors: count("error"), warnings: count("warning"), infos: count("info") } }, null, 2) + "\n";
}

/** The `kind` of language.md §7 from the code's stage (`authority` and `input` are documented additions). */
export function kindOf(code: string): string {
  if (code === "CH3006") return "ultra-vires";
  if (code.startsWith("CH1")) return "syntax";
  if (code.startsWith("CH20")) return "name";
  if (code.startsWith("CH21")) return "type";
  if (code.startsWith("CH3")) return "authority";
  if (code.startsWith("CH5")) return "input";
  return "lint";
}
