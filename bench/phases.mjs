// Where a query's time goes, phase by phase, in random order: mean ns per deployment of
// (1) domain lookup + fact encoding, (2) + finding the applicable clauses (as query() does: in block order, unsorted), (3) the full answer.
//   node bench/phases.mjs [clauses=100000]
import { checkSources } from "../packages/lang/dist/index.js";
import { compile, query } from "../packages/engine/dist/index.js";
import { candidateHits } from "../packages/engine/dist/query/query.js";
import { encodeFacts } from "../packages/engine/dist/ir/slots.js";
import { dateKey } from "../packages/engine/dist/ir/dates.js";
import { generateSet, deploymentGenerator } from "./generate.mjs";

const n = Number((process.argv[2] ?? "100000").replace(/k$/i, "000"));
const g = generateSet(n);
const checked = checkSources(g.sources);
const c = compile(checked.set);
const next = deploymentGenerator(g.model, 7);
const deps = Array.from({ length: 20_000 }, next);
let sink = 0;
const phases = {
  encode: (d) => { const id = c.domainIds.get(d.domain); const v = encodeFacts(c.layout, d.facts, c.scratch.values); return id + v[0]; },
  applicable: (d) => { const id = c.domainIds.get(d.domain); const v = encodeFacts(c.layout, d.facts, c.scratch.values); return candidateHits(c, id, v, dateKey(d.at)); },
  query: (d) => query(c, d).approve.length,
};
for (let k = 0; k < 3; k++) for (const f of Object.values(phases)) for (const d of deps) sink += f(d);
const res = {};
for (let rep = 0; rep < 5; rep++) for (const [name, f] of Object.entries(phases)) {
  const t = process.hrtime.bigint();
  for (const d of deps) sink += f(d);
  const ns = Number(process.hrtime.bigint() - t) / deps.length;
  res[name] = Math.min(res[name] ?? Infinity, ns);
}
console.log(n, Object.entries(res).map(([k, v]) => `${k} ${v.toFixed(0)} ns`).join(", "), sink > 0 ? "" : "!");
