// The regions the lint rules report, per oracle key (see oracle.ts), built from the AnalysisContext the
// rules use: gaps exactly as rules/gap.ts does (its exported governedRegion), the others with the same
// formulas as the rule files (overlapping-authority.ts, ultra-vires.ts, guardrail.ts, no-receiver.ts).
// Where a rule uses a private helper (guardrail's AtLeast DP) the formula here is an equivalent but
// different one (a union over k-subsets), so the algebra is exercised along two paths.
import type { CheckedSet, Clause } from "../../packages/lang/src/index.js";
import type { AnalysisContext } from "../../packages/engine/src/analysis/context.js";
import { governedRegion } from "../../packages/engine/src/analysis/rules/gap.js";
import { declaredTogether } from "../../packages/engine/src/analysis/rules/overlapping-authority.js";
import { intersectRegion, subtractRegion, type Region } from "../../packages/engine/src/space/index.js";
import { allKeys, isLayer, pairKey } from "./oracle.js";

const approvers = (c: Clause): string[] => (c.kind === "govern" ? c.grants.filter((g) => g.role === "approve").flatMap((g) => g.bodies.map((b) => b.name)) : []);

function subsets<T>(xs: T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (xs.length < k) return [];
  const [head, ...rest] = xs;
  return [...subsets(rest, k - 1).map((s) => [head!, ...s]), ...subsets(rest, k)];
}

/** Where at least `n` of the regions hold: the union over n-subsets of their intersections. */
function atLeast(ctx: AnalysisContext, regions: Region[], n: number): Region {
  return subsets(regions, n).flatMap((s) => s.reduce((acc, r) => intersectRegion(acc, r), [ctx.space.full] as Region));
}

function satisfied(ctx: AnalysisContext, g: Clause & { kind: "guardrail" }): Region {
  const bodies = [...ctx.set.bodies.values()];
  const approves = (id: string) => ctx.granted(id, "approve");
  const r = g.require;
  switch (r.kind) {
    case "layer":
      return bodies.filter((b) => b.layer === r.layer.name).flatMap((b) => approves(b.id));
    case "layers":
      return atLeast(ctx, ctx.set.layers.map((l) => bodies.filter((b) => b.layer === l.name).flatMap((b) => approves(b.id))), r.count);
    case "approvers":
      return atLeast(ctx, bodies.map((b) => approves(b.id)), r.count);
    case "competence":
      return subtractRegion([ctx.space.full], bodies.flatMap((b) => subtractRegion(ctx.governedAfterPrecedence(b.id, "approve"), ctx.competence(b))));
  }
}

export function symbolicRegions(ctx: AnalysisContext): Map<string, Region> {
  const set: CheckedSet = ctx.set;
  const out = new Map<string, Region>();
  for (const k of allKeys(set)) out.set(k, []);

  out.set("gap", subtractRegion([ctx.space.full], governedRegion(ctx)));

  // Overlaps: per clause pair, the common ground, per approver pair; then minus overridden and declared.
  const governs = set.clauses.filter((p) => p.clause.kind === "govern");
  const raw = new Map<string, Region>();
  for (let i = 0; i < governs.length; i++) {
    for (let j = i + 1; j < governs.length; j++) {
      const both = intersectRegion(ctx.region(governs[i]!.clause), ctx.region(governs[j]!.clause));
      if (!both.length) continue;
      for (const a of approvers(governs[i]!.clause)) {
        for (const b of approvers(governs[j]!.clause)) {
          if (a === b) continue;
          const key = pairKey(a, b);
          const standing = intersectRegion(intersectRegion(both, ctx.governedAfterPrecedence(a, "approve")), ctx.governedAfterPrecedence(b, "approve"));
          raw.set(key, [...(raw.get(key) ?? []), ...standing]);
        }
      }
    }
  }
  for (const [key, region] of raw) {
    const [a, b] = key.slice("overlap:".length).split("|") as [string, string];
    const declared = declaredTogether(ctx, a, b);
    out.set(key, subtractRegion(subtractRegion(region, ctx.overridden), declared));
  }

  set.clauses.forEach((pc, i) => {
    const c = pc.clause;
    if (pc.owner !== undefined) {
      const delegated = ctx.union((d) => d.kind === "delegate" && d.to.name === pc.owner);
      out.set(`ultra:${i}`, subtractRegion(ctx.region(c), delegated));
    }
    if (c.kind === "guardrail") {
      const scope = subtractRegion(ctx.region(c), ctx.overridden);
      out.set(`guardrail:${i}`, subtractRegion(scope, satisfied(ctx, c)));
    }
    if (c.kind === "escalate" && isLayer(set, c.to.name)) {
      const receivers = [...set.bodies.values()].filter((b) => b.layer === c.to.name).flatMap((b) => ctx.covers(b));
      out.set(`noreceiver:${i}`, subtractRegion(subtractRegion(ctx.region(c), ctx.overridden), receivers));
    }
  });
  return out;
}
