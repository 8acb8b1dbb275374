// Deployment → answer (language.md §5): run the programs of the domain's node and of its ancestors'
// subtrees (ir/program.ts), then apply the verdict rules to the clause indices that hold.
import { Kind, type BodyRt, type ClauseRt, type CompiledSet } from "../ir/compile.js";
import { dateKey } from "../ir/dates.js";
import { E, runBlocks } from "../ir/program.js";
import { encodeFacts } from "../ir/slots.js";
import type { Answer, BodyEntry, Deployment, EscalationEntry, Via } from "./answer.js";

/**
 * The clauses that apply to a domain id, facts and day: their indices in `c.scratch.hits[0 .. count)`
 * and their program entries in `c.scratch.at`, in source order, each once; returns the count. Valid
 * until the next query on `c`.
 */
export function applicableHits(c: CompiledSet, domainId: number, v: Float64Array, day: number): number {
  const p = c.programs;
  const { hits, at, ranges } = c.scratch;
  ranges[0] = p.globalStart;
  ranges[1] = p.globalEnd;
  ranges[2] = p.start[domainId]!;
  ranges[3] = p.end[domainId]!;
  let count = 2;
  for (let a = c.parent[domainId]!; a >= 0; a = c.parent[a]!) {
    ranges[2 * count] = p.start[a]!;
    ranges[2 * count++ + 1] = p.mid[a]!;
  }
  const n = runBlocks(p, ranges, count, v, day, hits, at, 0);
  // Blocks come in node order, not source order: a few (≈ 13) indices, so an insertion sort, then drop
  // the duplicates of a clause that matched through two of its patterns.
  for (let i = 1; i < n; i++) {
    const x = hits[i]!;
    const y = at[i]!;
    let j = i - 1;
    while (j >= 0 && hits[j]! > x) {
      hits[j + 1] = hits[j]!;
      at[j + 1] = at[j]!;
      j--;
    }
    hits[j + 1] = x;
    at[j + 1] = y;
  }
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (m > 0 && hits[i] === hits[m - 1]) continue;
    hits[m] = hits[i]!;
    at[m++] = at[i]!;
  }
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
    s.ranges[0] = c.programs.layerStart[l]!;
    s.ranges[1] = c.programs.layerEnd[l]!;
    s.layerCount[l] = runBlocks(c.programs, s.ranges, 1, v, 0, s.layerHits, s.layerAt, s.layerBase[l]!) - s.layerBase[l]!;
  }
  return s.layerCount[l]!;
}

/** A new query for `coveringBodies`' per-layer memo; on wrap-around every layer's entry is forgotten. */
function nextEpoch(s: CompiledSet["scratch"]): void {
  if (s.epoch === 0x7fffffff) {
    s.epoch = 0;
    s.layerEpoch.fill(-1);
  }
  s.epoch++;
}

type Header = Pick<Answer, "deployment" | "domain" | "at">;

/** Answer from already-applicable clauses (in source order): the verdict rules of §5 steps 2–4. */
export function decide(c: CompiledSet, applied: ClauseRt[], v: Float64Array, header: Header, covers?: CoversTest): Answer {
  const entry = c.programs.entryOf;
  return decideHits(c, Int32Array.from(applied, (x) => x.index), Int32Array.from(applied, (x) => entry[x.index]!), applied.length, v, header, covers);
}

/** Per-body flags of the precedence pass (`Scratch.marks`). */
const enum Mark {
  GrantedApprove = 1,
  GrantedNotify = 2,
  DropApprove = 4,
  DropNotify = 8,
}

/**
 * `decide` over clause indices `hits[0 .. n)` (source order) with their program entries in `at`: what
 * a clause grants is read from its entry, just evaluated and still in cache. Without `covers`, bodies'
 * `covers` are run from the programs.
 */
export function decideHits(c: CompiledSet, hits: Int32Array, at: Int32Array, n: number, v: Float64Array, header: Header, covers?: CoversTest): Answer {
  const code = c.programs.code;
  const vias = c.programs.vias;
  let prohibited = false;
  let exempt = false;
  let precedence = false;
  for (let i = 0; i < n; i++) {
    const k = code[at[i]! + E.Kind];
    if (k === Kind.Prohibit) prohibited = true;
    else if (k === Kind.Exempt) exempt = true;
    else if (k === Kind.Precedence) precedence = true;
  }
  if (prohibited || exempt) {
    const want = prohibited ? Kind.Prohibit : Kind.Exempt;
    const reasons: Via[] = [];
    for (let i = 0; i < n; i++) if (code[at[i]! + E.Kind] === want) reasons.push(vias[code[at[i]! + E.Via]!]!);
    return { deployment: header.deployment, domain: header.domain, at: header.at, verdict: prohibited ? "prohibited" : "exempt", approve: [], notify: [], escalations: [], reasons };
  }
  const { entryOf, marks } = c.scratch;
  // Precedence is decided against the govern grants alone, before anything is dropped or escalated.
  let marked: number[] | undefined;
  if (precedence) {
    marked = [];
    for (let i = 0; i < n; i++) {
      const e = at[i]!;
      if (code[e + E.Kind] !== Kind.Govern) continue;
      for (let g = e + E.Pay; g < e + E.Pay + code[e + E.PayLen]!; g++) {
        const rank = code[g]! >> 1;
        if (marks[rank] === 0) marked.push(rank);
        marks[rank]! |= code[g]! & 1 ? Mark.GrantedNotify : Mark.GrantedApprove;
      }
    }
    for (let i = 0; i < n; i++) {
      const e = at[i]!;
      if (code[e + E.Kind] !== Kind.Precedence) continue;
      const winner = marks[code[e + E.Pay]!]!;
      const loser = code[e + E.Pay + 1]!;
      if (winner & marks[loser]! & Mark.GrantedApprove) marks[loser]! |= Mark.DropApprove;
      if (winner & marks[loser]! & Mark.GrantedNotify) marks[loser]! |= Mark.DropNotify;
    }
  }
  // One pass in source order, so every body's vias come out in source order.
  const g = grants;
  g.entries = 0;
  g.pairs = 0;
  let escalations: EscalationEntry[] | undefined;
  nextEpoch(c.scratch);
  for (let i = 0; i < n; i++) {
    const k = hits[i]!;
    const e = at[i]!;
    const kk = code[e + E.Kind];
    const via = code[e + E.Via]!;
    if (kk === Kind.Govern) {
      for (let p = e + E.Pay; p < e + E.Pay + code[e + E.PayLen]!; p++) {
        const rank = code[p]! >> 1;
        const role = code[p]! & 1;
        if (precedence && marks[rank]! & (role ? Mark.DropNotify : Mark.DropApprove)) continue;
        g.add(entryOf, rank, role, k, via);
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
          g.add(entryOf, b.rank, role, k, via);
        }
      } else {
        for (const b of x.receivers) {
          if (x.toLayer && !covers!(b)) continue;
          bodies.push(b.id);
          g.add(entryOf, b.rank, role, k, via);
        }
      }
      (escalations ??= []).push({ to: x.to, bodies, role: x.role, trigger: x.trigger, via: x.via });
    }
  }
  if (marked) for (const rank of marked) marks[rank] = 0;
  for (let j = 0; j < g.entries; j++) entryOf[g.rank[j]! * 2 + g.role[j]!] = -1;
  const approve: BodyEntry[] = [];
  const notify: BodyEntry[] = [];
  g.build(c, vias, approve, notify);
  const verdict = approve.length ? "approval-required" : notify.length ? "notice-only" : "ungoverned";
  return { deployment: header.deployment, domain: header.domain, at: header.at, verdict, approve, notify, escalations: escalations ?? [], reasons: [] };
}

/**
 * The grants of the answer being built: an entry per (body, role), and every (entry, via) pair in
 * source order. Kept between queries (one at a time) so building an answer allocates only what the
 * answer holds: each via list is allocated once, at its final length.
 */
class Grants {
  entries = 0;
  pairs = 0;
  rank: number[] = [];
  role: number[] = [];
  count: number[] = [];
  last: number[] = [];
  pairEntry: number[] = [];
  pairVia: number[] = [];

  /** Body `rank` gets `role` through clause `k`, located by via ordinal `via`. */
  add(entryOf: Int32Array, rank: number, role: number, k: number, via: number): void {
    const slot = rank * 2 + role;
    let j = entryOf[slot]!;
    if (j < 0) {
      entryOf[slot] = j = this.entries++;
      this.rank[j] = rank;
      this.role[j] = role;
      this.count[j] = 0;
      this.last[j] = -1;
    }
    // A clause naming a body twice gives one via.
    if (this.last[j] === k) return;
    this.last[j] = k;
    this.count[j]!++;
    this.pairEntry[this.pairs] = j;
    this.pairVia[this.pairs++] = via;
  }

  /**
   * The body entries, sorted by body id (rank), into `approve` and `notify`: each via list allocated
   * once at its final length; the ordering and the lists in scratch kept between queries.
   */
  build(c: CompiledSet, vias: Via[], approve: BodyEntry[], notify: BodyEntry[]): void {
    const order = this.order;
    // A handful of entries: an insertion sort by rank.
    for (let j = 0; j < this.entries; j++) {
      let i = j;
      while (i > 0 && this.rank[order[i - 1]!]! > this.rank[j]!) {
        order[i] = order[i - 1]!;
        i--;
      }
      order[i] = j;
    }
    const lists = this.lists;
    for (let j = 0; j < this.entries; j++) {
      lists[j] = new Array<Via>(this.count[j]!);
      this.count[j] = 0;
    }
    for (let p = 0; p < this.pairs; p++) {
      const j = this.pairEntry[p]!;
      lists[j]![this.count[j]!++] = vias[this.pairVia[p]!]!;
    }
    for (let k = 0; k < this.entries; k++) {
      const j = order[k]!;
      const b = c.bodiesByRank[this.rank[j]!]!;
      (this.role[j] === 0 ? approve : notify).push({ body: b.id, name: b.name, layer: b.layer, via: lists[j]! });
    }
  }

  private readonly order: number[] = [];
  private readonly lists: Via[][] = [];
}

const grants = new Grants();

export class UnknownDomainError extends Error {}

/** Answer one validated deployment. */
export function query(c: CompiledSet, d: Deployment): Answer {
  const id = c.domainIds.get(d.domain);
  if (id === undefined) throw new UnknownDomainError(`unknown domain \`${d.domain}\``);
  const v = encodeFacts(c.layout, d.facts, c.scratch.values);
  const n = applicableHits(c, id, v, dateKey(d.at));
  return decideHits(c, c.scratch.hits, c.scratch.at, n, v, { deployment: d.name ?? null, domain: d.domain, at: d.at });
}
