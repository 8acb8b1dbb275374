// CH4001: deployments nobody is in charge of — no approver, notice, prohibition or exemption.
import { intersectRegion, mergeRegion, subtractRegion, type Region } from "../../space/box.js";
import { describeBox } from "../../space/describe.js";
import { witness } from "../../space/witness.js";
import type { AnalysisContext } from "../context.js";
import type { RawFinding, Rule } from "../rule.js";

/** Where some clause gives an answer other than `ungoverned`. */
export function governedRegion(ctx: AnalysisContext): Region {
  // Govern grants count only where precedence leaves them standing: a precedence cycle can drop them all.
  const out: Region = [...ctx.overridden];
  for (const b of ctx.set.bodies.keys()) out.push(...ctx.governedAfterPrecedence(b, "approve"), ...ctx.governedAfterPrecedence(b, "notify"));
  for (const p of ctx.clauses("escalate")) {
    const c = p.clause;
    if (c.kind !== "escalate") continue;
    if (!ctx.set.layers.some((l) => l.name === c.to.name)) {
      out.push(...ctx.region(c));
      continue;
    }
    const receivers = [...ctx.set.bodies.values()].filter((b) => b.layer === c.to.name).flatMap((b) => ctx.covers(b));
    out.push(...intersectRegion(ctx.region(c), receivers));
  }
  return out;
}

export const gap: Rule = {
  meta: { code: "CH4001", name: "gap", kind: "gap", description: "Deployments for which no clause gives an approver, a notice, a prohibition or an exemption." },
  run(ctx) {
    const gaps = mergeRegion(subtractRegion([ctx.space.full], governedRegion(ctx)));
    return gaps.map((box): RawFinding => {
      const dom = box[0]!;
      const first = ctx.space.domains[dom.kind === "bits" ? dom.bits.first() : 0]!;
      const text = describeBox(ctx.space, box);
      return { span: ctx.set.domains.get(first)!.span, args: [`\`${text}\``], region: text, witness: witness(ctx.space, box, ctx.defaultDay) };
    });
  },
};
