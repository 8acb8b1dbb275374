import type { Span } from "./span.js";
import type { Cond, DateLit, Literal, Name, Pattern } from "./exprs.js";

/** The optional tail every clause takes, in any order in the source. */
export type TailPart =
  | { kind: "effective"; date: DateLit; span: Span }
  | { kind: "until"; date: DateLit; span: Span }
  | { kind: "because"; text: string; span: Span };

interface ClauseBase {
  patterns: Pattern[];
  when?: Cond;
  tail: TailPart[];
  span: Span;
  /** Span of the leading keyword: where diagnostics about the whole clause point. */
  keywordSpan: Span;
}

export interface Grant {
  role: "approve" | "notify";
  bodies: Name[];
  span: Span;
}

export interface DelegateClause extends ClauseBase {
  kind: "delegate";
  to: Name;
}
export interface GovernClause extends ClauseBase {
  kind: "govern";
  grants: Grant[];
}
export interface EscalateClause extends ClauseBase {
  kind: "escalate";
  to: Name;
  role?: "approve" | "notify";
}
export interface ProhibitClause extends ClauseBase {
  kind: "prohibit";
}
export interface ExemptClause extends ClauseBase {
  kind: "exempt";
}
export interface JointClause extends ClauseBase {
  kind: "joint";
  bodies: Name[];
}
export interface PrecedenceClause extends ClauseBase {
  kind: "precedence";
  winner: Name;
  loser: Name;
}

export type Requirement =
  | { kind: "layers"; count: number; span: Span }
  | { kind: "approvers"; count: number; span: Span }
  | { kind: "layer"; layer: Name; span: Span }
  | { kind: "competence"; span: Span };

export interface GuardrailClause extends ClauseBase {
  kind: "guardrail";
  name: string;
  nameSpan: Span;
  require: Requirement;
  /** False when the source had no `on`: the guardrail then covers every domain (patterns = [*]). */
  explicitScope: boolean;
}

export interface Binding {
  fact: Name;
  value: { kind: "set"; values: Name[]; span: Span } | Literal;
  span: Span;
}

export type Verdict = "prohibited" | "exempt" | "approval-required" | "notice-only" | "ungoverned";

export type Expectation =
  | { kind: "verdict"; verdict: Verdict; span: Span }
  | { kind: "approve" | "notify"; bodies: Name[]; span: Span }
  | { kind: "escalation"; layer: Name; span: Span };

export interface ExampleDecl {
  kind: "example";
  name: string;
  domain: Name & { path: string[] };
  bindings: Binding[];
  at?: DateLit;
  expects: Expectation[];
  span: Span;
  keywordSpan: Span;
}

export type Clause =
  | DelegateClause
  | GovernClause
  | EscalateClause
  | ProhibitClause
  | ExemptClause
  | JointClause
  | PrecedenceClause
  | GuardrailClause;
