// `charter lint` end to end: the spec's expectations on charters/model, SARIF validity, formats, config,
// and the promise that every witness is answered by `charter query` as its finding says.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { loadCharterSet, type CheckedSet } from "../../packages/lang/src/index.js";
import { compile, query, type Deployment } from "../../packages/engine/src/index.js";
import { witnessConfirms } from "../witness.js";
import { charter, root } from "./run-cli.js";

interface JsonFinding {
  code: string;
  kind: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  region?: string;
  witness?: Deployment;
}

function lintJson(set: string, extra: string[] = []): { code: number; findings: JsonFinding[] } {
  const r = charter(["lint", set, "--format", "json", ...extra]);
  expect(r.stderr).toBe("");
  return { code: r.code, findings: JSON.parse(r.stdout).findings };
}

describe("charter lint on charters/model (spec §5)", () => {
  const { code, findings } = lintJson("charters/model");
  const of = (kind: string) => findings.filter((f) => f.kind === kind);

  it("exits 1: guardrails fail at error level", () => expect(code).toBe(1));

  it("reports a gap on employment.* and finance.* and one on frontier below 1e25", () => {
    const gaps = of("gap");
    expect(gaps.some((g) => /employment\.\*/.test(g.region!) && /finance\.\*/.test(g.region!))).toBe(true);
    const frontier = gaps.filter((g) => /(^|, )(frontier|\*)( |,)/.test(g.region!) && !/compute >= 1e25/.test(g.region!));
    expect(frontier.length).toBeGreaterThan(0);
  });

  it("reports the escalation to supranational with no receiver for compute >= 1e25 outside the EU", () => {
    const nr = of("no-receiver").find((f) => f.message.includes("`supranational`"))!;
    expect(nr.region).toMatch(/region != eu and compute >= 1e25/);
    expect(nr.witness!.facts.region).not.toBe("eu");
    expect(nr.witness!.facts.compute).toBe(1e25);
  });

  it("the two-layer guardrail fails with a witness at compute 1e25 exactly", () => {
    const g = of("guardrail").find((f) => f.message.includes("Frontier systems answer to two layers"))!;
    expect(g.severity).toBe("error");
    expect(g.witness!.facts.compute).toBe(1e25);
  });

  it("the UK professional guardrail fails on the domain `health` itself", () => {
    const g = of("guardrail").find((f) => f.message.includes("A professional body approves every UK health deployment"))!;
    expect(g.region).toMatch(/^health when region == uk/);
    expect(g.witness).toMatchObject({ domain: "health", facts: { region: "uk" } });
  });

  it("reports the unused delegation to oss_council, and no overlap between bma and mhra (joint)", () => {
    expect(of("unused").some((f) => f.code === "CH4009" && f.message.includes("`oss_council`"))).toBe(true);
    expect(of("overlap")).toEqual([]);
  });
});

function load(set: string): CheckedSet {
  const l = loadCharterSet([set]);
  expect(l.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return l.set!;
}

describe("every witness is answered by charter query as its finding says", () => {
  for (const set of ["charters/model", "charters/ai-governance"]) {
    it(`on ${set}`, () => {
      const checked = load(set);
      const compiled = compile(checked);
      const { findings } = lintJson(set);
      const withWitness = findings.filter((f) => f.witness);
      expect(withWitness.length).toBeGreaterThan(0);
      for (const f of withWitness) {
        const answer = query(compiled, f.witness!);
        expect({ finding: `${f.code} ${f.file}:${f.line} ${f.message}`, confirmed: witnessConfirms(checked, { ...f, witness: f.witness! }, answer) }).toEqual({ finding: `${f.code} ${f.file}:${f.line} ${f.message}`, confirmed: true });
      }
    });
  }

  it("and through the CLI: the gap witness of charters/model, piped to charter query, is ungoverned", () => {
    const gap = lintJson("charters/model").findings.find((f) => f.kind === "gap")!;
    const r = charter(["query", "charters/model", "--format", "json", "-d", "-"], { input: JSON.stringify(gap.witness) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).verdict).toBe("ungoverned");
  });
});

describe("lint output formats", () => {
  it("SARIF 2.1.0 of every charter set validates against the official schema", () => {
    const require = createRequire(import.meta.url);
    const Ajv4 = require("ajv-draft-04");
    const addFormats = require("ajv-formats");
    const ajv = new Ajv4({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(`${root}../shared/data/sarif-schema-2.1.0.json`, "utf8")));
    for (const set of ["charters/model", "charters/ai-governance", "charters/broken"]) {
      const r = charter(["lint", set, "--format", "sarif"]);
      const log = JSON.parse(r.stdout);
      const ok = validate(log);
      expect(validate.errors ?? [], set).toEqual([]);
      expect(ok).toBe(true);
      const driver = log.runs[0].tool.driver;
      for (const rule of driver.rules) {
        expect(rule).toMatchObject({ id: expect.stringMatching(/^CH\d{4}$/), name: expect.any(String), shortDescription: { text: expect.any(String) }, help: { text: expect.any(String) }, helpUri: expect.stringMatching(/^https:\/\//) });
      }
      for (const result of log.runs[0].results) expect(driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    }
  });

  it("SARIF results carry related locations for the clauses involved", () => {
    const log = JSON.parse(charter(["lint", "test/fixtures/lint/overlap", "--format", "sarif"]).stdout);
    const overlap = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "CH4002");
    expect(overlap.relatedLocations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    expect(overlap.properties.witness.domain).toBeTruthy();
  });

  it("github: one workflow command per finding, escaped", () => {
    const r = charter(["lint", "charters/model", "--format", "github"]);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.every((l) => /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=CH\d{4} [a-z-]+::/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith("::error file=charters/model/constitution.charter,line=74,col=1,"))).toBe(true);
  });

  it("pretty: grouped by file, with a ready-to-run witness", () => {
    const r = charter(["lint", "charters/model"]);
    expect(r.stdout.startsWith("charters/model/constitution.charter\n")).toBe(true);
    expect(r.stdout).toContain("witness (pipe to `charter query … --deployment -`):\n    domain: ");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(/^\d+ errors?, \d+ warnings?, \d+ notes? in 2 files$/);
  });

  it("output is byte-identical across runs (json and sarif)", () => {
    for (const format of ["json", "sarif"]) {
      const a = charter(["lint", "charters/ai-governance", "--format", format]).stdout;
      expect(charter(["lint", "charters/ai-governance", "--format", format]).stdout).toBe(a);
    }
  });

  it("a set with check errors reports them and exits 1", () => {
    const r = charter(["lint", "charters/broken"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("CH2001");
  });
});

describe("charter.yaml", () => {
  it("levels per rule: turning the guardrail rule to warning makes the model lint exit 0", () => {
    const { code, findings } = lintJson("charters/model", ["--config", "test/fixtures/lint/relaxed.yaml"]);
    expect(code).toBe(0);
    expect(findings.filter((f) => f.kind === "guardrail").every((f) => f.severity === "warning")).toBe(true);
    expect(findings.some((f) => f.kind === "gap")).toBe(false);
  });

  it("ignore drops findings in matching files", () => {
    const { findings } = lintJson("charters/model", ["--config", "test/fixtures/lint/ignore-constitution.yaml"]);
    expect(findings.filter((f) => f.file.endsWith("constitution.charter"))).toEqual([]);
  });

  it("a bad config is exit 2 with a located message", () => {
    const r = charter(["lint", "charters/model", "--config", "test/fixtures/lint/bad-config.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-config\.yaml:2:3: error CH5111: unknown rule `gapp`[\s\S]*did you mean `gap`\?/);
    expect(r.stderr).toMatch(/bad-config\.yaml:3:16: error CH5111: `fatal` is not a level/);
  });
});
