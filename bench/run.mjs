// `pnpm bench`: charter's compile time, memory, query latency and descriptor throughput at 1k, 10k and
// 100k clauses, Cedar side by side on the same policies, and CLI cold start. See bench/README.md.
//
//   node bench/run.mjs [--sizes=1000,10000,100000] [--cedar-max=100000] [--deployments=20000]
//                      [--cedar-budget=30000] [--no-coldstart] [--hyperfine] [--no-lint] [--json=bench/results/latest.json]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { coldStart } from "./coldstart.mjs";
import { fmtNum, fmtRatio, table } from "./stats.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = Object.fromEntries(
  process.argv.slice(2).filter((a) => a.startsWith("--")).map((a) => {
    const [k, v] = a.slice(2).split("=");
    return [k, v ?? "true"];
  }),
);
const sizes = (args.sizes ?? "1000,10000,100000").split(",").map((s) => Number(s.replace(/k$/i, "000")));
const cedarMax = Number((args["cedar-max"] ?? "100000").replace(/k$/i, "000"));
const deployments = Number(args.deployments ?? 20_000);
const cedarBudget = Number(args["cedar-budget"] ?? 30_000);
const jsonOut = args.json ?? join(root, "bench/results/latest.json");

for (const f of ["packages/lang/dist/index.js", "packages/engine/dist/index.js", "packages/cli/dist/main.js"]) {
  if (!existsSync(join(root, f))) {
    console.error(`bench: ${f} is missing — build first: npx -y pnpm@10 run build`);
    process.exit(1);
  }
}

const started = Date.now();
const when = new Date().toISOString().slice(0, 10);
const machine = `${cpus().length} × ${cpus()[0]?.model?.trim() ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}/${process.arch}`;
console.log(`charter benchmark — ${when} — ${machine}; load average at start ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
console.log(`sizes: ${sizes.join(", ")} clauses; Cedar up to ${cedarMax} clauses; ${deployments} random deployments per size\n`);

const results = [];
for (const n of sizes) {
  const cedar = n <= cedarMax;
  const opts = { deployments, cedar, cedarBudgetMs: cedarBudget, cedarSkipReason: cedar ? undefined : `capped (--cedar-max=${cedarMax})` };
  console.log(`── ${n.toLocaleString("en-US")} clauses ──`);
  const t = Date.now();
  const r = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=8192", join(root, "bench/size.mjs"), String(n), JSON.stringify(opts)], {
    cwd: root, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", maxBuffer: 1 << 28,
  });
  if (r.status !== 0) {
    console.error(`bench: size ${n} failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ""})`);
    process.exit(1);
  }
  const res = JSON.parse(r.stdout.trim().split("\n").pop());
  res.wallS = (Date.now() - t) / 1000;
  results.push(res);
  console.log(`  (${res.wallS.toFixed(0)} s)\n`);
}

let cold;
if (args["no-coldstart"] === undefined) {
  console.log("── CLI cold start ──");
  try {
    cold = coldStart({ cwd: root, hyperfine: args.hyperfine !== undefined });
    console.log(`  ${cold.tool}\n`);
  } catch (e) {
    console.log(`  cold start not measured: ${String(e.message).split("\n")[0]}\n`);
  }
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------
const k = (n) => (n >= 1000 ? `${n / 1000}k` : String(n));
const out = [];
const say = (s = "") => out.push(s);

say("══ charter: the set, compile, memory ══");
say(table([
  ["clauses", "bodies", "domains", "files", "source MB", "parse+check ms", "compile ms", "heap: checked MB", "heap: IR MB", "heap: total MB"],
  ...results.map((r) => [k(r.n), r.stats.bodies, r.stats.domains, r.stats.bodyCharters + 1, fmtNum(r.stats.sourceBytes / 1e6), fmtNum(r.checkMs), `${fmtNum(r.compileMs)} (best ${fmtNum(r.compileBestMs)})`, fmtNum(r.heapMB.checked), fmtNum(r.heapMB.compiled), fmtNum(r.heapMB.total)]),
]));
for (const r of results) say(`  ${k(r.n)}: ${Object.entries(r.stats.byKind).map(([kind, c]) => `${kind} ${c}`).join(", ")}; bodies ${Object.entries(r.stats.bodiesByLayer).map(([l, c]) => `${l} ${c}`).join(", ")}; ${r.stats.sectors} sectors, depth ≤ ${r.stats.maxDepth}`);
say();
say(`══ charter: in-process answers (query(compiled, deployment) → full Answer), ${deployments} random deployments ══`);
say(table([
  ["clauses", "candidates/query", "applicable/query", "p50 µs", "p50 per pass µs", "p90 µs", "p99 µs", "max µs", "mean µs", "batch16 p50 µs", "batch16 p99 µs", "by-domain p50 µs", "built-in-JS p50 µs"],
  ...results.map((r) => [k(r.n), fmtNum(r.candidatesPerQuery, 0), fmtNum(r.applicablePerQuery, 1), fmtNum(r.single.p50), r.passP50 ? `${fmtNum(Math.min(...r.passP50))}–${fmtNum(Math.max(...r.passP50))}` : "—", fmtNum(r.single.p90), fmtNum(r.single.p99), fmtNum(r.single.max), fmtNum(r.throughputUs), fmtNum(r.batch16.p50), fmtNum(r.batch16.p99), fmtNum(r.sortedByDomain?.p50), fmtNum(r.singleBuilt?.p50)]),
]));
say(`  single-call figures: hrtime.bigint() around each call, minus the timer's own median cost (${results[0]?.timerNs} ns), pooled over ${results[0]?.passP50?.length ?? 1} passes over the deployments (each pass's own p50: the spread between them is this machine's noise); batch16: 16 different deployments per timing, per-answer mean;`);
say("  deployments as readDescriptors gives them (what every CLI and service query answers); by-domain: the same sorted by domain (caches warm for that domain's clauses, but the deployments visited out of the order they were read in); built-in-JS: the same deployments as objects made in JavaScript (their domain strings are not the set's, so the domain lookup compares characters)");
say(`  verdict mix at ${k(results[results.length - 1].n)}: ${Object.entries(results[results.length - 1].verdicts).map(([v, c]) => `${v} ${((100 * c) / deployments).toFixed(1)}%`).join(", ")}; mean approvers ${fmtNum(results[results.length - 1].meanApprovers)}`);
say();
say("══ charter: a batch of 10,000 descriptors (one multi-document YAML; readDescriptors → validate → query each) ══");
say(table([
  ["clauses", "YAML MB", "read+validate ms", "answer ms", "total ms", "per answer µs", "2nd run total ms", "2nd run per answer µs"],
  ...results.map((r) => [k(r.n), fmtNum(r.descriptors[0].bytes / 1e6), fmtNum(r.descriptors[0].readMs), fmtNum(r.descriptors[0].queryMs), fmtNum(r.descriptors[0].totalMs), fmtNum(r.descriptors[0].perAnswerUs), fmtNum(r.descriptors[1].totalMs), fmtNum(r.descriptors[1].perAnswerUs)]),
]));
say("  first run includes compiling the JSON-Schema validator for the set (once per process, as in the CLI)");
say();
say("══ Cedar side by side (same policies translated; @cedar-policy/cedar-wasm, Node API) ══");
say(table([
  ["clauses", "policies", "preparse ms", "wasm mem MB", "call floor µs", "(c) single ms", "(a) full answer ms", "(b) partial ms", "agrees", "mode"],
  ...results.map((r) => (r.cedar.skipped ? [k(r.n), "—", "—", "—", "—", "—", "—", "—", "—", `skipped: ${r.cedar.skipped}`] : [
    k(r.n), r.cedar.policies, fmtNum(r.cedar.preparseMs), fmtNum(Math.max(0, r.cedar.wasmDeltaMB)), fmtNum(r.cedar.callFloorUs, 0), fmtNum(r.cedar.single.p50, 3), fmtNum(r.cedar.fullMs), fmtNum(r.cedar.partialMs), `${r.cedar.agreement.agree}/${r.cedar.agreement.checked}`, r.cedar.fullMode,
  ])),
]));
say("  (a) statefulIsAuthorized once per body (policy set preparsed once); (b) isAuthorizedPartial, principal unknown (re-parses the set each call);");
say("  (c) one statefulIsAuthorized; call floor = one call against a one-policy set (marshalling cost). 'agrees': Cedar's allowed bodies == charter's approvers.");
say();
say("  ratio charter : Cedar — how many times faster charter's full answer (p50) is:");
say(table([
  ["clauses", "charter p50 µs", "vs (a) full answer", "vs (b) partial eval", "vs (c) single check"],
  ...results.map((r) => (r.cedar.skipped ? [k(r.n), fmtNum(r.single.p50), "—", "—", "—"] : [
    k(r.n), fmtNum(r.single.p50), fmtRatio((r.cedar.fullMs * 1000) / r.single.p50), fmtRatio((r.cedar.partialMs * 1000) / r.single.p50), fmtRatio((r.cedar.single.p50 * 1000) / r.single.p50),
  ])),
]));
const capped = results.filter((r) => r.cedar.skipped);
if (capped.length) say(`  Cedar skipped at ${capped.map((r) => k(r.n)).join(", ")} (--cedar-max=${cedarMax}).`);
const extrapolated = results.filter((r) => !r.cedar.skipped && r.cedar.fullMode.startsWith("extrapolated"));
if (extrapolated.length) say(`  Cedar's full answer is capped at ${extrapolated.map((r) => k(r.n)).join(", ")}: one call per body would take minutes per deployment, so a sample of bodies is timed and scaled to all bodies.`);
say();

const first = results[0], last = results[results.length - 1];
if (results.length > 1) {
  say(`══ growth ${k(last.n)} : ${k(first.n)} (×${last.n / first.n} clauses) ══`);
  say(table([
    ["figure", k(first.n), k(last.n), "ratio"],
    ["parse+check ms", fmtNum(first.checkMs), fmtNum(last.checkMs), fmtRatio(last.checkMs / first.checkMs)],
    ["compile ms (best)", fmtNum(first.compileBestMs), fmtNum(last.compileBestMs), fmtRatio(last.compileBestMs / first.compileBestMs)],
    ["heap IR MB", fmtNum(first.heapMB.compiled), fmtNum(last.heapMB.compiled), fmtRatio(last.heapMB.compiled / first.heapMB.compiled)],
    ["candidates/query", fmtNum(first.candidatesPerQuery, 0), fmtNum(last.candidatesPerQuery, 0), fmtRatio(last.candidatesPerQuery / first.candidatesPerQuery)],
    ["query p50 µs", fmtNum(first.single.p50), fmtNum(last.single.p50), fmtRatio(last.single.p50 / first.single.p50)],
    ["query p50 µs, by domain", fmtNum(first.sortedByDomain?.p50), fmtNum(last.sortedByDomain?.p50), fmtRatio(last.sortedByDomain?.p50 / first.sortedByDomain?.p50)],
    ["query p99 µs", fmtNum(first.single.p99), fmtNum(last.single.p99), fmtRatio(last.single.p99 / first.single.p99)],
    ["query mean µs", fmtNum(first.throughputUs), fmtNum(last.throughputUs), fmtRatio(last.throughputUs / first.throughputUs)],
    ["10k descriptors ms", fmtNum(first.descriptors[0].totalMs), fmtNum(last.descriptors[0].totalMs), fmtRatio(last.descriptors[0].totalMs / first.descriptors[0].totalMs)],
  ]));
  say();
}

if (cold) {
  const f = cold.results.floor.medianMs;
  say(`══ CLI cold start (${cold.tool}) ══`);
  say(table([
    ["command", "median ms", "min ms", "× node -e 0", "over the floor ms"],
    ...Object.values(cold.results).map((c) => [c.label, fmtNum(c.medianMs), fmtNum(c.minMs), fmtRatio(c.medianMs / f), fmtNum(c.medianMs - f)]),
  ]));
  say();
}

// Targets from the issue
const at = (n) => results.find((r) => r.n === n);
const mark = (ok) => (ok === undefined ? "n/a " : ok ? "MET " : "MISS");
const targets = [];
const r10 = at(10_000), r1 = at(1000), r100 = at(100_000);
if (r10 && !r10.cedar.skipped) {
  const x = (r10.cedar.partialMs * 1000) / r10.single.p50;
  targets.push([mark(x >= 1000), `10k: charter full answer ≥ 1000× faster than Cedar partial evaluation`, `${fmtRatio(x)} (${fmtNum(r10.single.p50)} µs vs ${fmtNum(r10.cedar.partialMs)} ms)`]);
} else targets.push([mark(undefined), "10k: charter ≥ 1000× faster than Cedar partial evaluation", "not measured"]);
if (r100) {
  // The issue states the speed of the machine its targets were set on: Cedar's partial evaluation took
  // ≈ 370 ms at 10k there. This run's figure says how much slower this machine is at the moment; the
  // target is judged on the raw p50, the scaled one is context for a slow run.
  const slower = r10 && !r10.cedar.skipped ? r10.cedar.partialMs / 370 : undefined;
  const context = slower === undefined ? "" : `; this machine ran Cedar's 10k partial evaluation ${fmtRatio(slower)} as slow as the issue's (${fmtNum(r10.cedar.partialMs)} vs ≈ 370 ms)`;
  targets.push([mark(r100.single.p50 < 2), "100k: p50 < 2 µs per in-process answer", `${fmtNum(r100.single.p50)} µs (deployments built in JS: ${fmtNum(r100.singleBuilt?.p50)} µs)${context}`]);
}
else targets.push([mark(undefined), "100k: p50 < 2 µs per in-process answer", "not measured"]);
if (r1 && r100) {
  const g = r100.single.p50 / r1.single.p50;
  targets.push([mark(g <= 2), "≤ 2× latency growth 1k → 100k (p50)", `${fmtRatio(g)} (${fmtNum(r1.single.p50)} → ${fmtNum(r100.single.p50)} µs)`]);
} else targets.push([mark(undefined), "≤ 2× latency growth 1k → 100k", "not measured"]);
if (cold) {
  // The target is the shipped bin's; its peers (no code cache, unbundled) are in the cold-start table.
  const c = cold.results["check-bundle"]?.medianMs, q = cold.results["query-bundle"]?.medianMs;
  const f = cold.results.floor.medianMs;
  const first = cold.results["query-bundle-newschema"]?.medianMs;
  const firstNote = first === undefined ? "" : `; a schema's first query, which compiles the validator: ${fmtNum(first)} ms (${fmtRatio(first / f)})`;
  if (c !== undefined) targets.push([mark(c < 150 && q < 150), "cold start < 150 ms, check and query (packages/cli/bundle/main.js, the shipped bin)", `check ${fmtNum(c)} ms, query ${fmtNum(q)} ms (${fmtRatio(c / f)}, ${fmtRatio(q / f)} node -e 0 = ${fmtNum(f)} ms)${firstNote}`]);
}
// Lint at scale (issue 4): its own script, each size in a process with a time budget.
if (args["no-lint"] === undefined) {
  say("══ charter lint on the same generated sets (time budget per size: 240 s) ══");
  const lint = spawnSync(process.execPath, [join(root, "bench/lint.mjs"), `--sizes=${sizes.join(",")}`, "--budget=240"], { cwd: root, encoding: "utf8" });
  for (const line of (lint.stdout ?? "").trimEnd().split("\n")) say(`  ${line}`);
  say("  targets: 10k clauses under 2 s, 100k under 20 s");
  say();
}
say("══ targets (from the issue) ══");
for (const [m, what, got] of targets) say(`  [${m}] ${what}: ${got}`);
say();
say(`total wall time ${((Date.now() - started) / 1000).toFixed(0)} s; load average at end ${loadavg().map((x) => x.toFixed(2)).join(" ")} (other work on this machine inflates the tails)`);
console.log(out.join("\n"));

mkdirSync(dirname(jsonOut), { recursive: true });
writeFileSync(jsonOut, JSON.stringify({ date: when, machine, sizes, cedarMax, deployments, results, cold }, null, 2));
console.log(`(raw figures: ${jsonOut.startsWith(root) ? jsonOut.slice(root.length + 1) : jsonOut})`);
