// Turning a region into what a finding shows: a description in charter syntax and one witness.
import { isEmptyRegion, mergeRegion, type Region } from "../space/box.js";
import { describeBox } from "../space/describe.js";
import { witness } from "../space/witness.js";
import type { Deployment } from "../query/answer.js";
import type { AnalysisContext } from "./context.js";

const SHOWN = 3;

export interface ShownRegion {
  /** For messages: each box in backticks, e.g. "`a when x`, `b` and 2 more regions". */
  text: string;
  /** For JSON: the boxes in charter syntax joined by " or " (all of them). */
  plain: string;
  witness: Deployment;
  boxes: Region;
}

export function quoteRegions(texts: string[]): string {
  const shown = texts.slice(0, SHOWN).map((t) => `\`${t}\``).join(", ");
  const more = texts.length - SHOWN;
  return more > 0 ? `${shown} and ${more} more region${more === 1 ? "" : "s"}` : shown;
}

/** Undefined when the region is empty; otherwise up to three merged boxes, described, and a witness from the first. */
export function showRegion(ctx: AnalysisContext, r: Region): ShownRegion | undefined {
  if (isEmptyRegion(r)) return undefined;
  const boxes = mergeRegion(r);
  const texts = boxes.map((b) => describeBox(ctx.space, b));
  return { text: quoteRegions(texts), plain: texts.join(" or "), witness: witness(ctx.space, boxes[0]!, ctx.defaultDay), boxes };
}
