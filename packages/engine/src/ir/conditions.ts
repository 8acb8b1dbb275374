// Conditions → closures over slot arrays: evaluated per query with no AST walk and no string compare.
import type { Cond, Literal } from "@charter/lang";
import type { SlotLayout } from "./slots.js";

export type Predicate = (v: Float64Array) => boolean;

export const always: Predicate = () => true;

function num(l: Literal): number {
  if (l.kind === "number") return l.value;
  if (l.kind === "bool") return l.value ? 1 : 0;
  throw new Error(`internal: expected a number literal`);
}

function compare(slot: number, op: string, k: number): Predicate {
  switch (op) {
    case "==":
      return (v) => v[slot] === k;
    case "!=":
      // NaN (an unknown fact) must not satisfy `!=` either.
      return (v) => v[slot] !== k && v[slot] === v[slot];
    case "<":
      return (v) => v[slot]! < k;
    case "<=":
      return (v) => v[slot]! <= k;
    case ">":
      return (v) => v[slot]! > k;
    case ">=":
      return (v) => v[slot]! >= k;
    default:
      throw new Error(`internal: operator ${op}`);
  }
}

function all(ps: Predicate[]): Predicate {
  if (ps.length === 2) {
    const [a, b] = ps as [Predicate, Predicate];
    return (v) => a(v) && b(v);
  }
  return (v) => {
    for (const p of ps) if (!p(v)) return false;
    return true;
  };
}

function any(ps: Predicate[]): Predicate {
  if (ps.length === 2) {
    const [a, b] = ps as [Predicate, Predicate];
    return (v) => a(v) || b(v);
  }
  return (v) => {
    for (const p of ps) if (p(v)) return true;
    return false;
  };
}

/** Compile a checked condition. Names were resolved by the checker, so a failed lookup is an internal error. */
export function compileCond(c: Cond, layout: SlotLayout): Predicate {
  switch (c.kind) {
    case "and":
      return all(c.items.map((i) => compileCond(i, layout)));
    case "or":
      return any(c.items.map((i) => compileCond(i, layout)));
    case "not": {
      const p = compileCond(c.item, layout);
      return (v) => !p(v);
    }
    case "bare": {
      const s = layout.byName.get(c.subject.name)!.slot;
      return (v) => v[s] === 1;
    }
    case "cmp": {
      const f = layout.byName.get(c.subject.name)!;
      if (c.subject.kind === "count") return compare(f.slot, c.op, num(c.value));
      if (f.type.kind === "enum") {
        const k = f.valueIndex!.get((c.value as Literal & { kind: "ident" }).name)!;
        return compare(f.slot, c.op, k);
      }
      return compare(f.slot, c.op, num(c.value));
    }
    case "in": {
      const f = layout.byName.get(c.subject.name)!;
      const table = new Uint8Array(f.valueIndex!.size);
      for (const l of c.values) table[f.valueIndex!.get((l as Literal & { kind: "ident" }).name)!] = 1;
      const s = f.slot;
      const want = c.negated ? 0 : 1;
      // An unknown enum (NaN index) reads `undefined` and matches neither `in` nor `not in`.
      return (v) => table[v[s]!] === want;
    }
    case "contains": {
      const f = layout.byName.get(c.subject.name)!;
      const s = f.slot + 1 + f.valueIndex!.get((c.value as Literal & { kind: "ident" }).name)!;
      return (v) => v[s] === 1;
    }
  }
}
