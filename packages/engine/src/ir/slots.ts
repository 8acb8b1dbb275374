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
}

export function layoutSlots(set: CheckedSet): SlotLayout {
  const facts: FactSlot[] = [];
  let next = 0;
  for (const f of set.facts.values()) {
    const slot: FactSlot = { name: f.name, type: f.type, slot: next };
    if (f.type.kind === "enum" || f.type.kind === "set") slot.valueIndex = new Map(f.type.values.map((v, i) => [v, i]));
    next += f.type.kind === "set" ? 1 + f.type.values.length : 1;
    facts.push(slot);
  }
  return { facts, byName: new Map(facts.map((f) => [f.name, f])), size: next };
}

/**
 * Encode a validated deployment. A missing fact is NaN: every comparison with NaN is false, which
 * only matters for partial evaluation, where unknown facts never reach this encoder's answers.
 */
export function encodeFacts(layout: SlotLayout, facts: Deployment["facts"], out: Float64Array = new Float64Array(layout.size)): Float64Array {
  out.fill(0);
  for (const f of layout.facts) {
    const v = facts[f.name];
    if (v === undefined) {
      out[f.slot] = NaN;
      continue;
    }
    switch (f.type.kind) {
      case "bool":
        out[f.slot] = v === true ? 1 : 0;
        break;
      case "number":
      case "int":
        out[f.slot] = v as number;
        break;
      case "enum":
        out[f.slot] = f.valueIndex!.get(v as string) ?? NaN;
        break;
      case "set": {
        let count = 0;
        for (const item of v as string[]) {
          const i = f.valueIndex!.get(item);
          if (i === undefined || out[f.slot + 1 + i] === 1) continue;
          out[f.slot + 1 + i] = 1;
          count++;
        }
        out[f.slot] = count;
        break;
      }
    }
  }
  return out;
}
