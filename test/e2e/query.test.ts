// The answers the spec states (language.md §4–5), through the real CLI on charters/model.
import { describe, expect, it } from "vitest";
import { charter } from "./run-cli.js";

const D = "test/fixtures/deployments";
const json = (args: string[]) => {
  const r = charter(["query", "charters/model", "--format", "json", ...args]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};
const ids = (xs: { body: string }[]) => xs.map((x) => x.body);

describe("charter query on charters/model (spec §5)", () => {
  it("acme-triage: bma approves via its charter, mhra is notified", () => {
    const a = json(["-d", `${D}/acme-triage.yaml`]);
    expect(a).toMatchObject({ deployment: "acme-triage", domain: "health.triage", at: "2026-01-01", verdict: "approval-required", escalations: [], reasons: [] });
    expect(a.approve).toEqual([
      {
        body: "bma",
        name: "British Medical Association",
        layer: "professional",
        via: [{ clause: "govern", file: "charters/model/bma.charter", line: 3, column: 1, because: "Clinical safety case reviewed by the BMA AI committee" }],
      },
    ]);
    expect(ids(a.notify)).toEqual(["mhra"]);
    expect(a.notify[0].via[0]).toMatchObject({ clause: "govern", file: "charters/model/constitution.charter" });
  });

  it("frontier in the EU at 3e25: ai_office approves through the Art. 51(2) escalation", () => {
    const a = json(["-d", `${D}/frontier-eu.json`]);
    expect(a.verdict).toBe("approval-required");
    expect(ids(a.approve)).toEqual(["ai_office"]);
    expect(a.approve[0].via[0]).toMatchObject({ clause: "escalate", because: "Art. 51(2): presumption of systemic risk above 10^25 FLOP" });
    expect(a.escalations).toEqual([{ to: "supranational", bodies: ["ai_office"], role: "approve", trigger: "compute >= 1e25", via: a.approve[0].via[0] }]);
  });

  it("UK device in two markets: bma and mhra approve (joint), mhra notified by the two-market escalation", () => {
    const a = json(["-d", `${D}/devices-two-markets.yaml`]);
    expect(ids(a.approve)).toEqual(["bma", "mhra"]);
    expect(ids(a.notify)).toEqual(["mhra"]);
    expect(a.notify[0].via.map((v: { clause: string }) => v.clause)).toEqual(["govern", "escalate"]);
    expect(a.escalations).toMatchObject([{ to: "national", bodies: ["mhra"], role: "notify" }]);
  });

  it("a YAML stream answers as JSON Lines: prohibited, exempt, ungoverned", () => {
    const r = charter(["query", "charters/model", "--format", "json", "-d", `${D}/batch.yaml`]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((a) => [a.deployment, a.verdict])).toEqual([
      ["social-scoring", "prohibited"],
      ["military", "exempt"],
      ["ungoverned-credit", "ungoverned"],
    ]);
    expect(lines[0].reasons).toMatchObject([{ clause: "prohibit", because: "Art. 5(1)(c)" }]);
    expect(lines[0].approve).toEqual([]);
  });

  it("several files answer as JSON Lines in argument order", () => {
    const r = charter(["query", "charters/model", "--format", "json", "-d", `${D}/acme-triage.yaml`, `${D}/frontier-eu.json`]);
    expect(r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l).deployment)).toEqual(["acme-triage", "frontier-eu"]);
  });

  it("reads standard input with `-`", () => {
    const r = charter(["query", "charters/model", "--format", "json", "-d", "-"], { input: '{"domain":"frontier","at":"2026-01-01","facts":{"region":"eu","markets":["eu"],"compute":1e25,"open_weights":false,"purpose":"general","bio_uplift":0}}' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).approve.map((b: { body: string }) => b.body)).toEqual(["ai_office"]);
  });

  it("--at overrides the descriptor's date", () => {
    const a = json(["-d", `${D}/acme-triage.yaml`, "--at", "2030-05-01"]);
    expect(a.at).toBe("2030-05-01");
  });

  it("text output: verdict headline, approvers grouped by layer, file:line reasons", () => {
    const r = charter(["query", "charters/model", "-d", `${D}/devices-two-markets.yaml`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("APPROVAL REQUIRED");
    expect(r.stdout.indexOf("professional")).toBeLessThan(r.stdout.indexOf("national"));
    expect(r.stdout).toContain("govern charters/model/bma.charter:7");
    expect(r.stdout).toMatch(/to national \(notify\) → mhra/);
  });

  it("--explain names the first failing condition with its span", () => {
    const a = json(["-d", `${D}/acme-triage.yaml`, "--explain"]);
    const fda = a.trace.find((t: { via: { line: number } }) => t.via.line === 50);
    expect(fda.outcome).toEqual({ applied: false, reason: "condition", condition: "region == us", file: "charters/model/constitution.charter", line: 50, column: 22 });
    expect(a.trace.filter((t: { outcome: { applied: boolean } }) => t.outcome.applied).length).toBe(2);
  });

  it("output is byte-identical across runs", () => {
    const a = charter(["query", "charters/model", "--format", "json", "-d", `${D}/batch.yaml`, "--explain"]);
    const b = charter(["query", "charters/model", "--format", "json", "-d", `${D}/batch.yaml`, "--explain"]);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe("bad descriptors: exit 2, a located message, no stack trace", () => {
  const cases: [string, string, RegExp][] = [
    ["unknown-fact", "CH5102", /unknown-fact\.yaml:7:3: error CH5102: unknown fact `open_source`/],
    ["missing-fact", "CH5103", /missing-fact\.yaml:2:1: error CH5103: missing fact `open_weights` \(bool\)/],
    ["wrong-type", "CH5104", /wrong-type\.yaml:5:12: error CH5104: `compute` must be a number; got `"a lot"`/],
    ["unknown-enum-value", "CH5105", /unknown-enum-value\.yaml:3:11: error CH5105: `ukk` is not a value of `region`[\s\S]*did you mean `uk`\?/],
    ["int-out-of-range", "CH5106", /int-out-of-range\.yaml:8:15: error CH5106: `bio_uplift` must lie in 0\.\.4; got `9`/],
    ["undeclared-domain", "CH5107", /undeclared-domain\.yaml:1:9: error CH5107: unknown domain `health\.triag`[\s\S]*did you mean `health\.triage`\?/],
    ["impossible-date", "CH5108", /impossible-date\.yaml:2:5: error CH5108: `2026-02-30` is not a calendar date/],
    ["malformed", "CH5101", /malformed\.yaml:\d+:\d+: error CH5101: /],
  ];
  for (const [name, code, pattern] of cases) {
    it(`${name} → ${code}`, () => {
      const r = charter(["query", "charters/model", "-d", `${D}/bad/${name}.yaml`]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    });
  }

  it("a missing descriptor file is CH5001, exit 2", () => {
    const r = charter(["query", "charters/model", "-d", `${D}/nope.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("CH5001");
  });

  it("an impossible --at is CH5110, exit 2", () => {
    const r = charter(["query", "charters/model", "-d", `${D}/acme-triage.yaml`, "--at", "2026-13-01"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("CH5110");
  });
});

describe("charter schema", () => {
  it("prints a draft 2020-12 schema with every fact typed", () => {
    const r = charter(["schema", "charters/model"]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(s.properties.facts.required).toEqual(["region", "markets", "compute", "open_weights", "purpose", "bio_uplift"]);
    expect(s.properties.facts.properties.bio_uplift).toEqual({ type: "integer", minimum: 0, maximum: 4 });
    expect(s.properties.facts.properties.markets).toEqual({ type: "array", items: { type: "string", enum: ["eu", "us", "uk", "other"] }, uniqueItems: true });
    expect(s.properties.domain.enum).toContain("health.devices");
  });
});

describe("charter test", () => {
  it("runs the examples of charters/model and lists unexercised clauses with --coverage", () => {
    const r = charter(["test", "charters/model", "--coverage"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("pass UK triage assistant");
    expect(r.stdout).toContain("1 passed, 0 failed");
    expect(r.stdout).toMatch(/coverage: 2 of 10 clauses/);
    expect(r.stdout).toContain("charters/model/constitution.charter:61:1  escalate * when compute >= 1e25 to supranational");
  });
});

describe("charter query --partial", () => {
  it("frontier in the EU without compute: ungoverned for the facts given, + ai_office if compute >= 1e25", () => {
    const r = charter(["query", "charters/model", "--partial", "--format", "json", "-d", "test/fixtures/deployments/frontier-no-compute.yaml"]);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.verdict).toBe("ungoverned");
    expect(a.partial.missing).toEqual(["compute"]);
    expect(a.partial.complete).toBe(false);
    expect(a.partial.depends).toEqual([
      { condition: "compute >= 1e25", effect: { kind: "approve", bodies: ["ai_office"] }, via: expect.objectContaining({ clause: "escalate", line: 61 }) },
    ]);
    const text = charter(["query", "charters/model", "--partial", "-d", "test/fixtures/deployments/frontier-no-compute.yaml"]);
    expect(text.stdout).toContain("if compute >= 1e25: + ai_office (approve)");
  });

  it("without --partial the same descriptor is a missing-fact error", () => {
    const r = charter(["query", "charters/model", "-d", "test/fixtures/deployments/frontier-no-compute.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing fact `compute`");
  });
});
