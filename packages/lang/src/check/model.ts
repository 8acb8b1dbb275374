import type { Span } from "../ast/span.js";
import type { Name, Pattern, Cond } from "../ast/exprs.js";
import type { BodyDecl, FactDecl } from "../ast/decls.js";
import type { Clause, ExampleDecl } from "../ast/clauses.js";
import type { CharterFile } from "../ast/file.js";

/** A fact's type with named enums resolved to their values. */
export type FactKind =
  | { kind: "bool" }
  | { kind: "number" }
  | { kind: "int"; min?: number; max?: number }
  | { kind: "enum"; enumName: string; values: string[] }
  | { kind: "set"; enumName: string; values: string[] };

export interface FactInfo {
  name: string;
  type: FactKind;
  decl: FactDecl;
}

export interface EnumInfo {
  name: string;
  values: string[];
  span: Span;
  valueSpans: Map<string, Span>;
}

export interface DomainInfo {
  /** Dotted path, e.g. `health.devices`. */
  path: string;
  /** Position in declaration order (0 for the first domain): the engine numbers domains by it. */
  index: number;
  parent?: string;
  children: string[];
  span: Span;
}

export interface BodyInfo {
  id: string;
  displayName: string;
  layer?: string;
  covers?: Cond;
  competence: Pattern[];
  decl: BodyDecl;
}

/** A clause with where it came from: the constitution, or the charter of body `owner`. */
export interface PlacedClause {
  clause: Clause;
  file: string;
  owner?: string;
}

export interface PlacedExample {
  example: ExampleDecl;
  file: string;
}

/** The checked model of a whole charter set: what the engine compiles. */
export interface CheckedSet {
  files: CharterFile[];
  constitution?: CharterFile;
  /** Lowest first. */
  layers: Name[];
  enums: Map<string, EnumInfo>;
  facts: Map<string, FactInfo>;
  domains: Map<string, DomainInfo>;
  bodies: Map<string, BodyInfo>;
  /** Constitution first, then charters in file order; each in source order. */
  clauses: PlacedClause[];
  examples: PlacedExample[];
}

export function describeType(t: FactKind): string {
  switch (t.kind) {
    case "bool":
      return "bool";
    case "number":
      return "number";
    case "int":
      return t.min !== undefined ? `int ${t.min}..${t.max}` : "int";
    case "enum":
      return t.enumName.startsWith("{") ? `enum ${t.enumName}` : `enum \`${t.enumName}\``;
    case "set":
      return `set of \`${t.enumName}\``;
  }
}
