// What every whole-set analysis needs, computed once: clause regions, the overridden region, and
// per-body approver regions (with precedence and escalation folded in), all in the one space algebra.
import type { BodyInfo, CheckedSet, Clause, PlacedClause } from "@charter/lang";
import type { CompiledSet } from "../ir/compile.js";
import { Bits } from "../space/bits.js";
import { intersectRegion, mergeRegion, subtractRegion, type Box, type Dim, type Region } from "../space/box.js";
import { dayNumber } from "../space/days.js";
import { Space } from "../space/space.js";

type Role = "approve" | "notify";

export class AnalysisContext {
  readonly space: Space;
  readonly regions = new Map<Clause, Region>();
  /** Prohibited or exempt: where grants do not matter. */
  readonly overridden: Region;
  readonly prohibited: Region;
  /** Used for witnesses whose date is unconstrained: the earliest date the set mentions (deterministic). */
  readonly defaultDay: number;
  readonly defaultDate: string;
  /** The whole space this context reasons about: everything, or one class of domains. */
  readonly full: Box;
  /** The clauses that can apply here (all of them, or those touching the class). */
  private readonly placed: PlacedClause[];
  private readonly cache = new Map<string, Map<string, Region>>();
  /** Position of each clause in set.clauses (shared by class contexts): a stable key for findings. */
  private readonly positions: Map<PlacedClause, number>;
  /** The whole-set context; class contexts share its domain-independent regions (covers). */
  private readonly root: AnalysisContext;

  private compiledSet: CompiledSet | (() => CompiledSet);

  /**
   * The query IR, for the rules that run queries (examples). Given as a thunk it is built on first
   * use: most analyses work on regions only, and compiling a large set is not free.
   */
  get compiled(): CompiledSet {
    if (typeof this.compiledSet === "function") this.compiledSet = this.compiledSet();
    return this.compiledSet;
  }

  constructor(readonly set: CheckedSet, compiled: CompiledSet | (() => CompiledSet), restrict?: { parent: AnalysisContext; bits: Bits; placed: PlacedClause[] }) {
    this.compiledSet = compiled;
    if (restrict) {
      const { parent, bits } = restrict;
      this.space = parent.space;
      this.defaultDate = parent.defaultDate;
      this.defaultDay = parent.defaultDay;
      // One domain dim object for the whole class: every box here has exactly these domains, and the
      // algebra's identity fast paths then skip comparing bitsets as wide as the domain tree.
      const dim: Dim = { kind: "bits", bits };
      this.full = this.space.with(0, dim);
      this.placed = restrict.placed;
      this.positions = parent.positions;
      this.root = parent.root;
      for (const p of this.placed) this.regions.set(p.clause, within(parent.region(p.clause), dim));
    } else {
      this.space = new Space(set);
      this.full = this.space.full;
      this.placed = set.clauses;
      this.positions = new Map(set.clauses.map((p, i) => [p, i]));
      this.root = this;
      const dates: string[] = [];
      for (const pc of set.clauses) {
        this.regions.set(pc.clause, this.space.clauseRegion(pc.clause));
        for (const t of pc.clause.tail) if (t.kind !== "because") dates.push(t.date.text);
      }
      dates.sort();
      this.defaultDate = dates[0] ?? "2026-01-01";
      this.defaultDay = dayNumber(this.defaultDate);
    }
    this.prohibited = this.union((c) => c.kind === "prohibit");
    this.overridden = [...this.prohibited, ...this.union((c) => c.kind === "exempt")];
  }

  private readonly nearIndex = new Map<Region, { global: number[]; local: number[][] }>();

  /**
   * The boxes of `pool` that touch a domain of `r`: what a per-clause subtraction needs, found through
   * a per-domain index instead of trying every box (the prohibitions of a 100k-clause set, per clause).
   * Boxes over every domain are kept apart, so a wide `r` does not meet them once per domain.
   */
  near(pool: Region, r: Region): Region {
    if (pool.length < 32) return pool;
    let index = this.nearIndex.get(pool);
    if (!index) {
      const built = { global: [] as number[], local: Array.from({ length: this.space.domains.length }, () => [] as number[]) };
      pool.forEach((box, i) => {
        const bits = (box[0] as { kind: "bits"; bits: Bits }).bits;
        if (bits.isFull()) built.global.push(i);
        else for (const d of bits.items()) built.local[d]!.push(i);
      });
      this.nearIndex.set(pool, (index = built));
    }
    const picked = new Set<number>(index.global);
    const seen = new Set<Bits>();
    for (const box of r) {
      const bits = (box[0] as { kind: "bits"; bits: Bits }).bits;
      if (seen.has(bits)) continue;
      seen.add(bits);
      if (bits.isFull()) return pool;
      for (const d of bits.items()) for (const i of index.local[d]!) picked.add(i);
    }
    return [...picked].sort((a, b) => a - b).map((i) => pool[i]!);
  }

  indexOf(p: PlacedClause): number {
    return this.positions.get(p)!;
  }

  region(c: Clause): Region {
    return this.regions.get(c) ?? [];
  }

  private readonly byKind = new Map<Clause["kind"], PlacedClause[]>();

  clauses(kind?: Clause["kind"]): PlacedClause[] {
    if (!kind) return this.placed;
    let list = this.byKind.get(kind);
    if (!list) this.byKind.set(kind, (list = this.placed.filter((p) => p.clause.kind === kind)));
    return list;
  }

  private grantIndex?: Record<Role, Map<string, Region>>;

  union(pick: (c: Clause) => boolean): Region {
    return this.placed.filter((p) => pick(p.clause)).flatMap((p) => this.region(p.clause));
  }

  /**
   * The space split into classes of domains that exactly the same clause boxes (and competences)
   * touch, one restricted context each, built one at a time: nothing crosses a domain, so
   * per-deployment analyses run class by class on a few clauses each, and a caller done with a class
   * lets its context (and every region memoised in it) go before the next is built.
   */
  *eachClass(): Generator<AnalysisContext> {
    const n = this.space.domains.length;
    const touching: number[][] = Array.from({ length: n }, () => []);
    const global: number[] = [];
    this.placed.forEach((p, i) => {
      for (const box of this.region(p.clause)) {
        const bits = (box[0] as { kind: "bits"; bits: Bits }).bits;
        if (bits.isFull()) {
          if (global[global.length - 1] !== i) global.push(i);
          continue;
        }
        for (const d of bits.items()) if (touching[d]![touching[d]!.length - 1] !== i) touching[d]!.push(i);
      }
    });
    // Per domain, the bodies with competence there (listed from each competence: not domains × bodies).
    const competent: number[][] = Array.from({ length: n }, () => []);
    [...this.set.bodies.values()].forEach((b, i) => {
      for (const d of this.space.domainsOf(b.competence).items()) competent[d]!.push(i);
    });
    const groups = new Map<string, number[]>();
    for (let d = 0; d < n; d++) {
      const key = `${touching[d]!.join(",")}|${competent[d]!.join(",")}`;
      const g = groups.get(key);
      if (g) g.push(d);
      else groups.set(key, [d]);
    }
    for (const domains of groups.values()) {
      const idx = [...new Set([...global, ...touching[domains[0]!]!])].sort((a, b) => a - b);
      yield new AnalysisContext(this.set, () => this.compiled, { parent: this, bits: Bits.of(n, domains), placed: idx.map((i) => this.placed[i]!) });
    }
  }

  /**
   * Merged regions memoised per kind, then per name (role and body or layer): two-level keys, because
   * these are asked per body per class many times and a concatenated key would be built and hashed
   * on every ask.
   */
  private memo(kind: string, name: string, compute: () => Region): Region {
    let byName = this.cache.get(kind);
    if (!byName) this.cache.set(kind, (byName = new Map()));
    let r = byName.get(name);
    if (!r) byName.set(name, (r = mergeRegion(compute())));
    return r;
  }

  /** Bodies that some clause here can make approvers (or notified): the only ones with a non-empty `granted`. */
  reachable(role: Role): BodyInfo[] {
    let known = this.reachableBodies.get(role);
    if (!known) this.reachableBodies.set(role, (known = this.findReachable(role)));
    return known;
  }

  private readonly reachableBodies = new Map<Role, BodyInfo[]>();

  private findReachable(role: Role): BodyInfo[] {
    const ids = new Set<string>();
    for (const p of this.placed) {
      const c = p.clause;
      if (c.kind === "govern") {
        for (const g of c.grants) if (g.role === role) for (const b of g.bodies) ids.add(b.name);
      } else if (c.kind === "escalate" && (c.role ?? "approve") === role) {
        if (this.set.bodies.has(c.to.name)) ids.add(c.to.name);
        else for (const b of this.bodiesOfLayer(c.to.name)) ids.add(b.id);
      }
    }
    return [...ids].sort().map((id) => this.set.bodies.get(id)!);
  }

  private layerBodies?: Map<string, BodyInfo[]>;

  /** The bodies of a layer (indexed once for the whole set, not scanned per class and clause). */
  bodiesOfLayer(layer: string): BodyInfo[] {
    if (this.root !== this) return this.root.bodiesOfLayer(layer);
    if (!this.layerBodies) {
      this.layerBodies = new Map();
      for (const b of this.set.bodies.values()) {
        if (b.layer === undefined) continue;
        const list = this.layerBodies.get(b.layer);
        if (list) list.push(b);
        else this.layerBodies.set(b.layer, [b]);
      }
    }
    return this.layerBodies.get(layer) ?? [];
  }

  /**
   * Where the body's `covers` holds (everywhere when it has none). It does not depend on the domain,
   * so it is computed once for the whole set and shared by every class context.
   */
  covers(b: BodyInfo): Region {
    if (this.root !== this) return this.root.covers(b);
    return this.memo("covers", b.id, () => (b.covers ? this.space.condRegion(b.covers) : [this.space.full]));
  }

  /** Where some body of the layer covers the deployment: who can receive an escalation to it. */
  layerCovers(layer: string): Region {
    if (this.root !== this) return this.root.layerCovers(layer);
    return this.memo("layer", layer, () => this.bodiesOfLayer(layer).flatMap((b) => this.covers(b)));
  }

  /** Where the body's competence reaches: its competence patterns, every fact and date free. */
  competence(b: BodyInfo): Region {
    // Domain-only, so the whole-set region serves every class (a class lies inside it or outside it).
    if (this.root !== this) return this.root.competence(b);
    return this.memo("competence", b.id, () => [this.space.with(0, { kind: "bits", bits: b.competence.length ? this.space.domainsOf(b.competence) : Bits.empty(this.space.domains.length) })]);
  }

  /** Where a `govern` rule grants `role` to the body, before precedence. */
  governed(body: string, role: Role): Region {
    return this.memo(role === "approve" ? "gov:approve" : "gov:notify", body, () => this.grants()[role].get(body) ?? []);
  }

  /** The bodies a `govern` clause here grants `role`, sorted by id. */
  governBodies(role: Role): string[] {
    return [...this.grants()[role].keys()].sort();
  }

  /** Per role and body, the union of the govern clauses granting it: one pass, not a rescan per body. */
  private grants(): Record<Role, Map<string, Region>> {
    if (!this.grantIndex) {
      const index = { approve: new Map<string, Region>(), notify: new Map<string, Region>() };
      for (const p of this.clauses("govern")) {
        const c = p.clause;
        if (c.kind !== "govern") continue;
        for (const g of c.grants) {
          const into = index[g.role];
          for (const b of g.bodies) {
            const r = into.get(b.name);
            // A clause naming a body twice (or in both grants of one role) counts once.
            if (!r) into.set(b.name, [...this.region(c)]);
            else if (r.at(-1) !== this.region(c).at(-1)) r.push(...this.region(c));
          }
        }
      }
      this.grantIndex = index;
    }
    return this.grantIndex;
  }

  /** Govern grants that survive precedence: dropped where a winner over the body is granted too. */
  governedAfterPrecedence(body: string, role: Role): Region {
    return this.memo(role === "approve" ? "govp:approve" : "govp:notify", body, () => {
      const dropped: Region = [];
      for (const p of this.clauses("precedence")) {
        const c = p.clause;
        if (c.kind !== "precedence" || c.loser.name !== body) continue;
        dropped.push(...intersectRegion(this.region(c), this.governed(c.winner.name, role)));
      }
      return subtractRegion(this.governed(body, role), dropped);
    });
  }

  /** Where an escalation gives the body `role`: to its layer where it covers, or to it by name. */
  escalated(body: string, role: Role): Region {
    return this.memo(role === "approve" ? "esc:approve" : "esc:notify", body, () => {
      const b = this.set.bodies.get(body)!;
      const out: Region = [];
      for (const p of this.clauses("escalate")) {
        const c = p.clause;
        if (c.kind !== "escalate" || (c.role ?? "approve") !== role) continue;
        if (c.to.name === body) out.push(...this.region(c));
        else if (c.to.name === b.layer) out.push(...intersectRegion(this.region(c), this.covers(b)));
      }
      return out;
    });
  }

  /**
   * Where some body of the layer is among the approvers (or notified bodies): the union of `granted`
   * over the layer's bodies, built with an escalation to the layer met once by `layerCovers` instead
   * of once per body's `covers` — the same set, in far fewer boxes.
   */
  layerGranted(layer: string, role: Role): Region {
    return this.memo(role === "approve" ? "layer-granted:approve" : "layer-granted:notify", layer, () => {
      const out: Region = [];
      for (const b of this.reachable(role)) if (b.layer === layer) out.push(...this.governedAfterPrecedence(b.id, role));
      for (const p of this.clauses("escalate")) {
        const c = p.clause;
        if (c.kind !== "escalate" || (c.role ?? "approve") !== role) continue;
        if (c.to.name === layer) out.push(...intersectRegion(this.region(c), this.layerCovers(layer)));
        else if (this.set.bodies.get(c.to.name)?.layer === layer) out.push(...this.region(c));
      }
      return out;
    });
  }

  /** Where the body is among the approvers (or notified bodies) of the answer. */
  granted(body: string, role: Role): Region {
    return this.memo(role === "approve" ? "all:approve" : "all:notify", body, () => [...this.governedAfterPrecedence(body, role), ...this.escalated(body, role)]);
  }
}

/** The boxes of r inside the domain class `dim` (regions are class-aligned: a box covers a class or misses it). */
function within(r: Region, dim: Dim & { kind: "bits" }): Region {
  const out: Region = [];
  const first = dim.bits.first();
  for (const box of r) {
    const b = (box[0] as { kind: "bits"; bits: Bits }).bits;
    if (!b.has(first)) continue;
    const copy = box.slice();
    copy[0] = dim;
    out.push(copy);
  }
  return out;
}
