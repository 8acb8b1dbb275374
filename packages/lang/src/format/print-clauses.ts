// Clauses and examples (language.md §3–4): the clause's head on one line, then grants and the
// tail (effective, until, because) one per indented line; examples as a braced block.
import type { Binding, Clause, ExampleDecl, Expectation, Requirement, TailPart } from "../ast/clauses.js";
import type { Cond, Name, Pattern } from "../ast/exprs.js";
import { condText, literalText, patternsText } from "./print-cond.js";
import { FILL_WIDTH, INDENT, MAX_WIDTH, intText, line, quote, type PrintCtx, type Line } from "./lines.js";

const TAIL_ORDER: Record<TailPart["kind"], number> = { effective: 0, until: 1, because: 2 };

/** Tail parts in canonical order; stable, so a repeated part keeps its place (the first wins). */
export function sortTail(tail: readonly TailPart[]): TailPart[] {
  return [...tail].sort((a, b) => TAIL_ORDER[a.kind] - TAIL_ORDER[b.kind]);
}

function tailText(t: TailPart): string {
  switch (t.kind) {
    case "effective":
      return `effective ${t.date.text}`;
    case "until":
      return `until ${t.date.text}`;
    case "because":
      return `because ${quote(t.text)}`;
  }
}

const names = (ns: Name[]): string => ns.map((n) => n.name).join(", ");
const when = (c: Cond | undefined): string => (c ? ` when ${condText(c)}` : "");

/** End offset of the last of `patterns` and `when` (the part of a head that comes last). */
function scopeEnd(patterns: Pattern[], cond: Cond | undefined): number {
  return cond?.span.end ?? patterns[patterns.length - 1]?.span.end ?? 0;
}

function requirementText(r: Requirement): string {
  switch (r.kind) {
    case "layers":
      return `${intText(r.count)} layers`;
    case "approvers":
      return `${intText(r.count)} approvers`;
    case "layer":
      return `layer ${r.layer.name}`;
    case "competence":
      return "competence";
  }
}

/** The clause's first line(s), before grants and tail. */
function head(c: Clause): Line[] {
  const at = (text: string, end: number): Line[] => [line(0, text, c.span.start, end)];
  const ps = patternsText(c.patterns);
  switch (c.kind) {
    case "delegate":
      return at(`delegate ${ps}${when(c.when)} to ${c.to.name}`, c.to.span.end);
    case "govern":
      return at(`govern ${ps}${when(c.when)}`, scopeEnd(c.patterns, c.when));
    case "escalate":
      return at(`escalate ${ps}${when(c.when)} to ${c.to.name}${c.role ? ` ${c.role}` : ""}`, c.to.span.end);
    case "prohibit":
      return at(`prohibit ${ps}${when(c.when)}`, scopeEnd(c.patterns, c.when));
    case "exempt":
      return at(`exempt ${ps}${when(c.when)}`, scopeEnd(c.patterns, c.when));
    case "joint":
      return at(`joint ${names(c.bodies)} on ${ps}${when(c.when)}`, scopeEnd(c.patterns, c.when));
    case "precedence":
      return at(`precedence ${c.winner.name} over ${c.loser.name} on ${ps}${when(c.when)}`, scopeEnd(c.patterns, c.when));
    case "guardrail": {
      // Without `on` the patterns are the parser's implicit `*`, spanning the keyword: not source text.
      const on = c.explicitScope ? ` on ${ps}` : "";
      const end = Math.max(c.require.span.end, c.explicitScope ? scopeEnd(c.patterns, undefined) : 0, c.when?.span.end ?? 0);
      return [
        line(0, `guardrail ${quote(c.name)}`, c.span.start, c.nameSpan.end),
        line(INDENT, `require ${requirementText(c.require)}${on}${when(c.when)}`, c.require.span.start, end),
      ];
    }
  }
}

export function printClause(c: Clause): Line[] {
  const grants = c.kind === "govern" ? c.grants.map((g) => line(INDENT, `${g.role} ${names(g.bodies)}`, g.span.start, g.span.end)) : [];
  const tail = sortTail(c.tail).map((t) => line(INDENT, tailText(t), t.span.start, t.span.end));
  return [...head(c), ...grants, ...tail];
}

function bindingText(b: Binding): string {
  const v = b.value.kind === "set" ? `{${b.value.values.map((n) => n.name).join(", ")}}` : literalText(b.value);
  return `${b.fact.name} = ${v}`;
}

function expectText(e: Expectation): string {
  switch (e.kind) {
    case "verdict":
      return `expect verdict ${e.verdict}`;
    case "approve":
    case "notify":
      return `expect ${e.kind} ${e.bodies.length === 0 ? "none" : names(e.bodies)}`;
    case "escalation":
      return `expect escalation to ${e.layer.name}`;
  }
}

/**
 * `deploy D with …` on one line when it fits in MAX_WIDTH; otherwise the bindings fill lines up
 * to FILL_WIDTH, each line but the last ending in a comma, continuation lines indented once more.
 */
function deployLines(e: ExampleDecl, indent: number): Line[] {
  const start = `deploy ${e.domain.path.join(".")}`;
  const bs = e.bindings;
  if (bs.length === 0) return [line(indent, start, e.domain.span.start, e.domain.span.end, "member")];
  const texts = bs.map(bindingText);
  const one = `${start} with ${texts.join(", ")}`;
  if (indent + one.length <= MAX_WIDTH) return [line(indent, one, e.domain.span.start, bs[bs.length - 1]!.span.end, "member")];
  const out: Line[] = [];
  let cur = `${start} with ${texts[0]!}`;
  let curIndent = indent;
  let from = e.domain.span.start;
  let last = 0;
  for (let i = 1; i <= bs.length; i++) {
    const more = i < bs.length;
    // The candidate's own trailing comma counts against the width when more bindings follow it.
    if (more && curIndent + cur.length + 2 + texts[i]!.length + (i + 1 < bs.length ? 1 : 0) <= FILL_WIDTH) {
      cur += `, ${texts[i]!}`;
      last = i;
      continue;
    }
    out.push(line(curIndent, more ? `${cur},` : cur, from, bs[last]!.span.end, out.length === 0 ? "member" : "none"));
    if (!more) break;
    cur = texts[i]!;
    curIndent = indent + INDENT;
    from = bs[i]!.span.start;
    last = i;
  }
  return out;
}

export function printExample(e: ExampleDecl, ctx: PrintCtx): Line[] {
  const body: Line[] = [...deployLines(e, INDENT)];
  if (e.at) body.push(line(INDENT, `at ${e.at.text}`, e.at.span.start, e.at.span.end, "member"));
  for (const x of e.expects) body.push(line(INDENT, expectText(x), x.span.start, x.span.end, "member"));
  const close = line(0, "}", e.span.end - 1, e.span.end);
  close.commentIndent = INDENT;
  return [line(0, `example ${quote(e.name)} {`, e.span.start, ctx.brace(e.span.start) + 1), ...body, close];
}
