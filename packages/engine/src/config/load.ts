// charter.yaml: a level per rule (off | info | warning | error) and files whose findings are ignored.
import { existsSync, readFileSync } from "node:fs";
import { parseDocument, isMap, isScalar, type Node as YamlNode } from "yaml";
import picomatch from "picomatch";
import { LineMap, diagnostic, suggestion, type Diagnostic } from "@charter/lang";
import { rules } from "../analysis/registry.js";
import type { Level } from "../analysis/rule.js";

export interface LintConfig {
  /** Level per rule name or code. */
  levels: Record<string, Level>;
  /** Globs (relative to the working directory) of files whose findings are dropped. */
  ignore: string[];
  /** Base of each rule's `helpUri` in SARIF; the page is `<base><name>.md`. */
  helpBaseUri: string;
  /** The config file, when one was read. */
  file?: string;
}

export const DEFAULT_HELP_BASE = "https://charter-policy.dev/docs/rules/";
const LEVELS = ["off", "info", "warning", "error"];

export function defaultConfig(): LintConfig {
  return { levels: {}, ignore: [], helpBaseUri: DEFAULT_HELP_BASE };
}

/** Read `file` (or ./charter.yaml when present). Problems are CH5111 diagnostics located in the file. */
export function loadConfig(file: string | undefined): { config: LintConfig; diagnostics: Diagnostic[]; text?: string } {
  const path = file ?? (existsSync("charter.yaml") ? "charter.yaml" : undefined);
  const config = defaultConfig();
  if (!path) return { config, diagnostics: [] };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return { config, diagnostics: [diagnostic("CH5001", undefined, [path, "no such file"])] };
  }
  config.file = path;
  const lines = new LineMap(path, text);
  const out: Diagnostic[] = [];
  const at = (n: YamlNode | null | undefined) => (n?.range ? lines.span(n.range[0], n.range[1]) : lines.span(0, 0));
  const doc = parseDocument(text);
  for (const e of doc.errors) out.push(diagnostic("CH5111", lines.span(e.pos[0], e.pos[1]), [e.message.split("\n")[0]!, "charter.yaml is YAML: `rules:` and `ignore:`"]));
  if (out.length) return { config, diagnostics: out, text };
  const root = doc.contents;
  if (root === null) return { config, diagnostics: out, text };
  if (!isMap(root)) return { config, diagnostics: [diagnostic("CH5111", at(root as YamlNode), ["the config must be a mapping", "e.g. `rules: { gap: error }`"])], text };
  const names = new Map<string, string>();
  for (const r of rules) {
    names.set(r.meta.name, r.meta.name);
    names.set(r.meta.code, r.meta.name);
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    const value = pair.value as YamlNode | null;
    if (key === "rules") {
      if (!isMap(value)) {
        out.push(diagnostic("CH5111", at(value ?? (pair.key as YamlNode)), ["`rules` must map rule names to levels", "e.g. `rules: { gap: error, unused-fact: off }`"]));
        continue;
      }
      for (const r of value.items) {
        const name = isScalar(r.key) ? String(r.key.value) : "";
        const level = isScalar(r.value) ? String(r.value.value) : "";
        if (!names.has(name)) out.push(diagnostic("CH5111", at(r.key as YamlNode), [`unknown rule \`${name}\``, suggestion(name, [...rules.map((x) => x.meta.name)], "rules")]));
        else if (!LEVELS.includes(level)) out.push(diagnostic("CH5111", at(r.value as YamlNode), [`\`${level}\` is not a level`, "levels: off, info, warning, error"]));
        else config.levels[names.get(name)!] = level as Level;
      }
    } else if (key === "ignore") {
      const items = value && "items" in value ? (value.items as YamlNode[]) : undefined;
      if (!items) out.push(diagnostic("CH5111", at(value ?? (pair.key as YamlNode)), ["`ignore` must be a list of globs", 'e.g. `ignore: ["charters/drafts/**"]`']));
      else for (const i of items) config.ignore.push(String(isScalar(i) ? i.value : ""));
    } else if (key === "helpBaseUri" && isScalar(value)) {
      config.helpBaseUri = String(value.value);
    } else {
      out.push(diagnostic("CH5111", at(pair.key as YamlNode), [`unknown key \`${key}\``, "the keys are `rules`, `ignore` and `helpBaseUri`"]));
    }
  }
  return { config, diagnostics: out, text };
}

/** A predicate for files whose findings the config ignores. */
export function ignorer(config: LintConfig): (file: string) => boolean {
  if (!config.ignore.length) return () => false;
  const match = picomatch(config.ignore, { dot: true });
  return (file) => match(file);
}
