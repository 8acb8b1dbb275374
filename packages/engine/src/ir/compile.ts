// Checked model → indexed IR: clauses hung on a domain trie as Int32 programs (ir/program.ts) whose
// entries also carry what an answer needs of each clause (kind, grants, via), dates as ints; clause
// objects (ClauseRt) remain for --explain, --partial, examples and escalation details.
import { condText, type CheckedSet, type Clause, type TailPart } from "@charter/lang";
import type { Via } from "../query/answer.js";
import { NO_END, NO_START, dateKey } from "./dates.js";
import { buildPrograms, type Programs } from "./program.js";
import { layoutSlots, type SlotLayout } from "./slots.js";

export interface BodyRt {
  id: string;
  name: string;
  layer: string;
  /** Rank in id order: answers sort bodies by this. */
  rank: number;
}

interface ClauseRtBase {
  /** Position in `CompiledSet.clauses`. */
  index: number;
  /** Position in source order (constitution first): answers list vias and reasons in this order. */
  order: number;
  from: number;
  until: number;
  via: Via;
  source: Clause;
  file: string;
}

export type ClauseRt =
  | (ClauseRtBase & { kind: "govern"; grants: { role: "approve" | "notify"; bodies: BodyRt[] }[] })
  | (ClauseRtBase & { kind: "escalate"; role: "approve" | "notify"; to: string; receivers: BodyRt[]; toLayer: boolean; layerIndex: number; trigger: string })
  | (ClauseRtBase & { kind: "prohibit" | "exempt" })
  | (ClauseRtBase & { kind: "precedence"; winner: BodyRt; loser: BodyRt })
  | (ClauseRtBase & { kind: "joint"; bodies: BodyRt[] });

export interface DomainRt {
  id: number;
  path: string;
  parent: number;
  /** Clauses with an exact pattern naming this node. */
  exact: ClauseRt[];
  /** Clauses with a subtree pattern rooted here (they apply to every descendant too). */
  subtree: ClauseRt[];
  /** Every clause that can apply here (global, exact, subtrees of ancestors), once each, as indices into `clauses` (source order). */
  candidates: Int32Array;
}

/** Clause kinds as small ints, as stored in the programs' entries (`E.Kind`). */
export const enum Kind {
  Govern = 0,
  Escalate = 1,
  Prohibit = 2,
  Exempt = 3,
  Precedence = 4,
  Joint = 5,
}
const KIND: Record<ClauseRt["kind"], Kind> = { govern: Kind.Govern, escalate: Kind.Escalate, prohibit: Kind.Prohibit, exempt: Kind.Exempt, precedence: Kind.Precedence, joint: Kind.Joint };

/** A clause's grant words in its program entries (see `Programs.code`). */
function grantWords(c: ClauseRt): number[] {
  if (c.kind === "govern") return c.grants.flatMap((g) => g.bodies.map((b) => b.rank * 2 + (g.role === "approve" ? 0 : 1)));
  if (c.kind === "precedence") return [c.winner.rank, c.loser.rank];
  return [];
}

/** A clause index takes the low bits of a grant's sort key while an answer is built (query.ts `Pairs`): the most clauses a set may have. */
export const CLAUSE_LIMIT = 2 ** 21;

/** Per-set scratch for queries (one query at a time per set), sized at compile time. */
export interface Scratch {
  values: Float64Array;
  /** Applicable clauses: index and program entry offset. */
  hits: Int32Array;
  at: Int32Array;
  /** The lists a query runs: the global list, the domain's exact list, and the subtree list of the domain and each ancestor. */
  lists: Int32Array;
  /** Per dimension (fact slot, then the day): the class of the query's value (ir/program.ts `classify`). */
  cls: Int32Array;
  /** Per body rank: flags used by the precedence pass; the ranks marked, to clear after. */
  marks: Uint8Array;
  marked: Int32Array;
  /** Clause indices an answer lists in source order (escalations, reasons), sorted here. */
  picked: Float64Array;
  /** Per layer: the query (`epoch`) whose covering bodies `layerHits` holds, so several escalations to one layer test `covers` once. */
  layerEpoch: Int32Array;
  epoch: number;
  /** Per layer: ranks of the bodies whose `covers` holds, in `layerHits[layerBase[l] .. + layerCount[l])`. */
  layerHits: Int32Array;
  layerAt: Int32Array;
  layerBase: Int32Array;
  layerCount: Int32Array;
}

export interface CompiledSet {
  set: CheckedSet;
  layout: SlotLayout;
  domains: DomainRt[];
  domainIds: Map<string, number>;
  /** Clauses with the `*` pattern. */
  global: ClauseRt[];
  clauses: ClauseRt[];
  bodies: Map<string, BodyRt>;
  layerRank: Map<string, number>;
  /** Bodies in id order: answers refer to bodies by rank. */
  bodiesByRank: BodyRt[];
  /** Per domain node: its parent's id, or -1. */
  parent: Int32Array;
  programs: Programs;
  scratch: Scratch;
}

function tailDate(tail: TailPart[], kind: "effective" | "until"): number {
  const p = tail.find((t) => t.kind === kind);
  return p && p.kind !== "because" ? dateKey(p.date.text) : kind === "effective" ? NO_START : NO_END;
}

function viaOf(c: Clause, file: string): Via {
  const because = c.tail.find((t) => t.kind === "because");
  // `because` is always present (undefined when absent; JSON omits it) so every Via has one shape.
  return { clause: c.kind, file, line: c.keywordSpan.line, column: c.keywordSpan.column, because: because?.kind === "because" ? because.text : undefined };
}

/**
 * Every clause object gets the same fields in the same order, whatever its kind: the query loop reads
 * `kind` on all of them, and one hidden class keeps that access monomorphic in V8.
 */
function clauseRt(c: Exclude<Clause, { kind: "delegate" | "guardrail" }>, base: Omit<ClauseRtBase, "source">, set: CheckedSet, bodies: Map<string, BodyRt>): ClauseRt {
  const body = (n: { name: string }) => bodies.get(n.name)!;
  const layerIndex = c.kind === "escalate" ? set.layers.findIndex((l) => l.name === c.to.name) : -1;
  const toLayer = layerIndex >= 0;
  const receivers =
    c.kind !== "escalate" ? [] : toLayer ? [...bodies.values()].filter((b) => b.layer === c.to.name).sort((a, b) => a.rank - b.rank) : [body(c.to)];
  const rt = {
    kind: c.kind,
    index: base.index,
    order: base.order,
    from: base.from,
    until: base.until,
    via: base.via,
    source: c,
    file: base.file,
    grants: c.kind === "govern" ? c.grants.map((g) => ({ role: g.role, bodies: g.bodies.map(body) })) : [],
    role: c.kind === "escalate" ? (c.role ?? "approve") : "approve",
    to: c.kind === "escalate" ? c.to.name : "",
    trigger: c.kind === "escalate" && c.when ? condText(c.when) : "",
    receivers,
    toLayer,
    layerIndex,
    winner: c.kind === "precedence" ? body(c.winner) : (undefined as unknown as BodyRt),
    loser: c.kind === "precedence" ? body(c.loser) : (undefined as unknown as BodyRt),
    bodies: c.kind === "joint" ? c.bodies.map(body) : [],
  };
  return rt as ClauseRt;
}

/** Compile a clean checked set. Call only when the front end reported no errors. */
export function compile(set: CheckedSet): CompiledSet {
  const layout = layoutSlots(set);
  const rankOf = new Map([...set.bodies.keys()].sort().map((id, i) => [id, i]));
  const bodies = new Map<string, BodyRt>();
  for (const b of set.bodies.values()) {
    bodies.set(b.id, {
      id: b.id,
      name: b.displayName,
      layer: b.layer ?? "",
      rank: rankOf.get(b.id)!,
    });
  }
  const domains: DomainRt[] = [];
  const domainIds = new Map<string, number>();
  for (const d of set.domains.values()) {
    // Declaration order, as `DomainInfo.index` (which read descriptors carry: descriptor/remembered.ts).
    const id = d.index;
    domainIds.set(d.path, id);
    domains.push({ id, path: d.path, parent: d.parent === undefined ? -1 : domainIds.get(d.parent)!, exact: [], subtree: [], candidates: new Int32Array(0) });
  }
  const global: ClauseRt[] = [];
  const clauses: ClauseRt[] = [];
  if (set.clauses.length >= CLAUSE_LIMIT) throw new RangeError(`a charter set of ${set.clauses.length} clauses is more than the engine answers for (at most ${CLAUSE_LIMIT - 1})`);
  set.clauses.forEach(({ clause: c, file }, order) => {
    const base = { index: clauses.length, order, from: tailDate(c.tail, "effective"), until: tailDate(c.tail, "until"), via: viaOf(c, file), file };
    if (c.kind === "delegate" || c.kind === "guardrail") return; // bounds for analysis, never part of an answer
    const rt = clauseRt(c, base, set, bodies);
    clauses.push(rt);
    // A clause listing overlapping patterns (`health.*, health.triage`) must be found once per domain.
    const seen = new Set<string>();
    for (const p of c.patterns) {
      if (p.kind === "all") {
        if (!seen.has("*")) global.push(rt);
        seen.add("*");
        continue;
      }
      const key = `${p.kind}:${p.path.join(".")}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const node = domains[domainIds.get(p.path.join("."))!]!;
      (p.kind === "exact" ? node.exact : node.subtree).push(rt);
    }
  });
  const bodiesByRank = [...bodies.values()].sort((a, b) => a.rank - b.rank);
  // Each domain's candidates, merged in source order (for --explain, --partial and coverage), and the
  // most a query can collect before duplicates are dropped (a clause may match through two patterns).
  let maxHits = global.length;
  let maxDepth = 0;
  for (const d of domains) {
    const seen = new Set<ClauseRt>(global);
    let hits = global.length + d.exact.length;
    for (const c of d.exact) seen.add(c);
    let depth = 0;
    for (let a = d.id; a >= 0; a = domains[a]!.parent, depth++) {
      hits += domains[a]!.subtree.length;
      for (const c of domains[a]!.subtree) seen.add(c);
    }
    maxHits = Math.max(maxHits, hits);
    maxDepth = Math.max(maxDepth, depth);
    d.candidates = Int32Array.from([...seen].map((c) => c.index).sort((x, y) => x - y));
  }
  const programs = buildPrograms(
    layout,
    clauses.map((c) => ({ when: c.source.when, from: c.from, until: c.until, kind: KIND[c.kind], pay: grantWords(c), via: c.via })),
    domains.map((d) => ({ exact: d.exact.map((c) => c.index), subtree: d.subtree.map((c) => c.index) })),
    global.map((c) => c.index),
    set.layers.map((l) => bodiesByRank.filter((b) => b.layer === l.name).map((b) => ({ rank: b.rank, covers: set.bodies.get(b.id)!.covers }))),
  );
  const layerBase = new Int32Array(set.layers.length);
  let base = 0;
  set.layers.forEach((l, i) => {
    layerBase[i] = base;
    base += bodiesByRank.filter((b) => b.layer === l.name).length;
  });
  return {
    set,
    layout,
    domains,
    domainIds,
    global,
    clauses,
    bodies,
    layerRank: new Map(set.layers.map((l, i) => [l.name, i])),
    bodiesByRank,
    parent: Int32Array.from(domains.map((d) => d.parent)),
    programs,
    scratch: { values: new Float64Array(layout.size), hits: new Int32Array(maxHits),
      at: new Int32Array(maxHits),
      lists: new Int32Array(2 + maxDepth), cls: new Int32Array(programs.day + 1), marks: new Uint8Array(bodiesByRank.length), marked: new Int32Array(bodiesByRank.length),
      picked: new Float64Array(maxHits),
      layerEpoch: new Int32Array(set.layers.length).fill(-1),
      epoch: 0,
      layerHits: new Int32Array(base),
      layerAt: new Int32Array(base),
      layerBase,
      layerCount: new Int32Array(set.layers.length),
    },
  };
}
