#!/usr/bin/env node
// The `charter` command: a thin layer over @charter/lang and @charter/engine.
import { Command, CommanderError, Option } from "commander";
import { runCheck } from "./commands/check.js";
import { runFmt } from "./commands/fmt.js";
import { ExitCode } from "./exit-codes.js";

function formatOption(choices: string[], def: string): Option {
  return new Option("--format <format>", "output format").choices(choices).default(def);
}

function build(setExit: (code: ExitCode) => void): Command {
  const program = new Command("charter")
    .description("Policy-as-code for bounded decentralisation in AI governance")
    .version("0.1.0")
    .showHelpAfterError("(run `charter --help` for usage)")
    .exitOverride();
  program
    .command("check")
    .description("parse and check a charter set")
    .argument("<paths...>", "charter files or folders (searched for *.charter)")
    .addOption(formatOption(["pretty", "json"], "pretty"))
    .action((paths: string[], opts: { format: "pretty" | "json" }) => setExit(runCheck(paths, opts)));
  program
    .command("fmt")
    .description("format charter files in the canonical layout (files that do not parse are left alone)")
    .argument("<paths...>", "charter files or folders")
    .option("--check", "write nothing; list unformatted files and exit 1 if any", false)
    .action((paths: string[], opts: { check: boolean }) => setExit(runFmt(paths, opts)));
  return program;
}

async function main(): Promise<void> {
  let code: ExitCode = ExitCode.Ok;
  const program = build((c) => {
    code = c;
  });
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here with exit code 0; usage mistakes are exit 2.
      process.exitCode = e.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
      return;
    }
    process.stderr.write(`charter: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = ExitCode.Usage;
    return;
  }
  process.exitCode = code;
}

await main();
