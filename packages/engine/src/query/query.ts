// Deployment → answer (language.md §5): run the programs of the domain's node and of its ancestors'
// subtrees (ir/program.ts), then apply the verdict rules to the clause indices that hold.
import { Kind, type BodyRt, type ClauseRt, type CompiledSet } from "../ir/compile.js";
import { dateKey } from "../ir/dates.js";
import { runBlock } from "../ir/program.js";
import { encodeFacts } from "../ir/slots.js";
import type { Answer, BodyEntry, Deployment, EscalationEntry, Via } from "./answer.js";

/**
 * The clauses that apply to a domain id, facts and day: their indices in `c.scratch.hits[0 .. count)`,
 * in source order, each once; returns the count. Valid until the next query on `c`.
 */
export function applicableHits(c: CompiledSet, domainId: number, v: Float64Array, day: number): number {
  const p = c.programs;
  const hits = c.scratch.hits;
  let n = runBlock(p, p.globalStart, p.globalEnd, v, day, hits, 0);
  n = runBlock(p, p.start[domainId]!, p.end[domainId]!, v, day, hits, n);
  for (let a = c.parent[domainId]!; a >= 0; a = c.parent[a]!) n = runBlock(p, p.start[a]!, p.mid[a]!, v, day, hits, n);
  // Blocks come in node order, not source order: a few (≈ 13) indices, so an insertion sort, then drop
  // the duplicates of a clause that matched through two of its patterns.
  for (let i = 1; i < n; i++) {
    const x = hits[i]!;
    let j = i - 1;
    while (j >= 0 && hits[j]! > x) {
      hits[j + 1] = hits[j]!;
      j--;
    }
    hits[j + 1] = x;
  }
  let m = 0;
  for (let i = 0; i < n; i++) if (m === 0 || hits[i] !== hits[m - 1]) hits[m++] = hits[i]!;
  return m;
}

/** The clauses that apply to a domain id, facts and day, in source order. */
export function applicable(c: CompiledSet, domainId: number, v: Float64Array, day: number): ClauseRt[] {
  const n = applicableHits(c, domainId, v, day);
  const out: ClauseRt[] = [];
  for (let i = 0; i < n; i++) out.push(c.clauses[c.scratch.hits[i]!]!);
  return out;
}

/** Whether a body's `covers` holds; partial answers pass a stricter test (decided without missing facts). */
export type CoversTest = (b: BodyRt) => boolean;

/** Ranks of the bodies of layer `l` whose `covers` holds, in `scratch.layerHits` from `layerBase[l]`; tested once per query. */
function coveringBodies(c: CompiledSet, l: number, v: Float64Array): number {
  const s = c.scratch;
  if (s.layerEpoch[l] !== s.epoch) {
    s.layerEpoch[l] = s.epoch;
    s.layerCount[l] = runBlock(c.programs, c.programs.layerStart[l]!, c.programs.layerEnd[l]!, v, 0, s.layerHits, s.layerBase[l]!) - s.layerBase[l]!;
  }
  return s.layerCount[l]!;
}

type Header = Pick<Answer, "deployment" | "domain" | "at">;

/** Answer from already-applicable clauses (in source order): the verdict rules of §5 steps 2–4. */
export function decide(c: CompiledSet, applied: ClauseRt[], v: Float64Array, header: Header, covers?: CoversTest): Answer {
  return decideHits(c, Int32Array.from(applied, (x) => x.index), applied.length, v, header, covers);
}

const PRECEDENCE_APPROVE = 1;
const PRECEDENCE_NOTIFY = 2;
const DROP_APPROVE = 4;
const DROP_NOTIFY = 8;

/** `decide` over clause indices `hits[0 .. n)` (source order). Without `covers`, bodies' `covers` are run from the programs. */
export function decideHits(c: CompiledSet, hits: Int32Array, n: number, v: Float64Array, header: Header, covers?: CoversTest): Answer {
  const { kind, pay, payStart, vias } = c.table;
  let prohibited = false;
  let exempt = false;
  let precedence = false;
  for (let i = 0; i < n; i++) {
    const k = kind[hits[i]!];
    if (k === Kind.Prohibit) prohibited = true;
    else if (k === Kind.Exempt) exempt = true;
    else if (k === Kind.Precedence) precedence = true;
  }
  if (prohibited || exempt) {
    const want = prohibited ? Kind.Prohibit : Kind.Exempt;
    const reasons: Via[] = [];
    for (let i = 0; i < n; i++) if (kind[hits[i]!] === want) reasons.push(vias[hits[i]!]!);
    return { deployment: header.deployment, domain: header.domain, at: header.at, verdict: prohibited ? "prohibited" : "exempt", approve: [], notify: [], escalations: [], reasons };
  }
  const { entryOf, marks } = c.scratch;
  // Precedence is decided against the govern grants alone, before anything is dropped or escalated.
  const marked: number[] = [];
  if (precedence) {
    for (let i = 0; i < n; i++) {
      const k = hits[i]!;
      if (kind[k] !== Kind.Govern) continue;
      for (let g = payStart[k]!; g < payStart[k + 1]!; g++) {
        const rank = pay[g]! >> 1;
        if (marks[rank] === 0) marked.push(rank);
        marks[rank]! |= pay[g]! & 1 ? PRECEDENCE_NOTIFY : PRECEDENCE_APPROVE;
      }
    }
    for (let i = 0; i < n; i++) {
      const k = hits[i]!;
      if (kind[k] !== Kind.Precedence) continue;
      const winner = marks[pay[payStart[k]!]!]!;
      const loser = pay[payStart[k]! + 1]!;
      if (winner & marks[loser]! & PRECEDENCE_APPROVE) marks[loser]! |= DROP_APPROVE;
      if (winner & marks[loser]! & PRECEDENCE_NOTIFY) marks[loser]! |= DROP_NOTIFY;
    }
  }
  // One pass in source order, so every body's vias come out in source order.
  const ranks: number[] = [];
  const roles: number[] = [];
  const viaLists: Via[][] = [];
  const add = (rank: number, role: number, via: Via): void => {
    const slot = rank * 2 + role;
    const j = entryOf[slot]!;
    if (j < 0) {
      entryOf[slot] = ranks.length;
      ranks.push(rank);
      roles.push(role);
      viaLists.push([via]);
    } else {
      const list = viaLists[j]!;
      if (list[list.length - 1] !== via) list.push(via);
    }
  };
  let escalations: EscalationEntry[] | undefined;
  c.scratch.epoch = (c.scratch.epoch + 1) | 0;
  for (let i = 0; i < n; i++) {
    const k = hits[i]!;
    const kk = kind[k];
    if (kk === Kind.Govern) {
      const via = vias[k]!;
      for (let g = payStart[k]!; g < payStart[k + 1]!; g++) {
        const rank = pay[g]! >> 1;
        const role = pay[g]! & 1;
        if (precedence && marks[rank]! & (role ? DROP_NOTIFY : DROP_APPROVE)) continue;
        add(rank, role, via);
      }
    } else if (kk === Kind.Escalate) {
      const x = c.clauses[k] as ClauseRt & { kind: "escalate" };
      const bodies: string[] = [];
      const role = x.role === "approve" ? 0 : 1;
      if (x.toLayer && !covers) {
        const { layerHits } = c.scratch;
        const from = c.scratch.layerBase[x.layerIndex]!;
        const to = from + coveringBodies(c, x.layerIndex, v);
        for (let j = from; j < to; j++) {
          const b = c.bodiesByRank[layerHits[j]!]!;
          bodies.push(b.id);
          add(b.rank, role, x.via);
        }
      } else {
        for (const b of x.receivers) {
          if (x.toLayer && !covers!(b)) continue;
          bodies.push(b.id);
          add(b.rank, role, x.via);
        }
      }
      (escalations ??= []).push({ to: x.to, bodies, role: x.role, trigger: x.trigger, via: x.via });
    }
  }
  for (const rank of marked) marks[rank] = 0;
  for (let j = 0; j < ranks.length; j++) entryOf[ranks[j]! * 2 + roles[j]!] = -1;
  const approve = entries(c, ranks, roles, viaLists, 0);
  const notify = entries(c, ranks, roles, viaLists, 1);
  const verdict = approve.length ? "approval-required" : notify.length ? "notice-only" : "ungoverned";
  return { deployment: header.deployment, domain: header.domain, at: header.at, verdict, approve, notify, escalations: escalations ?? [], reasons: [] };
}

/** The entries of one role, sorted by body id (rank): a handful, so an insertion sort. */
function entries(c: CompiledSet, ranks: number[], roles: number[], viaLists: Via[][], role: number): BodyEntry[] {
  const picked: number[] = [];
  for (let j = 0; j < ranks.length; j++) {
    if (roles[j] !== role) continue;
    let i = picked.length;
    picked.push(j);
    while (i > 0 && ranks[picked[i - 1]!]! > ranks[j]!) {
      picked[i] = picked[i - 1]!;
      i--;
    }
    picked[i] = j;
  }
  const out: BodyEntry[] = [];
  for (const j of picked) {
    const b = c.bodiesByRank[ranks[j]!]!;
    out.push({ body: b.id, name: b.name, layer: b.layer, via: viaLists[j]! });
  }
  return out;
}

export class UnknownDomainError extends Error {}

/** Answer one validated deployment. */
export function query(c: CompiledSet, d: Deployment): Answer {
  const id = c.domainIds.get(d.domain);
  if (id === undefined) throw new UnknownDomainError(`unknown domain \`${d.domain}\``);
  const v = encodeFacts(c.layout, d.facts, c.scratch.values);
  const n = applicableHits(c, id, v, dateKey(d.at));
  return decideHits(c, c.scratch.hits, n, v, { deployment: d.name ?? null, domain: d.domain, at: d.at });
}
