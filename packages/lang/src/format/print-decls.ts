// Vocabulary blocks (language.md §3): `layers` and `enum` on one line; `facts`, `domains` and
// `body` one member per line inside braces.
import type { BodyDecl, BodyProp, DomainNode, DomainsDecl, EnumDecl, FactsDecl, FactType, LayersDecl } from "../ast/decls.js";
import { condText, patternsText } from "./print-cond.js";
import { INDENT, intText, line, quote, type PrintCtx, type Line } from "./lines.js";

export function printLayers(d: LayersDecl): Line[] {
  return [line(0, `layers { ${d.layers.map((l) => l.name).join(" < ")} }`, d.span.start, d.span.end)];
}

export function printEnum(d: EnumDecl): Line[] {
  return [line(0, `enum ${d.name.name} { ${d.values.map((v) => v.name).join(", ")} }`, d.span.start, d.span.end)];
}

/** A fact type as written in a `facts` block (also the language server's outline detail). */
export function typeText(t: FactType): string {
  switch (t.kind) {
    case "bool":
      return "bool";
    case "number":
      return "number";
    case "int":
      return t.min === undefined || t.max === undefined ? "int" : `int ${intText(t.min)}..${intText(t.max)}`;
    case "inline-enum":
      return `enum { ${t.values.map((v) => v.name).join(", ")} }`;
    case "set":
      return `set of ${t.of.name}`;
    case "named":
      return t.name.name;
  }
}

/**
 * `head {`, the members, `}`; or `head {}` on one line when there are none (and no comment inside).
 * The opening line's range ends just after its brace so that a comment between the brace and the
 * first member belongs to that member, not to the opening line.
 */
export function block(indent: number, head: string, span: { start: number; end: number }, members: Line[], ctx: PrintCtx): Line[] {
  const open = ctx.brace(span.start) + 1;
  if (members.length === 0 && !ctx.hasComment(open, span.end - 1)) return [line(indent, `${head} {}`, span.start, span.end)];
  const close = line(indent, "}", span.end - 1, span.end);
  close.commentIndent = indent + INDENT;
  return [line(indent, `${head} {`, span.start, open), ...members, close];
}

export function printFacts(d: FactsDecl, ctx: PrintCtx): Line[] {
  const members = d.facts.map((f) => line(INDENT, `${f.name.name}: ${typeText(f.type)}`, f.span.start, f.span.end, "member"));
  return block(0, "facts", d.span, members, ctx);
}

const isLeaf = (n: DomainNode): boolean => n.children.length === 0;

/** A leaf as written: `name`, or `name {}` when the source gave it (empty) braces. */
function leafText(n: DomainNode): string {
  return n.braces ? `${n.name.name} {}` : n.name.name;
}

/** A node whose children are all leaves goes on one line (`health { diagnostics, triage }`). */
function domainLines(n: DomainNode, indent: number, ctx: PrintCtx): Line[] {
  if (isLeaf(n)) return [line(indent, leafText(n), n.span.start, n.span.end, "member")];
  if (n.children.every(isLeaf)) {
    return [line(indent, `${n.name.name} { ${n.children.map(leafText).join(", ")} }`, n.span.start, n.span.end, "member")];
  }
  const kids = n.children.flatMap((c) => domainLines(c, indent + INDENT, ctx));
  const lines = block(indent, n.name.name, n.span, kids, ctx);
  lines[0]!.unit = "member";
  return lines;
}

export function printDomains(d: DomainsDecl, ctx: PrintCtx): Line[] {
  return block(0, "domains", d.span, d.roots.flatMap((r) => domainLines(r, INDENT, ctx)), ctx);
}

const PROP_ORDER: Record<BodyProp["kind"], number> = { layer: 0, covers: 1, competence: 2 };

/** Body properties in canonical order; stable, so repeated ones keep their order (the first wins). */
export function sortProps(props: readonly BodyProp[]): BodyProp[] {
  return [...props].sort((a, b) => PROP_ORDER[a.kind] - PROP_ORDER[b.kind]);
}

function propText(p: BodyProp): string {
  switch (p.kind) {
    case "layer":
      return `layer ${p.layer.name}`;
    case "covers":
      return `covers ${condText(p.cond)}`;
    case "competence":
      return `competence ${patternsText(p.patterns)}`;
  }
}

export function printBody(d: BodyDecl, ctx: PrintCtx): Line[] {
  const head = d.displayName === undefined ? `body ${d.id.name}` : `body ${d.id.name} ${quote(d.displayName)}`;
  const members = sortProps(d.props).map((p) => line(INDENT, propText(p), p.span.start, p.span.end, "member"));
  return block(0, head, d.span, members, ctx);
}
