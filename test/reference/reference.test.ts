// Self-test of the reference evaluator (language.md §5) and of the charter-set arbitraries.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSources } from "../../packages/lang/src/index.js";
import type { Answer, Deployment } from "../../packages/engine/src/query/answer.js";
import { arbCharterSet, arbDeployment, checkedSet } from "../arbitraries/charter-set.js";
import { evaluate } from "./evaluate.js";

const modelDir = fileURLToPath(new URL("../../charters/model/", import.meta.url));
const modelSources = ["constitution.charter", "bma.charter"].map((file) => ({ file, text: readFileSync(modelDir + file, "utf8") }));

const bodiesOf = (entries: Answer["approve"]) => entries.map((e) => e.body);

describe("reference evaluator: the worked answers of language.md §5", () => {
  const set = checkedSet(modelSources);
  const facts = { region: "uk", markets: ["uk"], compute: 1e22, open_weights: false, purpose: "general", bio_uplift: 0 };

  it("acme-triage: approve bma via the BMA charter, notify mhra", () => {
    const a = evaluate(set, { name: "acme-triage", domain: "health.triage", at: "2026-01-01", facts });
    expect(a).toEqual({
      deployment: "acme-triage",
      domain: "health.triage",
      at: "2026-01-01",
      verdict: "approval-required",
      approve: [
        {
          body: "bma",
          name: "British Medical Association",
          layer: "professional",
          via: [{ clause: "govern", file: "bma.charter", line: 3, column: 1, because: "Clinical safety case reviewed by the BMA AI committee" }],
        },
      ],
      notify: [
        {
          body: "mhra",
          name: "Medicines and Healthcare products Regulatory Agency",
          layer: "national",
          via: [{ clause: "govern", file: "constitution.charter", line: 54, column: 1 }],
        },
      ],
      escalations: [],
      reasons: [],
    } satisfies Answer);
    // `because` is absent, not undefined, when the clause has none.
    expect("because" in a.notify[0]!.via[0]!).toBe(false);
  });

  it("frontier in the EU above 1e25 FLOP: approve ai_office by escalation", () => {
    const a = evaluate(set, { domain: "frontier", at: "2026-01-01", facts: { ...facts, region: "eu", markets: ["eu"], compute: 3e25 } });
    expect(a.deployment).toBeNull();
    expect(a.verdict).toBe("approval-required");
    expect(bodiesOf(a.approve)).toEqual(["ai_office"]);
    expect(a.notify).toEqual([]);
    const art51 = { clause: "escalate", file: "constitution.charter", line: 61, column: 1, because: "Art. 51(2): presumption of systemic risk above 10^25 FLOP" };
    expect(a.approve[0]).toEqual({ body: "ai_office", name: "European AI Office", layer: "supranational", via: [art51] });
    expect(a.escalations).toEqual([{ to: "supranational", bodies: ["ai_office"], role: "approve", trigger: "compute >= 1e25", via: art51 }]);
  });

  it("UK devices in two markets: approve bma and mhra (joint), notify mhra (also by escalation)", () => {
    const a = evaluate(set, { domain: "health.devices", at: "2026-01-01", facts: { ...facts, markets: ["uk", "eu"] } });
    expect(a.verdict).toBe("approval-required");
    expect(bodiesOf(a.approve)).toEqual(["bma", "mhra"]);
    expect(a.approve[0]!.via).toEqual([{ clause: "govern", file: "bma.charter", line: 7, column: 1 }]);
    expect(a.approve[1]!.via).toEqual([{ clause: "govern", file: "constitution.charter", line: 57, column: 1, because: "UK medical device regulations" }]);
    expect(bodiesOf(a.notify)).toEqual(["mhra"]);
    const twoMarkets = { clause: "escalate", file: "constitution.charter", line: 64, column: 1 };
    expect(a.notify[0]!.via).toEqual([{ clause: "govern", file: "constitution.charter", line: 54, column: 1 }, twoMarkets]);
    expect(a.escalations).toEqual([{ to: "national", bodies: ["mhra"], role: "notify", trigger: "count(markets) >= 2", via: twoMarkets }]);
  });

  it("prohibited and exempt purposes", () => {
    const p = evaluate(set, { domain: "health.devices", at: "2026-01-01", facts: { ...facts, purpose: "social_scoring", compute: 1e26 } });
    expect(p).toMatchObject({ verdict: "prohibited", approve: [], notify: [], escalations: [] });
    expect(p.reasons).toEqual([{ clause: "prohibit", file: "constitution.charter", line: 66, column: 1, because: "Art. 5(1)(c)" }]);
    const e = evaluate(set, { domain: "finance.credit", at: "2026-01-01", facts: { ...facts, purpose: "military" } });
    expect(e).toMatchObject({ verdict: "exempt", approve: [], notify: [], escalations: [] });
    expect(e.reasons).toEqual([{ clause: "exempt", file: "constitution.charter", line: 69, column: 1, because: "Art. 2(3)" }]);
  });

  it("a gap is ungoverned", () => {
    const a = evaluate(set, { domain: "finance.credit", at: "2026-01-01", facts: { ...facts, region: "us" } });
    expect(a).toMatchObject({ verdict: "ungoverned", approve: [], notify: [], escalations: [], reasons: [] });
  });
});

// ---------------------------------------------------------------- small hand-written cases

const HEAD = `constitution "t"
layers { local < national < top }
enum region { eu, uk, us }
facts {
  region: region
  markets: set of region
  compute: number
  open: bool
  level: int 0..4
  purpose: enum { general, military, scoring }
}
domains { health { triage, devices } healthcare finance }
body a "Body A" { layer local }
body b "Body B" { layer local }
body n1 { layer national covers region == uk }
body n2 { layer national covers region == us }
body n3 { layer national }
body t { layer top covers region == eu and open }
`;

function small(clauses: string) {
  return checkedSet([{ file: "c.charter", text: HEAD + clauses }]);
}

const base: Deployment = {
  domain: "health.triage",
  at: "2026-03-01",
  facts: { region: "uk", markets: ["uk"], compute: 0, open: false, level: 0, purpose: "general" },
};
const dep = (over: Partial<Omit<Deployment, "facts">> & { facts?: Deployment["facts"] } = {}): Deployment => ({
  ...base,
  ...over,
  facts: { ...base.facts, ...(over.facts ?? {}) },
});

describe("reference evaluator: hand-written cases", () => {
  it("precedence drops the loser's govern grants per role only", () => {
    const set = small(`
govern health.* approve a notify b
govern health.* approve b
precedence a over b on *
`);
    const r = evaluate(set, dep());
    expect(bodiesOf(r.approve)).toEqual(["a"]);
    // a has no notify grant, so b's notify grant stands.
    expect(bodiesOf(r.notify)).toEqual(["b"]);
    expect(r.verdict).toBe("approval-required");
    // Outside health the precedence has nothing to act on.
    expect(evaluate(set, dep({ domain: "finance" })).verdict).toBe("ungoverned");
  });

  it("precedence needs the winner granted, ignores escalated grants, and drops every grant of the loser", () => {
    const set = small(`
govern * approve b
govern health.* approve b
escalate * when compute >= 1 to a
precedence a over b on *
precedence n3 over a on *
govern finance approve n3
escalate * when level >= 2 to b
`);
    // a is granted only by escalation: it does not count for precedence, so b stays.
    let r = evaluate(set, dep({ facts: { compute: 1 } }));
    expect(bodiesOf(r.approve)).toEqual(["a", "b"]);
    expect(r.approve[1]!.via.map((v) => v.line)).toEqual([20, 21]);
    // With a governing too, both of b's govern grants go; n3 (not granted here) does not drop a.
    const set2 = small(`
govern * approve b
govern health.* approve b
govern health.triage approve a
precedence a over b on *
precedence n3 over a on *
escalate * when level >= 2 to b
`);
    r = evaluate(set2, dep());
    expect(bodiesOf(r.approve)).toEqual(["a"]);
    // An escalated grant to the loser is never dropped.
    r = evaluate(set2, dep({ facts: { level: 2 } }));
    expect(bodiesOf(r.approve)).toEqual(["a", "b"]);
    expect(r.approve[1]!.via.map((v) => v.clause)).toEqual(["escalate"]);
  });

  it("mutual precedence drops both; precedence is judged before any dropping", () => {
    const set = small(`
govern * approve a, b
precedence a over b on *
precedence b over a on *
`);
    const r = evaluate(set, dep());
    expect(r.approve).toEqual([]);
    expect(r.verdict).toBe("ungoverned");
  });

  it("escalation to a body ignores covers; to a layer takes the covering bodies, sorted", () => {
    const set = small(`
escalate * when compute >= 1e25 to n1
escalate * when compute >= 1e25 to national notify
escalate * when compute > 1e25 to top
`);
    const us = evaluate(set, dep({ facts: { region: "us", compute: 1e25 } }));
    expect(bodiesOf(us.approve)).toEqual(["n1"]);
    expect(bodiesOf(us.notify)).toEqual(["n2", "n3"]);
    expect(us.escalations.map((e) => [e.to, e.bodies, e.role])).toEqual([
      ["n1", ["n1"], "approve"],
      ["national", ["n2", "n3"], "notify"],
    ]);
    const eu = evaluate(set, dep({ facts: { region: "eu", compute: 2e25 } }));
    expect(eu.escalations.map((e) => [e.to, e.bodies, e.role])).toEqual([
      ["n1", ["n1"], "approve"],
      ["national", ["n3"], "notify"],
      ["top", [], "approve"], // t covers only open EU deployments
    ]);
    expect(bodiesOf(eu.approve)).toEqual(["n1"]);
    const euOpen = evaluate(set, dep({ facts: { region: "eu", compute: 2e25, open: true } }));
    expect(bodiesOf(euOpen.approve)).toEqual(["n1", "t"]);
    // An escalation with no receiver is listed; it grants nobody.
    const only = small(`escalate * when compute >= 0 to top\n`);
    const none = evaluate(only, dep());
    expect(none.escalations).toEqual([{ to: "top", bodies: [], role: "approve", trigger: "compute >= 0", via: { clause: "escalate", file: "c.charter", line: 19, column: 1 } }]);
    expect(none.verdict).toBe("ungoverned");
  });

  it("dates: the effective day applies, the until day does not", () => {
    const set = small(`govern * approve a effective 2026-01-01 until 2027-01-01\ngovern * notify b until 2026-06-30\n`);
    const at = (d: string) => evaluate(set, dep({ at: d }));
    expect(at("2025-12-31").verdict).toBe("notice-only");
    expect(bodiesOf(at("2026-01-01").approve)).toEqual(["a"]);
    expect(bodiesOf(at("2026-12-31").approve)).toEqual(["a"]);
    expect(at("2027-01-01").verdict).toBe("ungoverned");
    expect(bodiesOf(at("2026-06-29").notify)).toEqual(["b"]);
    expect(at("2026-06-30").notify).toEqual([]);
  });

  it("prohibit wins over exempt, and both clear every grant", () => {
    const set = small(`
govern * approve a
escalate * when compute >= 0 to national
exempt * when purpose != general because "not general"
prohibit health.* when purpose == scoring because "scoring"
prohibit * when purpose == scoring and region == uk
`);
    const p = evaluate(set, dep({ facts: { purpose: "scoring" } }));
    expect(p.verdict).toBe("prohibited");
    expect(p.reasons.map((v) => [v.clause, v.line, v.because])).toEqual([
      ["prohibit", 23, "scoring"],
      ["prohibit", 24, undefined],
    ]);
    expect(p.approve).toEqual([]);
    expect(p.escalations).toEqual([]);
    const e = evaluate(set, dep({ domain: "finance", facts: { purpose: "scoring", region: "us" } }));
    expect(e.verdict).toBe("exempt");
    expect(e.reasons).toEqual([{ clause: "exempt", file: "c.charter", line: 22, column: 1, because: "not general" }]);
    expect(evaluate(set, dep({ facts: { purpose: "military" } })).verdict).toBe("exempt");
    expect(evaluate(set, dep()).verdict).toBe("approval-required");
  });

  it("`in`, `not in`, `count`, `contains`, bools and numbers", () => {
    const set = small(`
govern * when region not in { eu, us } approve a
govern * when count(markets) >= 2 approve b
govern * when markets contains eu notify n1
govern * when not open and level > 3 notify n2
govern * when region in { us } or compute == 2.5 notify n3
`);
    const r = (facts: Deployment["facts"]) => evaluate(set, dep({ facts }));
    expect(bodiesOf(r({}).approve)).toEqual(["a"]);
    expect(bodiesOf(r({ region: "eu" }).approve)).toEqual([]);
    expect(bodiesOf(r({ markets: ["uk", "eu"] }).approve)).toEqual(["a", "b"]);
    expect(bodiesOf(r({ markets: ["uk", "eu"] }).notify)).toEqual(["n1"]);
    // count is over distinct values
    expect(bodiesOf(r({ markets: ["uk", "uk"] }).approve)).toEqual(["a"]);
    expect(bodiesOf(r({ level: 4 }).notify)).toEqual(["n2"]);
    expect(bodiesOf(r({ level: 4, open: true }).notify)).toEqual([]);
    expect(bodiesOf(r({ level: 3 }).notify)).toEqual([]);
    expect(bodiesOf(r({ compute: 2.5 }).notify)).toEqual(["n3"]);
    expect(r({ region: "us" }).verdict).toBe("notice-only");
  });

  it("patterns: subtree includes its root, exact is exact, `health.*` does not match `healthcare`", () => {
    const set = small(`
govern health.* approve a
govern health approve b
govern health.devices, finance notify n3
`);
    const at = (domain: string) => evaluate(set, dep({ domain }));
    expect(bodiesOf(at("health").approve)).toEqual(["a", "b"]);
    expect(bodiesOf(at("health.triage").approve)).toEqual(["a"]);
    expect(at("healthcare").verdict).toBe("ungoverned");
    expect(at("finance").verdict).toBe("notice-only");
    expect(bodiesOf(at("health.devices").notify)).toEqual(["n3"]);
  });

  it("via: one per clause, in clause order; joint changes nothing; a body may approve and be notified", () => {
    const set = small(`
  govern * approve a notify a approve a because "twice"
govern health.* approve a, b
joint a, b on *
`);
    const r = evaluate(set, dep());
    expect(r.approve[0]).toEqual({
      body: "a",
      name: "Body A",
      layer: "local",
      via: [
        { clause: "govern", file: "c.charter", line: 20, column: 3, because: "twice" },
        { clause: "govern", file: "c.charter", line: 21, column: 1 },
      ],
    });
    expect(bodiesOf(r.notify)).toEqual(["a"]);
    expect(r.notify[0]!.via).toHaveLength(1);
    expect(bodiesOf(r.approve)).toEqual(["a", "b"]);
  });

  it("constitution clauses come first, then charters in file order", () => {
    const sources = [
      { file: "a.charter", text: `charter "A" by a\ngovern health.* when region == uk\n  approve a\n` },
      { file: "c.charter", text: HEAD + `delegate health.* when region == uk to a\ngovern * approve a\n` },
    ];
    const set = checkedSet(sources);
    const r = evaluate(set, dep());
    expect(r.approve[0]!.via.map((v) => v.file)).toEqual(["c.charter", "a.charter"]);
  });
});

// ---------------------------------------------------------------- the arbitraries

describe("charter-set arbitraries", () => {
  it("generated charter sets check clean (300 runs)", () => {
    fc.assert(
      fc.property(arbCharterSet(), ({ sources }) => {
        const r = checkSources(sources);
        if (r.diagnostics.length > 0) checkedSet(sources); // throws with the rendered diagnostics
        expect(r.diagnostics).toEqual([]);
        expect(r.set).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });

  it("generated deployments are complete and the reference answers every one", () => {
    fc.assert(
      fc.property(
        arbCharterSet().chain(({ sources }) => {
          const set = checkedSet(sources);
          return fc.tuple(fc.constant(set), fc.array(arbDeployment(set), { minLength: 1, maxLength: 5 }));
        }),
        ([set, deployments]) => {
          for (const d of deployments) {
            expect(Object.keys(d.facts).sort()).toEqual([...set.facts.keys()].sort());
            expect(set.domains.has(d.domain)).toBe(true);
            const a = evaluate(set, d);
            expect(a.domain).toBe(d.domain);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("generated sets and deployments reach every verdict, escalation and precedence drop", () => {
    const samples = fc.sample(
      arbCharterSet().chain(({ sources }) => {
        const set = checkedSet(sources);
        return fc.tuple(fc.constant(set), fc.array(arbDeployment(set), { minLength: 5, maxLength: 5 }));
      }),
      { numRuns: 300, seed: 20260101 },
    );
    const verdicts = new Map<string, number>();
    let escalations = 0;
    let charters = 0;
    let viaFromCharter = 0;
    let precedenceMatters = 0;
    let noReceiver = 0;
    for (const [set, ds] of samples) {
      if (set.files.length > 1) charters++;
      const withoutPrecedence = { ...set, clauses: set.clauses.filter((c) => c.clause.kind !== "precedence") };
      for (const d of ds) {
        const a = evaluate(set, d);
        if (JSON.stringify(a) !== JSON.stringify(evaluate(withoutPrecedence, d))) precedenceMatters++;
        if (a.escalations.some((e) => e.bodies.length === 0)) noReceiver++;
        verdicts.set(a.verdict, (verdicts.get(a.verdict) ?? 0) + 1);
        if (a.escalations.length > 0) escalations++;
        if (a.approve.some((e) => e.via.some((v) => v.file !== "constitution.charter"))) viaFromCharter++;
      }
    }
    for (const v of ["prohibited", "exempt", "approval-required", "notice-only", "ungoverned"]) expect(verdicts.get(v) ?? 0).toBeGreaterThan(20);
    expect(escalations).toBeGreaterThan(20);
    expect(charters).toBeGreaterThan(20);
    expect(viaFromCharter).toBeGreaterThan(5);
    expect(precedenceMatters).toBeGreaterThan(20);
    expect(noReceiver).toBeGreaterThan(5);
  });
});
