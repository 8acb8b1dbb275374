// Tokenise charter text with the VS Code extension's TextMate grammar, exactly as VS Code does
// (vscode-textmate on the Oniguruma WASM build), and print a reviewable "scope listing".
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import * as oniguruma from "vscode-oniguruma";
import * as vsctm from "vscode-textmate";

const require = createRequire(import.meta.url);

export const ROOT_SCOPE = "source.charter";
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const extensionDir = fileURLToPath(new URL("../../editors/vscode/", import.meta.url));
export const grammarPath = fileURLToPath(new URL("../../editors/vscode/syntaxes/charter.tmLanguage.json", import.meta.url));

export interface Token {
  text: string;
  /** Scopes outermost first, without the root `source.charter`. */
  scopes: string[];
}

let onigReady: Promise<void> | undefined;

/** loadWASM may run once per process. */
function loadOniguruma(): Promise<void> {
  onigReady ??= (async () => {
    const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  })();
  return onigReady;
}

let grammarReady: Promise<vsctm.IGrammar> | undefined;

/** The grammar, read from editors/vscode once per process. */
export function loadGrammar(): Promise<vsctm.IGrammar> {
  grammarReady ??= (async () => {
    await loadOniguruma();
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === ROOT_SCOPE ? vsctm.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath) : null,
    });
    const grammar = await registry.loadGrammar(ROOT_SCOPE);
    if (!grammar) throw new Error(`no grammar for ${ROOT_SCOPE} in ${grammarPath}`);
    return grammar;
  })();
  return grammarReady;
}

/** Tokens of each line; state carries across lines (block comments, blocks). */
export async function tokenize(text: string): Promise<Token[][]> {
  const grammar = await loadGrammar();
  let state = vsctm.INITIAL;
  const lines: Token[][] = [];
  for (const line of text.replace(/\r\n/g, "\n").split("\n")) {
    const r = grammar.tokenizeLine(line, state, 5000);
    if (r.stoppedEarly) throw new Error(`tokenising stopped early on: ${line}`);
    lines.push(
      r.tokens.map((t) => ({
        text: line.slice(t.startIndex, t.endIndex),
        scopes: t.scopes.filter((s) => s !== ROOT_SCOPE),
      })),
    );
    state = r.ruleStack;
  }
  return lines;
}

/**
 * The golden format: each source line as `N | text`, then one row per token that is not
 * whitespace: `    <text, trimmed> → <scopes, outermost first>` (`(none)` for plain text such as
 * identifiers outside any context). A trailing newline at the end of the file adds no line.
 */
export async function scopeListing(text: string): Promise<string> {
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  const lines = await tokenize(body);
  const src = body.replace(/\r\n/g, "\n").split("\n");
  const out: string[] = [];
  lines.forEach((tokens, i) => {
    out.push(`${i + 1} | ${src[i]}`.trimEnd());
    for (const t of tokens) {
      if (t.text.trim() === "") continue;
      out.push(`    ${t.text.trim()} → ${t.scopes.length ? t.scopes.join(" ") : "(none)"}`);
    }
  });
  return out.join("\n") + "\n";
}
