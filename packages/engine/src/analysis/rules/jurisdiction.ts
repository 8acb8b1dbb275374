// CH4004: a body granted (approve or notify) where its `covers` does not hold.
import type { BodyInfo, Clause, Span } from "@charter/lang";
import { subtractRegion } from "../../space/box.js";
import type { AnalysisContext } from "../context.js";
import { showRegion } from "../report-region.js";
import type { RawFinding, Rule } from "../rule.js";

/** The part of clause `c`'s (non-overridden) ground outside body `b`'s covers, as a finding at `at`. */
function outsideCovers(ctx: AnalysisContext, c: Clause, b: BodyInfo, at: Span): RawFinding | undefined {
  // Outside the covers first: usually nothing is, and the overrides need not be looked at.
  const beyond = subtractRegion(ctx.region(c), ctx.covers(b));
  if (beyond.length === 0) return undefined;
  const outside = showRegion(ctx, subtractRegion(beyond, ctx.near(ctx.overridden, beyond)));
  if (!outside) return undefined;
  const coversProp = b.decl.props.find((x) => x.kind === "covers")!;
  return { span: at, args: [b.id, outside.text], related: [{ span: coversProp.span, message: `where \`${b.id}\` has jurisdiction` }], witness: outside.witness, region: outside.plain };
}

export const jurisdiction: Rule = {
  meta: { code: "CH4004", name: "jurisdiction", kind: "jurisdiction", description: "A govern rule, or an escalation naming a body, gives a body authority where its `covers` does not hold." },
  run(ctx: AnalysisContext) {
    const out: RawFinding[] = [];
    for (const p of ctx.clauses("govern")) {
      const c = p.clause;
      if (c.kind !== "govern") continue;
      const seen = new Set<string>();
      for (const g of c.grants) {
        for (const n of g.bodies) {
          const b = ctx.set.bodies.get(n.name)!;
          if (!b.covers || seen.has(b.id)) continue;
          seen.add(b.id);
          const f = outsideCovers(ctx, c, b, n.span);
          if (f) out.push(f);
        }
      }
    }
    // An escalation to a body by name adds it whatever its `covers` (language.md §3): flag where that reaches outside.
    for (const p of ctx.clauses("escalate")) {
      const c = p.clause;
      if (c.kind !== "escalate" || ctx.set.layers.some((l) => l.name === c.to.name)) continue;
      const b = ctx.set.bodies.get(c.to.name)!;
      if (!b.covers) continue;
      const f = outsideCovers(ctx, c, b, c.to.span);
      if (f) out.push(f);
    }
    return out;
  },
};
