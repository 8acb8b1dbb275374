#!/usr/bin/env node
// The `charter` command: a thin layer over @charter/lang and @charter/engine.
import { Command, CommanderError, Option } from "commander";
import type { QueryOptions } from "./commands/query.js";
import type { LintCommandOptions } from "./commands/lint.js";
import { VERSION } from "./version.js";
import { ExitCode } from "./exit-codes.js";

function formatOption(choices: string[], def: string): Option {
  return new Option("--format <format>", "output format").choices(choices).default(def);
}

// Commands load their modules on use: `charter check` never pays for ajv and yaml (cold start per CI step).
function build(setExit: (code: ExitCode) => void): Command {
  const program = new Command("charter")
    .description("Policy-as-code for bounded decentralisation in AI governance")
    .version(VERSION)
    .showHelpAfterError("(run `charter --help` for usage)")
    .exitOverride();
  program
    .command("check")
    .description("parse and check a charter set")
    .argument("<paths...>", "charter files or folders (searched for *.charter)")
    .addOption(formatOption(["pretty", "json"], "pretty"))
    .action(async (paths: string[], opts: { format: "pretty" | "json" }) => setExit((await import("./commands/check.js")).runCheck(paths, opts)));
  program
    .command("fmt")
    .description("format charter files in the canonical layout (files that do not parse are left alone)")
    .argument("<paths...>", "charter files or folders")
    .option("--check", "write nothing; list unformatted files and exit 1 if any", false)
    .action(async (paths: string[], opts: { check: boolean }) => setExit((await import("./commands/fmt.js")).runFmt(paths, opts)));
  program
    .command("lint")
    .description("check, then analyse the whole deployment space: gaps, overlaps, ultra vires, guardrails, …")
    .argument("<paths...>", "the charter set: files or folders")
    .addOption(formatOption(["pretty", "json", "sarif", "github"], "pretty"))
    .option("--config <file>", "rule levels and ignored files (default: ./charter.yaml when present)")
    .action(async (paths: string[], opts: LintCommandOptions) => setExit((await import("./commands/lint.js")).runLint(paths, opts)));
  program
    .command("query")
    .description("who must approve a deployment, who is notified, what escalated, and why")
    .argument("<paths...>", "the charter set: files or folders")
    .requiredOption("-d, --deployment <files...>", "descriptor files (YAML or JSON; `-` reads standard input)")
    .option("--at <date>", "answer for this date (YYYY-MM-DD), overriding the descriptors' `at`; default today")
    .addOption(formatOption(["text", "json"], "text"))
    .option("--explain", "show every clause considered and why it did or did not apply", false)
    .option("--partial", "allow missing facts: answer what holds whatever they are, and what depends on them", false)
    .action(async (paths: string[], opts: QueryOptions) => setExit(await (await import("./commands/query.js")).runQuery(paths, opts)));
  program
    .command("schema")
    .description("print the JSON Schema (draft 2020-12) for deployment descriptors of a charter set")
    .argument("<paths...>", "the charter set")
    .option("--partial", "facts are optional (the schema `--partial` queries use)", false)
    .action(async (paths: string[], opts: { partial: boolean }) => setExit((await import("./commands/schema.js")).runSchema(paths, opts)));
  program
    .command("test")
    .description("run every `example` block; exit 1 if any expectation fails")
    .argument("<paths...>", "the charter set")
    .option("--coverage", "list clauses that no example exercised", false)
    .action(async (paths: string[], opts: { coverage: boolean }) => setExit((await import("./commands/test.js")).runTest(paths, opts)));
  program
    .command("lsp")
    .description("run the language server for editors (LSP over standard input and output)")
    .option("--stdio", "talk LSP over standard input and output (the only transport; accepted for clients that pass it)", true)
    .action(async (opts: { stdio: boolean }) => setExit(await (await import("./commands/lsp.js")).runLsp(opts)));
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

// Not a top-level await: the bundle the bin runs is CommonJS (see bin.ts); main() catches everything.
void main();
