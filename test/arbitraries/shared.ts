// Pieces both charter-set arbitraries use (test/arbitraries/charter-set.ts for the engine and front
// end, test/oracle/arb.ts for the brute-force oracle's small sets): the domain tree, patterns, body
// lists and condition parenthesising.
import fc from "fast-check";

export interface DomainNode {
  name: string;
  path: string;
  depth: number;
  children: DomainNode[];
}

/** A condition's text and its top-level operator (decides where parentheses are needed). */
export interface CondText {
  text: string;
  top: "atom" | "and" | "or";
}

/** A domain tree of depth ≤ 3 from drawn (parent, name) pairs; names from `names`, unique among siblings. */
export function buildDomains(nodes: { parent: number; name: number }[], names: readonly string[]): { roots: DomainNode[]; paths: string[] } {
  const roots: DomainNode[] = [];
  const all: DomainNode[] = [];
  for (const n of nodes) {
    // parent 0 = a new root; j > 0 = a child of the (j-1)th node built so far, if that node may have children.
    const sel = n.parent % (all.length + 1);
    let parent = sel === 0 ? undefined : all[sel - 1];
    if (parent && parent.depth >= 3) parent = undefined;
    const siblings = parent ? parent.children : roots;
    let k = n.name % names.length;
    while (siblings.some((s) => s.name === names[k])) k = (k + 1) % names.length;
    const name = names[k]!;
    const node: DomainNode = { name, path: parent ? `${parent.path}.${name}` : name, depth: parent ? parent.depth + 1 : 1, children: [] };
    siblings.push(node);
    all.push(node);
  }
  const paths: string[] = [];
  const walk = (ns: DomainNode[]): void => {
    for (const n of ns) {
      paths.push(n.path);
      walk(n.children);
    }
  };
  walk(roots);
  return { roots, paths };
}

export function paren(c: CondText, inside: "and" | "or" | "not"): string {
  const needs = inside === "not" ? c.top !== "atom" : inside === "and" ? c.top === "or" : false;
  return needs ? `(${c.text})` : c.text;
}

export function arbPattern(v: { domains: string[] }): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constant("*"), weight: 1 },
    { arbitrary: fc.constantFrom(...v.domains), weight: 2 },
    { arbitrary: fc.constantFrom(...v.domains).map((p) => `${p}.*`), weight: 2 },
  );
}

export const arbPatterns = (v: { domains: string[] }) => fc.array(arbPattern(v), { minLength: 1, maxLength: 2 }).map((ps) => ps.join(", "));

export function arbBodies(v: { bodies: string[] }, min: number, max: number): fc.Arbitrary<string> {
  return fc.shuffledSubarray(v.bodies, { minLength: min, maxLength: Math.min(max, v.bodies.length) }).map((bs) => bs.join(", "));
}

/** The patterns that lie inside pattern `p` (itself included). */
export function patternsWithin(p: string, v: { domains: string[] }): string[] {
  if (p === "*") return ["*", ...v.domains, ...v.domains.map((d) => `${d}.*`)];
  if (!p.endsWith(".*")) return [p];
  const root = p.slice(0, -2);
  const inside = v.domains.filter((d) => d === root || d.startsWith(root + "."));
  return [...inside.map((d) => `${d}.*`), ...inside];
}
