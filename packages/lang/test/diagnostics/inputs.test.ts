// CH5001 and CH5002 concern paths, not charter text, so they have no folder under cases/.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCharterSet } from "../../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "charter-inputs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("input diagnostics", () => {
  it("CH5001 for a path that does not exist", () => {
    const loaded = loadCharterSet([join(dir, "missing.charter")]);
    expect(loaded.inputError).toBe(true);
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(["CH5001"]);
    expect(loaded.diagnostics[0]!.message).toContain("no such file or folder");
  });

  it("CH5002 for a folder without .charter files", () => {
    writeFileSync(join(dir, "notes.md"), "not a charter\n");
    const loaded = loadCharterSet([dir]);
    expect(loaded.inputError).toBe(true);
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(["CH5002"]);
    expect(loaded.diagnostics[0]!.span).toBeUndefined();
  });
});
