// Differential tests: the symbolic lint analysis (region algebra + rules) against a brute-force oracle
// that enumerates EVERY cell of the space of small random charter sets and asks the reference evaluator.
// For each of gaps, overlaps, ultra vires, guardrails and escalations with no receiver: a cell is in the
// symbolic region iff the oracle says so; a finding exists iff the oracle's cell set is non-empty; and
// every finding's witness is in the oracle's set.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AnalysisContext } from "../../packages/engine/src/analysis/context.js";
import { compile } from "../../packages/engine/src/ir/compile.js";
import { Bits, interval, type Box, type Region } from "../../packages/engine/src/space/index.js";
import { checkedSet } from "../arbitraries/charter-set.js";
import type { Clause } from "../../packages/lang/src/index.js";
import type { Deployment } from "../../packages/engine/src/query/answer.js";
import { Oracle } from "./oracle.js";
import { arbSmallSet, MAX_CELLS, type Source } from "./arb.js";
import { cellInRegion, cellOf, countCells, enumerateCells, intPoints, numberPoints } from "./cells.js";
import { CATEGORIES, categoryOf, describeFailure, mismatchCount, runCase, type CaseResult, type Category } from "./differential.js";

const SETS = 300;
const SEED = 20260402;

const CONSTITUTION = `constitution "c"
layers { low < high }
enum e0 { red, green, blue }
facts {
  n: number
  k: int 0..3
  s: set of e0
  b: bool
}
domains { a { x, y } z }
body p { layer low covers n >= 1e25 }
body q { layer high covers b }
govern a.* when n > 2.5 and s contains red approve p
  effective 2026-01-01 until 2026-06-30
escalate z when count(s) >= 2 to high
`;

describe("oracle helpers", () => {
  it("representative points: constants, strictly between, below and above", () => {
    expect(numberPoints([])).toEqual([0]);
    expect(numberPoints([1e25, 0, 1e25])).toEqual([-1, 0, 5e24, 1e25, 2e25]);
    expect(numberPoints([-7, 2.5])).toEqual([-14, -7, -2.25, 2.5, 5]);
    expect(intPoints([], 0, 3)).toEqual([0, 1, 2, 3]);
    expect(intPoints([2, 5], undefined, undefined)).toEqual([-8, 1, 2, 3, 4, 5, 6, 15]);
  });

  it("enumerates every cell and places each exactly in a hand-built region", () => {
    const set = checkedSet([{ file: "c.charter", text: CONSTITUTION }]);
    const space = new AnalysisContext(set, compile(set)).space;
    const cells = enumerateCells(set, space);
    // 4 domains × n {0, 2.5, 5e24, 1e25, 2e25} × k 4 × s 8 × b 2 × days {eff−1, eff, until−1, until, far before, far after}
    expect(cells.length).toBe(4 * 5 * 4 * 8 * 2 * 6);
    expect(countCells(set, space)).toBe(cells.length);
    // n in (2.5, 1e25], s ∋ red, ∌ blue, |s| ≤ 1, k == 3, any bool, any date, domain a.x only.
    const f = (name: string) => space.factIndex.get(name)!.index;
    const box: Box = space.full.map((d, i) => {
      if (i === 0) return { kind: "bits", bits: Bits.of(space.domains.length, [space.domainIndex.get("a.x")!]) };
      if (i === f("n")) return { kind: "interval", iv: interval(2.5, 1e25, false, true, false) };
      if (i === f("k")) return { kind: "interval", iv: interval(3, 3, true) };
      if (i === f("s")) return { kind: "set", mustIn: Bits.of(3, [0]), mustOut: Bits.of(3, [2]), count: interval(0, 1, true) };
      return d;
    });
    const region: Region = [box];
    let inside = 0;
    for (const c of cells) {
      const d = c.deployment;
      const s = d.facts.s as string[];
      const n = d.facts.n as number;
      const want = d.domain === "a.x" && n > 2.5 && n <= 1e25 && d.facts.k === 3 && s.length === 1 && s[0] === "red";
      expect(cellInRegion(space, region, c)).toBe(want);
      if (want) inside++;
    }
    expect(inside).toBe(2 /* n */ * 2 /* b */ * 6 /* days */);
    const w = cellOf(space, { domain: "a.x", at: "2026-01-01", facts: { n: 1e25, k: 3, s: ["red"], b: true } });
    expect(cellInRegion(space, region, w)).toBe(true);
  });

  it("the hand-built set: symbolic = oracle", () => {
    const sources = [{ file: "c.charter", text: CONSTITUTION }];
    const r = runCase(checkedSet(sources));
    expect(r.nonEmpty.has("gap")).toBe(true);
    expect(r.nonEmpty.has("noreceiver:1")).toBe(true);
    expect(r.regionMismatches.length + r.findingMismatches.length, describeFailure(sources, r)).toBe(0);
  });
});

// One pass per set computes every category; each category then has its own test (and its own shrinking
// on failure), reusing the cached pass for the same generated set, so a bug in one rule does not hide
// the others and the whole file stays fast.
const cache = new Map<string, CaseResult>();
const stats = { sets: 0, cells: 0 };
function caseOf(sources: Source[]): CaseResult {
  const key = JSON.stringify(sources);
  let r = cache.get(key);
  if (!r) {
    r = runCase(checkedSet(sources), { maxCells: MAX_CELLS });
    cache.set(key, r);
    stats.sets++;
    stats.cells += r.cells;
  }
  return r;
}

const TITLES: Record<Category, string> = {
  gap: "gaps (verdict ungoverned)",
  overlap: "overlaps per body pair",
  ultra: "ultra vires per body-charter clause",
  guardrail: "failing guardrails",
  noreceiver: "escalations with no receiver",
};

describe(`symbolic analysis = brute-force oracle, on every cell of ${SETS} random small charter sets (≤ ${MAX_CELLS} cells each)`, () => {
  for (const cat of CATEGORIES) {
    it(`${TITLES[cat]}: regions cell by cell, findings iff non-empty, witnesses inside`, () => {
      let withCells = 0;
      let without = 0;
      fc.assert(
        fc.property(arbSmallSet(), ({ sources }) => {
          const r = caseOf(sources);
          if ([...r.nonEmpty].some((k) => categoryOf(k) === cat)) withCells++;
          else without++;
          if (mismatchCount(r, cat) > 0) throw new Error(describeFailure(sources, r, cat));
        }),
        { numRuns: SETS, seed: SEED },
      );
      // The generator must exercise the category both ways.
      expect(withCells).toBeGreaterThan(SETS / 20);
      expect(without).toBeGreaterThan(SETS / 20);
    });
  }

  it("covers thousands of cells", () => {
    console.log(`oracle: ${stats.sets} distinct sets, ${stats.cells} cells enumerated`);
    expect(stats.cells).toBeGreaterThan(10_000);
  });
});

describe("the shipped charter sets", () => {
  const root = fileURLToPath(new URL("../../charters/", import.meta.url));
  const load = (dir: string) =>
    readdirSync(root + dir)
      .filter((f) => f.endsWith(".charter"))
      .sort()
      .map((f) => ({ file: f, text: readFileSync(`${root}${dir}/${f}`, "utf8") }));

  it("charters/model (language.md §3–4): symbolic = oracle on every cell, and the oracle reads §5's lint claims", () => {
    const sources = load("model");
    const set = checkedSet(sources);
    const r = runCase(set);
    expect(r.regionMismatches.length + r.findingMismatches.length, describeFailure(sources, r)).toBe(0);

    // language.md §5: what `charter lint` must (and must not) report on §3 + §4, as the oracle sees it.
    const index = (pred: (c: Clause) => boolean) => set.clauses.findIndex((pc) => pred(pc.clause));
    const twoLayers = index((c) => c.kind === "guardrail" && c.name === "Frontier systems answer to two layers");
    const professional = index((c) => c.kind === "guardrail" && c.name === "A professional body approves every UK health deployment");
    const toSupranational = index((c) => c.kind === "escalate" && c.to.name === "supranational");
    const oracle = new Oracle(set);
    const at = (domain: string, facts: Deployment["facts"]) =>
      oracle.cell({ domain, at: "2026-01-01", facts: { region: "us", markets: ["us"], compute: 1e22, open_weights: false, purpose: "general", bio_uplift: 0, ...facts } }).keys;
    expect(at("finance.credit", { region: "us", compute: 1e24 }).has("gap")).toBe(true);
    expect(at("employment.recruitment", {}).has("gap")).toBe(true);
    expect(at("frontier", { compute: 9.9e24 }).has("gap")).toBe(true);
    expect(at("frontier", { region: "eu", markets: ["eu"], compute: 1e25 }).has("gap")).toBe(false);
    expect(at("frontier", { region: "us", compute: 1e25 }).has(`noreceiver:${toSupranational}`)).toBe(true);
    expect(at("frontier", { region: "eu", markets: ["eu"], compute: 1e25 }).has(`guardrail:${twoLayers}`)).toBe(true);
    expect(at("health", { region: "uk", markets: ["uk"] }).has(`guardrail:${professional}`)).toBe(true);
    expect(r.nonEmpty.has("gap")).toBe(true);
    expect(r.nonEmpty.has("overlap:bma|mhra")).toBe(false);
  });
});
