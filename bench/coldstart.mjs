// CLI cold start: whole processes, compared with `node -e 0` (the floor every Node CLI pays).
// Interleaved spawnSync rounds by default; hyperfine (apt-get install -y hyperfine) with --hyperfine.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summary } from "./stats.mjs";

const node = process.execPath;
const QUERY = ["charters/model", "-d", "test/fixtures/deployments/acme-triage.yaml"];

/**
 * The floor, then check and query for each CLI entry that exists: `packages/cli/bundle/main.js` (the
 * shipped `charter` bin, esbuild bundles run from V8's code cache), the same without the cache, and
 * `packages/cli/dist/main.js` (tsc output, unbundled).
 */
export function commands(cwd) {
  const out = [{ key: "floor", label: "node -e 0", argv: [node, "-e", "0"] }];
  // The bundle runs from V8's code cache (packages/cli/src/bin.ts); its peer without the cache says what
  // the cache is worth, in the same run (started through `env`, which adds an exec of ≈ 1 ms).
  const noCache = ["env", "CHARTER_NO_CODE_CACHE=1"];
  for (const [tag, entry, pre] of [["bundle", "packages/cli/bundle/main.js", []], ["bundle-nocache", "packages/cli/bundle/main.js", noCache], ["dist", "packages/cli/dist/main.js", []]]) {
    if (!existsSync(`${cwd}/${entry}`)) continue;
    const label = [...pre, "node", entry].join(" ");
    out.push({ key: `check-${tag}`, tag, entry, label: `${label} check charters/model`, argv: [...pre, node, entry, "check", "charters/model"] });
    out.push({ key: `query-${tag}`, tag, entry, label: `${label} query charters/model -d …/acme-triage.yaml`, argv: [...pre, node, entry, "query", ...QUERY] });
  }
  // `charter query` keeps the descriptor validator between runs (packages/cli/src/validator-cache.ts);
  // the first query of a schema compiles it with ajv. That one, every time: a cache directory that can
  // be neither read nor written.
  if (existsSync(`${cwd}/packages/cli/bundle/main.js`)) {
    const argv = ["env", "CHARTER_CACHE_DIR=/dev/null/charter", node, "packages/cli/bundle/main.js", "query", ...QUERY];
    out.push({ key: "query-bundle-newschema", tag: "bundle-newschema", label: `${argv.slice(0, 2).join(" ")} node packages/cli/bundle/main.js query … (validator not kept: a schema's first query)`, argv });
  }
  return out;
}

function hasHyperfine() {
  return spawnSync("hyperfine", ["--version"], { encoding: "utf8" }).status === 0;
}

/**
 * Median wall time (ms) of each command; `cwd` is the repository root. By default the commands run in
 * interleaved rounds (each round runs every command once), so that a slow minute on a shared machine
 * slows every command alike instead of whichever hyperfine happened to be running then: the ratios to
 * the floor are what to compare. `hyperfine: true` uses hyperfine `-N` instead (all runs of one
 * command, then the next), when it is installed.
 */
export function coldStart({ cwd, runs = 30, warmup = 3, hyperfine = false }) {
  const COMMANDS = commands(cwd);
  // charter's cache directory for the bench (not the user's); the check runs below fill it.
  const cacheDir = mkdtempSync(join(tmpdir(), "charter-bench-cache-"));
  const env = { ...process.env, CHARTER_CACHE_DIR: cacheDir };
  try {
    return timeCommands(COMMANDS, { cwd, env, runs, warmup, hyperfine });
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

function timeCommands(COMMANDS, { cwd, env, runs, warmup, hyperfine }) {
  for (const c of COMMANDS) {
    const r = spawnSync(c.argv[0], c.argv.slice(1), { cwd, env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${c.label} exited ${r.status}: ${r.stderr}`);
  }
  const out = { tool: "", runs, results: {} };
  if (hyperfine && hasHyperfine()) {
    const dir = mkdtempSync(join(tmpdir(), "charter-bench-"));
    const json = join(dir, "hyperfine.json");
    const quote = (a) => (/^[\w./:=-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
    const r = spawnSync("hyperfine", ["-N", "--warmup", String(warmup), "--runs", String(runs), "--export-json", json, ...COMMANDS.map((c) => c.argv.map(quote).join(" "))], { cwd, env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`hyperfine failed: ${r.stderr}`);
    const data = JSON.parse(readFileSync(json, "utf8"));
    rmSync(dir, { recursive: true, force: true });
    out.tool = `hyperfine ${spawnSync("hyperfine", ["--version"], { encoding: "utf8" }).stdout.trim().split(" ")[1]} (-N, ${warmup} warm-up, ${runs} runs)`;
    COMMANDS.forEach((c, i) => {
      const res = data.results[i];
      out.results[c.key] = { label: c.label, tag: c.tag, medianMs: res.median * 1000, meanMs: res.mean * 1000, stddevMs: res.stddev * 1000, minMs: res.min * 1000 };
    });
    return out;
  }
  out.tool = `spawnSync, ${runs} interleaved rounds after ${warmup} warm-up rounds, median`;
  const times = COMMANDS.map(() => []);
  for (let i = 0; i < warmup + runs; i++) {
    COMMANDS.forEach((c, j) => {
      const t = performance.now();
      spawnSync(c.argv[0], c.argv.slice(1), { cwd, env, stdio: "ignore" });
      if (i >= warmup) times[j].push(performance.now() - t);
    });
  }
  COMMANDS.forEach((c, j) => {
    const s = summary(times[j]);
    out.results[c.key] = { label: c.label, tag: c.tag, medianMs: s.p50, meanMs: s.mean, minMs: s.min };
  });
  return out;
}
