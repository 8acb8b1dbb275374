// Boxes: one constraint per dimension (domain, each fact, the date). A region is a union of boxes.
import { Bits } from "./bits.js";
import { containsValue, endsMeet, equalInterval, intersectInterval, isEmptyInterval, joinInterval, pickValue, subtractInterval, type Interval } from "./interval.js";

/** A set-valued fact: values that must be in, values that must be out, and the range of its size. */
export interface SetDim {
  kind: "set";
  mustIn: Bits;
  mustOut: Bits;
  count: Interval;
}
export type Dim = { kind: "bits"; bits: Bits } | { kind: "interval"; iv: Interval } | SetDim;

/** dims[0] is the domain, dims[1..n] the facts in declaration order, dims[n+1] the date (day numbers). */
export type Box = readonly Dim[];
export type Region = Box[];

/** An empty interval dimension, shared (what an intersection that misses returns). */
const NO_INTERVAL: Dim = { kind: "interval", iv: { lo: 1, loOpen: true, hi: 0, hiOpen: true, int: false } };

function intersectDim(a: Dim, b: Dim): Dim {
  // Most dims are unconstrained and shared: return an operand unchanged when it already is the answer,
  // so intersecting boxes allocates only for the dims that really narrow (GC was a third of lint time).
  if (a === b || dimWithin(a, b)) return a;
  if (dimWithin(b, a)) return b;
  switch (a.kind) {
    case "bits":
      return { kind: "bits", bits: a.bits.and((b as typeof a).bits) };
    case "interval": {
      const iv = intersectInterval(a.iv, (b as typeof a).iv);
      return isEmptyInterval(iv) ? NO_INTERVAL : { kind: "interval", iv };
    }
    case "set": {
      const o = b as SetDim;
      return { kind: "set", mustIn: a.mustIn.or(o.mustIn), mustOut: a.mustOut.or(o.mustOut), count: intersectInterval(a.count, o.count) };
    }
  }
}

export function isEmptyDim(d: Dim): boolean {
  switch (d.kind) {
    case "bits":
      return d.bits.isEmpty();
    case "interval":
      return isEmptyInterval(d.iv);
    case "set": {
      if (d.mustIn.meets(d.mustOut)) return true;
      // Exact: some set of the allowed size exists iff the count range meets [|in|, n − |out|]
      // (worked out in place: this runs for every set dimension of every box the algebra builds).
      const min = d.mustIn.count();
      const max = d.mustIn.size - d.mustOut.count();
      const c = d.count;
      return !endsMeet(c.lo, c.loOpen, c.hi, c.hiOpen, min, false, max, false);
    }
  }
}

/** a \ b as disjoint dims, each inside a. */
function subtractDim(a: Dim, b: Dim): Dim[] {
  switch (a.kind) {
    case "bits": {
      if (a === b) return [];
      const r = a.bits.andNot((b as typeof a).bits);
      if (r === a.bits) return [a];
      return r.isEmpty() ? [] : [{ kind: "bits", bits: r }];
    }
    case "interval":
      return subtractInterval(a.iv, (b as typeof a).iv).map((iv) => ({ kind: "interval", iv }));
    case "set": {
      // Peel off, in turn: a required member absent, a forbidden member present, a size outside b's range.
      const o = b as SetDim;
      const out: Dim[] = [];
      let cur: SetDim = a;
      const n = a.mustIn.size;
      for (const v of o.mustIn.andNot(a.mustIn).items()) {
        const piece: SetDim = { ...cur, mustOut: cur.mustOut.or(Bits.of(n, [v])) };
        if (!isEmptyDim(piece)) out.push(piece);
        cur = { ...cur, mustIn: cur.mustIn.or(Bits.of(n, [v])) };
      }
      for (const v of o.mustOut.andNot(a.mustOut).items()) {
        const piece: SetDim = { ...cur, mustIn: cur.mustIn.or(Bits.of(n, [v])) };
        if (!isEmptyDim(piece)) out.push(piece);
        cur = { ...cur, mustOut: cur.mustOut.or(Bits.of(n, [v])) };
      }
      for (const iv of subtractInterval(cur.count, o.count)) {
        const piece: SetDim = { ...cur, count: iv };
        if (!isEmptyDim(piece)) out.push(piece);
      }
      return out;
    }
  }
}

export function isEmptyBox(b: Box): boolean {
  for (const d of b) if (isEmptyDim(d)) return true;
  return false;
}

/** Scratch for intersectBox: most intersections are empty, and only a non-empty one needs its own array. */
const scratch: Dim[] = [];

export function intersectBox(a: Box, b: Box): Box | undefined {
  // The facts and the date first, the domain (a bitset as wide as the domain tree) last: most pairs
  // that miss each other differ on a fact, and are told apart without touching the wide dimension.
  for (let i = 1; i <= a.length; i++) {
    const j = i === a.length ? 0 : i;
    const d = intersectDim(a[j]!, b[j]!);
    if (isEmptyDim(d)) return undefined;
    scratch[j] = d;
  }
  return scratch.slice(0, a.length);
}

/** a \ b as disjoint boxes (the classic per-dimension peel). */
export function subtractBox(a: Box, b: Box): Box[] {
  const common = intersectBox(a, b);
  if (!common) return [a];
  const out: Box[] = [];
  const cur = a.slice();
  for (let i = 0; i < a.length; i++) {
    // Where b does not narrow this dimension there is nothing to peel.
    if (common[i] === cur[i]) continue;
    // Every piece is non-empty (subtractDim drops empty ones) and so are the other dims of `cur`
    // (each lies within a ∩ b or a), so the piece's box is non-empty without checking.
    for (const piece of subtractDim(cur[i]!, b[i]!)) {
      const box = cur.slice();
      box[i] = piece;
      out.push(box);
    }
    cur[i] = common[i]!;
  }
  return out;
}

function equalDim(a: Dim, b: Dim): boolean {
  switch (a.kind) {
    case "bits":
      return a.bits.equals((b as typeof a).bits);
    case "interval":
      return equalInterval(a.iv, (b as typeof a).iv);
    case "set": {
      const o = b as SetDim;
      return a.mustIn.equals(o.mustIn) && a.mustOut.equals(o.mustOut) && equalInterval(a.count, o.count);
    }
  }
}

function joinDim(a: Dim, b: Dim): Dim | undefined {
  switch (a.kind) {
    case "bits":
      return { kind: "bits", bits: a.bits.or((b as typeof a).bits) };
    case "interval": {
      const iv = joinInterval(a.iv, (b as typeof a).iv);
      return iv && { kind: "interval", iv };
    }
    case "set": {
      const o = b as SetDim;
      if (!a.mustIn.equals(o.mustIn) || !a.mustOut.equals(o.mustOut)) return undefined;
      const count = joinInterval(a.count, o.count);
      return count && { kind: "set", mustIn: a.mustIn, mustOut: a.mustOut, count };
    }
  }
}

/** Union of two boxes when it is itself a box: equal in every dimension but one, which joins. */
function joinBox(a: Box, b: Box): Box | undefined {
  let diff = -1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i] || equalDim(a[i]!, b[i]!)) continue;
    if (diff >= 0) return undefined;
    diff = i;
  }
  if (diff < 0) return a;
  const d = joinDim(a[diff]!, b[diff]!);
  if (!d) return undefined;
  const out = a.slice();
  out[diff] = d;
  return out;
}

// Grouping by "equal in every other dimension" hashes each dim once per merge; a hash collision only
// costs a missed merge, because joinBox() compares dims exactly.

function mix(h: number, x: number): number {
  h = Math.imul(h ^ (x | 0), 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 0;
}

function hashNumber(h: number, x: number): number {
  if (!Number.isFinite(x)) return mix(h, x > 0 ? 0x7fffffff : -0x7fffffff);
  const lo = x | 0;
  return mix(mix(h, lo), Math.round((x - lo) * 1e6) ^ Math.floor(x / 4294967296));
}

/** Hashes of wide bitsets (the domain dimension: one bit per domain), computed once per bitset. */
const wideHashes = new WeakMap<Bits, number>();

function dimHash(d: Dim): number {
  let h = 17;
  if (d.kind === "bits") {
    if (d.bits.w.length > 8) {
      const known = wideHashes.get(d.bits);
      if (known !== undefined) return known;
    }
    for (const w of d.bits.w) h = mix(h, w);
    if (d.bits.w.length > 8) wideHashes.set(d.bits, h);
  }
  else {
    const iv = d.kind === "interval" ? d.iv : d.count;
    h = hashNumber(hashNumber(mix(h, (iv.loOpen ? 1 : 0) | (iv.hiOpen ? 2 : 0)), iv.lo), iv.hi);
    if (d.kind === "set") {
      for (const w of d.mustIn.w) h = mix(h, w);
      for (const w of d.mustOut.w) h = mix(h, w ^ 0x55555555);
    }
  }
  return h;
}

interface Hashed {
  box: Box;
  /** Per-dimension hashes, and their position-weighted sum (the key of "all dims but i" is a subtraction). */
  h: number[];
  sum: number;
}

const weigh = (j: number, h: number) => mix(j + 1, h);

function hashed(box: Box, from?: Hashed, changed?: number): Hashed {
  const h = from ? from.h.slice() : box.map(dimHash);
  if (from && changed !== undefined) h[changed] = dimHash(box[changed]!);
  let sum = 0;
  for (let j = 0; j < h.length; j++) sum = (sum + weigh(j, h[j]!)) >>> 0;
  return { box, h, sum };
}

/** Join boxes that agree on every other dimension along dimension i (hash-grouped: linear per pass). */
/** Scratch for mergeAlong's first pass (one merge at a time): keys per entry, and a sortable copy. */
const keyScratch: number[] = [];
let sortScratch = new Float64Array(256);

function mergeAlong(entries: Hashed[], i: number): Hashed[] {
  const keys = keyScratch;
  let repeated = false;
  const few = entries.length <= 64;
  for (let n = 0; n < entries.length; n++) {
    const e = entries[n]!;
    let key = (e.sum - weigh(i, e.h[i]!)) >>> 0;
    const d = e.box[i]!;
    // Set dims join only with equal membership constraints, so those belong in the key.
    if (d.kind === "set") {
      for (let k = 0; k < d.mustIn.w.length; k++) key = mix(key, d.mustIn.w[k]!);
      for (let k = 0; k < d.mustOut.w.length; k++) key = mix(key, d.mustOut.w[k]!);
    }
    keys[n] = key;
    // A few keys: compare them directly (a Map would allocate its table on every call).
    if (few && !repeated) for (let m = 0; m < n && !repeated; m++) if (keys[m] === key) repeated = true;
  }
  if (!few) {
    // Many: sort a copy of the keys in a reused typed array and look for equal neighbours.
    if (sortScratch.length < entries.length) sortScratch = new Float64Array(2 * entries.length);
    const sorted = sortScratch.subarray(0, entries.length);
    for (let n = 0; n < entries.length; n++) sorted[n] = keys[n]!;
    sorted.sort();
    for (let n = 1; n < sorted.length && !repeated; n++) if (sorted[n] === sorted[n - 1]) repeated = true;
  }
  // Usually no two boxes agree on all the other dims: nothing to join, nothing to build.
  if (!repeated) return entries;
  // Groups in first-seen order, each in entry order; a few entries are grouped by direct comparison.
  const groups: Hashed[][] = [];
  if (few) {
    const groupOf: number[] = [];
    for (let n = 0; n < entries.length; n++) {
      let m = 0;
      while (m < n && keys[m] !== keys[n]) m++;
      if (m === n) {
        groupOf[n] = groups.length;
        groups.push([entries[n]!]);
      } else {
        groupOf[n] = groupOf[m]!;
        groups[groupOf[m]!]!.push(entries[n]!);
      }
    }
  } else {
    const byKey = new Map<number, Hashed[]>();
    for (let n = 0; n < entries.length; n++) {
      const g = byKey.get(keys[n]!);
      if (g) g.push(entries[n]!);
      else {
        const fresh = [entries[n]!];
        byKey.set(keys[n]!, fresh);
        groups.push(fresh);
      }
    }
  }
  const out: Hashed[] = [];
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi]!;
    if (g.length === 1) {
      out.push(g[0]!);
      continue;
    }
    const first = g[0]!.box[i]!;
    if (first.kind === "bits" && g.every((e) => sameExcept(e.box, g[0]!.box, i))) {
      // Bitsets always join: one union for the whole group instead of one (domain-wide) bitset per step.
      const bits = Bits.union(first.bits.size, g.map((e) => (e.box[i] as typeof first).bits));
      const box = g[0]!.box.slice();
      box[i] = { kind: "bits", bits };
      out.push(hashed(box, g[0]!, i));
      continue;
    }
    // Sort by the lower end so touching intervals meet; bitsets join in any order.
    const lo = (e: Hashed) => {
      const d = e.box[i]!;
      return d.kind === "interval" ? d.iv.lo : d.kind === "set" ? d.count.lo : 0;
    };
    g.sort((a, b) => lo(a) - lo(b));
    let cur = g[0]!;
    let joined = false;
    for (let k = 1; k < g.length; k++) {
      const j = joinBox(cur.box, g[k]!.box);
      if (j) {
        cur = { box: j, h: cur.h, sum: cur.sum };
        joined = true;
      } else {
        out.push(joined ? hashed(cur.box, cur, i) : cur);
        cur = g[k]!;
        joined = false;
      }
    }
    out.push(joined ? hashed(cur.box, cur, i) : cur);
  }
  return out;
}

/** Equal in every dimension but i (the hash grouping can collide; this is exact). */
function sameExcept(a: Box, b: Box, i: number): boolean {
  for (let j = 0; j < a.length; j++) if (j !== i && a[j] !== b[j] && !equalDim(a[j]!, b[j]!)) return false;
  return true;
}

/**
 * Boxes equal in every dimension but the domain, joined into one (their domain bitsets united). Keyed
 * by a hash of the other dimensions only: the domain bitset is the widest and is never hashed here.
 */
export function joinAcrossDomains(r: Region): Region {
  const groups = new Map<number, Box[][]>();
  const order: Box[][] = [];
  for (const box of r) {
    let h = 0;
    for (let j = 1; j < box.length; j++) h = (h + weigh(j, dimHash(box[j]!))) >>> 0;
    let buckets = groups.get(h);
    if (!buckets) groups.set(h, (buckets = []));
    // A hash collision only opens another bucket: membership is decided exactly.
    const same = buckets.find((g) => sameExcept(g[0]!, box, 0));
    if (same) same.push(box);
    else {
      const g = [box];
      buckets.push(g);
      order.push(g);
    }
  }
  return order.map((g) => {
    if (g.length === 1) return g[0]!;
    const dims = g[0]!.slice();
    const first = dims[0] as Dim & { kind: "bits" };
    dims[0] = { kind: "bits", bits: Bits.union(first.bits.size, g.map((b) => (b[0] as typeof first).bits)) };
    return dims;
  });
}

/** Merge boxes whose union is a box, until none do: fewer, larger regions to report. */
export function mergeRegion(r: Region): Region {
  if (r.length < 2) return r.slice();
  // Regions gathered from many domain classes repeat the same facts per class: join those along the
  // domain dimension first, so what follows works on the distinct fact parts only.
  // (Within one domain class every box has the same domain dim: nothing to join, and duplicates go
  // with the subsumed boxes below.)
  if (r.length > 120 || (r.length > 16 && r.some((b) => b[0] !== r[0]![0]))) r = joinAcrossDomains(r);
  if (r.length <= 120) r = pruneSubsumed(r);
  if (r.length <= 40) return mergeFew(r);
  let entries = r.map((b) => hashed(b));
  const dims = r[0]!.length;
  for (;;) {
    const before = entries.length;
    for (let i = 0; i < dims; i++) {
      // Boxes that share the very same dim i cannot join along it (they would be equal boxes).
      const d = entries[0]!.box[i];
      if (entries.every((e) => e.box[i] === d)) continue;
      entries = mergeAlong(entries, i);
    }
    if (entries.length === before) return entries.map((e) => e.box);
  }
}

/**
 * A handful of boxes: join pairs directly until no pair joins (no hashing). Joining along one dim can
 * make two boxes equal in all but another, so it repeats; the first joinable pair in order goes first.
 */
function mergeFew(r: Region): Region {
  const boxes = r.slice();
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const joined = joinBox(boxes[i]!, boxes[j]!);
        if (!joined) continue;
        // The grown box may now join boxes it was already compared with: look at all of them again.
        boxes[i] = joined;
        boxes.splice(j, 1);
        changed = true;
        j = i;
      }
    }
  }
  return boxes;
}

function dimWithin(a: Dim, b: Dim): boolean {
  switch (a.kind) {
    case "bits":
      return a.bits.subsetOf((b as typeof a).bits);
    case "interval": {
      const o = (b as typeof a).iv;
      const lo = a.iv.lo > o.lo || (a.iv.lo === o.lo && (a.iv.loOpen || !o.loOpen));
      const hi = a.iv.hi < o.hi || (a.iv.hi === o.hi && (a.iv.hiOpen || !o.hiOpen));
      return lo && hi;
    }
    case "set": {
      const o = b as SetDim;
      const c = a.count;
      const inCount = (c.lo > o.count.lo || (c.lo === o.count.lo && (c.loOpen || !o.count.loOpen))) && (c.hi < o.count.hi || (c.hi === o.count.hi && (c.hiOpen || !o.count.hiOpen)));
      return o.mustIn.subsetOf(a.mustIn) && o.mustOut.subsetOf(a.mustOut) && inCount;
    }
  }
}

/** True when every point of box a lies in box b. */
export function boxWithin(a: Box, b: Box): boolean {
  // The wide domain bitset (index 0) last: a fact usually decides first.
  for (let i = 1; i < a.length; i++) if (a[i] !== b[i] && !dimWithin(a[i]!, b[i]!)) return false;
  return a[0] === b[0] || dimWithin(a[0]!, b[0]!);
}

/** Drop boxes that another box of the region contains (same union, fewer boxes for what follows). */
export function pruneSubsumed(r: Region): Region {
  if (r.length < 2) return r;
  // Try the broadest boxes first as containers: a few general boxes usually contain the many narrow ones.
  const breadths = r.length > 8 ? r.map(breadth) : undefined;
  const order = r.map((_, j) => j);
  if (breadths) order.sort((x, y) => breadths[y]! - breadths[x]! || x - y);
  const masks = r.map(constrainedMask);
  const out: Box[] = [];
  outer: for (let i = 0; i < r.length; i++) {
    const a = r[i]!;
    for (let oi = 0; oi < order.length; oi++) {
      const j = order[oi]!;
      if (i === j) continue;
      // b constrains a dimension that a leaves free: b cannot contain a.
      if ((masks[j]! & ~masks[i]!) !== 0) continue;
      const b = r[j]!;
      // Of two equal boxes keep the first.
      if (boxWithin(a, b) && (j < i || !boxWithin(b, a))) continue outer;
    }
    out.push(a);
  }
  return out;
}

/**
 * Bit i set when dimension i (i < 31, the domain excluded) may be narrower than everything: an interval
 * with a finite end, a bitset missing a member, any set dimension. Clear bits are certainly free.
 */
function constrainedMask(b: Box): number {
  let m = 0;
  for (let i = 1; i < b.length && i < 31; i++) {
    const d = b[i]!;
    const free = d.kind === "bits" ? d.bits.isFull() : d.kind === "interval" ? d.iv.lo === -Infinity && d.iv.hi === Infinity : false;
    if (!free) m |= 1 << i;
  }
  return m;
}

/** How unconstrained a box is, roughly (only orders the search for containers). */
export function breadth(b: Box): number {
  let n = 0;
  for (const d of b) {
    // The domain bitset (index 0) is as wide as the domain tree: facts and dates decide.
    if (d.kind === "bits") n += d === b[0] ? 0 : d.bits.count() / d.bits.size;
    else if (d.kind === "interval") n += (d.iv.lo === -Infinity ? 1 : 0) + (d.iv.hi === Infinity ? 1 : 0);
  }
  return n;
}

/** The smallest box containing every box of r (undefined for an empty region). */
export function hullRegion(r: Region): Box | undefined {
  if (r.length === 0) return undefined;
  if (r.length === 1) return r[0];
  const out: Dim[] = r[0]!.slice();
  for (let k = 1; k < r.length; k++) {
    const box = r[k]!;
    for (let i = 0; i < out.length; i++) {
      const a = out[i]!;
      const b = box[i]!;
      if (a === b) continue;
      switch (a.kind) {
        case "bits":
          out[i] = { kind: "bits", bits: a.bits.or((b as typeof a).bits) };
          break;
        case "interval":
          out[i] = { kind: "interval", iv: hullInterval(a.iv, (b as typeof a).iv) };
          break;
        case "set": {
          // Fewer requirements contain both: the members both require in (out), the sizes of either.
          const o = b as SetDim;
          out[i] = { kind: "set", mustIn: a.mustIn.and(o.mustIn), mustOut: a.mustOut.and(o.mustOut), count: hullInterval(a.count, o.count) };
        }
      }
    }
  }
  return out;
}

function hullInterval(a: Interval, b: Interval): Interval {
  const lo = a.lo < b.lo ? a : a.lo > b.lo ? b : a.loOpen ? b : a;
  const hi = a.hi > b.hi ? a : a.hi < b.hi ? b : a.hiOpen ? b : a;
  return { lo: lo.lo, loOpen: lo.loOpen, hi: hi.hi, hiOpen: hi.hiOpen, int: a.int };
}

/** False only when boxes a and b certainly share no point (a quick test before intersecting; set dims are not examined). */
export function mayMeet(a: Box, b: Box): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x.kind === "bits") {
      if (!x.bits.meets((y as typeof x).bits)) return false;
    } else if (x.kind === "interval") {
      const p = x.iv;
      const q = (y as typeof x).iv;
      if (!endsMeet(p.lo, p.loOpen, p.hi, p.hiOpen, q.lo, q.loOpen, q.hi, q.hiOpen)) return false;
    }
  }
  return true;
}

export function intersectRegion(a: Region, b: Region): Region {
  const out: Region = [];
  if (a.length * b.length >= 64) {
    // Many pairs: drop the boxes that cannot meet the other region's hull first (often all of them).
    const ha = hullRegion(a)!;
    const hb = hullRegion(b)!;
    if (!mayMeet(ha, hb)) return out;
    a = a.filter((x) => mayMeet(x, hb));
    b = b.filter((y) => mayMeet(y, ha));
  }
  for (const x of a) for (const y of b) {
    const z = intersectBox(x, y);
    if (z) out.push(z);
  }
  return out;
}

export function subtractRegion(a: Region, b: Region): Region {
  let cur = a;
  let limit = 64;
  for (const y of b) {
    const next: Region = [];
    for (const x of cur) next.push(...subtractBox(x, y));
    cur = next;
    if (cur.length === 0) break;
    // Fragments multiply with each subtraction; re-merging keeps the working set near the answer's size.
    if (cur.length > limit) {
      cur = mergeRegion(cur);
      limit = Math.max(64, cur.length * 2);
    }
  }
  return cur;
}

export function unionRegion(...rs: Region[]): Region {
  return rs.flat();
}

export function isEmptyRegion(r: Region): boolean {
  return r.every(isEmptyBox);
}

/**
 * True when a point of box `a` (its first value per dimension) lies in no box of `r`: then `a` is
 * certainly not inside `r`, found without subtracting. False means "maybe inside" (set-valued
 * dimensions are not examined, so a box constraining one counts as containing the point).
 */
export function samplePointOutside(a: Box, r: Region): boolean {
  outer: for (const b of r) {
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      const y = b[i]!;
      if (x === y) continue;
      if (x.kind === "bits") {
        if (!(y as typeof x).bits.has(x.bits.first())) continue outer;
      } else if (x.kind === "interval") {
        if (!containsValue((y as typeof x).iv, pickValue(x.iv))) continue outer;
      }
    }
    return false;
  }
  return true;
}
