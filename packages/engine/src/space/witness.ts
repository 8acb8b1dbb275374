// A concrete, valid deployment inside a box: what a finding shows and `charter query` can confirm.
import type { Deployment } from "../query/answer.js";
import type { Box, SetDim } from "./box.js";
import { intersectInterval, pickValue } from "./interval.js";
import type { Space } from "./space.js";
import { isoDate } from "./days.js";

function pickSet(d: SetDim, values: string[]): string[] {
  const chosen = d.mustIn.items();
  const size = pickValue(intersectInterval(d.count, { lo: chosen.length, loOpen: false, hi: values.length - d.mustOut.count(), hiOpen: false, int: true }));
  for (let i = 0; i < values.length && chosen.length < size; i++) if (!d.mustIn.has(i) && !d.mustOut.has(i)) chosen.push(i);
  return chosen.sort((a, b) => a - b).map((i) => values[i]!);
}

/** `defaultDay` is used when the date is unconstrained, so witnesses do not depend on today. */
export function witness(space: Space, box: Box, defaultDay: number): Deployment {
  const dom = box[0]!;
  const domain = space.domains[dom.kind === "bits" ? dom.bits.first() : 0]!;
  const facts: Deployment["facts"] = {};
  for (const f of space.facts) {
    const d = box[f.index]!;
    if (d.kind === "bits") facts[f.name] = f.type.kind === "bool" ? d.bits.has(0) ? false : true : f.values[d.bits.first()]!;
    else if (d.kind === "interval") facts[f.name] = pickValue(d.iv);
    else facts[f.name] = pickSet(d, f.values);
  }
  const date = box[space.dateIndex]!;
  let day = defaultDay;
  if (date.kind === "interval") {
    const iv = date.iv;
    const inside = (iv.lo === -Infinity || day >= iv.lo) && (iv.hi === Infinity || day <= iv.hi);
    if (!inside) day = pickValue(iv);
  }
  return { domain, at: isoDate(day), facts };
}
