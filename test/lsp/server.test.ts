// `charter lsp --stdio` end to end: the built server in a child process, driven by a real JSON-RPC
// client over stdio. Positions come from the texts themselves; expected lint findings from the engine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  HoverRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Location,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol";
import { format, loadCharterSet } from "../../packages/lang/src/index.js";
import { analyse } from "../../packages/engine/src/index.js";
import { LspClient, positionAt, positionOf, rangeOf, root, uriOf } from "./client.js";

const C = "charters/model/constitution.charter";
const B = "charters/model/bma.charter";
const LANGUAGE_DOCS = "https://charter-policy.dev/docs/language.md#11-diagnostics";

/** The lint findings `charter lint charters/model` reports for a file, as code and 0-based start. */
function expectedLint(file: string): string[] {
  const set = loadCharterSet([`${root}charters/model`]).set!;
  return analyse(set)
    .filter((f) => f.span?.file.endsWith(file))
    .map((f) => `${f.code}@${f.span!.line - 1}:${f.span!.column - 1}`);
}
const shown = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);

let client: LspClient;
let c: string;
let b: string;
const req = <R>(p: Promise<R>, what: string) => client.wait(p, what);

beforeAll(async () => {
  client = new LspClient();
  await client.initialize("charters/model");
  c = await client.open(C);
  b = await client.open(B);
}, 60000);

afterAll(async () => {
  await client?.stop();
}, 20000);

describe("diagnostics", () => {
  it("publishes lint findings for the clean set, and none for the clean charter", async () => {
    const lint = expectedLint("constitution.charter");
    expect(lint.length).toBeGreaterThan(0);
    const ds = await client.waitForDiagnostics(C, (d) => d.length > 0, "lint findings on the constitution");
    expect(shown(ds)).toEqual(lint);
    const gap = ds.find((d) => d.code === "CH4001")!;
    expect(gap.codeDescription).toEqual({ href: "https://charter-policy.dev/docs/rules/gap.md" });
    expect(gap.source).toBe("charter");
    expect(gap.severity).toBe(2);
    const unused = ds.find((d) => d.code === "CH4011")!;
    expect(unused).toMatchObject({ severity: 3, tags: [1], codeDescription: { href: "https://charter-policy.dev/docs/rules/unused-fact.md" } });
    expect((await client.waitForDiagnostics(B, () => true, "bma diagnostics")).map((d) => d.code)).toEqual([]);
  });

  let typo: Diagnostic;
  it("reports a typo as it is typed (CH2001 with the right range), and clears lint while the set has errors", async () => {
    const at = rangeOf(b, "when region", 0, 5);
    await client.change(B, 2, at, "regon");
    const ds = await client.waitForDiagnostics(B, (d) => d.length > 0, "CH2001 on bma.charter");
    typo = ds[0]!;
    expect(ds).toEqual([
      {
        range: { start: at.start, end: { line: at.start.line, character: at.start.character + 5 } },
        severity: 1,
        code: "CH2001",
        codeDescription: { href: LANGUAGE_DOCS },
        source: "charter",
        message: "unknown fact `regon`\nhelp: did you mean `region`?",
        data: { help: "did you mean `region`?" },
      },
    ]);
    expect(client.diagnostics.get(uriOf(B))!.version).toBe(2);
    await client.waitForDiagnostics(C, (d) => d.length === 0, "lint findings cleared while the set has errors");
  });

  it("offers the suggestion as a quick fix", async () => {
    const actions = (await req(client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uriOf(B) }, range: typo.range, context: { diagnostics: [typo] } }), "code actions")) as CodeAction[];
    expect(actions).toEqual([
      { title: "Change to `region`", kind: "quickfix", diagnostics: [typo], isPreferred: true, edit: { changes: { [uriOf(B)]: [{ range: typo.range, newText: "region" }] } } },
    ]);
  });

  it("clears the diagnostic when fixed, and the lint findings come back", async () => {
    await client.change(B, 3, typo.range, "region");
    await client.waitForDiagnostics(B, (d) => d.length === 0, "bma.charter clean again");
    const ds = await client.waitForDiagnostics(C, (d) => d.length > 0, "lint findings back");
    expect(shown(ds)).toEqual(expectedLint("constitution.charter"));
  });
});

describe("hover", () => {
  const hover = async (file: string, text: string, needle: string, delta: number) => {
    const h = await req(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(file) }, position: positionOf(text, needle, delta) }), "hover");
    return h && typeof h.contents === "object" && "value" in h.contents ? h.contents.value : undefined;
  };

  it("describes a body", async () => {
    expect(await hover(C, c, "body bma", 6)).toBe(
      "**bma** — British Medical Association (body)\n\n- layer: `professional`\n- covers: `region == uk`\n- competence: `health.*`",
    );
  });
  it("gives a fact's type", async () => {
    expect(await hover(C, c, "  region: region", 3)).toBe("**region** (fact): enum `region`\n\nvalues: `eu`, `us`, `uk`, `other`");
    expect(await hover(B, b, "when region", 6)).toBe("**region** (fact): enum `region`\n\nvalues: `eu`, `us`, `uk`, `other`");
  });
  it("gives a domain's children", async () => {
    expect(await hover(C, c, "  health {", 3)).toBe("**health** (domain)\n\n- parent: none\n- children: `health.diagnostics`, `health.triage`, `health.devices`");
  });
  it("sums up a clause from its keyword", async () => {
    expect(await hover(C, c, "govern health.* when region == us", 2)).toBe("govern: approve fda on health.* when region == us");
  });
  it("lists an enum's values, and names a value's enum", async () => {
    expect(await hover(C, c, "enum region", 6)).toBe("**region** (enum): `eu`, `us`, `uk`, `other`");
    expect(await hover(B, b, "markets = {uk}", 11)).toBe("**uk**: a value of enum `region`");
    expect(await hover(C, c, "purpose == social_scoring", 12)).toBe("**social_scoring**: a value of fact `purpose`");
  });
  it("places a layer", async () => {
    expect(await hover(C, c, "layer professional", 8)).toBe("**professional** (layer 2 of 4): community < **professional** < national < supranational");
  });
});

describe("navigation", () => {
  it("goes from `notify mhra` to the body's declaration", async () => {
    const locs = (await req(client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uriOf(C) }, position: positionOf(c, "notify mhra", 8) }), "definition")) as Location[];
    expect(locs).toEqual([{ uri: uriOf(C), range: rangeOf(c, "body mhra", 0, 5) }]);
  });

  it("finds every reference of the fact `region` across files", async () => {
    const locs = (await req(
      client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: uriOf(B) }, position: positionOf(b, "when region", 6), context: { includeDeclaration: true } }),
      "references",
    )) as Location[];
    // The declaration, every `region ==` in a condition, and the example's `region = uk`: bma.charter sorts first.
    const uses = (file: string, text: string, re: RegExp) =>
      [...text.matchAll(re)].map((m) => ({ uri: uriOf(file), range: { start: positionAt(text, m.index), end: positionAt(text, m.index + 6) } }));
    const expected = [...uses(B, b, /\bregion(?= ==| = )/g), ...uses(C, c, /(?<=^ {2})region(?=:)|\bregion(?= ==)/gm)];
    expect(expected).toHaveLength(13);
    expect(locs).toEqual(expected);
  });
});

describe("completion", () => {
  const labels = async (file: string, text: string, needle: string, delta: number) => {
    const r = await req(client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uriOf(file) }, position: positionOf(text, needle, delta) }), "completion");
    return ((Array.isArray(r) ? r : (r?.items ?? [])) as CompletionItem[]).map((i) => i.label);
  };
  it("lists bodies after `approve `", async () => {
    expect(await labels(C, c, "  approve fda", 10)).toEqual(["bma", "fda", "mhra", "ai_office", "oss_council"]);
  });
  it("lists the fact's values after `region == `", async () => {
    expect(await labels(C, c, "covers region == uk", 17)).toEqual(["eu", "us", "uk", "other"]);
  });
  it("lists a domain's children after `health.`", async () => {
    expect(await labels(C, c, "govern health.devices", 14)).toEqual(["diagnostics", "triage", "devices"]);
  });
  it("lists clause keywords after a pattern list", async () => {
    expect(await labels(C, c, "govern health.* when region == us", 16)).toEqual(["when", "approve", "notify", "effective", "until", "because"]);
  });
});

describe("symbols and formatting", () => {
  it("outlines a file", async () => {
    const syms = (await req(client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uriOf(B) } }), "document symbols")) as DocumentSymbol[];
    expect(syms.map((s) => s.name)).toEqual(["govern health.diagnostics, health.triage: approve bma", "govern health.devices: approve bma", 'example "UK triage assistant"']);
  });

  it("finds declarations across the set by query", async () => {
    const syms = await req(client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: "hdev" }), "workspace symbols");
    expect((syms ?? []).map((s) => s.name)).toEqual(["health.devices"]);
  });

  it("formats a file exactly as `charter fmt` does", async () => {
    const edits = await req(client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: uriOf(C) }, options: { tabSize: 2, insertSpaces: true } }), "formatting");
    const canonical = format(c, C).output!;
    expect(canonical).not.toBe(c);
    expect(canonical).toContain("  compute: number  // training compute, FLOP\n");
    const lines = c.split("\n");
    expect(edits).toEqual([{ range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1]!.length } }, newText: canonical }]);
  });

  it("leaves a file that does not parse alone", async () => {
    const at = rangeOf(b, "approve bma", 0, 0, 7);
    await client.change(B, 4, at, "aprove");
    await client.waitForDiagnostics(B, (d) => d.some((x) => x.code === "CH1001"), "the syntax error");
    expect(await req(client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: uriOf(B) }, options: { tabSize: 2, insertSpaces: true } }), "formatting")).toEqual([]);
    await client.change(B, 5, { start: at.start, end: { ...at.start, character: at.start.character + 6 } }, "approve");
    await client.waitForDiagnostics(B, (d) => d.length === 0, "bma.charter clean again");
  });
});

describe("rename", () => {
  const rename = (newName: string) =>
    req(client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: uriOf(C) }, position: positionOf(c, "body bma", 6), newName }), "rename");

  it("renames a body in every file", async () => {
    const edit = (await rename("british_medical")) as WorkspaceEdit;
    const to = (text: string, needle: string, nth: number, delta: number) => ({ range: rangeOf(text, needle, nth, delta, 3), newText: "british_medical" });
    expect(edit.changes).toEqual({
      [uriOf(B)]: [to(b, "by bma", 0, 3), to(b, "approve bma", 0, 8), to(b, "approve bma", 1, 8), to(b, "approve bma", 2, 8)],
      [uriOf(C)]: [to(c, "body bma", 0, 5), to(c, "to bma", 0, 3), to(c, "joint bma", 0, 6)],
    });
  });

  it("refuses a name that is taken, reserved or not a name", async () => {
    await expect(rename("mhra")).rejects.toThrow("a body `mhra` already exists");
    await expect(rename("national")).rejects.toThrow("a layer `national` already exists; a layer and a body may not share a name");
    await expect(rename("layer")).rejects.toThrow("`layer` is a reserved keyword");
    await expect(rename("BMA")).rejects.toThrow("`BMA` is not a name: names are lowercase `[a-z_][a-z0-9_]*`");
  });
});

describe("overlap quick fix (test/fixtures/lint/overlap, opened, never written)", () => {
  const O = "test/fixtures/lint/overlap/constitution.charter";
  it("offers `joint` and `precedence` after the second clause, and `joint` resolves the finding", async () => {
    const o = await client.open(O);
    const ds = await client.waitForDiagnostics(O, (d) => d.some((x) => x.code === "CH4002"), "CH4002 on the overlap fixture");
    const overlap = ds.find((d) => d.code === "CH4002")!;
    expect(overlap.range).toEqual(rangeOf(o, "govern health.devices", 0, 0, 6));
    expect(overlap.relatedInformation).toEqual([{ location: { uri: uriOf(O), range: rangeOf(o, "govern health.*", 0, 0, 6) }, message: "the other grant" }]);
    const actions = (await req(client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uriOf(O) }, range: overlap.range, context: { diagnostics: [overlap] } }), "code actions")) as CodeAction[];
    const end = positionOf(o, "  approve bsi", 13);
    const insert = (line: string) => ({ changes: { [uriOf(O)]: [{ range: { start: end, end }, newText: `\n\n${line}` }] } });
    expect(actions).toEqual([
      { title: "Declare `joint bsi, mhra on health.devices` (both must approve)", kind: "quickfix", diagnostics: [overlap], isPreferred: false, edit: insert("joint bsi, mhra on health.devices") },
      { title: "Declare `precedence bsi over mhra on health.devices`", kind: "quickfix", diagnostics: [overlap], isPreferred: false, edit: insert("precedence bsi over mhra on health.devices") },
    ]);
    await client.change(O, 2, { start: end, end }, "\n\njoint bsi, mhra on health.devices");
    const after = await client.waitForDiagnostics(O, (d) => d.length > 0 && !d.some((x) => x.code === "CH4002"), "the overlap gone");
    expect(after.map((d) => d.code)).toEqual(["CH4001"]);
  });
});
