// Descriptor files (YAML or JSON; several per file) → validated deployments, or located CH51xx diagnostics.
import type { CheckedSet } from "@charter/lang";
import { readValidDescriptors } from "./read-valid.js";
import { readLocated, type ReadResult } from "./read-located.js";

export type { ReadResult };

/**
 * Read every descriptor in `text`: a YAML stream (one per document), a JSON object, or a JSON array.
 * Deployments come back only when all of them are valid, so a batch is never half-answered.
 */
export function readDescriptors(set: CheckedSet, text: string, file: string, opts: { partial?: boolean } = {}): ReadResult {
  const valid = readValidDescriptors(set, text, opts);
  if (valid) return { deployments: valid, diagnostics: [] };
  return readLocated(set, text, file, opts);
}
