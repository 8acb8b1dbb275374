// What the answer to a lint finding's witness must show for the witness to be a real case of the
// problem (language.md §7: "a complete deployment … that a `charter query` answers accordingly").
// One definition for the rule fixtures (packages/engine/test/rules) and the end-to-end lint tests;
// conditions are evaluated by the reference evaluator, not the engine under test.
import type { CheckedSet, GuardrailClause } from "../packages/lang/src/index.js";
import type { Answer, Deployment } from "../packages/engine/src/index.js";
import { applies, holds } from "./reference/evaluate.js";
import { requirementFails } from "./oracle/oracle.js";

/** A finding as both tests see it: where it points, what it says, and its witness. */
export interface WitnessedFinding {
  kind: string;
  message: string;
  file: string;
  line: number;
  column: number;
  witness: Deployment;
}

/** The finding kinds that come with a witness; findings of other kinds have none. */
export const WITNESSED_KINDS: ReadonlySet<string> = new Set(["gap", "overlap", "ultra-vires", "jurisdiction", "dead-clause", "no-receiver", "guardrail"]);

/** Identifiers a message quotes in backticks, in order (`bma`, `mhra`; a quoted region is not one). */
const ticked = (message: string) => [...message.matchAll(/`([a-z_][a-z0-9_]*)`/g)].map((m) => m[1]!);

/** Does `a`, the answer to the finding's witness, show what the finding claims? */
export function witnessConfirms(set: CheckedSet, f: WitnessedFinding, a: Answer): boolean {
  const clauseAt = set.clauses.find((p) => p.file === f.file && p.clause.keywordSpan.line === f.line && p.clause.keywordSpan.column === f.column);
  const here = (v: { file: string; line: number; column: number }) => v.file === f.file && v.line === f.line && v.column === f.column;
  const w = f.witness;
  switch (f.kind) {
    case "gap":
      return a.verdict === "ungoverned";
    case "overlap": {
      const [x, y] = ticked(f.message);
      return a.approve.some((b) => b.body === x) && a.approve.some((b) => b.body === y);
    }
    case "ultra-vires": {
      // The rule applies to the witness, no delegation to its owner does, and the answer shows the rule.
      const owner = clauseAt!.owner!;
      const delegated = set.clauses.some((p) => p.clause.kind === "delegate" && p.clause.to.name === owner && applies(p.clause, w));
      const shown = [...a.approve, ...a.notify].some((b) => b.via.some(here)) || a.reasons.some(here);
      return applies(clauseAt!.clause, w) && !delegated && shown;
    }
    case "jurisdiction": {
      const body = set.bodies.get(ticked(f.message)[0]!)!;
      const granted = [...a.approve, ...a.notify].some((b) => b.body === body.id);
      return granted && body.covers !== undefined && !holds(body.covers, w);
    }
    case "dead-clause":
      // An always-overridden clause: its witness is answered prohibited or exempt.
      return a.verdict === "prohibited" || a.verdict === "exempt";
    case "no-receiver":
      return a.escalations.some((e) => e.to === ticked(f.message)[0] && e.bodies.length === 0 && here(e.via));
    case "guardrail": {
      const g = clauseAt!.clause as GuardrailClause;
      return a.verdict !== "prohibited" && a.verdict !== "exempt" && requirementFails(set, g, a, w.domain);
    }
  }
  return false;
}
