// Shared by the commands that need a clean, compiled set (query, schema, test).
import { hasErrors, loadCharterSet, type CheckedSet } from "@charter/lang";
import { compile, type CompiledSet } from "@charter/engine";
import { prettyReport } from "./report/diagnostics.js";
import { terminalStyle } from "./report/style.js";
import { write } from "./terminal.js";

export interface Loaded {
  set: CheckedSet;
  compiled: CompiledSet;
  texts: Map<string, string>;
}

/** Load, check and compile; on any error print the diagnostics to stderr and return undefined (exit 2). */
export function loadCompiled(paths: string[]): Loaded | undefined {
  const loaded = loadCharterSet(paths);
  if (loaded.inputError || hasErrors(loaded.diagnostics) || !loaded.set) {
    write(2, prettyReport(loaded.diagnostics, loaded.sources, terminalStyle(2)));
    write(2, "charter: the charter set has errors; run `charter check` for details\n");
    return undefined;
  }
  return { set: loaded.set, compiled: compile(loaded.set), texts: new Map(loaded.sources.map((s) => [s.file, s.text])) };
}
