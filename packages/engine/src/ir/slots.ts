// Deployments become flat Float64Arrays so compiled conditions read numbers by index, never names.
import type { CheckedSet, FactKind } from "@charter/lang";
import type { Deployment } from "../query/answer.js";

/**
 * Layout: one slot per bool (0/1), number, int and enum (the value's index); a set takes a count slot
 * followed by one membership slot (0/1) per enum value.
 */
export interface FactSlot {
  name: string;
  type: FactKind;
  slot: number;
  /** Enum and set facts: value → index. */
  valueIndex?: Map<string, number>;
}

export interface SlotLayout {
  facts: FactSlot[];
  byName: Map<string, FactSlot>;
  size: number;
  /** The encoder's view of `facts`: parallel arrays, kinds as small ints (see `Enc`). */
  enc: { names: string[]; kinds: Uint8Array; slots: Int32Array; values: (Map<string, number> | undefined)[] };
  /** `encodeFacts` for this layout, generated (see `encoderFor`). */
  encode: (facts: Deployment["facts"], out: Float64Array) => Float64Array;
}

const enum Enc {
  Bool = 0,
  Number = 1,
  Enum = 2,
  Set = 3,
}
const ENC: Record<FactKind["kind"], Enc> = { bool: Enc.Bool, number: Enc.Number, int: Enc.Number, enum: Enc.Enum, set: Enc.Set };

export function layoutSlots(set: CheckedSet): SlotLayout {
  const facts: FactSlot[] = [];
  let next = 0;
  for (const f of set.facts.values()) {
    const slot: FactSlot = { name: f.name, type: f.type, slot: next };
    if (f.type.kind === "enum" || f.type.kind === "set") slot.valueIndex = new Map(f.type.values.map((v, i) => [v, i]));
    next += f.type.kind === "set" ? 1 + f.type.values.length : 1;
    facts.push(slot);
  }
  const enc = {
    names: facts.map((f) => f.name),
    kinds: Uint8Array.from(facts, (f) => ENC[f.type.kind]),
    slots: Int32Array.from(facts, (f) => f.slot),
    values: facts.map((f) => f.valueIndex),
  };
  return { facts, byName: new Map(facts.map((f) => [f.name, f])), size: next, enc, encode: encoderFor(enc) };
}

/**
 * The encoder as straight-line JavaScript, one statement per fact with the fact's name as a constant
 * key: each read is a named property load with its own inline cache (monomorphic when descriptors share
 * a shape, as parsed ones do), where a loop over names is one megamorphic keyed load. Same results as
 * `encodeLoop`, which test/reference/encode.test.ts compares it with.
 */
function encoderFor(enc: SlotLayout["enc"]): SlotLayout["encode"] {
  // layoutSlots gives every slot to a fact (a set's count and members included), so writing each fact
  // writes every slot: nothing of an earlier query survives.
  const lines: string[] = [];
  for (let i = 0; i < enc.names.length; i++) {
    const s = enc.slots[i]!;
    lines.push(`v = f[${JSON.stringify(enc.names[i])}];`);
    switch (enc.kinds[i]) {
      case Enc.Bool:
        lines.push(`out[${s}] = v === undefined ? NaN : v === true ? 1 : 0;`);
        break;
      case Enc.Number:
        lines.push(`out[${s}] = v === undefined ? NaN : v;`);
        break;
      case Enc.Enum:
        lines.push(`out[${s}] = v === undefined ? NaN : (m[${i}].get(v) ?? NaN);`);
        break;
      default: {
        const members = enc.values[i]!.size;
        lines.push(`for (let j = ${s + 1}; j < ${s + 1 + members}; j++) out[j] = 0;`);
        lines.push(`if (v === undefined) out[${s}] = NaN;`);
        lines.push(
          `else { let n = 0; for (let j = 0; j < v.length; j++) { const x = m[${i}].get(v[j]); if (x === undefined || out[${s + 1} + x] === 1) continue; out[${s + 1} + x] = 1; n++; } out[${s}] = n; }`,
        );
      }
    }
  }
  // Only names and slot numbers of the checked set reach this source (names quoted by JSON.stringify),
  // never anything from a descriptor.
  const make = new Function("m", `return function encode(f, out) {\n  let v;\n  ${lines.join("\n  ")}\n  return out;\n};`) as (
    m: SlotLayout["enc"]["values"],
  ) => SlotLayout["encode"];
  return make(enc.values);
}

/**
 * Encode a validated deployment. A missing fact is NaN: every comparison with NaN is false, which
 * only matters for partial evaluation, where unknown facts never reach this encoder's answers.
 */
export function encodeFacts(layout: SlotLayout, facts: Deployment["facts"], out: Float64Array = new Float64Array(layout.size)): Float64Array {
  return layout.encode(facts, out);
}

/** The encoder as a loop over the layout: the definition the generated `layout.encode` must agree with. */
export function encodeLoop(layout: SlotLayout, facts: Deployment["facts"], out: Float64Array = new Float64Array(layout.size)): Float64Array {
  out.fill(0);
  const { names, kinds, slots, values } = layout.enc;
  for (let i = 0; i < names.length; i++) {
    const v = facts[names[i]!];
    const slot = slots[i]!;
    if (v === undefined) {
      out[slot] = NaN;
      continue;
    }
    switch (kinds[i]) {
      case Enc.Bool:
        out[slot] = v === true ? 1 : 0;
        break;
      case Enc.Number:
        out[slot] = v as number;
        break;
      case Enc.Enum:
        out[slot] = values[i]!.get(v as string) ?? NaN;
        break;
      default: {
        const index = values[i]!;
        const items = v as string[];
        let count = 0;
        for (let j = 0; j < items.length; j++) {
          const x = index.get(items[j]!);
          if (x === undefined || out[slot + 1 + x] === 1) continue;
          out[slot + 1 + x] = 1;
          count++;
        }
        out[slot] = count;
      }
    }
  }
  return out;
}
