// CH4007: a constitutional guardrail that some deployment in its scope fails (language.md §3).
import type { GuardrailClause, Requirement } from "@charter/lang";
import { intersectRegion, mergeRegion, subtractRegion, type Dim, type Region } from "../../space/box.js";
import type { AnalysisContext } from "../context.js";
import { showRegion } from "../report-region.js";
import type { Rule } from "../rule.js";

/** Where (inside `within`) at least `n` of the regions hold: AtLeast(i, k) = AtLeast(i−1, k) ∪ (AtLeast(i−1, k−1) ∩ Rᵢ). */
function atLeast(within: Region, regions: Region[], n: number): Region {
  let row: Region[] = [within, ...Array.from({ length: n }, () => [] as Region)];
  for (const r of regions) {
    const next = row.slice();
    for (let k = 1; k <= n; k++) next[k] = mergeRegion([...row[k]!, ...intersectRegion(row[k - 1]!, r)]);
    row = next;
  }
  return row[n]!;
}

/** Where in the scope the requirement fails (approvers only; escalated approvers count except for `competence`). */
function failing(ctx: AnalysisContext, req: Requirement, scope: Region): Region {
  // Only bodies some clause here can grant have a non-empty approver region.
  const bodies = ctx.reachable("approve");
  const approves = (id: string) => ctx.granted(id, "approve");
  switch (req.kind) {
    case "layer":
      return subtractRegion(scope, ctx.layerGranted(req.layer.name, "approve"));
    case "layers": {
      // Everything inside the scope from the start: the guardrail's `when` usually narrows a lot.
      const perLayer = ctx.set.layers.map((l) => mergeRegion(intersectRegion(scope, ctx.layerGranted(l.name, "approve")))).filter((r) => r.length > 0);
      return subtractRegion(scope, atLeast(scope, perLayer, req.count));
    }
    case "approvers": {
      const relevant = bodies.map((b) => intersectRegion(scope, approves(b.id))).filter((r) => r.length > 0);
      return subtractRegion(scope, atLeast(scope, relevant, req.count));
    }
    case "competence": {
      // Fails where some body granted by a govern rule lacks competence over the domain: no complement
      // needed. Competence is domain-only: here (a domain class) a body has it everywhere or nowhere, so
      // a bitset test decides most bodies; only bodies a govern clause here makes approvers can fail it.
      const here = (ctx.full[0] as Dim & { kind: "bits" }).bits;
      const lacking: Region = [];
      for (const id of ctx.governBodies("approve")) {
        const b = ctx.set.bodies.get(id)!;
        const competent = (ctx.competence(b)[0]![0] as Dim & { kind: "bits" }).bits;
        if (here.subsetOf(competent)) continue;
        const granted = ctx.governedAfterPrecedence(b.id, "approve");
        lacking.push(...(competent.meets(here) ? subtractRegion(granted, ctx.competence(b)) : granted));
      }
      return intersectRegion(scope, lacking);
    }
  }
}

function requirementText(r: Requirement): string {
  switch (r.kind) {
    case "layers":
      return `approvers from at least ${r.count} layer${r.count === 1 ? "" : "s"}`;
    case "approvers":
      return `at least ${r.count} approver${r.count === 1 ? "" : "s"}`;
    case "layer":
      return `an approver at layer \`${r.layer.name}\``;
    case "competence":
      return "every approver granted by a govern rule to have competence over the domain";
  }
}

export const guardrail: Rule = {
  meta: { code: "CH4007", name: "guardrail", kind: "guardrail", description: "A guardrail of the constitution fails for some deployment in its scope once all charters are combined." },
  perClass: {
    regions(ctx) {
      const out = new Map<string, Region>();
      for (const p of ctx.clauses("guardrail")) {
        const g = p.clause as GuardrailClause;
        const scope = subtractRegion(ctx.region(g), ctx.overridden);
        if (!scope.length) continue;
        out.set(String(ctx.indexOf(p)), failing(ctx, g.require, scope));
      }
      return out;
    },
    report(ctx, key, region) {
      const g = ctx.set.clauses[Number(key)]!.clause as GuardrailClause;
      const failing = showRegion(ctx, region);
      return failing ? [{ span: g.keywordSpan, args: [g.name, failing.text, `it requires ${requirementText(g.require)}`], witness: failing.witness, region: failing.plain }] : [];
    },
  },
};
