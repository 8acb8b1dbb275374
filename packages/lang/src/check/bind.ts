// Vocabulary of the constitution: layers, enums, facts, domains, bodies. Duplicates get both spans.
import type { CharterFile } from "../ast/file.js";
import type { DomainNode, FactType } from "../ast/decls.js";
import type { Name } from "../ast/exprs.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { suggestion } from "../diagnostics/suggest.js";
import type { BodyInfo, CheckedSet, DomainInfo, EnumInfo, FactInfo, FactKind } from "./model.js";
import { intern } from "./intern.js";

const firstHere = (span: Name["span"]) => [{ span, message: "first declared here" }];

function bindDomains(roots: DomainNode[], parent: string | undefined, out: Map<string, DomainInfo>, diags: Diagnostic[]): void {
  for (const node of roots) {
    const path = intern(parent === undefined ? node.name.name : `${parent}.${node.name.name}`);
    const existing = out.get(path);
    if (existing) {
      diags.push(diagnostic("CH2014", node.name.span, [path], firstHere(existing.span)));
      continue;
    }
    const info: DomainInfo = { path, index: out.size, children: [], span: node.name.span };
    if (parent !== undefined) {
      info.parent = parent;
      out.get(parent)!.children.push(path);
    }
    out.set(path, info);
    bindDomains(node.children, path, out, diags);
  }
}

function resolveFactType(t: FactType, factName: string, enums: Map<string, EnumInfo>, diags: Diagnostic[]): FactKind | undefined {
  switch (t.kind) {
    case "bool":
      return { kind: "bool" };
    case "number":
      return { kind: "number" };
    case "int":
      if (t.min !== undefined && t.max !== undefined && t.min > t.max) {
        diags.push(diagnostic("CH2107", t.span, [String(t.min), String(t.max)]));
        return undefined;
      }
      return t.min === undefined ? { kind: "int" } : { kind: "int", min: t.min, max: t.max! };
    case "inline-enum": {
      const seen = new Map<string, Name>();
      for (const v of t.values) {
        const first = seen.get(v.name);
        if (first) diags.push(diagnostic("CH2012", v.span, [v.name, factName], firstHere(first.span)));
        else seen.set(v.name, v);
      }
      return { kind: "enum", enumName: `{ ${[...seen.keys()].join(", ")} }`, values: [...seen.keys()].map(intern) };
    }
    case "set":
    case "named": {
      const ref = t.kind === "set" ? t.of : t.name;
      const e = enums.get(ref.name);
      if (!e) {
        const builtins = t.kind === "named" ? ["bool", "number", "int"] : [];
        const help = suggestion(ref.name, [...enums.keys(), ...builtins], t.kind === "named" ? "types" : "enums");
        diags.push(diagnostic(t.kind === "set" ? "CH2108" : "CH2002", ref.span, t.kind === "set" ? [ref.name, help] : [ref.name, help]));
        return undefined;
      }
      return { kind: t.kind === "set" ? "set" : "enum", enumName: e.name, values: e.values };
    }
  }
}

/** Bind the constitution's vocabulary into `set`; reports duplicates and unresolved type names. */
export function bindVocabulary(constitution: CharterFile, set: CheckedSet, diags: Diagnostic[]): void {
  const blocks = new Map<string, Name["span"]>();
  const onlyOnce = (kind: string, span: Name["span"]): boolean => {
    const first = blocks.get(kind);
    if (first) {
      diags.push(diagnostic("CH2016", span, [kind], firstHere(first)));
      return false;
    }
    blocks.set(kind, span);
    return true;
  };
  // Enums first: fact types may name an enum declared further down.
  for (const item of constitution.items) {
    if (item.kind !== "enum") continue;
    const prev = set.enums.get(item.name.name);
    if (prev) {
      diags.push(diagnostic("CH2011", item.name.span, [item.name.name], firstHere(prev.span)));
      continue;
    }
    const info: EnumInfo = { name: item.name.name, values: [], span: item.name.span, valueSpans: new Map() };
    for (const v of item.values) {
      const first = info.valueSpans.get(v.name);
      if (first) diags.push(diagnostic("CH2012", v.span, [v.name, item.name.name], firstHere(first)));
      else {
        info.values.push(intern(v.name));
        info.valueSpans.set(v.name, v.span);
      }
    }
    set.enums.set(info.name, info);
  }
  for (const item of constitution.items) {
    if (item.kind === "layers") {
      if (!onlyOnce("layers", item.span)) continue;
      const seen = new Map<string, Name>();
      for (const l of item.layers) {
        const first = seen.get(l.name);
        if (first) diags.push(diagnostic("CH2010", l.span, [l.name], firstHere(first.span)));
        else {
          seen.set(l.name, l);
          set.layers.push(l);
        }
      }
    } else if (item.kind === "facts") {
      if (!onlyOnce("facts", item.span)) continue;
      for (const f of item.facts) {
        const prev = set.facts.get(f.name.name);
        if (prev) {
          diags.push(diagnostic("CH2013", f.name.span, [f.name.name], firstHere(prev.decl.name.span)));
          continue;
        }
        const type = resolveFactType(f.type, f.name.name, set.enums, diags);
        if (type) set.facts.set(f.name.name, { name: f.name.name, type, decl: f } satisfies FactInfo);
      }
    } else if (item.kind === "domains") {
      if (onlyOnce("domains", item.span)) bindDomains(item.roots, undefined, set.domains, diags);
    } else if (item.kind === "body") {
      const prev = set.bodies.get(item.id.name);
      if (prev) {
        diags.push(diagnostic("CH2015", item.id.span, [item.id.name], firstHere(prev.decl.id.span)));
        continue;
      }
      const info: BodyInfo = { id: item.id.name, displayName: item.displayName ?? item.id.name, competence: [], decl: item };
      const props = new Map<string, Name["span"]>();
      for (const p of item.props) {
        const first = props.get(p.kind);
        if (first) {
          diags.push(diagnostic("CH2017", p.span, [p.kind], [{ span: first, message: "first given here" }]));
          continue;
        }
        props.set(p.kind, p.span);
        if (p.kind === "layer") info.layer = p.layer.name;
        else if (p.kind === "covers") info.covers = p.cond;
        else info.competence = p.patterns;
      }
      set.bodies.set(info.id, info);
    }
  }
  // An empty block is as good as none: every pattern would be unresolvable.
  if (set.layers.length === 0) diags.push(diagnostic("CH3009", blocks.get("layers") ?? constitution.header.span));
  if (set.domains.size === 0) diags.push(diagnostic("CH2117", blocks.get("domains") ?? constitution.header.span));
}
