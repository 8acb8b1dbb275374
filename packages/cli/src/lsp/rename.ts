// Rename a body, fact, domain, enum, enum value or layer at every place in the set that names it.
// Refused (with the reason) for a name that is not an identifier, is a keyword, or is taken.
import { KEYWORDS } from "@charter/lang";
import { LSPErrorCodes, ResponseError, type Range, type TextEdit, type WorkspaceEdit } from "vscode-languageserver";
import { toRange } from "./convert.js";
import type { Occurrence, SymbolIndex, SymbolKind } from "./symbols.js";

const IDENT = /^[a-z_][a-z0-9_]*$/;

const fail = (message: string) => new ResponseError(LSPErrorCodes.RequestFailed, message);

const WHAT: Record<SymbolKind, string> = { body: "a body", layer: "a layer", fact: "a fact", domain: "a domain", enum: "an enum", value: "an enum value" };

/** The declared thing under the caret, or why it cannot be renamed. */
function target(index: SymbolIndex, file: string, offset: number): Occurrence | ResponseError<void> {
  const o = index.at(file, offset);
  if (!o) return fail("nothing to rename here: place the caret on a body, fact, domain, enum, value or layer");
  if (index.definitions(o).length === 0) return fail(`\`${index.nameAt(o)}\` is not declared, so there is nothing to rename`);
  return o;
}

export function prepareRename(index: SymbolIndex, file: string, offset: number): { range: Range; placeholder: string } | ResponseError<void> {
  const o = target(index, file, offset);
  return o instanceof ResponseError ? o : { range: toRange(o.span), placeholder: index.nameAt(o) };
}

/** The key the thing would have under `name`: a domain keeps its parent, a value its enum. */
function renamedKey(o: Occurrence, name: string): string {
  if (o.kind !== "domain" && o.kind !== "value") return name;
  const dot = o.key.lastIndexOf(".");
  return dot < 0 ? name : `${o.key.slice(0, dot)}.${name}`;
}

export function rename(index: SymbolIndex, unparsed: string[], file: string, offset: number, newName: string, uriOf: (file: string) => string): WorkspaceEdit | ResponseError<void> {
  if (unparsed.length > 0) return fail(`cannot rename while ${unparsed.join(", ")} does not parse: fix the syntax error first`);
  const o = target(index, file, offset);
  if (o instanceof ResponseError) return o;
  const old = index.nameAt(o);
  if (!IDENT.test(newName)) return fail(`\`${newName}\` is not a name: names are lowercase \`[a-z_][a-z0-9_]*\``);
  if (KEYWORDS.has(newName)) return fail(`\`${newName}\` is a reserved keyword`);
  if (newName === old) return { changes: {} };
  const key = renamedKey(o, newName);
  if (index.definitions({ kind: o.kind, key }).length > 0) return fail(`${WHAT[o.kind]} \`${key}\` already exists`);
  // `escalate … to X` names a layer or a body: the two may not share a name (CH2019).
  const other = o.kind === "body" ? "layer" : o.kind === "layer" ? "body" : undefined;
  if (other && index.definitions({ kind: other, key }).length > 0) return fail(`a ${other} \`${key}\` already exists; a layer and a body may not share a name`);
  const changes: Record<string, TextEdit[]> = {};
  for (const x of index.occurrences(o)) (changes[uriOf(x.span.file)] ??= []).push({ range: toRange(x.span), newText: newName });
  return { changes };
}
