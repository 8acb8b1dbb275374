// The query index: per domain node, its clauses as lists whose conditions are precomputed as bitsets
// over fact classes. Every atom compares one slot with a constant, so between two consecutive
// constants a slot is compared with anywhere in the set, every atom on it keeps its truth: a slot's
// value falls in one of a few classes, found once per query. A list keeps, per slot its clauses test,
// a row of bits per class — which clauses' conjuncts on that slot hold — so the clauses of a list
// that apply are the AND of one row per slot (and one for the day, whose classes come from the set's
// `effective`/`until` dates, when there are few of them): a few words, no branching per clause.
// Conjuncts over several slots (`a or b` across facts) stay as jump code, run only for the clauses the
// rows let through. A clause is stored once per pattern node, not once per domain below it, and a list
// keeps its rows and its entries (clause index, kind, grants, leftover code) together, so a query
// reads a few short runs of memory — its node's lists and the subtree list of each ancestor.
import type { Cond } from "@charter/lang";
import type { Via } from "../query/answer.js";
import { ConstPool, atomValues, emit, holds } from "./bytecode.js";
import type { SlotLayout } from "./slots.js";

/** Day bounds as Int32 words: an absent `effective`/`until` is the widest representable date key. */
const DAY_MIN = -2147483648;
const DAY_MAX = 2147483647;

/**
 * A slot compared with more constants than this is not indexed (its rows would cost 2 words per
 * constant in every list testing it): its conjuncts stay code, and for the day, dates stay in entries.
 * At 32, the 100k bench set's 60 dates stay in entries: rows for them made the index 7.5 MB instead of
 * 4.9 MB, and queries slower.
 */
export const MAX_BOUNDS = 32;

/** Bounds up to this (exclusive) that are all non-negative integers get a class table (`Programs.table`). */
const MAX_TABLE = 256;

/**
 * Word offsets inside an entry: [clause index, meta, (from day, until day)?, grant words…, leftover
 * condition code…]. `Meta` packs the kind, whether the entry has dates to check (only when the day is
 * not indexed), whether it has leftover code, and the grant word count (see `M`). A const enum so the
 * offsets compile to literals (an imported `const` is a module-cell load on every access).
 */
export const enum E {
  Clause = 0,
  Meta = 1,
  From = 2,
  Until = 3,
}

/** The `E.Meta` word: kind in the low 3 bits, the flags, the grant word count above. */
export const enum M {
  Kind = 7,
  Dated = 8,
  Code = 16,
  PayShift = 5,
}

/** Where the grant words of the entry at `e`, whose meta word is `meta`, start. */
export function payStart(e: number, meta: number): number {
  return meta & M.Dated ? e + E.Until + 1 : e + E.From;
}

/**
 * A list's header: [entry count, words per row, slots tested, (slot, row offset) per slot tested…,
 * check mask (entries with dates or code left to run)…, entry offset per entry…]; then the rows (per
 * slot, one row of `words` words per class of the slot) and the entries.
 */
export const enum H {
  Count = 0,
  Words = 1,
  Dims = 2,
  Head = 3,
}

export interface Programs {
  /** Lists and their entries, back to back. */
  code: Int32Array;
  consts: Float64Array;
  /** Per domain node: the list of clauses with a subtree pattern there, and of exact patterns; -1 when empty. */
  subtree: Int32Array;
  exact: Int32Array;
  /** The list of clauses with the `*` pattern, or -1. */
  global: number;
  /** Per layer: its bodies' `covers` as a list (a body's rank in place of a clause index), or -1. */
  layers: Int32Array;
  /**
   * Fact classes. Dimension d < `day` is slot d; `day` is the day. The values atoms compare dimension d
   * with, ascending, are `bounds[boundStart[d] .. boundStart[d + 1])`; with m of them, class 2i is
   * below the i-th (or above all, i = m), 2i + 1 equal to it, 2m + 1 a missing fact.
   */
  bounds: Float64Array;
  boundStart: Int32Array;
  day: number;
  /** Dimensions some list has rows for: the only ones a query classifies. */
  classified: Int32Array;
  /**
   * For dimensions whose bounds are all small non-negative integers (enum indices, flags, small ints):
   * the class of each integer value below `tableLength[d]`, from `table[tableStart[d]]` — one load
   * instead of a search.
   */
  table: Int32Array;
  tableStart: Int32Array;
  tableLength: Int32Array;
  /** `classifyLoop` for these programs as straight-line code (see `classifierFor`). */
  classify: (v: Float64Array, today: number, cls: Int32Array) => void;
  /**
   * By clause index: the clause's location (`ClauseRt.via`), as one dense array so that building an
   * answer reads a pointer per via instead of touching a large clause object.
   */
  vias: Via[];
  /** Per clause: the offset of one of its entries (they differ only in the code left to run). */
  entryOf: Int32Array;
}

export interface ProgramClause {
  when: Cond | undefined;
  kind: number;
  pay: number[];
  via: Via;
  /** YYYYMMDD keys; ±Infinity when unbounded. */
  from: number;
  until: number;
}

export interface ProgramNode {
  exact: number[];
  subtree: number[];
}

export interface ProgramBody {
  rank: number;
  covers: Cond | undefined;
}

/** A date key as an Int32 word: `unbounded` for ±Infinity (no `effective` / `until`). */
const day = (x: number, unbounded: number): number => (Number.isFinite(x) ? x : unbounded);

const conjuncts = (c: Cond | undefined): Cond[] => (!c ? [] : c.kind === "and" ? c.items : [c]);

/** One value per class of a dimension with ascending `bounds` (see `Programs.bounds`). */
function representatives(bounds: number[]): Float64Array {
  const m = bounds.length;
  const out = new Float64Array(2 * m + 2);
  for (let i = 0; i <= m; i++) {
    // Any value strictly between the neighbouring bounds stands for the class (if none exists, the
    // class never occurs and its row does not matter).
    out[2 * i] = m === 0 ? 0 : i === 0 ? bounds[0]! - Math.max(1, Math.abs(bounds[0]!)) : i === m ? bounds[m - 1]! + Math.max(1, Math.abs(bounds[m - 1]!)) : (bounds[i - 1]! + bounds[i]!) / 2;
    if (i < m) out[2 * i + 1] = bounds[i]!;
  }
  out[2 * m + 1] = NaN;
  return out;
}

/** What a list holds: a clause (or a body, for a layer) and its condition. */
interface Item {
  k: number;
  when: Cond | undefined;
  body: boolean;
}

/** Lay out the lists. `global` and each node's lists hold clause indices in source order; `layers` bodies in rank order. */
export function buildPrograms(layout: SlotLayout, clauses: ProgramClause[], nodes: ProgramNode[], global: number[], layers: ProgramBody[][]): Programs {
  const pool = new ConstPool();
  const dayDim = layout.size;
  const dims = layout.size + 1;
  // A conjunct recurs in every list its clause is placed in: its code and slot are worked out once.
  const codeOf = new WeakMap<Cond, number[]>();
  const code = (c: Cond): number[] => {
    let out = codeOf.get(c);
    if (!out) {
      emit(c, layout, pool, (out = []));
      codeOf.set(c, out);
    }
    return out;
  };
  /** The one slot a conjunct tests, or -1 when it tests several. */
  const slotOf = (c: Cond): number => {
    let slot = -2;
    atomValues(code(c), pool.values, (s) => (slot = slot === -2 || slot === s ? s : -1));
    return slot < 0 ? -1 : slot;
  };
  // The values each dimension is compared with, over every conjunct that tests one slot.
  const valueSets = Array.from({ length: dims }, () => new Set<number>());
  const noteBounds = (when: Cond | undefined): void => {
    for (const c of conjuncts(when)) if (slotOf(c) >= 0) atomValues(code(c), pool.values, (s, x) => valueSets[s]!.add(x));
  };
  for (const c of clauses) {
    noteBounds(c.when);
    if (Number.isFinite(c.from)) valueSets[dayDim]!.add(c.from);
    if (Number.isFinite(c.until)) valueSets[dayDim]!.add(c.until);
  }
  for (const l of layers) for (const b of l) noteBounds(b.covers);
  const indexed = valueSets.map((s) => s.size <= MAX_BOUNDS);
  const boundLists = valueSets.map((s, d) => (indexed[d] ? [...s].sort((a, b) => a - b) : []));
  const reps = boundLists.map(representatives);
  const boundStart = new Int32Array(dims + 1);
  boundLists.forEach((b, d) => (boundStart[d + 1] = boundStart[d]! + b.length));
  // Per conjunct (by its code) and slot: whether it holds in each class of the slot.
  const truthOf = new Map<string, Uint8Array>();
  const probe = new Float64Array(dims);
  const truth = (c: Cond, slot: number): Uint8Array => {
    const words = code(c);
    const key = words.join(",");
    let t = truthOf.get(key);
    if (!t) {
      const run = Int32Array.from(words);
      const consts = Float64Array.from(pool.values);
      t = new Uint8Array(reps[slot]!.length);
      for (let x = 0; x < t.length; x++) {
        probe[slot] = reps[slot]![x]!;
        t[x] = holds(run, consts, probe, 0) ? 1 : 0;
      }
      truthOf.set(key, t);
    }
    return t;
  };
  const words: number[] = [];
  const entryOf = new Int32Array(clauses.length).fill(-1);
  const used = new Set<number>();
  /** Set bit `j` of the bit row starting at word `row`. */
  const setBit = (row: number, j: number): void => {
    words[row + (j >> 5)] = words[row + (j >> 5)]! | (1 << (j & 31));
  };
  const list = (items: Item[]): number => {
    if (items.length === 0) return -1;
    // Per item: its indexed conjuncts' truth by dimension, and the rest, left as code.
    const rows = items.map(() => new Map<number, Uint8Array>());
    const rest: Cond[][] = items.map(() => []);
    const dated = items.map(() => false);
    items.forEach((item, j) => {
      const and = (d: number, t: Uint8Array): void => {
        const had = rows[j]!.get(d);
        rows[j]!.set(d, had ? had.map((x, i) => x & t[i]!) : t);
      };
      for (const c of conjuncts(item.when)) {
        const s = slotOf(c);
        if (s >= 0 && indexed[s]) and(s, truth(c, s));
        else rest[j]!.push(c);
      }
      if (item.body) return;
      const { from, until } = clauses[item.k]!;
      if (!Number.isFinite(from) && !Number.isFinite(until)) return;
      if (!indexed[dayDim]) dated[j] = true;
      else and(dayDim, Uint8Array.from(reps[dayDim]!, (r) => (r >= from && r < until ? 1 : 0)));
    });
    const tested = [...new Set(rows.flatMap((r) => [...r.keys()]))].sort((a, b) => a - b);
    for (const d of tested) used.add(d);
    const n = items.length;
    const w = (n + 31) >> 5;
    const at = words.length;
    words.push(n, w, tested.length);
    const dimAt = words.length;
    for (const d of tested) words.push(d, 0);
    const checkAt = words.length;
    for (let i = 0; i < w; i++) words.push(0);
    const offsetsAt = words.length;
    for (let i = 0; i < n; i++) words.push(0);
    tested.forEach((d, i) => {
      words[dimAt + 2 * i + 1] = words.length;
      const rowAt = words.length;
      const classes = reps[d]!.length;
      // Entries that do not test this slot hold in every class: their bits are one mask copied into
      // each row; then each entry that tests it sets its bit where it holds (a list of thousands of
      // entries costs classes × words plus its testing entries × classes, not classes × entries).
      const free = new Array<number>(w).fill(0);
      const testing: number[] = [];
      for (let j = 0; j < n; j++) {
        if (rows[j]!.has(d)) testing.push(j);
        else free[j >> 5] = free[j >> 5]! | (1 << (j & 31));
      }
      for (let x = 0; x < classes; x++) words.push(...free);
      for (const j of testing) {
        const t = rows[j]!.get(d)!;
        for (let x = 0; x < classes; x++) if (t[x]) setBit(rowAt + x * w, j);
      }
    });
    items.forEach((item, j) => {
      const e = words.length;
      words[offsetsAt + j] = e;
      const left: number[] = [];
      const r = rest[j]!;
      if (r.length) emit(r.length === 1 ? r[0]! : { kind: "and", items: r, span: r[0]!.span }, layout, pool, left);
      const flags = (dated[j] ? M.Dated : 0) | (left.length ? M.Code : 0);
      if (flags) setBit(checkAt, j);
      if (item.body) {
        words.push(item.k, flags, ...left);
        return;
      }
      const c = clauses[item.k]!;
      if (entryOf[item.k] === -1) entryOf[item.k] = e;
      const dates = dated[j] ? [day(c.from, DAY_MIN), day(c.until, DAY_MAX)] : [];
      words.push(item.k, c.kind | flags | (c.pay.length << M.PayShift), ...dates, ...c.pay, ...left);
    });
    return at;
  };
  const clauseItems = (ks: number[]): Item[] => ks.map((k) => ({ k, when: clauses[k]!.when, body: false }));
  const subtree = new Int32Array(nodes.length);
  const exact = new Int32Array(nodes.length);
  nodes.forEach((n, i) => {
    subtree[i] = list(clauseItems(n.subtree));
    exact[i] = list(clauseItems(n.exact));
  });
  const globalList = list(clauseItems(global));
  const layerLists = Int32Array.from(layers, (bodies) => list(bodies.map((b) => ({ k: b.rank, when: b.covers, body: true }))));
  const classifiedDims = [...used].sort((a, b) => a - b);
  const table: number[] = [];
  const tableStart = new Int32Array(dims);
  const tableLength = new Int32Array(dims);
  for (const d of classifiedDims) {
    const b = boundLists[d]!;
    if (!b.every((x) => Number.isInteger(x) && x >= 0 && x < MAX_TABLE)) continue;
    tableStart[d] = table.length;
    tableLength[d] = b[b.length - 1]! + 2;
    for (let x = 0; x < tableLength[d]!; x++) table.push(classOf(b, 0, b.length, x));
  }
  const programs: Programs = {
    code: Int32Array.from(words),
    consts: Float64Array.from(pool.values),
    subtree,
    exact,
    global: globalList,
    layers: layerLists,
    bounds: Float64Array.from(boundLists.flat()),
    boundStart,
    day: dayDim,
    classified: Int32Array.from(classifiedDims),
    table: Int32Array.from(table),
    tableStart,
    tableLength,
    classify: () => {},
    vias: clauses.map((c) => c.via),
    entryOf,
  };
  programs.classify = classifierFor(programs);
  return programs;
}

/** The class of a value `x` among the ascending bounds `b[first .. end)` (see `Programs.bounds`). */
function classOf(b: ArrayLike<number>, first: number, end: number, x: number): number {
  let lo = first;
  if (x !== x) return 2 * (end - first) + 1;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (b[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return 2 * (lo - first) + (lo < end && b[lo] === x ? 1 : 0);
}

/**
 * The classifier as straight-line JavaScript, one statement per classified dimension with its bounds
 * or table position as constants: no loop over dimensions, no loads of bounds. Same results as
 * `classifyLoop`, which test/reference/classify.test.ts compares it with.
 */
function classifierFor(p: Programs): Programs["classify"] {
  const lines: string[] = [];
  for (const d of p.classified) {
    const x = d === p.day ? "today" : `v[${d}]`;
    const first = p.boundStart[d]!;
    const m = p.boundStart[d + 1]! - first;
    if (p.tableLength[d]! > 0) {
      lines.push(`x = ${x}; i = x | 0; cls[${d}] = i === x && i >= 0 && i < ${p.tableLength[d]} ? table[${p.tableStart[d]} + i] : classOf(bounds, ${first}, ${first + m}, x);`);
    } else if (m <= 16) {
      // Two per bound below x, one for a bound equal to it; NaN (a missing fact) has its own class.
      const terms = Array.from(p.bounds.subarray(first, first + m), (b) => `+(x > ${b}) + +(x >= ${b})`);
      lines.push(`x = ${x}; cls[${d}] = x !== x ? ${2 * m + 1} : ${terms.length ? terms.join(" + ") : "0"};`);
    } else lines.push(`cls[${d}] = classOf(bounds, ${first}, ${first + m}, ${x});`);
  }
  // Only slot numbers, table positions and the set's bounds (numbers, printed exactly by String)
  // reach this source, never anything from a descriptor.
  const make = new Function("bounds", "table", "classOf", `return function classify(v, today, cls) {\n  let x, i;\n  ${lines.join("\n  ")}\n};`) as (
    bounds: Float64Array,
    table: Int32Array,
    of: typeof classOf,
  ) => Programs["classify"];
  return make(p.bounds, p.table, classOf);
}

/** The class of each dimension some list tests, for values `v` and day `today`, into `cls` (see `Programs.bounds`): the definition `Programs.classify` must agree with. */
export function classifyLoop(p: Programs, v: Float64Array, today: number, cls: Int32Array): void {
  for (const d of p.classified) cls[d] = classOf(p.bounds, p.boundStart[d]!, p.boundStart[d + 1]!, d === p.day ? today : v[d]!);
}

/**
 * The entries of the lists `lists[0 .. count)` that apply, given the classes `cls` (from `classify`)
 * of values `v` and day `today`: for each, append its clause index (or body rank) to `hits` and its
 * offset to `at`, from position `n`; returns the new count.
 */
export function runLists(p: Programs, lists: Int32Array, count: number, v: Float64Array, today: number, cls: Int32Array, hits: Int32Array, at: Int32Array, n: number): number {
  const code = p.code;
  for (let r = 0; r < count; r++) {
    const l = lists[r]!;
    const size = code[l + H.Count]!;
    const w = code[l + H.Words]!;
    const dimsEnd = l + H.Head + 2 * code[l + H.Dims]!;
    const check = dimsEnd;
    const offsets = dimsEnd + w;
    for (let i = 0; i < w; i++) {
      // Entries past the count in the last word have no bits in the rows: a list without rows has none to mask.
      let m = i === w - 1 && size & 31 ? ~(-1 << (size & 31)) : -1;
      for (let q = l + H.Head; q < dimsEnd && m !== 0; q += 2) m &= code[code[q + 1]! + cls[code[q]!]! * w + i]!;
      const checks = code[check + i]!;
      while (m !== 0) {
        const low = m & -m;
        m ^= low;
        const e = code[offsets + (i << 5) + 31 - Math.clz32(low)]!;
        if (checks & low && !passes(p, e, v, today)) continue;
        hits[n] = code[e]!;
        at[n++] = e;
      }
    }
  }
  return n;
}

/** Whether the entry at `e` passes its own checks: its dates (when the day is not indexed) and the code left to run. */
function passes(p: Programs, e: number, v: Float64Array, today: number): boolean {
  const code = p.code;
  const meta = code[e + E.Meta]!;
  if (meta & M.Dated && (today < code[e + E.From]! || today >= code[e + E.Until]!)) return false;
  return !(meta & M.Code) || holds(code, p.consts, v, payStart(e, meta) + (meta >> M.PayShift));
}
