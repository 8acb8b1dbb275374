// The brute-force oracle: per concrete deployment (a cell), what lint should find there, computed from the
// reference evaluator (test/reference/evaluate.ts, language.md §5) and the clauses' applicability, with no
// region algebra at all. Categories (keys shared with symbolic.ts):
//   gap                 the verdict is `ungoverned`
//   overlap:a|b         a and b (a < b) approve via two different applicable govern clauses (grants that
//                       survive precedence), no applicable
//                       joint lists both, no applicable precedence relates them, verdict not prohibited/exempt
//   ultra:i             clause i of a body's charter applies and no delegation to its owner does
//   guardrail:i         guardrail i applies, verdict not prohibited/exempt, and its requirement fails (§3)
//   noreceiver:i        escalation i (to a layer) applies, verdict not prohibited/exempt, nobody receives it
import type { BodyInfo, CheckedSet, Clause, GuardrailClause } from "../../packages/lang/src/index.js";
import type { Answer, Deployment } from "../../packages/engine/src/query/answer.js";
import { applies, evaluate, holds, patternMatches, viaOf } from "../reference/evaluate.js";

export const pairKey = (a: string, b: string): string => (a < b ? `overlap:${a}|${b}` : `overlap:${b}|${a}`);

export function isLayer(set: CheckedSet, name: string): boolean {
  return set.layers.some((l) => l.name === name);
}

/** Every key the oracle (and the symbolic side) can produce for this set, so that absence is checked too. */
export function allKeys(set: CheckedSet): string[] {
  const keys = ["gap"];
  const bodies = [...set.bodies.keys()].sort();
  for (let i = 0; i < bodies.length; i++) for (let j = i + 1; j < bodies.length; j++) keys.push(pairKey(bodies[i]!, bodies[j]!));
  set.clauses.forEach((pc, i) => {
    const c = pc.clause;
    if (pc.owner !== undefined) keys.push(`ultra:${i}`);
    if (c.kind === "guardrail") keys.push(`guardrail:${i}`);
    if (c.kind === "escalate" && isLayer(set, c.to.name)) keys.push(`noreceiver:${i}`);
  });
  return keys;
}

export const approversOf = (c: Clause): string[] => (c.kind === "govern" ? c.grants.filter((g) => g.role === "approve").flatMap((g) => g.bodies.map((b) => b.name)) : []);

/** Does the requirement of guardrail `g` fail for this answer at this domain (§3: only approvers count)? */
export function requirementFails(set: CheckedSet, g: GuardrailClause, answer: Answer, domain: string): boolean {
  const r = g.require;
  switch (r.kind) {
    case "layers": {
      const layers = new Set<string>();
      for (const e of answer.approve) {
        const l = set.bodies.get(e.body)!.layer;
        if (l !== undefined) layers.add(l);
      }
      return layers.size < r.count;
    }
    case "approvers":
      return answer.approve.length < r.count;
    case "layer":
      return !answer.approve.some((e) => set.bodies.get(e.body)!.layer === r.layer.name);
    case "competence":
      // Every approver granted by a surviving govern rule needs competence; escalated-only ones are excepted.
      return answer.approve.some((e) => e.via.some((v) => v.clause === "govern") && !set.bodies.get(e.body)!.competence.some((p) => patternMatches(p, domain)));
  }
}

export interface OracleCell {
  answer: Answer;
  /** The keys (see above) that hold at this deployment. */
  keys: Set<string>;
}

/**
 * The oracle for one set. `evaluate` is a pure function of which clauses apply and which bodies' `covers`
 * hold (plus the deployment's own name, domain and date, copied into the answer), so answers are memoised
 * on that signature; every `checkEvery`-th call still evaluates afresh and compares, to keep that honest.
 */
export class Oracle {
  private readonly memo = new Map<string, Answer>();
  private readonly bodies: BodyInfo[];
  private readonly governs: number[];
  private readonly relations: number[];
  private readonly delegationsTo = new Map<string, number[]>();
  private readonly approvers: string[][];
  private calls = 0;

  constructor(readonly set: CheckedSet, private readonly checkEvery = 64) {
    this.bodies = [...set.bodies.values()];
    const idx = set.clauses.map((_, i) => i);
    this.governs = idx.filter((i) => set.clauses[i]!.clause.kind === "govern");
    this.relations = idx.filter((i) => set.clauses[i]!.clause.kind === "joint" || set.clauses[i]!.clause.kind === "precedence");
    for (const i of idx) {
      const c = set.clauses[i]!.clause;
      if (c.kind === "delegate") this.delegationsTo.set(c.to.name, [...(this.delegationsTo.get(c.to.name) ?? []), i]);
    }
    this.approvers = set.clauses.map((pc) => approversOf(pc.clause));
  }

  private answer(d: Deployment, on: boolean[]): Answer {
    const covers = this.bodies.map((b) => b.covers === undefined || holds(b.covers, d));
    const sig = on.map((x) => (x ? "1" : "0")).join("") + "|" + covers.map((x) => (x ? "1" : "0")).join("");
    let a = this.memo.get(sig);
    const fresh = a === undefined || ++this.calls % this.checkEvery === 0;
    if (fresh) {
      const e = evaluate(this.set, d);
      if (a !== undefined && JSON.stringify({ ...a, domain: "", at: "", deployment: null }) !== JSON.stringify({ ...e, domain: "", at: "", deployment: null })) {
        throw new Error(`oracle: memoised answer differs from a fresh evaluation at ${JSON.stringify(d)}`);
      }
      if (a === undefined) this.memo.set(sig, e);
      return e;
    }
    return a!;
  }

  cell(d: Deployment): OracleCell {
    const set = this.set;
    const on = set.clauses.map((pc) => applies(pc.clause, d));
    const answer = this.answer(d, on);
    const keys = new Set<string>();
    const overridden = answer.verdict === "prohibited" || answer.verdict === "exempt";

    if (answer.verdict === "ungoverned") keys.add("gap");

    // Ultra vires: regardless of the verdict (a rule outside its room is wrong even under a prohibition).
    set.clauses.forEach((pc, i) => {
      if (pc.owner === undefined || !on[i]) return;
      if (!(this.delegationsTo.get(pc.owner) ?? []).some((j) => on[j])) keys.add(`ultra:${i}`);
    });

    if (overridden) return { answer, keys };

    // Overlaps.
    const related = (a: string, b: string): boolean =>
      this.relations.some((j) => {
        if (!on[j]) return false;
        const c = set.clauses[j]!.clause;
        if (c.kind === "joint") return c.bodies.some((x) => x.name === a) && c.bodies.some((x) => x.name === b);
        if (c.kind === "precedence") return (c.winner.name === a && c.loser.name === b) || (c.winner.name === b && c.loser.name === a);
        return false;
      }) ||
      // One govern clause approving both makes them joint (language.md §3).
      this.governs.some((j) => on[j] && this.approvers[j]!.includes(a) && this.approvers[j]!.includes(b));
    // A body counts only while a govern grant of it survives precedence (its answer entry has a govern via).
    const standing = new Set(answer.approve.filter((e) => e.via.some((v) => v.clause === "govern")).map((e) => e.body));
    const governs = this.governs.filter((i) => on[i]);
    for (const i of governs) {
      for (const j of governs) {
        if (i === j) continue;
        for (const a of this.approvers[i]!) {
          for (const b of this.approvers[j]!) {
            if (a === b || !standing.has(a) || !standing.has(b)) continue;
            const key = pairKey(a, b);
            if (!keys.has(key) && !related(a, b)) keys.add(key);
          }
        }
      }
    }

    // Guardrails and escalations with no receiver.
    set.clauses.forEach((pc, i) => {
      const c = pc.clause;
      if (!on[i]) return;
      if (c.kind === "guardrail" && requirementFails(set, c, answer, d.domain)) keys.add(`guardrail:${i}`);
      if (c.kind === "escalate" && isLayer(set, c.to.name)) {
        const via = viaOf(pc);
        const entry = answer.escalations.find((e) => e.via.file === via.file && e.via.line === via.line && e.via.column === via.column);
        if (!entry) throw new Error(`oracle: applicable escalation ${i} missing from the reference answer`);
        if (entry.bodies.length === 0) keys.add(`noreceiver:${i}`);
      }
    });
    return { answer, keys };
  }
}

/** One-off: the oracle at a single deployment. */
export function oracleCell(set: CheckedSet, d: Deployment): OracleCell {
  return new Oracle(set).cell(d);
}
