// Deployment → answer (language.md §5): run the lists of the domain's node and of its ancestors'
// subtrees (ir/program.ts), then apply the verdict rules to the clause indices that hold.
import { CLAUSE_LIMIT, Kind, type BodyRt, type ClauseRt, type CompiledSet } from "../ir/compile.js";
import { dateKey } from "../ir/dates.js";
import { E, M, payStart, runLists } from "../ir/program.js";
import { encodeFacts } from "../ir/slots.js";
import { rememberedDomainId } from "../descriptor/remembered.js";
import type { Answer, BodyEntry, Deployment, EscalationEntry, Via } from "./answer.js";

/**
 * The clauses that apply to a domain id, facts and day, as found: their indices in
 * `c.scratch.hits[0 .. count)` and their entries in `c.scratch.at`, a clause once per pattern it
 * matched through; returns the count. Valid until the next query on `c`; leaves the facts' classes
 * in `c.scratch.cls` for the escalations' `covers`.
 */
export function candidateHits(c: CompiledSet, domainId: number, v: Float64Array, day: number): number {
  const p = c.programs;
  const { hits, at, lists, cls } = c.scratch;
  p.classify(v, day, cls);
  let count = 0;
  if (p.global >= 0) lists[count++] = p.global;
  if (p.exact[domainId]! >= 0) lists[count++] = p.exact[domainId]!;
  for (let a = domainId; a >= 0; a = c.parent[a]!) if (p.subtree[a]! >= 0) lists[count++] = p.subtree[a]!;
  return runLists(p, lists, count, v, day, cls, hits, at, 0);
}

/** The clauses that apply to a domain id, facts and day, in source order, each once. */
export function applicable(c: CompiledSet, domainId: number, v: Float64Array, day: number): ClauseRt[] {
  const n = candidateHits(c, domainId, v, day);
  const { hits, picked } = c.scratch;
  for (let i = 0; i < n; i++) picked[i] = hits[i]!;
  const m = sortDistinct(picked, n);
  const out = new Array<ClauseRt>(m);
  for (let i = 0; i < m; i++) out[i] = c.clauses[picked[i]!]!;
  return out;
}

/** Whether a body's `covers` holds; partial answers pass a stricter test (decided without missing facts). */
export type CoversTest = (b: BodyRt) => boolean;

/** Ranks of the bodies of layer `l` whose `covers` holds, in `scratch.layerHits` from `layerBase[l]`; tested once per query. */
function coveringBodies(c: CompiledSet, l: number, v: Float64Array): number {
  const s = c.scratch;
  if (s.layerEpoch[l] !== s.epoch) {
    s.layerEpoch[l] = s.epoch;
    const list = c.programs.layers[l]!;
    s.lists[0] = list;
    s.layerCount[l] = list < 0 ? 0 : runLists(c.programs, s.lists, 1, v, 0, s.cls, s.layerHits, s.layerAt, s.layerBase[l]!) - s.layerBase[l]!;
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
  // Escalations to a layer run its bodies' `covers` on the classes of `v` (the day plays no part there).
  if (!covers) c.programs.classify(v, 0, c.scratch.cls);
  return decideHits(c, Int32Array.from(applied, (x) => x.index), Int32Array.from(applied, (x) => entry[x.index]!), applied.length, v, header.deployment, header.domain, header.at, covers);
}

/** Per-body flags of the precedence pass (`Scratch.marks`). */
const enum Mark {
  GrantedApprove = 1,
  GrantedNotify = 2,
  DropApprove = 4,
  DropNotify = 8,
}

/**
 * Sort `a[0 .. n)` ascending: an insertion sort for the handful of numbers an answer usually sorts,
 * the built-in sort beyond that (an answer can hold thousands of grants, where insertion is quadratic).
 */
function sortNumbers(a: Float64Array, n: number): void {
  if (n > 64) {
    a.subarray(0, n).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

/** Sort `a[0 .. n)` ascending and drop repeats; returns the new length. */
function sortDistinct(a: Float64Array, n: number): number {
  sortNumbers(a, n);
  let m = 0;
  for (let i = 0; i < n; i++) if (m === 0 || a[i] !== a[m - 1]) a[m++] = a[i]!;
  return m;
}

/** The clause indices among `hits[0 .. n)` whose entries are of `kind`, each once, in source order, into `c.scratch.picked`; returns how many. */
function pickKind(c: CompiledSet, hits: Int32Array, at: Int32Array, n: number, kind: Kind): number {
  const { code } = c.programs;
  const { picked } = c.scratch;
  let m = 0;
  for (let i = 0; i < n; i++) if ((code[at[i]! + E.Meta]! & M.Kind) === kind) picked[m++] = hits[i]!;
  return sortDistinct(picked, m);
}

/**
 * `decide` over clause indices `hits[0 .. n)` with their program entries in `at`, in any order and
 * with repeats (a clause that matched through two of its patterns): what a clause grants is read from
 * its entry, just evaluated and still in cache. Source order is restored only where the answer shows
 * it — vias (grants are sorted by body, then clause), escalations and reasons — instead of sorting
 * every hit first. Without `covers`, bodies' `covers` are run from the programs.
 */
export function decideHits(c: CompiledSet, hits: Int32Array, at: Int32Array, n: number, v: Float64Array, deployment: string | null, domain: string, date: string, covers?: CoversTest): Answer {
  const code = c.programs.code;
  const vias = c.programs.vias;
  let prohibited = false;
  let exempt = false;
  let precedence = false;
  let escalating = false;
  for (let i = 0; i < n; i++) {
    const k = code[at[i]! + E.Meta]! & M.Kind;
    if (k === Kind.Prohibit) prohibited = true;
    else if (k === Kind.Exempt) exempt = true;
    else if (k === Kind.Precedence) precedence = true;
    else if (k === Kind.Escalate) escalating = true;
  }
  const { marks, picked } = c.scratch;
  if (prohibited || exempt) {
    const m = pickKind(c, hits, at, n, prohibited ? Kind.Prohibit : Kind.Exempt);
    const reasons: Via[] = new Array<Via>(m);
    for (let i = 0; i < m; i++) reasons[i] = vias[picked[i]!]!;
    return { deployment, domain, at: date, verdict: prohibited ? "prohibited" : "exempt", approve: [], notify: [], escalations: [], reasons };
  }
  // Precedence is decided against the govern grants alone, before anything is dropped or escalated.
  // Bodies given a mark, to clear after (their ranks in `scratch.marked`).
  let marked = 0;
  const markedRanks = c.scratch.marked;
  if (precedence) {
    for (let i = 0; i < n; i++) {
      const e = at[i]!;
      const meta = code[e + E.Meta]!;
      if ((meta & M.Kind) !== Kind.Govern) continue;
      for (let g = payStart(e, meta), end = g + (meta >> M.PayShift); g < end; g++) {
        const rank = code[g]! >> 1;
        if (marks[rank] === 0) markedRanks[marked++] = rank;
        marks[rank]! |= code[g]! & 1 ? Mark.GrantedNotify : Mark.GrantedApprove;
      }
    }
    for (let i = 0; i < n; i++) {
      const e = at[i]!;
      const meta = code[e + E.Meta]!;
      if ((meta & M.Kind) !== Kind.Precedence) continue;
      const pay = payStart(e, meta);
      const winner = marks[code[pay]!]!;
      const loser = code[pay + 1]!;
      if (winner & marks[loser]! & Mark.GrantedApprove) marks[loser]! |= Mark.DropApprove;
      if (winner & marks[loser]! & Mark.GrantedNotify) marks[loser]! |= Mark.DropNotify;
    }
  }
  // Every grant as a (body rank * 2 + role, clause) pair; Pairs.build sorts them.
  const p = pairs;
  p.n = 0;
  for (let i = 0; i < n; i++) {
    const e = at[i]!;
    const meta = code[e + E.Meta]!;
    if ((meta & M.Kind) !== Kind.Govern) continue;
    const k = hits[i]!;
    for (let g = payStart(e, meta), end = g + (meta >> M.PayShift); g < end; g++) {
      const w = code[g]!;
      if (precedence && marks[w >> 1]! & (w & 1 ? Mark.DropNotify : Mark.DropApprove)) continue;
      p.add(w, k);
    }
  }
  for (let i = 0; i < marked; i++) marks[markedRanks[i]!] = 0;
  let escalations: EscalationEntry[] = [];
  if (escalating) {
    const m = pickKind(c, hits, at, n, Kind.Escalate);
    escalations = new Array<EscalationEntry>(m);
    nextEpoch(c.scratch);
    for (let i = 0; i < m; i++) {
      const k = picked[i]!;
      const x = c.clauses[k] as ClauseRt & { kind: "escalate" };
      let bodies: string[];
      const role = x.role === "approve" ? 0 : 1;
      if (x.toLayer && !covers) {
        const { layerHits } = c.scratch;
        const from = c.scratch.layerBase[x.layerIndex]!;
        const count = coveringBodies(c, x.layerIndex, v);
        bodies = new Array<string>(count);
        for (let j = 0; j < count; j++) {
          const b = c.bodiesByRank[layerHits[from + j]!]!;
          bodies[j] = b.id;
          p.add(b.rank * 2 + role, k);
        }
      } else {
        bodies = [];
        for (const b of x.receivers) {
          if (x.toLayer && !covers!(b)) continue;
          bodies.push(b.id);
          p.add(b.rank * 2 + role, k);
        }
      }
      escalations[i] = { to: x.to, bodies, role: x.role, trigger: x.trigger, via: x.via };
    }
  }
  const approve: BodyEntry[] = [];
  const notify: BodyEntry[] = [];
  p.build(c, vias, approve, notify);
  const verdict = approve.length ? "approval-required" : notify.length ? "notice-only" : "ungoverned";
  return { deployment, domain, at: date, verdict, approve, notify, escalations, reasons: [] };
}

/**
 * The grants of the answer being built, as one Float64Array of sort keys kept between queries (one
 * query at a time): `(body rank * 2 + role) * CLAUSE_LIMIT + clause`, exact in a double. Sorted, they
 * give the body entries in body-id order, each with its clauses in source order, and the same grant
 * twice (a clause that applied through two patterns, or names a body twice) side by side.
 */
class Pairs {
  n = 0;
  keys = new Float64Array(64);

  /** Body rank * 2 + role `key` gets its role through clause `k`. */
  add(key: number, k: number): void {
    if (this.n === this.keys.length) {
      const more = new Float64Array(this.n * 2);
      more.set(this.keys);
      this.keys = more;
    }
    this.keys[this.n++] = key * CLAUSE_LIMIT + k;
  }

  /** The body entries sorted by body id (rank) into `approve` and `notify`, vias in source order. */
  build(c: CompiledSet, vias: Via[], approve: BodyEntry[], notify: BodyEntry[]): void {
    const keys = this.keys;
    const n = this.n;
    sortNumbers(keys, n);
    for (let a = 0; a < n; ) {
      const first = keys[a]!;
      const kf = Math.floor(first / CLAUSE_LIMIT);
      const groupEnd = (kf + 1) * CLAUSE_LIMIT;
      // The group of grants to this body in this role; the same clause twice gives one via.
      let b = a + 1;
      let count = 1;
      for (; b < n && keys[b]! < groupEnd; b++) if (keys[b] !== keys[b - 1]) count++;
      const list = new Array<Via>(count);
      list[0] = vias[first - kf * CLAUSE_LIMIT]!;
      for (let q = a + 1, m = 1; q < b; q++) if (keys[q] !== keys[q - 1]) list[m++] = vias[keys[q]! - kf * CLAUSE_LIMIT]!;
      const body = c.bodiesByRank[kf >> 1]!;
      (kf & 1 ? notify : approve).push({ body: body.id, name: body.name, layer: body.layer, via: list });
      a = b;
    }
  }
}

const pairs = new Pairs();

export class UnknownDomainError extends Error {}

/** Answer one validated deployment. */
export function query(c: CompiledSet, d: Deployment): Answer {
  const remembered = rememberedDomainId(d, c.set);
  const id = remembered >= 0 ? remembered : c.domainIds.get(d.domain);
  if (id === undefined) throw new UnknownDomainError(`unknown domain \`${d.domain}\``);
  const v = encodeFacts(c.layout, d.facts, c.scratch.values);
  const n = candidateHits(c, id, v, dateKey(d.at));
  return decideHits(c, c.scratch.hits, c.scratch.at, n, v, d.name ?? null, d.domain, d.at);
}
