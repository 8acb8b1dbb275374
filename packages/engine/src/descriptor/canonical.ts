// A validated deployment gets the set's own strings for its domain and enum values (same text, other
// objects): the engine then finds them in its maps by identity — no hashing of fresh strings, no
// comparing characters with keys that are rarely in cache — and its domain is remembered
// (remembered.ts).
import type { CheckedSet } from "@charter/lang";
import type { Deployment } from "../query/answer.js";
import { rememberDomain } from "./remembered.js";

/** Per enum or set fact: its name, whether it is a set, and each value's own string. */
type ValueTable = { name: string; isSet: boolean; values: Map<string, string> };

const tables = new WeakMap<CheckedSet, ValueTable[]>();

function valueTables(set: CheckedSet): ValueTable[] {
  let t = tables.get(set);
  if (!t) {
    t = [];
    for (const f of set.facts.values()) {
      if (f.type.kind !== "enum" && f.type.kind !== "set") continue;
      t.push({ name: f.name, isSet: f.type.kind === "set", values: new Map(f.type.values.map((v) => [v, v])) });
    }
    tables.set(set, t);
  }
  return t;
}

/**
 * Give `d`, just validated against `set`, the set's own strings, and remember its domain; false (and
 * `d` untouched) when its domain is not one of the set's.
 */
export function canonicalize(d: Deployment, set: CheckedSet): boolean {
  const domain = set.domains.get(d.domain);
  if (!domain) return false;
  d.domain = domain.path;
  rememberDomain(d, set, domain);
  const facts = d.facts;
  for (const t of valueTables(set)) {
    const v = facts[t.name];
    if (v === undefined) continue;
    if (t.isSet) {
      const items = v as string[];
      for (let i = 0; i < items.length; i++) items[i] = t.values.get(items[i]!) ?? items[i]!;
    } else facts[t.name] = t.values.get(v as string) ?? v;
  }
  return true;
}
