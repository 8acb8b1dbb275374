import type { Span } from "./span.js";

/** A literal value in a condition or an example binding. */
export type Literal =
  | { kind: "number"; value: number; text: string; span: Span }
  | { kind: "bool"; value: boolean; span: Span }
  | { kind: "string"; value: string; span: Span }
  | { kind: "ident"; name: string; span: Span };

/** What a comparison talks about: a fact, or the size of a set-valued fact. */
export interface Subject {
  kind: "fact" | "count";
  name: string;
  /** Span of the fact name itself (for `count(x)`, of `x`). */
  nameSpan: Span;
  span: Span;
}

export type CmpOp = "==" | "!=" | "<" | "<=" | ">" | ">=";

/** Conditions: `and`/`or` chains are n-ary as written; parentheses survive as nesting. */
export type Cond =
  | { kind: "or"; items: Cond[]; span: Span }
  | { kind: "and"; items: Cond[]; span: Span }
  | { kind: "not"; item: Cond; span: Span }
  | { kind: "cmp"; subject: Subject; op: CmpOp; value: Literal; span: Span }
  | { kind: "in"; subject: Subject; negated: boolean; values: Literal[]; span: Span }
  | { kind: "contains"; subject: Subject; value: Literal; span: Span }
  | { kind: "bare"; subject: Subject; span: Span };

/** A domain pattern: `*`, `a.b` or `a.b.*`. */
export type Pattern =
  | { kind: "all"; span: Span }
  | { kind: "exact"; path: string[]; span: Span }
  | { kind: "subtree"; path: string[]; span: Span };

/** An identifier with its span. */
export interface Name {
  name: string;
  span: Span;
}

/** An ISO date literal; `valid` is false for impossible dates like 2026-02-30 (the checker reports them). */
export interface DateLit {
  text: string;
  span: Span;
}
