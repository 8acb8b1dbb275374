// The printer's intermediate form: lines of code, each tagged with the source range it prints, so
// comments (which the AST drops) can be put back next to the code they were written beside.

/** Whether a blank line the source had before this line is kept. */
export type Unit =
  | "item" // a top-level item: blank line kept from the source; always one when there is no source
  | "member" // a member of a block, or a comment line: blank line kept from the source only
  | "none"; // inside a construct (grants, tails, continuation lines): never a blank line before

export interface Line {
  indent: number;
  text: string;
  /** Source offsets [start, end) of what this line prints; disjoint across lines. */
  start: number;
  end: number;
  unit: Unit;
  /** Indentation of comments placed before this line (a closing brace's sit inside its block). */
  commentIndent: number;
  /** Ends with `{`: no blank line may follow it. */
  opens: boolean;
}

export function line(indent: number, text: string, start: number, end: number, unit: Unit = "none"): Line {
  return { indent, text, start, end, unit, commentIndent: indent, opens: text.endsWith("{") };
}

/** What the printer may ask about the source; both answers are trivial when there is none. */
export interface PrintCtx {
  /** The `{` that opens a block at or after `from`, skipping comments and strings; `from` when unknown. */
  brace(from: number): number;
  /** Whether a comment lies in [start, end): an empty block holding one keeps its two lines. */
  hasComment(start: number, end: number): boolean;
}

/** The indentation step, and the width past which an example's bindings wrap. */
export const INDENT = 2;
export const MAX_WIDTH = 100;
/**
 * Once bindings wrap, lines are filled to this width: it is what gives the language brief's own
 * example (§4) its layout, which is the target style.
 */
export const FILL_WIDTH = 80;
/** Before a comment that follows code on the same line. */
export const TRAILING_GAP = "  ";

/** A string literal as the grammar reads it: only `\"`, `\\` and `\n` are escapes. */
export function quote(s: string): string {
  return `"${s.replace(/[\\"\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`))}"`;
}

/**
 * An integer the AST holds as a number (int ranges, requirement counts). `String` would write
 * 1e21 and above in exponent form, which the `integer` rule does not accept.
 */
export function intText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) >= 1e21 ? BigInt(n).toString() : String(n);
}
