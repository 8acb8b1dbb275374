// CH4002: two bodies granted approval by different clauses on common ground, with no joint or precedence.
import type { GovernClause, PlacedClause } from "@charter/lang";
import { intersectRegion, subtractRegion, type Region } from "../../space/box.js";
import { domainPatterns } from "../../space/describe.js";
import type { AnalysisContext } from "../context.js";
import { showRegion } from "../report-region.js";
import type { RawFinding, Rule } from "../rule.js";

function approvers(c: GovernClause): string[] {
  return c.grants.filter((g) => g.role === "approve").flatMap((g) => g.bodies.map((b) => b.name));
}

/** Where `joint` or `precedence` between a and b says how they combine. */
function declared(ctx: AnalysisContext, a: string, b: string): Region {
  return ctx.union((c) => (c.kind === "joint" && c.bodies.some((x) => x.name === a) && c.bodies.some((x) => x.name === b)) || (c.kind === "precedence" && ((c.winner.name === a && c.loser.name === b) || (c.winner.name === b && c.loser.name === a))));
}

export const overlappingAuthority: Rule = {
  meta: { code: "CH4002", name: "overlapping-authority", kind: "overlap", description: "Two bodies approve the same deployments through different clauses, and the charter does not say how they combine." },
  run(ctx) {
    const governs = ctx.clauses("govern").filter((p): p is PlacedClause & { clause: GovernClause } => p.clause.kind === "govern");
    // Per unordered body pair: every clause pair that grants both, reported once.
    const pairs = new Map<string, { a: string; b: string; first: [PlacedClause, PlacedClause]; region: Region }>();
    for (let i = 0; i < governs.length; i++) {
      const ci = governs[i]!;
      const ri = ctx.region(ci.clause);
      for (let j = i + 1; j < governs.length; j++) {
        const cj = governs[j]!;
        const rj = ctx.region(cj.clause);
        const both = intersectRegion(ri, rj);
        if (!both.length) continue;
        for (const a of approvers(ci.clause)) {
          for (const b of approvers(cj.clause)) {
            if (a === b) continue;
            const [x, y] = a < b ? [a, b] : [b, a];
            const key = `${x}\u0000${y}`;
            const entry = pairs.get(key) ?? { a: x, b: y, first: [ci, cj] as [PlacedClause, PlacedClause], region: [] };
            entry.region.push(...both);
            pairs.set(key, entry);
          }
        }
      }
    }
    const out: RawFinding[] = [];
    for (const p of pairs.values()) {
      const open = subtractRegion(subtractRegion(p.region, ctx.overridden), declared(ctx, p.a, p.b));
      const shown = showRegion(ctx, open);
      if (!shown) continue;
      const [c1, c2] = p.first;
      const dom = shown.boxes[0]![0]!;
      const patterns = dom.kind === "bits" ? domainPatterns(ctx.space, dom.bits).join(", ") : "*";
      out.push({
        span: c2.clause.keywordSpan,
        args: [p.a, p.b, shown.text, patterns],
        related: [{ span: c1.clause.keywordSpan, message: "the other grant" }],
        witness: shown.witness,
        region: shown.plain,
      });
    }
    return out;
  },
};
