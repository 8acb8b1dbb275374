// Deployment → answer (language.md §5): walk the domain's ancestors, test only the clauses hung there.
import type { BodyRt, ClauseRt, CompiledSet } from "../ir/compile.js";
import { dateKey } from "../ir/dates.js";
import { encodeFacts } from "../ir/slots.js";
import type { Answer, BodyEntry, Deployment, EscalationEntry, Via } from "./answer.js";

/** Per compiled set: scratch space reused across queries (one query at a time per set). */
interface Scratch {
  stamp: Uint32Array;
  tick: number;
  values: Float64Array;
}
const scratches = new WeakMap<CompiledSet, Scratch>();

function scratchFor(c: CompiledSet): Scratch {
  let s = scratches.get(c);
  if (!s) {
    s = { stamp: new Uint32Array(c.clauses.length), tick: 0, values: new Float64Array(c.layout.size) };
    scratches.set(c, s);
  }
  return s;
}

function collect(list: ClauseRt[], v: Float64Array, day: number, s: Scratch, out: ClauseRt[]): void {
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (s.stamp[c.order] === s.tick) continue;
    s.stamp[c.order] = s.tick;
    if (day >= c.from && day < c.until && c.test(v)) out.push(c);
  }
}

/** The clauses that apply to a domain id, facts and day, in source order. */
export function applicable(c: CompiledSet, domainId: number, v: Float64Array, day: number): ClauseRt[] {
  const s = scratchFor(c);
  if (++s.tick === 0xffffffff) {
    s.stamp.fill(0);
    s.tick = 1;
  }
  const out: ClauseRt[] = [];
  collect(c.global, v, day, s, out);
  const leaf = c.domains[domainId]!;
  collect(leaf.exact, v, day, s, out);
  for (let d = domainId; d >= 0; d = c.domains[d]!.parent) collect(c.domains[d]!.subtree, v, day, s, out);
  if (out.length > 1) out.sort((a, b) => a.order - b.order);
  return out;
}

interface Grant {
  body: BodyRt;
  role: "approve" | "notify";
  via: Via;
  order: number;
  escalated: boolean;
}

function entries(grants: Grant[], role: "approve" | "notify"): BodyEntry[] {
  const by = new Map<BodyRt, Via[]>();
  for (const g of grants) {
    if (g.role !== role) continue;
    const vias = by.get(g.body);
    if (!vias) by.set(g.body, [g.via]);
    else if (vias[vias.length - 1] !== g.via) vias.push(g.via);
  }
  return [...by.entries()]
    .sort((a, b) => a[0].rank - b[0].rank)
    .map(([b, via]) => ({ body: b.id, name: b.name, layer: b.layer, via }));
}

/** Whether a body's `covers` holds; partial answers pass a stricter test (decided without missing facts). */
export type CoversTest = (b: BodyRt, v: Float64Array) => boolean;
const coversHolds: CoversTest = (b, v) => b.covers(v);

/** Answer from already-applicable clauses: the verdict rules of §5 steps 2–4. */
export function decide(c: CompiledSet, applied: ClauseRt[], v: Float64Array, header: Pick<Answer, "deployment" | "domain" | "at">, covers: CoversTest = coversHolds): Answer {
  const prohibits = applied.filter((x) => x.kind === "prohibit");
  const exempts = prohibits.length ? [] : applied.filter((x) => x.kind === "exempt");
  if (prohibits.length || exempts.length) {
    return { ...header, verdict: prohibits.length ? "prohibited" : "exempt", approve: [], notify: [], escalations: [], reasons: (prohibits.length ? prohibits : exempts).map((x) => x.via) };
  }
  let grants: Grant[] = [];
  for (const x of applied) {
    if (x.kind !== "govern") continue;
    for (const g of x.grants) for (const b of g.bodies) grants.push({ body: b, role: g.role, via: x.via, order: x.order, escalated: false });
  }
  if (c.hasPrecedence) {
    // Decided against the govern grants as they stand before any drop, so precedence clauses commute.
    const dropped = new Set<string>();
    const has = (b: BodyRt, role: string) => grants.some((g) => g.body === b && g.role === role);
    for (const x of applied) {
      if (x.kind !== "precedence") continue;
      for (const role of ["approve", "notify"] as const) {
        if (has(x.winner, role) && has(x.loser, role)) dropped.add(`${x.loser.id}\u0000${role}`);
      }
    }
    if (dropped.size) grants = grants.filter((g) => !dropped.has(`${g.body.id}\u0000${g.role}`));
  }
  const escalations: EscalationEntry[] = [];
  for (const x of applied) {
    if (x.kind !== "escalate") continue;
    const bodies: string[] = [];
    for (const b of x.receivers) {
      if (x.toLayer && !covers(b, v)) continue;
      bodies.push(b.id);
      grants.push({ body: b, role: x.role, via: x.via, order: x.order, escalated: true });
    }
    escalations.push({ to: x.to, bodies, role: x.role, via: x.via });
  }
  if (grants.length > 1) grants.sort((a, b) => a.order - b.order);
  const approve = entries(grants, "approve");
  const notify = entries(grants, "notify");
  const verdict = approve.length ? "approval-required" : notify.length ? "notice-only" : "ungoverned";
  return { ...header, verdict, approve, notify, escalations, reasons: [] };
}

export class UnknownDomainError extends Error {}

/** Answer one validated deployment. */
export function query(c: CompiledSet, d: Deployment): Answer {
  const id = c.domainIds.get(d.domain);
  if (id === undefined) throw new UnknownDomainError(`unknown domain \`${d.domain}\``);
  const s = scratchFor(c);
  const v = encodeFacts(c.layout, d.facts, s.values);
  const applied = applicable(c, id, v, dateKey(d.at));
  return decide(c, applied, v, { deployment: d.name ?? null, domain: d.domain, at: d.at });
}
