// `charter fmt`'s core: AST → one canonical layout (the language brief's own), with every comment
// kept, then a soundness check that the output means exactly what the input meant.
import type { CharterFile, Header, Item } from "../ast/file.js";
import { stripSpans } from "../ast/strip-spans.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { parse } from "../syntax/parse.js";
import { attachComments, type Placement } from "./attach.js";
import { normalizeComment, scanComments, type Comment } from "./comments.js";
import { line, quote, TRAILING_GAP, type Line, type PrintCtx, type Unit } from "./lines.js";
import { printClause, printExample, sortTail } from "./print-clauses.js";
import { printBody, printDomains, printEnum, printFacts, printLayers, sortProps } from "./print-decls.js";

/** The source a file was parsed from: where its comments and blank lines come from. */
export interface SourceComments {
  text: string;
  comments: readonly Comment[];
}

function headerText(h: Header): string {
  switch (h.kind) {
    case "constitution":
      return `constitution ${quote(h.title)}`;
    case "charter":
      return `charter ${quote(h.title)} by ${h.by.name}`;
  }
}

function itemLines(item: Item, ctx: PrintCtx): Line[] {
  switch (item.kind) {
    case "layers":
      return printLayers(item);
    case "enum":
      return printEnum(item);
    case "facts":
      return printFacts(item, ctx);
    case "domains":
      return printDomains(item, ctx);
    case "body":
      return printBody(item, ctx);
    case "example":
      return printExample(item, ctx);
    case "delegate":
    case "govern":
    case "escalate":
    case "prohibit":
    case "exempt":
    case "joint":
    case "precedence":
    case "guardrail":
      return printClause(item);
  }
}

function printCtx(source: SourceComments | undefined): PrintCtx {
  if (!source) return { brace: (from) => from, hasComment: () => false };
  const { text, comments } = source;
  const commentEnd = new Map(comments.map((c) => [c.start, c.end]));
  return {
    brace(from) {
      let i = from;
      while (i < text.length) {
        const skip = commentEnd.get(i);
        if (skip !== undefined) i = skip;
        else if (text[i] === "{") return i;
        else if (text[i] === '"') {
          i++;
          while (i < text.length && text[i] !== '"' && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
          i++;
        } else i++;
      }
      return from;
    },
    // Linear, but only asked about empty blocks.
    hasComment: (start, end) => comments.some((c) => c.start >= start && c.start < end),
  };
}

function layout(ast: CharterFile, ctx: PrintCtx): Line[] {
  const lines = [line(0, headerText(ast.header), ast.header.span.start, ast.header.span.end, "item")];
  for (const item of ast.items) {
    const ls = itemLines(item, ctx);
    ls[0]!.unit = "item";
    lines.push(...ls);
  }
  return lines;
}

interface Entry {
  indent: number;
  text: string;
  start: number;
  end: number;
  unit: Unit;
  opens: boolean;
}

/** Lines and comments → entries in output order (comments become their own entries). */
function entries(lines: readonly Line[], placed: Placement | undefined): Entry[] {
  const commentEntry = (c: Comment, indent: number): Entry => ({
    indent,
    text: normalizeComment(c.text),
    start: c.start,
    end: c.end,
    unit: "member",
    opens: false,
  });
  const out: Entry[] = [];
  lines.forEach((l, i) => {
    for (const c of placed?.leading[i] ?? []) out.push(commentEntry(c, l.commentIndent));
    const trailing = placed?.trailing[i] ?? [];
    const text = l.text + trailing.map((c) => TRAILING_GAP + normalizeComment(c.text)).join("");
    const end = Math.max(l.end, ...trailing.map((c) => c.end));
    out.push({ indent: l.indent, text, start: l.start, end, unit: l.unit, opens: l.opens });
  });
  for (const c of placed?.end ?? []) out.push(commentEntry(c, 0));
  return out;
}

/**
 * Blank lines: always one after the header; none inside a construct or right after `{`; elsewhere
 * one where the source had at least one (runs collapse), or, with no source, between items.
 */
function render(es: readonly Entry[], headerIndex: number, text: string | undefined): string {
  const out: string[] = [];
  let reached = 0; // the furthest source offset printed so far: the gap before an entry starts here
  es.forEach((e, k) => {
    const prev = es[k - 1];
    let blank = false;
    if (prev === undefined || e.unit === "none" || prev.opens) blank = false;
    else if (k - 1 === headerIndex) blank = true;
    else if (text === undefined) blank = e.unit === "item";
    else blank = reached < e.start && /\n[^\S\n]*\n/.test(text.slice(reached, e.start));
    if (blank) out.push("");
    out.push(" ".repeat(e.indent) + e.text);
    reached = Math.max(reached, e.end);
  });
  return out.join("\n") + "\n";
}

/**
 * Print a file in the canonical layout. Without `source` comments are absent and items are
 * separated by blank lines; with it, its comments are placed back and its blank lines between
 * items and members kept (collapsed to one).
 */
export function printFile(ast: CharterFile, source?: SourceComments): string {
  const lines = layout(ast, printCtx(source));
  const placed = source ? attachComments(lines, source.comments, source.text) : undefined;
  const es = entries(lines, placed);
  // The header is the first code line: the entries before it are its leading comments.
  const headerIndex = placed ? placed.leading[0]!.length : 0;
  return render(es, headerIndex, source?.text);
}

/** What a file means: the AST without positions, tails and body properties in canonical order. */
function meaning(f: CharterFile): string {
  const items = f.items.map((it): Item => {
    if (it.kind === "body") return { ...it, props: sortProps(it.props) };
    if (!("tail" in it)) return it;
    return { ...it, tail: sortTail(it.tail) };
  });
  return JSON.stringify(stripSpans({ ...f, items }));
}

const commentTexts = (cs: readonly Comment[]): string[] => cs.map((c) => normalizeComment(c.text)).sort();

/**
 * Format `text`. A file that does not parse gets its syntax diagnostics and no output. Throws when
 * the output would not mean what the input meant or would lose a comment: a formatter bug, never
 * the user's, and never worth writing a file for.
 */
export function format(text: string, file: string): { output?: string; diagnostics: Diagnostic[] } {
  const parsed = parse(text, file);
  if (!parsed.ast) return { diagnostics: parsed.diagnostics };
  const comments = scanComments(text);
  const output = printFile(parsed.ast, { text, comments });

  const again = parse(output, file);
  if (!again.ast) {
    const why = again.diagnostics[0]?.message ?? "unknown syntax error";
    throw new Error(`internal formatter error: the formatted ${file} does not parse (${why})`);
  }
  if (meaning(again.ast) !== meaning(parsed.ast)) {
    throw new Error(`internal formatter error: the formatted ${file} parses to a different AST than the original`);
  }
  if (JSON.stringify(commentTexts(scanComments(output))) !== JSON.stringify(commentTexts(comments))) {
    throw new Error(`internal formatter error: formatting ${file} would lose or alter a comment`);
  }
  return { output, diagnostics: [] };
}
