// Completion contexts, one table row per situation: the caret is `|`.
import { describe, expect, it } from "vitest";
import { loadCharterSet } from "../../packages/lang/src/index.js";
import { completionContext, ITEM_KEYWORDS, type Want } from "../../packages/cli/src/lsp/completion-context.js";
import { complete } from "../../packages/cli/src/lsp/completion.js";
import { root } from "./client.js";

const TAIL = ["effective", "until", "because"];
const C = 'constitution "c"\n';
const at = (src: string): Want => completionContext(src.replace("|", ""), src.indexOf("|"));

describe("completion context", () => {
  const rows: [string, Want][] = [
    ["|", { keywords: ["constitution", "charter"] }],
    [`${C}|`, { keywords: ITEM_KEYWORDS }],
    ['charter "x" |', { keywords: ["by"] }],
    ['charter "x" by |', { keywords: [], bodies: "all" }],
    ['charter "x" by bma\n\n|', { keywords: ["govern", "prohibit", "exempt", "example"], owner: "bma" }],
    [`${C}govern |`, { keywords: [], domains: { star: true } }],
    [`${C}govern health.*, |`, { keywords: [], domains: { star: true } }],
    [`${C}govern health.* |`, { keywords: ["when", "approve", "notify", ...TAIL] }],
    [`${C}delegate health.* |`, { keywords: ["when", "to"] }],
    [`${C}escalate * |`, { keywords: ["when"] }],
    [`${C}prohibit * |`, { keywords: ["when", ...TAIL] }],
    [`${C}govern health.* when |`, { keywords: ["not", "count"], facts: "all" }],
    [`${C}govern * when region == uk and |`, { keywords: ["not", "count"], facts: "all" }],
    [`${C}govern * when region |`, { keywords: ["in", "not", "contains", "and", "or", "approve", "notify", ...TAIL], afterFact: "region" }],
    [`${C}govern * when region != |`, { keywords: [], values: "region" }],
    [`${C}govern * when region not |`, { keywords: ["in"] }],
    [`${C}govern * when markets contains |`, { keywords: [], values: "markets" }],
    [`${C}govern * when region in { eu, |`, { keywords: [], values: "region" }],
    [`${C}govern * when region not in { |`, { keywords: [], values: "region" }],
    [`${C}govern * when count(|`, { keywords: [], facts: "sets" }],
    [`${C}govern * when compute >= |`, { keywords: [] }],
    [`${C}govern * when region == uk |`, { keywords: ["and", "or", "approve", "notify", ...TAIL] }],
    [`${C}govern * when (region == uk or open_weights) |`, { keywords: ["and", "or", "approve", "notify", ...TAIL] }],
    [`${C}govern * when region == uk\n|`, { keywords: ["and", "or", "approve", "notify", ...TAIL, ...ITEM_KEYWORDS] }],
    [`${C}delegate * when open_weights |`, { keywords: ["in", "not", "contains", "and", "or", "to"], afterFact: "open_weights" }],
    [`${C}govern * approve bma, |`, { keywords: [], bodies: "all" }],
    [`${C}govern * approve bma |`, { keywords: ["approve", "notify", ...TAIL] }],
    ['charter "x" by bma\ngovern * approve |', { keywords: [], bodies: "owner", owner: "bma" }],
    ['charter "x" by bma\ngovern * notify |', { keywords: [], bodies: "all", owner: "bma" }],
    [`${C}govern * approve fda because "why" |`, { keywords: TAIL }],
    [`${C}govern * approve fda effective |`, { keywords: [] }],
    [`${C}delegate * to |`, { keywords: [], bodies: "all" }],
    [`${C}escalate * when compute >= 1e25 to |`, { keywords: [], layers: true, bodies: "all" }],
    [`${C}escalate * when compute >= 1e25 to national |`, { keywords: ["approve", "notify", ...TAIL] }],
    [`${C}escalate * when compute >= 1e25 to national notify |`, { keywords: TAIL }],
    [`${C}joint |`, { keywords: [], bodies: "all" }],
    [`${C}joint bma, mhra |`, { keywords: ["on"] }],
    [`${C}joint bma, mhra on |`, { keywords: [], domains: { star: true } }],
    [`${C}joint bma, mhra on health.devices |`, { keywords: ["when", ...TAIL] }],
    [`${C}precedence bma |`, { keywords: ["over"] }],
    [`${C}precedence bma over |`, { keywords: [], bodies: "all" }],
    [`${C}guardrail "g" |`, { keywords: ["require"] }],
    [`${C}guardrail "g" require |`, { keywords: ["layer", "competence"] }],
    [`${C}guardrail "g" require 2 |`, { keywords: ["layers", "approvers"] }],
    [`${C}guardrail "g" require layer |`, { keywords: [], layers: true }],
    [`${C}guardrail "g" require 2 layers |`, { keywords: ["on", "when", ...TAIL] }],
    [`${C}body bma "B" {\n  |`, { keywords: ["layer", "covers", "competence"] }],
    [`${C}body bma "B" {\n  layer |`, { keywords: [], layers: true }],
    [`${C}body bma "B" {\n  covers |`, { keywords: ["not", "count"], facts: "all" }],
    [`${C}body bma "B" {\n  covers region == uk\n  |`, { keywords: ["and", "or", "layer", "covers", "competence"] }],
    [`${C}body bma "B" {\n  competence |`, { keywords: [], domains: { star: true } }],
    [`${C}body bma "B" {\n  layer professional\n}\n|`, { keywords: ITEM_KEYWORDS }],
    [`${C}facts {\n  a: |`, { keywords: ["bool", "number", "int", "enum", "set"], enums: true }],
    [`${C}facts {\n  a: set |`, { keywords: ["of"] }],
    [`${C}facts {\n  a: set of |`, { keywords: [], enums: true }],
    [`${C}facts {\n  a: enum { x, |`, { keywords: [] }],
    [`${C}domains {\n  health { |`, { keywords: [] }],
    [`${C}example "e" {\n  |`, { keywords: ["deploy"] }],
    [`${C}example "e" {\n  deploy |`, { keywords: [], domains: { star: false } }],
    [`${C}example "e" {\n  deploy health.triage |`, { keywords: ["with", "at", "expect"] }],
    [`${C}example "e" {\n  deploy health with |`, { keywords: [], facts: "all" }],
    [`${C}example "e" {\n  deploy health with region = uk, |`, { keywords: [], facts: "all" }],
    [`${C}example "e" {\n  deploy health with region = |`, { keywords: [], values: "region" }],
    [`${C}example "e" {\n  deploy health with markets = { uk, |`, { keywords: [], values: "markets" }],
    [`${C}example "e" {\n  deploy health with region = uk\n  |`, { keywords: ["at", "expect"] }],
    [`${C}example "e" {\n  deploy health\n  expect |`, { keywords: ["verdict", "approve", "notify", "escalation"] }],
    [`${C}example "e" {\n  deploy health\n  expect verdict |`, { keywords: [], verdicts: true }],
    [`${C}example "e" {\n  deploy health\n  expect approve |`, { keywords: ["none"], bodies: "all" }],
    [`${C}example "e" {\n  deploy health\n  expect escalation to |`, { keywords: [], layers: true }],
    [`${C}// govern |`, { keywords: [] }],
    [`${C}/* govern |`, { keywords: [] }],
    [`${C}govern * approve bma because "a |`, { keywords: [] }],
    [`${C}govern health.|`, { keywords: [], children: "health" }],
    [`${C}govern health.diagnostics, finance.cre|`, { keywords: [], children: "finance" }],
    [`${C}example "e" {\n  deploy health.|`, { keywords: [], children: "health" }],
    [`${C}govern * when compute >= 1.|`, { keywords: [] }],
  ];
  it.each(rows)("%j", (src, want) => {
    expect(at(src)).toEqual(want);
  });
});

describe("completion items (charters/model)", () => {
  const set = loadCharterSet([`${root}charters/model`]).set!;
  const labels = (src: string) =>
    complete(src.replace("|", ""), src.indexOf("|"), set, (start) => ({ start: { line: 0, character: start }, end: { line: 0, character: start } })).map((i) => i.label);
  it("fits operator words to the fact's type", () => {
    expect(labels(`${C}govern * when region |`)).toEqual(["in", "not"]);
    expect(labels(`${C}govern * when markets |`)).toEqual(["contains"]);
    expect(labels(`${C}govern * when compute |`)).toEqual([]);
    expect(labels(`${C}govern * when open_weights |`)).toEqual(["and", "or", "approve", "notify", ...TAIL]);
  });
  it("offers values, sets, layers, only the owner after `approve` in a body's charter, and patterns", () => {
    expect(labels(`${C}govern * when open_weights == |`)).toEqual(["true", "false"]);
    expect(labels(`${C}govern * when purpose in { |`)).toEqual(["general", "social_scoring", "military", "research"]);
    expect(labels(`${C}govern * when count(|`)).toEqual(["markets"]);
    expect(labels(`${C}escalate * when compute >= 1e25 to |`)).toEqual(["community", "professional", "national", "supranational", "bma", "fda", "mhra", "ai_office", "oss_council"]);
    expect(labels('charter "x" by bma\ngovern * approve |')).toEqual(["bma"]);
    expect(labels(`${C}prohibit |`)).toEqual([...set.domains.keys(), "*"]);
  });
  it("replaces the word being typed", () => {
    const items = complete(`${C}govern * approve fd`, `${C}govern * approve fd`.length, set, (start) => ({ start: { line: 1, character: start - C.length }, end: { line: 1, character: 19 } }));
    expect(items[1]).toEqual({ label: "fda", kind: 7, detail: "US Food and Drug Administration (national)", sortText: "0001", textEdit: { range: { start: { line: 1, character: 17 }, end: { line: 1, character: 19 } }, newText: "fda" } });
  });
});
