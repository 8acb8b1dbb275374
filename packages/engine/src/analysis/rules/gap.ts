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
  // Precedence drops only its losers. A govern clause granting some body that loses nowhere here
  // governs wherever it applies; only the grants of losers need the after-precedence regions.
  const losers = new Set(ctx.clauses("precedence").map((p) => (p.clause.kind === "precedence" ? p.clause.loser.name : "")));
  const needed = new Set<string>();
  for (const p of ctx.clauses("govern")) {
    const c = p.clause;
    if (c.kind !== "govern") continue;
    if (c.grants.some((g) => g.bodies.some((b) => !losers.has(b.name)))) out.push(...ctx.region(c));
    else for (const g of c.grants) for (const b of g.bodies) needed.add(`${g.role}\u0000${b.name}`);
  }
  for (const key of needed) {
    const [role, body] = key.split("\u0000") as ["approve" | "notify", string];
    out.push(...ctx.governedAfterPrecedence(body, role));
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
