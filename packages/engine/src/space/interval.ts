// Intervals over the reals (number facts) or the integers (int facts, counts, days), with open or closed ends.

export interface Interval {
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
  /** Integer intervals are kept closed with integral bounds (or infinite), so equality is structural. */
  int: boolean;
}

export function interval(lo: number, hi: number, int: boolean, loOpen = false, hiOpen = false): Interval {
  return normalize({ lo, loOpen: loOpen || lo === -Infinity, hi, hiOpen: hiOpen || hi === Infinity, int });
}

export const everything = (int: boolean): Interval => interval(-Infinity, Infinity, int);

function normalize(iv: Interval): Interval {
  if (!iv.int) return iv;
  let { lo, hi } = iv;
  if (Number.isFinite(lo)) lo = iv.loOpen ? Math.floor(lo) + 1 : Math.ceil(lo);
  if (Number.isFinite(hi)) hi = iv.hiOpen ? Math.ceil(hi) - 1 : Math.floor(hi);
  return { lo, loOpen: !Number.isFinite(lo), hi, hiOpen: !Number.isFinite(hi), int: true };
}

export function isEmptyInterval(a: Interval): boolean {
  if (a.lo > a.hi) return true;
  if (a.lo === a.hi) return a.loOpen || a.hiOpen;
  return false;
}

/**
 * Whether two intervals, given by their ends, share a point — without building their intersection
 * (the algebra asks this for nearly every box it looks at).
 */
export function endsMeet(aLo: number, aLoOpen: boolean, aHi: number, aHiOpen: boolean, bLo: number, bLoOpen: boolean, bHi: number, bHiOpen: boolean): boolean {
  const lo = aLo > bLo ? aLo : bLo;
  const loOpen = aLo > bLo ? aLoOpen : aLo < bLo ? bLoOpen : aLoOpen || bLoOpen;
  const hi = aHi < bHi ? aHi : bHi;
  const hiOpen = aHi < bHi ? aHiOpen : aHi > bHi ? bHiOpen : aHiOpen || bHiOpen;
  return lo < hi || (lo === hi && !loOpen && !hiOpen);
}

export function intersectInterval(a: Interval, b: Interval): Interval {
  const lo = a.lo > b.lo ? a : a.lo < b.lo ? b : a.loOpen ? a : b;
  const hi = a.hi < b.hi ? a : a.hi > b.hi ? b : a.hiOpen ? a : b;
  return { lo: lo.lo, loOpen: lo.loOpen, hi: hi.hi, hiOpen: hi.hiOpen, int: a.int };
}

/** a \ b as at most two disjoint intervals (empty pieces dropped). Each piece is built once, directly. */
export function subtractInterval(a: Interval, b: Interval): Interval[] {
  const out: Interval[] = [];
  if (b.lo !== -Infinity) {
    // Below b: up to b's lower end (excluded when b includes it), or a's own upper end if lower.
    let hi = b.lo;
    let hiOpen = !b.loOpen;
    if (a.hi < hi || (a.hi === hi && a.hiOpen)) {
      hi = a.hi;
      hiOpen = a.hiOpen;
    }
    piece(a.lo, a.loOpen, hi, hiOpen, a.int, out);
  }
  if (b.hi !== Infinity) {
    // Above b: from b's upper end (excluded when b includes it), or a's own lower end if higher.
    let lo = b.hi;
    let loOpen = !b.hiOpen;
    if (a.lo > lo || (a.lo === lo && a.loOpen)) {
      lo = a.lo;
      loOpen = a.loOpen;
    }
    piece(lo, loOpen, a.hi, a.hiOpen, a.int, out);
  }
  return out;
}

/** Push [lo, hi] (with those ends open or closed) when non-empty; integer intervals closed on integers. */
function piece(lo: number, loOpen: boolean, hi: number, hiOpen: boolean, int: boolean, out: Interval[]): void {
  if (int) {
    if (Number.isFinite(lo)) {
      lo = loOpen ? Math.floor(lo) + 1 : Math.ceil(lo);
      loOpen = false;
    }
    if (Number.isFinite(hi)) {
      hi = hiOpen ? Math.ceil(hi) - 1 : Math.floor(hi);
      hiOpen = false;
    }
  }
  if (lo > hi || (lo === hi && (loOpen || hiOpen))) return;
  out.push({ lo, loOpen, hi, hiOpen, int });
}

export function equalInterval(a: Interval, b: Interval): boolean {
  return a.lo === b.lo && a.hi === b.hi && a.loOpen === b.loOpen && a.hiOpen === b.hiOpen;
}

/** The union when it is one interval (overlapping or touching), else undefined. */
export function joinInterval(a: Interval, b: Interval): Interval | undefined {
  const [x, y] = a.lo < b.lo || (a.lo === b.lo && !a.loOpen) ? [a, b] : [b, a];
  const touches = a.int ? y.lo <= x.hi + 1 : y.lo < x.hi || (y.lo === x.hi && !(x.hiOpen && y.loOpen));
  if (!touches) return undefined;
  const hi = x.hi > y.hi ? x : x.hi < y.hi ? y : x.hiOpen ? y : x;
  return { lo: x.lo, loOpen: x.loOpen, hi: hi.hi, hiOpen: hi.hiOpen, int: a.int };
}

export function containsValue(a: Interval, v: number): boolean {
  return (v > a.lo || (v === a.lo && !a.loOpen)) && (v < a.hi || (v === a.hi && !a.hiOpen));
}

/**
 * A member to show as a witness: a closed finite end first (boundaries are where charters go wrong),
 * then 0, then a round number inside.
 */
export function pickValue(a: Interval): number {
  if (!a.loOpen && Number.isFinite(a.lo)) return a.lo;
  if (!a.hiOpen && Number.isFinite(a.hi)) return a.hi;
  if (containsValue(a, 0)) return 0;
  const candidates: number[] = [];
  if (Number.isFinite(a.lo) && Number.isFinite(a.hi)) candidates.push((a.lo + a.hi) / 2);
  if (Number.isFinite(a.lo)) candidates.push(a.lo > 0 ? a.lo * 2 : a.lo < 0 ? a.lo / 2 : 1, a.lo + 1);
  if (Number.isFinite(a.hi)) candidates.push(a.hi < 0 ? a.hi * 2 : a.hi > 0 ? a.hi / 2 : -1, a.hi - 1);
  if (Number.isFinite(a.lo)) candidates.push(nextUp(a.lo));
  for (const c of candidates) {
    const v = a.int ? Math.round(c) : c;
    if (containsValue(a, v)) return v;
  }
  throw new Error("internal: no value picked from a non-empty interval");
}

/** The next double above x (finite x): the only member of (x, hi) when the interval is that narrow. */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, x > 0 ? bits + 1n : bits - 1n);
  return buf.getFloat64(0);
}
