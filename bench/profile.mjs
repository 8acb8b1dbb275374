// Where does query time go? CPU-profile ONLY the query loop (generation and parsing are excluded, via
// the inspector's Profiler, not `node --cpu-prof`), then print the top functions by self and total time.
//   node bench/profile.mjs [clauses=100000] [seconds=5]
// Writes bench/results/query-<clauses>.cpuprofile (open it in Chrome DevTools → Performance).
import { Session } from "node:inspector";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { checkSources } from "../packages/lang/dist/index.js";
import { compile, query, readDescriptors } from "../packages/engine/dist/index.js";
import { generateSet, deploymentGenerator, descriptorsYaml } from "./generate.mjs";
import { table } from "./stats.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const n = Number((process.argv[2] ?? "100000").replace(/k$/i, "000"));
const seconds = Number(process.argv[3] ?? 5);

const g = generateSet(n);
const checked = checkSources(g.sources);
if (checked.diagnostics.length) throw new Error("generated set does not check clean");
const compiled = compile(checked.set);
const next = deploymentGenerator(g.model, 7);
// As readDescriptors gives them (bench/size.mjs says why).
const read = readDescriptors(checked.set, descriptorsYaml(Array.from({ length: 20_000 }, next)), "deployments.yaml");
if (read.diagnostics.length) throw new Error("generated deployments do not read back");
const deps = read.deployments;
if (process.env.SORTED) deps.sort((x, y) => (x.domain < y.domain ? -1 : x.domain > y.domain ? 1 : 0));
let sink = 0;
for (let k = 0; k < 3; k++) for (const d of deps) sink += query(compiled, d).approve.length;

const session = new Session();
session.connect();
const post = (method, params = {}) => new Promise((res, rej) => session.post(method, params, (err, out) => (err ? rej(err) : res(out))));
await post("Profiler.enable");
await post("Profiler.setSamplingInterval", { interval: 50 });
await post("Profiler.start");
const t0 = performance.now();
let answers = 0;
while (performance.now() - t0 < seconds * 1000) {
  for (const d of deps) sink += query(compiled, d).approve.length;
  answers += deps.length;
}
const elapsed = performance.now() - t0;
const { profile } = await post("Profiler.stop");
session.disconnect();

const out = join(root, `bench/results/query-${n}.cpuprofile`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(profile));

// Self time per node from samples; total time = self + descendants (recursion counted once per key).
const byId = new Map(profile.nodes.map((x) => [x.id, x]));
const self = new Map();
for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
const parent = new Map();
for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
const keyOf = (x) => {
  const f = x.callFrame;
  const file = f.url.startsWith("file:") ? relative(root, fileURLToPath(f.url)) : f.url;
  return `${f.functionName || "(anonymous)"}${file ? ` ${file}:${f.lineNumber + 1}` : ""}`;
};
const skip = (x) => x.callFrame.url.startsWith("node:inspector") || x.callFrame.functionName === "dispatch";
const selfBy = new Map(), totalBy = new Map();
let total = 0;
for (const [id, us] of self) {
  if (skip(byId.get(id))) continue; // Profiler.stop itself
  total += us;
  const k = keyOf(byId.get(id));
  selfBy.set(k, (selfBy.get(k) ?? 0) + us);
  const seen = new Set();
  for (let x = id; x !== undefined; x = parent.get(x)) {
    const kk = keyOf(byId.get(x));
    if (seen.has(kk)) continue;
    seen.add(kk);
    totalBy.set(kk, (totalBy.get(kk) ?? 0) + us);
  }
}
const top = (m, k) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k);
const pct = (us) => `${((100 * us) / total).toFixed(1)}%`;
console.log(`query profile at ${n} clauses: ${answers} answers in ${elapsed.toFixed(0)} ms = ${((elapsed * 1000) / answers).toFixed(2)} µs/answer (sampling every 50 µs; ${out.slice(root.length + 1)})\n`);
console.log("top by self time:");
console.log(table([["function", "self", "share"], ...top(selfBy, 20).map(([k, us]) => [k, `${(us / 1000).toFixed(0)} ms`, pct(us)])]));
console.log("\ntop by total time (self + callees):");
console.log(table([["function", "total", "share"], ...top(totalBy, 16).filter(([k]) => !k.startsWith("(root)")).map(([k, us]) => [k, `${(us / 1000).toFixed(0)} ms`, pct(us)])]));
if (sink < 0) console.log(sink);
