// CH4005: a clause that can never apply, or whose every deployment is prohibited or exempt anyway.
import { isEmptyRegion, intersectRegion, subtractRegion } from "../../space/box.js";
import type { AnalysisContext } from "../context.js";
import type { RawFinding, Rule } from "../rule.js";

export const deadClause: Rule = {
  meta: { code: "CH4005", name: "dead-clause", kind: "dead-clause", description: "A clause whose condition and dates can never hold, or that is always overridden by a prohibition or an exemption." },
  run(ctx: AnalysisContext) {
    const out: RawFinding[] = [];
    for (const p of ctx.set.clauses) {
      const c = p.clause;
      if (c.kind === "delegate" || c.kind === "guardrail") continue;
      const r = ctx.region(c);
      if (isEmptyRegion(r)) {
        out.push({ span: c.keywordSpan, args: [c.kind, "can never apply: no deployment satisfies its patterns, condition and dates", "fix the condition or the dates, or remove the clause"] });
        continue;
      }
      if (c.kind === "prohibit") continue;
      const over = c.kind === "exempt" ? ctx.prohibited : ctx.overridden;
      if (!isEmptyRegion(subtractRegion(r, over))) continue;
      const related = ctx.set.clauses
        .filter((q) => (q.clause.kind === "prohibit" || (c.kind !== "exempt" && q.clause.kind === "exempt")) && intersectRegion(r, ctx.region(q.clause)).length > 0)
        .map((q) => ({ span: q.clause.keywordSpan, message: `overridden here by \`${q.clause.kind}\`` }));
      out.push({ span: c.keywordSpan, args: [c.kind, `never matters: every deployment it applies to is ${c.kind === "exempt" ? "prohibited" : "prohibited or exempt"}`, "remove it, or narrow the overriding clause"], related });
    }
    return out;
  },
};
