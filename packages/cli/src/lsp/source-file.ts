// One `.charter` file of a set: its current text (an editor's unsaved text, else the disk's) and the
// last parse result. Only a file whose text changed is parsed again; the others keep their ASTs.
//
// Why not ohm's incremental matcher (`replaceInputRange` + `match`)? Measured on a 909-line file:
// the re-match takes ~0.6 ms but converting the CST to an AST walks the whole file again (10–35 ms),
// while `parse`'s hand-written fast path (fast-parse.ts) takes ~1–8 ms for the whole file and keeps
// no memo table. Only text that fails to parse goes through ohm, for the diagnostic.
import { TextDocument } from "vscode-languageserver-textdocument";
import type { TextDocumentContentChangeEvent } from "vscode-languageserver";
import { parse, type ParseResult } from "@charter/lang";

export class SourceFile {
  doc: TextDocument;
  /** Open in an editor: its text wins over the disk's. */
  open = false;
  /** Bumped on every change of text: lint findings are shown only for the text they were computed on. */
  revision = 0;
  /** The text changed since the last parse. */
  dirty = true;
  parsed: ParseResult = { diagnostics: [] };

  constructor(readonly path: string, public uri: string, text: string, version = 0) {
    this.doc = TextDocument.create(uri, "charter", version, text);
  }

  get text(): string {
    return this.doc.getText();
  }

  /** Replace the whole text (opened with other text than the disk's, or changed on disk). */
  setText(text: string, version = this.doc.version): void {
    this.doc = TextDocument.create(this.uri, "charter", version, text);
    this.revision++;
    this.dirty = true;
  }

  /** A new URI or version for the same text (an editor opened the file as it is on disk). */
  rename(uri: string, version: number): void {
    this.uri = uri;
    this.doc = TextDocument.create(uri, "charter", version, this.text);
  }

  /** Apply an editor's changes, in order. */
  applyChanges(changes: TextDocumentContentChangeEvent[], version: number): void {
    TextDocument.update(this.doc, changes, version);
    this.revision++;
    this.dirty = true;
  }

  /** Parse if the text changed since the last time. */
  parse(): ParseResult {
    if (this.dirty) {
      this.parsed = parse(this.text, this.path);
      this.dirty = false;
    }
    return this.parsed;
  }
}
