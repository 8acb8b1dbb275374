// A fast-check arbitrary for SMALL, check-clean charter sets (as source text), sized so that the oracle
// can enumerate every cell of the space: 2–3 facts with few values, 2–6 domains, 2–4 bodies, a few
// number literals and clause dates, ≤ 8 constitutional clauses and ≤ 2 body charters of ≤ 3 rules.
// Unlike test/arbitraries/charter-set.ts, body charters here also reach OUTSIDE their delegations
// (patterns, conditions and dates), and hold prohibit/exempt rules, so ultra vires actually occurs.
import fc from "fast-check";
import type { Source } from "../arbitraries/charter-set.js";
import { arbBodies, arbPatterns, arbPattern, buildDomains, paren, patternsWithin, type CondText, type DomainNode } from "../arbitraries/shared.js";

export type { Source };

/** Number literals in conditions: 1e25 spelled twice on purpose (same value, one cut point). */
export const SMALL_NUMBERS = ["0", "1e25", "1E25", "2.5", "-7"] as const;
/** Integer literals for unbounded `int` facts. */
export const SMALL_INTS = [-1, 0, 2, 5] as const;
/** Dates on clause tails. */
export const SMALL_DATES = ["2025-01-01", "2026-01-01", "2026-06-30"] as const;
/** Upper bound on the cells of a generated set (the oracle enumerates them all). */
export const MAX_CELLS = 20_000;

const LAYERS = ["community", "professional", "national", "supranational"] as const;
const ENUM_VALUES = ["red", "green", "blue", "amber"] as const;
const INLINE_VALUES = ["low", "mid", "high"] as const;
const DOMAIN_NAMES = ["alpha", "beta", "gamma", "delta", "omega", "sigma"] as const;
const OPS = ["==", "!=", "<", "<=", ">", ">="] as const;

type FactSpec =
  | { name: string; kind: "bool" }
  | { name: string; kind: "number" }
  | { name: string; kind: "int"; min?: number; max?: number }
  | { name: string; kind: "enum"; values: string[]; typeText: string }
  | { name: string; kind: "set"; values: string[]; typeText: string };

interface Vocab {
  layers: string[];
  enumValues: string[];
  facts: FactSpec[];
  roots: DomainNode[];
  domains: string[];
  bodies: string[];
}

// ---------------------------------------------------------------- vocabulary

/** An upper bound on the number of cells (see cells.ts: representative points per dimension). */
function cellBound(v: Vocab): number {
  let n = v.domains.length * (2 * SMALL_DATES.length + 2);
  for (const f of v.facts) {
    switch (f.kind) {
      case "bool":
        n *= 2;
        break;
      case "number":
        n *= 2 * 4 + 1; // ≤ 4 distinct values among SMALL_NUMBERS
        break;
      case "int":
        n *= f.min !== undefined ? f.max! - f.min + 1 : 4 * SMALL_INTS.length + 2;
        break;
      case "enum":
        n *= f.values.length;
        break;
      case "set":
        n *= 2 ** f.values.length;
        break;
    }
  }
  return n;
}

const arbVocab: fc.Arbitrary<Vocab> = fc
  .record({
    layerCount: fc.integer({ min: 2, max: 3 }),
    enumSize: fc.integer({ min: 2, max: 4 }),
    facts: fc.array(
      fc.record({
        kind: fc.constantFrom("bool", "number", "int", "unbounded-int", "named", "inline", "set"),
        lo: fc.integer({ min: -1, max: 0 }),
        width: fc.integer({ min: 0, max: 3 }),
        inlineCount: fc.integer({ min: 2, max: 3 }),
      }),
      { minLength: 2, maxLength: 3 },
    ),
    domains: fc.array(fc.record({ parent: fc.nat({ max: 12 }), name: fc.nat({ max: 12 }) }), { minLength: 2, maxLength: 6 }),
    bodyCount: fc.integer({ min: 2, max: 4 }),
  })
  .map(({ layerCount, enumSize, facts, domains, bodyCount }): Vocab => {
    const enumValues = ENUM_VALUES.slice(0, enumSize) as string[];
    const specs = facts.map((c, i): FactSpec => {
      const name = `f${i}`;
      switch (c.kind) {
        case "bool":
          return { name, kind: "bool" };
        case "number":
          return { name, kind: "number" };
        case "int":
          return { name, kind: "int", min: c.lo, max: c.lo + c.width };
        case "unbounded-int":
          return { name, kind: "int" };
        case "named":
          return { name, kind: "enum", values: enumValues, typeText: "e0" };
        case "inline": {
          const values = INLINE_VALUES.slice(0, c.inlineCount) as string[];
          return { name, kind: "enum", values, typeText: `enum { ${values.join(", ")} }` };
        }
        case "set":
          return { name, kind: "set", values: enumValues, typeText: "set of e0" };
      }
    });
    const { roots, paths } = buildDomains(domains, DOMAIN_NAMES);
    return { layers: LAYERS.slice(0, layerCount) as string[], enumValues, facts: specs, roots, domains: paths, bodies: Array.from({ length: bodyCount }, (_, i) => `b${i}`) };
  })
  .filter((v) => cellBound(v) <= MAX_CELLS);

// ---------------------------------------------------------------- conditions

function arbAtom(f: FactSpec): fc.Arbitrary<string> {
  switch (f.kind) {
    case "bool":
      return fc.oneof(
        fc.constant(f.name),
        fc.tuple(fc.constantFrom("==", "!="), fc.boolean()).map(([op, b]) => `${f.name} ${op} ${b}`),
      );
    case "number":
      return fc.tuple(fc.constantFrom(...OPS), fc.constantFrom(...SMALL_NUMBERS)).map(([op, n]) => `${f.name} ${op} ${n}`);
    case "int": {
      const lit = f.min !== undefined ? fc.integer({ min: f.min, max: f.max! }) : fc.constantFrom(...SMALL_INTS);
      return fc.tuple(fc.constantFrom(...OPS), lit).map(([op, n]) => `${f.name} ${op} ${n}`);
    }
    case "enum":
      return fc.oneof(
        fc.tuple(fc.constantFrom("==", "!="), fc.constantFrom(...f.values)).map(([op, v]) => `${f.name} ${op} ${v}`),
        fc
          .tuple(fc.constantFrom("in", "not in"), fc.shuffledSubarray(f.values, { minLength: 1 }))
          .map(([op, vs]) => `${f.name} ${op} { ${vs.join(", ")} }`),
      );
    case "set":
      return fc.oneof(
        fc.constantFrom(...f.values).map((v) => `${f.name} contains ${v}`),
        fc.tuple(fc.constantFrom(...OPS), fc.integer({ min: 0, max: f.values.length + 1 })).map(([op, n]) => `count(${f.name}) ${op} ${n}`),
      );
  }
}

function arbCond(facts: FactSpec[], depth: number): fc.Arbitrary<CondText> {
  const atom = fc.oneof(...facts.map(arbAtom)).map((text): CondText => ({ text, top: "atom" }));
  if (depth <= 1) return atom;
  const sub = arbCond(facts, depth - 1);
  return fc.oneof(
    { arbitrary: atom, weight: 4 },
    { arbitrary: fc.array(sub, { minLength: 2, maxLength: 2 }).map((xs): CondText => ({ text: xs.map((x) => paren(x, "and")).join(" and "), top: "and" })), weight: 2 },
    { arbitrary: fc.array(sub, { minLength: 2, maxLength: 2 }).map((xs): CondText => ({ text: xs.map((x) => paren(x, "or")).join(" or "), top: "or" })), weight: 2 },
    { arbitrary: sub.map((x): CondText => ({ text: `not ${paren(x, "not")}`, top: "atom" })), weight: 1 },
  );
}

const condText = (v: Vocab, depth = 2) => arbCond(v.facts, depth).map((c) => c.text);
const arbWhen = (v: Vocab, freq = 2) => fc.option(condText(v), { nil: undefined, freq }).map((c) => (c === undefined ? "" : ` when ${c}`));

// ---------------------------------------------------------------- clauses


/** `effective`/`until` (effective < until), in random order; a `because` now and then. */
const arbTail: fc.Arbitrary<string> = fc
  .record({
    eff: fc.option(fc.nat({ max: SMALL_DATES.length - 1 }), { nil: undefined, freq: 3 }),
    until: fc.option(fc.nat({ max: SMALL_DATES.length - 1 }), { nil: undefined, freq: 3 }),
    because: fc.boolean(),
    order: fc.boolean(),
  })
  .map(({ eff, until, because, order }) => {
    let e = eff;
    let u = until;
    if (e !== undefined && u !== undefined) {
      if (e === u) u = undefined;
      else if (e > u) [e, u] = [u, e];
    }
    const parts: string[] = [];
    if (e !== undefined) parts.push(`effective ${SMALL_DATES[e]}`);
    if (u !== undefined) parts.push(`until ${SMALL_DATES[u]}`);
    if (order) parts.reverse();
    if (because) parts.push(`because "reason"`);
    return parts.length ? `\n    ${parts.join(" ")}` : "";
  });

function arbClause(v: Vocab): fc.Arbitrary<string> {
  const grant = fc.tuple(fc.constantFrom("approve", "approve", "notify"), arbBodies(v, 1, 2)).map(([r, bs]) => `${r} ${bs}`);
  const govern = fc
    .tuple(arbPatterns(v), arbWhen(v), fc.array(grant, { minLength: 1, maxLength: 2 }), arbTail)
    .map(([p, w, gs, t]) => `govern ${p}${w}\n  ${gs.join("\n  ")}${t}`);
  const target = fc.oneof({ arbitrary: fc.constantFrom(...v.layers), weight: 3 }, { arbitrary: fc.constantFrom(...v.bodies), weight: 1 });
  const escalate = fc
    .tuple(arbPatterns(v), condText(v), target, fc.constantFrom("", " approve", " notify"), arbTail)
    .map(([p, c, to, role, t]) => `escalate ${p} when ${c} to ${to}${role}${t}`);
  const prohibit = fc.tuple(arbPatterns(v), arbWhen(v, 8), arbTail).map(([p, w, t]) => `prohibit ${p}${w}${t}`);
  const exempt = fc.tuple(arbPatterns(v), arbWhen(v, 8), arbTail).map(([p, w, t]) => `exempt ${p}${w}${t}`);
  const joint = fc.tuple(arbBodies(v, 2, 3), arbPatterns(v), arbWhen(v), arbTail).map(([bs, p, w, t]) => `joint ${bs} on ${p}${w}${t}`);
  const precedence = fc
    .tuple(fc.shuffledSubarray(v.bodies, { minLength: 2, maxLength: 2 }), arbPatterns(v), arbWhen(v), arbTail)
    .map(([[a, b], p, w, t]) => `precedence ${a} over ${b} on ${p}${w}${t}`);
  const guardrail = fc
    .tuple(
      fc.oneof(
        fc.integer({ min: 1, max: 3 }).map((n) => `${n} layers`),
        fc.integer({ min: 1, max: 3 }).map((n) => `${n} approvers`),
        fc.constantFrom(...v.layers).map((l) => `layer ${l}`),
        fc.constant("competence"),
      ),
      fc.option(arbPatterns(v), { nil: undefined }),
      arbWhen(v),
      arbTail,
    )
    .map(([req, on, w, t]) => `guardrail "g"\n  require ${req}${on === undefined ? "" : ` on ${on}`}${w}${t}`);
  return fc.oneof(
    { arbitrary: govern, weight: 6 },
    { arbitrary: escalate, weight: 3 },
    { arbitrary: prohibit, weight: 1 },
    { arbitrary: exempt, weight: 1 },
    { arbitrary: joint, weight: 2 },
    { arbitrary: precedence, weight: 3 },
    { arbitrary: guardrail, weight: 3 },
  );
}

function arbBody(v: Vocab, id: string): fc.Arbitrary<string> {
  return fc
    .record({
      layer: fc.constantFrom(...v.layers),
      covers: fc.option(condText(v, 2), { nil: undefined }),
      competence: fc.option(arbPatterns(v), { nil: undefined }),
    })
    .map(({ layer, covers, competence }) => {
      const lines = [`body ${id} {`, `  layer ${layer}`];
      if (covers !== undefined) lines.push(`  covers ${covers}`);
      if (competence !== undefined) lines.push(`  competence ${competence}`);
      lines.push("}");
      return lines.join("\n");
    });
}

// ---------------------------------------------------------------- body charters

interface Delegation {
  to: string;
  patterns: string[];
  when?: string;
  tail: string;
}

function arbDelegation(v: Vocab, owners: string[]): fc.Arbitrary<Delegation> {
  return fc.record(
    {
      to: fc.constantFrom(...owners),
      patterns: fc.array(arbPattern(v), { minLength: 1, maxLength: 2 }),
      when: condText(v, 2),
      tail: arbTail.map((t) => t.replace(/ ?because "reason"/, "")),
    },
    { requiredKeys: ["to", "patterns", "tail"] },
  );
}

interface RuleDraft {
  kind: "govern" | "prohibit" | "exempt";
  /** Inside a delegation (pattern within, its condition conjoined) or anywhere. */
  inside: boolean;
  pick: [number, number, number];
  patterns: string;
  extra?: string;
  approveSelf: boolean;
  notify: string[];
  tail: string;
}

function arbRule(v: Vocab): fc.Arbitrary<RuleDraft> {
  return fc.record(
    {
      kind: fc.constantFrom("govern", "govern", "govern", "govern", "prohibit", "exempt"),
      inside: fc.boolean(),
      pick: fc.tuple(fc.nat({ max: 50 }), fc.nat({ max: 50 }), fc.nat({ max: 50 })),
      patterns: arbPatterns(v),
      extra: condText(v, 2),
      approveSelf: fc.boolean(),
      notify: fc.shuffledSubarray(v.bodies, { maxLength: 2 }),
      tail: arbTail,
    },
    { requiredKeys: ["kind", "inside", "pick", "patterns", "approveSelf", "notify", "tail"] },
  );
}

function renderRule(owner: string, r: RuleDraft, delegations: Delegation[], v: Vocab): string {
  let patterns = r.patterns;
  const conds: string[] = [];
  const mine = delegations.filter((d) => d.to === owner);
  if (r.inside && mine.length > 0) {
    const d = mine[r.pick[0] % mine.length]!;
    const dp = d.patterns[r.pick[1] % d.patterns.length]!;
    const within = patternsWithin(dp, v);
    patterns = within[r.pick[2] % within.length]!;
    if (d.when !== undefined) conds.push(d.when);
  }
  if (r.extra !== undefined) conds.push(r.extra);
  const when = conds.length === 0 ? "" : ` when ${conds.length === 1 ? conds[0] : conds.map((x) => `(${x})`).join(" and ")}`;
  if (r.kind !== "govern") return `${r.kind} ${patterns}${when}${r.tail}`;
  const grants: string[] = [];
  if (r.approveSelf || r.notify.length === 0) grants.push(`approve ${owner}`);
  if (r.notify.length > 0) grants.push(`notify ${r.notify.join(", ")}`);
  return `govern ${patterns}${when}\n  ${grants.join("\n  ")}${r.tail}`;
}

// ---------------------------------------------------------------- the set

function renderConstitution(v: Vocab, bodies: string[], delegations: Delegation[], clauses: string[]): string {
  const out: string[] = [`constitution "Small random constitution"`, ""];
  out.push(`layers { ${v.layers.join(" < ")} }`);
  out.push(`enum e0 { ${v.enumValues.join(", ")} }`);
  out.push("facts {");
  for (const f of v.facts) {
    const t = f.kind === "int" ? (f.min !== undefined ? `int ${f.min}..${f.max}` : "int") : f.kind === "enum" || f.kind === "set" ? f.typeText : f.kind;
    out.push(`  ${f.name}: ${t}`);
  }
  out.push("}");
  const renderNode = (n: DomainNode, indent: string): string[] =>
    n.children.length === 0 ? [`${indent}${n.name}`] : [`${indent}${n.name} {`, ...n.children.flatMap((c) => renderNode(c, indent + "  ")), `${indent}}`];
  out.push("domains {", ...v.roots.flatMap((r) => renderNode(r, "  ")), "}", "");
  out.push(...bodies, "");
  for (const d of delegations) out.push(`delegate ${d.patterns.join(", ")}${d.when === undefined ? "" : ` when ${d.when}`} to ${d.to}${d.tail}`);
  out.push("", ...clauses, "");
  return out.join("\n");
}

/** Source text of a small random check-clean charter set: one constitution and 0–2 body charters. */
export function arbSmallSet(opts: { maxClauses?: number } = {}): fc.Arbitrary<{ sources: Source[] }> {
  return arbVocab.chain((v) =>
    fc
      .record({
        bodies: fc.tuple(...v.bodies.map((id) => arbBody(v, id))),
        clauses: fc.array(arbClause(v), { minLength: 2, maxLength: opts.maxClauses ?? 8 }),
        owners: fc.uniqueArray(fc.constantFrom(...v.bodies), { maxLength: 2 }),
        delegSeeds: fc.nat({ max: 3 }),
      })
      .chain(({ bodies, clauses, owners, delegSeeds }) => {
        // Delegations go to charter owners mostly, sometimes to bodies without a charter.
        const targets = owners.length > 0 ? owners : v.bodies;
        return fc
          .record({
            delegations: fc.array(arbDelegation(v, targets), { minLength: 0, maxLength: delegSeeds }),
            rules: fc.tuple(...owners.map(() => fc.array(arbRule(v), { minLength: 1, maxLength: 3 }))),
          })
          .map(({ delegations, rules }) => {
            const sources: Source[] = [{ file: "constitution.charter", text: renderConstitution(v, bodies, delegations, clauses) }];
            owners.forEach((owner, i) => {
              const text = [`charter "Charter of ${owner}" by ${owner}`, "", ...rules[i]!.map((r) => renderRule(owner, r, delegations, v)), ""].join("\n");
              sources.push({ file: `${owner}.charter`, text });
            });
            return { sources };
          });
      }),
  );
}
