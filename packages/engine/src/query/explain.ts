// --explain: every clause of the set, whether it applied to this deployment, and if not, why not.
import { patternText, type Cond } from "@charter/lang";
import type { CompiledSet } from "../ir/compile.js";
import type { Deployment, Via } from "./answer.js";
import { evalCond, firstFailure } from "./evaluate-ast.js";

export type Outcome =
  | { applied: true }
  | { applied: false; reason: "domain"; patterns: string }
  | { applied: false; reason: "not-yet-effective" | "expired"; date: string }
  | { applied: false; reason: "condition"; condition: string; file: string; line: number; column: number };

export interface TraceEntry {
  via: Via;
  outcome: Outcome;
}

/** Every answer-relevant clause in source order with its outcome; `sourceText` quotes a failed condition as written. */
export function explain(c: CompiledSet, d: Deployment, sourceText: (file: string, start: number, end: number) => string): TraceEntry[] {
  // The compiled index already knows which clauses can apply to the domain.
  const here = new Set(c.domains[c.domainIds.get(d.domain)!]!.candidates);
  return c.clauses.map((rt, i) => {
    const clause = rt.source;
    if (!here.has(i)) {
      return { via: rt.via, outcome: { applied: false, reason: "domain", patterns: clause.patterns.map(patternText).join(", ") } };
    }
    for (const t of clause.tail) {
      if (t.kind === "effective" && d.at < t.date.text) return { via: rt.via, outcome: { applied: false, reason: "not-yet-effective", date: t.date.text } };
      if (t.kind === "until" && d.at >= t.date.text) return { via: rt.via, outcome: { applied: false, reason: "expired", date: t.date.text } };
    }
    if (clause.when && !evalCond(clause.when, d.facts)) {
      const f: Cond = firstFailure(clause.when, d.facts);
      return {
        via: rt.via,
        outcome: { applied: false, reason: "condition", condition: sourceText(f.span.file, f.span.start, f.span.end), file: f.span.file, line: f.span.line, column: f.span.column },
      };
    }
    return { via: rt.via, outcome: { applied: true } };
  });
}
