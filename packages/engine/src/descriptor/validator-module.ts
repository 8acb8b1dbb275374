// The fast reading's validator as a module of JavaScript: ajv's standalone code for the set's schema
// (validator-code.ts writes it). Loading that code needs no ajv, so a caller that keeps it between runs
// skips loading ajv and compiling the schema, which were ≈ 20 ms of a `charter query` cold start (the
// CLI keeps it in its cache directory). What naming and loading the code need is here; nothing in this
// module imports ajv.
import { createHash } from "node:crypto";
import { fullFormats } from "ajv-formats/dist/formats.js";
import type { CheckedSet } from "@charter/lang";
import { deploymentSchema } from "./schema.js";

/** Whether a value read from a descriptor is a valid descriptor of the set (shape and facts; the domain too when listed). */
export type Validate = (value: unknown) => boolean;

/**
 * Raised with every change to how validator-code.ts generates the code (ajv options, formats), so that
 * code kept under the old name is not used for the new.
 */
const MODULE_FORMAT = 1;

/** What generated code may `require`: the date format (validator-code.ts points ajv's `code.formats` here). */
export const VALIDATOR_RUNTIME: Readonly<Record<string, unknown>> = { "ajv-formats/dist/formats": { fullFormats } };

/** The fast reading's schema: the domain is only typed (read-fast.ts looks it up in the set). */
export function fastSchema(set: CheckedSet, partial: boolean): object {
  return deploymentSchema(set, { partial, domainAsString: true });
}

/**
 * A name for the validator module of this set's schema, for a caller keeping the code: a hash of the
 * schema, of how the code is generated and of `salt` (the CLI passes its version, so an upgrade, which
 * may bring another ajv, never meets code from the last one).
 */
export function validatorKey(set: CheckedSet, partial: boolean, salt = ""): string {
  return createHash("sha256").update(`${MODULE_FORMAT}\n${salt}\n${JSON.stringify(fastSchema(set, partial))}`).digest("hex").slice(0, 32);
}

/**
 * The validate function of generated code (validatorModuleCode's). Throws when the code does not run
 * or exports no function, as damaged code might: the caller then compiles the schema afresh.
 */
export function loadValidatorModule(code: string): Validate {
  const module: { exports: unknown } = { exports: {} };
  const require = (id: string): unknown => {
    if (Object.hasOwn(VALIDATOR_RUNTIME, id)) return VALIDATOR_RUNTIME[id];
    throw new Error(`the validator module requires \`${id}\`, which is not provided`);
  };
  // The code is ajv's CommonJS module (`module.exports = validate0`), run with the wrapper Node gives one.
  new Function("require", "module", "exports", code)(require, module, module.exports);
  const validate = module.exports;
  if (typeof validate !== "function") throw new Error("the validator module exports no function");
  return (value) => validate(value) === true;
}
