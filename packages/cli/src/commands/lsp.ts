import type { ExitCode } from "../exit-codes.js";

export interface LspOptions {
  stdio: boolean;
}

/**
 * `charter lsp [--stdio]`: the language server, speaking LSP over standard input and output (the
 * one transport, so `--stdio` is accepted for the clients that always pass it). Never returns: the
 * server ends the process when the client sends `exit` or closes the stream.
 */
export async function runLsp(_opts: LspOptions): Promise<ExitCode> {
  const { startServer } = await import("../lsp/server.js");
  startServer(process.stdin, process.stdout);
  return new Promise<ExitCode>(() => {});
}
