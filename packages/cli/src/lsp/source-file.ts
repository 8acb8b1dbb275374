// One `.charter` file of a set: its current text (an editor's unsaved text, else the disk's), its
// incremental parser and the last parse result.
import { TextDocument } from "vscode-languageserver-textdocument";
import type { TextDocumentContentChangeEvent } from "vscode-languageserver";
import type { ParseResult } from "@charter/lang";
import { IncrementalParser } from "./parse-incremental.js";

export class SourceFile {
  doc: TextDocument;
  /** Open in an editor: its text wins over the disk's. */
  open = false;
  /** Bumped on every change of text: lint findings are shown only for the text they were computed on. */
  revision = 0;
  /** The text changed since the last parse. */
  dirty = true;
  parsed: ParseResult = { diagnostics: [] };
  private readonly parser: IncrementalParser;

  constructor(readonly path: string, public uri: string, text: string, version = 0) {
    this.doc = TextDocument.create(uri, "charter", version, text);
    this.parser = new IncrementalParser(text);
  }

  get text(): string {
    return this.doc.getText();
  }

  /** Replace the whole text (opened with other text than the disk's, or changed on disk). */
  setText(text: string, version = this.doc.version): void {
    this.doc = TextDocument.create(this.uri, "charter", version, text);
    this.parser.reset(text);
    this.revision++;
    this.dirty = true;
  }

  /** A new URI or version for the same text (an editor opened the file as it is on disk). */
  rename(uri: string, version: number): void {
    this.uri = uri;
    this.doc = TextDocument.create(uri, "charter", version, this.text);
  }

  /** Apply an editor's changes in order, feeding each range edit to the parser as well. */
  applyChanges(changes: TextDocumentContentChangeEvent[], version: number): void {
    for (const c of changes) {
      if ("range" in c) {
        const start = this.doc.offsetAt(c.range.start);
        const end = this.doc.offsetAt(c.range.end);
        this.parser.edit(start, end, c.text);
        TextDocument.update(this.doc, [c], version);
      } else {
        TextDocument.update(this.doc, [c], version);
        this.parser.reset(c.text);
      }
    }
    this.revision++;
    this.dirty = true;
  }

  /** Parse if the text changed since the last time. */
  parse(): ParseResult {
    if (this.dirty) {
      this.parsed = this.parser.parse(this.path);
      this.dirty = false;
    }
    return this.parsed;
  }
}
