// The front end end to end: read → parse each file → check the set.
import type { CharterFile } from "../ast/file.js";
import { checkSet } from "../check/index.js";
import type { CheckedSet } from "../check/model.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { parse } from "../syntax/parse.js";
import { readCharterFiles, type SourceText } from "./files.js";

export interface LoadedSet {
  sources: SourceText[];
  /** Parsed files (those that failed to parse are absent). */
  files: CharterFile[];
  /** Absent when a file failed to parse and the constitution is not among those that did: without the vocabulary every name would look unknown. */
  set?: CheckedSet;
  diagnostics: Diagnostic[];
  /** True when an input could not be read at all (CLI exit 2). */
  inputError: boolean;
}

/** Parse and check in-memory sources (the language server's entry point: no file system). */
export function checkSources(sources: SourceText[]): LoadedSet {
  const diagnostics: Diagnostic[] = [];
  const files: CharterFile[] = [];
  for (const s of sources) {
    const r = parse(s.text, s.file);
    diagnostics.push(...r.diagnostics);
    if (r.ast) files.push(r.ast);
  }
  const result: LoadedSet = { sources, files, diagnostics, inputError: false };
  const checkable = files.length === sources.length || files.some((f) => f.header.kind === "constitution");
  if (checkable && files.length > 0) {
    const checked = checkSet(files);
    result.set = checked.set;
    diagnostics.push(...checked.diagnostics);
  }
  diagnostics.sort(compareDiagnostics);
  return result;
}

/** Load a charter set from files and folders. */
export function loadCharterSet(paths: string[]): LoadedSet {
  const read = readCharterFiles(paths);
  const result = checkSources(read.sources);
  if (read.diagnostics.length > 0) {
    result.diagnostics.unshift(...read.diagnostics);
    result.inputError = true;
  }
  return result;
}
