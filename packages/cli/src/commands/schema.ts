import { deploymentSchema } from "@charter/engine";
import { ExitCode } from "../exit-codes.js";
import { write } from "../terminal.js";
import { loadCompiled } from "../load.js";

/** `charter schema PATHS`: the JSON Schema that descriptors for this set must satisfy. */
export function runSchema(paths: string[], opts: { partial: boolean }): ExitCode {
  const loaded = loadCompiled(paths);
  if (!loaded) return ExitCode.Usage;
  write(1, JSON.stringify(deploymentSchema(loaded.set, { partial: opts.partial }), null, 2) + "\n");
  return ExitCode.Ok;
}
