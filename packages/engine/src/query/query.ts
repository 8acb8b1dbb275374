// Deployment → answer (language.md §5): walk the domain's ancestors, test only the clauses hung there.
import type { BodyRt, ClauseRt, CompiledSet } from "../ir/compile.js";
import { run } from "../ir/bytecode.js";
import { domainFunction } from "../ir/codegen.js";
import { dateKey } from "../ir/dates.js";
import { encodeFacts } from "../ir/slots.js";
import type { Answer, BodyEntry, Deployment, EscalationEntry, Via } from "./answer.js";

/** Per compiled set: the slot array reused across queries (one query at a time per set). */
const scratches = new WeakMap<CompiledSet, Float64Array>();

function valuesFor(c: CompiledSet): Float64Array {
  let v = scratches.get(c);
  if (!v) scratches.set(c, (v = new Float64Array(c.layout.size)));
  return v;
}

/**
 * Queries after which a domain's candidates are tested by a generated function instead of the shared
 * bytecode interpreter. Generated code wins once V8 optimises it, which takes repeated calls; a domain
 * queried a few times is better served by the one interpreter loop that is always hot.
 */
export const tiering = { threshold: 32 };

/** The clauses that apply to a domain id, facts and day, in source order. */
export function applicable(c: CompiledSet, domainId: number, v: Float64Array, day: number): ClauseRt[] {
  const d = c.domains[domainId]!;
  const t = c.table;
  const clauses = c.clauses;
  const out: ClauseRt[] = [];
  if (d.generated || ++d.hits > tiering.threshold) {
    const hits: number[] = [];
    (d.generated ??= domainFunction(d.candidates, t.from, t.until, t.sources))(v, day, hits);
    for (let i = 0; i < hits.length; i++) out.push(clauses[hits[i]!]!);
    return out;
  }
  const cand = d.candidates;
  for (let i = 0; i < cand.length; i++) {
    const k = cand[i]!;
    if (day < t.from[k]! || day >= t.until[k]!) continue;
    if (run(t.code, t.codeStart[k]!, t.codeEnd[k]!, v, t.stack)) out.push(clauses[k]!);
  }
  return out;
}

/** Whether a body's `covers` holds; partial answers pass a stricter test (decided without missing facts). */
export type CoversTest = (b: BodyRt, v: Float64Array) => boolean;
const coversHolds: CoversTest = (b, v) => b.covers(v);

/** Vias per body for one role, in clause order; bodies kept in a small list and sorted by rank at the end. */
class RoleGrants {
  readonly bodies: BodyRt[] = [];
  readonly vias: Via[][] = [];
  add(b: BodyRt, via: Via): void {
    const i = this.bodies.indexOf(b);
    if (i < 0) {
      this.bodies.push(b);
      this.vias.push([via]);
    } else {
      const list = this.vias[i]!;
      if (list[list.length - 1] !== via) list.push(via);
    }
  }
  has(b: BodyRt): boolean {
    return this.bodies.indexOf(b) >= 0;
  }
  entries(): BodyEntry[] {
    const out: BodyEntry[] = [];
    for (let i = 0; i < this.bodies.length; i++) {
      const b = this.bodies[i]!;
      out.push({ body: b.id, name: b.name, layer: b.layer, via: this.vias[i]! });
    }
    if (out.length > 1) out.sort((x, y) => (x.body < y.body ? -1 : 1));
    return out;
  }
}

const NONE: never[] = [];

/** Answer from already-applicable clauses (in source order): the verdict rules of §5 steps 2–4. */
export function decide(c: CompiledSet, applied: ClauseRt[], v: Float64Array, header: Pick<Answer, "deployment" | "domain" | "at">, covers: CoversTest = coversHolds): Answer {
  let prohibits: Via[] | undefined;
  let exempts: Via[] | undefined;
  for (const x of applied) {
    if (x.kind === "prohibit") (prohibits ??= []).push(x.via);
    else if (x.kind === "exempt") (exempts ??= []).push(x.via);
  }
  if (prohibits || exempts) {
    return { deployment: header.deployment, domain: header.domain, at: header.at, verdict: prohibits ? "prohibited" : "exempt", approve: [], notify: [], escalations: [], reasons: prohibits ?? exempts! };
  }
  // Precedence is decided against the govern grants alone, before anything is dropped or escalated.
  let droppedApprove: BodyRt[] | undefined;
  let droppedNotify: BodyRt[] | undefined;
  if (c.hasPrecedence) {
    const govApprove = new RoleGrants();
    const govNotify = new RoleGrants();
    for (const x of applied) {
      if (x.kind !== "govern") continue;
      for (const g of x.grants) for (const b of g.bodies) (g.role === "approve" ? govApprove : govNotify).add(b, x.via);
    }
    for (const x of applied) {
      if (x.kind !== "precedence") continue;
      if (govApprove.has(x.winner) && govApprove.has(x.loser)) (droppedApprove ??= []).push(x.loser);
      if (govNotify.has(x.winner) && govNotify.has(x.loser)) (droppedNotify ??= []).push(x.loser);
    }
  }
  // One pass in source order, so every body's vias come out in source order.
  const approve = new RoleGrants();
  const notify = new RoleGrants();
  let escalations: EscalationEntry[] = NONE;
  for (const x of applied) {
    if (x.kind === "govern") {
      for (const g of x.grants) {
        const dropped = g.role === "approve" ? droppedApprove : droppedNotify;
        const into = g.role === "approve" ? approve : notify;
        for (const b of g.bodies) if (!dropped || dropped.indexOf(b) < 0) into.add(b, x.via);
      }
    } else if (x.kind === "escalate") {
      const bodies: string[] = [];
      const into = x.role === "approve" ? approve : notify;
      for (const b of x.receivers) {
        if (x.toLayer && !covers(b, v)) continue;
        bodies.push(b.id);
        into.add(b, x.via);
      }
      if (escalations === NONE) escalations = [];
      escalations.push({ to: x.to, bodies, role: x.role, trigger: x.trigger, via: x.via });
    }
  }
  const approveOut = approve.entries();
  const notifyOut = notify.entries();
  const verdict = approveOut.length ? "approval-required" : notifyOut.length ? "notice-only" : "ungoverned";
  return { deployment: header.deployment, domain: header.domain, at: header.at, verdict, approve: approveOut, notify: notifyOut, escalations: escalations === NONE ? [] : escalations, reasons: [] };
}

export class UnknownDomainError extends Error {}

/** Answer one validated deployment. */
export function query(c: CompiledSet, d: Deployment): Answer {
  const id = c.domainIds.get(d.domain);
  if (id === undefined) throw new UnknownDomainError(`unknown domain \`${d.domain}\``);
  const v = encodeFacts(c.layout, d.facts, valuesFor(c));
  const applied = applicable(c, id, v, dateKey(d.at));
  return decide(c, applied, v, { deployment: d.name ?? null, domain: d.domain, at: d.at });
}
