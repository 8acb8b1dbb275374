export * from "./span.js";
export * from "./exprs.js";
export * from "./decls.js";
export * from "./clauses.js";
export * from "./file.js";
export { stripSpans } from "./strip-spans.js";
