// CH4006: an escalation to a layer that, for some deployments it fires on, no body of that layer covers.
import { subtractRegion } from "../../space/box.js";
import type { EscalateClause } from "@charter/lang";
import type { Region } from "../../space/box.js";
import { showRegion } from "../report-region.js";
import type { Rule } from "../rule.js";

export const noReceiver: Rule = {
  meta: { code: "CH4006", name: "no-receiver", kind: "no-receiver", description: "An escalation fires where no body of its layer has jurisdiction, so nobody receives it." },
  perClass: {
    regions(ctx) {
      const out = new Map<string, Region>();
      for (const p of ctx.clauses("escalate")) {
        const c = p.clause;
        if (c.kind !== "escalate" || !ctx.set.layers.some((l) => l.name === c.to.name)) continue;
        const receivers = ctx.layerCovers(c.to.name);
        out.set(String(ctx.indexOf(p)), subtractRegion(subtractRegion(ctx.region(c), ctx.overridden), receivers));
      }
      return out;
    },
    report(ctx, key, region) {
      const c = ctx.set.clauses[Number(key)]!.clause as EscalateClause;
      const lost = showRegion(ctx, region);
      return lost ? [{ span: c.keywordSpan, args: [c.to.name, lost.text], witness: lost.witness, region: lost.plain }] : [];
    },
  },
};
