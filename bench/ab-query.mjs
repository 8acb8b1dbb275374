// In-process A/B of query latency between two checkouts of charter (each built: packages/*/dist), on
// one generated set: both engines compile the same checked set, answer the same deployments, and are
// timed in alternating rounds (p50 of single calls per round), so a slow minute on this shared
// machine slows both alike. Answers are compared first (NOCHECK=1 skips that, for experiments that
// change them). The deployments are the generator's objects, or:
//   READ=1     both get them as B's readDescriptors reads them (as bench/size.mjs times them);
//   READ=each  each engine gets them as its own readDescriptors reads them (for changes to the readers);
//   FLAT=1     B gets them as JSON would give them (flat strings); FLAT=both, both do.
// B's front end checks the set for both (B may need what it adds; A ignores fields it does not know);
// FRONT=each gives each engine the set its own front end checks (for changes to the front end).
//   node bench/ab-query.mjs rootA rootB [clauses=100000] [rounds=9]
import { pathToFileURL } from "node:url";
import { generateSet, deploymentGenerator, descriptorsYaml } from "./generate.mjs";

const [ra, rb, ns = "100000", rs = "9"] = process.argv.slice(2);
if (!ra || !rb) {
  console.error("usage: node bench/ab-query.mjs rootA rootB [clauses] [rounds]");
  process.exit(2);
}
const { READ, FLAT, FRONT, NOCHECK } = process.env;
const n = Number(ns.replace(/k$/i, "000"));
const rounds = Number(rs);
const module = (root, pkg) => import(pathToFileURL(`${root}/packages/${pkg}/dist/index.js`).href);
const langB = await module(rb, "lang");
const langA = FRONT === "each" ? await module(ra, "lang") : langB;
const A = await module(ra, "engine");
const B = await module(rb, "engine");
const g = generateSet(n);
const setB = langB.checkSources(g.sources).set;
const setA = langA === langB ? setB : langA.checkSources(g.sources).set;
const ca = A.compile(setA);
const cb = B.compile(setB);
const generated = Array.from({ length: 20000 }, deploymentGenerator(g.model, 7));
const yaml = READ ? descriptorsYaml(generated) : "";
const readBy = (engine, set) => engine.readDescriptors(set, yaml, "deployments.yaml").deployments;
const viaJson = (list) => list.map((d) => JSON.parse(JSON.stringify(d)));
let depsA = READ === "each" ? readBy(A, setA) : READ ? readBy(B, setB) : generated;
if (FLAT === "both") depsA = viaJson(depsA);
const depsB = READ === "each" ? readBy(B, setB) : FLAT === "1" ? viaJson(depsA) : depsA;
if (!NOCHECK) {
  for (let i = 0; i < 2000; i++) {
    if (JSON.stringify(A.query(ca, depsA[i])) !== JSON.stringify(B.query(cb, depsB[i]))) {
      console.log("the answers differ on", JSON.stringify(depsA[i]));
      process.exit(1);
    }
  }
}
let sink = 0;
const times = new Float64Array(depsA.length);
function p50(query, c, list) {
  for (let i = 0; i < list.length; i++) {
    const t = process.hrtime.bigint();
    sink += query(c, list[i]).approve.length;
    times[i] = Number(process.hrtime.bigint() - t);
  }
  return Float64Array.from(times).sort()[times.length >> 1];
}
for (let k = 0; k < 2; k++) {
  p50(A.query, ca, depsA);
  p50(B.query, cb, depsB);
}
const a = [];
const b = [];
for (let r = 0; r < rounds; r++) {
  // Alternate which goes first, so neither always follows the other's cache state.
  if (r % 2) {
    b.push(p50(B.query, cb, depsB));
    a.push(p50(A.query, ca, depsA));
  } else {
    a.push(p50(A.query, ca, depsA));
    b.push(p50(B.query, cb, depsB));
  }
}
const med = (x) => [...x].sort((p, q) => p - q)[x.length >> 1];
console.log(`${n} clauses: A p50 ${med(a)} ns, B p50 ${med(b)} ns, B/A ${(med(b) / med(a)).toFixed(3)}; per round ${a.map((x, i) => (b[i] / x).toFixed(2)).join(" ")}${sink < 0 ? "!" : ""}`);
