// Sets on disk: a body's charter in a subfolder joins its constitution's set, charter.yaml sets rule
// levels (and is re-read when it changes), and files changed outside the editor are re-read.
// Everything is written to a temporary folder; the repository's charters are only read.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DidChangeWatchedFilesNotification, FileChangeType, InitializeRequest, InitializedNotification } from "vscode-languageserver-protocol";
import { LspClient, root, uriOf } from "./client.js";

let dir: string;
let client: LspClient;
const codes = (ds: { code?: string | number }[]) => [...new Set(ds.map((d) => String(d.code)))].sort();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "charter-lsp-test-"));
  cpSync(`${root}charters/model/constitution.charter`, join(dir, "constitution.charter"));
  mkdirSync(join(dir, "bodies"));
  cpSync(`${root}charters/model/bma.charter`, join(dir, "bodies", "bma.charter"));
  writeFileSync(join(dir, "charter.yaml"), "rules:\n  gap: off\n");
  client = new LspClient();
  await client.wait(client.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uriOf(dir), capabilities: {}, workspaceFolders: null }), "initialize");
  await client.connection.sendNotification(InitializedNotification.type, {});
}, 60000);

afterAll(async () => {
  await client?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 20000);

const C = () => join(dir, "constitution.charter");
const B = () => join(dir, "bodies", "bma.charter");
const changed = (path: string) => client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(path), type: FileChangeType.Changed }] });

describe("a set spread over folders, with a charter.yaml", () => {
  it("puts bodies/bma.charter in the set of the constitution above it, with rule levels from charter.yaml", async () => {
    await client.open(B());
    expect(await client.waitForDiagnostics(B(), () => true, "bma diagnostics")).toEqual([]);
    const ds = await client.waitForDiagnostics(C(), (d) => d.length > 0, "lint findings on the constitution (not opened)");
    expect(codes(ds)).not.toContain("CH4001");
    expect(codes(ds)).toContain("CH4007");
  });

  it("re-reads charter.yaml when it changes", async () => {
    writeFileSync(join(dir, "charter.yaml"), "rules:\n  guardrail: off\n");
    await changed(join(dir, "charter.yaml"));
    const ds = await client.waitForDiagnostics(C(), (d) => codes(d).includes("CH4001"), "gaps reported once the config allows them");
    expect(codes(ds)).not.toContain("CH4007");
  });

  it("re-reads a file changed on disk that no editor has open", async () => {
    writeFileSync(C(), readFileSync(C(), "utf8").replace("covers region == us", "covers regin == us"));
    await changed(C());
    const ds = await client.waitForDiagnostics(C(), (d) => codes(d).includes("CH2001"), "the typo written to disk");
    expect(ds.map((d) => [d.code, d.message])).toEqual([["CH2001", "unknown fact `regin`\nhelp: did you mean `region`?"]]);
  });
});
