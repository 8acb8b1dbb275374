import type { Span } from "./span.js";
import type { Cond, Name, Pattern } from "./exprs.js";

export interface LayersDecl {
  kind: "layers";
  layers: Name[];
  span: Span;
}

export interface EnumDecl {
  kind: "enum";
  name: Name;
  values: Name[];
  span: Span;
}

export type FactType =
  | { kind: "bool"; span: Span }
  | { kind: "number"; span: Span }
  | { kind: "int"; min?: number; max?: number; span: Span }
  | { kind: "inline-enum"; values: Name[]; span: Span }
  | { kind: "set"; of: Name; span: Span }
  | { kind: "named"; name: Name; span: Span };

export interface FactDecl {
  name: Name;
  type: FactType;
  span: Span;
}

export interface FactsDecl {
  kind: "facts";
  facts: FactDecl[];
  span: Span;
}

export interface DomainNode {
  name: Name;
  children: DomainNode[];
  /** True when the source wrote `{ }` after the name, even if empty (kept for the formatter). */
  braces: boolean;
  span: Span;
}

export interface DomainsDecl {
  kind: "domains";
  roots: DomainNode[];
  span: Span;
}

export type BodyProp =
  | { kind: "layer"; layer: Name; span: Span }
  | { kind: "covers"; cond: Cond; span: Span }
  | { kind: "competence"; patterns: Pattern[]; span: Span };

export interface BodyDecl {
  kind: "body";
  id: Name;
  displayName?: string;
  props: BodyProp[];
  span: Span;
}
