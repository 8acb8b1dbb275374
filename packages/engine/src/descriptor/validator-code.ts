// The fast reading's validator as ajv's standalone code, for validator-module.ts to load without ajv.
// A module of its own (`@charter/engine/validator-code`): a caller that keeps the code loads ajv only
// when it has none for the schema yet.
import { _ } from "ajv/dist/2020.js";
import standaloneModule from "ajv/dist/standalone/index.js";
import type { CheckedSet } from "@charter/lang";
import { commonJsDefault, descriptorAjv } from "./validator.js";
import { VALIDATOR_RUNTIME, fastSchema, validatorHeader } from "./validator-module.js";

/** For a caller with no module code to load (validatorModuleCode gave none). */
export { validatorFor } from "./validator.js";

type StandaloneCode = (ajv: ReturnType<typeof descriptorAjv>, validate: unknown) => string;
const standaloneCode = commonJsDefault<StandaloneCode>(standaloneModule);

/**
 * The code of a CommonJS module exporting the validate function ajv compiles from the fast reading's
 * schema, after its header line (validatorHeader, with `salt`): the same ajv instance options as
 * validatorFor's, so the same verdict on every value. Undefined when the code would need a module that
 * validator-module.ts does not provide (a schema keyword this engine does not emit today); the caller
 * then validates with validatorFor.
 */
export function validatorModuleCode(set: CheckedSet, partial: boolean, salt = ""): string | undefined {
  const ajv = descriptorAjv({ source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` });
  const code = standaloneCode(ajv, ajv.compile(fastSchema(set, partial)));
  for (const m of code.matchAll(/\brequire\(("[^"]*")\)/g)) if (!Object.hasOwn(VALIDATOR_RUNTIME, JSON.parse(m[1]!) as string)) return undefined;
  return `${validatorHeader(set, partial, salt)}\n${code}`;
}
