// Conditions, literals and patterns print on one line. Parentheses are minimal for precedence
// (or < and < not < atoms) with one deliberate addition: an `and`/`or` nested directly in another
// `and`/`or` is always parenthesised. For a same-kind group this is required (the parser flattens
// `a or b or c`, so `a or (b or c)` is a different AST); for a mixed one it keeps the reading plain.
import type { Cond, Literal, Pattern, Subject } from "../ast/exprs.js";
import { quote } from "./lines.js";

export function literalText(l: Literal): string {
  switch (l.kind) {
    case "number":
      return l.text;
    case "bool":
      return l.value ? "true" : "false";
    case "string":
      return quote(l.value);
    case "ident":
      return l.name;
  }
}

function subjectText(s: Subject): string {
  switch (s.kind) {
    case "count":
      return `count(${s.name})`;
    case "fact":
      return s.name;
  }
}

function isChain(c: Cond): boolean {
  return c.kind === "and" || c.kind === "or";
}

/** An operand of `and`, `or` or `not`: a chain inside it needs its own parentheses. */
function operand(c: Cond): string {
  return isChain(c) ? `(${condText(c)})` : condText(c);
}

function setText(values: Literal[]): string {
  return values.length === 0 ? "{}" : `{ ${values.map(literalText).join(", ")} }`;
}

export function condText(c: Cond): string {
  switch (c.kind) {
    case "or":
      return c.items.map(operand).join(" or ");
    case "and":
      return c.items.map(operand).join(" and ");
    case "not":
      return `not ${operand(c.item)}`;
    case "cmp":
      return `${subjectText(c.subject)} ${c.op} ${literalText(c.value)}`;
    case "in":
      return `${subjectText(c.subject)} ${c.negated ? "not in" : "in"} ${setText(c.values)}`;
    case "contains":
      return `${subjectText(c.subject)} contains ${literalText(c.value)}`;
    case "bare":
      return subjectText(c.subject);
  }
}

export function patternText(p: Pattern): string {
  switch (p.kind) {
    case "all":
      return "*";
    case "exact":
      return p.path.join(".");
    case "subtree":
      return `${p.path.join(".")}.*`;
  }
}

export function patternsText(ps: Pattern[]): string {
  return ps.map(patternText).join(", ");
}
