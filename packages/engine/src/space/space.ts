// The deployment space of a checked set: dimensions, the full box, and conditions compiled to regions exactly.
import type { CheckedSet, Cond, FactKind, Literal, Pattern, TailPart } from "@charter/lang";
import { Bits } from "./bits.js";
import { everything, interval, type Interval } from "./interval.js";
import { intersectRegion, subtractRegion, type Box, type Dim, type Region } from "./box.js";
import { dayNumber } from "./days.js";

export interface FactDim {
  name: string;
  type: FactKind;
  /** Index into a box. */
  index: number;
  values: string[];
}

export class Space {
  readonly domains: string[];
  readonly domainIndex: Map<string, number>;
  /** For each domain id, the ids of its subtree (itself included). */
  readonly subtree: Bits[];
  /** For each domain id, its parent's id (-1 at a root) and its children's ids. */
  readonly parentOf: Int32Array;
  readonly children: number[][];
  readonly facts: FactDim[];
  readonly factIndex: Map<string, FactDim>;
  readonly dateIndex: number;
  readonly full: Box;

  constructor(readonly set: CheckedSet) {
    this.domains = [...set.domains.keys()];
    this.domainIndex = new Map(this.domains.map((d, i) => [d, i]));
    const n = this.domains.length;
    // Each domain joins the subtree of itself and of every ancestor: O(domains × depth), not domains².
    const members: number[][] = this.domains.map(() => []);
    this.domains.forEach((d, j) => {
      for (let a: string | undefined = d; a !== undefined; a = set.domains.get(a)!.parent) members[this.domainIndex.get(a)!]!.push(j);
    });
    this.subtree = members.map((m) => Bits.of(n, m));
    this.parentOf = Int32Array.from(this.domains, (d) => {
      const p = set.domains.get(d)!.parent;
      return p === undefined ? -1 : this.domainIndex.get(p)!;
    });
    this.children = this.domains.map(() => []);
    this.parentOf.forEach((p, j) => {
      if (p >= 0) this.children[p]!.push(j);
    });
    this.facts = [...set.facts.values()].map((f, i) => ({
      name: f.name,
      type: f.type,
      index: i + 1,
      values: f.type.kind === "enum" || f.type.kind === "set" ? f.type.values : f.type.kind === "bool" ? ["false", "true"] : [],
    }));
    this.factIndex = new Map(this.facts.map((f) => [f.name, f]));
    this.dateIndex = this.facts.length + 1;
    this.full = [{ kind: "bits", bits: Bits.full(n) }, ...this.facts.map(fullDim), { kind: "interval", iv: everything(true) }];
  }

  /** The box that constrains only dimension i. */
  with(i: number, d: Dim, base: Box = this.full): Box {
    const b = base.slice();
    b[i] = d;
    return b;
  }

  domainsOf(patterns: Pattern[]): Bits {
    let bits = Bits.empty(this.domains.length);
    for (const p of patterns) {
      if (p.kind === "all") return Bits.full(this.domains.length);
      const id = this.domainIndex.get(p.path.join("."))!;
      bits = bits.or(p.kind === "exact" ? Bits.of(this.domains.length, [id]) : this.subtree[id]!);
    }
    return bits;
  }

  /** [effective, until) as a closed range of day numbers. */
  datesOf(tail: TailPart[]): Interval {
    let lo = -Infinity;
    let hi = Infinity;
    for (const t of tail) {
      if (t.kind === "effective") lo = dayNumber(t.date.text);
      else if (t.kind === "until") hi = dayNumber(t.date.text) - 1;
    }
    return interval(lo, hi, true);
  }

  /** Where a clause applies: its patterns × its condition × its dates. */
  clauseRegion(c: { patterns: Pattern[]; when?: Cond; tail: TailPart[] }): Region {
    let base = this.with(0, { kind: "bits", bits: this.domainsOf(c.patterns) });
    base = this.with(this.dateIndex, { kind: "interval", iv: this.datesOf(c.tail) }, base);
    return c.when ? intersectRegion([base], this.condRegion(c.when)) : [base];
  }

  /**
   * Atoms by what they say: `region == eu` in a thousand clauses is one region, built once, so its
   * dimension objects are shared — the algebra's identity fast paths (a dim intersected with itself,
   * boxes sharing a dim) then apply across clauses instead of comparing equal copies.
   */
  private readonly atoms = new Map<string, Region>();

  condRegion(c: Cond): Region {
    if (c.kind !== "and" && c.kind !== "or" && c.kind !== "not") {
      const key = atomKey(c);
      let r = this.atoms.get(key);
      if (!r) this.atoms.set(key, (r = this.atomRegion(c)));
      return r.slice();
    }
    return this.atomRegion(c);
  }

  private atomRegion(c: Cond): Region {
    switch (c.kind) {
      case "and":
        return c.items.map((i) => this.condRegion(i)).reduce((a, b) => intersectRegion(a, b));
      case "or":
        return c.items.flatMap((i) => this.condRegion(i));
      case "not":
        return subtractRegion([this.full], this.condRegion(c.item));
      case "bare": {
        const f = this.factIndex.get(c.subject.name)!;
        return [this.with(f.index, { kind: "bits", bits: Bits.of(2, [1]) })];
      }
      case "in": {
        const f = this.factIndex.get(c.subject.name)!;
        const chosen = Bits.of(f.values.length, c.values.map((v) => f.values.indexOf((v as Literal & { kind: "ident" }).name)));
        const bits = c.negated ? Bits.full(f.values.length).andNot(chosen) : chosen;
        return [this.with(f.index, { kind: "bits", bits })];
      }
      case "contains": {
        const f = this.factIndex.get(c.subject.name)!;
        const full = fullDim(f) as Dim & { kind: "set" };
        const v = f.values.indexOf((c.value as Literal & { kind: "ident" }).name);
        return [this.with(f.index, { ...full, mustIn: Bits.of(f.values.length, [v]) })];
      }
      case "cmp":
        return this.cmpRegion(c);
    }
  }

  private cmpRegion(c: Cond & { kind: "cmp" }): Region {
    const f = this.factIndex.get(c.subject.name)!;
    const t = f.type;
    if (t.kind === "bool" || t.kind === "enum") {
      const v = c.value.kind === "bool" ? (c.value.value ? 1 : 0) : f.values.indexOf((c.value as Literal & { kind: "ident" }).name);
      const one = Bits.of(f.values.length, [v]);
      return [this.with(f.index, { kind: "bits", bits: c.op === "==" ? one : Bits.full(f.values.length).andNot(one) })];
    }
    const k = (c.value as Literal & { kind: "number" }).value;
    const int = c.subject.kind === "count" || t.kind === "int";
    const ivs: Interval[] =
      c.op === "==" ? [interval(k, k, int)]
      : c.op === "!=" ? [interval(-Infinity, k, int, false, true), interval(k, Infinity, int, true, false)]
      : c.op === "<" ? [interval(-Infinity, k, int, false, true)]
      : c.op === "<=" ? [interval(-Infinity, k, int)]
      : c.op === ">" ? [interval(k, Infinity, int, true, false)]
      : [interval(k, Infinity, int)];
    const base = this.full[f.index]!;
    return ivs.map((iv) => {
      if (c.subject.kind === "count") return this.with(f.index, { ...(base as Dim & { kind: "set" }), count: iv });
      return this.with(f.index, { kind: "interval", iv });
    });
  }
}

function literalKey(l: Literal): string {
  return l.kind === "ident" ? l.name : l.kind === "string" ? JSON.stringify(l.value) : String(l.value);
}

/** What an atom says, as text: equal keys, equal regions. */
function atomKey(c: Cond): string {
  switch (c.kind) {
    case "bare":
      return `b ${c.subject.name}`;
    case "in":
      return `i ${c.subject.name} ${c.negated} ${c.values.map(literalKey).join(",")}`;
    case "contains":
      return `c ${c.subject.name} ${literalKey(c.value)}`;
    case "cmp":
      return `m ${c.subject.kind} ${c.subject.name} ${c.op} ${literalKey(c.value)}`;
    default:
      throw new Error("internal: not an atom");
  }
}

function fullDim(f: { type: FactKind; values?: string[] }): Dim {
  const t = f.type;
  switch (t.kind) {
    case "bool":
      return { kind: "bits", bits: Bits.full(2) };
    case "enum":
      return { kind: "bits", bits: Bits.full(t.values.length) };
    case "number":
      return { kind: "interval", iv: everything(false) };
    case "int":
      return { kind: "interval", iv: t.min === undefined ? everything(true) : interval(t.min, t.max!, true) };
    case "set":
      return { kind: "set", mustIn: Bits.empty(t.values.length), mustOut: Bits.empty(t.values.length), count: interval(0, t.values.length, true) };
  }
}
