// Document symbols (the outline of one file) and workspace symbols (declarations across the sets).
import { factTypeText, patternsText, type CharterFile, type Clause, type DomainNode } from "@charter/lang";
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from "vscode-languageserver";
import { toRange } from "./convert.js";
import type { SymbolIndex, SymbolKind as CharterKind } from "./symbols.js";

/** A clause's outline name: its keyword and what sets it apart. */
function clauseName(c: Clause): string {
  const p = patternsText(c.patterns);
  switch (c.kind) {
    case "govern":
      return `govern ${p}: ${c.grants.map((g) => `${g.role} ${g.bodies.map((b) => b.name).join(", ")}`).join(", ")}`;
    case "delegate":
      return `delegate ${p} to ${c.to.name}`;
    case "escalate":
      return `escalate ${p} to ${c.to.name}`;
    case "prohibit":
    case "exempt":
      return `${c.kind} ${p}`;
    case "joint":
      return `joint ${c.bodies.map((b) => b.name).join(", ")} on ${p}`;
    case "precedence":
      return `precedence ${c.winner.name} over ${c.loser.name} on ${p}`;
    case "guardrail":
      return `guardrail "${c.name}"`;
  }
}

function symbol(name: string, kind: SymbolKind, range: DocumentSymbol["range"], selection = range, children?: DocumentSymbol[], detail?: string): DocumentSymbol {
  const s: DocumentSymbol = { name, kind, range, selectionRange: selection };
  if (detail !== undefined) s.detail = detail;
  if (children) s.children = children;
  return s;
}

function domainSymbols(nodes: DomainNode[], parent: string | undefined): DocumentSymbol[] {
  return nodes.map((n) => {
    const path = parent === undefined ? n.name.name : `${parent}.${n.name.name}`;
    return symbol(n.name.name, SymbolKind.Module, toRange(n.span), toRange(n.name.span), domainSymbols(n.children, path), path);
  });
}

/** The outline of one parsed file. */
export function documentSymbols(file: CharterFile): DocumentSymbol[] {
  return file.items.map((item): DocumentSymbol => {
    const r = toRange(item.span);
    switch (item.kind) {
      case "layers":
        return symbol("layers", SymbolKind.Namespace, r, r, item.layers.map((l) => symbol(l.name, SymbolKind.Constant, toRange(l.span))));
      case "enum":
        return symbol(item.name.name, SymbolKind.Enum, r, toRange(item.name.span), item.values.map((v) => symbol(v.name, SymbolKind.EnumMember, toRange(v.span))));
      case "facts":
        return symbol("facts", SymbolKind.Struct, r, r, item.facts.map((f) => symbol(f.name.name, SymbolKind.Field, toRange(f.span), toRange(f.name.span), undefined, factTypeText(f.type))));
      case "domains":
        return symbol("domains", SymbolKind.Namespace, r, r, domainSymbols(item.roots, undefined));
      case "body":
        return symbol(item.id.name, SymbolKind.Class, r, toRange(item.id.span), undefined, item.displayName);
      case "example":
        return symbol(`example "${item.name}"`, SymbolKind.Method, r, toRange(item.keywordSpan));
      default:
        return symbol(clauseName(item), SymbolKind.Function, r, toRange(item.keywordSpan));
    }
  });
}

const KINDS: Partial<Record<CharterKind, SymbolKind>> = {
  body: SymbolKind.Class,
  fact: SymbolKind.Field,
  domain: SymbolKind.Module,
  enum: SymbolKind.Enum,
  layer: SymbolKind.Constant,
};

/** Whether the letters of `query` appear in `name` in order (case-insensitive), as editors filter. */
export function fuzzyMatch(query: string, name: string): boolean {
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  let i = 0;
  for (const c of n) if (i < q.length && c === q[i]) i++;
  return i === q.length;
}

/** Declared bodies, facts, domains, enums and layers matching `query`. */
export function workspaceSymbols(index: SymbolIndex, query: string, uriOf: (file: string) => string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const o of index.allDefinitions()) {
    const kind = KINDS[o.kind];
    if (kind === undefined || !fuzzyMatch(query, o.key)) continue;
    const s: SymbolInformation = { name: o.key, kind, location: { uri: uriOf(o.span.file), range: toRange(o.span) } };
    const dot = o.key.lastIndexOf(".");
    if (o.kind === "domain" && dot > 0) s.containerName = o.key.slice(0, dot);
    out.push(s);
  }
  return out;
}
