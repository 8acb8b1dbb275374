import { hasErrors, loadCharterSet } from "@charter/lang";
import { ExitCode } from "../exit-codes.js";
import { write } from "../terminal.js";
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
      : prettyReport(loaded.diagnostics, loaded.sources, terminalStyle(1));
  write(1, out);
  if (loaded.inputError) return ExitCode.Usage;
  return hasErrors(loaded.diagnostics) ? ExitCode.Findings : ExitCode.Ok;
}
