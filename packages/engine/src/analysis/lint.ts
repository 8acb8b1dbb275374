// `charter lint`: check diagnostics plus every analysis rule, levels from the config, sorted stably.
import { compareDiagnostics, diagnostic, messages, type CheckedSet, type Diagnostic } from "@charter/lang";
import { compile, type CompiledSet } from "../ir/compile.js";
import type { Deployment } from "../query/answer.js";
import { AnalysisContext } from "./context.js";
import { rules } from "./registry.js";
import type { Level, Rule } from "./rule.js";

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

/** Run every enabled rule on a clean checked set. */
export function analyse(set: CheckedSet, opts: LintOptions = {}, compiled: CompiledSet = compile(set)): Finding[] {
  const ctx = new AnalysisContext(set, compiled);
  const out: Finding[] = [];
  for (const rule of rules) {
    const level = levelOf(rule, opts);
    if (level === "off") continue;
    for (const raw of rule.run(ctx)) {
      const d = diagnostic(rule.meta.code, raw.span, raw.args, raw.related ?? []);
      const f: Finding = { ...d, severity: level, kind: rule.meta.kind };
      if (raw.region !== undefined) f.region = raw.region;
      if (raw.witness) f.witness = raw.witness;
      out.push(f);
    }
  }
  return out.sort(compareDiagnostics);
}
