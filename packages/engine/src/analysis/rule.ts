// The shape of a lint rule: metadata as data (code, name, level, docs), detection as a function.
import type { Code, Related, Severity, Span } from "@charter/lang";
import type { Deployment } from "../query/answer.js";
import type { AnalysisContext } from "./context.js";
import type { Region } from "../space/box.js";

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

/**
 * A whole-set rule. Rules about what happens to each deployment can instead give `perClass`: the
 * regions they look for, computed in each domain class separately (AnalysisContext.eachClass()), then
 * unioned per key and reported once against the whole set.
 */
export interface Rule {
  meta: RuleMeta;
  run?(ctx: AnalysisContext): RawFinding[];
  perClass?: {
    regions(ctx: AnalysisContext): Map<string, Region>;
    report(ctx: AnalysisContext, key: string, region: Region): RawFinding[];
  };
}
