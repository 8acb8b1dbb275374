// Paths → the `.charter` files of a set: folders searched recursively, files taken as named, sorted.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";

export interface SourceText {
  /** Path relative to the working directory, with `/`: stable in output on every machine. */
  file: string;
  text: string;
}

export function displayPath(p: string, cwd = process.cwd()): string {
  const rel = relative(cwd, p);
  const shown = rel === "" ? "." : rel.startsWith("..") ? p : rel;
  return shown.split(sep).join("/");
}

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && e.name.endsWith(".charter")) out.push(p);
  }
}

const reason = (e: unknown): string => (e instanceof Error && "code" in e ? String((e as NodeJS.ErrnoException).code) === "ENOENT" ? "no such file or folder" : String((e as NodeJS.ErrnoException).code) : String(e));

/** Read the charter files named by `paths`. Input problems are CH5xxx diagnostics (exit 2 in the CLI). */
export function readCharterFiles(paths: string[]): { sources: SourceText[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const found: string[] = [];
  for (const p of paths) {
    try {
      if (statSync(p).isDirectory()) {
        const before = found.length;
        walk(p, found);
        if (found.length === before) diagnostics.push(diagnostic("CH5002", undefined, [`\`${displayPath(p)}\``]));
      } else found.push(p);
    } catch (e) {
      diagnostics.push(diagnostic("CH5001", undefined, [displayPath(p), reason(e)]));
    }
  }
  const seen = new Set<string>();
  const sources: SourceText[] = [];
  for (const p of found) {
    const file = displayPath(p);
    if (seen.has(file)) continue;
    seen.add(file);
    try {
      sources.push({ file, text: readFileSync(p, "utf8") });
    } catch (e) {
      diagnostics.push(diagnostic("CH5001", undefined, [file, reason(e)]));
    }
  }
  sources.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { sources, diagnostics };
}
