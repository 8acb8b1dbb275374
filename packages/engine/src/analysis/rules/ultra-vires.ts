// CH4003: a body's rule reaching outside what the constitution delegated to it (domains, conditions, dates).
import { subtractRegion } from "../../space/box.js";
import type { AnalysisContext } from "../context.js";
import { showRegion } from "../report-region.js";
import type { RawFinding, Rule } from "../rule.js";

export const ultraVires: Rule = {
  meta: { code: "CH4003", name: "ultra-vires", kind: "ultra-vires", description: "A rule in a body's charter that reaches outside the delegations to that body." },
  run(ctx: AnalysisContext) {
    const out: RawFinding[] = [];
    for (const p of ctx.set.clauses) {
      if (p.owner === undefined) continue;
      const delegated = ctx.union((c) => c.kind === "delegate" && c.to.name === p.owner);
      const outside = showRegion(ctx, subtractRegion(ctx.region(p.clause), delegated));
      if (!outside) continue;
      const related = ctx.clauses("delegate").filter((d) => d.clause.kind === "delegate" && d.clause.to.name === p.owner).map((d) => ({ span: d.clause.keywordSpan, message: `a delegation to \`${p.owner}\`` }));
      out.push({ span: p.clause.keywordSpan, args: [p.owner, outside.text], related, witness: outside.witness, region: outside.plain });
    }
    return out;
  },
};
