// Puts each comment back beside the printed line it was written next to. Lines carry disjoint
// source ranges; a comment goes
//  - after code on its line (trailing) when code precedes it on its source line: on the printed
//    line whose range contains it (a comment inside a condition moves to the end of that line),
//    else on the line whose range ends just before it on the same source line;
//  - otherwise on its own line (leading) before the line whose range contains it, else before the
//    line that starts nearest after it in the source (so a comment stays with a tail part even
//    when the tail is reordered), else at the end of the file;
//  - a comment that directly follows another on the same line goes where that one went.
// Every comment lands somewhere, and a placed comment is found in the same place when the output
// is formatted again (idempotence).
import { LineMap } from "../ast/span.js";
import type { Comment } from "./comments.js";
import type { Line } from "./lines.js";

export interface Placement {
  leading: Comment[][];
  trailing: Comment[][];
  /** After the last line. */
  end: Comment[];
}

/** Index in `sorted` of the last element with key <= x, or -1. */
function lastAtMost(sorted: number[], key: (i: number) => number, x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (key(sorted[mid]!) <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function attachComments(lines: readonly Line[], comments: readonly Comment[], text: string): Placement {
  const map = new LineMap("", text);
  const lineOf = (offset: number): number => map.position(offset).line;
  const byStart = lines.map((_, i) => i).sort((a, b) => lines[a]!.start - lines[b]!.start);
  const byEnd = lines.map((_, i) => i).sort((a, b) => lines[a]!.end - lines[b]!.end);
  const startOf = (i: number): number => lines[i]!.start;
  const endOf = (i: number): number => lines[i]!.end;

  const containing = (c: Comment): number | undefined => {
    const k = lastAtMost(byStart, startOf, c.start);
    const i = k < 0 ? undefined : byStart[k];
    return i !== undefined && c.start < lines[i]!.end ? i : undefined;
  };
  const next = (c: Comment): number | undefined => byStart[lastAtMost(byStart, startOf, c.end - 1) + 1];
  const prevOnLine = (c: Comment): number | undefined => {
    const k = lastAtMost(byEnd, endOf, c.start);
    const i = k < 0 ? undefined : byEnd[k];
    return i !== undefined && lineOf(Math.max(lines[i]!.start, lines[i]!.end - 1)) === c.line ? i : undefined;
  };

  const out: Placement = { leading: lines.map(() => []), trailing: lines.map(() => []), end: [] };
  const lead = (c: Comment, i: number | undefined): void => {
    if (i === undefined) out.end.push(c);
    else out.leading[i]!.push(c);
  };

  // Where the previous comment went; a comment right after it on the same line goes there too, so
  // that `/* a */ /* b */` stays together however `a` was placed.
  let prev: { c: Comment; place: (c: Comment) => void } | undefined;
  for (const c of comments) {
    let place: (c: Comment) => void;
    const inside = containing(c);
    if (prev !== undefined && /^[^\S\n]*$/.test(text.slice(prev.c.end, c.start))) place = prev.place;
    else if (c.ownLine) {
      const i = inside ?? next(c);
      place = (x) => lead(x, i);
    } else {
      const i = inside ?? prevOnLine(c);
      if (i !== undefined) place = (x) => out.trailing[i]!.push(x);
      else {
        const j = next(c);
        place = (x) => lead(x, j);
      }
    }
    place(c);
    prev = { c, place };
  }

  // A `//` comment runs to the end of the line: it can only be the last trailing comment. Block
  // comments go first; of several line comments the last stays, the others (in their order)
  // become comment lines before the code.
  out.trailing.forEach((ts, i) => {
    const blocks = ts.filter((c) => c.text.startsWith("/*"));
    const lineComments = ts.filter((c) => c.text.startsWith("//"));
    out.trailing[i] = [...blocks, ...lineComments.slice(-1)];
    out.leading[i]!.push(...lineComments.slice(0, -1));
  });
  return out;
}
