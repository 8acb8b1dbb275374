// The charter sets the editor has open: a file belongs to the set of the deepest loaded folder that
// holds it, else a new set is made of the file's own folder (all its `*.charter` files, recursively,
// as `charter check FOLDER` reads them) — or of the nearest folder above with a constitution.
import { basename, dirname } from "node:path";
import { readCharterFiles } from "@charter/lang";
import type { TextDocumentContentChangeEvent } from "vscode-languageserver";
import { CharterSet, within, type Host } from "./charter-set.js";
import type { SourceFile } from "./source-file.js";
import { uriToPath } from "./convert.js";

/** A file that starts (after comments) with `constitution`. */
const CONSTITUTION = /^(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*constitution\b/;

export type WorkspaceHost = Omit<Host, "owns">;

export class Workspace {
  readonly sets: CharterSet[] = [];
  private readonly host: Host;

  constructor(host: WorkspaceHost) {
    this.host = { ...host, owns: (set, path) => this.setOf(path) === set };
  }

  /** The loaded set that reports on `path`: the one with the deepest folder holding it. */
  setOf(path: string): CharterSet | undefined {
    let best: CharterSet | undefined;
    for (const s of this.sets) if (s.contains(path) && (!best || s.folder.length > best.folder.length)) best = s;
    return best;
  }

  private setFor(path: string): CharterSet {
    const found = this.setOf(path);
    if (found) return found;
    const set = new CharterSet(this.folderFor(path), this.host);
    this.sets.push(set);
    return set;
  }

  /**
   * The file's folder; but when no constitution lies under it (a `bodies/` folder beside the
   * constitution), the nearest enclosing folder up to the workspace root that has one: a set
   * without its constitution could only report CH3001.
   */
  private folderFor(path: string): string {
    const start = dirname(path);
    const root = this.host.rootOf(start);
    if (root === undefined || !within(start, root)) return start;
    for (let dir = start; ; dir = dirname(dir)) {
      if (readCharterFiles([dir]).sources.some((s) => CONSTITUTION.test(s.text))) return dir;
      if (dir === root || dirname(dir) === dir) return start;
    }
  }

  /** The set and file behind a document URI, with parse and check brought up to date. */
  lookup(uri: string): { set: CharterSet; file: SourceFile } | undefined {
    const path = uriToPath(uri);
    const set = path === undefined ? undefined : this.setOf(path);
    const file = path === undefined ? undefined : set?.files.get(path);
    if (!set || !file) return undefined;
    set.flush();
    return { set, file };
  }

  open(uri: string, text: string, version: number): void {
    const path = uriToPath(uri);
    if (path === undefined || !path.endsWith(".charter")) return;
    this.setFor(path).open(path, uri, text, version);
  }

  change(uri: string, changes: TextDocumentContentChangeEvent[], version: number): void {
    const path = uriToPath(uri);
    if (path !== undefined) this.setOf(path)?.change(path, changes, version);
  }

  close(uri: string): void {
    const path = uriToPath(uri);
    if (path !== undefined) this.setOf(path)?.close(path);
  }

  /** A file changed on disk: a `.charter` file matters to the set holding it, a charter.yaml to every set. */
  diskChanged(uri: string): void {
    const path = uriToPath(uri);
    if (path === undefined) return;
    if (path.endsWith(".charter")) this.setOf(path)?.diskChanged(path);
    else if (basename(path) === "charter.yaml") for (const s of this.sets) s.reloadConfig();
  }

  dispose(): void {
    for (const s of this.sets) s.dispose();
  }
}
