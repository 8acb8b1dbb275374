// The answer to "who must approve this deployment": the stable JSON contract of language.md §7.

export type Verdict = "prohibited" | "exempt" | "approval-required" | "notice-only" | "ungoverned";
export type ClauseKind = "govern" | "escalate" | "prohibit" | "exempt" | "joint" | "precedence" | "delegate" | "guardrail";

/** Where an answer element came from: the clause, located in its file. */
export interface Via {
  clause: ClauseKind;
  file: string;
  line: number;
  column: number;
  /** Absent (undefined, omitted from JSON) when the clause gives no reason. */
  because?: string | undefined;
}

export interface BodyEntry {
  body: string;
  name: string;
  layer: string;
  /** Every clause that put the body here, in source order (constitution first, then charters by file). */
  via: Via[];
}

export interface EscalationEntry {
  /** The layer or body named after `to`. */
  to: string;
  /** Bodies it added (for a layer: those whose `covers` holds), sorted by id; empty when nobody receives it. */
  bodies: string[];
  role: "approve" | "notify";
  /** The escalation's `when` condition in charter syntax: what triggered it. */
  trigger: string;
  via: Via;
}

export interface Answer {
  deployment: string | null;
  domain: string;
  at: string;
  verdict: Verdict;
  /** Sorted by body id. Empty when the verdict is prohibited or exempt. */
  approve: BodyEntry[];
  notify: BodyEntry[];
  /** Applicable escalations in source order. Empty when prohibited or exempt. */
  escalations: EscalationEntry[];
  /** The prohibiting clauses (verdict prohibited) or exempting clauses (verdict exempt), in source order. */
  reasons: Via[];
}

/** A deployment after validation: facts by name; set facts as arrays of enum values. */
export interface Deployment {
  name?: string;
  domain: string;
  /** ISO date YYYY-MM-DD. */
  at: string;
  facts: Record<string, boolean | number | string | string[]>;
}
