// CH4001: deployments nobody is in charge of — no approver, notice, prohibition or exemption.
import { Bits } from "../../space/bits.js";
import { intersectRegion, mergeRegion, subtractRegion, type Box, type Region } from "../../space/box.js";
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

const domainBits = (b: Box): Bits => (b[0] as { kind: "bits"; bits: Bits }).bits;

/**
 * full \ governed, computed per class of domains that the same governed boxes touch: each class
 * subtracts only its own boxes, so the work grows with the clauses per domain, not with the set.
 */
export function gapRegion(ctx: AnalysisContext): Region {
  const governed = governedRegion(ctx);
  const n = ctx.space.domains.length;
  const signature = new Map<string, number[]>();
  for (let d = 0; d < n; d++) {
    const touching: number[] = [];
    governed.forEach((box, i) => {
      if (domainBits(box).has(d)) touching.push(i);
    });
    const key = touching.join(",");
    const list = signature.get(key);
    if (list) list.push(d);
    else signature.set(key, [d]);
  }
  const out: Region = [];
  for (const [key, domains] of signature) {
    const bits = Bits.of(n, domains);
    const within = (box: Box): Box => {
      const b = box.slice();
      b[0] = { kind: "bits", bits };
      return b;
    };
    const boxes = key === "" ? [] : key.split(",").map((i) => within(governed[Number(i)]!));
    out.push(...mergeRegion(subtractRegion([within(ctx.space.full)], boxes)));
  }
  return mergeRegion(out);
}

export const gap: Rule = {
  meta: { code: "CH4001", name: "gap", kind: "gap", description: "Deployments for which no clause gives an approver, a notice, a prohibition or an exemption." },
  run(ctx) {
    return gapRegion(ctx).map((box): RawFinding => {
      const first = ctx.space.domains[domainBits(box).first()]!;
      const text = describeBox(ctx.space, box);
      return { span: ctx.set.domains.get(first)!.span, args: [`\`${text}\``], region: text, witness: witness(ctx.space, box, ctx.defaultDay) };
    });
  },
};
