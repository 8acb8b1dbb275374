// The state of one charter set in the editor: its files, the last check, the last lint, and the
// diagnostics published per file. Edits re-parse only the edited file; checking is debounced.
import { existsSync, readFileSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import type { Diagnostic as LspDiagnostic, TextDocumentContentChangeEvent } from "vscode-languageserver";
import { checkSet, compareDiagnostics, hasErrors, readCharterFiles, type CharterFile, type CheckedSet, type Diagnostic } from "@charter/lang";
import type { Finding } from "@charter/engine";
import { pathToUri } from "./convert.js";
import { readSetConfig, type SetConfig } from "./config.js";
import { toLspDiagnostic } from "./diagnostics.js";
import { LintRunner } from "./lint-runner.js";
import { SourceFile } from "./source-file.js";
import { SymbolIndex } from "./symbols.js";

/** Quiet time after a keystroke before the set is checked again; the first edit after a pause is checked at once. */
export const DEBOUNCE_MS = 150;
/** Quiet time after a check before the (slower, off-thread) lint starts: typing does not restart it on every pause. */
export const LINT_DELAY_MS = 200;

export interface Host {
  publish(uri: string, diagnostics: LspDiagnostic[], version: number | undefined): void;
  log(message: string): void;
  /** The workspace folder holding `path`: charter.yaml and constitutions are looked for up to there. */
  rootOf(path: string): string | undefined;
  /** Whether `set` is the one that reports on `path` (a set nested in another's folder takes its files). */
  owns(set: CharterSet, path: string): boolean;
}

export function within(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

function groupByFile<D extends Diagnostic>(ds: readonly D[]): Map<string, D[]> {
  const out = new Map<string, D[]>();
  for (const d of ds) {
    if (!d.span) continue;
    const list = out.get(d.span.file);
    if (list) list.push(d);
    else out.set(d.span.file, [d]);
  }
  return out;
}

const byPath = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

export class CharterSet {
  readonly files = new Map<string, SourceFile>();
  config: SetConfig;
  private checked: { set?: CheckedSet; byFile: Map<string, Diagnostic[]> } = { byFile: new Map() };
  /** The last checked set that had a constitution: names for completion while the constitution is mid-edit. */
  private lastGood?: CheckedSet;
  private indexCache?: SymbolIndex;
  private lint?: { byFile: Map<string, Finding[]>; revisions: Map<string, number> };
  private readonly published = new Map<string, { uri: string; json: string }>();
  /** Files whose diagnostics are sent on the next publish even if unchanged (the editor waits for them). */
  private readonly touched = new Set<string>();
  private readonly runner: LintRunner;
  private timer?: NodeJS.Timeout;
  private immediate?: NodeJS.Immediate;
  private lintTimer?: NodeJS.Timeout;
  private lastChange = 0;

  constructor(readonly folder: string, private readonly host: Host) {
    this.config = readSetConfig(folder, host.rootOf(folder));
    for (const p of this.config.problems) host.log(`charter.yaml: ${p}`);
    this.runner = new LintRunner((m) => host.log(m));
    const read = readCharterFiles([folder]);
    for (const s of read.sources) {
      const path = resolve(s.file);
      this.files.set(path, new SourceFile(path, pathToUri(path), s.text));
      this.touched.add(path);
    }
  }

  contains(path: string): boolean {
    return within(path, this.folder);
  }

  /** An editor opened `path` with `text`. */
  open(path: string, uri: string, text: string, version: number): void {
    let f = this.files.get(path);
    if (f && f.uri !== uri) this.unpublish(path);
    if (!f) this.files.set(path, (f = new SourceFile(path, uri, text, version)));
    else if (f.text !== text) {
      f.uri = uri;
      f.setText(text, version);
    } else f.rename(uri, version);
    f.open = true;
    this.schedule(path, true);
  }

  change(path: string, changes: TextDocumentContentChangeEvent[], version: number): void {
    const f = this.files.get(path);
    if (!f) return;
    f.applyChanges(changes, version);
    this.schedule(path, false);
  }

  /** The editor closed `path`: the disk's text counts again (or the file leaves the set if it was never saved). */
  close(path: string): void {
    const f = this.files.get(path);
    if (!f) return;
    f.open = false;
    this.fromDisk(path);
  }

  /** A charter.yaml changed: new rule levels and ignores apply from the next check. */
  reloadConfig(): void {
    this.config = readSetConfig(this.folder, this.host.rootOf(this.folder));
    for (const p of this.config.problems) this.host.log(`charter.yaml: ${p}`);
    this.run();
  }

  /** A file changed, appeared or vanished on disk; open files keep their editor text. */
  diskChanged(path: string): void {
    if (this.files.get(path)?.open) return;
    this.fromDisk(path);
  }

  private fromDisk(path: string): void {
    const f = this.files.get(path);
    const text = existsSync(path) ? readFileSync(path, "utf8") : undefined;
    if (text === undefined) {
      if (!f) return;
      this.files.delete(path);
      this.unpublish(path);
    } else if (!f) this.files.set(path, new SourceFile(path, pathToUri(path), text));
    else if (f.text !== text) f.setText(text);
    else {
      if (f.uri !== pathToUri(path)) {
        this.unpublish(path);
        f.rename(pathToUri(path), 0);
      }
      return;
    }
    this.schedule(path, true);
  }

  private schedule(path: string, now: boolean): void {
    this.touched.add(path);
    const t = Date.now();
    const quiet = t - this.lastChange >= DEBOUNCE_MS;
    this.lastChange = t;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.immediate) return; // a run is already due on this turn of the event loop
    if (now || quiet) this.immediate = setImmediate(() => this.run());
    else this.timer = setTimeout(() => this.run(), DEBOUNCE_MS);
  }

  /** Bring parse and check up to date now (a request needs the current state). */
  flush(): void {
    if (this.timer || this.immediate || [...this.files.values()].some((f) => f.dirty)) this.run();
  }

  /** Parse what changed, check the whole set, publish, and hand a clean set to the lint worker. */
  run(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = this.immediate = undefined;
    for (const f of this.files.values()) f.parse();
    const asts = this.asts();
    const allParsed = asts.length === this.files.size;
    const checkable = asts.length > 0 && (allParsed || asts.some((a) => a.header.kind === "constitution"));
    const result = checkable ? checkSet(asts) : { set: undefined, diagnostics: [] };
    const byFile = groupByFile(result.diagnostics);
    this.checked = result.set ? { set: result.set, byFile } : { byFile };
    if (result.set?.constitution) this.lastGood = result.set;
    this.indexCache = undefined;
    const clean = allParsed && checkable && !hasErrors(result.diagnostics);
    if (this.lintTimer) clearTimeout(this.lintTimer);
    this.lintTimer = undefined;
    if (!clean) {
      this.lint = undefined;
      this.runner.cancel();
    }
    this.publish();
    if (clean) this.lintTimer = setTimeout(() => this.requestLint(), LINT_DELAY_MS);
  }

  private requestLint(): void {
    this.lintTimer = undefined;
    // An edit is waiting to be checked: its run asks again if the set is still clean.
    if ([...this.files.values()].some((f) => f.dirty)) return;
    const revisions = new Map([...this.files].map(([p, f]) => [p, f.revision]));
    const sources = [...this.files.values()].map((f) => ({ file: f.path, text: f.text }));
    this.runner.request(sources, this.config.config.levels, (findings) => {
      this.lint = { byFile: groupByFile(findings), revisions };
      this.publish();
    });
  }

  /** Parsed files in path order (the order `charter check` reads them in). */
  asts(): CharterFile[] {
    const out: CharterFile[] = [];
    for (const f of this.files.values()) if (f.parsed.ast) out.push(f.parsed.ast);
    return out.sort(byPath);
  }

  /** The current checked set, else the last one with a constitution. */
  vocabulary(): CheckedSet | undefined {
    return this.checked.set?.constitution ? this.checked.set : (this.lastGood ?? this.checked.set);
  }

  index(): SymbolIndex {
    return (this.indexCache ??= new SymbolIndex(this.asts()));
  }

  /** Every diagnostic of `path` now: syntax, check, and lint findings computed on its current text. */
  diagnostics(path: string): Diagnostic[] {
    const f = this.files.get(path);
    if (!f || this.config.ignored(path)) return [];
    const lint = this.lint && this.lint.revisions.get(path) === f.revision ? (this.lint.byFile.get(path) ?? []) : [];
    return [...f.parsed.diagnostics, ...(this.checked.byFile.get(path) ?? []), ...lint].sort(compareDiagnostics);
  }

  uriOf(path: string): string {
    return this.files.get(path)?.uri ?? pathToUri(path);
  }

  private publish(): void {
    const base = this.config.config.helpBaseUri;
    const uriOf = (p: string) => this.uriOf(p);
    for (const [path, f] of this.files) {
      if (!this.host.owns(this, path)) continue;
      const lsp = this.diagnostics(path).flatMap((d) => (d.span ? [toLspDiagnostic({ ...d, span: d.span }, base, uriOf)] : []));
      const json = JSON.stringify(lsp);
      const last = this.published.get(path);
      if (last?.json === json && !this.touched.has(path)) continue;
      this.published.set(path, { uri: f.uri, json });
      this.host.publish(f.uri, lsp, f.open ? f.doc.version : undefined);
    }
    this.touched.clear();
  }

  /** Clear what was published for `path` (it left the set, or the editor knows it by another URI now). */
  private unpublish(path: string): void {
    const last = this.published.get(path);
    if (!last) return;
    this.published.delete(path);
    this.host.publish(last.uri, [], undefined);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.lintTimer) clearTimeout(this.lintTimer);
    if (this.immediate) clearImmediate(this.immediate);
    this.runner.stop();
  }
}
