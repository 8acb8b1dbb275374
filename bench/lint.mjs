// `charter lint` at scale (issue 4): full analysis of generated sets, time, memory and findings, and the
// brute-force alternative (enumerate every cell, query each) measured on what it can do in a budget.
//
//   node --expose-gc bench/lint.mjs [--sizes=1000,10000,100000] [--budget=120]
//
// Each size runs in its own process with a wall-clock budget (seconds); a size that exceeds it is
// reported as such rather than stalling `pnpm bench`.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const args = Object.fromEntries(process.argv.slice(2).filter((a) => a.startsWith("--")).map((a) => a.slice(2).split("=")));
const self = fileURLToPath(import.meta.url);

if (args.one) {
  const n = Number(args.one);
  const { generateSet, deploymentGenerator } = await import("./generate.mjs");
  const { checkSources } = await import("../packages/lang/dist/index.js");
  const { compile, analyse, query, space } = await import("../packages/engine/dist/index.js");
  const g = generateSet(n, 7);
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let t = performance.now();
  const loaded = checkSources(g.sources);
  const checkMs = performance.now() - t;
  // As `charter lint` runs it: analyse compiles the query IR only if a rule needs it (examples).
  t = performance.now();
  const findings = analyse(loaded.set, {});
  const lintMs = performance.now() - t;
  const compiled = compile(loaded.set);
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  const byKind = {};
  for (const f of findings) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  // Brute force: the cells an exhaustive check must visit (every domain × every representative value of
  // every fact between the set's thresholds × every date segment), timed per cell on real queries.
  const s = new space.Space(loaded.set);
  const thresholds = new Map();
  const dates = new Set();
  for (const p of loaded.set.clauses) {
    for (const t2 of p.clause.tail) if (t2.kind !== "because") dates.add(t2.date.text);
    const walk = (c) => {
      if (!c) return;
      if (c.kind === "and" || c.kind === "or") c.items.forEach(walk);
      else if (c.kind === "not") walk(c.item);
      else if (c.kind === "cmp" && c.value.kind === "number") {
        const key = c.subject.kind === "count" ? `count(${c.subject.name})` : c.subject.name;
        if (!thresholds.has(key)) thresholds.set(key, new Set());
        thresholds.get(key).add(c.value.value);
      }
    };
    walk(p.clause.when);
  }
  let cells = s.domains.length * (2 * dates.size + 1);
  for (const f of s.facts) {
    const k = thresholds.get(f.name)?.size ?? 0;
    cells *= f.type.kind === "bool" ? 2 : f.type.kind === "enum" ? f.values.length : f.type.kind === "set" ? 2 ** f.values.length : 2 * k + 1;
  }
  const next = deploymentGenerator(g.model, 3);
  const sample = Array.from({ length: 20000 }, next);
  for (let i = 0; i < 2000; i++) query(compiled, sample[i]);
  t = performance.now();
  for (const d of sample) query(compiled, d);
  const perCellUs = ((performance.now() - t) * 1000) / sample.length;
  const bruteS = (cells * perCellUs) / 1e6;
  console.log(JSON.stringify({ n, checkMs, lintMs, heapMb, findings: findings.length, byKind, cells, perCellUs, bruteS }));
} else {
  const sizes = (args.sizes ?? "1000,10000,100000").split(",").map(Number);
  const budget = Number(args.budget ?? 120);
  // Each size runs `--repeat` times (default 3), each in a fresh process; the median run is reported
  // (this 2-core machine's timings vary by ±10% between runs).
  const repeat = Number(args.repeat ?? 3);
  const fmt = (x) => (x >= 1e6 ? x.toExponential(2) : x.toFixed(x < 10 ? 2 : 0));
  console.log("size      check      lint       heap      findings   brute-force cells   est. brute force   brute : lint");
  for (const n of sizes) {
    const runs = [];
    for (let k = 0; k < repeat; k++) {
      const r = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=8192", self, `--one=${n}`], { encoding: "utf8", timeout: budget * 1000 });
      if (r.status !== 0) {
        console.log(`${String(n).padEnd(9)} did not finish within ${budget} s${r.signal ? ` (${r.signal})` : ""}`);
        break;
      }
      runs.push(JSON.parse(r.stdout.trim().split("\n").pop()));
    }
    if (runs.length < repeat) continue;
    runs.sort((a, b) => a.lintMs - b.lintMs);
    const x = runs[runs.length >> 1];
    if (repeat > 1) x.allMs = runs.map((r) => r.lintMs);
    console.log(
      `${String(n).padEnd(9)} ${fmt(x.checkMs).padStart(6)} ms  ${fmt(x.lintMs / 1000).padStart(6)} s  ${fmt(x.heapMb).padStart(6)} MB  ${String(x.findings).padStart(8)}   ${fmt(x.cells).padStart(17)}   ${fmt(x.bruteS).padStart(12)} s   ${fmt(x.bruteS / (x.lintMs / 1000)).padStart(10)}×`,
    );
    console.log(`          findings by kind: ${Object.entries(x.byKind).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    if (x.allMs) console.log(`          lint runs (s): ${x.allMs.map((ms) => (ms / 1000).toFixed(2)).join(", ")} — median shown`);
  }
}
