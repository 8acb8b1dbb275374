// fast-check arbitraries for random valid charter ASTs, shaped exactly as the parser builds them
// (to-ast.ts): optional keys absent rather than undefined, `and`/`or` with at least two items,
// a guardrail without `on` scoped to `[*]`, domain leaves with or without `{}`, tails and body
// properties in the formatter's canonical order. Spans are placeholders: comparisons strip them.
import fc from "fast-check";
import type {
  BodyDecl,
  BodyProp,
  Binding,
  CharterFile,
  Clause,
  Cond,
  DateLit,
  DomainNode,
  ExampleDecl,
  Expectation,
  FactDecl,
  FactType,
  Grant,
  Header,
  Item,
  Literal,
  Name,
  Pattern,
  Requirement,
  Span,
  Subject,
  TailPart,
  Verdict,
} from "../../src/ast/index.js";
import { KEYWORDS } from "../../src/syntax/keywords.js";

export const FILE = "random.charter";
const S: Span = { file: FILE, start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };

export const ident: fc.Arbitrary<string> = fc.stringMatching(/^[a-z_][a-z0-9_]{0,7}$/).filter((s) => !KEYWORDS.has(s));
const name: fc.Arbitrary<Name> = ident.map((n) => ({ name: n, span: S }));
const names = (min: number, max: number): fc.Arbitrary<Name[]> => fc.array(name, { minLength: min, maxLength: max });
const path = fc.array(ident, { minLength: 1, maxLength: 3 });

/** Strings with everything that needs escaping, and comment and brace look-alikes. */
export const str: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.constantFrom("a", "Z", " ", '"', "\\", "\n", "\t", "/", "*", "é", "{", "}", "\r"), maxLength: 12 }),
  fc.string({ maxLength: 12 }),
);

const date: fc.Arbitrary<DateLit> = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2999-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => ({ text: d.toISOString().slice(0, 10), span: S }));

const numberText = fc.stringMatching(/^-?[0-9]{1,3}(\.[0-9]{1,3})?([eE][+-]?[0-9]{1,2})?$/);
const literal: fc.Arbitrary<Literal> = fc.oneof(
  numberText.map((t): Literal => ({ kind: "number", value: Number(t), text: t, span: S })),
  fc.boolean().map((b): Literal => ({ kind: "bool", value: b, span: S })),
  str.map((s): Literal => ({ kind: "string", value: s, span: S })),
  ident.map((n): Literal => ({ kind: "ident", name: n, span: S })),
);

const pattern: fc.Arbitrary<Pattern> = fc.oneof(
  fc.constant<Pattern>({ kind: "all", span: S }),
  path.map((p): Pattern => ({ kind: "exact", path: p, span: S })),
  path.map((p): Pattern => ({ kind: "subtree", path: p, span: S })),
);
const patterns = fc.array(pattern, { minLength: 1, maxLength: 3 });

const subject: fc.Arbitrary<Subject> = fc
  .tuple(fc.constantFrom<Subject["kind"]>("fact", "count"), ident)
  .map(([kind, n]) => ({ kind, name: n, nameSpan: S, span: S }));

const atom: fc.Arbitrary<Cond> = fc.oneof(
  fc
    .tuple(subject, fc.constantFrom("==", "!=", "<", "<=", ">", ">=") as fc.Arbitrary<"==" | "!=" | "<" | "<=" | ">" | ">=">, literal)
    .map(([s, op, v]): Cond => ({ kind: "cmp", subject: s, op, value: v, span: S })),
  fc
    .tuple(subject, fc.boolean(), fc.array(literal, { maxLength: 3 }))
    .map(([s, negated, values]): Cond => ({ kind: "in", subject: s, negated, values, span: S })),
  fc.tuple(subject, literal).map(([s, v]): Cond => ({ kind: "contains", subject: s, value: v, span: S })),
  subject.map((s): Cond => ({ kind: "bare", subject: s, span: S })),
);

/** Conditions nested up to depth 3; at the limit only atoms (the first alternative) are drawn. */
export const cond: fc.Arbitrary<Cond> = fc.letrec<{ cond: Cond }>((tie) => ({
  cond: fc.oneof(
    { maxDepth: 3, depthIdentifier: "cond" },
    atom,
    fc.array(tie("cond"), { minLength: 2, maxLength: 3 }).map((items): Cond => ({ kind: "and", items, span: S })),
    fc.array(tie("cond"), { minLength: 2, maxLength: 3 }).map((items): Cond => ({ kind: "or", items, span: S })),
    tie("cond").map((item): Cond => ({ kind: "not", item, span: S })),
  ),
})).cond;

const optional = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

/** Tail parts (possibly repeated, as the grammar allows) in canonical order. */
const TAIL_RANK: Record<TailPart["kind"], number> = { effective: 0, until: 1, because: 2 };
const tail: fc.Arbitrary<TailPart[]> = fc
  .array(
    fc.oneof(
      date.map((d): TailPart => ({ kind: "effective", date: d, span: S })),
      date.map((d): TailPart => ({ kind: "until", date: d, span: S })),
      str.map((t): TailPart => ({ kind: "because", text: t, span: S })),
    ),
    { maxLength: 3 },
  )
  .map((ts) => ts.sort((a, b) => TAIL_RANK[a.kind] - TAIL_RANK[b.kind]));

/** Patterns, an optional `when` (absent, not undefined, as the parser leaves it) and a tail. */
function base(when: fc.Arbitrary<Cond | undefined> = optional(cond)) {
  return fc.record({ patterns, when, tail }).map(({ patterns: ps, when: w, tail: t }) => ({
    patterns: ps,
    ...(w ? { when: w } : {}),
    tail: t,
    span: S,
    keywordSpan: S,
  }));
}

const grant: fc.Arbitrary<Grant> = fc
  .tuple(fc.constantFrom<Grant["role"]>("approve", "notify"), names(1, 3))
  .map(([role, bodies]) => ({ role, bodies, span: S }));

const requirement: fc.Arbitrary<Requirement> = fc.oneof(
  fc.integer({ min: -3, max: 50 }).map((count): Requirement => ({ kind: "layers", count, span: S })),
  fc.integer({ min: -3, max: 50 }).map((count): Requirement => ({ kind: "approvers", count, span: S })),
  name.map((layer): Requirement => ({ kind: "layer", layer, span: S })),
  fc.constant<Requirement>({ kind: "competence", span: S }),
);

const clause: fc.Arbitrary<Clause> = fc.oneof(
  fc.tuple(base(), name).map(([b, to]): Clause => ({ kind: "delegate", ...b, to })),
  fc.tuple(base(), fc.array(grant, { minLength: 1, maxLength: 3 })).map(([b, grants]): Clause => ({ kind: "govern", ...b, grants })),
  fc
    .tuple(base(cond), name, optional(fc.constantFrom<"approve" | "notify">("approve", "notify")))
    .map(([b, to, role]): Clause => ({ kind: "escalate", ...b, to, ...(role ? { role } : {}) })),
  base().map((b): Clause => ({ kind: "prohibit", ...b })),
  base().map((b): Clause => ({ kind: "exempt", ...b })),
  fc.tuple(base(), names(1, 3)).map(([b, bodies]): Clause => ({ kind: "joint", ...b, bodies })),
  fc.tuple(base(), name, name).map(([b, winner, loser]): Clause => ({ kind: "precedence", ...b, winner, loser })),
  fc.tuple(base(), str, requirement, fc.boolean()).map(
    ([b, n, require, explicitScope]): Clause => ({
      kind: "guardrail",
      ...b,
      // Without `on` the parser scopes a guardrail to every domain.
      patterns: explicitScope ? b.patterns : [{ kind: "all", span: S }],
      name: n,
      nameSpan: S,
      require,
      explicitScope,
    }),
  ),
);

const factType: fc.Arbitrary<FactType> = fc.oneof(
  fc.constant<FactType>({ kind: "bool", span: S }),
  fc.constant<FactType>({ kind: "number", span: S }),
  fc.constant<FactType>({ kind: "int", span: S }),
  fc
    .tuple(fc.integer({ min: -100, max: 100 }), fc.integer({ min: -100, max: 100 }))
    .map(([min, max]): FactType => ({ kind: "int", min, max, span: S })),
  names(1, 3).map((values): FactType => ({ kind: "inline-enum", values, span: S })),
  name.map((of): FactType => ({ kind: "set", of, span: S })),
  name.map((n): FactType => ({ kind: "named", name: n, span: S })),
);
const fact: fc.Arbitrary<FactDecl> = fc.tuple(name, factType).map(([n, type]) => ({ name: n, type, span: S }));

const domainNode: fc.Arbitrary<DomainNode> = fc.letrec<{ node: DomainNode }>((tie) => ({
  node: fc
    .tuple(name, fc.oneof({ maxDepth: 3, depthIdentifier: "domain" }, fc.constant(0).map((): DomainNode[] => []), fc.array(tie("node"), { minLength: 1, maxLength: 3 })), fc.boolean())
    .map(([n, children, braces]) => ({ name: n, children, braces: children.length > 0 || braces, span: S })),
})).node;

const PROP_RANK: Record<BodyProp["kind"], number> = { layer: 0, covers: 1, competence: 2 };
const bodyProp: fc.Arbitrary<BodyProp> = fc.oneof(
  name.map((layer): BodyProp => ({ kind: "layer", layer, span: S })),
  cond.map((c): BodyProp => ({ kind: "covers", cond: c, span: S })),
  patterns.map((ps): BodyProp => ({ kind: "competence", patterns: ps, span: S })),
);
const body: fc.Arbitrary<BodyDecl> = fc.tuple(name, optional(str), fc.array(bodyProp, { maxLength: 3 })).map(([id, display, props]) => ({
  kind: "body",
  id,
  ...(display === undefined ? {} : { displayName: display }),
  props: props.sort((a, b) => PROP_RANK[a.kind] - PROP_RANK[b.kind]),
  span: S,
}));

const binding: fc.Arbitrary<Binding> = fc
  .tuple(name, fc.oneof(names(0, 3).map((values) => ({ kind: "set" as const, values, span: S })), literal))
  .map(([f, value]) => ({ fact: f, value, span: S }));

const verdicts: Verdict[] = ["prohibited", "exempt", "approval-required", "notice-only", "ungoverned"];
const expectation: fc.Arbitrary<Expectation> = fc.oneof(
  fc.constantFrom(...verdicts).map((verdict): Expectation => ({ kind: "verdict", verdict, span: S })),
  fc
    .tuple(fc.constantFrom<"approve" | "notify">("approve", "notify"), names(0, 3))
    .map(([kind, bodies]): Expectation => ({ kind, bodies, span: S })),
  name.map((layer): Expectation => ({ kind: "escalation", layer, span: S })),
);

const example: fc.Arbitrary<ExampleDecl> = fc
  .tuple(str, path, fc.array(binding, { maxLength: 10 }), optional(date), fc.array(expectation, { maxLength: 4 }))
  .map(([n, p, bindings, at, expects]) => ({
    kind: "example",
    name: n,
    domain: { name: p.join("."), path: p, span: S },
    bindings,
    ...(at ? { at } : {}),
    expects,
    span: S,
    keywordSpan: S,
  }));

export const item: fc.Arbitrary<Item> = fc.oneof(
  names(1, 4).map((layers): Item => ({ kind: "layers", layers, span: S })),
  fc.tuple(name, names(1, 4)).map(([n, values]): Item => ({ kind: "enum", name: n, values, span: S })),
  fc.array(fact, { maxLength: 4 }).map((facts): Item => ({ kind: "facts", facts, span: S })),
  fc.array(domainNode, { maxLength: 3 }).map((roots): Item => ({ kind: "domains", roots, span: S })),
  body,
  clause,
  example,
);

const header: fc.Arbitrary<Header> = fc.oneof(
  str.map((title): Header => ({ kind: "constitution", title, span: S })),
  fc.tuple(str, name).map(([title, by]): Header => ({ kind: "charter", title, by, span: S })),
);

export const charterFile: fc.Arbitrary<CharterFile> = fc
  .tuple(header, fc.array(item, { maxLength: 8 }))
  .map(([h, items]) => ({ file: FILE, header: h, items, span: S }));
