// CH4001: deployments nobody is in charge of — no approver, notice, prohibition or exemption.
import type { Bits } from "../../space/bits.js";
import { intersectRegion, mergeRegion, subtractRegion, type Box, type Region } from "../../space/box.js";
import { describeBox } from "../../space/describe.js";
import { witness } from "../../space/witness.js";
import type { AnalysisContext } from "../context.js";
import type { RawFinding, Rule } from "../rule.js";

/** Where some clause gives an answer other than `ungoverned`. */
export function governedRegion(ctx: AnalysisContext): Region {
  // Govern grants count only where precedence leaves them standing: a precedence cycle can drop them all.
  const out: Region = [...ctx.overridden];
  if (ctx.clauses("precedence").length === 0) {
    // Nothing here drops a grant: every govern clause that names a body governs where it applies.
    for (const p of ctx.clauses("govern")) if (p.clause.kind === "govern" && p.clause.grants.some((g) => g.bodies.length > 0)) out.push(...ctx.region(p.clause));
  } else {
    const granted = new Set(ctx.clauses("govern").flatMap((p) => (p.clause.kind === "govern" ? p.clause.grants.flatMap((g) => g.bodies.map((b) => b.name)) : [])));
    for (const b of granted) out.push(...ctx.governedAfterPrecedence(b, "approve"), ...ctx.governedAfterPrecedence(b, "notify"));
  }
  for (const p of ctx.clauses("escalate")) {
    const c = p.clause;
    if (c.kind !== "escalate") continue;
    if (!ctx.set.layers.some((l) => l.name === c.to.name)) {
      out.push(...ctx.region(c));
      continue;
    }
    const receivers = ctx.layerCovers(c.to.name);
    out.push(...intersectRegion(ctx.region(c), receivers));
  }
  return out;
}

/** The ungoverned part of the context's space (run per domain class, this is the whole gap). */
export function gapRegion(ctx: AnalysisContext): Region {
  // Merged first: subtracting a few large boxes fragments far less than subtracting many small ones.
  return mergeRegion(subtractRegion([ctx.full], mergeRegion(governedRegion(ctx))));
}

const domainBits = (b: Box): Bits => (b[0] as { kind: "bits"; bits: Bits }).bits;

export const gap: Rule = {
  meta: { code: "CH4001", name: "gap", kind: "gap", description: "Deployments for which no clause gives an approver, a notice, a prohibition or an exemption." },
  perClass: {
    regions: (ctx) => new Map([["gap", gapRegion(ctx)]]),
    report(ctx, _key, region) {
      return mergeRegion(region).map((box): RawFinding => {
        const first = ctx.space.domains[domainBits(box).first()]!;
        const text = describeBox(ctx.space, box);
        return { span: ctx.set.domains.get(first)!.span, args: [`\`${text}\``], region: text, witness: witness(ctx.space, box, ctx.defaultDay) };
      });
    },
  },
};
