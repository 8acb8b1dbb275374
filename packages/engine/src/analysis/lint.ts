// `charter lint`: check diagnostics plus every analysis rule, levels from the config, sorted stably.
import { compareDiagnostics, diagnostic, messages, type CheckedSet, type Diagnostic, type Severity } from "@charter/lang";
import { compile, type CompiledSet } from "../ir/compile.js";
import type { Deployment } from "../query/answer.js";
import { AnalysisContext } from "./context.js";
import { rules } from "./registry.js";
import type { Level, Rule } from "./rule.js";
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

/** Add a class's regions to what a rule found so far, per key (keys in first-seen order). */
function accumulate(acc: Map<string, Region>, found: Map<string, Region>): void {
  // forEach, not for…of: no [key, value] pair allocated per entry, per class, per rule.
  found.forEach((r, key) => {
    if (!r.length) return;
    const have = acc.get(key);
    if (have) have.push(...r);
    else acc.set(key, [...r]);
  });
}

/** Run every enabled rule on a clean checked set; the set is compiled only if a rule queries it (examples). */
export function analyse(set: CheckedSet, opts: LintOptions = {}, compiled?: CompiledSet): Finding[] {
  const ctx = new AnalysisContext(set, compiled ?? (() => compile(set)));
  const enabled: { rule: Rule; level: Severity }[] = [];
  for (const rule of rules) {
    const level = levelOf(rule, opts);
    if (level !== "off") enabled.push({ rule, level });
  }
  // Per-class rules run together, class by class: each class context (and what it memoised for one
  // rule and the next) is dropped once every rule has seen it, so memory stays at one class's worth.
  const perClass = enabled.filter((r) => r.rule.perClass);
  const acc = new Map(perClass.map((r) => [r.rule, new Map<string, Region>()]));
  if (perClass.length) {
    for (const sub of ctx.eachClass()) {
      for (const { rule } of perClass) accumulate(acc.get(rule)!, rule.perClass!.regions(sub));
    }
  }
  const out: Finding[] = [];
  for (const { rule, level } of enabled) {
    const raws = rule.run ? rule.run(ctx) : [...acc.get(rule)!].flatMap(([key, r]) => rule.perClass!.report(ctx, key, r));
    for (const raw of raws) {
      const d = diagnostic(rule.meta.code, raw.span, raw.args, raw.related ?? []);
      const f: Finding = { ...d, severity: level, kind: rule.meta.kind };
      if (raw.region !== undefined) f.region = raw.region;
      if (raw.witness) f.witness = raw.witness;
      out.push(f);
    }
  }
  return out.sort(compareDiagnostics);
}
