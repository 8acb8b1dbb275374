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

interface Contribution {
  first: PlacedClause;
  second: PlacedClause;
  region: Region;
}

export const overlappingAuthority: Rule = {
  meta: { code: "CH4002", name: "overlapping-authority", kind: "overlap", description: "Two bodies approve the same deployments through different clauses, and the charter does not say how they combine." },
  run(ctx) {
    const governs = ctx.clauses("govern").filter((p): p is PlacedClause & { clause: GovernClause } => p.clause.kind === "govern");
    // Per unordered body pair: every clause pair that grants both, reported once.
    const pairs = new Map<string, { a: string; b: string; parts: Contribution[] }>();
    for (let i = 0; i < governs.length; i++) {
      const ci = governs[i]!;
      for (let j = i + 1; j < governs.length; j++) {
        const cj = governs[j]!;
        const both = intersectRegion(ctx.region(ci.clause), ctx.region(cj.clause));
        if (!both.length) continue;
        for (const a of approvers(ci.clause)) {
          for (const b of approvers(cj.clause)) {
            if (a === b) continue;
            // Only grants that survive precedence (by these two or a third body) put both in the answer.
            const standing = intersectRegion(intersectRegion(both, ctx.governedAfterPrecedence(a, "approve")), ctx.governedAfterPrecedence(b, "approve"));
            if (!standing.length) continue;
            const [x, y] = a < b ? [a, b] : [b, a];
            const key = `${x}\u0000${y}`;
            const entry = pairs.get(key) ?? { a: x, b: y, parts: [] };
            entry.parts.push({ first: ci, second: cj, region: standing });
            pairs.set(key, entry);
          }
        }
      }
    }
    const out: RawFinding[] = [];
    for (const p of pairs.values()) {
      const exempted = [...ctx.overridden, ...declaredTogether(ctx, p.a, p.b)];
      const open = subtractRegion(p.parts.flatMap((x) => x.region), exempted);
      const shown = showRegion(ctx, open);
      if (!shown) continue;
      // Point at a clause pair that really overlaps in what is reported, not merely the first pair seen.
      const culprit = p.parts.find((x) => intersectRegion(x.region, open).length > 0)!;
      const dom = shown.boxes[0]![0]!;
      const patterns = dom.kind === "bits" ? domainPatterns(ctx.space, dom.bits).join(", ") : "*";
      out.push({
        span: culprit.second.clause.keywordSpan,
        args: [p.a, p.b, shown.text, patterns],
        related: [{ span: culprit.first.clause.keywordSpan, message: "the other grant" }],
        witness: shown.witness,
        region: shown.plain,
      });
    }
    return out;
  },
};
