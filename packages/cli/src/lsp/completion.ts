// Completion: keywords where they fit and the names in scope (bodies, layers, facts, a fact's
// values, domain paths and children, enums), from the set's current vocabulary.
import { describeType, type CheckedSet } from "@charter/lang";
import { CompletionItemKind, type CompletionItem, type Range } from "vscode-languageserver";
import { completionContext, VERDICTS, wordBefore, type Want } from "./completion-context.js";

interface Entry {
  label: string;
  kind: CompletionItemKind;
  detail?: string;
}

/** Which operator words fit after a fact, by its type; the rest of `keywords` follow a complete condition. */
function afterFact(want: Want, set: CheckedSet | undefined): string[] {
  const t = want.afterFact === undefined ? undefined : set?.facts.get(want.afterFact)?.type;
  if (!t) return want.keywords;
  const ops = ["in", "not", "contains"];
  switch (t.kind) {
    case "enum":
      return ["in", "not"];
    case "set":
      return ["contains"];
    case "bool":
      return want.keywords.filter((k) => !ops.includes(k));
    case "number":
    case "int":
      return [];
  }
}

function names(want: Want, set: CheckedSet | undefined): Entry[] {
  if (!set) return [];
  const out: Entry[] = [];
  // `escalate … to` takes either: layers first, the usual target.
  if (want.layers) set.layers.forEach((l, i) => out.push({ label: l.name, kind: CompletionItemKind.Constant, detail: `layer ${i + 1} of ${set.layers.length}` }));
  if (want.bodies) {
    for (const b of set.bodies.values()) {
      if (want.bodies === "owner" && b.id !== want.owner) continue;
      out.push({ label: b.id, kind: CompletionItemKind.Class, detail: `${b.displayName}${b.layer ? ` (${b.layer})` : ""}` });
    }
  }
  if (want.facts) {
    for (const f of set.facts.values()) {
      if (want.facts === "sets" && f.type.kind !== "set") continue;
      out.push({ label: f.name, kind: CompletionItemKind.Field, detail: describeType(f.type).replace(/`/g, "") });
    }
  }
  if (want.values !== undefined) {
    const t = set.facts.get(want.values)?.type;
    if (t?.kind === "enum" || t?.kind === "set") for (const v of t.values) out.push({ label: v, kind: CompletionItemKind.EnumMember, detail: `value of ${t.enumName.startsWith("{") ? want.values : t.enumName}` });
    else if (t?.kind === "bool") for (const v of ["true", "false"]) out.push({ label: v, kind: CompletionItemKind.Keyword });
  }
  if (want.domains) {
    for (const d of set.domains.values()) out.push({ label: d.path, kind: CompletionItemKind.Module, detail: "domain" });
    if (want.domains.star) out.push({ label: "*", kind: CompletionItemKind.Module, detail: "every domain" });
  }
  if (want.children !== undefined) {
    for (const c of set.domains.get(want.children)?.children ?? []) out.push({ label: c.slice(want.children.length + 1), kind: CompletionItemKind.Module, detail: c });
  }
  if (want.enums) for (const e of set.enums.values()) out.push({ label: e.name, kind: CompletionItemKind.Enum, detail: `enum { ${e.values.join(", ")} }` });
  if (want.verdicts) for (const v of VERDICTS) out.push({ label: v, kind: CompletionItemKind.EnumMember, detail: "verdict" });
  return out;
}

/** Completion items at `offset`; `range` is replaced by the chosen item (the partly typed word). */
export function complete(text: string, offset: number, set: CheckedSet | undefined, range: (start: number) => Range): CompletionItem[] {
  const want = completionContext(text, offset);
  const entries: Entry[] = [...names(want, set), ...afterFact(want, set).map((k) => ({ label: k, kind: CompletionItemKind.Keyword }))];
  const start = offset - wordBefore(text, offset).length;
  const r = range(start);
  // The order given is the order meant (declaration order, keywords by likelihood): sortText keeps it.
  return entries.map((e, i) => {
    const item: CompletionItem = { label: e.label, kind: e.kind, sortText: String(i).padStart(4, "0"), textEdit: { range: r, newText: e.label } };
    if (e.detail) item.detail = e.detail;
    return item;
  });
}
