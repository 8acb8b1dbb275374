// CH4005: a clause that can never apply, or whose every deployment is prohibited or exempt anyway.
import { isEmptyBox, isEmptyRegion, intersectRegion, samplePointOutside, subtractRegion } from "../../space/box.js";
import type { AnalysisContext } from "../context.js";
import { showRegion } from "../report-region.js";
import type { RawFinding, Rule } from "../rule.js";

export const deadClause: Rule = {
  meta: { code: "CH4005", name: "dead-clause", kind: "dead-clause", description: "A clause whose patterns, condition and dates can never hold together (a vacuous guardrail or delegation included), or that is always overridden by a prohibition or an exemption." },
  run(ctx: AnalysisContext) {
    const out: RawFinding[] = [];
    for (const p of ctx.set.clauses) {
      const c = p.clause;
      const r = ctx.region(c);
      if (isEmptyRegion(r)) {
        const what = c.kind === "guardrail" ? "constrains nothing: no deployment is in its scope" : c.kind === "delegate" ? "delegates nothing: no deployment satisfies its patterns, condition and dates" : "can never apply: no deployment satisfies its patterns, condition and dates";
        out.push({ span: c.keywordSpan, args: [c.kind, what, "fix the condition or the dates, or remove the clause"] });
        continue;
      }
      if (c.kind === "prohibit" || c.kind === "delegate" || c.kind === "guardrail") continue;
      const over = ctx.near(c.kind === "exempt" ? ctx.prohibited : ctx.overridden, r);
      // Almost no clause is overridden everywhere: a point of its first box usually shows it at once.
      if (!isEmptyBox(r[0]!) && samplePointOutside(r[0]!, over)) continue;
      if (!isEmptyRegion(subtractRegion(r, over))) continue;
      const related = ctx.set.clauses
        .filter((q) => (q.clause.kind === "prohibit" || (c.kind !== "exempt" && q.clause.kind === "exempt")) && intersectRegion(r, ctx.region(q.clause)).length > 0)
        .map((q) => ({ span: q.clause.keywordSpan, message: `overridden here by \`${q.clause.kind}\`` }));
      // The witness: a deployment the clause applies to, which the query answers prohibited or exempt.
      const shown = showRegion(ctx, r);
      const f: RawFinding = { span: c.keywordSpan, args: [c.kind, `never matters: every deployment it applies to is ${c.kind === "exempt" ? "prohibited" : "prohibited or exempt"}`, "remove it, or narrow the overriding clause"], related };
      if (shown) {
        f.witness = shown.witness;
        f.region = shown.plain;
      }
      out.push(f);
    }
    return out;
  },
};
