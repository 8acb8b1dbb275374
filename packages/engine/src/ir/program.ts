// The query index: every domain node's clauses as one contiguous block of Int32 words (clause index,
// dates, what the clause grants, condition code), so a query reads a few short sequential runs of
// memory — its node's block and the subtree part of each ancestor's — instead of chasing clause
// objects across the heap; the answer is then built from the entries just read, still in cache. A
// clause is stored once per pattern node, not once per domain below it, which keeps the index about
// as big as the source (≈ 7 MB at 100k clauses).
import type { Cond } from "@charter/lang";
import type { Via } from "../query/answer.js";
import { ConstPool, emit, run } from "./bytecode.js";
import type { SlotLayout } from "./slots.js";

/** Day bounds as Int32 words: an absent `effective`/`until` is the widest representable date key. */
const DAY_MIN = -2147483648;
const DAY_MAX = 2147483647;

/** Word offsets inside an entry; the grant words follow at `E_PAY`, the condition code after them. */
export const E_CLAUSE = 0;
export const E_VIA = 1;
export const E_FROM = 2;
export const E_UNTIL = 3;
export const E_NEXT = 4;
export const E_KIND = 5;
export const E_PAYLEN = 6;
export const E_PAY = 7;

/** First word of a group header (an entry starts with a clause index or body rank, never negative). */
const GROUP = -1;

export interface Programs {
  /**
   * Blocks back to back. An entry is [clause index, via ordinal, from day, until day, next entry, kind,
   * grant word count, grant words…, condition code…]; no code: the clause always holds. Grant words:
   * a govern clause's `rank * 2 + role` (0 approve, 1 notify) in source order; a precedence clause's
   * [winner rank, loser rank]. In the layer blocks the clause index is a body rank. Entries sharing a
   * guard atom sit in a group: [GROUP, end of group, first member, guard atom code…, members…].
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
   * Per layer: its bodies' `covers` in [layerStart, layerEnd), an entry per body in rank order with the
   * rank in place of a clause index — what an escalation to the layer tests.
   */
  layerStart: Int32Array;
  layerEnd: Int32Array;
  /** By via ordinal: each entry's clause location, laid out in block order so a block's vias are adjacent. */
  vias: Via[];
  /** Per clause: the offset of one of its entries (they differ only in position). */
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

const day = (x: number, unbounded: number): number => (Number.isFinite(x) ? x : unbounded);

/** Lay out the blocks. `global` and each node's lists hold clause indices in source order; `layers` bodies in rank order. */
export function buildPrograms(layout: SlotLayout, clauses: ProgramClause[], nodes: ProgramNode[], global: number[], layers: ProgramBody[][]): Programs {
  const pool = new ConstPool();
  const code = (c: Cond | undefined): number[] => {
    const out: number[] = [];
    if (c) emit(c, layout, pool, out);
    return out;
  };
  const codes = clauses.map((c) => code(c.when));
  // Each clause's top-level conjuncts that are single atoms, keyed by their code: candidate guards.
  const guards = clauses.map((c) => {
    const items = !c.when ? [] : c.when.kind === "and" ? c.when.items : [c.when];
    return items.filter((i) => i.kind !== "and" && i.kind !== "or" && i.kind !== "not").map((atom) => ({ atom, key: code(atom).join(",") }));
  });
  const words: number[] = [];
  const vias: Via[] = [];
  const entryOf = new Int32Array(clauses.length).fill(-1);
  const entry = (k: number, via: Via | undefined, from: number, until: number, kind: number, pay: number[], code: number[]): void => {
    const at = words.length;
    words.push(k, via ? vias.length : -1, from, until, at + E_PAY + pay.length + code.length, kind, pay.length);
    if (via) vias.push(via);
    for (const w of pay) words.push(w);
    for (const w of code) words.push(w);
  };
  const plain = (k: number, condition: number[]): void => {
    const c = clauses[k]!;
    if (entryOf[k] === -1) entryOf[k] = words.length;
    entry(k, c.via, day(c.from, DAY_MIN), day(c.until, DAY_MAX), c.kind, c.pay, condition);
  };
  // A block groups its entries under shared guards: the atom most of them have as a conjunct is tested
  // once for the group, and the members test only the rest of their condition. Within a block, order
  // is free (the query sorts what applies back into source order).
  const block = (list: number[]): void => {
    let rest = list;
    for (;;) {
      const count = new Map<string, number>();
      for (const k of rest) for (const key of new Set(guards[k]!.map((g) => g.key))) count.set(key, (count.get(key) ?? 0) + 1);
      let best: string | undefined;
      for (const [key, n] of count) if (n >= 2 && (best === undefined || n > count.get(best)!)) best = key;
      if (best === undefined) break;
      const members = rest.filter((k) => guards[k]!.some((g) => g.key === best));
      rest = rest.filter((k) => !members.includes(k));
      const header = words.length;
      const guard = best.split(",").map(Number);
      words.push(GROUP, 0, header + 3 + guard.length, ...guard);
      for (const k of members) {
        const when = clauses[k]!.when!;
        // The guard holds inside the group: only the other conjuncts are left to test.
        const others = when.kind === "and" ? when.items.filter((i) => code(i).join(",") !== best) : [];
        const remaining: Cond | undefined = others.length === 0 ? undefined : others.length === 1 ? others[0] : { kind: "and", items: others, span: when.span };
        plain(k, code(remaining));
      }
      words[header + 1] = words.length;
    }
    for (const k of rest) plain(k, codes[k]!);
  };
  const start = new Int32Array(nodes.length);
  const mid = new Int32Array(nodes.length);
  const end = new Int32Array(nodes.length);
  nodes.forEach((n, i) => {
    start[i] = words.length;
    block(n.subtree);
    mid[i] = words.length;
    block(n.exact);
    end[i] = words.length;
  });
  const globalStart = words.length;
  block(global);
  const globalEnd = words.length;
  const layerStart = new Int32Array(layers.length);
  const layerEnd = new Int32Array(layers.length);
  layers.forEach((bodies, i) => {
    layerStart[i] = words.length;
    for (const b of bodies) {
      const code: number[] = [];
      if (b.covers) emit(b.covers, layout, pool, code);
      entry(b.rank, undefined, DAY_MIN, DAY_MAX, 0, [], code);
    }
    layerEnd[i] = words.length;
  });
  return { code: Int32Array.from(words), consts: Float64Array.from(pool.values), start, mid, end, globalStart, globalEnd, layerStart, layerEnd, vias, entryOf };
}

/**
 * Test the entries in [pc, end) at `day`; for each that applies, append its clause index to `hits` and
 * its offset to `at`, from position `n`; returns the new count.
 */
export function runBlock(p: Programs, pc: number, end: number, v: Float64Array, today: number, hits: Int32Array, at: Int32Array, n: number): number {
  const code = p.code;
  while (pc < end) {
    if (code[pc] === GROUP) {
      // [GROUP, end of group, first member, guard atom…]: skip the members when the guard fails.
      pc = run(code, pc + 3, v, p.consts) ? code[pc + 2]! : code[pc + 1]!;
      continue;
    }
    const next = code[pc + E_NEXT]!;
    if (today >= code[pc + E_FROM]! && today < code[pc + E_UNTIL]!) {
      const cond = pc + E_PAY + code[pc + E_PAYLEN]!;
      if (cond === next || run(code, cond, v, p.consts)) {
        hits[n] = code[pc]!;
        at[n++] = pc;
      }
    }
    pc = next;
  }
  return n;
}
