import type { Span } from "./span.js";
import type { Name } from "./exprs.js";
import type { BodyDecl, DomainsDecl, EnumDecl, FactsDecl, LayersDecl } from "./decls.js";
import type { Clause, ExampleDecl } from "./clauses.js";

export type Header =
  | { kind: "constitution"; title: string; span: Span }
  | { kind: "charter"; title: string; by: Name; span: Span };

export type Item = LayersDecl | EnumDecl | FactsDecl | DomainsDecl | BodyDecl | Clause | ExampleDecl;

/** One parsed `.charter` file. */
export interface CharterFile {
  file: string;
  header: Header;
  items: Item[];
  span: Span;
}
