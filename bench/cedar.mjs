// Translate a generated charter model (bench/generate.mjs) into an equivalent Cedar policy set that
// answers the same question for the `approve` role: "which bodies must approve this deployment".
//
// Encoding (documented in bench/README.md):
//   - principal  Body::"<body id>"          (no attributes; `covers` is inlined into the policies)
//   - action     Action::"approve"
//   - resource   Domain::"<dotted path>"    entity hierarchy: each domain's parent is its parent
//                                           domain, so `resource in Domain::"health"` is `health.*`
//   - context    the facts: region (String), markets (Set<String>), markets_count (Long: Cedar has
//                no set size), compute_pflop (Long: compute / 10^15 — Cedar has no floats, and
//                every generated compute and threshold is an integer multiple of 10^15 FLOP, so the
//                comparison is exact), bio_uplift, users (Long), open_weights, minors (Bool),
//                purpose (String), at (Long YYYYMMDD; `effective`/`until` compare against it).
//   - govern … approve B            → permit(principal == Body::"B", …, resource <pattern>) when {cond && dates}
//                                     (one policy per approved body × pattern)
//   - escalate … to LAYER [approve] → one permit per body of LAYER, with the body's `covers` ANDed in
//   - escalate … to BODY [approve]  → one permit for that body (a named receiver is not filtered by covers)
//   - prohibit / exempt             → forbid(principal, …, resource <pattern>) when {cond && dates}
//                                     (both leave no approver: verdict prohibited / exempt)
//   - precedence W over L           → forbid(principal == Body::"L", …) when {cond && dates && (W granted
//                                     by some govern clause here)} — W's govern clauses are inlined
//   - notify grants, joint, delegate, guardrail: no effect on the approver set → not translated.
import { THRESHOLDS } from "./generate.mjs";

const CEDAR_PFLOP = new Map(THRESHOLDS.map((t) => [t, pflop(t)]));

function pflop(lit) {
  const m = /^(\d+)e(\d+)$/.exec(lit);
  if (!m || Number(m[2]) < 15) throw new Error(`threshold ${lit} is not m×10^e with e ≥ 15`);
  return (BigInt(m[1]) * 10n ** BigInt(Number(m[2]) - 15)).toString();
}

const q = (s) => JSON.stringify(s);

function cond(c) {
  switch (c.k) {
    case "eq": return `context.${c.fact} == ${q(c.value)}`;
    case "ne": return `context.${c.fact} != ${q(c.value)}`;
    case "in": {
      const s = `[${c.values.map(q).join(", ")}].contains(context.${c.fact})`;
      return c.neg ? `!${s}` : s;
    }
    case "cmp":
      if (c.fact === "compute") return `context.compute_pflop ${c.op} ${CEDAR_PFLOP.get(c.value) ?? pflop(c.value)}`;
      return `context.${c.fact} ${c.op} ${c.value}`;
    case "contains": return `context.${c.fact}.contains(${q(c.value)})`;
    case "count": return `context.${c.fact}_count ${c.op} ${c.value}`;
    case "bool": return c.neg ? `!context.${c.fact}` : `context.${c.fact}`;
    case "and": return `(${c.items.map(cond).join(" && ")})`;
    case "or": return `(${c.items.map(cond).join(" || ")})`;
  }
  throw new Error(`cond ${c.k}`);
}

function dates(c) {
  const parts = [];
  if (c.from !== undefined) parts.push(`context.at >= ${c.from}`);
  if (c.until !== undefined) parts.push(`context.at < ${c.until}`);
  return parts;
}

/** The `when` body for a clause's condition and dates, plus extra conjuncts; undefined when always. */
function whenOf(c, ...more) {
  const parts = [...(c.cond ? [cond(c.cond)] : []), ...dates(c), ...more.filter(Boolean)];
  return parts.length ? ` when { ${parts.join(" && ")} }` : "";
}

/** Translate; returns the policy text, counts, and request builders. */
export function toCedar(model) {
  const { domains, bodies, clauses } = model;
  const dom = (p) => `Domain::${q(domains[p.id].path)}`;
  const scope = (p) => (p.kind === "all" ? "resource" : p.kind === "subtree" ? `resource in ${dom(p)}` : `resource == ${dom(p)}`);
  const matchExpr = (p) => (p.kind === "all" ? "true" : p.kind === "subtree" ? `resource in ${dom(p)}` : `resource == ${dom(p)}`);
  const isAncestorOrSelf = (a, b) => {
    for (let x = b; x >= 0; x = domains[x].parent) if (x === a) return true;
    return false;
  };
  /** Some domain matches both patterns. */
  const intersects = (p, r) => {
    if (p.kind === "all" || r.kind === "all") return true;
    if (p.kind === "exact" && r.kind === "exact") return p.id === r.id;
    if (p.kind === "subtree" && r.kind === "subtree") return isAncestorOrSelf(p.id, r.id) || isAncestorOrSelf(r.id, p.id);
    const [e, s] = p.kind === "exact" ? [p, r] : [r, p];
    return isAncestorOrSelf(s.id, e.id);
  };
  const out = [];
  let permits = 0, forbids = 0;
  const layerNames = new Set(model.layers);
  const approveGovern = new Map(); // body id → govern clauses granting it approve
  for (const c of clauses) {
    if (c.kind !== "govern") continue;
    for (const g of c.grants) if (g.role === "approve") for (const b of g.bodies) (approveGovern.get(b) ?? approveGovern.set(b, []).get(b)).push(c);
  }
  for (const c of clauses) {
    switch (c.kind) {
      case "govern":
        for (const g of c.grants) {
          if (g.role !== "approve") continue;
          for (const b of g.bodies) for (const p of c.patterns) {
            out.push(`permit(principal == Body::${q(b)}, action == Action::"approve", ${scope(p)})${whenOf(c)};`);
            permits++;
          }
        }
        break;
      case "escalate": {
        if (c.role === "notify") break;
        const receivers = layerNames.has(c.to) ? bodies.filter((b) => b.layer === c.to) : [model.bodyById.get(c.to)];
        const toLayer = layerNames.has(c.to);
        for (const b of receivers) for (const p of c.patterns) {
          out.push(`permit(principal == Body::${q(b.id)}, action == Action::"approve", ${scope(p)})${whenOf(c, toLayer && b.covers ? cond(b.covers) : undefined)};`);
          permits++;
        }
        break;
      }
      case "prohibit":
      case "exempt":
        for (const p of c.patterns) {
          out.push(`forbid(principal, action == Action::"approve", ${scope(p)})${whenOf(c)};`);
          forbids++;
        }
        break;
      case "precedence": {
        const wins = (approveGovern.get(c.winner) ?? []).filter((g) => g.patterns.some((gp) => c.patterns.some((p) => intersects(gp, p))));
        if (!wins.length) break;
        const granted = wins.map((g) => {
          const parts = [`(${g.patterns.map(matchExpr).join(" || ")})`, ...(g.cond ? [cond(g.cond)] : []), ...dates(g)];
          return `(${parts.join(" && ")})`;
        });
        for (const p of c.patterns) {
          out.push(`forbid(principal == Body::${q(c.loser)}, action == Action::"approve", ${scope(p)})${whenOf(c, `(${granted.join(" || ")})`)};`);
          forbids++;
        }
        break;
      }
      default:
        break; // delegate, joint, guardrail: no effect on who approves
    }
  }
  const text = out.join("\n");
  /** The same policies keyed by id: `preparsePolicySet` parses this form several times faster than one text. */
  const byId = {};
  out.forEach((p, i) => (byId[`p${i}`] = p));

  // Requests. The resource's ancestors must be in the entity slice for `in` to see them.
  const entityCache = new Map();
  const entitiesFor = (path) => {
    let e = entityCache.get(path);
    if (!e) {
      e = [];
      let d = domains.find((x) => x.path === path);
      while (d) {
        const parent = d.parent >= 0 ? domains[d.parent] : undefined;
        e.push({ uid: { type: "Domain", id: d.path }, attrs: {}, parents: parent ? [{ type: "Domain", id: parent.path }] : [] });
        d = parent;
      }
      entityCache.set(path, e);
    }
    return e;
  };
  const contextOf = (dep) => {
    const f = dep.facts;
    return {
      region: f.region,
      markets: f.markets,
      markets_count: new Set(f.markets).size,
      compute_pflop: dep.cedarCompute,
      bio_uplift: f.bio_uplift,
      open_weights: f.open_weights,
      minors: f.minors,
      users: f.users,
      purpose: f.purpose,
      at: dep.atKey,
    };
  };
  return { text, byId, policies: out.length, permits, forbids, bytes: text.length, entitiesFor, contextOf };
}

/** Cedar request objects for a deployment, built once (outside the timed region, like charter's deployments). */
export function cedarRequest(tr, dep) {
  return {
    resource: { type: "Domain", id: dep.domain },
    context: tr.contextOf(dep),
    entities: tr.entitiesFor(dep.domain),
  };
}

const ACTION = { type: "Action", id: "approve" };

/** The full answer with Cedar: one `isAuthorized` per body (stateful: the policy set is preparsed). */
export function cedarApprovers(cedar, psetId, principals, req) {
  const allowed = [];
  for (let i = 0; i < principals.length; i++) {
    const a = cedar.statefulIsAuthorized({ principal: principals[i], action: ACTION, resource: req.resource, context: req.context, preparsedPolicySetId: psetId, entities: req.entities });
    if (a.type !== "success") throw new Error(`cedar: ${JSON.stringify(a.errors).slice(0, 500)}`);
    if (a.response.decision === "allow") allowed.push(principals[i].id);
  }
  return allowed;
}

export function cedarSingle(cedar, psetId, principal, req) {
  const a = cedar.statefulIsAuthorized({ principal, action: ACTION, resource: req.resource, context: req.context, preparsedPolicySetId: psetId, entities: req.entities });
  if (a.type !== "success") throw new Error(`cedar: ${JSON.stringify(a.errors).slice(0, 500)}`);
  return a.response.decision;
}

/** Partial evaluation with the principal unknown (the policy set is passed as text: this API has no preparsed variant). */
export function cedarPartial(cedar, policies, req) {
  const a = cedar.isAuthorizedPartial({ principal: null, action: ACTION, resource: req.resource, context: req.context, policies, entities: req.entities });
  if (a.type !== "residuals") throw new Error(`cedar partial: ${JSON.stringify(a.errors).slice(0, 500)}`);
  return a.response;
}
