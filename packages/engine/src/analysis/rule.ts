// The shape of a lint rule: metadata as data (code, name, level, docs), detection as a function.
import type { Code, Related, Severity, Span } from "@charter/lang";
import type { Deployment } from "../query/answer.js";
import type { AnalysisContext } from "./context.js";

export type Level = Severity | "off";

export interface RuleMeta {
  code: Code;
  /** Stable kebab-case name; the docs page is docs/rules/<name>.md. */
  name: string;
  /** The `kind` of language.md §7. */
  kind: "gap" | "overlap" | "ultra-vires" | "jurisdiction" | "dead-clause" | "no-receiver" | "guardrail" | "example" | "unused";
  description: string;
}

/** What a rule detects; wording comes from the code table, rendering happens elsewhere. */
export interface RawFinding {
  span: Span;
  args: string[];
  related?: Related[];
  witness?: Deployment;
  /** The region in charter syntax, when the finding is about a part of the deployment space. */
  region?: string;
}

export interface Rule {
  meta: RuleMeta;
  run(ctx: AnalysisContext): RawFinding[];
}
