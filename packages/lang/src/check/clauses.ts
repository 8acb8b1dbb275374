// Clauses: names they use, conditions, tails, and what a body's own charter may say (language.md §4).
import type { Clause } from "../ast/clauses.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { suggestion } from "../diagnostics/suggest.js";
import { checkTail } from "./dates.js";
import type { CheckedSet } from "./model.js";
import { checkBody, checkDistinct, checkLayer, checkPatterns } from "./references.js";
import { checkCond } from "./types.js";

/** Check one clause; `owner` is the body whose charter holds it (absent in the constitution). */
export function checkClause(set: CheckedSet, c: Clause, owner: string | undefined, out: Diagnostic[]): void {
  checkPatterns(set, c.patterns, out);
  if (c.when) checkCond(set, c.when, out);
  checkTail(c.tail, out);
  switch (c.kind) {
    case "delegate":
      checkBody(set, c.to, out);
      return;
    case "govern": {
      for (const g of c.grants) {
        checkDistinct(g.bodies, g.role, out);
        for (const b of g.bodies) {
          if (!checkBody(set, b, out)) continue;
          if (owner !== undefined && set.bodies.has(owner) && g.role === "approve" && b.name !== owner) out.push(diagnostic("CH3006", b.span, [owner, b.name]));
        }
      }
      return;
    }
    case "escalate": {
      const isLayer = set.layers.some((l) => l.name === c.to.name);
      if (!isLayer && !set.bodies.has(c.to.name) && set.layers.length > 0) {
        const names = [...set.layers.map((l) => l.name), ...set.bodies.keys()];
        out.push(diagnostic("CH2007", c.to.span, [c.to.name, suggestion(c.to.name, names, "layers or bodies")]));
      }
      return;
    }
    case "prohibit":
    case "exempt":
      return;
    case "joint":
      checkDistinct(c.bodies, "joint", out);
      for (const b of c.bodies) checkBody(set, b, out);
      if (c.bodies.length < 2) out.push(diagnostic("CH3008", c.keywordSpan, ["joint", c.bodies[0]?.name ?? ""]));
      return;
    case "precedence":
      checkBody(set, c.winner, out);
      checkBody(set, c.loser, out);
      if (c.winner.name === c.loser.name) out.push(diagnostic("CH3008", c.loser.span, ["precedence", c.winner.name]));
      return;
    case "guardrail": {
      const r = c.require;
      if (r.kind === "layer") checkLayer(set, r.layer, out);
      else if ((r.kind === "layers" || r.kind === "approvers") && r.count < 1) out.push(diagnostic("CH2114", r.span, [String(r.count), r.kind]));
      return;
    }
  }
}
