// `charter check` end to end on the bundled charter sets.
import { describe, expect, it } from "vitest";
import { charter } from "./run-cli.js";

describe("charter check", () => {
  for (const set of ["charters/model", "charters/ai-governance"]) {
    it(`${set} checks clean (exit 0)`, () => {
      const r = charter(["check", set]);
      expect(r.stdout).toMatch(/^no problems in \d+ files\n$/);
      expect(r.code).toBe(0);
    });
  }

  it("charters/broken: exit 1, every intended mistake located", () => {
    const r = charter(["check", "charters/broken"]);
    expect(r.code).toBe(1);
    for (const code of ["CH2001", "CH2101", "CH2109", "CH3004", "CH2111", "CH3006"]) expect(r.stdout).toContain(`error ${code}:`);
    expect(r.stdout).toContain("charters/broken/constitution.charter:14:22: error CH2001: unknown fact `regon`");
    expect(r.stdout).toContain("help: did you mean `region`?");
    expect(r.stdout).toMatch(/\n {2}14 \| .*regon/);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("6 errors in 3 files");
  });

  it("--format json: findings with code, kind, severity, message, location; a summary", () => {
    const r = charter(["check", "charters/broken", "--format", "json"]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.summary).toEqual({ files: 3, errors: 6, warnings: 0, infos: 0 });
    expect(out.findings[0]).toMatchObject({ code: "CH2001", kind: "name", severity: "error", file: "charters/broken/constitution.charter", line: 14, column: 22 });
    for (const f of out.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(["code", "name", "kind", "severity", "message", "file", "line", "column", "related"]));
  });

  it("clean JSON output has an empty findings list", () => {
    const r = charter(["check", "charters/model", "--format", "json"]);
    expect(JSON.parse(r.stdout)).toEqual({ findings: [], summary: { files: 2, errors: 0, warnings: 0, infos: 0 } });
  });

  it("files may be named directly", () => {
    const r = charter(["check", "charters/model/constitution.charter", "charters/model/bma.charter"]);
    expect(r.code).toBe(0);
  });

  it("an unreadable path is exit 2 with CH5001; a folder without charters is CH5002", () => {
    const a = charter(["check", "charters/nope"]);
    expect(a.code).toBe(2);
    expect(a.stdout).toContain("error CH5001: cannot read `charters/nope`: no such file or folder");
    const b = charter(["check", "docs"]);
    expect(b.code).toBe(2);
    expect(b.stdout).toContain("CH5002");
  });

  it("usage errors are exit 2; --help is exit 0", () => {
    expect(charter(["check"]).code).toBe(2);
    expect(charter(["frobnicate"]).code).toBe(2);
    expect(charter(["check", "charters/model", "--format", "xml"]).code).toBe(2);
    const h = charter(["--help"]);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain("check");
  });

  it("colour only when forced on a terminal, never with NO_COLOR", () => {
    const plain = charter(["check", "charters/broken"]);
    expect(plain.stdout).not.toContain("\u001b[");
    const forced = charter(["check", "charters/broken"], { env: { NO_COLOR: "", FORCE_COLOR: "1" } });
    // Not a TTY: still plain (colour needs a terminal).
    expect(forced.stdout).not.toContain("\u001b[");
  });

  it("output is byte-identical across runs", () => {
    expect(charter(["check", "charters/broken"]).stdout).toBe(charter(["check", "charters/broken"]).stdout);
  });
});

describe("charter test on the showcase set", () => {
  it("every example of charters/ai-governance passes", () => {
    const r = charter(["test", "charters/ai-governance"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n(\d+) passed, 0 failed \(\1 examples\)\n/);
  });

  it("a failing expectation: exit 1 with the expectation and its span", () => {
    const r = charter(["test", "test/fixtures/failing-example"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("FAIL UK device, wrong expectation");
    expect(r.stdout).toMatch(/failing-example\/bma\.charter:\d+:\d+: expected approve bma, got bma, mhra/);
  });
});
