// fast-check arbitraries: random, check-clean charter sets (as SOURCE TEXT) and random valid deployments.
// Literals are drawn from small pools so that deployments often sit exactly on a condition's boundary.
import fc from "fast-check";
import { checkSources, lineMaps, renderDiagnostic, type CheckedSet } from "../../packages/lang/src/index.js";
import type { Deployment } from "../../packages/engine/src/query/answer.js";
import { arbBodies, arbPatterns, arbPattern, buildDomains, paren, patternsWithin, type CondText, type DomainNode } from "./shared.js";

export interface Source {
  file: string;
  text: string;
}

// ---------------------------------------------------------------- pools

/** Number literals as written in conditions (several spellings of 1e25 on purpose). */
export const NUMBER_LITERALS = ["0", "1", "1e24", "1e25", "1.0e25", "1E25", "-7", "2.5"] as const;
/** Number fact values in deployments: every literal's value plus near neighbours. */
export const NUMBER_VALUES = [0, 1, 1e24, 1e25, -7, 2.5, 0.5, 3, -8, 9.99e24, 2e25] as const;
/** Dates on clauses. */
export const CLAUSE_DATES = ["2025-01-01", "2026-01-01", "2026-06-30", "2027-01-01"] as const;
/** Dates of deployments: the clause dates themselves, the days around them, and dates far outside. */
export const DEPLOYMENT_DATES = [
  "2024-06-01",
  "2024-12-31",
  "2025-01-01",
  "2025-07-15",
  "2025-12-31",
  "2026-01-01",
  "2026-06-29",
  "2026-06-30",
  "2026-07-01",
  "2026-12-31",
  "2027-01-01",
  "2028-03-01",
] as const;
const BECAUSE = [
  "Art. 5(1)(c)",
  "Clinical safety case reviewed",
  'quoted "inner" text and a back\\slash',
  "two\nlines",
] as const;
const LAYER_NAMES = ["community", "professional", "national", "supranational"] as const;
const ENUM_VALUES = ["red", "green", "blue", "amber"] as const;
const INLINE_VALUES = ["low", "mid", "high", "red"] as const;
const DOMAIN_NAMES = ["alpha", "beta", "gamma", "delta", "omega", "sigma", "kappa", "zeta", "eta", "theta"] as const;
const OPS = ["==", "!=", "<", "<=", ">", ">="] as const;

// ---------------------------------------------------------------- vocabulary

type FactSpec =
  | { name: string; kind: "bool" }
  | { name: string; kind: "number" }
  | { name: string; kind: "int"; min: number; max: number }
  | { name: string; kind: "enum"; values: string[]; typeText: string }
  | { name: string; kind: "set"; values: string[]; typeText: string };

interface Vocab {
  layers: string[];
  enums: { name: string; values: string[] }[];
  facts: FactSpec[];
  roots: DomainNode[];
  /** Every domain path, in declaration order. */
  domains: string[];
  bodies: string[];
}

const arbFactChoice = fc.record({
  kind: fc.constantFrom("bool", "number", "int", "named", "inline", "set"),
  lo: fc.integer({ min: -2, max: 1 }),
  width: fc.integer({ min: 0, max: 4 }),
  enumIdx: fc.nat({ max: 2 }),
  inlineCount: fc.integer({ min: 2, max: 4 }),
});

const arbVocab: fc.Arbitrary<Vocab> = fc
  .record({
    layerCount: fc.integer({ min: 2, max: 4 }),
    enumSizes: fc.array(fc.integer({ min: 2, max: 4 }), { minLength: 1, maxLength: 3 }),
    facts: fc.array(arbFactChoice, { minLength: 2, maxLength: 6 }),
    domains: fc.array(fc.record({ parent: fc.nat({ max: 20 }), name: fc.nat({ max: 20 }) }), { minLength: 3, maxLength: 10 }),
    bodyCount: fc.integer({ min: 2, max: 6 }),
  })
  .map(({ layerCount, enumSizes, facts, domains, bodyCount }) => {
    const enums = enumSizes.map((n, i) => ({ name: `e${i}`, values: ENUM_VALUES.slice(0, n) as string[] }));
    const factSpecs: FactSpec[] = facts.map((c, i) => {
      const name = `f${i}`;
      const e = enums[c.enumIdx % enums.length]!;
      switch (c.kind) {
        case "bool":
          return { name, kind: "bool" };
        case "number":
          return { name, kind: "number" };
        case "int":
          return { name, kind: "int", min: c.lo, max: c.lo + c.width };
        case "named":
          return { name, kind: "enum", values: e.values, typeText: e.name };
        case "inline": {
          const values = INLINE_VALUES.slice(0, c.inlineCount) as string[];
          return { name, kind: "enum", values, typeText: `enum { ${values.join(", ")} }` };
        }
        case "set":
          return { name, kind: "set", values: e.values, typeText: `set of ${e.name}` };
      }
    });
    const { roots, paths } = buildDomains(domains, DOMAIN_NAMES);
    return {
      layers: LAYER_NAMES.slice(0, layerCount) as string[],
      enums,
      facts: factSpecs,
      roots,
      domains: paths,
      bodies: Array.from({ length: bodyCount }, (_, i) => `b${i}`),
    };
  });

// ---------------------------------------------------------------- conditions

function numberLiteral(): fc.Arbitrary<string> {
  return fc.constantFrom(...NUMBER_LITERALS);
}

function arbAtom(f: FactSpec): fc.Arbitrary<string> {
  switch (f.kind) {
    case "bool":
      return fc.oneof(
        fc.constant(f.name),
        fc.tuple(fc.constantFrom("==", "!="), fc.boolean()).map(([op, b]) => `${f.name} ${op} ${b}`),
      );
    case "number":
      return fc.tuple(fc.constantFrom(...OPS), numberLiteral()).map(([op, n]) => `${f.name} ${op} ${n}`);
    case "int":
      return fc.tuple(fc.constantFrom(...OPS), fc.integer({ min: f.min, max: f.max })).map(([op, n]) => `${f.name} ${op} ${n}`);
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
        fc
          .tuple(fc.constantFrom(...OPS), fc.integer({ min: 0, max: f.values.length + 1 }))
          .map(([op, n]) => `count(${f.name}) ${op} ${n}`),
      );
  }
}

/** A random well-typed condition over `facts`, nested at most `depth` deep. */
function arbCond(facts: FactSpec[], depth: number): fc.Arbitrary<CondText> {
  const atom = fc.oneof(...facts.map(arbAtom)).map((text): CondText => ({ text, top: "atom" }));
  if (depth <= 1) return atom;
  const sub = arbCond(facts, depth - 1);
  return fc.oneof(
    { arbitrary: atom, weight: 4 },
    {
      arbitrary: fc.array(sub, { minLength: 2, maxLength: 3 }).map((xs): CondText => ({ text: xs.map((x) => paren(x, "and")).join(" and "), top: "and" })),
      weight: 2,
    },
    {
      arbitrary: fc.array(sub, { minLength: 2, maxLength: 3 }).map((xs): CondText => ({ text: xs.map((x) => paren(x, "or")).join(" or "), top: "or" })),
      weight: 2,
    },
    { arbitrary: sub.map((x): CondText => ({ text: `not ${paren(x, "not")}`, top: "atom" })), weight: 1 },
  );
}

const condText = (facts: FactSpec[], depth = 3) => arbCond(facts, depth).map((c) => c.text);

// ---------------------------------------------------------------- clauses


function escapeString(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/** `effective`/`until` (effective < until) and `because`, in random order. */
const arbTail: fc.Arbitrary<string> = fc
  .record({
    eff: fc.option(fc.nat({ max: CLAUSE_DATES.length - 1 }), { nil: undefined, freq: 2 }),
    until: fc.option(fc.nat({ max: CLAUSE_DATES.length - 1 }), { nil: undefined, freq: 2 }),
    because: fc.option(fc.constantFrom(...BECAUSE), { nil: undefined }),
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
    if (e !== undefined) parts.push(`effective ${CLAUSE_DATES[e]}`);
    if (u !== undefined) parts.push(`until ${CLAUSE_DATES[u]}`);
    if (order) parts.reverse();
    if (because !== undefined) parts.push(`because ${escapeString(because)}`);
    return parts.length ? `\n    ${parts.join(" ")}` : "";
  });

const arbWhen = (v: Vocab, freq = 2) => fc.option(condText(v.facts), { nil: undefined, freq }).map((c) => (c === undefined ? "" : ` when ${c}`));
const arbIndent = fc.constantFrom("", "", "  ", "\t");

function arbClause(v: Vocab): fc.Arbitrary<string> {
  const grant = fc.tuple(fc.constantFrom("approve", "notify"), arbBodies(v, 1, 2)).map(([r, bs]) => `${r} ${bs}`);
  const govern = fc
    .tuple(arbPatterns(v), arbWhen(v), fc.array(grant, { minLength: 1, maxLength: 2 }), arbTail)
    .map(([p, w, gs, t]) => `govern ${p}${w}\n  ${gs.join("\n  ")}${t}`);
  const target = fc.oneof(fc.constantFrom(...v.layers), fc.constantFrom(...v.bodies));
  const escalate = fc
    .tuple(arbPatterns(v), condText(v.facts), target, fc.constantFrom("", " approve", " notify"), arbTail)
    .map(([p, c, to, role, t]) => `escalate ${p} when ${c} to ${to}${role}${t}`);
  const prohibit = fc.tuple(arbPatterns(v), arbWhen(v, 8), arbTail).map(([p, w, t]) => `prohibit ${p}${w}${t}`);
  const exempt = fc.tuple(arbPatterns(v), arbWhen(v, 8), arbTail).map(([p, w, t]) => `exempt ${p}${w}${t}`);
  const joint = fc.tuple(arbBodies(v, 2, 3), arbPatterns(v), arbWhen(v), arbTail).map(([bs, p, w, t]) => `joint ${bs} on ${p}${w}${t}`);
  const precedence = fc
    .tuple(fc.shuffledSubarray(v.bodies, { minLength: 2, maxLength: 2 }), arbPatterns(v), arbWhen(v), arbTail)
    .map(([[a, b], p, w, t]) => `precedence ${a} over ${b} on ${p}${w}${t}`);
  const guardrail = fc
    .tuple(
      fc.constantFrom("Two layers", "Someone professional", "Competent approvers"),
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
    .map(([name, req, on, w, t]) => `guardrail ${escapeString(name)}\n  require ${req}${on === undefined ? "" : ` on ${on}`}${w}${t}`);
  return fc
    .tuple(
      arbIndent,
      fc.oneof(
        { arbitrary: govern, weight: 6 },
        { arbitrary: escalate, weight: 3 },
        { arbitrary: prohibit, weight: 1 },
        { arbitrary: exempt, weight: 1 },
        { arbitrary: joint, weight: 1 },
        { arbitrary: precedence, weight: 3 },
        { arbitrary: guardrail, weight: 1 },
      ),
    )
    .map(([indent, text]) => indent + text);
}

function arbBody(v: Vocab, id: string): fc.Arbitrary<string> {
  return fc
    .record({
      display: fc.option(fc.constantFrom(`Body ${id}`, `The "${id}" council`), { nil: undefined }),
      layer: fc.constantFrom(...v.layers),
      covers: fc.option(condText(v.facts, 2), { nil: undefined }),
      competence: fc.option(arbPatterns(v), { nil: undefined }),
    })
    .map(({ display, layer, covers, competence }) => {
      const lines = [`body ${id}${display === undefined ? "" : ` ${escapeString(display)}`} {`, `  layer ${layer}`];
      if (covers !== undefined) lines.push(`  covers ${covers}`);
      if (competence !== undefined) lines.push(`  competence ${competence}`);
      lines.push("}");
      return lines.join("\n");
    });
}

// ---------------------------------------------------------------- body charters

interface CharterDraft {
  owner: string;
  deleg: { patterns: string[]; when?: string };
  rules: { pattern: [number, number]; extra?: string; approveSelf: boolean; notify: string[]; tail: string }[];
}

function arbCharterDraft(v: Vocab): fc.Arbitrary<CharterDraft> {
  return fc.record({
    owner: fc.constantFrom(...v.bodies),
    deleg: fc.record(
      { patterns: fc.array(arbPattern(v), { minLength: 1, maxLength: 2 }), when: condText(v.facts, 2) },
      { requiredKeys: ["patterns"] },
    ),
    rules: fc.array(
      fc.record(
        {
          pattern: fc.tuple(fc.nat({ max: 50 }), fc.nat({ max: 50 })),
          extra: condText(v.facts, 2),
          approveSelf: fc.boolean(),
          notify: fc.shuffledSubarray(v.bodies, { maxLength: 2 }),
          tail: arbTail,
        },
        { requiredKeys: ["pattern", "approveSelf", "notify", "tail"] },
      ),
      { minLength: 1, maxLength: 3 },
    ),
  });
}

function renderCharter(c: CharterDraft, v: Vocab): { delegation: string; source: Source } {
  const delegWhen = c.deleg.when === undefined ? "" : ` when ${c.deleg.when}`;
  const delegation = `delegate ${c.deleg.patterns.join(", ")}${delegWhen} to ${c.owner}`;
  const lines = [`charter ${escapeString(`Charter of ${c.owner}`)} by ${c.owner}`, ""];
  for (const r of c.rules) {
    const dp = c.deleg.patterns[r.pattern[0] % c.deleg.patterns.length]!;
    const within = patternsWithin(dp, v);
    const pattern = within[r.pattern[1] % within.length]!;
    const conds = [c.deleg.when, r.extra].filter((x): x is string => x !== undefined);
    const when = conds.length === 0 ? "" : ` when ${conds.length === 1 ? conds[0] : conds.map((x) => `(${x})`).join(" and ")}`;
    const grants: string[] = [];
    if (r.approveSelf || r.notify.length === 0) grants.push(`approve ${c.owner}`);
    if (r.notify.length > 0) grants.push(`notify ${r.notify.join(", ")}`);
    lines.push(`govern ${pattern}${when}\n  ${grants.join("\n  ")}${r.tail}`, "");
  }
  return { delegation, source: { file: `${c.owner}.charter`, text: lines.join("\n") } };
}

// ---------------------------------------------------------------- the set

function renderConstitution(v: Vocab, bodies: string[], clauses: string[], delegations: string[]): string {
  const out: string[] = [`constitution "Random constitution"`, ""];
  out.push(`layers { ${v.layers.join(" < ")} }`, "");
  for (const e of v.enums) out.push(`enum ${e.name} { ${e.values.join(", ")} }`);
  out.push("", "facts {");
  for (const f of v.facts) {
    const t = f.kind === "int" ? `int ${f.min}..${f.max}` : f.kind === "enum" || f.kind === "set" ? f.typeText : f.kind;
    out.push(`  ${f.name}: ${t}`);
  }
  out.push("}", "");
  const renderNode = (n: DomainNode, indent: string): string[] =>
    n.children.length === 0 ? [`${indent}${n.name}`] : [`${indent}${n.name} {`, ...n.children.flatMap((c) => renderNode(c, indent + "  ")), `${indent}}`];
  out.push("domains {", ...v.roots.flatMap((r) => renderNode(r, "  ")), "}", "");
  for (const b of bodies) out.push(b, "");
  for (const d of delegations) out.push(d, "");
  for (const c of clauses) out.push(c, "");
  return out.join("\n");
}

/** Source text of a random, check-clean charter set: one constitution and 0–2 body charters. */
export function arbCharterSet(): fc.Arbitrary<{ sources: Source[] }> {
  return arbVocab.chain((v) =>
    fc
      .record({
        bodies: fc.tuple(...v.bodies.map((id) => arbBody(v, id))),
        clauses: fc.array(arbClause(v), { minLength: 3, maxLength: 20 }),
        charters: fc.uniqueArray(arbCharterDraft(v), { maxLength: 2, selector: (c) => c.owner }),
        constitutionAt: fc.nat({ max: 2 }),
      })
      .map(({ bodies, clauses, charters, constitutionAt }) => {
        const rendered = charters.map((c) => renderCharter(c, v));
        const constitution: Source = {
          file: "constitution.charter",
          text: renderConstitution(
            v,
            bodies,
            clauses,
            rendered.map((r) => r.delegation),
          ),
        };
        const sources = rendered.map((r) => r.source);
        sources.splice(Math.min(constitutionAt, sources.length), 0, constitution);
        return { sources };
      }),
  );
}

// ---------------------------------------------------------------- deployments

type FactValue = Deployment["facts"][string];

/** A random complete deployment of `set`: a declared domain, every fact, a date near the clause dates. */
export function arbDeployment(set: CheckedSet): fc.Arbitrary<Deployment> {
  const domains = [...set.domains.keys()];
  if (domains.length === 0) throw new Error("arbDeployment: the set declares no domains");
  const facts: Record<string, fc.Arbitrary<FactValue>> = {};
  for (const [name, info] of set.facts) {
    const t = info.type;
    switch (t.kind) {
      case "bool":
        facts[name] = fc.boolean();
        break;
      case "number":
        facts[name] = fc.constantFrom(...NUMBER_VALUES);
        break;
      case "int":
        facts[name] =
          t.min !== undefined && t.max !== undefined ? fc.integer({ min: t.min, max: t.max }) : fc.constantFrom(-7, -1, 0, 1, 2, 4, 5);
        break;
      case "enum":
        facts[name] = fc.constantFrom(...t.values);
        break;
      case "set":
        facts[name] = fc.shuffledSubarray(t.values);
        break;
    }
  }
  return fc
    .record({
      name: fc.option(fc.constantFrom("dep-a", "dep-b"), { nil: undefined }),
      domain: fc.constantFrom(...domains),
      at: fc.constantFrom(...DEPLOYMENT_DATES),
      facts: fc.record(facts),
    })
    .map(({ name, domain, at, facts }): Deployment => (name === undefined ? { domain, at, facts } : { name, domain, at, facts }));
}

/** Parse and check in memory; throws with the rendered diagnostics unless the set is clean (no diagnostics at all). */
export function checkedSet(sources: Source[]): CheckedSet {
  const r = checkSources(sources);
  if (!r.set || r.diagnostics.length > 0) {
    const maps = lineMaps(sources);
    const shown = r.diagnostics.map((d) => renderDiagnostic(d, maps)).join("\n");
    const texts = sources.map((s) => `--- ${s.file}\n${s.text}`).join("\n");
    throw new Error(`charter set is not clean:\n${shown || "(no checked set)"}\n${texts}`);
  }
  return r.set;
}
