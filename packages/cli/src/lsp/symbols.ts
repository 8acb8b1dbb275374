// An index of every name in a charter set: where each layer, enum, enum value, fact, domain and body
// is declared and where it is used, built from the ASTs' spans. Definition, references, rename and
// hover all read it; it is rebuilt lazily after an edit.
import type { CharterFile, Clause, Cond, DomainNode, ExampleDecl, FactsDecl, Literal, Name, Pattern, Span } from "@charter/lang";
import { spanHas, subSpan } from "./convert.js";

export type SymbolKind = "layer" | "enum" | "value" | "fact" | "domain" | "body";

/** One place a name is written. `key` identifies the thing named: a domain's full path, `enum.value`. */
export interface Occurrence {
  kind: SymbolKind;
  key: string;
  span: Span;
  def: boolean;
}

/** A clause or example keyword, for hover summaries. */
export interface KeywordMark {
  node: Clause | ExampleDecl;
  span: Span;
}

const id = (kind: SymbolKind, key: string) => `${kind}:${key}`;

/** The enum a fact's values come from: a named enum, or `@fact` for an inline `enum { … }`. */
function enumKeys(constitution: CharterFile | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of constitution?.items ?? []) {
    if (item.kind !== "facts") continue;
    for (const f of item.facts) {
      const t = f.type;
      if (t.kind === "named") out.set(f.name.name, t.name.name);
      else if (t.kind === "set") out.set(f.name.name, t.of.name);
      else if (t.kind === "inline-enum") out.set(f.name.name, `@${f.name.name}`);
    }
  }
  return out;
}

export class SymbolIndex {
  private readonly byFile = new Map<string, Occurrence[]>();
  private readonly byKey = new Map<string, Occurrence[]>();
  private readonly keywords = new Map<string, KeywordMark[]>();
  private readonly factEnums: Map<string, string>;
  private readonly layerNames: Set<string>;

  constructor(readonly files: readonly CharterFile[]) {
    const constitution = files.find((f) => f.header.kind === "constitution");
    this.factEnums = enumKeys(constitution);
    this.layerNames = new Set(constitution?.items.flatMap((i) => (i.kind === "layers" ? i.layers.map((l) => l.name) : [])) ?? []);
    for (const file of files) this.indexFile(file, file === constitution);
    for (const list of this.byFile.values()) list.sort((a, b) => a.span.start - b.span.start);
  }

  /** The occurrence under `offset` in `file` (a caret right after a name counts). */
  at(file: string, offset: number): Occurrence | undefined {
    const list = this.byFile.get(file) ?? [];
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (list[mid]!.span.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    const o = list[lo];
    return o && spanHas(o.span, offset) ? o : undefined;
  }

  /** The clause or example whose keyword is under `offset`. */
  keywordAt(file: string, offset: number): KeywordMark | undefined {
    return this.keywords.get(file)?.find((k) => spanHas(k.span, offset));
  }

  /** Every occurrence of the thing `o` names, declarations included, in file then source order. */
  occurrences(o: Pick<Occurrence, "kind" | "key">): Occurrence[] {
    return this.byKey.get(id(o.kind, o.key)) ?? [];
  }

  /** The name as written at `o`: the last segment of a domain path or an enum value's key. */
  nameAt(o: Occurrence): string {
    return o.kind === "domain" || o.kind === "value" ? o.key.slice(o.key.lastIndexOf(".") + 1) : o.key;
  }

  definitions(o: Pick<Occurrence, "kind" | "key">): Occurrence[] {
    return this.occurrences(o).filter((x) => x.def);
  }

  /** Every declaration in the set (the constitution's vocabulary). */
  allDefinitions(): Occurrence[] {
    return [...this.byKey.values()].flatMap((list) => list.filter((o) => o.def));
  }

  private add(kind: SymbolKind, key: string, span: Span, def = false): void {
    const o: Occurrence = { kind, key, span, def };
    let inFile = this.byFile.get(span.file);
    if (!inFile) this.byFile.set(span.file, (inFile = []));
    inFile.push(o);
    let same = this.byKey.get(id(kind, key));
    if (!same) this.byKey.set(id(kind, key), (same = []));
    same.push(o);
  }

  private keyword(node: Clause | ExampleDecl): void {
    let list = this.keywords.get(node.keywordSpan.file);
    if (!list) this.keywords.set(node.keywordSpan.file, (list = []));
    list.push({ node, span: node.keywordSpan });
  }

  private bodies(names: Name[]): void {
    for (const n of names) this.add("body", n.name, n.span);
  }

  /** Each segment of a domain path names the domain up to it: `health` in `health.devices` is `health`. */
  private path(path: string[], span: Span): void {
    let from = 0;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      this.add("domain", path.slice(0, i + 1).join("."), subSpan(span, from, from + seg.length));
      from += seg.length + 1;
    }
  }

  private patterns(ps: Pattern[]): void {
    for (const p of ps) if (p.kind !== "all") this.path(p.path, p.span);
  }

  private value(fact: string, l: Literal | Name): void {
    const e = this.factEnums.get(fact);
    const name = "kind" in l ? (l.kind === "ident" ? l.name : undefined) : l.name;
    if (e !== undefined && name !== undefined) this.add("value", `${e}.${name}`, l.span);
  }

  private cond(c: Cond): void {
    switch (c.kind) {
      case "or":
      case "and":
        for (const i of c.items) this.cond(i);
        return;
      case "not":
        this.cond(c.item);
        return;
      case "bare":
        this.add("fact", c.subject.name, c.subject.nameSpan);
        return;
      case "cmp":
        this.add("fact", c.subject.name, c.subject.nameSpan);
        if (c.subject.kind === "fact" && (c.op === "==" || c.op === "!=")) this.value(c.subject.name, c.value);
        return;
      case "in":
        this.add("fact", c.subject.name, c.subject.nameSpan);
        if (c.subject.kind === "fact") for (const v of c.values) this.value(c.subject.name, v);
        return;
      case "contains":
        this.add("fact", c.subject.name, c.subject.nameSpan);
        if (c.subject.kind === "fact") this.value(c.subject.name, c.value);
        return;
    }
  }

  private facts(item: FactsDecl, declares: boolean): void {
    for (const f of item.facts) {
      this.add("fact", f.name.name, f.name.span, declares);
      const t = f.type;
      if (t.kind === "named") this.add("enum", t.name.name, t.name.span);
      else if (t.kind === "set") this.add("enum", t.of.name, t.of.span);
      else if (t.kind === "inline-enum") for (const v of t.values) this.add("value", `@${f.name.name}.${v.name}`, v.span, declares);
    }
  }

  private domains(nodes: DomainNode[], parent: string | undefined, declares: boolean): void {
    for (const n of nodes) {
      const path = parent === undefined ? n.name.name : `${parent}.${n.name.name}`;
      this.add("domain", path, n.name.span, declares);
      this.domains(n.children, path, declares);
    }
  }

  private example(ex: ExampleDecl): void {
    this.keyword(ex);
    this.path(ex.domain.path, ex.domain.span);
    for (const b of ex.bindings) {
      this.add("fact", b.fact.name, b.fact.span);
      if (b.value.kind === "set") for (const v of b.value.values) this.value(b.fact.name, v);
      else this.value(b.fact.name, b.value);
    }
    for (const e of ex.expects) {
      if (e.kind === "approve" || e.kind === "notify") this.bodies(e.bodies);
      else if (e.kind === "escalation") this.add("layer", e.layer.name, e.layer.span);
    }
  }

  private clause(c: Clause): void {
    this.keyword(c);
    this.patterns(c.patterns);
    if (c.when) this.cond(c.when);
    switch (c.kind) {
      case "delegate":
        this.add("body", c.to.name, c.to.span);
        return;
      case "govern":
        for (const g of c.grants) this.bodies(g.bodies);
        return;
      case "escalate":
        this.add(this.layerNames.has(c.to.name) ? "layer" : "body", c.to.name, c.to.span);
        return;
      case "joint":
        this.bodies(c.bodies);
        return;
      case "precedence":
        this.bodies([c.winner, c.loser]);
        return;
      case "guardrail":
        if (c.require.kind === "layer") this.add("layer", c.require.layer.name, c.require.layer.span);
        return;
      case "prohibit":
      case "exempt":
        return;
    }
  }

  /** Vocabulary counts as declared only in the constitution (elsewhere it is CH3003 and binds nothing). */
  private indexFile(file: CharterFile, declares: boolean): void {
    if (file.header.kind === "charter") this.add("body", file.header.by.name, file.header.by.span);
    for (const item of file.items) {
      switch (item.kind) {
        case "layers":
          for (const l of item.layers) this.add("layer", l.name, l.span, declares);
          break;
        case "enum":
          this.add("enum", item.name.name, item.name.span, declares);
          for (const v of item.values) this.add("value", `${item.name.name}.${v.name}`, v.span, declares);
          break;
        case "facts":
          this.facts(item, declares);
          break;
        case "domains":
          this.domains(item.roots, undefined, declares);
          break;
        case "body":
          this.add("body", item.id.name, item.id.span, declares);
          for (const p of item.props) {
            if (p.kind === "layer") this.add("layer", p.layer.name, p.layer.span);
            else if (p.kind === "covers") this.cond(p.cond);
            else this.patterns(p.patterns);
          }
          break;
        case "example":
          this.example(item);
          break;
        default:
          this.clause(item);
      }
    }
  }
}
