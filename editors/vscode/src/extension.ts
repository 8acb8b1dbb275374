// Starts `charter lsp --stdio` for .charter files (language.md; the server lives in packages/cli).
import { commands, ExtensionContext, window, workspace } from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** The client's id is `charter`, so vscode-languageclient reads `charter.trace.server` itself. */
function createClient(): LanguageClient {
  const command = workspace.getConfiguration("charter").get<string>("path")?.trim() || "charter";
  // No `transport`: the client then speaks stdio without adding its own flag to args.
  const serverOptions: ServerOptions =
    process.platform === "win32"
      ? // npm puts `charter.cmd` on PATH, which Node starts only through a shell.
        { command: /\s/.test(command) ? `"${command}"` : command, args: ["lsp", "--stdio"], options: { shell: true } }
      : { command, args: ["lsp", "--stdio"] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "charter" }],
    synchronize: {
      // A charter set spans files: the server hears of .charter files changed outside the editor,
      // and of charter.yaml (lint rule levels and ignores) changing.
      fileEvents: [workspace.createFileSystemWatcher("**/*.charter"), workspace.createFileSystemWatcher("**/charter.yaml")],
    },
  };
  return new LanguageClient("charter", "Charter Language Server", serverOptions, clientOptions);
}

async function start(): Promise<void> {
  const c = createClient();
  client = c;
  try {
    await c.start();
  } catch (err) {
    const command = workspace.getConfiguration("charter").get<string>("path") || "charter";
    const message = err instanceof Error ? err.message : String(err);
    void window.showErrorMessage(
      `Could not start the charter language server (\`${command} lsp --stdio\`): ${message}. ` +
        "Put the charter CLI on PATH or set `charter.path`.",
    );
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c?.isRunning()) await c.stop();
}

export async function activate(context: ExtensionContext): Promise<void> {
  context.subscriptions.push(
    commands.registerCommand("charter.restartServer", async () => {
      await stop();
      await start();
    }),
    workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("charter.path")) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}
