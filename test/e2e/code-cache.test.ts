// The bin runs the bundle from V8's code cache (packages/cli/src/bin.ts, scripts/bundle-cli.mjs): the
// build must leave caches V8 accepts, and a cache that is damaged, stale or switched off must change
// nothing but the time a command takes.
import { cpSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { charter, root, tempDir } from "./run-cli.js";

const bundle = join(root, "packages/cli/bundle");
const QUERY = ["query", "charters/model", "-d", "test/fixtures/deployments/acme-triage.yaml", "--format", "json"];

/**
 * `charter` from the bundle in `dir`, with its report of code cache use apart from the rest of stderr
 * (and that of the validator cache, which validator-cache.test.ts is about, left out).
 */
function run(dir: string, args: string[], env: Record<string, string> = {}) {
  const r = charter(args, { bin: join(dir, "main.js"), env: { CHARTER_DEBUG_CODE_CACHE: "1", ...env } });
  const lines = r.stderr.split("\n");
  const cache = lines.filter((l) => l.startsWith("charter: code cache "));
  const stderr = lines.filter((l) => !l.startsWith("charter: code cache ") && !l.startsWith("charter: validator cache ")).join("\n");
  return { code: r.code, stdout: r.stdout, stderr, cache };
}

/** A copy of the built bundle (modification times kept, so its caches are as fresh as the build's). */
function copy(): string {
  const dir = tempDir("bundle");
  cpSync(bundle, dir, { recursive: true, preserveTimestamps: true });
  return dir;
}

describe("the bundle's code cache", () => {
  const plain = run(bundle, QUERY, { CHARTER_NO_CODE_CACHE: "1" });

  it("is written by the build for every command file, and V8 accepts it", () => {
    const caches = readdirSync(bundle).filter((f) => f.endsWith(".cjs.cache")).sort();
    const files = ["check", "cli", "fmt", "lint", "query", "read-located", "schema", "test", "validator-code"];
    expect(caches).toEqual(files.map((c) => `${c}.cjs.cache`));
    run(bundle, QUERY); // so that the validator is in the cache: the query below loads no validator-code.cjs
    for (const args of [QUERY, ["check", "charters/model"], ["lint", "charters/model", "--format", "json"]]) {
      const r = run(bundle, args);
      expect(r.cache.length, args.join(" ")).toBe(2);
      for (const line of r.cache) expect(line, args.join(" ")).toMatch(/: used$/);
    }
    // A bad descriptor with no validator kept: ajv's file compiles the validator, yaml's locates the problem.
    const fresh = tempDir("cache");
    const bad = run(bundle, ["query", "charters/model", "-d", "test/fixtures/deployments/bad/wrong-type.yaml"], { CHARTER_CACHE_DIR: fresh });
    expect(bad.code).toBe(2);
    expect(bad.cache.map((l) => l.replace(/^charter: code cache (\S+): used$/, "$1"))).toEqual(
      ["cli", "query", "validator-code", "read-located"].map((c) => `${c}.cjs.cache`),
    );
  });

  it("changes no output: the same answer with the cache, without it, damaged and stale", () => {
    expect(plain.code).toBe(0);
    // Switched off, the validator cache too: ajv's file compiles the validator.
    expect(plain.cache).toEqual(["cli", "query", "validator-code"].map((c) => `charter: code cache ${c}.cjs.cache: ignored`));
    expect(JSON.parse(plain.stdout).verdict).toBe("approval-required");

    const cached = run(bundle, QUERY);
    expect({ ...cached, cache: [] }).toEqual({ ...plain, cache: [] });

    const damaged = copy();
    writeFileSync(join(damaged, "query.cjs.cache"), Buffer.alloc(4096, 0x5a));
    const d = run(damaged, QUERY);
    expect(d.cache).toContain("charter: code cache query.cjs.cache: rejected");
    expect({ ...d, cache: [] }).toEqual({ ...plain, cache: [] });

    // A bundle file newer than its cache (edited after the build) never meets the old cache, which V8
    // would take if the length were unchanged.
    const stale = copy();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(stale, "query.cjs"), later, later);
    const s = run(stale, QUERY);
    expect(s.cache).toContain("charter: code cache query.cjs.cache: stale");
    expect({ ...s, cache: [] }).toEqual({ ...plain, cache: [] });
  });

  it("never costs a command its outcome: a cache that cannot be written is reported, the answer stands", () => {
    const dir = copy();
    rmSync(join(dir, "query.cjs.cache"));
    mkdirSync(join(dir, "query.cjs.cache", "in-the-way"), { recursive: true });
    const r = run(dir, QUERY, { CHARTER_WRITE_CODE_CACHE: "1" });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(plain.stdout);
    expect(r.cache.some((l) => l.startsWith("charter: code cache query.cjs.cache not written: "))).toBe(true);
    expect(r.stderr.trim()).toBe("");
    expect(readdirSync(dir).filter((f) => f.startsWith("query.cjs.cache."))).toEqual([]);
  });

  it("keeps errors as they are: a bad descriptor is exit 2 with the located message either way", () => {
    const args = ["query", "charters/model", "-d", "test/fixtures/deployments/bad/unknown-fact.yaml"];
    const a = run(bundle, args);
    const b = run(bundle, args, { CHARTER_NO_CODE_CACHE: "1" });
    expect(a.code).toBe(2);
    expect(a.stderr).toBe(b.stderr);
    expect(a.stderr).toMatch(/unknown-fact\.yaml:\d+:\d+/);
  });
});
