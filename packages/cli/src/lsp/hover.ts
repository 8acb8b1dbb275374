// Hover: what a name stands for (body, fact, domain, enum, value, layer), and for a clause or
// example keyword a one-line summary of what it does.
import { condText, describeType, patternsText, type CheckedSet, type Clause, type ExampleDecl, type Requirement } from "@charter/lang";
import { MarkupKind, type Hover } from "vscode-languageserver";
import { toRange } from "./convert.js";
import type { Occurrence, SymbolIndex } from "./symbols.js";

const code = (s: string) => `\`${s}\``;
const list = (xs: readonly string[]) => (xs.length === 0 ? "none" : xs.map(code).join(", "));

function bodyText(set: CheckedSet, id: string): string | undefined {
  const b = set.bodies.get(id);
  if (!b) return undefined;
  return [
    `**${b.id}** — ${b.displayName} (body)`,
    "",
    `- layer: ${b.layer ? code(b.layer) : "none"}`,
    `- covers: ${b.covers ? code(condText(b.covers)) : "everywhere"}`,
    `- competence: ${b.competence.length ? code(patternsText(b.competence)) : "none"}`,
  ].join("\n");
}

function occurrenceText(set: CheckedSet, o: Occurrence): string | undefined {
  switch (o.kind) {
    case "body":
      return bodyText(set, o.key);
    case "fact": {
      const f = set.facts.get(o.key);
      if (!f) return undefined;
      const t = f.type;
      const values = t.kind === "enum" || t.kind === "set" ? `\n\nvalues: ${list(t.values)}` : "";
      return `**${f.name}** (fact): ${describeType(t)}${values}`;
    }
    case "domain": {
      const d = set.domains.get(o.key);
      if (!d) return undefined;
      return [`**${d.path}** (domain)`, "", `- parent: ${d.parent ? code(d.parent) : "none"}`, `- children: ${list(d.children)}`].join("\n");
    }
    case "enum": {
      const e = set.enums.get(o.key);
      return e ? `**${e.name}** (enum): ${list(e.values)}` : undefined;
    }
    case "value": {
      const dot = o.key.lastIndexOf(".");
      const owner = o.key.slice(0, dot);
      const value = o.key.slice(dot + 1);
      const known = owner.startsWith("@") ? set.facts.get(owner.slice(1))?.type : set.enums.get(owner);
      if (!known || !("values" in known) || !known.values.includes(value)) return undefined;
      return owner.startsWith("@") ? `**${value}**: a value of fact ${code(owner.slice(1))}` : `**${value}**: a value of enum ${code(owner)}`;
    }
    case "layer": {
      const i = set.layers.findIndex((l) => l.name === o.key);
      if (i < 0) return undefined;
      const order = set.layers.map((l, j) => (j === i ? `**${l.name}**` : l.name)).join(" < ");
      return `**${o.key}** (layer ${i + 1} of ${set.layers.length}): ${order}`;
    }
  }
}

function requirementText(r: Requirement): string {
  switch (r.kind) {
    case "layers":
      return `approvers from ${r.count} layers`;
    case "approvers":
      return `${r.count} approvers`;
    case "layer":
      return `an approver at layer ${r.layer.name}`;
    case "competence":
      return "approvers with competence";
  }
}

function scope(c: Clause): string {
  const dates = c.tail.flatMap((t) => (t.kind === "because" ? [] : [`${t.kind} ${t.date.text}`]));
  return `on ${patternsText(c.patterns)}${c.when ? ` when ${condText(c.when)}` : ""}${dates.length ? ` ${dates.join(" ")}` : ""}`;
}

/** One line: what a clause grants (or forbids, or requires), where. */
export function clauseSummary(c: Clause | ExampleDecl, layers: ReadonlySet<string>): string {
  switch (c.kind) {
    case "govern":
      return `govern: ${c.grants.map((g) => `${g.role} ${g.bodies.map((b) => b.name).join(", ")}`).join(" and ")} ${scope(c)}`;
    case "delegate":
      return `delegate: ${c.to.name} may make rules ${scope(c)}`;
    case "escalate":
      return `escalate: ${c.role ?? "approve"} ${layers.has(c.to.name) ? "layer" : "body"} ${c.to.name} ${scope(c)}`;
    case "prohibit":
      return `prohibit: verdict prohibited ${scope(c)}`;
    case "exempt":
      return `exempt: verdict exempt ${scope(c)}`;
    case "joint":
      return `joint: ${c.bodies.map((b) => b.name).join(", ")} must all approve ${scope(c)}`;
    case "precedence":
      return `precedence: ${c.winner.name}'s grant stands and ${c.loser.name}'s is dropped ${scope(c)}`;
    case "guardrail":
      return `guardrail "${c.name}": requires ${requirementText(c.require)} ${scope(c)}`;
    case "example": {
      const verdict = c.expects.find((e) => e.kind === "verdict");
      return `example "${c.name}": deploy ${c.domain.name}${c.at ? ` at ${c.at.text}` : ""}${verdict?.kind === "verdict" ? `, expect verdict ${verdict.verdict}` : ""}`;
    }
  }
}

export function hover(index: SymbolIndex, set: CheckedSet | undefined, file: string, offset: number): Hover | null {
  const o = index.at(file, offset);
  if (o) {
    const text = set && occurrenceText(set, o);
    return text ? { contents: { kind: MarkupKind.Markdown, value: text }, range: toRange(o.span) } : null;
  }
  const k = index.keywordAt(file, offset);
  if (!k) return null;
  const layers = new Set(set?.layers.map((l) => l.name) ?? []);
  return { contents: { kind: MarkupKind.PlainText, value: clauseSummary(k.node, layers) }, range: toRange(k.span) };
}
