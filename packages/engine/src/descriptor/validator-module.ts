// The fast reading's validator as a module of JavaScript: ajv's standalone code for the set's schema
// (validator-code.ts writes it). Loading that code needs no ajv, so a caller that keeps it between runs
// skips loading ajv and compiling the schema, which were ≈ 20 ms of a `charter query` cold start (the
// CLI keeps it in its cache directory). What naming and loading the code need is here; nothing in this
// module imports ajv.
import { fullFormats } from "ajv-formats/dist/formats.js";
import type { CheckedSet } from "@charter/lang";
import { deploymentSchema } from "./schema.js";

/** Whether a value read from a descriptor is a valid descriptor of the set (shape and facts; the domain too when listed). */
export type Validate = (value: unknown) => boolean;

/**
 * Raised with every change to how validator-code.ts generates the code (ajv options, formats), so that
 * code generated the old way fails the header check.
 */
const MODULE_FORMAT = 1;

/** What generated code may `require`: the date format (validator-code.ts points ajv's `code.formats` here). */
export const VALIDATOR_RUNTIME: Readonly<Record<string, unknown>> = { "ajv-formats/dist/formats": { fullFormats } };

/** The fast reading's schema: the domain is only typed (read-fast.ts looks it up in the set). */
export function fastSchema(set: CheckedSet, partial: boolean): object {
  return deploymentSchema(set, { partial, domainAsString: true });
}

/**
 * The first line of the set's validator module: what the code was generated from — how (MODULE_FORMAT),
 * `salt` (the CLI passes its own version and ajv's, so that code another version generated is not
 * used) and the schema. loadValidatorModule compares it whole, so a file name that two
 * schemas happen to share can only cost a compile, never give one schema another's verdicts.
 */
export function validatorHeader(set: CheckedSet, partial: boolean, salt = ""): string {
  // JSON.stringify escapes line breaks in strings: the header is one line.
  return `// charter descriptor validator ${MODULE_FORMAT} ${JSON.stringify(salt)} ${JSON.stringify(fastSchema(set, partial))}`;
}

/**
 * A file name for the module with this header: 64 bits of FNV-1a (two 32-bit lanes) in hex. Not
 * node:crypto: loading it was ≈ 5 ms of a query's cold start, and the header check makes a
 * collision harmless.
 */
export function validatorFileName(header: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ header.length;
  for (let i = 0; i < header.length; i++) {
    const c = header.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return `${(a >>> 0).toString(16).padStart(8, "0")}${(b >>> 0).toString(16).padStart(8, "0")}.cjs`;
}

/**
 * The validate function of generated code (validatorModuleCode's). Throws when the code was generated
 * from another header than `header` (when given), does not run or exports no function, as damaged code
 * might: the caller then compiles the schema afresh.
 */
export function loadValidatorModule(code: string, header?: string): Validate {
  if (header !== undefined && !(code.startsWith(header) && code.charCodeAt(header.length) === 10)) {
    throw new Error("the validator module was generated for another schema, or by another version");
  }
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
