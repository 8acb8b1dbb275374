// CH4002: two bodies granted approval by different clauses on common ground, with no joint or precedence.
import type { GovernClause, PlacedClause } from "@charter/lang";
import { intersectRegion, subtractRegion, type Region } from "../../space/box.js";
import { domainPatterns } from "../../space/describe.js";
import type { AnalysisContext } from "../context.js";
import { showRegion } from "../report-region.js";
import type { Rule } from "../rule.js";

function approvers(c: GovernClause): string[] {
  return c.grants.filter((g) => g.role === "approve").flatMap((g) => g.bodies.map((b) => b.name));
}

/**
 * Where the charter says how a and b combine: a `joint` naming both, a `precedence` between them, or a
 * single `govern` that approves both (listed approvers are joint, language.md §3).
 */
export function declaredTogether(ctx: AnalysisContext, a: string, b: string): Region {
  const names = (xs: { name: string }[]) => new Set(xs.map((x) => x.name));
  return ctx.union((c) => {
    if (c.kind === "joint") {
      const n = names(c.bodies);
      return n.has(a) && n.has(b);
    }
    if (c.kind === "precedence") return (c.winner.name === a && c.loser.name === b) || (c.winner.name === b && c.loser.name === a);
    if (c.kind === "govern") {
      const n = new Set(approvers(c));
      return n.has(a) && n.has(b);
    }
    return false;
  });
}

export const overlappingAuthority: Rule = {
  meta: { code: "CH4002", name: "overlapping-authority", kind: "overlap", description: "Two bodies approve the same deployments through different clauses, and the charter does not say how they combine." },
  perClass: {
    regions(ctx) {
      const out = new Map<string, Region>();
      const bodies = [...new Set(ctx.clauses("govern").flatMap((p) => (p.clause.kind === "govern" ? approvers(p.clause) : [])))].sort();
      for (let i = 0; i < bodies.length; i++) {
        for (let j = i + 1; j < bodies.length; j++) {
          const a = bodies[i]!;
          const b = bodies[j]!;
          // Both standing after precedence; a region where one clause lists both is declared joint.
          const both = intersectRegion(ctx.governedAfterPrecedence(a, "approve"), ctx.governedAfterPrecedence(b, "approve"));
          if (!both.length) continue;
          const open = subtractRegion(subtractRegion(both, ctx.overridden), declaredTogether(ctx, a, b));
          if (open.length) out.set(`${a}\u0000${b}`, open);
        }
      }
      return out;
    },
    report(ctx, key, region) {
      const [a, b] = key.split("\u0000") as [string, string];
      const shown = showRegion(ctx, region);
      if (!shown) return [];
      const governs = ctx.clauses("govern").filter((p): p is PlacedClause & { clause: GovernClause } => p.clause.kind === "govern");
      // Point at the clauses that grant each body inside what is reported.
      const grantOf = (x: string) => governs.find((p) => approvers(p.clause).includes(x) && intersectRegion(ctx.region(p.clause), shown.boxes.slice(0, 1)).length > 0)!;
      const [first, second] = [grantOf(a), grantOf(b)].sort((x, y) => ctx.indexOf(x) - ctx.indexOf(y)) as [PlacedClause, PlacedClause];
      const dom = shown.boxes[0]![0]!;
      const patterns = dom.kind === "bits" ? domainPatterns(ctx.space, dom.bits).join(", ") : "*";
      return [
        {
          span: second.clause.keywordSpan,
          args: [a, b, shown.text, patterns],
          related: [{ span: first.clause.keywordSpan, message: "the other grant" }],
          witness: shown.witness,
          region: shown.plain,
        },
      ];
    },
  },
};
