// What every whole-set analysis needs, computed once: clause regions, the overridden region, and
// per-body approver regions (with precedence and escalation folded in), all in the one space algebra.
import type { BodyInfo, CheckedSet, Clause, PlacedClause } from "@charter/lang";
import type { CompiledSet } from "../ir/compile.js";
import { Bits } from "../space/bits.js";
import { intersectRegion, mergeRegion, subtractRegion, type Region } from "../space/box.js";
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
  private readonly cache = new Map<string, Region>();

  constructor(readonly set: CheckedSet, readonly compiled: CompiledSet) {
    this.space = new Space(set);
    const dates: string[] = [];
    for (const pc of set.clauses) {
      this.regions.set(pc.clause, this.space.clauseRegion(pc.clause));
      for (const t of pc.clause.tail) if (t.kind !== "because") dates.push(t.date.text);
    }
    dates.sort();
    this.defaultDate = dates[0] ?? "2026-01-01";
    this.defaultDay = dayNumber(this.defaultDate);
    this.prohibited = this.union((c) => c.kind === "prohibit");
    this.overridden = [...this.prohibited, ...this.union((c) => c.kind === "exempt")];
  }

  region(c: Clause): Region {
    return this.regions.get(c)!;
  }

  clauses(kind?: Clause["kind"]): PlacedClause[] {
    return kind ? this.set.clauses.filter((p) => p.clause.kind === kind) : this.set.clauses;
  }

  union(pick: (c: Clause) => boolean): Region {
    return this.set.clauses.filter((p) => pick(p.clause)).flatMap((p) => this.region(p.clause));
  }

  private memo(key: string, compute: () => Region): Region {
    let r = this.cache.get(key);
    if (!r) this.cache.set(key, (r = mergeRegion(compute())));
    return r;
  }

  /** Where the body's `covers` holds (everywhere when it has none). */
  covers(b: BodyInfo): Region {
    return this.memo(`covers:${b.id}`, () => (b.covers ? this.space.condRegion(b.covers) : [this.space.full]));
  }

  /** Where the body's competence reaches: its competence patterns, every fact and date free. */
  competence(b: BodyInfo): Region {
    return this.memo(`competence:${b.id}`, () => [this.space.with(0, { kind: "bits", bits: b.competence.length ? this.space.domainsOf(b.competence) : Bits.empty(this.space.domains.length) })]);
  }

  /** Where a `govern` rule grants `role` to the body, before precedence. */
  governed(body: string, role: Role): Region {
    return this.memo(`gov:${role}:${body}`, () => this.union((c) => c.kind === "govern" && c.grants.some((g) => g.role === role && g.bodies.some((b) => b.name === body))));
  }

  /** Govern grants that survive precedence: dropped where a winner over the body is granted too. */
  governedAfterPrecedence(body: string, role: Role): Region {
    return this.memo(`govp:${role}:${body}`, () => {
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
    return this.memo(`esc:${role}:${body}`, () => {
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

  /** Where the body is among the approvers (or notified bodies) of the answer. */
  granted(body: string, role: Role): Region {
    return this.memo(`all:${role}:${body}`, () => [...this.governedAfterPrecedence(body, role), ...this.escalated(body, role)]);
  }
}
