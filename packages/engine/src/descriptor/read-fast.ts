// The fast reading of descriptors: js-yaml (fast-load.ts) and a validator, for input that is well formed
// and valid — the usual case. Anything else goes to the located reading (read-located.ts), which only
// then loads the `yaml` library.
import type { CheckedSet } from "@charter/lang";
import type { Deployment } from "../query/answer.js";
import { fastLoad } from "./fast-load.js";
import { canonicalize } from "./canonical.js";
import type { Validate } from "./validator-module.js";

/**
 * The deployments in `text` when it reads as descriptors and `validate` (the fast reading's schema,
 * compiled by validatorFor or loaded by loadValidatorModule) takes every one, else undefined: then the
 * `yaml` reading (`readLocated`) finds and locates what is wrong. Both give the same deployments
 * whenever this one gives any (fast-load.ts says why).
 */
export function readValidWith(set: CheckedSet, text: string, validate: Validate): Deployment[] | undefined {
  // A plain `null:` key reads as "null" in js-yaml and "" in `yaml`: only a fact of that name can tell.
  if (set.facts.has("null")) return undefined;
  const values = fastLoad(text);
  if (!values || values.length === 0) return undefined;
  for (const v of values) if (!validate(v) || !canonicalize(v as Deployment, set)) return undefined;
  return values as Deployment[];
}
