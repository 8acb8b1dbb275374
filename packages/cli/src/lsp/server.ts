// The charter language server: LSP wiring only. State lives in workspace.ts / charter-set.ts, each
// feature in its own file; every handler maps the request's URI and position to a set, a file and
// an offset, and the answer's spans back to ranges.
import { relative, sep } from "node:path";
import { format } from "@charter/lang";
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  type Connection,
  type Location,
  type Position,
} from "vscode-languageserver/node";
import { VERSION } from "../version.js";
import { codeActions } from "./code-actions.js";
import { complete } from "./completion.js";
import { toRange, uriToPath } from "./convert.js";
import { hover } from "./hover.js";
import { documentSymbols, workspaceSymbols } from "./outline.js";
import { prepareRename, rename } from "./rename.js";
import { within, type CharterSet } from "./charter-set.js";
import type { SourceFile } from "./source-file.js";
import { Workspace } from "./workspace.js";

/** Serve LSP over `input`/`output` until the client sends `exit` (the library then ends the process). */
export function startServer(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Connection {
  const connection = createConnection(ProposedFeatures.all, input, output);
  let workspace: Workspace | undefined;
  let watchFiles = false;

  /** The set, file and offset a positional request is about, with the set checked up to date. */
  const at = (uri: string, position?: Position): { set: CharterSet; file: SourceFile; offset: number } | undefined => {
    const found = workspace?.lookup(uri);
    return found && { ...found, offset: position ? found.file.doc.offsetAt(position) : 0 };
  };
  const location = (set: CharterSet, span: Parameters<typeof toRange>[0]): Location => ({ uri: set.uriOf(span.file), range: toRange(span) });

  connection.onInitialize((params) => {
    const folders = (params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : [])).flatMap((u) => uriToPath(u) ?? []);
    workspace = new Workspace({
      // The deepest workspace folder holding the path (a multi-root workspace has several).
      rootOf: (path) => folders.filter((f) => within(path, f)).sort((a, b) => b.length - a.length)[0],
      publish: (uri, diagnostics, version) => void connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, diagnostics, version }),
      log: (message) => connection.console.error(message),
    });
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        completionProvider: { triggerCharacters: [".", " "] },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        documentFormattingProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: "charter", version: VERSION },
    };
  });

  connection.onInitialized(() => {
    // Files edited outside the editor (a branch switch, `charter fmt`) change the set too.
    if (watchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*.charter" }, { globPattern: "**/charter.yaml" }] });
  });

  connection.onDidOpenTextDocument(({ textDocument: d }) => workspace?.open(d.uri, d.text, d.version));
  connection.onDidChangeTextDocument(({ textDocument: d, contentChanges }) => workspace?.change(d.uri, contentChanges, d.version));
  connection.onDidCloseTextDocument(({ textDocument: d }) => workspace?.close(d.uri));
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const c of changes) workspace?.diskChanged(c.uri);
  });

  connection.onHover(({ textDocument, position }) => {
    const a = at(textDocument.uri, position);
    return a ? hover(a.set.index(), a.set.vocabulary(), a.file.path, a.offset) : null;
  });

  connection.onDefinition(({ textDocument, position }) => {
    const a = at(textDocument.uri, position);
    const index = a?.set.index();
    const o = a && index?.at(a.file.path, a.offset);
    return a && index && o ? index.definitions(o).map((d) => location(a.set, d.span)) : null;
  });

  connection.onReferences(({ textDocument, position, context }) => {
    const a = at(textDocument.uri, position);
    const index = a?.set.index();
    const o = a && index?.at(a.file.path, a.offset);
    if (!a || !index || !o) return null;
    return index
      .occurrences(o)
      .filter((x) => context.includeDeclaration || !x.def)
      .map((x) => location(a.set, x.span));
  });

  connection.onCompletion(({ textDocument, position }) => {
    const a = at(textDocument.uri, position);
    if (!a) return null;
    return complete(a.file.text, a.offset, a.set.vocabulary(), (start) => ({ start: a.file.doc.positionAt(start), end: position }));
  });

  connection.onDocumentSymbol(({ textDocument }) => {
    const a = at(textDocument.uri);
    return a?.file.parsed.ast ? documentSymbols(a.file.parsed.ast) : [];
  });

  connection.onWorkspaceSymbol(({ query }) => {
    return (workspace?.sets ?? []).flatMap((set) => {
      set.flush();
      return workspaceSymbols(set.index(), query, (f) => set.uriOf(f));
    });
  });

  connection.onDocumentFormatting(({ textDocument }) => {
    const a = at(textDocument.uri);
    if (!a) return null;
    const text = a.file.text;
    // The formatter of `charter fmt`: nothing to do for a file that does not parse.
    const out = format(text, a.file.path).output;
    if (out === undefined || out === text) return [];
    return [{ range: { start: { line: 0, character: 0 }, end: a.file.doc.positionAt(text.length) }, newText: out }];
  });

  connection.onPrepareRename(({ textDocument, position }) => {
    const a = at(textDocument.uri, position);
    return a ? prepareRename(a.set.index(), a.file.path, a.offset) : null;
  });

  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const a = at(textDocument.uri, position);
    if (!a) return null;
    const unparsed = [...a.set.files.values()].filter((f) => !f.parsed.ast).map((f) => relative(a.set.folder, f.path).split(sep).join("/"));
    return rename(a.set.index(), unparsed, a.file.path, a.offset, newName, (f) => a.set.uriOf(f));
  });

  connection.onCodeAction(({ textDocument, context }) => {
    const a = at(textDocument.uri);
    return a ? codeActions(context.diagnostics, a.set, a.file) : null;
  });

  connection.onShutdown(() => workspace?.dispose());
  connection.listen();
  return connection;
}
