// A real LSP client for the tests: the built server in a child process, spoken to over its stdio
// with vscode-jsonrpc and the protocol's own request types. Every wait is bounded.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { isAbsolute } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type Diagnostic,
  type Position,
  type PublishDiagnosticsParams,
  type Range,
} from "vscode-languageserver-protocol";

export const root = fileURLToPath(new URL("../../", import.meta.url));
const main = fileURLToPath(new URL("../../packages/cli/bundle/main.js", import.meta.url));

/** A file's URI from its path, absolute or relative to the repository. */
export const uriOf = (path: string): string => pathToFileURL(isAbsolute(path) ? path : `${root}${path}`).href;

/** Resolve `promise` or fail after `ms` with `what` in the message. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The LSP position of `offset` in `text`. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length - 1, character: offset - (before.lastIndexOf("\n") + 1) };
}

/** The position of the `nth` occurrence of `needle` in `text`, moved `delta` characters on. */
export function positionOf(text: string, needle: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`\`${needle}\` #${nth} not in text`);
  }
  return positionAt(text, at + delta);
}

export function rangeOf(text: string, needle: string, nth = 0, delta = 0, length = needle.length - delta): Range {
  const start = positionOf(text, needle, delta, nth);
  return { start, end: { line: start.line, character: start.character + length } };
}

export class LspClient {
  readonly child: ChildProcess;
  readonly connection: MessageConnection;
  /** The latest diagnostics published per URI. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private waiters: (() => void)[] = [];
  stderr = "";
  /** Rejects when the server process ends: a wait then fails at once, with the server's stderr. */
  private readonly exited: Promise<never>;
  private stopping = false;

  constructor() {
    this.child = spawn(process.execPath, [main, "lsp", "--stdio"], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr!.on("data", (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise<never>((_, reject) => {
      this.child.once("exit", (code) => {
        if (!this.stopping) reject(new Error(`the server exited (code ${code}); stderr:\n${this.stderr}`));
      });
    });
    this.exited.catch(() => {});
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      for (const w of this.waiters) w();
    });
    this.connection.listen();
  }

  /** `promise`, bounded by `ms` and by the server staying alive. */
  wait<T>(promise: Promise<T>, what: string, ms = 20000): Promise<T> {
    return within(Promise.race([Promise.resolve(promise), this.exited]), ms, what);
  }

  async initialize(rootPath: string): Promise<void> {
    await this.wait(this.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uriOf(rootPath), capabilities: {}, workspaceFolders: null }), "initialize");
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Open a file with its text on disk (or `text`); returns the text. */
  async open(relPath: string, text = readFileSync(isAbsolute(relPath) ? relPath : `${root}${relPath}`, "utf8")): Promise<string> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uriOf(relPath), languageId: "charter", version: 1, text } });
    return text;
  }

  async change(relPath: string, version: number, range: Range, text: string): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uriOf(relPath), version }, contentChanges: [{ range, text }] });
  }

  /** Wait until the diagnostics published for `relPath` satisfy `ok`; returns them. */
  waitForDiagnostics(relPath: string, ok: (ds: Diagnostic[]) => boolean, what: string, ms = 20000): Promise<Diagnostic[]> {
    const uri = uriOf(relPath);
    return this.wait(
      new Promise<Diagnostic[]>((resolve) => {
        const check = () => {
          const p = this.diagnostics.get(uri);
          if (p && ok(p.diagnostics)) {
            this.waiters = this.waiters.filter((w) => w !== check);
            resolve(p.diagnostics);
          }
        };
        this.waiters.push(check);
        check();
      }),
      `${what} (last for ${relPath}: ${JSON.stringify(this.diagnostics.get(uri)?.diagnostics.map((d) => d.code))})`,
      ms,
    );
  }

  /** shutdown + exit, then make sure the process is gone. */
  async stop(): Promise<void> {
    this.stopping = this.child.exitCode === null;
    try {
      if (!this.stopping) return;
      await within(this.connection.sendRequest(ShutdownRequest.type), 5000, "shutdown");
      await this.connection.sendNotification(ExitNotification.type);
      await within(new Promise<void>((resolve) => (this.child.exitCode !== null ? resolve() : this.child.once("exit", () => resolve()))), 5000, "exit");
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null) this.child.kill();
    }
  }
}
