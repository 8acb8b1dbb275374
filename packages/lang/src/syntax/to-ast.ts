// CST → AST: one action per grammar case; every node gets a span from the line map.
import { createRequire } from "node:module";
import type { MatchResult, Node } from "ohm-js";
import type { CharterActionDict, CharterGrammar, CharterSemantics } from "./charter.ohm-bundle.js";
import type { Span } from "../ast/span.js";
import { LineMap } from "../ast/span.js";
import type { Cond, DateLit, Literal, Name, Pattern, Subject, CmpOp } from "../ast/exprs.js";
import type { BodyProp, DomainNode, FactDecl, FactType } from "../ast/decls.js";
import type { Binding, Expectation, Grant, Requirement, TailPart, Verdict } from "../ast/clauses.js";
import type { CharterFile, Header, Item } from "../ast/file.js";

// ohm semantics are not re-entrant by argument, so the line map of the file being converted is module state.
let lines: LineMap;

// A node ends where its last token ends: an empty trailing child (an absent `Tail`) sits after the
// skipped whitespace, and counting it would stretch the span over blank lines and comments.
function endOf(n: Node): number {
  if (n.isTerminal() || n.source.startIdx === n.source.endIdx) return n.source.endIdx;
  for (let i = n.children.length - 1; i >= 0; i--) {
    const c = n.children[i]!;
    if (c.source.endIdx > c.source.startIdx) return endOf(c);
  }
  return n.source.endIdx;
}
const span = (n: Node): Span => lines.span(n.source.startIdx, endOf(n));
// `ast` is the operation defined below; ohm exposes operations as untyped node members.
const ast = <T>(n: Node): T => n["ast"]() as T;
const opt = <T>(n: Node): T | undefined => (n.children.length > 0 ? ast<T>(n.children[0]!) : undefined);
const list = <T>(n: Node): T[] => n.asIteration().children.map((c) => ast<T>(c));
const name = (n: Node): Name => ({ name: n.sourceString, span: span(n) });

function unescape(raw: string): string {
  return raw.slice(1, -1).replace(/\\(["\\n])/g, (_, c: string) => (c === "n" ? "\n" : c));
}

/** `a or b or c` is left-recursive in the grammar; flatten it, but keep a parenthesised group as one item. */
function chain(left: Node, caseName: string): Cond[] {
  const l = ast<Cond>(left);
  return left.children[0]?.ctorName === caseName && (l.kind === "or" || l.kind === "and") ? l.items : [l];
}

function clauseParts(patterns: Node | Pattern[], when: Node | undefined, tail: Node) {
  const w = when && when.children.length > 0 ? ast<Cond>(when.children[0]!) : undefined;
  const base = { patterns: Array.isArray(patterns) ? patterns : ast<Pattern[]>(patterns), tail: ast<TailPart[]>(tail) };
  return w ? { ...base, when: w } : base;
}

const actions: CharterActionDict<unknown> = {
  File(header, items): CharterFile {
    return { file: lines.file, header: ast<Header>(header), items: items.children.map((c) => ast<Item>(c)), span: span(this) };
  },
  Header_constitution(_kw, title): Header {
    return { kind: "constitution", title: ast<string>(title), span: span(this) };
  },
  Header_charter(_kw, title, _by, body): Header {
    return { kind: "charter", title: ast<string>(title), by: name(body), span: span(this) };
  },
  Layers(_kw, _o, layers, _c) {
    return { kind: "layers", layers: layers.asIteration().children.map(name), span: span(this) };
  },
  EnumDecl(_kw, id, _o, values, _c) {
    return { kind: "enum", name: name(id), values: values.asIteration().children.map(name), span: span(this) };
  },
  Facts(_kw, _o, facts, _c) {
    return { kind: "facts", facts: facts.children.map((c) => ast<FactDecl>(c)), span: span(this) };
  },
  FactDecl(id, _colon, type): FactDecl {
    return { name: name(id), type: ast<FactType>(type), span: span(this) };
  },
  Type_bool(_kw): FactType {
    return { kind: "bool", span: span(this) };
  },
  Type_number(_kw): FactType {
    return { kind: "number", span: span(this) };
  },
  Type_int(_kw, range): FactType {
    const r = opt<[number, number]>(range);
    return r ? { kind: "int", min: r[0], max: r[1], span: span(this) } : { kind: "int", span: span(this) };
  },
  IntRange(lo, _dots, hi) {
    return [Number(lo.sourceString), Number(hi.sourceString)];
  },
  Type_inline(_kw, _o, values, _c): FactType {
    return { kind: "inline-enum", values: values.asIteration().children.map(name), span: span(this) };
  },
  Type_set(_set, _of, id): FactType {
    return { kind: "set", of: name(id), span: span(this) };
  },
  Type_named(id): FactType {
    return { kind: "named", name: name(id), span: span(this) };
  },
  Domains(_kw, _o, roots, _c) {
    return { kind: "domains", roots: roots.children.map((c) => ast<DomainNode>(c)), span: span(this) };
  },
  DomainNode(id, children, _comma): DomainNode {
    const kids = opt<DomainNode[]>(children);
    // The node's span ends at its name or closing brace, not at a trailing comma.
    const end = children.children.length > 0 ? children.source.endIdx : id.source.endIdx;
    return { name: name(id), children: kids ?? [], braces: kids !== undefined, span: lines.span(this.source.startIdx, end) };
  },
  DomainChildren(_o, nodes, _c) {
    return nodes.children.map((c) => ast<DomainNode>(c));
  },
  Body(_kw, id, display, _o, props, _c) {
    const d = opt<string>(display);
    const base = { kind: "body", id: name(id), props: props.children.map((c) => ast<BodyProp>(c)), span: span(this) };
    return d === undefined ? base : { ...base, displayName: d };
  },
  BodyProp_layer(_kw, id): BodyProp {
    return { kind: "layer", layer: name(id), span: span(this) };
  },
  BodyProp_covers(_kw, cond): BodyProp {
    return { kind: "covers", cond: ast<Cond>(cond), span: span(this) };
  },
  BodyProp_competence(_kw, patterns): BodyProp {
    return { kind: "competence", patterns: ast<Pattern[]>(patterns), span: span(this) };
  },
  Delegate(kw, patterns, when, _to, body, tail) {
    return { kind: "delegate", ...clauseParts(patterns, when, tail), to: name(body), span: span(this), keywordSpan: span(kw) };
  },
  Govern(kw, patterns, when, grants, tail) {
    return {
      kind: "govern",
      ...clauseParts(patterns, when, tail),
      grants: grants.children.map((c) => ast<Grant>(c)),
      span: span(this),
      keywordSpan: span(kw),
    };
  },
  Grant_approve(_kw, bodies): Grant {
    return { role: "approve", bodies: ast<Name[]>(bodies), span: span(this) };
  },
  Grant_notify(_kw, bodies): Grant {
    return { role: "notify", bodies: ast<Name[]>(bodies), span: span(this) };
  },
  Escalate(kw, patterns, when, _to, target, role, tail) {
    const r = role.children.length > 0 ? (role.sourceString as "approve" | "notify") : undefined;
    const base = { kind: "escalate", ...clauseParts(patterns, undefined, tail), when: ast<Cond>(when), to: name(target), span: span(this), keywordSpan: span(kw) };
    return r ? { ...base, role: r } : base;
  },
  Prohibit(kw, patterns, when, tail) {
    return { kind: "prohibit", ...clauseParts(patterns, when, tail), span: span(this), keywordSpan: span(kw) };
  },
  Exempt(kw, patterns, when, tail) {
    return { kind: "exempt", ...clauseParts(patterns, when, tail), span: span(this), keywordSpan: span(kw) };
  },
  Joint(kw, bodies, _on, patterns, when, tail) {
    return { kind: "joint", bodies: ast<Name[]>(bodies), ...clauseParts(patterns, when, tail), span: span(this), keywordSpan: span(kw) };
  },
  Precedence(kw, winner, _over, loser, _on, patterns, when, tail) {
    return {
      kind: "precedence",
      winner: name(winner),
      loser: name(loser),
      ...clauseParts(patterns, when, tail),
      span: span(this),
      keywordSpan: span(kw),
    };
  },
  Guardrail(kw, title, _req, requirement, on, when, tail) {
    const scope = opt<Pattern[]>(on);
    const parts = clauseParts(scope ?? [{ kind: "all", span: span(kw) }], when, tail);
    return {
      kind: "guardrail",
      name: ast<string>(title),
      nameSpan: span(title),
      require: ast<Requirement>(requirement),
      ...parts,
      explicitScope: scope !== undefined,
      span: span(this),
      keywordSpan: span(kw),
    };
  },
  Requirement_layers(n, _kw): Requirement {
    return { kind: "layers", count: Number(n.sourceString), span: span(this) };
  },
  Requirement_approvers(n, _kw): Requirement {
    return { kind: "approvers", count: Number(n.sourceString), span: span(this) };
  },
  Requirement_layer(_kw, id): Requirement {
    return { kind: "layer", layer: name(id), span: span(this) };
  },
  Requirement_competence(_kw): Requirement {
    return { kind: "competence", span: span(this) };
  },
  On(_kw, patterns) {
    return ast<Pattern[]>(patterns);
  },
  When(_kw, cond) {
    return ast<Cond>(cond);
  },
  Tail(parts) {
    return parts.children.map((c) => ast<TailPart>(c));
  },
  TailPart_effective(_kw, date): TailPart {
    return { kind: "effective", date: ast<DateLit>(date), span: span(this) };
  },
  TailPart_until(_kw, date): TailPart {
    return { kind: "until", date: ast<DateLit>(date), span: span(this) };
  },
  TailPart_because(_kw, text): TailPart {
    return { kind: "because", text: ast<string>(text), span: span(this) };
  },
  Bodies(list) {
    return list.asIteration().children.map(name);
  },
  Patterns(list) {
    return list.asIteration().children.map((c) => ast<Pattern>(c));
  },
  Example(kw, title, _o, deploy, at, expects, _c) {
    const d = ast<{ domain: Name & { path: string[] }; bindings: Binding[] }>(deploy);
    const a = opt<DateLit>(at);
    const base = {
      kind: "example",
      name: ast<string>(title),
      domain: d.domain,
      bindings: d.bindings,
      expects: expects.children.map((c) => ast<Expectation>(c)),
      span: span(this),
      keywordSpan: span(kw),
    };
    return a ? { ...base, at: a } : base;
  },
  Deploy(_kw, path, withList) {
    const p = path.sourceString;
    return { domain: { name: p, path: p.split("."), span: span(path) }, bindings: opt<Binding[]>(withList) ?? [] };
  },
  With(_kw, bindings) {
    return list<Binding>(bindings);
  },
  Binding(fact, _eq, value): Binding {
    return { fact: name(fact), value: ast<Binding["value"]>(value), span: span(this) };
  },
  Value_set(_o, values, _c) {
    return { kind: "set", values: values.asIteration().children.map(name), span: span(this) };
  },
  At(_kw, date) {
    return ast<DateLit>(date);
  },
  Expect(_kw, e) {
    return ast<Expectation>(e);
  },
  Expectation_verdict(_kw, v): Expectation {
    return { kind: "verdict", verdict: v.sourceString as Verdict, span: span(this) };
  },
  Expectation_approve(_kw, bodies): Expectation {
    return { kind: "approve", bodies: ast<Name[]>(bodies), span: span(this) };
  },
  Expectation_notify(_kw, bodies): Expectation {
    return { kind: "notify", bodies: ast<Name[]>(bodies), span: span(this) };
  },
  Expectation_escalation(_kw, _to, layer): Expectation {
    return { kind: "escalation", layer: name(layer), span: span(this) };
  },
  ExpectBodies_none(_kw) {
    return [];
  },
  ExpectBodies_some(bodies) {
    return ast<Name[]>(bodies);
  },
  Cond_or(left, _kw, right): Cond {
    return { kind: "or", items: [...chain(left, "Cond_or"), ast<Cond>(right)], span: span(this) };
  },
  AndCond_and(left, _kw, right): Cond {
    return { kind: "and", items: [...chain(left, "AndCond_and"), ast<Cond>(right)], span: span(this) };
  },
  NotCond_not(_kw, inner): Cond {
    return { kind: "not", item: ast<Cond>(inner), span: span(this) };
  },
  Atom_paren(_o, cond, _c) {
    return ast<Cond>(cond);
  },
  Atom_notIn(subject, _not, _in, _o, values, _c): Cond {
    return { kind: "in", subject: ast<Subject>(subject), negated: true, values: list<Literal>(values), span: span(this) };
  },
  Atom_in(subject, _in, _o, values, _c): Cond {
    return { kind: "in", subject: ast<Subject>(subject), negated: false, values: list<Literal>(values), span: span(this) };
  },
  Atom_contains(subject, _kw, value): Cond {
    return { kind: "contains", subject: ast<Subject>(subject), value: ast<Literal>(value), span: span(this) };
  },
  Atom_cmp(subject, op, value): Cond {
    return { kind: "cmp", subject: ast<Subject>(subject), op: op.sourceString as CmpOp, value: ast<Literal>(value), span: span(this) };
  },
  Atom_bare(subject): Cond {
    return { kind: "bare", subject: ast<Subject>(subject), span: span(this) };
  },
  Subject_count(_kw, _o, id, _c): Subject {
    return { kind: "count", name: id.sourceString, nameSpan: span(id), span: span(this) };
  },
  Subject_fact(id): Subject {
    return { kind: "fact", name: id.sourceString, nameSpan: span(id), span: span(this) };
  },
  Literal_number(n): Literal {
    return { kind: "number", value: Number(n.sourceString), text: n.sourceString, span: span(this) };
  },
  Literal_true(_kw): Literal {
    return { kind: "bool", value: true, span: span(this) };
  },
  Literal_false(_kw): Literal {
    return { kind: "bool", value: false, span: span(this) };
  },
  Literal_string(s): Literal {
    return { kind: "string", value: ast<string>(s), span: span(this) };
  },
  Literal_ident(id): Literal {
    return { kind: "ident", name: id.sourceString, span: span(this) };
  },
  pattern_all(_star): Pattern {
    return { kind: "all", span: span(this) };
  },
  pattern_subtree(path, _star): Pattern {
    return { kind: "subtree", path: path.sourceString.split("."), span: span(this) };
  },
  pattern_exact(path): Pattern {
    return { kind: "exact", path: path.sourceString.split("."), span: span(this) };
  },
  date(_y1, _y2, _y3, _y4, _d1, _m1, _m2, _d2, _a, _b): DateLit {
    return { text: this.sourceString, span: span(this) };
  },
  string(_o, _chars, _c) {
    return unescape(this.sourceString);
  },
};

// Loaded on first use: well-formed files never reach ohm (see fast-parse.ts), so the CLI skips loading it.
let loaded: { grammar: CharterGrammar; semantics: CharterSemantics } | undefined;

/** The ohm grammar (from the generated CommonJS bundle) and the AST semantics over it. */
export function ohmGrammar(): { grammar: CharterGrammar; semantics: CharterSemantics } {
  if (!loaded) {
    const grammar = createRequire(import.meta.url)("./charter.ohm-bundle.cjs") as CharterGrammar;
    loaded = { grammar, semantics: grammar.createSemantics().addOperation<unknown>("ast", actions) };
  }
  return loaded;
}

/** Convert a successful match of `text` (from `file`) to its AST. */
export function toAst(match: MatchResult, file: string, text: string): CharterFile {
  lines = new LineMap(file, text);
  return ohmGrammar().semantics(match)["ast"]() as CharterFile;
}
