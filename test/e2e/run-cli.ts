import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

export const root = fileURLToPath(new URL("../../", import.meta.url));
const main = fileURLToPath(new URL("../../packages/cli/bundle/main.js", import.meta.url));

/**
 * charter's cache directory for the runs of this test file (validator-cache.ts): not the user's, and
 * shared, so that the first query of a schema compiles its validator and the later ones load it.
 */
const made: string[] = [];
// Registered when a test file imports this module, so it runs after that file's tests (a worker's
// process "exit" event is not a place to rely on: vitest ends its workers without one).
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the importing test file's tests. */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), `charter-${prefix}-`));
  made.push(d);
  return d;
}

export const cacheDir = tempDir("test-cache");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built CLI from the repository root, as a user would (`pnpm charter …`); `bin`: another copy of its bin. */
export function charter(args: string[], opts: { input?: string; env?: Record<string, string>; bin?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [opts.bin ?? main, ...args], {
    cwd: root,
    input: opts.input ?? "",
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", CHARTER_CACHE_DIR: cacheDir, ...opts.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
