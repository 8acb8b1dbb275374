// CH4008: an `example` block whose expectations the engine does not meet.
import { runExamples } from "../../examples/run.js";
import type { AnalysisContext } from "../context.js";
import type { RawFinding, Rule } from "../rule.js";

export const exampleFailure: Rule = {
  meta: { code: "CH4008", name: "example-failure", kind: "example", description: "An example's expectations are not what the engine answers." },
  run(ctx: AnalysisContext) {
    const out: RawFinding[] = [];
    if (ctx.set.examples.length === 0) return out; // nothing to run: no need for the query IR
    // Examples without a date run on the set's default day, so lint output does not change with today.
    const run = runExamples(ctx.compiled, ctx.defaultDate);
    for (const r of run.results) {
      for (const f of r.failures) out.push({ span: f.span, args: [r.name, f.message], related: [{ span: r.span, message: "the example" }] });
    }
    return out;
  },
};
