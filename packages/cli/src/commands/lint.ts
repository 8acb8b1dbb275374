import { compareDiagnostics, hasErrors, lineMaps, loadCharterSet, renderDiagnostic, summary, type SourceText, type Style } from "@charter/lang";
import { analyse, ignorer, loadConfig, type Finding } from "@charter/engine";
import { ExitCode } from "../exit-codes.js";
import { write } from "../terminal.js";
import { jsonDiagnostics, prettyReport, type Reported } from "../report/diagnostics.js";
import { githubReport } from "../report/github.js";
import { sarifReport } from "../report/sarif.js";
import { terminalStyle } from "../report/style.js";
import { witnessYaml } from "../report/witness.js";
import { VERSION } from "../version.js";

export interface LintCommandOptions {
  format: "pretty" | "json" | "sarif" | "github";
  config?: string;
}

/** Pretty lint output: grouped by file, each finding with its source excerpt and a ready-to-run witness. */
function prettyLint(findings: readonly Reported[], sources: SourceText[], style: Style): string {
  const maps = lineMaps(sources);
  const out: string[] = [];
  let file: string | undefined;
  for (const f of findings) {
    const here = f.span?.file;
    if (here !== file) {
      file = here;
      if (here) out.push(style.bold(here), "");
    }
    let block = renderDiagnostic(f, maps, style);
    if (f.witness) {
      const yaml = witnessYaml(f.witness as Parameters<typeof witnessYaml>[0]).trimEnd().split("\n").map((l) => `    ${l}`).join("\n");
      block += `\n  ${style.note("witness")} (pipe to \`charter query … --deployment -\`):\n${yaml}`;
    }
    out.push(block, "");
  }
  out.push(summary(findings as Reported[], sources.length));
  return out.join("\n") + "\n";
}

/** `charter lint PATHS`: check, then the whole-space analyses; exit 1 on any error-level finding. */
export function runLint(paths: string[], opts: LintCommandOptions): ExitCode {
  const { config, diagnostics: configProblems, text } = loadConfig(opts.config);
  if (configProblems.length) {
    const src = config.file && text !== undefined ? [{ file: config.file, text }] : [];
    write(2, prettyReport(configProblems, src, terminalStyle(2)));
    return ExitCode.Usage;
  }
  const loaded = loadCharterSet(paths);
  let findings: Reported[] = loaded.diagnostics;
  if (!loaded.inputError && !hasErrors(loaded.diagnostics) && loaded.set) {
    const analysed: Finding[] = analyse(loaded.set, { levels: config.levels });
    // The one ordering every report uses (file, offset, code, message) — not a locale-dependent copy of it.
    findings = [...loaded.diagnostics, ...analysed].sort(compareDiagnostics);
  }
  const ignored = ignorer(config);
  findings = findings.filter((f) => !f.span || !ignored(f.span.file));
  switch (opts.format) {
    case "json":
      write(1, jsonDiagnostics(findings, loaded.sources.length));
      break;
    case "sarif":
      write(1, sarifReport(findings, config, VERSION));
      break;
    case "github":
      write(1, githubReport(findings));
      break;
    default:
      write(1, prettyLint(findings, loaded.sources, terminalStyle(1)));
  }
  if (loaded.inputError) return ExitCode.Usage;
  return hasErrors(findings) ? ExitCode.Findings : ExitCode.Ok;
}
