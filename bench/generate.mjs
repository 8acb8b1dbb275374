// Deterministic generator of realistic charter sets (a constitution + many body charters) and of
// random valid deployments for them. Everything is driven by a seeded PRNG: the same (n, seed)
// always yields byte-identical sources and the same deployment stream.
//
//   import { generateSet, deploymentGenerator } from "./generate.mjs";
//   const g = generateSet(10_000);          // { sources: [{file, text}], model, stats }
//   const next = deploymentGenerator(g.model, 42);
//   next() // → { name, domain, at, facts }  (a Deployment as the engine's `query` takes it)
//
// Run directly to write a set to disk (then `charter check <dir>` it):
//   node bench/generate.mjs 10000 /tmp/set-10k
//
// The generated model is also what bench/cedar.mjs translates to Cedar, so both engines answer the
// same policy.

// ---------------------------------------------------------------------------------------------
// PRNG (sfc32 seeded by splitmix32) and helpers
// ---------------------------------------------------------------------------------------------

export function prng(seed) {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(), b = split(), c = split(), d = split();
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    /** `pairs`: [[value, weight], …] */
    weighted: (pairs) => {
      let total = 0;
      for (const [, w] of pairs) total += w;
      let x = next() * total;
      for (const [v, w] of pairs) if ((x -= w) < 0) return v;
      return pairs[pairs.length - 1][0];
    },
    sample: (arr, k) => {
      const copy = arr.slice();
      const out = [];
      for (let i = 0; i < k && copy.length; i++) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
      return out;
    },
  };
  return r;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

export const REGIONS = ["eu", "us", "uk", "ca", "au", "jp", "kr", "br", "za", "rest_of_world"];
export const PURPOSES = ["general", "assistive", "decision_support", "autonomous", "research", "social_scoring", "military"];
/** Compute thresholds used in conditions (FLOP). Each is m×10^e with an integer m, e ≥ 15. */
export const THRESHOLDS = ["1e22", "1e23", "3e23", "1e24", "5e24", "1e25", "1e26"];

const SECTORS = [
  "health", "finance", "legal", "education", "employment", "transport", "energy", "media", "security",
  "research", "public_sector", "retail", "agriculture", "telecom", "software", "frontier", "housing",
  "justice", "science", "manufacturing", "logistics", "tourism", "sport", "culture", "environment",
  "water", "space", "maritime", "aviation", "pharma", "biotech", "construction", "mining", "gaming",
  "advertising", "social_media", "elections", "welfare", "immigration", "taxation", "customs",
  "policing", "child_services", "veterinary", "food", "chemicals", "nuclear", "insurance", "banking",
  "payments",
];
const SUBS = [
  "clinical", "diagnostics", "triage", "devices", "imaging", "records", "prescribing", "credit",
  "lending", "claims", "underwriting", "trading", "fraud", "advice", "drafting", "courts", "tutoring",
  "assessment", "admissions", "recruitment", "management", "payroll", "routing", "autonomy", "grid",
  "forecasting", "moderation", "recommendation", "surveillance", "biometrics", "benefits", "licensing",
  "inspection", "pricing", "support", "chat", "search", "translation", "summarisation", "planning",
  "monitoring", "maintenance", "scheduling", "safety", "compliance", "audit", "procurement",
  "analytics", "robotics", "training", "release", "fine_tuning", "evaluation", "screening", "dispatch",
];
const LAYERS = ["community", "academic", "professional", "national", "supranational"];
const BLOCS = [["eu", "uk"], ["eu", "uk", "ca"], ["us", "ca"], ["jp", "kr", "au"], ["br", "za", "rest_of_world"], ["eu", "jp", "kr", "ca", "au"]];

// ---------------------------------------------------------------------------------------------
// Conditions: a small AST rendered to charter here and to Cedar in cedar.mjs
//   { k: "eq"|"ne", fact, value } (enum)   { k: "in", fact, values, neg }
//   { k: "cmp", fact, op, value }  (number/int; value: string literal)
//   { k: "contains", fact, value }  { k: "count", fact, op, value }
//   { k: "bool", fact, neg }  { k: "and"|"or", items }
// ---------------------------------------------------------------------------------------------

export function condText(c, top = true) {
  switch (c.k) {
    case "eq": return `${c.fact} == ${c.value}`;
    case "ne": return `${c.fact} != ${c.value}`;
    case "in": return `${c.fact} ${c.neg ? "not in" : "in"} { ${c.values.join(", ")} }`;
    case "cmp": return `${c.fact} ${c.op} ${c.value}`;
    case "contains": return `${c.fact} contains ${c.value}`;
    case "count": return `count(${c.fact}) ${c.op} ${c.value}`;
    case "bool": return c.neg ? `not ${c.fact}` : c.fact;
    case "and": return c.items.map((i) => condText(i, false)).join(" and ");
    case "or": {
      const s = c.items.map((i) => condText(i, false)).join(" or ");
      return top ? s : `(${s})`;
    }
  }
  throw new Error(`cond ${c.k}`);
}

function and(...cs) {
  const items = [];
  for (const c of cs) {
    if (!c) continue;
    if (c.k === "and") items.push(...c.items);
    else items.push(c);
  }
  return items.length === 0 ? undefined : items.length === 1 ? items[0] : { k: "and", items };
}

const facts = (c, out = new Set()) => {
  if (!c) return out;
  if (c.k === "and" || c.k === "or") for (const i of c.items) facts(i, out);
  else out.add(c.fact);
  return out;
};

// ---------------------------------------------------------------------------------------------
// Dates as YYYYMMDD integers
// ---------------------------------------------------------------------------------------------

export const dateText = (k) => `${String(Math.floor(k / 10000))}-${String(Math.floor(k / 100) % 100).padStart(2, "0")}-${String(k % 100).padStart(2, "0")}`;
const firstOfMonth = (r, fromYear, toYear) => r.int(fromYear, toYear) * 10000 + r.int(1, 12) * 100 + 1;

// ---------------------------------------------------------------------------------------------
// The set
// ---------------------------------------------------------------------------------------------

/**
 * Generate a charter set with exactly `n` clauses (delegate, govern, escalate, prohibit, exempt,
 * joint, precedence and guardrail items across all files).
 */
export function generateSet(n, seed = 0xc0ffee) {
  const r = prng(seed ^ n);
  const R = REGIONS.length;

  // --- domains: ~n/20 nodes, S sectors, a random recursive tree capped at depth 5 ----------------
  const D = Math.max(12, Math.round(n / 20));
  const S = Math.max(4, Math.min(D, Math.round(Math.sqrt(D) * 0.7)));
  /** @type {{path:string,name:string,parent:number,depth:number,children:number[]}[]} */
  const domains = [];
  const childNames = new Map(); // parent id → Set of names
  const addDomain = (parent, word) => {
    const used = childNames.get(parent) ?? childNames.set(parent, new Set()).get(parent);
    let name = word;
    for (let k = 2; used.has(name); k++) name = `${word}_${k}`;
    used.add(name);
    const depth = parent < 0 ? 1 : domains[parent].depth + 1;
    const path = parent < 0 ? name : `${domains[parent].path}.${name}`;
    const id = domains.length;
    domains.push({ id, path, name, parent, depth, children: [] });
    if (parent >= 0) domains[parent].children.push(id);
    return id;
  };
  for (let i = 0; i < S; i++) addDomain(-1, SECTORS[i % SECTORS.length]);
  const eligible = domains.map((d) => d.id);
  while (domains.length < D) {
    // Preferential towards shallow nodes a little, so sectors get many sub-areas.
    const p = r.chance(0.3) ? r.int(0, S - 1) : eligible[Math.floor(r.next() * eligible.length)];
    const id = addDomain(p, r.pick(SUBS));
    if (domains[id].depth < 5) eligible.push(id);
  }
  const sectorOf = (id) => {
    while (domains[id].parent >= 0) id = domains[id].parent;
    return id;
  };
  const descendants = (id) => {
    const out = [];
    const stack = [id];
    while (stack.length) {
      const x = stack.pop();
      out.push(x);
      for (const c of domains[x].children) stack.push(c);
    }
    return out;
  };
  // Subtree sizes, and random nodes by subtree size / uniformly inside a subtree. Choosing rooms by
  // subtree SIZE (not depth) keeps the number of bodies and rules that meet at any one domain roughly
  // constant as n grows: bigger sets have more, more specialised bodies, not more crowded domains.
  const size = new Array(domains.length).fill(1);
  for (let i = domains.length - 1; i >= 0; i--) if (domains[i].parent >= 0) size[domains[i].parent] += size[i];
  const descCache = new Map();
  /** A node drawn uniformly from the subtree of `root` (root included): a subtree pattern on it covers few domains on average. */
  const uniformIn = (root) => {
    let d = descCache.get(root);
    if (!d) descCache.set(root, (d = descendants(root)));
    return r.pick(d);
  };
  const bySize = new Map();
  /** A node whose subtree has between lo and hi domains (or the closest there is). */
  const pickBySize = (lo, hi) => {
    const key = `${lo}-${hi}`;
    let pool = bySize.get(key);
    if (!pool) {
      pool = domains.filter((d) => size[d.id] >= lo && size[d.id] <= hi).map((d) => d.id);
      if (!pool.length) {
        const dist = (id) => (size[id] < lo ? lo - size[id] : size[id] - hi);
        const best = Math.min(...domains.map((d) => dist(d.id)));
        pool = domains.filter((d) => dist(d.id) === best).map((d) => d.id);
      }
      bySize.set(key, pool);
    }
    return r.pick(pool);
  };

  // --- bodies: ~n/50; national capped at 3 per region, supranational at 5 -----------------------
  const B = Math.max(10, Math.round(n / 50));
  const nNational = Math.min(3 * R, Math.max(3, Math.round(B * 0.2)));
  const nSupra = Math.min(5, Math.max(2, Math.round(B * 0.03)));
  const rest = B - nNational - nSupra;
  const nProf = Math.round(rest * 0.5);
  const nAcad = Math.round(rest * 0.2);
  const nComm = rest - nProf - nAcad;
  /** @type {{id:string,name:string,layer:string,covers?:object,competence:object[],region?:string,roots:number[],dels:object[]}[]} */
  const bodies = [];
  const usedIds = new Set();
  const mkId = (base) => {
    let id = base;
    for (let k = 2; usedIds.has(id); k++) id = `${base}_${k}`;
    usedIds.add(id);
    return id;
  };
  const regionCond = (reg) => ({ k: "eq", fact: "region", value: reg });
  const sectorIds = domains.filter((d) => d.depth === 1).map((d) => d.id);
  for (let i = 0; i < nSupra; i++) {
    const bloc = BLOCS[i % BLOCS.length];
    const roots = r.chance(0.5) ? [] : r.sample(sectorIds, r.int(2, 4));
    bodies.push({
      id: mkId(`${bloc.join("_")}_ai_board`), name: `Supranational AI board (${bloc.join(", ")})`, layer: "supranational",
      covers: r.chance(0.8) ? { k: "in", fact: "region", values: bloc, neg: false } : undefined,
      competence: roots.map((x) => ({ kind: "subtree", id: x })), roots, dels: [],
    });
  }
  for (let i = 0; i < nNational; i++) {
    const reg = REGIONS[i % R];
    const roots = r.sample(sectorIds, r.int(1, 3));
    const covers = r.chance(0.7) ? regionCond(reg) : { k: "or", items: [regionCond(reg), { k: "contains", fact: "markets", value: reg }] };
    bodies.push({
      id: mkId(`${reg}_${domains[roots[0]].name}_regulator`), name: `${reg.toUpperCase()} regulator for ${roots.map((x) => domains[x].name).join(", ")}`,
      layer: "national", covers, region: reg, competence: roots.map((x) => ({ kind: "subtree", id: x })), roots, dels: [],
    });
  }
  const nonState = [];
  const mk = (layer, count, sizeLo, sizeHi, suffix, coverP) => {
    for (let i = 0; i < count; i++) {
      const nRoots = r.weighted([[1, 6], [2, 3], [3, 1]]);
      const roots = [];
      for (let j = 0; j < nRoots; j++) {
        const x = pickBySize(sizeLo, sizeHi);
        if (!roots.includes(x)) roots.push(x);
      }
      let covers;
      const reg = r.pick(REGIONS);
      if (r.chance(coverP)) covers = r.chance(0.65) ? regionCond(reg) : { k: "in", fact: "region", values: r.pick(BLOCS), neg: false };
      const b = {
        id: mkId(`${domains[roots[0]].name}_${suffix}_${bodies.length}`), name: `${domains[roots[0]].name.replace(/_/g, " ")} ${suffix} no. ${bodies.length}`,
        layer, covers, competence: roots.map((x) => ({ kind: domains[x].children.length ? "subtree" : "exact", id: x })), roots, dels: [],
      };
      bodies.push(b);
      nonState.push(b);
    }
  };
  mk("professional", nProf, 8, 60, "assoc", 0.55);
  mk("academic", nAcad, 4, 30, "institute", 0.2);
  mk("community", nComm, 2, 15, "commons", 0);
  const bodyById = new Map(bodies.map((b) => [b.id, b]));
  const national = bodies.filter((b) => b.layer === "national");

  // --- clauses ----------------------------------------------------------------------------------
  /** Clause model: { kind, file, owner?, patterns: [{kind:"all"|"subtree"|"exact", id?}], cond?, from?, until?, because?, … } */
  const clauses = [];
  const CONST = "constitution.charter";
  const pat = (id, subtree) => ({ kind: subtree && domains[id].children.length ? "subtree" : "exact", id });
  const ALL = { kind: "all" };

  const extraAtom = (avoid) => {
    const choices = [
      ["compute", 3], ["bio_uplift", 1], ["open_weights", 1], ["minors", 1], ["purpose", 2], ["markets", 1.5], ["users", 1], ["region", 1.5],
    ].filter(([f]) => !avoid.has(f));
    const f = r.weighted(choices);
    avoid.add(f);
    switch (f) {
      case "compute": return { k: "cmp", fact: "compute", op: r.pick([">=", "<", ">="]), value: r.pick(THRESHOLDS) };
      case "bio_uplift": return { k: "cmp", fact: "bio_uplift", op: r.pick([">=", "<=", "=="]), value: String(r.int(1, 3)) };
      case "open_weights": return { k: "bool", fact: "open_weights", neg: r.chance(0.5) };
      case "minors": return { k: "bool", fact: "minors", neg: r.chance(0.3) };
      case "purpose":
        return r.chance(0.5)
          ? { k: "in", fact: "purpose", values: r.sample(PURPOSES.slice(0, 5), r.int(2, 3)), neg: r.chance(0.2) }
          : { k: r.chance(0.8) ? "eq" : "ne", fact: "purpose", value: r.pick(PURPOSES.slice(0, 5)) };
      case "markets":
        return r.chance(0.5)
          ? { k: "contains", fact: "markets", value: r.pick(REGIONS) }
          : { k: "count", fact: "markets", op: r.pick([">=", "=="]), value: String(r.int(1, 3)) };
      case "users": return { k: "cmp", fact: "users", op: r.pick([">=", "<"]), value: r.pick(["1000", "10000", "100000", "1000000"]) };
      case "region": {
        const x = r.next();
        if (x < 0.4) return regionCond(r.pick(REGIONS));
        if (x < 0.75) return { k: "in", fact: "region", values: r.sample(REGIONS, r.int(2, 4)), neg: false };
        if (x < 0.85) return { k: "in", fact: "region", values: r.sample(REGIONS, 2), neg: true };
        const reg = r.pick(REGIONS);
        return { k: "or", items: [regionCond(reg), { k: "contains", fact: "markets", value: reg }] };
      }
    }
  };
  const extras = (base, dist = [[0, 25], [1, 45], [2, 30]]) => {
    const avoid = facts(base);
    const k = r.weighted(dist);
    const atoms = [];
    for (let i = 0; i < k; i++) atoms.push(extraAtom(avoid));
    return and(base, ...atoms);
  };
  const BECAUSE = ["Safety case reviewed by the committee", "Sector code of practice, s. 4", "Model risk standard MR-2",
    "Clinical safety standard CS-1", "Charter art. 3(2)", "Open release review", "Audit protocol AP-7", "Data protection impact assessment"];

  // Delegations (constitution): 1–2 per non-supranational body, each a subtree of its competence.
  for (const b of bodies) {
    if (b.layer === "supranational") continue;
    const k = r.weighted([[1, 7], [2, 3]]);
    for (let j = 0; j < k; j++) {
      const root0 = r.pick(b.roots);
      const root = j > 0 && domains[root0].children.length && r.chance(0.6) ? r.pick(domains[root0].children) : root0;
      if (b.dels.some((d) => d.root === root)) continue;
      let cond;
      if (b.layer === "national") cond = b.covers;
      else if (b.covers && r.chance(0.8)) cond = b.covers;
      else if (b.layer === "community" && r.chance(0.5)) cond = and({ k: "bool", fact: "open_weights", neg: false }, { k: "cmp", fact: "compute", op: "<", value: "1e25" });
      else if (r.chance(0.3)) cond = { k: "cmp", fact: "compute", op: "<", value: "1e25" };
      const from = r.chance(0.25) ? firstOfMonth(r, 2025, 2027) : undefined;
      const until = r.chance(0.05) ? 20290101 : undefined;
      const del = { kind: "delegate", file: CONST, patterns: [pat(root, true)], root, cond, to: b.id, from, until, because: r.chance(0.6) ? `Constitution art. ${20 + (clauses.length % 70)}` : undefined };
      b.dels.push(del);
      clauses.push(del);
    }
  }

  // Constitutional govern rules: national regulators in their sectors, some grants to professions.
  // Each national regulator has one sector-wide rule per sector it regulates; the rest are specific.
  const nConstGovern = Math.round(n * 0.06);
  const sectorWide = [];
  for (const b of national) for (const root of b.roots) sectorWide.push([b, root]);
  for (let i = 0; i < nConstGovern; i++) {
    const wide = sectorWide[i];
    const useNat = wide !== undefined || r.chance(0.6);
    const b = wide ? wide[0] : useNat ? r.pick(national) : r.pick(nonState);
    const node = wide ? wide[1] : uniformIn(r.pick(b.roots));
    const base = useNat ? regionCond(b.region) : undefined;
    const cond = extras(base, [[0, 30], [1, 50], [2, 20]]);
    const grants = [];
    if (r.chance(0.7)) {
      const approvers = [b.id];
      if (r.chance(0.06)) {
        const other = r.pick(nonState);
        if (other.id !== b.id) approvers.push(other.id);
      }
      grants.push({ role: "approve", bodies: approvers });
      if (r.chance(0.15)) grants.push({ role: "notify", bodies: [r.pick(bodies).id].filter((x) => !approvers.includes(x)) });
    } else grants.push({ role: "notify", bodies: [b.id] });
    clauses.push({
      kind: "govern", file: CONST, patterns: [pat(node, r.chance(0.6))], cond, grants: grants.filter((g) => g.bodies.length),
      from: r.chance(0.2) ? firstOfMonth(r, 2025, 2027) : undefined, because: r.chance(0.6) ? r.pick(BECAUSE) : undefined,
    });
  }

  // Escalations: the declared triggers (global), plus sector-specific triggers (~S).
  const esc = (patterns, cond, to, role, because, from) => clauses.push({ kind: "escalate", file: CONST, patterns, cond, to, role, because, from });
  const cmp = (fact, op, value) => ({ k: "cmp", fact, op, value });
  esc([ALL], cmp("compute", ">=", "1e25"), "supranational", undefined, "Presumption of systemic risk above 10^25 FLOP");
  esc([ALL], cmp("compute", ">=", "1e26"), "national", "approve", "National licence above 10^26 FLOP");
  esc([ALL], and(cmp("compute", ">=", "1e24"), cmp("compute", "<", "1e25")), "national", "notify", "Notification above 10^24 FLOP", 20270101);
  esc([ALL], cmp("bio_uplift", ">=", "3"), "national", undefined, "Capability level 3 requires the state");
  esc([ALL], cmp("bio_uplift", ">=", "4"), "supranational", undefined, "Capability level 4 requires the board");
  esc([ALL], { k: "count", fact: "markets", op: ">=", value: "3" }, "supranational", "notify", "Reach into three or more markets");
  const nSectorEsc = Math.max(2, Math.round(S * 1.0));
  for (let i = 0; i < nSectorEsc; i++) {
    const sec = r.pick(sectorIds);
    const node = r.chance(0.6) ? sec : uniformIn(sec);
    const cond = r.pick([
      and({ k: "bool", fact: "minors", neg: false }, cmp("users", ">=", "1000000")),
      cmp("bio_uplift", ">=", "2"),
      cmp("compute", ">=", r.pick(["1e24", "5e24"])),
      { k: "count", fact: "markets", op: ">=", value: "2" },
      { k: "eq", fact: "purpose", value: "autonomous" },
    ]);
    const regs = national.filter((b) => b.roots.includes(sectorOf(node)));
    const to = regs.length && r.chance(0.3) ? r.pick(regs).id : r.pick(["national", "national", "supranational"]);
    esc([pat(node, true)], cond, to, r.chance(0.75) ? undefined : r.pick(["approve", "notify"]), r.chance(0.7) ? `Sector trigger ${i + 1}` : undefined);
  }

  // Prohibitions and exemptions.
  clauses.push({ kind: "prohibit", file: CONST, patterns: [ALL], cond: { k: "eq", fact: "purpose", value: "social_scoring" }, because: "General-purpose social scoring" });
  clauses.push({ kind: "prohibit", file: CONST, patterns: [ALL], cond: and(cmp("bio_uplift", "==", "4"), { k: "bool", fact: "open_weights", neg: false }), because: "No open release of expert-level uplift" });
  clauses.push({ kind: "exempt", file: CONST, patterns: [ALL], cond: { k: "eq", fact: "purpose", value: "military" }, because: "National defence lies outside the constitution" });
  for (let i = 0, m = Math.round(n * 0.004); i < m; i++) {
    const node = uniformIn(r.pick(sectorIds));
    const cond = r.pick([
      and({ k: "eq", fact: "purpose", value: "autonomous" }, { k: "bool", fact: "minors", neg: false }),
      and({ k: "eq", fact: "purpose", value: "autonomous" }, cmp("users", ">=", "1000000")),
      and({ k: "bool", fact: "open_weights", neg: false }, cmp("bio_uplift", ">=", "3")),
      and(regionCond(r.pick(REGIONS)), { k: "eq", fact: "purpose", value: "autonomous" }),
    ]);
    clauses.push({ kind: "prohibit", file: CONST, patterns: [pat(node, true)], cond, from: r.chance(0.3) ? firstOfMonth(r, 2025, 2027) : undefined, because: `Prohibited practice ${i + 1}` });
  }
  for (let i = 0, m = Math.round(n * 0.002); i < m; i++) {
    const node = uniformIn(r.pick(sectorIds));
    const cond = r.pick([
      and({ k: "eq", fact: "purpose", value: "research" }, { k: "bool", fact: "open_weights", neg: true }, cmp("compute", "<", "1e23")),
      and({ k: "eq", fact: "purpose", value: "research" }, cmp("users", "<", "1000")),
    ]);
    clauses.push({ kind: "exempt", file: CONST, patterns: [pat(node, true)], cond, until: r.chance(0.4) ? 20280101 : undefined, because: `Research exemption ${i + 1}` });
  }

  // Precedence and joint between non-state bodies whose delegated rooms overlap.
  const delegatedAt = new Map(); // domain id → bodies delegated a subtree rooted there
  for (const b of nonState) for (const d of b.dels) (delegatedAt.get(d.root) ?? delegatedAt.set(d.root, []).get(d.root)).push(b);
  const overlapping = (b, root) => {
    const out = [];
    for (let x = root; x >= 0; x = domains[x].parent) for (const o of delegatedAt.get(x) ?? []) if (o !== b && !out.includes(o)) out.push(o);
    return out;
  };
  const pairs = new Set();
  const relate = (kind, count) => {
    for (let i = 0, tries = 0; i < count && tries < count * 20; tries++) {
      const loser = r.pick(nonState);
      if (!loser.dels.length) continue;
      const root = r.pick(loser.dels).root;
      const cands = overlapping(loser, root);
      if (!cands.length) continue;
      const winner = r.pick(cands);
      const key = [winner.id, loser.id].sort().join(" ");
      if (pairs.has(key)) continue;
      pairs.add(key);
      const cond = r.chance(0.3) ? extras(undefined, [[1, 1]]) : undefined;
      if (kind === "precedence") clauses.push({ kind, file: CONST, winner: winner.id, loser: loser.id, patterns: [pat(root, true)], cond, because: r.chance(0.5) ? "Specialist review stands in place" : undefined });
      else clauses.push({ kind, file: CONST, bodies: [winner.id, loser.id], patterns: [pat(root, true)], cond, because: r.chance(0.5) ? "Two keys intended" : undefined });
      i++;
    }
  };
  relate("precedence", Math.round(n * 0.003));
  relate("joint", Math.round(n * 0.002));

  clauses.push({ kind: "guardrail", file: CONST, name: "Frontier-scale models answer to two layers", require: "2 layers", cond: cmp("compute", ">=", "1e25") });
  clauses.push({ kind: "guardrail", file: CONST, name: "Dangerous capabilities reach the state", require: "layer national", cond: cmp("bio_uplift", ">=", "3") });
  clauses.push({ kind: "guardrail", file: CONST, name: "Approvers know the domain", require: "competence" });

  // Body charters: the rest of the budget, govern rules inside each body's delegations.
  const constCount = clauses.length;
  const owners = bodies.filter((b) => b.dels.length);
  let budget = n - constCount;
  if (budget < owners.length) throw new Error(`n = ${n} too small for ${owners.length} body charters`);
  const weights = owners.map((b) => b.dels.length * (0.4 + r.next() * 1.2));
  const wsum = weights.reduce((a, b) => a + b, 0);
  const quota = weights.map((w) => Math.max(1, Math.floor((w / wsum) * budget)));
  let left = budget - quota.reduce((a, b) => a + b, 0);
  for (let i = 0; left !== 0; i = (i + 1) % quota.length) {
    if (left > 0) { quota[i]++; left--; } else if (quota[i] > 1) { quota[i]--; left++; }
  }
  owners.forEach((b, bi) => {
    const file = `bodies/${b.id}.charter`;
    for (let j = 0; j < quota[bi]; j++) {
      const del = r.pick(b.dels);
      // A quarter of a body's rules cover its whole room; the rest target a node inside it.
      const nodes = [r.chance(0.25) ? del.root : uniformIn(del.root)];
      if (r.chance(0.1)) {
        const x = uniformIn(del.root);
        if (!nodes.includes(x)) nodes.push(x);
      }
      const patterns = nodes.map((x) => pat(x, r.chance(0.5)));
      const cond = extras(del.cond);
      const grants = [];
      if (r.chance(0.87)) {
        grants.push({ role: "approve", bodies: [b.id] });
        if (r.chance(0.2)) {
          const o = r.pick(bodies);
          if (o !== b) grants.push({ role: "notify", bodies: [o.id] });
        }
      } else grants.push({ role: "notify", bodies: r.chance(0.5) ? [b.id] : [r.pick(bodies).id] });
      let from = del.from;
      if (r.chance(0.35)) from = Math.max(del.from ?? 0, firstOfMonth(r, 2025, 2027));
      let until = del.until;
      if (r.chance(0.1)) {
        const u = firstOfMonth(r, 2027, 2029);
        if ((from === undefined || u > from) && (until === undefined || u < until)) until = u;
      }
      clauses.push({ kind: "govern", file, owner: b.id, patterns, cond, grants, from, until, because: r.chance(0.5) ? r.pick(BECAUSE) : undefined });
    }
  });

  const model = { n, seed, regions: REGIONS, purposes: PURPOSES, layers: LAYERS, domains, bodies, bodyById, clauses };
  const sources = render(model);
  const stats = {
    clauses: clauses.length,
    constitutionClauses: constCount,
    bodyCharters: owners.length,
    bodies: bodies.length,
    bodiesByLayer: Object.fromEntries(LAYERS.map((l) => [l, bodies.filter((b) => b.layer === l).length])),
    domains: domains.length,
    sectors: S,
    maxDepth: Math.max(...domains.map((d) => d.depth)),
    byKind: clauses.reduce((m, c) => ((m[c.kind] = (m[c.kind] ?? 0) + 1), m), {}),
    sourceBytes: sources.reduce((a, s) => a + s.text.length, 0),
  };
  return { sources, model, stats };
}

// ---------------------------------------------------------------------------------------------
// Rendering to charter text
// ---------------------------------------------------------------------------------------------

export function patternText(model, p) {
  if (p.kind === "all") return "*";
  const path = model.domains[p.id].path;
  return p.kind === "subtree" ? `${path}.*` : path;
}

function tail(c) {
  let s = "";
  if (c.from !== undefined) s += `\n  effective ${dateText(c.from)}`;
  if (c.until !== undefined) s += `\n  until ${dateText(c.until)}`;
  if (c.because !== undefined) s += `\n  because ${JSON.stringify(c.because)}`;
  return s;
}

function clauseText(model, c) {
  const pats = (c.patterns ?? []).map((p) => patternText(model, p)).join(", ");
  const when = c.cond ? ` when ${condText(c.cond)}` : "";
  switch (c.kind) {
    case "delegate": return `delegate ${pats}${when} to ${c.to}${tail(c)}`;
    case "govern": return `govern ${pats}${when}${c.grants.map((g) => `\n  ${g.role} ${g.bodies.join(", ")}`).join("")}${tail(c)}`;
    case "escalate": return `escalate ${pats}${when} to ${c.to}${c.role ? ` ${c.role}` : ""}${tail(c)}`;
    case "prohibit":
    case "exempt": return `${c.kind} ${pats}${when}${tail(c)}`;
    case "precedence": return `precedence ${c.winner} over ${c.loser} on ${pats}${when}${tail(c)}`;
    case "joint": return `joint ${c.bodies.join(", ")} on ${pats}${when}${tail(c)}`;
    case "guardrail": return `guardrail ${JSON.stringify(c.name)}\n  require ${c.require}${c.cond ? ` when ${condText(c.cond)}` : ""}${tail(c)}`;
  }
  throw new Error(c.kind);
}

function render(model) {
  const { domains, bodies, clauses, n } = model;
  const L = [];
  L.push(`constitution "Generated benchmark constitution (${n} clauses)"`, "");
  L.push(`layers { ${LAYERS.join(" < ")} }`, "");
  L.push(`enum region { ${REGIONS.join(", ")} }`, "");
  L.push("facts {",
    "  region: region  // where the deployer is established",
    "  markets: set of region  // every market the deployment reaches",
    "  compute: number  // training compute, FLOP",
    "  bio_uplift: int 0..4  // dangerous-capability evaluation level",
    "  open_weights: bool",
    "  minors: bool  // the users include children",
    "  users: int  // expected monthly users",
    `  purpose: enum { ${PURPOSES.join(", ")} }`,
    "}", "");
  L.push("domains {");
  const emit = (id, indent) => {
    const d = domains[id];
    if (!d.children.length) return L.push(`${indent}${d.name}`);
    if (d.children.every((c) => !domains[c].children.length)) return L.push(`${indent}${d.name} { ${d.children.map((c) => domains[c].name).join(", ")} }`);
    L.push(`${indent}${d.name} {`);
    for (const c of d.children) emit(c, indent + "  ");
    L.push(`${indent}}`);
  };
  for (const d of domains) if (d.parent < 0) emit(d.id, "  ");
  L.push("}", "");
  for (const b of bodies) {
    L.push(`body ${b.id} ${JSON.stringify(b.name)} {`, `  layer ${b.layer}`);
    if (b.covers) L.push(`  covers ${condText(b.covers)}`);
    if (b.competence.length) L.push(`  competence ${b.competence.map((p) => patternText(model, p)).join(", ")}`);
    L.push("}");
  }
  L.push("");
  const byFile = new Map();
  for (const c of clauses) {
    if (c.file === "constitution.charter") L.push(clauseText(model, c), "");
    else (byFile.get(c.file) ?? byFile.set(c.file, { owner: c.owner, lines: [] }).get(c.file)).lines.push(clauseText(model, c), "");
  }
  const sources = [{ file: "constitution.charter", text: L.join("\n") }];
  for (const [file, { owner, lines }] of byFile) {
    const b = model.bodyById.get(owner);
    sources.push({ file, text: `charter ${JSON.stringify(`Deployment charter of ${b.name}`)} by ${owner}\n\n${lines.join("\n")}` });
  }
  return sources;
}

// ---------------------------------------------------------------------------------------------
// Random valid deployments
// ---------------------------------------------------------------------------------------------

/**
 * A seeded stream of valid deployments for a generated model. Each deployment also carries, under
 * a non-enumerable `cedar` property, its context for the Cedar translation (compute in PFLOP).
 */
export function deploymentGenerator(model, seed = 1) {
  const r = prng(seed * 7919 + model.n);
  const paths = model.domains.map((d) => d.path);
  let i = 0;
  return () => {
    const region = r.weighted(REGIONS.map((x, k) => [x, k < 3 ? 3 : 1]));
    const markets = [region];
    const extra = r.weighted([[0, 60], [1, 25], [2, 10], [4, 5]]);
    for (const m of r.sample(REGIONS.filter((x) => x !== region), extra)) markets.push(m);
    const e = r.weighted([[18, 1], [19, 2], [20, 4], [21, 6], [22, 8], [23, 8], [24, 6], [25, 4], [26, 2]]);
    const m = r.pick([1, 2, 3, 5]);
    const facts = {
      region,
      markets,
      compute: Number(`${m}e${e}`),
      bio_uplift: r.weighted([[0, 70], [1, 15], [2, 8], [3, 5], [4, 2]]),
      open_weights: r.chance(0.3),
      minors: r.chance(0.2),
      users: r.pick([0, 100, 5000, 20000, 250000, 1000000, 20000000]),
      purpose: r.weighted([["general", 35], ["assistive", 25], ["decision_support", 20], ["autonomous", 8], ["research", 8], ["social_scoring", 2], ["military", 2]]),
    };
    const at = r.int(2025, 2028) * 10000 + r.int(1, 12) * 100 + r.int(1, 28);
    const d = { name: `d${i++}`, domain: r.pick(paths), at: dateText(at), facts };
    Object.defineProperty(d, "cedarCompute", { value: m * 10 ** (e - 15), enumerable: false });
    Object.defineProperty(d, "atKey", { value: at, enumerable: false });
    return d;
  };
}

/** Deployments as a multi-document YAML descriptor file (what `charter query -d` reads). */
export function descriptorsYaml(deployments) {
  const out = [];
  for (const d of deployments) {
    const f = d.facts;
    out.push(`---\nname: ${d.name}\ndomain: ${d.domain}\nat: ${d.at}\nfacts: { region: ${f.region}, markets: [${f.markets.join(", ")}], compute: ${f.compute.toExponential()}, bio_uplift: ${f.bio_uplift}, open_weights: ${f.open_weights}, minors: ${f.minors}, users: ${f.users}, purpose: ${f.purpose} }`);
  }
  return out.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------
// CLI: write a set to disk
// ---------------------------------------------------------------------------------------------

if (import.meta.url === `file://${process.argv[1]}`) {
  const { mkdirSync, writeFileSync } = await import("node:fs");
  const { join, dirname } = await import("node:path");
  const n = Number(process.argv[2] ?? 1000);
  const dir = process.argv[3] ?? `/tmp/charter-bench-${n}`;
  const g = generateSet(n);
  for (const s of g.sources) {
    mkdirSync(dirname(join(dir, s.file)), { recursive: true });
    writeFileSync(join(dir, s.file), s.text);
  }
  const next = deploymentGenerator(g.model, 1);
  writeFileSync(join(dir, "deployments.yaml"), descriptorsYaml(Array.from({ length: 20 }, next)));
  console.log(JSON.stringify(g.stats, null, 2));
  console.log(`wrote ${g.sources.length} files to ${dir} (+ deployments.yaml)`);
}
