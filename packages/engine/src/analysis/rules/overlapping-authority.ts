// CH4002: two bodies granted approval by different clauses on common ground, with no joint or precedence.
import type { Clause, GovernClause, PlacedClause } from "@charter/lang";
import { hullRegion, intersectRegion, mayMeet, subtractRegion, type Region } from "../../space/box.js";
import { domainPatterns } from "../../space/describe.js";
import type { AnalysisContext } from "../context.js";
import { showRegion } from "../report-region.js";
import type { Rule } from "../rule.js";

function approvers(c: GovernClause): string[] {
  return c.grants.filter((g) => g.role === "approve").flatMap((g) => g.bodies.map((b) => b.name));
}

const approverSets = new WeakMap<GovernClause, Set<string>>();
const relating = new WeakMap<AnalysisContext, { clause: Clause; names: Set<string> }[]>();

/** The clauses that can relate two bodies here, with the bodies each names (built once per context). */
function relations(ctx: AnalysisContext): { clause: Clause; names: Set<string> }[] {
  let r = relating.get(ctx);
  if (!r) {
    r = [];
    for (const p of ctx.clauses()) {
      const c = p.clause;
      if (c.kind === "joint") r.push({ clause: c, names: new Set(c.bodies.map((b) => b.name)) });
      else if (c.kind === "precedence") r.push({ clause: c, names: new Set([c.winner.name, c.loser.name]) });
      else if (c.kind === "govern") {
        let set = approverSets.get(c);
        if (!set) approverSets.set(c, (set = new Set(approvers(c))));
        if (set.size >= 2) r.push({ clause: c, names: set });
      }
    }
    relating.set(ctx, r);
  }
  return r;
}

/**
 * Where the charter says how a and b combine: a `joint` naming both, a `precedence` between them, or a
 * single `govern` that approves both (listed approvers are joint, language.md §3).
 */
export function declaredTogether(ctx: AnalysisContext, a: string, b: string): Region {
  return relations(ctx).flatMap((x) => (x.names.has(a) && x.names.has(b) ? ctx.region(x.clause) : []));
}

const byBody = new WeakMap<AnalysisContext, Map<string, PlacedClause[]>>();

/** The govern clauses approving each body, in source order (built once per context). */
function grantsOf(ctx: AnalysisContext, body: string): PlacedClause[] {
  let m = byBody.get(ctx);
  if (!m) {
    m = new Map();
    for (const p of ctx.clauses("govern")) {
      if (p.clause.kind !== "govern") continue;
      for (const a of new Set(approvers(p.clause))) {
        const list = m.get(a);
        if (list) list.push(p);
        else m.set(a, [p]);
      }
    }
    byBody.set(ctx, m);
  }
  return m.get(body) ?? [];
}

export const overlappingAuthority: Rule = {
  meta: { code: "CH4002", name: "overlapping-authority", kind: "overlap", description: "Two bodies approve the same deployments through different clauses, and the charter does not say how they combine." },
  perClass: {
    regions(ctx) {
      const out = new Map<string, Region>();
      const bodies = ctx.governBodies("approve");
      // Each body's grants standing after precedence and outside prohibitions and exemptions, once per
      // body: (A ∩ B) \ O = (A \ O) ∩ (B \ O), and there are far fewer bodies than pairs.
      const standing = bodies.map((a) => subtractRegion(ctx.governedAfterPrecedence(a, "approve"), ctx.overridden));
      // Each body's hull, once: most pairs are told apart by it (different regions, purposes, …).
      const hulls = standing.map(hullRegion);
      for (let i = 0; i < bodies.length; i++) {
        for (let j = i + 1; j < bodies.length; j++) {
          const a = bodies[i]!;
          const b = bodies[j]!;
          if (!hulls[i] || !hulls[j] || !mayMeet(hulls[i]!, hulls[j]!)) continue;
          const both = intersectRegion(standing[i]!, standing[j]!);
          if (!both.length) continue;
          // A region where one clause lists both (or joint, or precedence relates them) is declared.
          const declared = declaredTogether(ctx, a, b);
          const open = declared.length ? subtractRegion(both, declared) : both;
          if (open.length) out.set(`${a}\u0000${b}`, open);
        }
      }
      return out;
    },
    report(ctx, key, region) {
      const [a, b] = key.split("\u0000") as [string, string];
      const shown = showRegion(ctx, region);
      if (!shown) return [];
      // Point at the clauses that grant each body inside what is reported.
      const firstBox = shown.boxes.slice(0, 1);
      const grantOf = (x: string) => grantsOf(ctx, x).find((p) => intersectRegion(ctx.region(p.clause), firstBox).length > 0)!;
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
