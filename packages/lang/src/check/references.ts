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
  if (set.domains.size === 0) return false; // CH2117 already says the constitution declares none
  out.push(diagnostic("CH2004", span, [path, suggestion(path, set.domains.keys(), "domains")]));
  return false;
}

/** Help for an unknown body name; a body's display name written as an id (`british_medical_association`) points to its id. */
export function bodySuggestion(set: CheckedSet, name: string): string {
  const asId = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
  for (const b of set.bodies.values()) if (asId(b.displayName) === name) return `did you mean \`${b.id}\` (${b.displayName})?`;
  return suggestion(name, set.bodies.keys(), "bodies");
}

export function checkBody(set: CheckedSet, n: Name, out: Diagnostic[]): boolean {
  if (set.bodies.has(n.name)) return true;
  out.push(diagnostic("CH2005", n.span, [n.name, bodySuggestion(set, n.name)]));
  return false;
}

export function checkLayer(set: CheckedSet, n: Name, out: Diagnostic[]): boolean {
  if (set.layers.some((l) => l.name === n.name)) return true;
  if (set.layers.length === 0) return false; // CH3009 already says the constitution declares none
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
