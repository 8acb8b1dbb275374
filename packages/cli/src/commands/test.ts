import { runExamples } from "@charter/engine";
import { lineMaps, type Clause } from "@charter/lang";
import { ExitCode } from "../exit-codes.js";
import { write } from "../terminal.js";
import { loadCompiled } from "../load.js";
import { terminalStyle } from "../report/style.js";

function clauseHead(c: Clause, text: string | undefined): string {
  const line = text?.slice(c.span.start, c.span.end).split("\n")[0] ?? c.kind;
  return line.length > 72 ? `${line.slice(0, 71)}…` : line;
}

/** `charter test PATHS [--coverage]`: run every `example`; exit 1 on any failed expectation. */
export function runTest(paths: string[], opts: { coverage: boolean }): ExitCode {
  const loaded = loadCompiled(paths);
  if (!loaded) return ExitCode.Usage;
  const style = terminalStyle(1);
  const run = runExamples(loaded.compiled);
  const maps = lineMaps([...loaded.texts].map(([file, text]) => ({ file, text })));
  const out: string[] = [];
  let failed = 0;
  for (const r of run.results) {
    const where = `${r.file}:${r.span.line}`;
    if (!r.failures.length) {
      out.push(`${style.note("pass")} ${r.name}  ${style.dim(where)}`);
      continue;
    }
    failed++;
    out.push(`${style.error("FAIL")} ${r.name}  ${style.dim(where)}`);
    for (const f of r.failures) {
      out.push(`  ${f.span.file}:${f.span.line}:${f.span.column}: ${f.message}`);
      const text = maps.get(f.span.file)?.lineText(f.span.line);
      if (text !== undefined) out.push(`  ${style.dim(`${f.span.line} |`)} ${text}`);
    }
  }
  const passed = run.results.length - failed;
  out.push("", `${passed} passed, ${failed} failed (${run.results.length} example${run.results.length === 1 ? "" : "s"})`);
  if (opts.coverage) {
    const missed = loaded.compiled.clauses.filter((c) => !run.exercised.has(c.order));
    const total = loaded.compiled.clauses.length;
    out.push("", style.bold(`coverage: ${total - missed.length} of ${total} clauses exercised by an example`));
    for (const c of missed) out.push(`  ${c.file}:${c.via.line}:${c.via.column}  ${clauseHead(c.source, loaded.texts.get(c.file))}`);
  }
  write(1, out.join("\n") + "\n");
  return failed ? ExitCode.Findings : ExitCode.Ok;
}
