// The descriptor validator `charter query` uses, kept between runs: ajv's standalone code for the set's
// schema, in charter's cache directory under a hash of the schema (validator-module.ts in the engine).
// Loading ajv and compiling the schema were ≈ 20 ms of each query's cold start, for the same schema run
// after run; with the code kept, ajv is loaded only for a schema not seen before. The cache is an
// optimisation only: a file that cannot be read, run or written is passed over (reported with
// CHARTER_DEBUG_CODE_CACHE), and CHARTER_NO_CODE_CACHE turns it off with the bin's code cache.
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { loadValidatorModule, validatorFileName, validatorHeader, type Validate } from "@charter/engine";
import type { CheckedSet } from "@charter/lang";
import { write } from "./terminal.js";
import { VERSION } from "./version.js";

/**
 * ajv's version, put into the bundle by scripts/bundle-cli.mjs: part of what the kept code is checked
 * against, so that code another ajv generated is compiled afresh (charter's own version alone does not
 * change with a dependency upgrade). Absent when the CLI runs unbundled.
 */
declare const __CHARTER_AJV_VERSION__: string | undefined;
const GENERATOR = `charter ${VERSION}, ajv ${typeof __CHARTER_AJV_VERSION__ === "string" ? __CHARTER_AJV_VERSION__ : "(unbundled)"}`;

/** Validator files kept at most; the oldest go when a new one is written (each is ≈ 10 KB). */
const KEEP = 64;
/** A temporary file this old was left by a run that stopped while writing: pruned with the rest. */
const STALE_TMP_MS = 10 * 60 * 1000;

/**
 * Where charter keeps what it caches: CHARTER_CACHE_DIR, else the platform's user cache directory
 * (XDG_CACHE_HOME or ~/.cache on Linux and the like). Undefined when caching is off or there is no home.
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env["CHARTER_NO_CODE_CACHE"]) return undefined;
  if (env["CHARTER_CACHE_DIR"]) return env["CHARTER_CACHE_DIR"];
  if (process.platform === "win32") return env["LOCALAPPDATA"] ? join(env["LOCALAPPDATA"], "charter", "Cache") : undefined;
  const home = env["HOME"] || homedir();
  if (!home) return undefined;
  if (process.platform === "darwin") return join(home, "Library", "Caches", "charter");
  return join(env["XDG_CACHE_HOME"] || join(home, ".cache"), "charter");
}

function debug(file: string, what: string): void {
  if (process.env["CHARTER_DEBUG_CODE_CACHE"]) write(2, `charter: validator cache ${file}: ${what}\n`);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Write `code` as `file` whole or not at all (a concurrent run may read it), then drop the oldest
 * files beyond KEEP and temporary files left by runs that stopped mid-write.
 */
function store(file: string, code: string): void {
  const dir = dirname(file);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(tmp, code);
    renameSync(tmp, file);
    debug(file, "written");
  } catch (e) {
    debug(file, `not written: ${message(e)}`);
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Never created: the directory is not there to hold it.
    }
    return;
  }
  try {
    const now = Date.now();
    const kept = readdirSync(dir).flatMap((f) => {
      const path = join(dir, f);
      if (f.endsWith(".tmp")) {
        if (now - statSync(path).mtimeMs > STALE_TMP_MS) rmSync(path, { force: true });
        return [];
      }
      if (!f.endsWith(".cjs")) return [];
      return [{ path, mtime: statSync(path).mtimeMs }];
    });
    kept.sort((a, b) => b.mtime - a.mtime || (a.path < b.path ? -1 : 1));
    for (const old of kept.slice(KEEP)) rmSync(old.path, { force: true });
  } catch {
    // Another run pruning at the same time: what is left is pruned next time.
  }
}

/** The validator kept as `file`, if it is there and was generated as `header` says; undefined otherwise. */
function kept(file: string, header: string): Validate | undefined {
  let code: string;
  try {
    code = readFileSync(file, "utf8");
  } catch (e) {
    debug(file, (e as NodeJS.ErrnoException).code === "ENOENT" ? "absent" : `unreadable: ${message(e)}`);
    return undefined;
  }
  try {
    const validate = loadValidatorModule(code, header);
    debug(file, "used");
    return validate;
  } catch (e) {
    debug(file, `rejected: ${message(e)}`);
    return undefined;
  }
}

/** The fast reading's validator for `set`: from the cache when it holds the schema's, else compiled by ajv (and kept). */
export async function descriptorValidator(set: CheckedSet, partial: boolean): Promise<Validate> {
  const root = cacheDir();
  const header = validatorHeader(set, partial, GENERATOR);
  const file = root === undefined ? undefined : join(root, "validators", validatorFileName(header));
  const found = file === undefined ? undefined : kept(file, header);
  if (found) return found;
  // A module of its own in the bundle, so that ajv is read and compiled only here.
  const { validatorModuleCode, validatorFor } = await import("@charter/engine/validator-code");
  const code = validatorModuleCode(set, partial, GENERATOR);
  if (code === undefined) return validatorFor(set, partial, true);
  if (file !== undefined) store(file, code);
  // The code just written, not ajv's own function: every run validates with the same code.
  return loadValidatorModule(code, header);
}
