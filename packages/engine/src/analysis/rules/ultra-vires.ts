// CH4003: a body's rule reaching outside what the constitution delegated to it (domains, conditions, dates).
import { subtractRegion, type Region } from "../../space/box.js";
import type { AnalysisContext } from "../context.js";
import { showRegion } from "../report-region.js";
import type { RawFinding, Rule } from "../rule.js";

export const ultraVires: Rule = {
  meta: { code: "CH4003", name: "ultra-vires", kind: "ultra-vires", description: "A rule in a body's charter that reaches outside the delegations to that body." },
  run(ctx: AnalysisContext) {
    const out: RawFinding[] = [];
    // Each body's delegations, gathered once (not once per rule of its charter).
    const rooms = new Map<string, Region>();
    for (const d of ctx.clauses("delegate")) if (d.clause.kind === "delegate") rooms.set(d.clause.to.name, [...(rooms.get(d.clause.to.name) ?? []), ...ctx.region(d.clause)]);
    for (const p of ctx.set.clauses) {
      if (p.owner === undefined) continue;
      const delegated = rooms.get(p.owner) ?? [];
      const outside = showRegion(ctx, subtractRegion(ctx.region(p.clause), delegated));
      if (!outside) continue;
      const related = ctx.clauses("delegate").filter((d) => d.clause.kind === "delegate" && d.clause.to.name === p.owner).map((d) => ({ span: d.clause.keywordSpan, message: `a delegation to \`${p.owner}\`` }));
      out.push({ span: p.clause.keywordSpan, args: [p.owner, outside.text], related, witness: outside.witness, region: outside.plain });
    }
    return out;
  },
};
