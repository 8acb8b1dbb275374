// Type checking of conditions and example values against the declared facts (language.md §3).
import type { Cond, Literal, Subject } from "../ast/exprs.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { suggestion } from "../diagnostics/suggest.js";
import { describeType, type CheckedSet, type FactInfo, type FactKind } from "./model.js";

function literalText(l: Literal): string {
  switch (l.kind) {
    case "number":
      return l.text;
    case "bool":
      return String(l.value);
    case "string":
      return JSON.stringify(l.value);
    case "ident":
      return l.name;
  }
}

function describeLiteral(l: Literal): string {
  switch (l.kind) {
    case "number":
      return `the number \`${l.text}\``;
    case "bool":
      return `\`${l.value}\``;
    case "string":
      return `the string \`${JSON.stringify(l.value)}\` (facts are never strings)`;
    case "ident":
      return `\`${l.name}\``;
  }
}

/** Declared in the constitution, though its type did not resolve (already reported: CH2002, CH2107, CH2108). */
export function isUnresolvedFact(set: CheckedSet, name: string): boolean {
  return !set.facts.has(name) && (set.constitution?.items ?? []).some((i) => i.kind === "facts" && i.facts.some((f) => f.name.name === name));
}

function lookupFact(set: CheckedSet, s: Subject, out: Diagnostic[]): FactInfo | undefined {
  const f = set.facts.get(s.name);
  if (!f && !isUnresolvedFact(set, s.name)) out.push(diagnostic("CH2001", s.nameSpan, [s.name, suggestion(s.name, set.facts.keys(), "facts")]));
  return f;
}

function checkNumberLiteral(l: Literal, out: Diagnostic[]): boolean {
  if (l.kind === "number" && !Number.isFinite(l.value)) {
    out.push(diagnostic("CH1004", l.span, [l.text]));
    return false;
  }
  return true;
}

/** A value of an enum, with a suggestion from its values when it is not one. */
function checkEnumValue(fact: string, type: { enumName: string; values: string[] }, l: Literal, out: Diagnostic[]): void {
  if (l.kind !== "ident") {
    out.push(diagnostic("CH2101", l.span, [fact, describeType({ kind: "enum", ...type }), describeLiteral(l), `values: ${type.values.join(", ")}`]));
    return;
  }
  if (!type.values.includes(l.name)) {
    out.push(diagnostic("CH2003", l.span, [l.name, type.enumName.startsWith("{") ? fact : type.enumName, suggestion(l.name, type.values, "values")]));
  }
}

function checkNumeric(fact: string, type: FactKind & { kind: "number" | "int" }, l: Literal, out: Diagnostic[]): void {
  if (l.kind !== "number") {
    out.push(diagnostic("CH2101", l.span, [fact, describeType(type), describeLiteral(l), "compare it with a number"]));
    return;
  }
  if (!checkNumberLiteral(l, out) || type.kind !== "int") return;
  if (!Number.isInteger(l.value)) out.push(diagnostic("CH2105", l.span, [fact, l.text]));
  else if (type.min !== undefined && (l.value < type.min || l.value > type.max!)) {
    out.push(diagnostic("CH2106", l.span, [fact, l.text, `${type.min}..${type.max}`]));
  }
}

function checkCondition(set: CheckedSet, c: Cond, out: Diagnostic[]): void {
  switch (c.kind) {
    case "or":
    case "and":
      for (const i of c.items) checkCondition(set, i, out);
      return;
    case "not":
      checkCondition(set, c.item, out);
      return;
    case "bare": {
      const f = lookupFact(set, c.subject, out);
      if (!f) return;
      if (c.subject.kind === "count") {
        out.push(diagnostic("CH2103", c.span, [`count(${f.name})`, "a number", `count(${f.name}) >= 1`]));
      } else if (f.type.kind !== "bool") {
        const example = f.type.kind === "enum" || f.type.kind === "set" ? `${f.name} ${f.type.kind === "set" ? "contains" : "=="} ${f.type.values[0] ?? "…"}` : `${f.name} > 0`;
        out.push(diagnostic("CH2103", c.span, [f.name, describeType(f.type), example]));
      }
      return;
    }
    case "cmp": {
      const f = lookupFact(set, c.subject, out);
      if (!f) return;
      if (c.subject.kind === "count") {
        if (f.type.kind !== "set") {
          const sets = [...set.facts.values()].filter((x) => x.type.kind === "set").map((x) => `\`${x.name}\``);
          const help = sets.length > 0 ? `set-valued facts: ${sets.join(", ")}` : "declare a `set of …` fact to count";
          return void out.push(diagnostic("CH2104", c.subject.span, [f.name, describeType(f.type), help]));
        }
        if (c.value.kind !== "number") return void out.push(diagnostic("CH2101", c.value.span, [`count(${f.name})`, "a number", describeLiteral(c.value), "compare it with a whole number"]));
        if (!checkNumberLiteral(c.value, out)) return;
        if (!Number.isInteger(c.value.value) || c.value.value < 0) out.push(diagnostic("CH2113", c.value.span, [f.name, c.value.text]));
        return;
      }
      const t = f.type;
      const eqOnly = c.op === "==" || c.op === "!=";
      switch (t.kind) {
        case "bool":
          if (!eqOnly) return void out.push(diagnostic("CH2102", c.span, [c.op, "bool", f.name, `write \`${f.name}\` or \`not ${f.name}\``]));
          if (c.value.kind !== "bool") out.push(diagnostic("CH2101", c.value.span, [f.name, "bool", describeLiteral(c.value), "compare it with `true` or `false`"]));
          return;
        case "number":
        case "int":
          return checkNumeric(f.name, t, c.value, out);
        case "enum":
          if (!eqOnly) return void out.push(diagnostic("CH2102", c.span, [c.op, describeType(t), f.name, "enum values are unordered; use `==`, `!=` or `in { … }`"]));
          return checkEnumValue(f.name, t, c.value, out);
        case "set":
          return void out.push(diagnostic("CH2102", c.span, [c.op, describeType(t), f.name, `use \`${f.name} contains …\` or \`count(${f.name})\``]));
      }
      return;
    }
    case "in": {
      const f = lookupFact(set, c.subject, out);
      if (!f) return;
      const op = c.negated ? "not in" : "in";
      if (c.subject.kind === "count" || f.type.kind !== "enum") {
        const help = f.type.kind === "set" ? `use \`${f.name} contains …\` for each value` : "`in { … }` lists values of an enum fact";
        if (c.subject.kind === "count") return void out.push(diagnostic("CH2102", c.span, [op, "number", `count(${f.name})`, "`in { … }` lists values of an enum fact"]));
        return void out.push(diagnostic("CH2102", c.span, [op, describeType(f.type), f.name, help]));
      }
      for (const v of c.values) checkEnumValue(f.name, f.type, v, out);
      return;
    }
    case "contains": {
      const f = lookupFact(set, c.subject, out);
      if (!f) return;
      if (c.subject.kind === "count" || f.type.kind !== "set") {
        if (c.subject.kind === "count") return void out.push(diagnostic("CH2102", c.span, ["contains", "number", `count(${f.name})`, `use \`${f.name} contains …\``]));
        const help = f.type.kind === "enum" ? `use \`${f.name} == …\` or \`${f.name} in { … }\`` : "`contains` tests a set-valued fact";
        return void out.push(diagnostic("CH2102", c.span, ["contains", describeType(f.type), f.name, help]));
      }
      checkEnumValue(f.name, f.type, c.value, out);
      return;
    }
  }
}

/** Type-check a condition; every problem is reported, none stops the walk. */
export function checkCond(set: CheckedSet, c: Cond, out: Diagnostic[]): void {
  checkCondition(set, c, out);
}

/** Whether an example's literal is a valid value for a fact; reports CH2112 otherwise. */
export function checkValue(fact: FactInfo, value: { kind: "set"; values: { name: string; span: Literal["span"] }[]; span: Literal["span"] } | Literal, out: Diagnostic[]): void {
  const t = fact.type;
  const bad = (shown: string, help: string): void => {
    out.push(diagnostic("CH2112", value.span, [fact.name, describeType(t), shown, help]));
  };
  if (value.kind === "set") {
    if (t.kind !== "set") return bad(`{…}`, t.kind === "enum" ? `give one value, e.g. \`${t.values[0]}\`` : "a set is only for `set of` facts");
    const seen = new Set<string>();
    for (const v of value.values) {
      if (!t.values.includes(v.name)) out.push(diagnostic("CH2003", v.span, [v.name, t.enumName, suggestion(v.name, t.values, "values")]));
      else if (seen.has(v.name)) out.push(diagnostic("CH2115", v.span, [v.name, "set"]));
      seen.add(v.name);
    }
    return;
  }
  switch (t.kind) {
    case "bool":
      if (value.kind !== "bool") bad(literalText(value), "write `true` or `false`");
      return;
    case "number":
    case "int":
      if (value.kind !== "number") return bad(literalText(value), "write a number");
      if (!checkNumberLiteral(value, out)) return;
      if (t.kind === "int" && !Number.isInteger(value.value)) return bad(value.text, "write a whole number");
      if (t.kind === "int" && t.min !== undefined && (value.value < t.min || value.value > t.max!)) bad(value.text, `allowed: ${t.min}..${t.max}`);
      return;
    case "enum":
      if (value.kind !== "ident") return bad(literalText(value), `values: ${t.values.join(", ")}`);
      if (!t.values.includes(value.name)) out.push(diagnostic("CH2003", value.span, [value.name, t.enumName.startsWith("{") ? fact.name : t.enumName, suggestion(value.name, t.values, "values")]));
      return;
    case "set":
      return bad(literalText(value), `write a set, e.g. \`{${t.values[0] ?? ""}}\``);
  }
}
