// Conditions as short-circuit jump code of 32-bit words, run by one interpreter loop (ir/program.ts):
// every domain's clauses are tested by the same hot (optimised) code. Each instruction tests one atom and names where
// to go on true and on false (the next atom, or accept/reject), the way compilers lower `&&`/`||`, so
// a conjunction stops at its first false atom and no value stack is needed. Numbers compared against
// (thresholds, `users`, enum indices) live in a small constant pool, so the code itself stays Int32 —
// half the bytes of Float64 code, which matters at 100k clauses where a query's cost is memory traffic.
import type { Cond, Literal } from "@charter/lang";
import type { SlotLayout } from "./slots.js";

export const enum Op {
  Eq = 0,
  Ne = 1,
  Lt = 2,
  Le = 3,
  Gt = 4,
  Ge = 5,
  In = 6,
  NotIn = 7,
  IsOne = 8,
}

const CMP: Record<string, Op> = { "==": Op.Eq, "!=": Op.Ne, "<": Op.Lt, "<=": Op.Le, ">": Op.Gt, ">=": Op.Ge };

function literal(l: Literal): number {
  if (l.kind === "number") return l.value;
  if (l.kind === "bool") return l.value ? 1 : 0;
  throw new Error("internal: numeric literal expected");
}

/** Distinct constants of a set (a handful: thresholds repeat across clauses), each stored once. */
export class ConstPool {
  readonly values: number[] = [];
  private readonly index = new Map<number, number>();
  add(x: number): number {
    let i = this.index.get(x);
    if (i === undefined) {
      this.index.set(x, (i = this.values.length));
      this.values.push(x);
    }
    return i;
  }
}

/**
 * Jump targets: relative to the condition's first word, or one of these. Both targets of an atom share
 * one word (16 bits each), so a target is below `Target.Reject`.
 */
export const enum Target {
  Accept = 0xffff,
  Reject = 0xfffe,
}

/**
 * An atom is three words — [op | slot << 4, operand, if true | if false << 16] — and, for `in`, its n
 * value indices: at 100k clauses a query's cost is mostly the memory its entries take, so every word
 * counts (five words an atom before).
 */
export const ATOM_WORDS = 3;

function atom(out: number[], op: Op, slot: number, operand: number, yes: number, no: number): void {
  out.push(op | (slot << 4), operand, yes | (no << 16));
}

/** Words one atom takes and, for `in`, its n value indices. */
function size(c: Cond): number {
  switch (c.kind) {
    case "and":
    case "or":
      return c.items.reduce((n, i) => n + size(i), 0);
    case "not":
      return size(c.item);
    case "in":
      return ATOM_WORDS + c.values.length;
    default:
      return ATOM_WORDS;
  }
}

/**
 * Append the jump code of `c`, which starts `at` words into its condition, to `out`: control reaches
 * `yes` when `c` holds and `no` when not. A condition-less clause has no code (it always holds).
 */
export function emit(c: Cond, layout: SlotLayout, pool: ConstPool, out: number[], at = 0, yes: number = Target.Accept, no: number = Target.Reject): void {
  switch (c.kind) {
    case "and":
    case "or": {
      let pos = at;
      c.items.forEach((item, i) => {
        const next = pos + size(item);
        // A jump inside the condition must not read as accept/reject (a condition of ≈ 20,000 atoms).
        if (next >= Target.Reject) throw new Error("internal: condition too long to encode");
        const last = i === c.items.length - 1;
        if (c.kind === "and") emit(item, layout, pool, out, pos, last ? yes : next, no);
        else emit(item, layout, pool, out, pos, yes, last ? no : next);
        pos = next;
      });
      return;
    }
    case "not":
      return emit(c.item, layout, pool, out, at, no, yes);
    case "bare":
      atom(out, Op.IsOne, layout.byName.get(c.subject.name)!.slot, 0, yes, no);
      return;
    case "contains": {
      const f = layout.byName.get(c.subject.name)!;
      atom(out, Op.IsOne, f.slot + 1 + f.valueIndex!.get((c.value as Literal & { kind: "ident" }).name)!, 0, yes, no);
      return;
    }
    case "cmp": {
      const f = layout.byName.get(c.subject.name)!;
      const k = c.subject.kind !== "count" && f.type.kind === "enum" ? f.valueIndex!.get((c.value as Literal & { kind: "ident" }).name)! : literal(c.value);
      atom(out, CMP[c.op]!, f.slot, pool.add(k), yes, no);
      return;
    }
    case "in": {
      const f = layout.byName.get(c.subject.name)!;
      const idx = c.values.map((l) => f.valueIndex!.get((l as Literal & { kind: "ident" }).name)!);
      atom(out, c.negated ? Op.NotIn : Op.In, f.slot, idx.length, yes, no);
      out.push(...idx);
      return;
    }
  }
}

/** Words of the atom at `q` (three, and for `in` its value indices). */
export function atomWords(code: ArrayLike<number>, q: number): number {
  const op = code[q]! & 15;
  return ATOM_WORDS + (op === Op.In || op === Op.NotIn ? code[q + 1]! : 0);
}

/**
 * Call `f(slot, value)` for each value an atom of `code` compares its slot with: a constant, an `in`
 * list's value index, 1 for a flag. Between two consecutive such values of a slot every atom on it
 * keeps its truth, which is what the index's fact classes (ir/program.ts) rest on.
 */
export function atomValues(code: ArrayLike<number>, consts: ArrayLike<number>, f: (slot: number, value: number) => void): void {
  for (let q = 0; q < code.length; q += atomWords(code, q)) {
    const w = code[q]!;
    const op = w & 15;
    if (op === Op.In || op === Op.NotIn) for (let i = 0; i < code[q + 1]!; i++) f(w >> 4, code[q + ATOM_WORDS + i]!);
    else f(w >> 4, op === Op.IsOne ? 1 : consts[code[q + 1]!]!);
  }
}

/**
 * Run the jump code starting at `base` in `code` on the values `v`: whether the condition holds. A
 * missing fact (NaN) fails every atom, and `!=`/`not in` too.
 */
export function holds(code: Int32Array, k: Float64Array, v: Float64Array, base: number): boolean {
  let q = base;
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
    if (to >= Target.Reject) return to === Target.Accept;
    q = base + to;
  }
}
