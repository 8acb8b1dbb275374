import { hasErrors, loadCharterSet } from "@charter/lang";
import { ExitCode } from "../exit-codes.js";
import { jsonDiagnostics, prettyReport } from "../report/diagnostics.js";
import { terminalStyle } from "../report/style.js";

export interface CheckOptions {
  format: "pretty" | "json";
}

/** `charter check PATHS…`: parse and check a set; print diagnostics. */
export function runCheck(paths: string[], opts: CheckOptions): ExitCode {
  const loaded = loadCharterSet(paths);
  const out =
    opts.format === "json"
      ? jsonDiagnostics(loaded.diagnostics, loaded.sources.length)
      : prettyReport(loaded.diagnostics, loaded.sources, terminalStyle(process.stdout));
  process.stdout.write(out);
  if (loaded.inputError) return ExitCode.Usage;
  return hasErrors(loaded.diagnostics) ? ExitCode.Findings : ExitCode.Ok;
}
