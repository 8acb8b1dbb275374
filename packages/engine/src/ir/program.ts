// The query index: every domain node's clauses as one contiguous block of Int32 words (clause index,
// dates, what the clause grants, condition code), so a query reads a few short sequential runs of
// memory — its node's block and the subtree part of each ancestor's — instead of chasing clause
// objects across the heap; the answer is then built from the entries just read, still in cache. A
// clause is stored once per pattern node, not once per domain below it, which keeps the index about
// as big as the source (≈ 7 MB at 100k clauses).
import type { Cond } from "@charter/lang";
import type { Via } from "../query/answer.js";
import { ATOM_WORDS, ConstPool, Op, Target, emit } from "./bytecode.js";
import type { SlotLayout } from "./slots.js";

/** Day bounds as Int32 words: an absent `effective`/`until` is the widest representable date key. */
const DAY_MIN = -2147483648;
const DAY_MAX = 2147483647;

/**
 * Word offsets inside an entry: [clause index, next entry, meta, (from day, until day)?, grant words…,
 * condition code…]. `Meta` packs the kind, whether the clause has dates (most have none, and their
 * entries then skip the two date words) and the grant word count (see `M`); the header before the
 * dates is `E.From` words. A const enum so the offsets compile to literals (an imported `const` is a
 * module-cell load on every access).
 */
export const enum E {
  Clause = 0,
  Next = 1,
  Meta = 2,
  From = 3,
  Until = 4,
}

/** The `E.Meta` word: kind in the low 3 bits, the dates flag, the grant word count above. */
export const enum M {
  Kind = 7,
  Dated = 8,
  PayShift = 4,
}

/** Where the grant words of the entry at `e`, whose meta word is `meta`, start. */
export function payStart(e: number, meta: number): number {
  return meta & M.Dated ? e + E.Until + 1 : e + E.From;
}

/** First word of a group, switch or jump (an entry starts with a clause index or body rank, never negative). */
const enum Tag {
  Group = -1,
  Switch = -2,
  Jump = -3,
}

export interface Programs {
  /**
   * Blocks back to back, each a small decision tree over its entries. An entry is laid out as `E`
   * says; no condition code: the clause always holds. Grant words: a govern clause's `rank * 2 + role` (0 approve,
   * 1 notify) in source order; a precedence clause's [winner rank, loser rank]. In the layer blocks the
   * clause index is a body rank. Entries that share a conjunct are gathered under one test of it:
   * - a group [Tag.Group, end of group, first member, guard atom code…, members…]: the members are
   *   skipped when the guard fails, and do not test it again;
   * - a switch [Tag.Switch, enum slot, value count, after, start per value…, value blocks…] for
   *   conjuncts requiring enum values (`region == eu`, `region in { eu, uk }`): only the block of the
   *   deployment's value is run (each ends with [Tag.Jump, after]).
   */
  code: Int32Array;
  consts: Float64Array;
  /** Per domain node: clauses with a subtree pattern there in [start, mid), exact patterns in [mid, end). */
  start: Int32Array;
  mid: Int32Array;
  end: Int32Array;
  /** Clauses with the `*` pattern. */
  globalStart: number;
  globalEnd: number;
  /**
   * Per layer: its bodies' `covers` in [layerStart, layerEnd), an entry per body with the rank in place
   * of a clause index — what an escalation to the layer tests.
   */
  layerStart: Int32Array;
  layerEnd: Int32Array;
  /**
   * By clause index: the clause's location (`ClauseRt.via`), as one dense array so that building an
   * answer reads a pointer per via instead of touching a large clause object.
   */
  vias: Via[];
  /** Per clause: the offset of one of its entries (they differ only in position and what is left to test). */
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

/** What to place: a clause (or a body, for a layer) and the part of its condition still to test. */
interface Item {
  k: number;
  when: Cond | undefined;
  body: boolean;
}

const conjuncts = (c: Cond | undefined): Cond[] => (!c ? [] : c.kind === "and" ? c.items : [c]);

/** `when` without the conjuncts `drop` picks (they are known to hold where the result is tested). */
function without(when: Cond | undefined, drop: (atom: Cond) => boolean): Cond | undefined {
  const rest = conjuncts(when).filter((i) => !drop(i));
  return rest.length === 0 ? undefined : rest.length === 1 ? rest[0] : { kind: "and", items: rest, span: when!.span };
}

/** Lay out the blocks. `global` and each node's lists hold clause indices in source order; `layers` bodies in rank order. */
export function buildPrograms(layout: SlotLayout, clauses: ProgramClause[], nodes: ProgramNode[], global: number[], layers: ProgramBody[][]): Programs {
  const pool = new ConstPool();
  // A clause's condition is placed once per pattern node (and its atoms tested as guards): emit once.
  const emitted = new WeakMap<Cond, number[]>();
  const code = (c: Cond | undefined): number[] => {
    if (!c) return [];
    let out = emitted.get(c);
    if (!out) {
      emit(c, layout, pool, (out = []));
      emitted.set(c, out);
    }
    return out;
  };
  // Conjuncts recur in every block a clause is placed in: their keys and requirements are worked out once.
  const keys = new WeakMap<Cond, string>();
  /** Per key, the atom's code (a guard's words in a group header). */
  const codeOfKey = new Map<string, number[]>();
  const key = (atom: Cond): string => {
    let k = keys.get(atom);
    if (k === undefined) {
      const words = code(atom);
      keys.set(atom, (k = words.join(",")));
      codeOfKey.set(k, words);
    }
    return k;
  };
  const isAtom = (c: Cond): boolean => c.kind !== "and" && c.kind !== "or" && c.kind !== "not";
  // The enum values a conjunct requires (`x == a`, `x in { a, b }`), if it is such a test.
  const required = new WeakMap<Cond, { slot: number; values: number[] } | null>();
  const requires = (c: Cond): { slot: number; values: number[] } | undefined => {
    let r = required.get(c);
    if (r === undefined) required.set(c, (r = requirement(c) ?? null));
    return r ?? undefined;
  };
  const requirement = (c: Cond): { slot: number; values: number[] } | undefined => {
    if (c.kind !== "cmp" && c.kind !== "in") return undefined;
    if (c.subject.kind === "count" || (c.kind === "cmp" && c.op !== "==") || (c.kind === "in" && c.negated)) return undefined;
    const f = layout.byName.get(c.subject.name)!;
    if (f.type.kind !== "enum") return undefined;
    const values = c.kind === "cmp" ? [c.value] : c.values;
    return { slot: f.slot, values: values.map((l) => f.valueIndex!.get((l as { name: string }).name)!) };
  };
  const words: number[] = [];
  const entryOf = new Int32Array(clauses.length).fill(-1);
  const place = (item: Item): void => {
    const at = words.length;
    const condition = code(item.when);
    if (item.body) {
      words.push(item.k, at + E.From + condition.length, 0, ...condition);
      return;
    }
    const c = clauses[item.k]!;
    if (entryOf[item.k] === -1) entryOf[item.k] = at;
    const dated = Number.isFinite(c.from) || Number.isFinite(c.until);
    const dates = dated ? [day(c.from, DAY_MIN), day(c.until, DAY_MAX)] : [];
    words.push(item.k, at + E.From + dates.length + c.pay.length + condition.length, c.kind | (dated ? M.Dated : 0) | (c.pay.length << M.PayShift), ...dates, ...c.pay, ...condition);
  };
  // A block is a decision tree: the conjunct most entries share is tested once for all of them — a
  // switch when it requires enum values, else a group under a guard atom — and the members' blocks are
  // built the same way from what is left of their conditions. Within a block, order is free (the query
  // sorts what applies back into source order).
  const block = (items: Item[]): void => {
    if (items.length < 2) {
      for (const i of items) place(i);
      return;
    }
    // Per item, its distinct guard keys and required slots; the counts over the items still to place
    // are kept up to date as groups and switches take items away (not recounted per round).
    const guardsOf = new Map<Item, string[]>();
    const slotsOf = new Map<Item, number[]>();
    const guards = new Map<string, number>();
    const slots = new Map<number, number>();
    const count = (i: Item, by: number): void => {
      for (const g of guardsOf.get(i)!) guards.set(g, guards.get(g)! + by);
      for (const x of slotsOf.get(i)!) slots.set(x, slots.get(x)! + by);
    };
    for (const i of items) {
      // Plain loops over a handful of conjuncts: this runs for every item of every block, nested ones too.
      const gs: string[] = [];
      const xs: number[] = [];
      for (const c of conjuncts(i.when)) {
        if (isAtom(c)) {
          const g = key(c);
          if (!gs.includes(g)) gs.push(g);
        }
        const x = requires(c)?.slot;
        if (x !== undefined && !xs.includes(x)) xs.push(x);
      }
      guardsOf.set(i, gs);
      slotsOf.set(i, xs);
      for (const g of gs) if (!guards.has(g)) guards.set(g, 0);
      for (const x of xs) if (!slots.has(x)) slots.set(x, 0);
      count(i, 1);
    }
    let rest = items;
    const take = (taken: Item[]): void => {
      const gone = new Set(taken);
      for (const i of taken) count(i, -1);
      rest = rest.filter((i) => !gone.has(i));
    };
    for (;;) {
      let guard: string | undefined;
      for (const [g, n] of guards) if (n >= 2 && (guard === undefined || n > guards.get(guard)!)) guard = g;
      let slot = -1;
      for (const [x, n] of slots) if (n >= 2 && (slot < 0 || n > slots.get(slot)!)) slot = x;
      if (slot >= 0 && (guard === undefined || slots.get(slot)! >= guards.get(guard)!)) {
        const left = new Set(switchOn(slot, rest));
        take(rest.filter((i) => !left.has(i)));
      } else if (guard !== undefined) {
        const g = guard;
        const hasGuard = (c: Cond) => isAtom(c) && key(c) === g;
        const members = rest.filter((i) => guardsOf.get(i)!.includes(g));
        take(members);
        const header = words.length;
        const atom = codeOfKey.get(g)!;
        words.push(Tag.Group, 0, header + 3 + atom.length, ...atom);
        // The guard holds inside the group: only the other conjuncts are left to test.
        block(members.map((i) => ({ ...i, when: without(i.when, hasGuard) })));
        words[header + 1] = words.length;
      } else break;
    }
    for (const i of rest) place(i);
  };
  // Place the items requiring values of enum `slot` under a switch; returns the others.
  const switchOn = (slot: number, items: Item[]): Item[] => {
    const allowedOf = (i: Item): number[] | undefined => {
      let allowed: number[] | undefined;
      for (const c of conjuncts(i.when)) {
        const r = requires(c);
        if (r?.slot === slot) allowed = allowed ? allowed.filter((x) => r.values.includes(x)) : r.values;
      }
      return allowed;
    };
    const values = layout.facts.find((f) => f.slot === slot)!.valueIndex!.size;
    const header = words.length;
    words.push(Tag.Switch, slot, values, 0, ...new Array<number>(values).fill(0));
    const jumps: number[] = [];
    const allowed = items.map(allowedOf);
    for (let x = 0; x < values; x++) {
      const members = items.filter((_, n) => allowed[n]?.includes(x));
      if (members.length === 0) continue;
      words[header + 4 + x] = words.length;
      // Within the block of value x, the conjuncts requiring it hold: they are not tested again.
      block(members.map((i) => ({ ...i, when: without(i.when, (c) => requires(c)?.slot === slot) })));
      jumps.push(words.length);
      words.push(Tag.Jump, 0);
    }
    const after = words.length;
    words[header + 3] = after;
    for (let x = 0; x < values; x++) if (words[header + 4 + x] === 0) words[header + 4 + x] = after;
    for (const j of jumps) words[j + 1] = after;
    // An item whose requirements on the slot contradict each other (`allowed` empty) never applies.
    return items.filter((_, n) => !allowed[n]);
  };
  const clauseItems = (list: number[]): Item[] => list.map((k) => ({ k, when: clauses[k]!.when, body: false }));
  const start = new Int32Array(nodes.length);
  const mid = new Int32Array(nodes.length);
  const end = new Int32Array(nodes.length);
  nodes.forEach((n, i) => {
    start[i] = words.length;
    block(clauseItems(n.subtree));
    mid[i] = words.length;
    block(clauseItems(n.exact));
    end[i] = words.length;
  });
  const globalStart = words.length;
  block(clauseItems(global));
  const globalEnd = words.length;
  const layerStart = new Int32Array(layers.length);
  const layerEnd = new Int32Array(layers.length);
  layers.forEach((bodies, i) => {
    layerStart[i] = words.length;
    block(bodies.map((b) => ({ k: b.rank, when: b.covers, body: true })));
    layerEnd[i] = words.length;
  });
  return { code: Int32Array.from(words), consts: Float64Array.from(pool.values), start, mid, end, globalStart, globalEnd, layerStart, layerEnd, vias: clauses.map((c) => c.via), entryOf };
}

/**
 * Test the entries of the blocks `ranges[2i] .. ranges[2i + 1]` (i < `count`) at `day`; for each that
 * applies, append its clause index (or body rank) to `hits` and its offset to `at`, from position `n`;
 * returns the new count. One loop with the condition interpreter written inline, not a call per entry:
 * a query runs ≈ 40 entries and the call was a third of the cost.
 */
export function runBlocks(p: Programs, ranges: Int32Array, count: number, v: Float64Array, today: number, hits: Int32Array, at: Int32Array, n: number): number {
  const code = p.code;
  const k = p.consts;
  for (let r = 0; r < count; r++) {
    let pc = ranges[2 * r]!;
    const end = ranges[2 * r + 1]!;
    while (pc < end) {
      // What to run (jump code from `base`), where to go after, and the entry that applies if it holds.
      let base: number;
      let onTrue: number;
      let onFalse: number;
      let entry = -1;
      const w = code[pc]!;
      if (w === Tag.Switch) {
        // [Tag.Switch, slot, value count, after, start per value…]; an unknown fact (NaN) picks no value.
        const x = v[code[pc + 1]!]!;
        pc = x >= 0 && x < code[pc + 2]! ? code[pc + 4 + x]! : code[pc + 3]!;
        continue;
      } else if (w === Tag.Jump) {
        pc = code[pc + 1]!;
        continue;
      } else if (w === Tag.Group) {
        // [Tag.Group, end of group, first member, guard atom…]: skip the members when the guard fails.
        base = pc + 3;
        onTrue = code[pc + 2]!;
        onFalse = code[pc + 1]!;
      } else {
        const next = code[pc + E.Next]!;
        const meta = code[pc + E.Meta]!;
        onTrue = onFalse = next;
        if (meta & M.Dated && (today < code[pc + E.From]! || today >= code[pc + E.Until]!)) {
          pc = next;
          continue;
        }
        base = payStart(pc, meta) + (meta >> M.PayShift);
        if (base === next) {
          hits[n] = code[pc]!;
          at[n++] = pc;
          pc = next;
          continue;
        }
        entry = pc;
      }
      let q = base;
      let holds: boolean;
      for (;;) {
        const w = code[q]!;
        const x = v[w >> 4]!;
        let t: boolean;
        switch (w & 15) {
          case Op.Eq:
            t = x === k[code[q + 1]!];
            break;
          case Op.Ne:
            t = x !== k[code[q + 1]!] && x === x;
            break;
          case Op.Lt:
            t = x < k[code[q + 1]!]!;
            break;
          case Op.Le:
            t = x <= k[code[q + 1]!]!;
            break;
          case Op.Gt:
            t = x > k[code[q + 1]!]!;
            break;
          case Op.Ge:
            t = x >= k[code[q + 1]!]!;
            break;
          case Op.In:
          case Op.NotIn: {
            let found = false;
            for (let i = q + ATOM_WORDS, e = q + ATOM_WORDS + code[q + 1]!; i < e; i++) {
              if (code[i] === x) {
                found = true;
                break;
              }
            }
            t = (w & 15) === Op.In ? found : !found && x === x;
            break;
          }
          default:
            t = x === 1;
        }
        const j = code[q + 2]!;
        const to = t ? j & 0xffff : j >>> 16;
        if (to >= Target.Reject) {
          holds = to === Target.Accept;
          break;
        }
        q = base + to;
      }
      if (holds && entry >= 0) {
        hits[n] = code[entry]!;
        at[n++] = entry;
      }
      pc = holds ? onTrue : onFalse;
    }
  }
  return n;
}
