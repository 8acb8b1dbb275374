// A charter set's state in process (no lint: these sets have errors, so the worker never starts):
// unsaved text over disk text, debounced checks, quick fixes from the published diagnostics.
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { CharterSet, DEBOUNCE_MS, type Host } from "../../packages/cli/src/lsp/charter-set.js";
import { codeActions } from "../../packages/cli/src/lsp/code-actions.js";
import { pathToUri } from "../../packages/cli/src/lsp/convert.js";
import { rangeOf, root } from "./client.js";

const folder = `${root}charters/model`;
const bmaPath = `${folder}/bma.charter`;
const bma = readFileSync(bmaPath, "utf8");
const uri = pathToUri(bmaPath);

let published: { uri: string; codes: string[]; version: number | undefined; diagnostics: Diagnostic[] }[];
let set: CharterSet;
const host: Host = {
  publish: (u, diagnostics, version) => void published.push({ uri: u, codes: diagnostics.map((d) => String(d.code)), version, diagnostics }),
  log: () => {},
  rootOf: () => undefined,
  owns: () => true,
};
const forBma = () => published.filter((p) => p.uri === uri);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "Date"] });
  published = [];
  set = new CharterSet(folder, host);
});
afterEach(() => {
  set.dispose();
  vi.useRealTimers();
});

describe("a charter set in the editor", () => {
  it("checks unsaved text at once on open, and the disk's text again on close", () => {
    set.open(bmaPath, uri, bma.replace("when region", "when regon"), 1);
    vi.advanceTimersToNextTimer();
    expect(forBma().at(-1)).toMatchObject({ codes: ["CH2001"], version: 1 });
    set.close(bmaPath);
    vi.advanceTimersToNextTimer();
    expect(forBma().at(-1)).toMatchObject({ codes: [], version: undefined });
  });

  it("debounces a burst of keystrokes: the first at once, the rest 150 ms after the last", () => {
    set.open(bmaPath, uri, bma, 1);
    vi.advanceTimersToNextTimer();
    const at = rangeOf(bma, "when region", 0, 5);
    vi.advanceTimersByTime(DEBOUNCE_MS); // a pause: the next keystroke is answered at once
    published = [];
    set.change(bmaPath, [{ range: { start: at.start, end: at.start }, text: "x" }], 2);
    vi.advanceTimersByTime(1);
    expect(forBma().map((p) => p.version)).toEqual([2]);
    set.change(bmaPath, [{ range: { start: at.start, end: { ...at.start, character: at.start.character + 1 } }, text: "" }], 3);
    vi.advanceTimersByTime(50);
    set.change(bmaPath, [{ range: { start: at.start, end: at.start }, text: "y" }], 4);
    vi.advanceTimersByTime(DEBOUNCE_MS - 1);
    expect(forBma().map((p) => p.version)).toEqual([2]);
    vi.advanceTimersByTime(1);
    expect(forBma().map((p) => [p.version, p.codes])).toEqual([
      [2, ["CH2001"]],
      [4, ["CH2001"]],
    ]);
  });

  it("brings the check up to date when a request needs it", () => {
    set.open(bmaPath, uri, bma, 1);
    vi.advanceTimersToNextTimer();
    vi.advanceTimersByTime(DEBOUNCE_MS);
    const at = rangeOf(bma, "approve bma", 0, 8);
    set.change(bmaPath, [{ range: at, text: "bmx" }], 2);
    set.change(bmaPath, [{ range: at, text: "bmz" }], 3);
    set.flush();
    expect(set.diagnostics(bmaPath).map((d) => [d.code, d.message])).toEqual([["CH2005", "unknown body `bmz`"]]);
  });
});

describe("quick fixes", () => {
  const fixes = (text: string) => {
    set.open(bmaPath, uri, text, 1);
    set.flush();
    const ds = forBma().at(-1)!.diagnostics;
    return codeActions(ds, set, set.files.get(bmaPath)!).map((a) => [a.title, a.edit!.changes![uri]![0]!.newText, a.edit!.changes![uri]![0]!.range]);
  };
  it("takes the suggestion for an unknown domain, keeping `.*`", () => {
    const text = bma.replace("govern health.devices", "govern helth.devices").replace("health.triage", "health.triage, finance.*, helth.*");
    expect(fixes(text)).toEqual([
      ["Change to `health.*`", "health.*", rangeOf(text, "helth.*")],
      ["Change to `health.devices`", "health.devices", rangeOf(text, "helth.devices")],
    ]);
  });
  it("takes the suggestion for an unknown body, a charter's own body, and a misspelt keyword", () => {
    const body = bma.replace("approve bma\n  because", "approve bmx\n  because");
    expect(fixes(body)).toEqual([["Change to `bma`", "bma", rangeOf(body, "bmx")]]);
    set.close(bmaPath);
    const header = bma.replace("by bma", "by british_medical_association");
    expect(fixes(header)).toEqual([["Change to `bma`", "bma", rangeOf(header, "british_medical_association")]]);
    set.close(bmaPath);
    const keyword = bma.replace("approve bma\n  because", "aprove bma\n  because");
    expect(fixes(keyword)).toEqual([["Change to `approve`", "approve", rangeOf(keyword, "aprove")]]);
  });
});
