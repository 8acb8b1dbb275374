// Checked model → indexed IR: clauses hung on a domain trie, conditions as closures, dates as ints.
import { condText, type CheckedSet, type Clause, type TailPart } from "@charter/lang";
import type { Via } from "../query/answer.js";
import { always, compileCond, type Predicate } from "./conditions.js";
import { emit } from "./bytecode.js";
import { condSource } from "./codegen.js";
import { NO_END, NO_START, dateKey } from "./dates.js";
import { layoutSlots, type SlotLayout } from "./slots.js";

export interface BodyRt {
  id: string;
  name: string;
  layer: string;
  /** Rank in id order: answers sort bodies by this. */
  rank: number;
  covers: Predicate;
}

interface ClauseRtBase {
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
  | (ClauseRtBase & { kind: "escalate"; role: "approve" | "notify"; to: string; receivers: BodyRt[]; toLayer: boolean; trigger: string })
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
  /** Queries answered here so far; past a threshold the domain gets a generated test function. */
  hits: number;
  generated?: (v: Float64Array, day: number, out: number[]) => void;
}

/** What a query scans, in flat typed arrays indexed by clause position (see ir/bytecode.ts). */
export interface ClauseTable {
  from: Float64Array;
  until: Float64Array;
  codeStart: Int32Array;
  codeEnd: Int32Array;
  code: Float64Array;
  /** Scratch for the bytecode interpreter: as deep as the deepest condition. */
  stack: Uint8Array;
  /** Each condition as JavaScript (ir/codegen.ts), for generated per-domain functions. */
  sources: string[];
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
  /** Precedence clauses exist at all: lets the query skip the dropping pass. */
  hasPrecedence: boolean;
  table: ClauseTable;
}

function clauseTable(clauses: ClauseRt[], layout: SlotLayout): ClauseTable {
  const code: number[] = [];
  const codeStart = new Int32Array(clauses.length);
  const codeEnd = new Int32Array(clauses.length);
  let depth = 1;
  clauses.forEach((c, i) => {
    codeStart[i] = code.length;
    depth = Math.max(depth, emit(c.source.when, layout, code));
    codeEnd[i] = code.length;
  });
  return {
    from: Float64Array.from(clauses.map((c) => c.from)),
    until: Float64Array.from(clauses.map((c) => c.until)),
    codeStart,
    codeEnd,
    code: Float64Array.from(code),
    stack: new Uint8Array(depth + 1),
    sources: clauses.map((c) => (c.source.when ? condSource(c.source.when, layout) : "true")),
  };
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
  const toLayer = c.kind === "escalate" && set.layers.some((l) => l.name === c.to.name);
  const receivers =
    c.kind !== "escalate" ? [] : toLayer ? [...bodies.values()].filter((b) => b.layer === c.to.name).sort((a, b) => a.rank - b.rank) : [body(c.to)];
  const rt = {
    kind: c.kind,
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
    winner: c.kind === "precedence" ? body(c.winner) : (undefined as unknown as BodyRt),
    loser: c.kind === "precedence" ? body(c.loser) : (undefined as unknown as BodyRt),
    bodies: c.kind === "joint" ? c.bodies.map(body) : [],
  };
  return rt as ClauseRt;
}

/** Compile a clean checked set. Call only when the front end reported no errors. */
export function compile(set: CheckedSet): CompiledSet {
  const layout = layoutSlots(set);
  const ids = [...set.bodies.keys()].sort();
  const bodies = new Map<string, BodyRt>();
  for (const b of set.bodies.values()) {
    bodies.set(b.id, {
      id: b.id,
      name: b.displayName,
      layer: b.layer ?? "",
      rank: ids.indexOf(b.id),
      covers: b.covers ? compileCond(b.covers, layout) : always,
    });
  }
  const domains: DomainRt[] = [];
  const domainIds = new Map<string, number>();
  for (const d of set.domains.values()) {
    const id = domains.length;
    domainIds.set(d.path, id);
    domains.push({ id, path: d.path, parent: d.parent === undefined ? -1 : domainIds.get(d.parent)!, exact: [], subtree: [], candidates: new Int32Array(0), hits: 0 });
  }
  const global: ClauseRt[] = [];
  const clauses: ClauseRt[] = [];
  set.clauses.forEach(({ clause: c, file }, order) => {
    const base = { order, from: tailDate(c.tail, "effective"), until: tailDate(c.tail, "until"), via: viaOf(c, file), file };
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
  // Pre-merge each domain's candidates: a query then scans one array, already in source order.
  const position = new Map(clauses.map((c, i) => [c, i]));
  for (const d of domains) {
    const seen = new Set<ClauseRt>(global);
    for (const c of d.exact) seen.add(c);
    for (let a = d.id; a >= 0; a = domains[a]!.parent) for (const c of domains[a]!.subtree) seen.add(c);
    d.candidates = Int32Array.from([...seen].map((c) => position.get(c)!).sort((x, y) => x - y));
  }
  const table = clauseTable(clauses, layout);
  return {
    set,
    layout,
    domains,
    domainIds,
    global,
    clauses,
    bodies,
    layerRank: new Map(set.layers.map((l, i) => [l.name, i])),
    table,
    hasPrecedence: clauses.some((c) => c.kind === "precedence"),
  };
}
