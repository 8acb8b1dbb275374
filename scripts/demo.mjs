// The README's main job: every command on the bundled charter sets, each with the exit code it should have.
import { spawnSync } from "node:child_process";

const cli = new URL("../packages/cli/bundle/main.js", import.meta.url).pathname;
const steps = [
  { args: ["check", "charters/model"], exit: 0 },
  { args: ["check", "charters/ai-governance"], exit: 0 },
  { args: ["fmt", "--check", "charters/ai-governance"], exit: 0 },
  { args: ["query", "charters/model", "--deployment", "test/fixtures/deployments/acme-triage.yaml"], exit: 0 },
  { args: ["query", "charters/model", "--partial", "--deployment", "test/fixtures/deployments/frontier-no-compute.yaml"], exit: 0 },
  { args: ["test", "charters/ai-governance", "--coverage"], exit: 0 },
  { args: ["lint", "charters/ai-governance"], exit: 0 },
  // The brief's model set fails two guardrails on purpose (language.md §5): exit 1 is the right answer.
  { args: ["lint", "charters/model"], exit: 1 },
];
let failed = 0;
for (const s of steps) {
  process.stdout.write(`\n$ charter ${s.args.join(" ")}\n`);
  const r = spawnSync(process.execPath, [cli, ...s.args], { stdio: "inherit" });
  if (r.status !== s.exit) {
    failed++;
    process.stdout.write(`demo: expected exit ${s.exit}, got ${r.status}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
