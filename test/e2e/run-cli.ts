import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
const main = fileURLToPath(new URL("../../packages/cli/bundle/main.js", import.meta.url));

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
    env: { ...process.env, NO_COLOR: "1", ...opts.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
