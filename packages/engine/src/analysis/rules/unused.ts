// CH4009–CH4011 (info): delegations no rule uses, bodies with no role, facts no condition reads.
import type { Clause, Cond } from "@charter/lang";
import { intersectRegion } from "../../space/box.js";
import type { AnalysisContext } from "../context.js";
import type { RawFinding, Rule } from "../rule.js";

export const unusedDelegation: Rule = {
  meta: { code: "CH4009", name: "unused-delegation", kind: "unused", description: "A delegation inside which the body's charter makes no rule." },
  run(ctx: AnalysisContext) {
    const out: RawFinding[] = [];
    // Each body's own clauses, gathered once (not a scan of the whole set per delegation).
    const owned = new Map<string, Clause[]>();
    for (const q of ctx.set.clauses) {
      if (q.owner === undefined) continue;
      const list = owned.get(q.owner);
      if (list) list.push(q.clause);
      else owned.set(q.owner, [q.clause]);
    }
    for (const p of ctx.clauses("delegate")) {
      const d = p.clause;
      if (d.kind !== "delegate" || ctx.region(d).length === 0) continue; // an empty delegation is a dead clause
      const used = (owned.get(d.to.name) ?? []).some((q) => intersectRegion(ctx.region(q), ctx.region(d)).length > 0);
      if (!used) out.push({ span: d.keywordSpan, args: [d.to.name] });
    }
    return out;
  },
};

export const unusedBody: Rule = {
  meta: { code: "CH4010", name: "unused-body", kind: "unused", description: "A body no clause grants, escalates to, delegates to or relates." },
  run(ctx: AnalysisContext) {
    const named = new Set<string>();
    for (const { clause: c } of ctx.set.clauses) {
      if (c.kind === "govern") c.grants.forEach((g) => g.bodies.forEach((b) => named.add(b.name)));
      else if (c.kind === "delegate") named.add(c.to.name);
      else if (c.kind === "escalate") {
        named.add(c.to.name);
        for (const b of ctx.set.bodies.values()) if (b.layer === c.to.name) named.add(b.id);
      } else if (c.kind === "joint") c.bodies.forEach((b) => named.add(b.name));
      else if (c.kind === "precedence") named.add(c.winner.name).add(c.loser.name);
    }
    return [...ctx.set.bodies.values()].filter((b) => !named.has(b.id)).map((b) => ({ span: b.decl.id.span, args: [b.id] }));
  },
};

function factsIn(c: Cond | undefined, out: Set<string>): void {
  if (!c) return;
  if (c.kind === "and" || c.kind === "or") c.items.forEach((i) => factsIn(i, out));
  else if (c.kind === "not") factsIn(c.item, out);
  else out.add(c.subject.name);
}

export const unusedFact: Rule = {
  meta: { code: "CH4011", name: "unused-fact", kind: "unused", description: "A fact that no condition reads." },
  run(ctx: AnalysisContext) {
    const used = new Set<string>();
    for (const { clause } of ctx.set.clauses) factsIn(clause.when, used);
    for (const b of ctx.set.bodies.values()) factsIn(b.covers, used);
    return [...ctx.set.facts.values()].filter((f) => !used.has(f.name)).map((f) => ({ span: f.decl.name.span, args: [f.name] }));
  },
};
