// Conditions evaluated on the AST against plain facts: for traces (--explain), where the compiled
// closures cannot say *which* part failed. Not on the hot path.
import type { Cond, Literal } from "@charter/lang";
import type { Deployment } from "./answer.js";

type Facts = Deployment["facts"];

function literal(l: Literal): number | boolean | string {
  return l.kind === "number" ? l.value : l.kind === "bool" ? l.value : l.kind === "ident" ? l.name : l.value;
}

function subjectValue(c: { subject: { kind: "fact" | "count"; name: string } }, facts: Facts): unknown {
  const v = facts[c.subject.name];
  if (c.subject.kind === "count") return Array.isArray(v) ? new Set(v).size : undefined;
  return v;
}

export function evalCond(c: Cond, facts: Facts): boolean {
  switch (c.kind) {
    case "and":
      return c.items.every((i) => evalCond(i, facts));
    case "or":
      return c.items.some((i) => evalCond(i, facts));
    case "not":
      return !evalCond(c.item, facts);
    case "bare":
      return facts[c.subject.name] === true;
    case "cmp": {
      const a = subjectValue(c, facts) as number | string | boolean;
      const b = literal(c.value);
      switch (c.op) {
        case "==":
          return a === b;
        case "!=":
          return a !== b;
        case "<":
          return a < b;
        case "<=":
          return a <= b;
        case ">":
          return a > b;
        case ">=":
          return a >= b;
      }
      return false;
    }
    case "in": {
      const found = c.values.some((l) => literal(l) === facts[c.subject.name]);
      return c.negated ? !found : found;
    }
    case "contains": {
      const v = facts[c.subject.name];
      return Array.isArray(v) && v.includes(literal(c.value) as string);
    }
  }
}

/** The smallest part of a false condition that makes it false: the first failing conjunct, recursively. */
export function firstFailure(c: Cond, facts: Facts): Cond {
  if (c.kind === "and") {
    const bad = c.items.find((i) => !evalCond(i, facts));
    return bad ? firstFailure(bad, facts) : c;
  }
  return c;
}
