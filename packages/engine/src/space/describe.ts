// A box in the charter's own syntax: `finance.credit when region == us and compute < 1e25`.
import { Bits } from "./bits.js";
import type { Box, Dim } from "./box.js";
import type { Interval } from "./interval.js";
import type { Space } from "./space.js";
import { isoDate } from "./days.js";

/** Numbers as the charter would write them: `1e25`, not JavaScript's `1e+25`. */
export function numberText(n: number): string {
  return String(n).replace("e+", "e");
}

/** The fewest patterns naming exactly these domains: a whole subtree becomes `d.*`. */
export function domainPatterns(space: Space, bits: Bits): string[] {
  let known = patternCache.get(bits);
  if (!known) patternCache.set(bits, (known = findPatterns(space, bits)));
  return known;
}

/** Per bitset (immutable, and the same domain bitset is described once per box that shares it). */
const patternCache = new WeakMap<Bits, string[]>();

function findPatterns(space: Space, bits: Bits): string[] {
  if (bits.isFull()) return ["*"];
  const ids = bits.items();
  // Whole subtrees, bottom-up: a domain's subtree is inside `bits` when it is and all its children's are.
  const whole = new Map<number, boolean>();
  for (let k = ids.length - 1; k >= 0; k--) {
    const id = ids[k]!;
    whole.set(id, space.children[id]!.every((c) => whole.get(c) === true));
  }
  // Then top-down: the highest whole subtrees with children become `d.*`; their members are covered.
  const out: string[] = [];
  for (const id of ids) {
    let covered = false;
    for (let a = space.parentOf[id]!; a >= 0 && !covered; a = space.parentOf[a]!) covered = whole.get(a) === true && space.children[a]!.length > 0;
    if (covered) continue;
    out.push(whole.get(id) && space.children[id]!.length > 0 ? `${space.domains[id]}.*` : space.domains[id]!);
  }
  return out;
}

function intervalText(name: string, iv: Interval, full: Interval): string[] {
  if (iv.lo === iv.hi) return [`${name} == ${numberText(iv.lo)}`];
  const out: string[] = [];
  if (iv.lo !== full.lo || iv.loOpen !== full.loOpen) out.push(`${name} ${iv.loOpen ? ">" : ">="} ${numberText(iv.lo)}`);
  if (iv.hi !== full.hi || iv.hiOpen !== full.hiOpen) out.push(`${name} ${iv.hiOpen ? "<" : "<="} ${numberText(iv.hi)}`);
  return out;
}

/** Per dimension object (dims are immutable and shared by many boxes): its text, for the fact it was made for. */
const factTexts = new WeakMap<Dim, { name: string; text: string[] }>();

function factText(name: string, values: string[], kind: string, d: Dim, full: Dim): string[] {
  const known = factTexts.get(d);
  if (known?.name === name) return known.text;
  const text = describeFact(name, values, kind, d, full);
  factTexts.set(d, { name, text });
  return text;
}

function describeFact(name: string, values: string[], kind: string, d: Dim, full: Dim): string[] {
  if (d.kind === "bits") {
    const b = d.bits;
    if (b.isFull()) return [];
    if (kind === "bool") return [b.has(1) ? name : `not ${name}`];
    const items = b.items().map((i) => values[i]!);
    if (items.length === 1) return [`${name} == ${items[0]}`];
    const missing = Bits.full(b.size).andNot(b).items().map((i) => values[i]!);
    if (missing.length === 1) return [`${name} != ${missing[0]}`];
    return [`${name} in { ${items.join(", ")} }`];
  }
  if (d.kind === "interval") return intervalText(name, d.iv, (full as typeof d).iv);
  const out = d.mustIn.items().map((i) => `${name} contains ${values[i]}`);
  out.push(...d.mustOut.items().map((i) => `not ${name} contains ${values[i]}`));
  out.push(...intervalText(`count(${name})`, d.count, (full as typeof d).count));
  return out;
}

/** One line: patterns, `when` conditions, and the dates when the box does not span all time. */
export function describeBox(space: Space, box: Box): string {
  const dom = box[0]!;
  const patterns = dom.kind === "bits" ? domainPatterns(space, dom.bits) : ["*"];
  const conds: string[] = [];
  for (const f of space.facts) conds.push(...factText(f.name, f.values, f.type.kind, box[f.index]!, space.full[f.index]!));
  let text = patterns.join(", ");
  if (conds.length) text += ` when ${conds.join(" and ")}`;
  const date = box[space.dateIndex]!;
  if (date.kind === "interval") {
    if (date.iv.lo !== -Infinity) text += ` effective ${isoDate(date.iv.lo)}`;
    if (date.iv.hi !== Infinity) text += ` until ${isoDate(date.iv.hi + 1)}`;
  }
  return text;
}
