// --partial: answers with missing facts. Conditions are evaluated three-valued; what cannot be decided
// is kept as a residual condition over the missing facts, printed in the charter's own syntax.
import { condText, type Cond } from "@charter/lang";
import type { BodyRt, ClauseRt, CompiledSet } from "../ir/compile.js";
import { dateKey } from "../ir/dates.js";
import { encodeFacts } from "../ir/slots.js";
import type { Answer, Deployment, Via } from "./answer.js";
import { evalCond } from "./evaluate-ast.js";
import { decide } from "./query.js";

/** true, false, or the part of the condition that depends on missing facts. */
type Tri = boolean | Cond;

/** Substitute the known facts into `c`: a boolean when they decide it, else what is left to decide. */
export function residual(c: Cond, facts: Deployment["facts"]): Tri {
  switch (c.kind) {
    case "and":
    case "or": {
      const decisive = c.kind === "or";
      const rest: Cond[] = [];
      for (const i of c.items) {
        const r = residual(i, facts);
        if (r === decisive) return decisive;
        if (typeof r !== "boolean") rest.push(r);
      }
      if (rest.length === 0) return !decisive;
      return rest.length === 1 ? rest[0]! : { ...c, items: rest };
    }
    case "not": {
      const r = residual(c.item, facts);
      return typeof r === "boolean" ? !r : { ...c, item: r };
    }
    default:
      return facts[c.subject.name] === undefined ? c : evalCond(c, facts);
  }
}

function both(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  if (a === true) return b;
  if (b === true) return a;
  return { kind: "and", items: [a, b], span: a.span };
}

export type Effect =
  | { kind: "prohibited" | "exempt" }
  | { kind: "approve" | "notify"; bodies: string[] }
  | { kind: "drop"; role: "approve" | "notify"; body: string; over: string };

export interface Dependency {
  /** The residual condition over missing facts, in charter syntax. */
  condition: string;
  effect: Effect;
  via: Via;
}

export interface PartialAnswer extends Answer {
  partial: {
    missing: string[];
    /** False when some clause's outcome depends on a missing fact. */
    complete: boolean;
    depends: Dependency[];
  };
}

/** Answer a deployment with missing facts: what holds whatever they are, and each effect that depends on them. */
export function queryPartial(c: CompiledSet, d: Deployment): PartialAnswer {
  const missing = [...c.set.facts.keys()].filter((f) => d.facts[f] === undefined);
  const covers = (b: BodyRt): Tri => {
    const cond = c.set.bodies.get(b.id)?.covers;
    return cond ? residual(cond, d.facts) : true;
  };
  const day = dateKey(d.at);
  const certain: ClauseRt[] = [];
  const depends: Dependency[] = [];
  const depend = (when: Tri, effect: Effect, via: Via) => {
    if (typeof when !== "boolean") depends.push({ condition: condText(when), effect, via });
  };
  // The domain's candidates (from the compiled index, in source order) are the clauses whose patterns match.
  for (const k of c.domains[c.domainIds.get(d.domain)!]!.candidates) {
    const rt = c.clauses[k]!;
    if (day < rt.from || day >= rt.until) continue;
    const when: Tri = rt.source.when ? residual(rt.source.when, d.facts) : true;
    if (when === false) continue;
    if (when === true) certain.push(rt);
    switch (rt.kind) {
      case "prohibit":
      case "exempt":
        depend(when, { kind: rt.kind === "prohibit" ? "prohibited" : "exempt" }, rt.via);
        break;
      case "govern":
        for (const g of rt.grants) depend(when, { kind: g.role, bodies: g.bodies.map((b) => b.id) }, rt.via);
        break;
      case "escalate":
        // Even a certain escalation can depend on whether a receiver's `covers` holds.
        for (const b of rt.receivers) depend(both(when, rt.toLayer ? covers(b) : true), { kind: rt.role, bodies: [b.id] }, rt.via);
        break;
      case "precedence":
        for (const role of ["approve", "notify"] as const) depend(when, { kind: "drop", role, body: rt.loser.id, over: rt.winner.id }, rt.via);
        break;
      case "joint":
        break;
    }
  }
  // A certain prohibition decides everything; a certain exemption leaves only prohibitions to matter.
  const decided = certain.some((x) => x.kind === "prohibit") ? () => false : certain.some((x) => x.kind === "exempt") ? (x: Dependency) => x.effect.kind === "prohibited" : () => true;
  depends.splice(0, depends.length, ...depends.filter(decided));
  const v = encodeFacts(c.layout, d.facts);
  const answer = decide(c, certain, v, { deployment: d.name ?? null, domain: d.domain, at: d.at }, (b) => covers(b) === true);
  return { ...answer, partial: { missing, complete: depends.length === 0, depends } };
}
