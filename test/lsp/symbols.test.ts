// The symbol index behind definition, references, rename and hover, on charters/model in process:
// a rename applied to the texts must give exactly the texts with the name replaced, and still check.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkSources, type Clause } from "../../packages/lang/src/index.js";
import { SymbolIndex } from "../../packages/cli/src/lsp/symbols.js";
import { rename } from "../../packages/cli/src/lsp/rename.js";
import { clauseSummary } from "../../packages/cli/src/lsp/hover.js";
import type { TextEdit, WorkspaceEdit } from "vscode-languageserver-protocol";
import { root } from "./client.js";

const files = ["constitution.charter", "bma.charter"].map((f) => ({ file: f, text: readFileSync(`${root}charters/model/${f}`, "utf8") }));
const [c, b] = files.map((f) => f.text) as [string, string];
const loaded = checkSources(files);
const index = new SymbolIndex(loaded.files);

function apply(text: string, edits: TextEdit[] = []): string {
  const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  const off = (p: { line: number; character: number }) => starts[p.line]! + p.character;
  return [...edits].sort((x, y) => off(y.range.start) - off(x.range.start)).reduce((t, e) => t.slice(0, off(e.range.start)) + e.newText + t.slice(off(e.range.end)), text);
}

/** Rename what is at the `nth` `needle` (+delta) in `file`; the edited texts by file. */
function renamed(file: "constitution.charter" | "bma.charter", needle: string, delta: number, to: string, nth = 0): { c: string; b: string } {
  const text = file === "constitution.charter" ? c : b;
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  const r = rename(index, [], file, at + delta, to, (f) => f);
  if (!("changes" in r)) throw new Error(String((r as Error).message));
  const changes = (r as WorkspaceEdit).changes!;
  const out = { c: apply(c, changes["constitution.charter"]), b: apply(b, changes["bma.charter"]) };
  expect(checkSources([{ file: "constitution.charter", text: out.c }, { file: "bma.charter", text: out.b }]).diagnostics).toEqual(loaded.diagnostics.map((d) => d));
  return out;
}

const refused = (file: "constitution.charter" | "bma.charter", needle: string, delta: number, to: string) => {
  const text = file === "constitution.charter" ? c : b;
  const r = rename(index, [], file, text.indexOf(needle) + delta, to, (f) => f);
  return r instanceof Error ? r.message : "accepted";
};

describe("rename", () => {
  it("renames a domain at every path segment that names it", () => {
    // Strings are not names: the guardrail's title keeps its word.
    const c2 = c.replace(/\bhealth\b/g, "medicine").replace("every UK medicine deployment", "every UK health deployment");
    expect(renamed("bma.charter", "health.triage", 2, "medicine")).toEqual({ c: c2, b: b.replace(/\bhealth\b/g, "medicine") });
  });
  it("renames an enum value in conditions, sets and examples, and nothing else", () => {
    expect(renamed("constitution.charter", "eu, us, uk", 8, "gb")).toEqual({ c: c.replace(/\buk\b/g, "gb"), b: b.replace(/\buk\b/g, "gb") });
  });
  it("tells a fact from the enum of the same name", () => {
    const fact = renamed("constitution.charter", "  region: region", 2, "place");
    expect(fact.c).toContain("  place: region\n");
    expect(fact.c).toContain("enum region {");
    expect(fact.b).toContain("place = uk");
    const e = renamed("constitution.charter", "enum region", 5, "country");
    expect(e.c).toContain("  region: country\n  markets: set of country");
    expect(e.c).toContain("covers region == uk");
  });
  it("renames a layer where bodies, escalations and guardrails name it", () => {
    const r = renamed("constitution.charter", "< national", 2, "state");
    expect(r.c).toBe(c.replace(/\bnational\b/g, "state"));
  });
  it("refuses clashes, keywords and non-names", () => {
    expect(refused("bma.charter", "health.triage", 8, "devices")).toBe("a domain `health.devices` already exists");
    expect(refused("constitution.charter", "eu, us, uk", 8, "eu")).toBe("an enum value `region.eu` already exists");
    expect(refused("constitution.charter", "  compute:", 2, "markets")).toBe("a fact `markets` already exists");
    expect(refused("constitution.charter", "< national", 2, "mhra")).toBe("a body `mhra` already exists; a layer and a body may not share a name");
    expect(refused("constitution.charter", "  compute:", 2, "until")).toBe("`until` is a reserved keyword");
    expect(refused("constitution.charter", "  compute:", 2, "2x")).toBe("`2x` is not a name: names are lowercase `[a-z_][a-z0-9_]*`");
    expect(refused("constitution.charter", "govern health", 2, "x")).toBe("nothing to rename here: place the caret on a body, fact, domain, enum, value or layer");
    expect(rename(index, ["bma.charter"], "constitution.charter", c.indexOf("body bma") + 6, "x", (f) => f)).toHaveProperty("message", "cannot rename while bma.charter does not parse: fix the syntax error first");
  });
});

describe("definitions", () => {
  it("resolves each path segment to its domain, and `health.*` to health", () => {
    const seg = index.at("bma.charter", b.indexOf("health.devices") + 8)!;
    expect(seg).toMatchObject({ kind: "domain", key: "health.devices", def: false });
    expect(index.definitions(seg).map((d) => [d.span.file, d.span.line, d.span.column])).toEqual([["constitution.charter", 17, 33]]);
    const star = index.at("constitution.charter", c.indexOf("competence health.*") + 12)!;
    expect(star).toMatchObject({ kind: "domain", key: "health" });
  });
});

describe("clause summaries", () => {
  it("says in one line what each clause of the model constitution does", () => {
    const layers = new Set(loaded.set!.layers.map((l) => l.name));
    const clauses = loaded.set!.clauses.filter((p) => p.file === "constitution.charter").map((p) => clauseSummary(p.clause as Clause, layers));
    expect(clauses).toEqual([
      "delegate: bma may make rules on health.* when region == uk",
      "delegate: oss_council may make rules on frontier when open_weights",
      "govern: approve fda on health.* when region == us",
      "govern: notify mhra on health.* when region == uk",
      "govern: approve mhra on health.devices when region == uk",
      "escalate: approve layer supranational on * when compute >= 1e25",
      "escalate: notify layer national on * when count(markets) >= 2",
      "prohibit: verdict prohibited on * when purpose == social_scoring",
      "exempt: verdict exempt on * when purpose == military",
      "joint: bma, mhra must all approve on health.devices",
      'guardrail "Frontier systems answer to two layers": requires approvers from 2 layers on * when compute >= 1e25',
      'guardrail "A professional body approves every UK health deployment": requires an approver at layer professional on health.* when region == uk',
      'guardrail "Approvers know the domain": requires approvers with competence on *',
    ]);
  });
});
