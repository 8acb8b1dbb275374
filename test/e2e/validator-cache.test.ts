// `charter query` keeps the descriptor validator between runs (packages/cli/src/validator-cache.ts):
// the first run of a schema writes it, the next ones load it instead of ajv; a file that is damaged or
// cannot be written changes nothing but the time a query takes.
import { mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { charter, tempDir } from "./run-cli.js";

const QUERY = ["query", "charters/model", "-d", "test/fixtures/deployments/acme-triage.yaml", "--format", "json"];

const freshDir = (): string => tempDir("cache");

/** A query with `dir` as charter's cache directory: its output, and what it reported of the validator cache and of ajv's file. */
function run(dir: string, args = QUERY, env: Record<string, string> = {}) {
  const r = charter(args, { env: { CHARTER_CACHE_DIR: dir, CHARTER_DEBUG_CODE_CACHE: "1", ...env } });
  const lines = r.stderr.split("\n");
  const validator = lines.filter((l) => l.startsWith("charter: validator cache ")).map((l) => l.replace(dir, "<cache>"));
  const ajvLoaded = lines.some((l) => l.startsWith("charter: code cache validator-code.cjs.cache"));
  const stderr = lines.filter((l) => !l.startsWith("charter: ")).join("\n");
  return { code: r.code, stdout: r.stdout, stderr, validator, ajvLoaded };
}

const plain = charter(QUERY, { env: { CHARTER_NO_CODE_CACHE: "1" } });

describe("the validator cache of `charter query`", () => {
  it("is written by the first query of a schema and used by the next, which loads no ajv", () => {
    const dir = freshDir();
    const first = run(dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(plain.stdout);
    const files = readdirSync(join(dir, "validators"));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{16}\.cjs$/);
    const file = `<cache>/validators/${files[0]}`;
    expect(first.validator).toEqual([`charter: validator cache ${file}: absent`, `charter: validator cache ${file}: written`]);
    expect(first.ajvLoaded).toBe(true);

    const second = run(dir);
    expect(second.validator).toEqual([`charter: validator cache ${file}: used`]);
    expect(second.ajvLoaded).toBe(false);
    expect(second.stdout).toBe(plain.stdout);
    // ajv's standalone code, after a line naming what generated it and from which schema.
    const code = readFileSync(join(dir, "validators", files[0]!), "utf8");
    expect(code.split("\n")[0]).toMatch(/^\/\/ charter descriptor validator \d+ "charter \d+\.\d+\.\d+, ajv \d+\.\d+\.\d+" \{"\$schema":/);
    expect(code).toContain('"open_weights":{"type":"boolean"}');

    // Code another ajv generated (the same schema) is not used: compiled afresh and rewritten.
    writeFileSync(join(dir, "validators", files[0]!), code.replace(/, ajv [\d.]+"/, ', ajv 0.0.1"'));
    const upgraded = run(dir);
    expect(upgraded.validator).toEqual([`charter: validator cache ${file}: rejected: the validator module was generated for another schema, or by another version`, `charter: validator cache ${file}: written`]);
    expect(upgraded.stdout).toBe(plain.stdout);

    // Another schema (facts optional), another file; put under the first one's name, it is refused.
    run(dir, [...QUERY, "--partial"]);
    const both = readdirSync(join(dir, "validators"));
    expect(both).toHaveLength(2);
    const other = both.find((f) => f !== files[0])!;
    writeFileSync(join(dir, "validators", files[0]!), readFileSync(join(dir, "validators", other)));
    const clash = run(dir);
    expect(clash.validator[0]).toBe(`charter: validator cache ${file}: rejected: the validator module was generated for another schema, or by another version`);
    expect(clash.stdout).toBe(plain.stdout);
  });

  it("rejects a damaged file and writes it anew; the answer is the same", () => {
    const dir = freshDir();
    run(dir);
    const [name] = readdirSync(join(dir, "validators"));
    for (const damage of ["module.exports = {", "module.exports = 42;", 'require("node:fs"); module.exports = () => true;']) {
      writeFileSync(join(dir, "validators", name!), damage);
      const r = run(dir);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(plain.stdout);
      expect(r.validator[0]).toMatch(/: rejected: /);
      expect(r.validator[1]).toMatch(/: written$/);
      expect(run(dir).validator).toEqual([r.validator[0]!.replace(/rejected: .*/, "used")]);
    }
  });

  it("keeps a bad descriptor's located error, whether the validator was kept or not", () => {
    const dir = freshDir();
    const args = ["query", "charters/model", "-d", "test/fixtures/deployments/bad/int-out-of-range.yaml"];
    const first = run(dir, args);
    const second = run(dir, args);
    expect(second.validator.at(-1)).toMatch(/: used$/);
    for (const r of [first, second]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
    }
    expect(second.stderr).toBe(first.stderr);
    expect(first.stderr).toMatch(/int-out-of-range\.yaml:\d+:\d+: error CH51/);
  });

  it("never costs a query its answer when it cannot be written, and says why only when asked", () => {
    const dir = freshDir();
    writeFileSync(join(dir, "validators"), "a file where the directory should be");
    const r = run(dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(plain.stdout);
    expect(r.stderr).toBe("");
    expect(r.validator.at(-1)).toMatch(/: not written: /);
    const quiet = charter(QUERY, { env: { CHARTER_CACHE_DIR: dir } });
    expect(quiet).toEqual({ ...plain, stderr: "" });
  });

  it("keeps at most 64 files, dropping the oldest (and temporary files a stopped run left behind)", () => {
    const dir = freshDir();
    const validators = join(dir, "validators");
    mkdirSync(validators);
    const old = new Date("2026-01-01T00:00:00Z");
    for (let i = 0; i < 70; i++) {
      const f = join(validators, `${String(i).padStart(32, "0")}.cjs`);
      writeFileSync(f, "module.exports = () => true;");
      const t = new Date(old.getTime() + i * 1000);
      utimesSync(f, t, t);
    }
    // Left by runs that stopped while writing: an old one goes, a recent one (perhaps being written) stays.
    const stale = join(validators, "0123456789abcdef.cjs.4242.tmp");
    const fresh = join(validators, "0123456789abcdef.cjs.4343.tmp");
    writeFileSync(stale, "half a");
    utimesSync(stale, old, old);
    writeFileSync(fresh, "half a");
    run(dir);
    expect(readdirSync(validators).filter((f) => f.endsWith(".tmp"))).toEqual(["0123456789abcdef.cjs.4343.tmp"]);
    const kept = readdirSync(validators).filter((f) => f.endsWith(".cjs")).sort();
    expect(kept).toHaveLength(64);
    // The new file and the 63 newest of the old ones.
    expect(kept.filter((f) => f.startsWith("0000")).map((f) => Number(f.slice(0, 32)))).toEqual(Array.from({ length: 63 }, (_, i) => i + 7));
  });

  it("is off with CHARTER_NO_CODE_CACHE: nothing read or written", () => {
    const dir = freshDir();
    const r = run(dir, QUERY, { CHARTER_NO_CODE_CACHE: "1" });
    expect(r.stdout).toBe(plain.stdout);
    expect(r.validator).toEqual([]);
    expect(r.ajvLoaded).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
});
