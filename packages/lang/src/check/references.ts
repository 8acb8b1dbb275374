// Names used by clauses, bodies and examples: domains, bodies, layers (all resolved against the constitution).
import type { Name, Pattern } from "../ast/exprs.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { suggestion } from "../diagnostics/suggest.js";
import type { CheckedSet } from "./model.js";

export function checkPatterns(set: CheckedSet, patterns: Pattern[], out: Diagnostic[]): void {
  for (const p of patterns) {
    if (p.kind === "all") continue;
    checkDomainPath(set, p.path.join("."), p.span, out);
  }
}

export function checkDomainPath(set: CheckedSet, path: string, span: Name["span"], out: Diagnostic[]): boolean {
  if (set.domains.has(path)) return true;
  out.push(diagnostic("CH2004", span, [path, suggestion(path, set.domains.keys(), "domains")]));
  return false;
}

export function checkBody(set: CheckedSet, n: Name, out: Diagnostic[]): boolean {
  if (set.bodies.has(n.name)) return true;
  out.push(diagnostic("CH2005", n.span, [n.name, suggestion(n.name, set.bodies.keys(), "bodies")]));
  return false;
}

export function checkLayer(set: CheckedSet, n: Name, out: Diagnostic[]): boolean {
  if (set.layers.some((l) => l.name === n.name)) return true;
  out.push(diagnostic("CH2006", n.span, [n.name, suggestion(n.name, set.layers.map((l) => l.name), "layers")]));
  return false;
}

/** Each body named once in a list (approve, notify, joint). */
export function checkDistinct(names: Name[], where: string, out: Diagnostic[]): void {
  const seen = new Map<string, Name>();
  for (const n of names) {
    const first = seen.get(n.name);
    if (first) out.push(diagnostic("CH2115", n.span, [n.name, where], [{ span: first.span, message: "first named here" }]));
    else seen.set(n.name, n);
  }
}
