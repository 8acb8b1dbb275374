// The query index: every domain node's clauses as one contiguous block of Int32 words (clause index,
// dates, condition code), so a query reads a few short sequential runs of memory — its node's block
// and the subtree part of each ancestor's — instead of chasing clause objects across the heap. A
// clause is stored once per pattern node, not once per domain below it, which keeps the index about
// as big as the source (≈ 6 MB at 100k clauses) and mostly cache-resident.
import type { Cond } from "@charter/lang";
import { ConstPool, emit, run } from "./bytecode.js";
import type { SlotLayout } from "./slots.js";

/** Day bounds as Int32 words: an absent `effective`/`until` is the widest representable date key. */
const DAY_MIN = -2147483648;
const DAY_MAX = 2147483647;

export interface Programs {
  /** Blocks back to back. An entry is [clause index, from day, until day, next entry, condition code…]; no code: always holds. */
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
}

export interface ProgramClause {
  when: Cond | undefined;
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
  const codes = clauses.map((c) => {
    const out: number[] = [];
    if (c.when) emit(c.when, layout, pool, out);
    return out;
  });
  const words: number[] = [];
  const block = (list: number[]): void => {
    for (const k of list) {
      const c = clauses[k]!;
      const code = codes[k]!;
      words.push(k, day(c.from, DAY_MIN), day(c.until, DAY_MAX), words.length + 4 + code.length);
      for (const w of code) words.push(w);
    }
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
      words.push(b.rank, DAY_MIN, DAY_MAX, words.length + 4 + code.length);
      for (const w of code) words.push(w);
    }
    layerEnd[i] = words.length;
  });
  return { code: Int32Array.from(words), consts: Float64Array.from(pool.values), start, mid, end, globalStart, globalEnd, layerStart, layerEnd };
}

/** Test the entries in [pc, end) at `day`; append the indices of those that apply to `hits` from `n`; returns the new count. */
export function runBlock(p: Programs, pc: number, end: number, v: Float64Array, today: number, hits: Int32Array, n: number): number {
  const code = p.code;
  while (pc < end) {
    const next = code[pc + 3]!;
    if (today >= code[pc + 1]! && today < code[pc + 2]! && (next === pc + 4 || run(code, pc + 4, v, p.consts))) hits[n++] = code[pc]!;
    pc = next;
  }
  return n;
}
