// `example` blocks: a complete, well-typed deployment and expectations that name real things.
import type { ExampleDecl } from "../ast/clauses.js";
import type { Name } from "../ast/exprs.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { suggestion } from "../diagnostics/suggest.js";
import { checkDate } from "./dates.js";
import type { CheckedSet } from "./model.js";
import { checkBody, checkDomainPath, checkLayer } from "./references.js";
import { checkValue, isUnresolvedFact } from "./types.js";

export function checkExample(set: CheckedSet, ex: ExampleDecl, out: Diagnostic[]): void {
  checkDomainPath(set, ex.domain.name, ex.domain.span, out);
  if (ex.at) checkDate(ex.at, out);
  const given = new Map<string, Name>();
  for (const b of ex.bindings) {
    const first = given.get(b.fact.name);
    if (first) {
      out.push(diagnostic("CH2018", b.fact.span, [b.fact.name], [{ span: first.span, message: "first given here" }]));
      continue;
    }
    given.set(b.fact.name, b.fact);
    const fact = set.facts.get(b.fact.name);
    if (!fact) {
      if (!isUnresolvedFact(set, b.fact.name)) out.push(diagnostic("CH2001", b.fact.span, [b.fact.name, suggestion(b.fact.name, set.facts.keys(), "facts")]));
      continue;
    }
    checkValue(fact, b.value, out);
  }
  for (const f of set.facts.keys()) {
    if (!given.has(f)) out.push(diagnostic("CH2111", ex.domain.span, [ex.name, f]));
  }
  const expected = new Map<string, Name["span"]>();
  for (const e of ex.expects) {
    const first = expected.get(e.kind);
    if (first && e.kind !== "escalation") out.push(diagnostic("CH2116", e.span, [e.kind], [{ span: first, message: "first here" }]));
    expected.set(e.kind, e.span);
    if (e.kind === "approve" || e.kind === "notify") for (const b of e.bodies) checkBody(set, b, out);
    else if (e.kind === "escalation") checkLayer(set, e.layer, out);
  }
}
