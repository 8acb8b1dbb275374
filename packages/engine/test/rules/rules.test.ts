// Per-rule fixtures, goldens and docs (biome tests/specs/<group>/<rule>/, eslint Makefile.js checkRuleFiles):
// each rule has `<name>/invalid/` that triggers it, with its rendered findings in `<name>/invalid.snap`,
// `<name>/valid/` that does not, and a page docs/rules/<name>.md whose examples are checked too.
// UPDATE_GOLDEN=1 rewrites the .snap files; read the diff before committing it, never bless blindly.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { WITNESSED_KINDS, witnessConfirms } from "../../../../test/witness.js";
import { analyse, compile, explain, query, readDescriptors, rules, type Finding, type Rule } from "../../src/index.js";
// The CLI's own text report, so the docs show byte for byte what `charter query` prints.
import { answerText } from "../../../cli/src/report/answer-text.js";
import { checkSources, lineMaps, loadCharterSet, messages, plainStyle, renderDiagnostic, type CheckedSet, type Pattern, type SourceText } from "../../../lang/src/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, "../../../..");
const docsDir = join(repoRoot, "docs/rules");
const update = process.env.UPDATE_GOLDEN === "1";
const slash = (p: string) => p.split(sep).join("/");

const SECTIONS = ["Summary", "Avoid", "Prefer", "Rationale", "Witness", "Options", "Exceptions"];

/** Findings worth keeping a fixture free of: info rules (unused-*) may fire alongside. */
const loud = (f: Finding) => f.severity === "error" || f.severity === "warning";

interface Linted {
  set: CheckedSet;
  findings: Finding[];
  maps: ReturnType<typeof lineMaps>;
  /** Rendered as `charter lint` shows them, with paths as seen from the repository root. */
  render(fs: Finding[]): string;
}

/** Load, check and lint a set from source texts; check diagnostics fail the test (a fixture must be clean). */
function lintSources(sources: SourceText[], label: string): Linted {
  const loaded = checkSources(sources);
  expect(loaded.diagnostics.map((d) => renderDiagnostic(d, lineMaps(sources), plainStyle)), `${label} checks cleanly`).toEqual([]);
  expect(loaded.set, `${label} has a checked set`).toBeDefined();
  const maps = lineMaps(loaded.sources);
  return {
    set: loaded.set!,
    findings: analyse(loaded.set!),
    maps,
    render: (fs) => fs.map((f) => renderDiagnostic(f, maps, plainStyle) + (f.witness ? `\n  witness: ${JSON.stringify(f.witness)}` : "")).join("\n\n") + "\n",
  };
}

/** A fixture folder, loaded from disk as the CLI would, paths rewritten to start at the repository root. */
function lintFolder(dir: string): Linted {
  const fromCwd = slash(relative(process.cwd(), dir));
  const fromRoot = slash(relative(repoRoot, dir));
  const loaded = loadCharterSet([fromCwd]);
  expect(loaded.inputError, `${fromRoot} is readable`).toBe(false);
  const sources = loaded.sources.map((s) => ({ file: s.file.split(fromCwd + "/").join(fromRoot + "/"), text: s.text }));
  return lintSources(sources, fromRoot);
}

const of = (rule: Rule) => (f: Finding) => f.code === rule.meta.code;

describe("rule fixtures", () => {
  describe.each(rules.map((r) => [r.meta.name, r] as const))("%s", (name, rule) => {
    const dir = join(here, name);
    const snapFile = join(dir, "invalid.snap");

    it("invalid/ triggers the rule as invalid.snap records", () => {
      const linted = lintFolder(join(dir, "invalid"));
      const mine = linted.findings.filter(of(rule));
      expect(mine.length, `${name}/invalid triggers ${rule.meta.code}`).toBeGreaterThan(0);
      const output = linted.render(mine);
      if (update || !existsSync(snapFile)) writeFileSync(snapFile, output);
      expect(output).toBe(readFileSync(snapFile, "utf8"));
    });

    it("invalid/ triggers no other error or warning", () => {
      const linted = lintFolder(join(dir, "invalid"));
      const others = linted.findings.filter((f) => !of(rule)(f) && loud(f));
      expect(linted.render(others)).toBe("\n");
    });

    it("valid/ does not trigger it, nor any other error or warning", () => {
      const linted = lintFolder(join(dir, "valid"));
      expect(linted.render(linted.findings.filter((f) => of(rule)(f) || loud(f)))).toBe("\n");
    });

    it("gives witnesses that `charter query` answers as the finding says", () => {
      const linted = lintFolder(join(dir, "invalid"));
      const check = WITNESSED_KINDS.has(rule.meta.kind);
      for (const f of linted.findings.filter(of(rule))) {
        if (!check) {
          expect(f.witness, `${name} findings carry no witness`).toBeUndefined();
          continue;
        }
        // A clause that can never apply has no deployment to show; every other finding has one.
        if (f.message.includes("can never apply") || f.message.includes("constrains nothing") || f.message.includes("delegates nothing")) {
          expect(f.witness).toBeUndefined();
          continue;
        }
        expect(f.witness, `${name} findings carry a witness`).toBeDefined();
        const answer = query(compile(linted.set), f.witness!);
        const shown = witnessConfirms(linted.set, { kind: f.kind, message: f.message, file: f.span!.file, line: f.span!.line, column: f.span!.column, witness: f.witness! }, answer);
        expect(shown, `${f.message}\nwitness ${JSON.stringify(f.witness)}\nanswer ${JSON.stringify(answer)}`).toBe(true);
      }
    });
  });
});

// ---- eslint's checkRuleFiles: a rule, its docs page and its fixtures land together ----

function docPage(name: string): string {
  return readFileSync(join(docsDir, `${name}.md`), "utf8");
}

/** The `## Heading` sections of a page, in order, with their bodies. */
function sections(md: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of md.split(/^## /m).slice(1)) {
    const nl = part.indexOf("\n");
    out.set(part.slice(0, nl).trim(), part.slice(nl + 1));
  }
  return out;
}

/** The ```charter blocks of a section, each a file named for its header (constitution.charter, <body>.charter). */
function snippets(body: string, page: string): SourceText[] {
  return [...body.matchAll(/^```charter\n([\s\S]*?)^```$/gm)].map((m) => {
    const text = m[1]!;
    const by = /^\s*charter\s+"(?:[^"\\]|\\.)*"\s+by\s+([a-z_][a-z0-9_]*)/.exec(text);
    const file = by ? `${by[1]}.charter` : /^\s*constitution\s/.test(text) ? "constitution.charter" : undefined;
    expect(file, `${page}: a snippet starts with \`constitution\` or \`charter … by\``).toBeDefined();
    return { file: file!, text };
  });
}

describe("rule files (docs page + fixtures per registered rule)", () => {
  const names = rules.map((r) => r.meta.name);

  it("has no fixture folder or docs page without a registered rule", () => {
    const folders = readdirSync(here, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !names.includes(f))).toEqual([]);
    const pages = readdirSync(docsDir).filter((f) => f.endsWith(".md") && f !== "README.md").map((f) => f.slice(0, -3));
    expect(pages.filter((p) => !names.includes(p))).toEqual([]);
  });

  describe.each(rules.map((r) => [r.meta.name, r] as const))("%s", (name, rule) => {
    it("has valid/ and invalid/ fixtures with .charter files, and invalid.snap", () => {
      for (const v of ["valid", "invalid"]) {
        const d = join(here, name, v);
        expect(existsSync(d), `${name}/${v}/ exists`).toBe(true);
        expect(readdirSync(d).some((f) => f.endsWith(".charter")), `${name}/${v}/ holds .charter files`).toBe(true);
      }
      if (!update) expect(existsSync(join(here, name, "invalid.snap")), `${name}/invalid.snap exists`).toBe(true);
    });

    it(`has docs/rules/${name}.md with its title and the seven sections in order`, () => {
      expect(existsSync(join(docsDir, `${name}.md`)), `docs/rules/${name}.md exists`).toBe(true);
      const md = docPage(name);
      expect(md.split("\n")[0]).toBe(`# ${name} (${rule.meta.code})`);
      expect([...sections(md).keys()]).toEqual(SECTIONS);
      for (const [title, body] of sections(md)) expect(body.trim().length, `${name}: ${title} is not empty`).toBeGreaterThan(0);
    });

    it("states the default level of the code table and how to change it", () => {
      const options = sections(docPage(name)).get("Options")!;
      expect(options).toContain(`\`${messages[rule.meta.code].severity}\``);
      expect(options).toContain("charter.yaml");
      expect(options).toContain(`${name}:`);
    });

    it("shows an Avoid example that triggers the rule, as the fixture does, and a Prefer example that does not", () => {
      const s = sections(docPage(name));
      const avoid = snippets(s.get("Avoid")!, name);
      expect(avoid.some((f) => f.file === "constitution.charter"), `${name}: Avoid shows a constitution`).toBe(true);
      const bad = lintSources(avoid, `${name}.md Avoid`);
      const mine = bad.findings.filter(of(rule));
      expect(mine.length, `${name}.md: Avoid triggers ${rule.meta.code}`).toBeGreaterThan(0);
      expect(bad.render(bad.findings.filter((f) => !of(rule)(f) && loud(f))), `${name}.md: Avoid triggers nothing else loud`).toBe("\n");
      // The page shows what lint prints for it: the rule's findings, rendered, without the witness lines.
      const shown = /^```text\n([\s\S]*?)^```$/m.exec(s.get("Avoid")!);
      expect(shown, `${name}.md: Avoid shows the findings in a \`\`\`text block`).not.toBeNull();
      expect(shown![1]).toBe(mine.map((f) => renderDiagnostic(f, bad.maps, plainStyle)).join("\n\n") + "\n");
      // The Witness section queries the fixture, so the page's example must be the fixture's problem.
      const fixture = lintFolder(join(here, name, "invalid")).findings.filter(of(rule));
      const gist = (fs: Finding[]) => fs.map((f) => ({ message: f.message, witness: f.witness }));
      expect(gist(mine)).toEqual(gist(fixture));

      // Prefer may show only the files it changes; the others are Avoid's.
      const prefer = snippets(s.get("Prefer")!, name);
      expect(prefer.length, `${name}: Prefer shows at least one file`).toBeGreaterThan(0);
      const merged = [...avoid.filter((a) => !prefer.some((p) => p.file === a.file)), ...prefer];
      const good = lintSources(merged, `${name}.md Prefer`);
      expect(good.render(good.findings.filter((f) => of(rule)(f) || loud(f)))).toBe("\n");
    });
  });

  describe.each(rules.map((r) => [r.meta.name, r] as const))("%s Witness section", (name, rule) => {
    const fixtureDir = `packages/engine/test/rules/${name}/invalid`;
    const witness = () => sections(docPage(name)).get("Witness")!;

    it("shows the fixture's witness, if the rule gives one", () => {
      const json = /^```json\n([\s\S]*?)^```$/m.exec(witness());
      const first = lintFolder(join(here, name, "invalid")).findings.find(of(rule));
      expect(json?.[1] === undefined ? undefined : JSON.parse(json[1])).toEqual(first?.witness);
    });

    it("replays a deployment with `charter query` and shows what it prints", () => {
      const body = witness();
      const sh = /^```sh\n([\s\S]*?)^```$/m.exec(body);
      expect(sh, `${name}.md: Witness has a \`\`\`sh block`).not.toBeNull();
      const heredoc = /^cat > (\S+) <<'YAML'\n([\s\S]*?)^YAML$/m.exec(sh![1]!);
      const command = /^charter query (\S+) --deployment (\S+)( --explain)?$/m.exec(sh![1]!);
      expect(heredoc && command, `${name}.md: a descriptor and a \`charter query\` of it`).toBeTruthy();
      expect(command![1]).toBe(fixtureDir);
      expect(command![2]).toBe(heredoc![1]);
      const printed = /^```text\n([\s\S]*?)^```$/m.exec(body.slice(sh!.index + sh![0].length));
      expect(printed, `${name}.md: the query's output follows in a \`\`\`text block`).not.toBeNull();

      const { set } = lintFolder(join(here, name, "invalid"));
      const read = readDescriptors(set, heredoc![2]!, heredoc![1]!);
      expect(read.diagnostics.map((d) => d.message)).toEqual([]);
      const d = read.deployments[0]!;
      const compiled = compile(set);
      const texts = new Map(set.files.map((f) => [f.file, readFileSync(join(repoRoot, f.file), "utf8")]));
      const trace = command![3] ? explain(compiled, d, (file, a, b) => texts.get(file)?.slice(a, b) ?? "") : undefined;
      // As the CLI prints it (packages/cli/src/commands/query.ts, text format).
      expect(answerText(query(compiled, d), set.layers.map((l) => l.name), plainStyle, trace)).toBe(printed![1]);
    });
  });

  it("lists every rule in docs/rules/README.md with its code and default level", () => {
    const readme = readFileSync(join(docsDir, "README.md"), "utf8");
    for (const r of rules) {
      const row = readme.split("\n").find((l) => l.startsWith(`| ${r.meta.code} `));
      expect(row, `a row for ${r.meta.code}`).toBeDefined();
      expect(row).toContain(`[${r.meta.name}](${r.meta.name}.md)`);
      expect(row).toContain(`\`${messages[r.meta.code].severity}\``);
    }
  });
});
