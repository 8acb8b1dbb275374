// The located reading of descriptors, through the `yaml` library (which keeps source ranges): every
// problem as a CH51xx diagnostic at the value it is about, for input the fast reading (read-fast.ts)
// does not take. A module of its own (`@charter/engine/read-located`) so that a caller can load it only
// then: the CLI does, and a valid batch never loads `yaml` (≈ 5 ms of a `charter query` cold start).
import type { ErrorObject } from "ajv/dist/2020.js";
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode } from "yaml";
import { LineMap, compareDiagnostics, diagnostic, describeType, suggestion, type CheckedSet, type Diagnostic, type FactKind, type Span } from "@charter/lang";
import type { Deployment } from "../query/answer.js";
import { validatorFor } from "./validator.js";
import { canonicalize } from "./canonical.js";

export interface ReadResult {
  deployments: Deployment[];
  diagnostics: Diagnostic[];
}

type Located = { range?: [number, number, number] | null } | null | undefined;

/** The YAML node at a JSON pointer below `root` (keys and indices), or the deepest one found. */
function nodeAt(root: unknown, pointer: string): { node: Located; key: Located } {
  let node = root as Located;
  let key: Located = null;
  for (const raw of pointer.split("/").slice(1)) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) break;
      key = pair.key as Located;
      node = pair.value as Located;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) break;
      key = null;
      node = item as Located;
    } else break;
  }
  return { node, key };
}

function keyOf(map: unknown, name: string): Located {
  if (!isMap(map)) return null;
  return map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === name)?.key as Located;
}

function show(v: unknown): string {
  return `\`${JSON.stringify(v)}\``;
}

function spanOf(lines: LineMap, n: Located, fallback: number): Span {
  const r = n?.range;
  return r ? lines.span(r[0], r[1]) : lines.span(fallback, fallback);
}

function explain(set: CheckedSet, e: ErrorObject, root: YamlNode, lines: LineMap, fallback: number, value: unknown): Diagnostic {
  const { node, key } = nodeAt(root, e.instancePath);
  const here = spanOf(lines, node, fallback);
  const parts = e.instancePath.split("/").slice(1);
  const factName = parts[0] === "facts" ? parts[1] : undefined;
  const fact = factName !== undefined ? set.facts.get(factName) : undefined;
  switch (e.keyword) {
    case "additionalProperties": {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      const at = spanOf(lines, keyOf(node, extra), fallback);
      if (e.instancePath === "/facts") return diagnostic("CH5102", at, [extra, suggestion(extra, set.facts.keys(), "facts")]);
      return diagnostic("CH5109", at, [`unknown key \`${extra}\``, "the keys are `name`, `domain`, `at` and `facts`"]);
    }
    case "required": {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      const at = spanOf(lines, key ?? node, fallback);
      if (e.instancePath === "/facts") {
        const f = set.facts.get(missing);
        return diagnostic("CH5103", at, [missing, f ? describeType(f.type).replace(/`/g, "") : "?"]);
      }
      return diagnostic("CH5109", at, [`missing \`${missing}\``, missing === "domain" ? "add e.g. `domain: " + ([...set.domains.keys()][0] ?? "…") + "`" : "add `facts:` with every fact"]);
    }
    case "enum": {
      if (e.instancePath === "/domain") return diagnostic("CH5107", here, [String(value), suggestion(String(value), set.domains.keys(), "domains")]);
      const name = factName ?? e.instancePath;
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      return diagnostic("CH5105", here, [name, String(value), suggestion(String(value), allowed, "values")]);
    }
    case "format":
      return diagnostic("CH5108", here, [String(value)]);
    case "minimum":
    case "maximum": {
      const t = fact?.type;
      const range = t?.kind === "int" ? `${t.min}..${t.max}` : e.message ?? "";
      return diagnostic("CH5106", here, [factName ?? e.instancePath, range, show(value)]);
    }
    case "uniqueItems":
      return diagnostic("CH5104", here, [factName ?? e.instancePath, "a set (each value once)", show(value)]);
    case "type": {
      const name = factName ?? (e.instancePath.slice(1) || "the descriptor");
      const wanted = e.instancePath === "" ? "a mapping" : e.instancePath === "/facts" ? "a mapping of fact names to values" : fact ? wantedFor(fact.type, parts.length > 2) : `a ${(e.params as { type: string }).type}`;
      return diagnostic("CH5104", here, [name, wanted, show(value)]);
    }
    default:
      return diagnostic("CH5109", here, [`${e.instancePath || "descriptor"} ${e.message ?? "is invalid"}`, ""]);
  }
}

function wantedFor(t: FactKind, item: boolean): string {
  switch (t.kind) {
    case "bool":
      return "`true` or `false`";
    case "number":
      return "a number";
    case "int":
      return t.min === undefined ? "a whole number" : `a whole number in ${t.min}..${t.max}`;
    case "enum":
      return `one of ${t.values.join(", ")}`;
    case "set":
      return item ? `one of ${t.values.join(", ")}` : `a list of values from ${t.values.join(", ")}`;
  }
}

function valueAt(obj: unknown, pointer: string): unknown {
  let cur = obj;
  for (const raw of pointer.split("/").slice(1)) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[raw];
  }
  return cur;
}

// ajv reports a bad value once per failing keyword; keep the most specific per location.
const keywordRank: Record<string, number> = { type: 0, enum: 1, format: 1, minimum: 1, maximum: 1, uniqueItems: 2, required: 3, additionalProperties: 3 };

function validateOne(set: CheckedSet, root: YamlNode, lines: LineMap, fallback: number, partial: boolean, out: Diagnostic[]): Deployment | undefined {
  const value = (root as unknown as { toJSON(): unknown }).toJSON();
  const validate = validatorFor(set, partial);
  if (validate(value)) {
    // The set's own strings and the domain remembered, as the fast reading gives them (the schema has
    // checked the domain, so it is the set's).
    canonicalize(value as Deployment, set);
    return value as Deployment;
  }
  const errs = (validate.errors ?? []).slice().sort((a, b) => (keywordRank[a.keyword] ?? 9) - (keywordRank[b.keyword] ?? 9));
  const seenPaths = new Set<string>();
  // Missing facts are one diagnostic at the `facts:` key, listing them all (not one error per fact).
  const missing = errs.filter((e) => e.keyword === "required" && e.instancePath === "/facts").map((e) => String((e.params as { missingProperty: string }).missingProperty));
  if (missing.length) {
    const { key, node } = nodeAt(root, "/facts");
    const list = missing.map((m) => {
      const f = set.facts.get(m);
      return `\`${m}\` (${f ? describeType(f.type).replace(/`/g, "") : "?"})`;
    });
    out.push(diagnostic("CH5103", spanOf(lines, key ?? node, fallback), [`${missing.length === 1 ? "fact" : "facts"} ${list.join(", ")}`]));
  }
  for (const e of errs) {
    if (e.keyword === "required" && e.instancePath === "/facts") continue;
    const where = e.keyword === "additionalProperties" || e.keyword === "required" ? `${e.instancePath}#${JSON.stringify(e.params)}` : e.instancePath;
    if (seenPaths.has(where)) continue;
    seenPaths.add(where);
    out.push(explain(set, e, root, lines, fallback, valueAt(value, e.instancePath)));
  }
  return undefined;
}

/** `readDescriptors` through the `yaml` library, which keeps source ranges: every problem, located. */
export function readLocated(set: CheckedSet, text: string, file: string, opts: { partial?: boolean } = {}): ReadResult {
  const lines = new LineMap(file, text);
  const diagnostics: Diagnostic[] = [];
  const docs: Document.Parsed[] = parseAllDocuments(text) as Document.Parsed[];
  const roots: { node: YamlNode; start: number }[] = [];
  for (const doc of docs) {
    for (const err of doc.errors) {
      const [s, e] = err.pos;
      diagnostics.push(diagnostic("CH5101", lines.span(s, Math.max(s, e)), [err.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")]));
    }
    if (doc.errors.length) continue;
    const c = doc.contents as YamlNode | null;
    if (c === null) continue;
    if (isSeq(c)) for (const item of c.items) roots.push({ node: item as YamlNode, start: (item as { range?: number[] }).range?.[0] ?? 0 });
    else roots.push({ node: c, start: c.range?.[0] ?? 0 });
  }
  if (!diagnostics.length && roots.length === 0) diagnostics.push(diagnostic("CH5109", lines.span(0, 0), ["no descriptor in this input", "write a mapping with `domain` and `facts`"]));
  const deployments: Deployment[] = [];
  for (const r of roots) {
    const d = validateOne(set, r.node, lines, r.start, opts.partial ?? false, diagnostics);
    if (d) deployments.push(d);
  }
  diagnostics.sort(compareDiagnostics);
  return { deployments: diagnostics.length ? [] : deployments, diagnostics };
}
