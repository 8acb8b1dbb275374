// Conditions as JavaScript source over the slot array: a domain queried often gets one generated
// function testing all its candidates inline (the fastest path once V8 optimises it; see query.ts).
// Only numbers and slot indices are ever written into the source: names were resolved to indices at
// compile time, so no text from a charter reaches the generated code.
import type { Cond, Literal } from "@charter/lang";
import type { SlotLayout } from "./slots.js";

const num = (x: number): string => (Number.isFinite(x) ? String(x) : x > 0 ? "Infinity" : "-Infinity");

function literal(l: Literal): number {
  if (l.kind === "number") return l.value;
  if (l.kind === "bool") return l.value ? 1 : 0;
  throw new Error("internal: numeric literal expected");
}

function compare(slot: number, op: string, k: number): string {
  const x = `v[${slot}]`;
  // An unknown fact (NaN) satisfies no comparison, `!=` included.
  return op === "!=" ? `(${x}!==${num(k)}&&${x}===${x})` : `${x}${op === "==" ? "===" : op}${num(k)}`;
}

export function condSource(c: Cond, layout: SlotLayout): string {
  switch (c.kind) {
    case "and":
      return `(${c.items.map((i) => condSource(i, layout)).join("&&")})`;
    case "or":
      return `(${c.items.map((i) => condSource(i, layout)).join("||")})`;
    case "not":
      return `!(${condSource(c.item, layout)})`;
    case "bare":
      return `v[${layout.byName.get(c.subject.name)!.slot}]===1`;
    case "cmp": {
      const f = layout.byName.get(c.subject.name)!;
      if (c.subject.kind !== "count" && f.type.kind === "enum") return compare(f.slot, c.op, f.valueIndex!.get((c.value as Literal & { kind: "ident" }).name)!);
      return compare(f.slot, c.op, literal(c.value));
    }
    case "in": {
      const f = layout.byName.get(c.subject.name)!;
      const idx = c.values.map((l) => f.valueIndex!.get((l as Literal & { kind: "ident" }).name)!);
      const x = `v[${f.slot}]`;
      const any = idx.length ? `(${idx.map((i) => `${x}===${i}`).join("||")})` : "false";
      return c.negated ? `(!${any}&&${x}===${x})` : any;
    }
    case "contains": {
      const f = layout.byName.get(c.subject.name)!;
      return `v[${f.slot + 1 + f.valueIndex!.get((c.value as Literal & { kind: "ident" }).name)!}]===1`;
    }
  }
}

/** One function for a domain's candidates: dates first (cheap), then the condition; pushes indices. */
export function domainFunction(
  candidates: Int32Array,
  from: Float64Array,
  until: Float64Array,
  sources: string[],
): (v: Float64Array, day: number, out: number[]) => void {
  const lines: string[] = [];
  for (const k of candidates) {
    const tests: string[] = [];
    if (Number.isFinite(from[k]!)) tests.push(`day>=${from[k]}`);
    if (Number.isFinite(until[k]!)) tests.push(`day<${until[k]}`);
    if (sources[k] !== "true") tests.push(sources[k]!);
    lines.push(tests.length ? `if(${tests.join("&&")})out.push(${k});` : `out.push(${k});`);
  }
  // Only numbers and slot indices are in the source (see the top of this file), as ajv compiles schemas.
  return new Function("v", "day", "out", lines.join("\n")) as (v: Float64Array, day: number, out: number[]) => void;
}
