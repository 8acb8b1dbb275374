// The fast reading of descriptors: js-yaml (fast-load.ts) and the ajv validator, for input that is
// well formed and valid — the usual case. Anything else goes to the located reading (read-located.ts),
// which only then loads the `yaml` library.
import type { CheckedSet } from "@charter/lang";
import type { Deployment } from "../query/answer.js";
import { fastLoad } from "./fast-load.js";
import { validatorFor } from "./validator.js";

/**
 * The deployments in `text` when it reads as descriptors and every one is valid, else undefined: then
 * the `yaml` reading (`readLocated`) finds and locates what is wrong. Both give the same deployments
 * whenever this one gives any (fast-load.ts says why).
 */
export function readValidDescriptors(set: CheckedSet, text: string, opts: { partial?: boolean } = {}): Deployment[] | undefined {
  const partial = opts.partial ?? false;
  // A plain `null:` key reads as "null" in js-yaml and "" in `yaml`: only a fact of that name can tell.
  if (set.facts.has("null")) return undefined;
  const values = fastLoad(text);
  if (!values || values.length === 0) return undefined;
  const validate = validatorFor(set, partial, true);
  for (const v of values) if (!validate(v) || !set.domains.has((v as Deployment).domain)) return undefined;
  return values as Deployment[];
}
