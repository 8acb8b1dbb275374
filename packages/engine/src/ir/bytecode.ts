// Conditions as postfix bytecode of 32-bit words, run by one interpreter loop: every domain's clauses
// are tested by the same hot (optimised) code. Numbers compared against (thresholds, `users`, enum
// indices) live in a small constant pool the code indexes, so the code itself stays Int32 — half the
// bytes of Float64 code, which matters at 100k clauses where a query's cost is mostly memory traffic.
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
  And = 9,
  Or = 10,
  Not = 11,
  True = 12,
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
 * Append the postfix code of `c` to `out`; returns the stack depth it needs. Words: a comparison is
 * [op, slot, const], `in` is [op, slot, n, value index…], a bool or set membership is [IsOne, slot],
 * `and`/`or` are [op, n] after their n operands, `not` is [Not], no condition is [True].
 */
export function emit(c: Cond | undefined, layout: SlotLayout, pool: ConstPool, out: number[]): number {
  if (!c) {
    out.push(Op.True);
    return 1;
  }
  switch (c.kind) {
    case "and":
    case "or": {
      let depth = 0;
      c.items.forEach((item, i) => (depth = Math.max(depth, i + emit(item, layout, pool, out))));
      out.push(c.kind === "and" ? Op.And : Op.Or, c.items.length);
      return depth;
    }
    case "not": {
      const d = emit(c.item, layout, pool, out);
      out.push(Op.Not);
      return d;
    }
    case "bare":
      out.push(Op.IsOne, layout.byName.get(c.subject.name)!.slot);
      return 1;
    case "contains": {
      const f = layout.byName.get(c.subject.name)!;
      out.push(Op.IsOne, f.slot + 1 + f.valueIndex!.get((c.value as Literal & { kind: "ident" }).name)!);
      return 1;
    }
    case "cmp": {
      const f = layout.byName.get(c.subject.name)!;
      const k = c.subject.kind !== "count" && f.type.kind === "enum" ? f.valueIndex!.get((c.value as Literal & { kind: "ident" }).name)! : literal(c.value);
      out.push(CMP[c.op]!, f.slot, pool.add(k));
      return 1;
    }
    case "in": {
      const f = layout.byName.get(c.subject.name)!;
      const idx = c.values.map((l) => f.valueIndex!.get((l as Literal & { kind: "ident" }).name)!);
      out.push(c.negated ? Op.NotIn : Op.In, f.slot, idx.length, ...idx);
      return 1;
    }
  }
}

/** Run the code in [pc, end) against the slot array. An unknown fact (NaN) satisfies no comparison. */
export function run(code: Int32Array, pc: number, end: number, v: Float64Array, k: Float64Array, stack: Uint8Array): boolean {
  let sp = 0;
  while (pc < end) {
    switch (code[pc]!) {
      case Op.Eq:
        stack[sp++] = v[code[pc + 1]!] === k[code[pc + 2]!] ? 1 : 0;
        pc += 3;
        break;
      case Op.Ne: {
        const x = v[code[pc + 1]!]!;
        stack[sp++] = x !== k[code[pc + 2]!] && x === x ? 1 : 0;
        pc += 3;
        break;
      }
      case Op.Lt:
        stack[sp++] = v[code[pc + 1]!]! < k[code[pc + 2]!]! ? 1 : 0;
        pc += 3;
        break;
      case Op.Le:
        stack[sp++] = v[code[pc + 1]!]! <= k[code[pc + 2]!]! ? 1 : 0;
        pc += 3;
        break;
      case Op.Gt:
        stack[sp++] = v[code[pc + 1]!]! > k[code[pc + 2]!]! ? 1 : 0;
        pc += 3;
        break;
      case Op.Ge:
        stack[sp++] = v[code[pc + 1]!]! >= k[code[pc + 2]!]! ? 1 : 0;
        pc += 3;
        break;
      case Op.In:
      case Op.NotIn: {
        const x = v[code[pc + 1]!]!;
        const n = code[pc + 2]!;
        let found = 0;
        for (let i = 0; i < n; i++) {
          if (code[pc + 3 + i] === x) {
            found = 1;
            break;
          }
        }
        stack[sp++] = code[pc] === Op.In ? found : found === 0 && x === x ? 1 : 0;
        pc += 3 + n;
        break;
      }
      case Op.IsOne:
        stack[sp++] = v[code[pc + 1]!] === 1 ? 1 : 0;
        pc += 2;
        break;
      case Op.And: {
        const n = code[pc + 1]!;
        let r = 1;
        for (let i = 0; i < n; i++) r &= stack[--sp]!;
        stack[sp++] = r;
        pc += 2;
        break;
      }
      case Op.Or: {
        const n = code[pc + 1]!;
        let r = 0;
        for (let i = 0; i < n; i++) r |= stack[--sp]!;
        stack[sp++] = r;
        pc += 2;
        break;
      }
      case Op.Not:
        stack[sp - 1] = stack[sp - 1]! ^ 1;
        pc += 1;
        break;
      default:
        stack[sp++] = 1;
        pc += 1;
    }
  }
  return stack[0] === 1;
}
