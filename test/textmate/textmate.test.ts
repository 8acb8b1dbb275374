// The VS Code extension's TextMate grammar (editors/vscode/syntaxes/charter.tmLanguage.json):
// golden scope listings for fixtures, every keyword highlighted, and the manifest wired to it.
// UPDATE_GOLDEN=1 rewrites the *.scopes.txt goldens; read the diff before committing it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { KEYWORDS } from "../../packages/lang/src/syntax/keywords.js";
import { parse } from "../../packages/lang/src/syntax/parse.js";
import { extensionDir, grammarPath, repoRoot, ROOT_SCOPE, scopeListing, tokenize } from "./tokenize.js";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
const charterFiles = readdirSync(fixtures).filter((f) => f.endsWith(".charter")).sort();
const update = process.env.UPDATE_GOLDEN === "1";

describe("TextMate grammar goldens", () => {
  it("has the fixtures the goldens are about", () => {
    expect(charterFiles).toEqual(expect.arrayContaining(["spec-bma.charter", "spec-constitution.charter", "tokens.charter"]));
  });

  it.each(charterFiles)("%s", async (file) => {
    const listing = await scopeListing(readFileSync(join(fixtures, file), "utf8"));
    const golden = join(fixtures, file.replace(/\.charter$/, ".scopes.txt"));
    if (update) writeFileSync(golden, listing);
    expect(existsSync(golden), `missing golden ${golden}; run with UPDATE_GOLDEN=1 and review it`).toBe(true);
    expect(listing).toBe(readFileSync(golden, "utf8"));
  });

  // Goldens of text that does not parse would bless highlighting of nonsense.
  it.each(charterFiles)("%s is valid charter (the deliberate invalid escape aside)", (file) => {
    const text = readFileSync(join(fixtures, file), "utf8").replace(/\\q/g, "\\n");
    expect(parse(text, file).diagnostics).toEqual([]);
  });
});

/** Repository-relative paths of the .charter files under `dir`, skipping dependencies and build output. */
function charterFilesUnder(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) return /^(node_modules|dist|out|\.git)$/.test(e.name) ? [] : charterFilesUnder(rel);
    return e.isFile() && e.name.endsWith(".charter") ? [rel] : [];
  });
}

/** Scopes of a one-line snippet as `text → scopes` rows (whitespace tokens dropped). */
async function rows(line: string): Promise<string[]> {
  const [tokens] = await tokenize(line);
  return tokens!.filter((t) => t.text.trim() !== "").map((t) => `${t.text.trim()} → ${t.scopes.join(" ") || "(none)"}`);
}

/** The scope a keyword gets standing alone, by the category the grammar gives it. */
const KEYWORD_SCOPE: Record<string, string> = {
  ...Object.fromEntries(
    ["constitution", "charter", "layers", "enum", "facts", "domains", "body", "example"].map((k) => [k, "keyword.declaration.charter"]),
  ),
  ...Object.fromEntries(
    ["delegate", "govern", "escalate", "prohibit", "exempt", "joint", "precedence", "guardrail"].map((k) => [k, "keyword.control.clause.charter"]),
  ),
  ...Object.fromEntries(
    ["by", "layer", "covers", "competence", "when", "to", "approve", "notify", "effective", "until", "because", "on", "over", "require",
      "approvers", "deploy", "with", "at", "expect", "verdict", "escalation", "none"].map((k) => [k, "keyword.other.charter"]),
  ),
  ...Object.fromEntries(["and", "or", "not", "in", "contains"].map((k) => [k, "keyword.operator.logical.charter"])),
  ...Object.fromEntries(["bool", "number", "int", "set", "of"].map((k) => [k, "storage.type.charter"])),
  count: "support.function.charter",
  true: "constant.language.boolean.charter",
  false: "constant.language.boolean.charter",
};

describe("keywords", () => {
  const keywords = [...KEYWORDS].sort();

  it.each(keywords)("`%s` alone is one token with a keyword, storage, constant or support scope", async (kw) => {
    const [tokens] = await tokenize(kw);
    expect(tokens).toHaveLength(1);
    expect(tokens![0]!.text).toBe(kw);
    const scope = tokens![0]!.scopes.at(-1) ?? "";
    expect(scope).toMatch(/^(keyword|storage|constant|support)\./);
    expect(scope).toBe(KEYWORD_SCOPE[kw]);
  });

  it("the category table lists exactly the language's keywords", () => {
    expect(Object.keys(KEYWORD_SCOPE).sort()).toEqual(keywords);
  });

  it.each(keywords)("`%s` as a prefix, suffix or part of a name is not a keyword", async (kw) => {
    for (const name of [`${kw}_x`, `${kw}s`, `x_${kw}`, `${kw}2`].filter((n) => !KEYWORDS.has(n))) {
      const [tokens] = await tokenize(`  approve ${name}`);
      expect(tokens!.filter((t) => t.text.trim() !== "").map((t) => [t.text.trim(), t.scopes])).toEqual([
        ["approve", ["keyword.other.charter"]],
        [name, []],
      ]);
    }
  });
});

describe("contexts", () => {
  it("`exempt` is a verdict after `verdict` and a clause at the start of a rule", async () => {
    expect(await rows("  expect verdict exempt")).toEqual([
      "expect → keyword.other.charter",
      "verdict → keyword.other.charter",
      "exempt → constant.language.verdict.charter",
    ]);
    expect(await rows("exempt health.* when open_weights")).toEqual([
      "exempt → keyword.control.clause.charter",
      "health → entity.name.namespace.charter",
      ". → punctuation.accessor.charter",
      "* → keyword.operator.wildcard.charter",
      "when → keyword.other.charter",
      "open_weights → (none)",
    ]);
  });

  it("an unknown verdict is marked invalid", async () => {
    expect(await rows("expect verdict approved")).toEqual([
      "expect → keyword.other.charter",
      "verdict → keyword.other.charter",
      "approved → invalid.illegal.verdict.charter",
    ]);
  });

  it("a date wins over a number; numbers take signs, fractions and exponents", async () => {
    expect(await rows("at 2026-08-02")).toEqual(["at → keyword.other.charter", "2026-08-02 → constant.numeric.date.charter"]);
    for (const n of ["12", "-7", "1.5", "1e25", "3.2e-4", "1E+25"]) {
      expect(await rows(`when compute >= ${n}`)).toContain(`${n} → constant.numeric.charter`);
    }
    expect(await rows("when x_1e25 == 1")).toContain("x_1e25 → (none)");
  });

  it("`verdict` with no verdict after it ends at the next keyword", async () => {
    const lines = await tokenize("  expect verdict\n  expect approve bma");
    expect(lines[1]!.filter((t) => t.text.trim() !== "").map((t) => t.scopes.join(" ") || "(none)")).toEqual([
      "keyword.other.charter",
      "keyword.other.charter",
      "(none)",
    ]);
  });

  it("a string ends at the end of its line when unterminated", async () => {
    const lines = await tokenize('because "open\ngovern *');
    expect(lines[1]![0]).toEqual({ text: "govern", scopes: ["keyword.control.clause.charter"] });
  });
});

describe("every valid .charter file in the repository", () => {
  // Invariants rather than goldens, over whatever charter sets the repository holds.
  const files = charterFilesUnder("").sort();

  it("includes the showcase sets", () => {
    expect(files.filter((f) => f.startsWith("charters")).length).toBeGreaterThan(5);
  });

  it("has no invalid scope, every keyword highlighted and no name highlighted as a keyword", async () => {
    const problems: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(repoRoot, f), "utf8");
      if (parse(text, f).diagnostics.length > 0) continue; // broken on purpose (diagnostic cases)
      (await tokenize(text)).forEach((tokens, i) => {
        for (const t of tokens) {
          const at = `${f}:${i + 1} ${JSON.stringify(t.text.trim())} (${t.scopes.join(" ") || "none"})`;
          if (t.scopes.some((s) => s.startsWith("invalid."))) problems.push(`${at}: invalid scope`);
          if (t.scopes.some((s) => s.startsWith("comment.") || s.startsWith("string."))) continue;
          const last = t.scopes.at(-1) ?? "";
          if (last === "constant.language.verdict.charter") continue; // `expect verdict exempt`
          const highlighted = /^(keyword|storage|support|constant\.language\.boolean)\./.test(last);
          for (const w of t.text.match(/[a-z_][a-z0-9_]*/g) ?? []) {
            if (KEYWORDS.has(w) && !highlighted) problems.push(`${at}: keyword \`${w}\` not highlighted`);
            if (!KEYWORDS.has(w) && highlighted) problems.push(`${at}: name \`${w}\` highlighted as a keyword`);
          }
        }
      });
    }
    expect(problems).toEqual([]);
  });
});

describe("grammar source", () => {
  it("charter.tmLanguage.json is what charter.tmLanguage.mjs generates (run it after editing)", async () => {
    const source = await import("../../editors/vscode/syntaxes/charter.tmLanguage.mjs");
    expect(readFileSync(grammarPath, "utf8")).toBe(JSON.stringify(source.grammar, null, 2) + "\n");
    expect([...source.KEYWORDS].sort(), "the generator's keyword list is the language's").toEqual([...KEYWORDS].sort());
  });
});

describe("manifest", () => {
  const manifest = JSON.parse(readFileSync(join(extensionDir, "package.json"), "utf8")) as {
    name: string;
    main: string;
    activationEvents: string[];
    contributes: {
      languages: { id: string; extensions: string[]; configuration: string }[];
      grammars: { language: string; scopeName: string; path: string }[];
      configuration: { properties: Record<string, { default?: unknown }> };
    };
  };

  it("contributes the grammar at a path that exists, under the grammar's own scopeName", () => {
    expect(manifest.contributes.grammars).toHaveLength(1);
    const g = manifest.contributes.grammars[0]!;
    expect(g.language).toBe("charter");
    const path = join(extensionDir, g.path);
    expect(existsSync(path), path).toBe(true);
    expect(path).toBe(grammarPath);
    expect(g.scopeName).toBe(ROOT_SCOPE);
    expect((JSON.parse(readFileSync(path, "utf8")) as { scopeName: string }).scopeName).toBe(g.scopeName);
  });

  it("contributes the language with a configuration file that exists and parses", () => {
    const lang = manifest.contributes.languages.find((l) => l.id === "charter");
    expect(lang?.extensions).toEqual([".charter"]);
    const conf = join(extensionDir, lang!.configuration);
    expect(existsSync(conf), conf).toBe(true);
    const parsed = JSON.parse(readFileSync(conf, "utf8")) as { comments: unknown; wordPattern: string };
    expect(parsed.comments).toEqual({ lineComment: "//", blockComment: ["/*", "*/"] });
    const word = new RegExp(parsed.wordPattern, "g");
    expect("govern health.devices when compute >= 1e25 at 2026-08-02".match(word)).toEqual([
      "govern", "health.devices", "when", "compute", "1e25", "at", "2026-08-02",
    ]);
  });

  it("activates on charter files, starts from out/extension.js and has its settings", () => {
    expect(manifest.name).toBe("charter-vscode");
    expect(manifest.activationEvents).toContain("onLanguage:charter");
    expect(manifest.main).toBe("./out/extension.js");
    expect(manifest.contributes.configuration.properties["charter.path"]?.default).toBe("charter");
    expect(manifest.contributes.configuration.properties).toHaveProperty("charter.trace.server");
  });
});
