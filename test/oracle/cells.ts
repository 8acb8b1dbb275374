// Every cell of the deployment space of a small checked set, and membership of a cell in a symbolic Region.
//
// A cell is one concrete deployment per elementary piece of the space: each numeric dimension is cut at
// the constants the set compares it with (in every `when` and `covers`), and one representative point is
// taken per piece (each constant itself, a point strictly between consecutive constants, one below all and
// one above all). Int facts take every integer of a small declared range, otherwise the integers around
// each constant; set facts take every subset; dates take each clause boundary day, the day before it, and
// one day far before and far after all. Every condition of the set (and every region the algebra builds
// from them: bounds only ever come from those constants) is constant on each piece, so checking the
// representatives is exact: a region and a brute-force predicate agree on the whole space iff they agree
// on every cell.
import type { CheckedSet, Cond } from "../../packages/lang/src/index.js";
import type { Deployment } from "../../packages/engine/src/query/answer.js";
import { dayNumber, isoDate, type Box, type Dim, type Interval, type Region, type Space } from "../../packages/engine/src/space/index.js";

type FactValue = Deployment["facts"][string];

/**
 * A cell: the deployment, and its coordinates per box dimension: the domain index; per fact the bit index
 * (bool: 0 false, 1 true; enum: value index), the number, or the set as a bitmask of value indices;
 * the date as a day number.
 */
export interface Cell {
  deployment: Deployment;
  coords: number[];
}

// ---------------------------------------------------------------- constants and representative points

function walkConds(c: Cond, visit: (c: Cond) => void): void {
  visit(c);
  if (c.kind === "and" || c.kind === "or") for (const i of c.items) walkConds(i, visit);
  else if (c.kind === "not") walkConds(c.item, visit);
}

/** Every condition of the set: clause `when`s and body `covers`. */
export function allConds(set: CheckedSet): Cond[] {
  const out: Cond[] = [];
  for (const pc of set.clauses) if (pc.clause.when) out.push(pc.clause.when);
  for (const b of set.bodies.values()) if (b.covers) out.push(b.covers);
  return out;
}

/** The numbers a fact is compared with anywhere in the set (not counts). */
export function constantsOf(set: CheckedSet, fact: string): number[] {
  const out = new Set<number>();
  for (const root of allConds(set)) {
    walkConds(root, (c) => {
      if (c.kind === "cmp" && c.subject.kind === "fact" && c.subject.name === fact && c.value.kind === "number") out.add(c.value.value);
    });
  }
  return [...out].sort((a, b) => a - b);
}

/** Real line: each constant, a midpoint between consecutive ones, one point below all and one above all. */
export function numberPoints(consts: number[]): number[] {
  if (consts.length === 0) return [0];
  const cs = [...new Set(consts)].sort((a, b) => a - b);
  const out: number[] = [cs[0]! - Math.max(1, Math.abs(cs[0]!))];
  for (let i = 0; i < cs.length; i++) {
    out.push(cs[i]!);
    if (i + 1 < cs.length) {
      const mid = (cs[i]! + cs[i + 1]!) / 2;
      if (mid > cs[i]! && mid < cs[i + 1]!) out.push(mid);
    }
  }
  const last = cs[cs.length - 1]!;
  out.push(last + Math.max(1, Math.abs(last)));
  for (let i = 1; i < out.length; i++) if (!(out[i - 1]! < out[i]!)) throw new Error(`numberPoints: not increasing at ${out[i]}`);
  return out;
}

/** Integers: all of a small declared range; otherwise the integers at and around each constant, and both ends. */
export function intPoints(consts: number[], min: number | undefined, max: number | undefined): number[] {
  if (min !== undefined && max !== undefined && max - min <= 16) return Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const pts = new Set<number>();
  for (const c of consts) for (const p of [Math.floor(c) - 1, Math.floor(c), Math.ceil(c), Math.ceil(c) + 1]) pts.add(p);
  const lo = consts.length ? Math.floor(Math.min(...consts)) : 0;
  const hi = consts.length ? Math.ceil(Math.max(...consts)) : 0;
  pts.add(min ?? lo - 10);
  pts.add(max ?? hi + 10);
  return [...pts].filter((p) => (min === undefined || p >= min) && (max === undefined || p <= max)).sort((a, b) => a - b);
}

/** Every `effective`/`until` day of every clause: it and the day before; one day far before and one far after. */
export function dayPoints(set: CheckedSet): number[] {
  const bounds = new Set<number>();
  for (const pc of set.clauses) for (const t of pc.clause.tail) if (t.kind !== "because") bounds.add(dayNumber(t.date.text));
  if (bounds.size === 0) return [dayNumber("2026-01-01")];
  const pts = new Set<number>();
  for (const d of bounds) pts.add(d).add(d - 1);
  pts.add(Math.min(...bounds) - 400);
  pts.add(Math.max(...bounds) + 400);
  return [...pts].sort((a, b) => a - b);
}

// ---------------------------------------------------------------- enumeration

interface Axis {
  name: string;
  /** [coordinate, the fact value in a deployment] per point. */
  points: [number, FactValue][];
}

function factAxes(set: CheckedSet, space: Space): Axis[] {
  return space.facts.map((f): Axis => {
    const t = f.type;
    switch (t.kind) {
      case "bool":
        return { name: f.name, points: [[0, false], [1, true]] };
      case "enum":
        return { name: f.name, points: t.values.map((v, i): [number, FactValue] => [i, v]) };
      case "number":
        return { name: f.name, points: numberPoints(constantsOf(set, f.name)).map((x): [number, FactValue] => [x, x]) };
      case "int":
        return { name: f.name, points: intPoints(constantsOf(set, f.name), t.min, t.max).map((x): [number, FactValue] => [x, x]) };
      case "set": {
        const n = t.values.length;
        const pts: [number, FactValue][] = [];
        for (let mask = 0; mask < 1 << n; mask++) pts.push([mask, t.values.filter((_, i) => (mask >> i) & 1)]);
        return { name: f.name, points: pts };
      }
    }
  });
}

/** How many cells `enumerateCells` would give, without building them. */
export function countCells(set: CheckedSet, space: Space): number {
  return factAxes(set, space).reduce((n, a) => n * a.points.length, space.domains.length * dayPoints(set).length);
}

/** Every cell: every domain × every combination of representative fact values × every representative date. */
export function enumerateCells(set: CheckedSet, space: Space): Cell[] {
  const axes = factAxes(set, space);
  const days = dayPoints(set);
  const out: Cell[] = [];
  const coords: number[] = new Array(space.dateIndex + 1).fill(0);
  const values: FactValue[] = new Array(axes.length);
  const rec = (k: number, domain: number): void => {
    if (k < axes.length) {
      for (const [c, v] of axes[k]!.points) {
        coords[k + 1] = c;
        values[k] = v;
        rec(k + 1, domain);
      }
      return;
    }
    for (const day of days) {
      const facts: Deployment["facts"] = {};
      axes.forEach((a, i) => (facts[a.name] = values[i]!));
      const cs = coords.slice();
      cs[0] = domain;
      cs[space.dateIndex] = day;
      out.push({ deployment: { domain: space.domains[domain]!, at: isoDate(day), facts }, coords: cs });
    }
  };
  for (let d = 0; d < space.domains.length; d++) rec(0, d);
  return out;
}

/** The coordinates of any complete deployment (e.g. a finding's witness). */
export function cellOf(space: Space, d: Deployment): Cell {
  const coords: number[] = new Array(space.dateIndex + 1).fill(0);
  const dom = space.domainIndex.get(d.domain);
  if (dom === undefined) throw new Error(`cellOf: unknown domain \`${d.domain}\``);
  coords[0] = dom;
  for (const f of space.facts) {
    const v = d.facts[f.name];
    if (v === undefined) throw new Error(`cellOf: deployment lacks fact \`${f.name}\``);
    switch (f.type.kind) {
      case "bool":
        coords[f.index] = v === true ? 1 : 0;
        break;
      case "enum":
        coords[f.index] = f.values.indexOf(v as string);
        break;
      case "number":
      case "int":
        coords[f.index] = v as number;
        break;
      case "set": {
        let mask = 0;
        for (const x of v as string[]) mask |= 1 << f.values.indexOf(x);
        coords[f.index] = mask;
        break;
      }
    }
  }
  coords[space.dateIndex] = dayNumber(d.at);
  return { deployment: d, coords };
}

// ---------------------------------------------------------------- membership (written independently of box.ts)

function inInterval(iv: Interval, v: number): boolean {
  const aboveLo = iv.lo === -Infinity || v > iv.lo || (v === iv.lo && !iv.loOpen);
  const belowHi = iv.hi === Infinity || v < iv.hi || (v === iv.hi && !iv.hiOpen);
  return aboveLo && belowHi;
}

function inDim(d: Dim, c: number): boolean {
  switch (d.kind) {
    case "bits":
      return d.bits.has(c);
    case "interval":
      return inInterval(d.iv, c);
    case "set": {
      let count = 0;
      for (let i = 0; i < d.mustIn.size; i++) {
        const member = ((c >> i) & 1) === 1;
        if (member) count++;
        if (d.mustIn.has(i) && !member) return false;
        if (d.mustOut.has(i) && member) return false;
      }
      return inInterval(d.count, count);
    }
  }
}

export function cellInBox(space: Space, box: Box, cell: Cell): boolean {
  if (box.length !== space.dateIndex + 1) throw new Error(`cellInBox: box has ${box.length} dims, the space ${space.dateIndex + 1}`);
  for (let i = 0; i < box.length; i++) if (!inDim(box[i]!, cell.coords[i]!)) return false;
  return true;
}

export function cellInRegion(space: Space, region: Region, cell: Cell): boolean {
  for (const box of region) if (cellInBox(space, box, cell)) return true;
  return false;
}
