// The fast reading with ajv's validator compiled in this process (read-fast.ts has the reading itself).
import type { CheckedSet } from "@charter/lang";
import type { Deployment } from "../query/answer.js";
import { readValidWith } from "./read-fast.js";
import { validatorFor } from "./validator.js";

/** readValidWith with the set's validator compiled by ajv (once per set): the deployments if all are valid, else undefined. */
export function readValidDescriptors(set: CheckedSet, text: string, opts: { partial?: boolean } = {}): Deployment[] | undefined {
  return readValidWith(set, text, validatorFor(set, opts.partial ?? false, true));
}
