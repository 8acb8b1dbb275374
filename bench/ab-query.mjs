// In-process A/B of query latency between two checkouts of charter (each built: packages/*/dist), on
// one generated set: both engines compile the same checked set, answer the same deployments, and are
// timed in alternating rounds (p50 of single calls per round), so a slow minute on this shared
// machine slows both alike. Answers are compared first (NOCHECK=1 skips that, for experiments that
// change them); FLAT=1 gives B the deployments as JSON would (flat strings); READ=1 gives both the
// deployments as B's readDescriptors reads them (as bench/size.mjs times them), READ=each gives each
// engine the deployments its own readDescriptors reads (for changes to the readers).
//   node bench/ab-query.mjs rootA rootB [clauses=100000] [rounds=9]
import { pathToFileURL } from "node:url";
import { generateSet, deploymentGenerator, descriptorsYaml } from "./generate.mjs";

const [ra, rb, ns = "100000", rs = "9"] = process.argv.slice(2);
if (!ra || !rb) {
  console.error("usage: node bench/ab-query.mjs rootA rootB [clauses] [rounds]");
  process.exit(2);
}
const n = Number(ns.replace(/k$/i, "000"));
const rounds = Number(rs);
// B's front end checks the set: B may need what it adds (A ignores fields it does not know). LANG=each
// gives each engine the set its own front end checks (for changes to the front end).
const langB = await import(pathToFileURL(`${rb}/packages/lang/dist/index.js`).href);
const langA = process.env.LANG === "each" ? await import(pathToFileURL(`${ra}/packages/lang/dist/index.js`).href) : langB;
const A = await import(pathToFileURL(`${ra}/packages/engine/dist/index.js`).href);
const B = await import(pathToFileURL(`${rb}/packages/engine/dist/index.js`).href);
const g = generateSet(n);
const set = langB.checkSources(g.sources).set;
const setA = langA === langB ? set : langA.checkSources(g.sources).set;
const ca = A.compile(setA);
const cb = B.compile(set);
const next = deploymentGenerator(g.model, 7);
const deps = Array.from({ length: 20000 }, next);
const generated = deps.slice();
if (process.env.READ) deps.splice(0, deps.length, ...(process.env.READ === "each" ? A.readDescriptors(setA, descriptorsYaml(generated), "deployments.yaml") : B.readDescriptors(set, descriptorsYaml(generated), "deployments.yaml")).deployments);
if (process.env.FLAT === "both") deps.splice(0, deps.length, ...deps.map((d) => JSON.parse(JSON.stringify(d))));
const depsB = process.env.READ === "each" ? B.readDescriptors(set, descriptorsYaml(generated), "deployments.yaml").deployments : process.env.FLAT === "1" ? deps.map((d) => JSON.parse(JSON.stringify(d))) : deps;
if (!process.env.NOCHECK) {
  for (let i = 0; i < 2000; i++) {
    if (JSON.stringify(A.query(ca, deps[i])) !== JSON.stringify(B.query(cb, depsB[i]))) {
      console.log("the answers differ on", JSON.stringify(deps[i]));
      process.exit(1);
    }
  }
}
let sink = 0;
const times = new Float64Array(deps.length);
function p50(query, c, list) {
  for (let i = 0; i < list.length; i++) {
    const t = process.hrtime.bigint();
    sink += query(c, list[i]).approve.length;
    times[i] = Number(process.hrtime.bigint() - t);
  }
  return Float64Array.from(times).sort()[times.length >> 1];
}
for (let k = 0; k < 2; k++) {
  p50(A.query, ca, deps);
  p50(B.query, cb, depsB);
}
const a = [];
const b = [];
for (let r = 0; r < rounds; r++) {
  // Alternate which goes first, so neither always follows the other's cache state.
  if (r % 2) {
    b.push(p50(B.query, cb, depsB));
    a.push(p50(A.query, ca, deps));
  } else {
    a.push(p50(A.query, ca, deps));
    b.push(p50(B.query, cb, depsB));
  }
}
const med = (x) => [...x].sort((p, q) => p - q)[x.length >> 1];
console.log(`${n} clauses: A p50 ${med(a)} ns, B p50 ${med(b)} ns, B/A ${(med(b) / med(a)).toFixed(3)}; per round ${a.map((x, i) => (b[i] / x).toFixed(2)).join(" ")}${sink < 0 ? "!" : ""}`);
