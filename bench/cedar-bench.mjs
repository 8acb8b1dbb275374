// The Cedar side of one size: translate, preparse, check the translation agrees with charter, then
// time (a) the full answer (isAuthorized once per body), (b) partial evaluation with the principal
// unknown, (c) one single-principal check. Every measurement is bounded by a time budget; when the
// full answer would blow it, a sample of bodies is timed and the full answer extrapolated (flagged).
import { toCedar, cedarRequest, cedarApprovers, cedarSingle, cedarPartial } from "./cedar.mjs";
import { deploymentGenerator } from "./generate.mjs";
import { summary, since, mb } from "./stats.mjs";

export async function runCedar({ n, model, compiled, query, budgetMs, log }) {
  const cedar = await import("@cedar-policy/cedar-wasm/nodejs");
  const res = { version: cedar.getCedarVersion(), budgetMs };
  let t = performance.now();
  const tr = toCedar(model);
  Object.assign(res, { translateMs: since(t), policies: tr.policies, permits: tr.permits, forbids: tr.forbids, bytes: tr.bytes });

  const principals = model.bodies.map((b) => ({ type: "Body", id: b.id })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const next = deploymentGenerator(model, 11);
  const deps = Array.from({ length: 300 }, next);
  const reqs = deps.map((d) => cedarRequest(tr, d));
  const charterApprovers = (d) => query(compiled, d).approve.map((e) => e.body).sort();

  // Warm the wasm module on a one-policy set (tier-up is not billed to the big parse), and measure the
  // fixed cost of a call: JS → wasm marshalling of the request, with nothing to evaluate.
  cedar.preparsePolicySet("tiny", { staticPolicies: { p0: "permit(principal, action, resource);" } });
  const floor = [];
  for (let i = 0; i < 400; i++) {
    const a = performance.now();
    cedarSingle(cedar, "tiny", principals[i % principals.length], reqs[i % reqs.length]);
    if (i >= 100) floor.push((performance.now() - a) * 1000);
  }
  res.callFloorUs = summary(floor).p50;

  const psetId = `charter-${n}`;
  // Wasm linear memory shows up in `external`; it only grows, so the delta is the set plus parse-time peak.
  const gc = globalThis.gc ?? (() => {});
  gc();
  const m0 = process.memoryUsage();
  t = performance.now();
  const pr = cedar.preparsePolicySet(psetId, { staticPolicies: tr.byId });
  res.preparseMs = since(t);
  if (pr.type !== "success") throw new Error(`cedar preparse: ${JSON.stringify(pr.errors).slice(0, 800)}`);
  gc();
  const m1 = process.memoryUsage();
  res.rssDeltaMB = mb(m1.rss - m0.rss);
  res.wasmDeltaMB = mb(m1.external - m0.external);
  log(`cedar ${res.version}: ${tr.policies} policies (${tr.permits} permit, ${tr.forbids} forbid, ${(tr.bytes / 1e6).toFixed(1)} MB), preparse ${res.preparseMs.toFixed(0)} ms, wasm memory +${Math.max(0, res.wasmDeltaMB).toFixed(0)} MB; call floor ${res.callFloorUs.toFixed(0)} µs`);

  // (c) one principal, one deployment
  const singles = [];
  let spent = 0;
  for (let i = 0; i < 3; i++) cedarSingle(cedar, psetId, principals[i % principals.length], reqs[i]);
  for (let i = 0; i < 500 && (spent < budgetMs / 6 || singles.length < 5); i++) {
    const a = performance.now();
    cedarSingle(cedar, psetId, principals[(i * 7919) % principals.length], reqs[i % reqs.length]);
    const ms = since(a);
    singles.push(ms);
    spent += ms;
  }
  res.single = summary(singles);
  log(`cedar single-principal check: p50 ${res.single.p50.toFixed(3)} ms over ${singles.length} calls`);

  // (a) the full answer: one isAuthorized per body. Also the agreement check against charter.
  const estimate = res.single.p50 * principals.length;
  const full = [];
  let agree = 0, checked = 0, mismatches = [];
  spent = 0;
  if (estimate <= budgetMs / 3) {
    res.fullMode = "all bodies";
    for (let i = 0; i < deps.length && full.length < 50 && (spent < budgetMs / 2 || full.length < 2); i++) {
      const a = performance.now();
      const allowed = cedarApprovers(cedar, psetId, principals, reqs[i]);
      const ms = since(a);
      full.push(ms);
      spent += ms;
      const want = charterApprovers(deps[i]);
      checked++;
      if (allowed.sort().join() === want.join()) agree++;
      else if (mismatches.length < 3) mismatches.push({ deployment: deps[i], charter: want, cedar: allowed });
    }
    res.full = summary(full);
    res.fullMs = res.full.p50;
  } else {
    // Too slow to run whole: time a sample of bodies (charter's approvers + random others) and extrapolate.
    const k = Math.max(4, Math.min(principals.length, Math.floor(budgetMs / 3 / res.single.p50)));
    res.fullMode = `extrapolated: ${k} of ${principals.length} bodies per deployment timed, × ${principals.length}`;
    const perCall = [];
    for (let i = 0; i < 3; i++) {
      const want = new Set(charterApprovers(deps[i]));
      const ids = [...want];
      for (let j = 0; ids.length < k; j++) {
        const id = principals[(i * 131 + j * 7919) % principals.length].id;
        if (!ids.includes(id)) ids.push(id);
      }
      let ok = true;
      const a = performance.now();
      for (const id of ids) {
        const allowed = cedarSingle(cedar, psetId, { type: "Body", id }, reqs[i]) === "allow";
        if (allowed !== want.has(id)) ok = false;
      }
      perCall.push(since(a) / ids.length);
      checked++;
      if (ok) agree++;
      else if (mismatches.length < 3) mismatches.push({ deployment: deps[i], charter: [...want] });
    }
    res.fullMs = summary(perCall).p50 * principals.length;
  }
  res.agreement = { agree, checked, mismatches };
  log(`cedar full answer (${res.fullMode}): ${res.fullMs.toFixed(1)} ms; agrees with charter on ${agree}/${checked} deployments`);
  if (agree !== checked) log(`MISMATCH: ${JSON.stringify(mismatches[0]).slice(0, 2000)}`);

  // (b) partial evaluation, principal unknown. The policy set goes in as data on every call (this
  // API has no preparsed variant), so each call re-parses it.
  const partial = [];
  spent = 0;
  let residuals = 0;
  for (let i = 0; i < 10 && (spent < budgetMs || partial.length < 1); i++) {
    const a = performance.now();
    const r = cedarPartial(cedar, { staticPolicies: tr.byId }, reqs[i]);
    const ms = since(a);
    partial.push(ms);
    spent += ms;
    residuals = r.nontrivialResiduals.length;
  }
  res.partial = summary(partial);
  res.partialMs = res.partial.p50;
  res.partialResiduals = residuals;
  log(`cedar partial evaluation (principal unknown): p50 ${res.partialMs.toFixed(0)} ms over ${partial.length} calls, ${residuals} non-trivial residuals`);
  return res;
}
