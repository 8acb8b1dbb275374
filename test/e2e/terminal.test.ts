// Where the CLI's output goes (packages/cli/src/terminal.ts): a terminal gets colour, a pipe, a file
// and /dev/null get the same plain bytes, and a reader that goes away early ends the output quietly.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheDir, charter, root, tempDir } from "./run-cli.js";

const bin = join(root, "packages/cli/bundle/main.js");
const dir = tempDir("terminal");

/** A shell command line from the repository root, with charter's test cache and NO_COLOR unset unless given. */
function sh(line: string, env: Record<string, string> = {}) {
  const base: Record<string, string | undefined> = { ...process.env, CHARTER_CACHE_DIR: cacheDir, ...env };
  if (!("NO_COLOR" in env)) delete base["NO_COLOR"];
  return spawnSync("bash", ["-o", "pipefail", "-c", line], { cwd: root, encoding: "utf8", env: base });
}

// util-linux `script` runs a command on a pseudo-terminal (Debian has it in every install).
const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;

describe("the CLI's output", () => {
  it.runIf(hasScript)("is coloured on a terminal, and plain there with NO_COLOR", () => {
    const tty = sh(`script -qec "node ${bin} check charters/broken" /dev/null`);
    expect(tty.stdout).toContain("\u001b[31m\u001b[1merror");
    expect(tty.stdout).toContain("CH2001");
    const noColor = sh(`script -qec "node ${bin} check charters/broken" /dev/null`, { NO_COLOR: "1" });
    expect(noColor.stdout).not.toContain("\u001b[");
    expect(noColor.stdout).toContain("CH2001");
  });

  it("is the same bytes to a pipe, a file and /dev/null (and the exit code the same)", () => {
    const piped = charter(["lint", "charters/model", "--format", "sarif"]);
    const file = join(dir, "out.sarif");
    const toFile = sh(`node ${bin} lint charters/model --format sarif > ${file}`);
    expect(toFile.status).toBe(piped.code);
    expect(readFileSync(file, "utf8")).toBe(piped.stdout);
    const toNull = sh(`node ${bin} lint charters/model --format sarif > /dev/null`);
    expect(toNull.status).toBe(piped.code);
    expect(toNull.stderr).toBe("");
  });

  it("ends quietly when the reader goes away early (`| head`): no stack trace, the command's exit code", () => {
    // ≈ 8 MB of answers, far more than a pipe holds, so the writer meets the closed pipe.
    const one = readFileSync(join(root, "test/fixtures/deployments/acme-triage.yaml"), "utf8");
    const batch = join(dir, "batch.yaml");
    writeFileSync(batch, Array.from({ length: 3000 }, () => one).join("---\n"));
    const r = sh(`node ${bin} query charters/model -d ${batch} --explain --format json | head -c 10; echo " exit \${PIPESTATUS[0]}"`);
    expect(r.stdout).toBe('{"deployme exit 0\n');
    expect(r.stderr).toBe("");
  });
});
