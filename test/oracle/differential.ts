// One differential case: a checked set, every cell of its space, the oracle per cell against the symbolic
// regions per key, and the lint findings against the oracle. Returns the disagreements as readable text.
import type { CheckedSet } from "../../packages/lang/src/index.js";
import { compile } from "../../packages/engine/src/ir/compile.js";
import { AnalysisContext } from "../../packages/engine/src/analysis/context.js";
import { analyse, type Finding } from "../../packages/engine/src/analysis/lint.js";
import type { Deployment } from "../../packages/engine/src/query/answer.js";
import { mergeRegion } from "../../packages/engine/src/space/index.js";
import { cellInRegion, cellOf, enumerateCells } from "./cells.js";
import { allKeys, Oracle } from "./oracle.js";
import { symbolicRegions } from "./symbolic.js";

export interface CaseResult {
  cells: number;
  /** Keys with at least one oracle cell. */
  nonEmpty: Set<string>;
  /** Region disagreements: key, a cell, what the oracle says vs what the symbolic region says. */
  regionMismatches: { key: string; which: "region" | "merged"; count: number; example: Deployment; oracle: boolean; symbolic: boolean }[];
  /** Finding disagreements, as sentences. */
  findingMismatches: string[];
  findings: Finding[];
}

const KINDS = new Set(["gap", "overlap", "ultra-vires", "guardrail", "no-receiver"]);

function findingKey(f: Finding, bySpan: Map<string, number>): string {
  switch (f.kind) {
    case "gap":
      return "gap";
    case "overlap": {
      const m = /^`([a-z_][a-z0-9_]*)` and `([a-z_][a-z0-9_]*)` both approve/.exec(f.message);
      if (!m) throw new Error(`cannot read the bodies of overlap finding: ${f.message}`);
      return m[1]! < m[2]! ? `overlap:${m[1]}|${m[2]}` : `overlap:${m[2]}|${m[1]}`;
    }
    default: {
      const i = f.span ? bySpan.get(`${f.span.file}:${f.span.start}`) : undefined;
      if (i === undefined) throw new Error(`finding ${f.code} does not point at a clause keyword: ${f.message}`);
      const prefix = f.kind === "ultra-vires" ? "ultra" : f.kind === "guardrail" ? "guardrail" : "noreceiver";
      return `${prefix}:${i}`;
    }
  }
}

export function runCase(set: CheckedSet, opts: { maxCells?: number } = {}): CaseResult {
  const compiled = compile(set);
  const ctx = new AnalysisContext(set, compiled);
  const space = ctx.space;
  const cells = enumerateCells(set, space);
  if (opts.maxCells !== undefined && cells.length > opts.maxCells) throw new Error(`runCase: ${cells.length} cells > ${opts.maxCells}`);
  const keys = allKeys(set);
  const sym = symbolicRegions(ctx);
  for (const k of sym.keys()) if (!keys.includes(k)) throw new Error(`symbolic key ${k} is not an oracle key`);

  const oracle = new Oracle(set);
  const nonEmpty = new Set<string>();
  const mism = new Map<string, CaseResult["regionMismatches"][number]>();
  const regions = keys.map((k) => sym.get(k)!);
  // The rules report merged regions (showRegion): merging must not change the set of cells either.
  const merged = regions.map((r) => mergeRegion(r));
  for (const cell of cells) {
    const o = oracle.cell(cell.deployment);
    for (const k of o.keys) if (!keys.includes(k)) throw new Error(`oracle key ${k} is not a known key`);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const expected = o.keys.has(key);
      if (expected) nonEmpty.add(key);
      for (const which of ["region", "merged"] as const) {
        const got = cellInRegion(space, (which === "region" ? regions : merged)[i]!, cell);
        if (got === expected) continue;
        const m = mism.get(`${which}:${key}`);
        if (m) m.count++;
        else mism.set(`${which}:${key}`, { key, which, count: 1, example: cell.deployment, oracle: expected, symbolic: got });
      }
    }
  }

  // Findings (the real rules, through analyse): one per key, iff the oracle's cell set is non-empty,
  // each witness a deployment the oracle puts in that key (and inside the symbolic region).
  const findings = analyse(set, {}, compiled).filter((f) => KINDS.has(f.kind));
  const bySpan = new Map<string, number>();
  set.clauses.forEach((pc, i) => bySpan.set(`${pc.clause.keywordSpan.file}:${pc.clause.keywordSpan.start}`, i));
  const findingMismatches: string[] = [];
  const seen = new Map<string, number>();
  for (const f of findings) {
    const key = findingKey(f, bySpan);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (!f.witness) {
      findingMismatches.push(`${key}: finding without a witness (${f.message})`);
      continue;
    }
    let wo;
    try {
      wo = oracle.cell(f.witness);
    } catch (e) {
      findingMismatches.push(`${key}: witness ${JSON.stringify(f.witness)} is not a valid deployment: ${(e as Error).message}`);
      continue;
    }
    if (!wo.keys.has(key)) findingMismatches.push(`${key}: witness ${JSON.stringify(f.witness)} is not in the oracle's set (reference verdict ${wo.answer.verdict}; oracle keys ${[...wo.keys].join(", ") || "none"}) — ${f.message}`);
    const symReg = sym.get(key);
    if (symReg && !cellInRegion(space, symReg, cellOf(space, f.witness))) findingMismatches.push(`${key}: witness ${JSON.stringify(f.witness)} is outside the symbolic region — ${f.message}`);
  }
  for (const key of keys) {
    const n = seen.get(key) ?? 0;
    if ((n > 0) !== nonEmpty.has(key)) findingMismatches.push(`${key}: ${n} finding(s), but the oracle has ${nonEmpty.has(key) ? "some" : "no"} cells`);
    if (key !== "gap" && n > 1) findingMismatches.push(`${key}: ${n} findings for one key`);
  }
  for (const key of seen.keys()) if (!keys.includes(key)) findingMismatches.push(`${key}: finding for an unknown key`);

  return { cells: cells.length, nonEmpty, regionMismatches: [...mism.values()], findingMismatches, findings };
}

export const CATEGORIES = ["gap", "overlap", "ultra", "guardrail", "noreceiver"] as const;
export type Category = (typeof CATEGORIES)[number];

/** The category of a key (`overlap:a|b` → `overlap`) or of a finding mismatch sentence (it starts with its key). */
export const categoryOf = (keyOrSentence: string): Category => /^[a-z]+/.exec(keyOrSentence)![0] as Category;

/** The disagreements of one category (all when none is given). */
export function mismatchCount(r: CaseResult, cat?: Category): number {
  const pick = (k: string) => cat === undefined || categoryOf(k) === cat;
  return r.regionMismatches.filter((m) => pick(m.key)).length + r.findingMismatches.filter(pick).length;
}

/** A report of a failed case, for the assertion message. */
export function describeFailure(sources: { file: string; text: string }[], r: CaseResult, cat?: Category): string {
  const pick = (k: string) => cat === undefined || categoryOf(k) === cat;
  const lines: string[] = [];
  for (const m of r.regionMismatches.filter((m) => pick(m.key))) {
    lines.push(`${m.which === "region" ? "REGION" : "MERGED REGION"} ${m.key}: ${m.count} cell(s) disagree, e.g. ${JSON.stringify(m.example)}: oracle ${m.oracle ? "IN" : "out"}, symbolic ${m.symbolic ? "IN" : "out"}`);
  }
  for (const m of r.findingMismatches.filter(pick)) lines.push(`FINDING ${m}`);
  lines.push("--- sources");
  for (const s of sources) lines.push(`--- ${s.file}`, s.text);
  return lines.join("\n");
}
