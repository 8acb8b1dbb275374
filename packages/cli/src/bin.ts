#!/usr/bin/env node
// The shipped `charter` bin (bundle/main.js, built from this file): runs the CLI bundle — cli.cjs, then
// the command's own file — from V8's code cache (bundle/*.cjs.cache, written by sample runs at the end
// of the build; see scripts/bundle-cli.mjs). Compiling the bundle's JavaScript (commander, ajv, yaml,
// the engine) was the largest part of a cold start, and Node 20 keeps no compiled code between runs
// (module.enableCompileCache came in Node 22) nor takes a code cache for ES modules; so the bundle is
// CommonJS, compiled here by vm.Script with its cachedData. A cache V8 rejects (another Node version,
// other V8 flags) or one older than its file is ignored: the file then compiles as any script does.
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

/** Set by the build for its sample run: write the cache when the process ends. */
const WRITE_ENV = "CHARTER_WRITE_CODE_CACHE";
/** Set to ignore the cache (to compare, or to rule it out). */
const IGNORE_ENV = "CHARTER_NO_CODE_CACHE";
/** Set to have each file's cache use reported on standard error: used, rejected, stale, absent or ignored. */
const DEBUG_ENV = "CHARTER_DEBUG_CODE_CACHE";

function cachedData(file: string, cacheFile: string): { data?: Buffer; state: string } {
  if (process.env[IGNORE_ENV] || process.env[WRITE_ENV]) return { state: "ignored" };
  try {
    // V8 checks the cache against its own version and flags and the source's length only, so a bundle
    // edited after the build (same length or not) must not meet the old cache.
    if (statSync(cacheFile).mtimeMs < statSync(file).mtimeMs) return { state: "stale" };
    return { data: readFileSync(cacheFile), state: "used" };
  } catch {
    return { state: "absent" };
  }
}

/** Run one bundle file as a CommonJS module; its `require("./x.cjs")` of another bundle file comes back here. */
function load(file: string, loaded: Map<string, { exports: unknown }>): unknown {
  const done = loaded.get(file);
  if (done) return done.exports;
  const cacheFile = `${file}.cache`;
  const source = readFileSync(file, "utf8");
  // The CommonJS wrapper Node itself puts around a module's source.
  const cache = cachedData(file, cacheFile);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData: cache.data,
  });
  if (process.env[DEBUG_ENV]) process.stderr.write(`charter: code cache ${basename(cacheFile)}: ${script.cachedDataRejected ? "rejected" : cache.state}\n`);
  const module: { exports: unknown } = { exports: {} };
  loaded.set(file, module);
  if (process.env[WRITE_ENV]) {
    // At the end, so that the functions the run compiled are in the cache too, not just the top level.
    process.on("exit", () => {
      const tmp = `${cacheFile}.${process.pid}`;
      try {
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch (e) {
        // A read-only install: the command's own outcome stands (the build checks that caches exist).
        rmSync(tmp, { force: true });
        process.stderr.write(`charter: code cache ${basename(cacheFile)} not written: ${(e as Error).message}\n`);
      }
    });
  }
  const dir = dirname(file);
  const nodeRequire = createRequire(file);
  const sibling = (id: string): unknown => (id.startsWith("./") && id.endsWith(".cjs") ? load(join(dir, id), loaded) : nodeRequire(id));
  const fn = script.runInThisContext() as (e: unknown, r: unknown, m: object, f: string, d: string) => void;
  fn.call(module.exports, module.exports, Object.assign(sibling, nodeRequire), module, file, dir);
  return module.exports;
}

load(fileURLToPath(new URL("./cli.cjs", import.meta.url)), new Map());
