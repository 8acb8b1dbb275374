// The formatter's public surface: `format` for `charter fmt`, `printFile` for AST → text.
export { format, printFile, type SourceComments } from "./print.js";
export { scanComments, type Comment } from "./comments.js";
