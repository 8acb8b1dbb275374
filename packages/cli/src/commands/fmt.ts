import { readFileSync, writeFileSync } from "node:fs";
import { format, readCharterFiles, type Diagnostic } from "@charter/lang";
import { ExitCode } from "../exit-codes.js";
import { write } from "../terminal.js";
import { prettyReport } from "../report/diagnostics.js";
import { terminalStyle } from "../report/style.js";

export interface FmtOptions {
  check: boolean;
}

/**
 * `charter fmt [--check] PATHS…`: rewrite files in canonical layout. A file that does not parse is
 * reported and left untouched (exit 2); `--check` writes nothing and lists unformatted files (exit 1).
 */
export function runFmt(paths: string[], opts: FmtOptions): ExitCode {
  const read = readCharterFiles(paths);
  const problems: Diagnostic[] = [...read.diagnostics];
  const unformatted: string[] = [];
  let changed = 0;
  for (const src of read.sources) {
    const r = format(src.text, src.file);
    if (r.output === undefined) {
      problems.push(...r.diagnostics);
      continue;
    }
    if (r.output === src.text) continue;
    if (opts.check) unformatted.push(src.file);
    else {
      // Re-read just before writing: never overwrite an edit made while we were formatting.
      if (readFileSync(src.file, "utf8") === src.text) {
        writeFileSync(src.file, r.output);
        changed++;
      }
    }
  }
  const style = terminalStyle(2);
  if (problems.length > 0) write(2, prettyReport(problems, read.sources, style));
  if (opts.check) {
    for (const f of unformatted) write(1, `${f}\n`);
    if (unformatted.length > 0) write(2, `${unformatted.length} file${unformatted.length === 1 ? "" : "s"} not formatted; run \`charter fmt\` to fix\n`);
  } else if (changed > 0) {
    write(2, `formatted ${changed} file${changed === 1 ? "" : "s"}\n`);
  }
  if (problems.length > 0) return ExitCode.Usage;
  return unformatted.length > 0 ? ExitCode.Findings : ExitCode.Ok;
}
