import { readFileSync } from "node:fs";
import { diagnostic, isCalendarDate, type Diagnostic, type SourceText } from "@charter/lang";
import { explain, query, queryPartial, readValidWith, today, type Answer, type Deployment, type TraceEntry, type Validate } from "@charter/engine";
import { ExitCode } from "../exit-codes.js";
import { write } from "../terminal.js";
import { loadCompiled } from "../load.js";
import { answerText } from "../report/answer-text.js";
import { prettyReport } from "../report/diagnostics.js";
import { terminalStyle } from "../report/style.js";
import { descriptorValidator } from "../validator-cache.js";

export interface QueryOptions {
  deployment: string[];
  at?: string;
  format: "text" | "json";
  explain: boolean;
  partial: boolean;
}

function readInput(path: string): SourceText | Diagnostic {
  try {
    return path === "-" ? { file: "<stdin>", text: readFileSync(0, "utf8") } : { file: path, text: readFileSync(path, "utf8") };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return diagnostic("CH5001", undefined, [path, code === "ENOENT" ? "no such file" : String(code ?? e)]);
  }
}

/** `charter query PATHS --deployment FILE…`: who must approve, who is told, what escalated, and why. */
export async function runQuery(paths: string[], opts: QueryOptions): Promise<ExitCode> {
  if (opts.at !== undefined && !isCalendarDate(opts.at)) {
    write(2, prettyReport([diagnostic("CH5110", undefined, [opts.at])], [], terminalStyle(2)));
    return ExitCode.Usage;
  }
  const loaded = loadCompiled(paths);
  if (!loaded) return ExitCode.Usage;
  const inputs: SourceText[] = [];
  const problems: Diagnostic[] = [];
  const deployments: Deployment[] = [];
  let anyBatch = false;
  let validate: Validate | undefined;
  for (const p of opts.deployment) {
    const input = readInput(p);
    if ("code" in input) {
      problems.push(input);
      continue;
    }
    inputs.push(input);
    // readDescriptors in two steps, so that the `yaml` library is loaded only for input with a problem,
    // and ajv only for a schema whose validator is not in the cache (validator-cache.ts).
    validate ??= await descriptorValidator(loaded.set, opts.partial);
    const valid = readValidWith(loaded.set, input.text, validate);
    const r = valid ? { deployments: valid, diagnostics: [] } : (await import("@charter/engine/read-located")).readLocated(loaded.set, input.text, input.file, { partial: opts.partial });
    problems.push(...r.diagnostics);
    if (r.deployments.length !== 1 || /^\s*\[/.test(input.text)) anyBatch = true;
    deployments.push(...r.deployments);
  }
  if (problems.length) {
    write(2, prettyReport(problems, inputs, terminalStyle(2)));
    return ExitCode.Usage;
  }
  const date = opts.at ?? today();
  const answers: { answer: Answer; trace?: TraceEntry[] }[] = deployments.map((d) => {
    const dated: Deployment = { ...d, at: opts.at ?? d.at ?? date };
    const answer = opts.partial ? queryPartial(loaded.compiled, dated) : query(loaded.compiled, dated);
    const slice = (file: string, s: number, e: number) => loaded.texts.get(file)?.slice(s, e) ?? "";
    return opts.explain ? { answer, trace: explain(loaded.compiled, dated, slice) } : { answer };
  });
  if (opts.format === "json") {
    const objects = answers.map((a) => (a.trace ? { ...a.answer, trace: a.trace } : a.answer));
    const lines = anyBatch || opts.deployment.length > 1 ? objects.map((o) => JSON.stringify(o)).join("\n") + "\n" : JSON.stringify(objects[0], null, 2) + "\n";
    write(1, lines);
  } else {
    const style = terminalStyle(1);
    const layers = loaded.set.layers.map((l) => l.name);
    write(1, answers.map((a) => answerText(a.answer, layers, style, a.trace)).join("\n"));
  }
  return ExitCode.Ok;
}
