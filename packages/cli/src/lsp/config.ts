// Lint settings for a charter set in the editor: the nearest charter.yaml from the set's folder up
// to the workspace root, as `charter lint` reads ./charter.yaml from where it runs.
import { existsSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { defaultConfig, ignorer, loadConfig, type LintConfig } from "@charter/engine";

export interface SetConfig {
  config: LintConfig;
  /** Whether the config drops findings in `file` (globs are relative to the config's folder). */
  ignored: (file: string) => boolean;
  problems: string[];
}

function within(dir: string, root: string): boolean {
  const rel = relative(root, dir);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep));
}

export function findConfig(folder: string, root: string | undefined): string | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    const candidate = join(dir, "charter.yaml");
    if (existsSync(candidate)) return candidate;
    if (root === undefined || !within(dir, root) || dir === root || dirname(dir) === dir) return undefined;
  }
}

export function readSetConfig(folder: string, root: string | undefined): SetConfig {
  const file = findConfig(folder, root);
  if (!file) return { config: defaultConfig(), ignored: () => false, problems: [] };
  const { config, diagnostics } = loadConfig(file);
  const base = dirname(file);
  const match = ignorer(config);
  return {
    config,
    ignored: (f) => match(relative(base, f).split(sep).join("/")),
    problems: diagnostics.map((d) => `${file}${d.span ? `:${d.span.line}:${d.span.column}` : ""}: ${d.message}`),
  };
}
