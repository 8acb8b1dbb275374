// `charter lint`: check diagnostics plus every analysis rule, levels from the config, sorted stably.
import { compareDiagnostics, diagnostic, messages, type CheckedSet, type Diagnostic } from "@charter/lang";
import { compile, type CompiledSet } from "../ir/compile.js";
import type { Deployment } from "../query/answer.js";
import { AnalysisContext } from "./context.js";
import { rules } from "./registry.js";
import type { Level, RawFinding, Rule } from "./rule.js";
import type { Region } from "../space/box.js";

/** A lint finding: a diagnostic, with the space it is about and a deployment that shows it. */
export interface Finding extends Diagnostic {
  kind: string;
  witness?: Deployment;
  region?: string;
}

export interface LintOptions {
  /** Level per rule code or name; `off` drops the rule. */
  levels?: Record<string, Level>;
}

export function levelOf(rule: Rule, opts: LintOptions): Level {
  return opts.levels?.[rule.meta.code] ?? opts.levels?.[rule.meta.name] ?? messages[rule.meta.code].severity;
}

/** Run a rule: directly, or class by class with the regions unioned per key (in first-seen order). */
export function runRule(rule: Rule, ctx: AnalysisContext, classes: () => AnalysisContext[]): RawFinding[] {
  if (rule.run) return rule.run(ctx);
  const per = rule.perClass!;
  const acc = new Map<string, Region>();
  for (const sub of classes()) {
    for (const [key, r] of per.regions(sub)) {
      if (!r.length) continue;
      const have = acc.get(key);
      if (have) have.push(...r);
      else acc.set(key, [...r]);
    }
  }
  return [...acc].flatMap(([key, r]) => per.report(ctx, key, r));
}

/** Run every enabled rule on a clean checked set; the set is compiled only if a rule queries it (examples). */
export function analyse(set: CheckedSet, opts: LintOptions = {}, compiled?: CompiledSet): Finding[] {
  const ctx = new AnalysisContext(set, compiled ?? (() => compile(set)));
  let classes: AnalysisContext[] | undefined;
  const lazyClasses = () => (classes ??= ctx.classes());
  const out: Finding[] = [];
  for (const rule of rules) {
    const level = levelOf(rule, opts);
    if (level === "off") continue;
    for (const raw of runRule(rule, ctx, lazyClasses)) {
      const d = diagnostic(rule.meta.code, raw.span, raw.args, raw.related ?? []);
      const f: Finding = { ...d, severity: level, kind: rule.meta.kind };
      if (raw.region !== undefined) f.region = raw.region;
      if (raw.witness) f.witness = raw.witness;
      out.push(f);
    }
  }
  return out.sort(compareDiagnostics);
}
