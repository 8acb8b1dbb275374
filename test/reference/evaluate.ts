// A deliberately simple reference evaluator for language.md §5: no index, no precomputation.
// Every call walks every clause's AST. It exists to be obviously right, so that a differential
// property test can hunt for differences with the production engine.
import { condText, type CheckedSet, type Clause, type Cond, type Literal, type Pattern, type PlacedClause } from "../../packages/lang/src/index.js";
import type { Answer, BodyEntry, Deployment, EscalationEntry, Via } from "../../packages/engine/src/query/answer.js";

type Role = "approve" | "notify";
type FactValue = Deployment["facts"][string];

// ---------------------------------------------------------------- domains and dates

/** `*` matches everything; `a.b` only `a.b`; `a.b.*` matches `a.b` and every `a.b.…`. */
export function patternMatches(p: Pattern, domain: string): boolean {
  switch (p.kind) {
    case "all":
      return true;
    case "exact":
      return p.path.join(".") === domain;
    case "subtree": {
      const root = p.path.join(".");
      return domain === root || domain.startsWith(root + ".");
    }
  }
}

function tailDate(c: Clause, kind: "effective" | "until"): string | undefined {
  for (const t of c.tail) if (t.kind === kind) return t.date.text;
  return undefined;
}

function because(c: Clause): string | undefined {
  for (const t of c.tail) if (t.kind === "because") return t.text;
  return undefined;
}

/** The date lies in [effective, until): ISO dates compare as strings. */
export function inEffect(c: Clause, at: string): boolean {
  const eff = tailDate(c, "effective");
  const until = tailDate(c, "until");
  if (eff !== undefined && at < eff) return false;
  if (until !== undefined && at >= until) return false;
  return true;
}

// ---------------------------------------------------------------- conditions

function fact(d: Deployment, name: string): FactValue {
  if (!Object.prototype.hasOwnProperty.call(d.facts, name)) throw new Error(`reference: deployment lacks fact \`${name}\``);
  return d.facts[name]!;
}

function asArray(v: FactValue, name: string): string[] {
  if (!Array.isArray(v)) throw new Error(`reference: fact \`${name}\` is not a set`);
  return v;
}

/** A literal compared with a scalar fact value: numbers, bools, enum idents. */
function literalValue(l: Literal): number | boolean | string {
  switch (l.kind) {
    case "number":
      return l.value;
    case "bool":
      return l.value;
    case "ident":
      return l.name;
    case "string":
      // The checker rejects strings in conditions; a string never equals any fact value.
      return `\u0000string:${l.value}`;
  }
}

function order(op: "<" | "<=" | ">" | ">=", a: number, b: number): boolean {
  switch (op) {
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
  }
}

function compare(op: "==" | "!=" | "<" | "<=" | ">" | ">=", a: number | boolean | string, b: number | boolean | string): boolean {
  if (op === "==") return a === b;
  if (op === "!=") return a !== b;
  if (typeof a !== "number" || typeof b !== "number") throw new Error(`reference: \`${op}\` on non-numbers`);
  return order(op, a, b);
}

export function holds(c: Cond, d: Deployment): boolean {
  switch (c.kind) {
    case "and":
      return c.items.every((i) => holds(i, d));
    case "or":
      return c.items.some((i) => holds(i, d));
    case "not":
      return !holds(c.item, d);
    case "bare": {
      const v = fact(d, c.subject.name);
      if (typeof v !== "boolean") throw new Error(`reference: bare fact \`${c.subject.name}\` is not bool`);
      return v;
    }
    case "cmp": {
      const v = fact(d, c.subject.name);
      if (c.subject.kind === "count") return compare(c.op, new Set(asArray(v, c.subject.name)).size, literalValue(c.value));
      if (Array.isArray(v)) throw new Error(`reference: comparison on set fact \`${c.subject.name}\``);
      return compare(c.op, v, literalValue(c.value));
    }
    case "in": {
      const v = fact(d, c.subject.name);
      if (typeof v !== "string") throw new Error(`reference: \`in\` on non-enum fact \`${c.subject.name}\``);
      const found = c.values.some((l) => literalValue(l) === v);
      return c.negated ? !found : found;
    }
    case "contains": {
      const v = asArray(fact(d, c.subject.name), c.subject.name);
      return v.includes(String(literalValue(c.value)));
    }
  }
}

/** A clause applies: some pattern matches, its condition holds, the date is in [effective, until). */
export function applies(c: Clause, d: Deployment): boolean {
  return c.patterns.some((p) => patternMatches(p, d.domain)) && (c.when === undefined || holds(c.when, d)) && inEffect(c, d.at);
}

// ---------------------------------------------------------------- answer

export function viaOf(pc: PlacedClause): Via {
  const via: Via = { clause: pc.clause.kind, file: pc.file, line: pc.clause.keywordSpan.line, column: pc.clause.keywordSpan.column };
  const b = because(pc.clause);
  if (b !== undefined) via.because = b;
  return via;
}

interface GrantRec {
  body: string;
  role: Role;
  /** Index into set.clauses of the clause behind it. */
  index: number;
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function evaluate(set: CheckedSet, d: Deployment): Answer {
  const base = { deployment: d.name ?? null, domain: d.domain, at: d.at };
  const applicable: { pc: PlacedClause; index: number }[] = [];
  set.clauses.forEach((pc, index) => {
    if (pc.clause.kind === "delegate" || pc.clause.kind === "guardrail") return;
    if (applies(pc.clause, d)) applicable.push({ pc, index });
  });

  const prohibits = applicable.filter((a) => a.pc.clause.kind === "prohibit");
  if (prohibits.length > 0) {
    return { ...base, verdict: "prohibited", approve: [], notify: [], escalations: [], reasons: prohibits.map((a) => viaOf(a.pc)) };
  }
  const exempts = applicable.filter((a) => a.pc.clause.kind === "exempt");
  if (exempts.length > 0) {
    return { ...base, verdict: "exempt", approve: [], notify: [], escalations: [], reasons: exempts.map((a) => viaOf(a.pc)) };
  }

  // Govern grants.
  const governed: GrantRec[] = [];
  for (const { pc, index } of applicable) {
    const c = pc.clause;
    if (c.kind !== "govern") continue;
    for (const g of c.grants) for (const b of g.bodies) governed.push({ body: b.name, role: g.role, index });
  }

  // Precedence, judged against the govern grants before anything is dropped.
  const dropped = new Set<string>(); // `${role}:${body}`
  for (const { pc } of applicable) {
    const c = pc.clause;
    if (c.kind !== "precedence") continue;
    for (const role of ["approve", "notify"] as const) {
      const has = (body: string) => governed.some((g) => g.role === role && g.body === body);
      if (has(c.winner.name) && has(c.loser.name)) dropped.add(`${role}:${c.loser.name}`);
    }
  }
  const grants: GrantRec[] = governed.filter((g) => !dropped.has(`${g.role}:${g.body}`));

  // Escalations: added, never dropped.
  const escalations: EscalationEntry[] = [];
  for (const { pc, index } of applicable) {
    const c = pc.clause;
    if (c.kind !== "escalate") continue;
    const role: Role = c.role ?? "approve";
    const toLayer = set.layers.some((l) => l.name === c.to.name);
    let receivers: string[];
    if (toLayer) {
      receivers = [];
      for (const b of set.bodies.values()) {
        if (b.layer === c.to.name && (b.covers === undefined || holds(b.covers, d))) receivers.push(b.id);
      }
    } else {
      receivers = [c.to.name];
    }
    receivers.sort(byId);
    for (const r of receivers) grants.push({ body: r, role, index });
    escalations.push({ to: c.to.name, bodies: receivers, role, trigger: c.when ? condText(c.when) : "", via: viaOf(pc) });
  }

  const entries = (role: Role): BodyEntry[] => {
    const bodies = [...new Set(grants.filter((g) => g.role === role).map((g) => g.body))].sort(byId);
    return bodies.map((id) => {
      const info = set.bodies.get(id);
      if (!info) throw new Error(`reference: unknown body \`${id}\``);
      const indices = [...new Set(grants.filter((g) => g.role === role && g.body === id).map((g) => g.index))].sort((a, b) => a - b);
      return {
        body: id,
        name: info.displayName,
        layer: info.layer ?? "",
        via: indices.map((i) => viaOf(set.clauses[i]!)),
      };
    });
  };
  const approve = entries("approve");
  const notify = entries("notify");
  const verdict = approve.length > 0 ? "approval-required" : notify.length > 0 ? "notice-only" : "ungoverned";
  return { ...base, verdict, approve, notify, escalations, reasons: [] };
}
