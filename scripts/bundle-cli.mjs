// Bundle the CLI for start-up time: a few files per command line instead of ~150 modules to resolve and
// load (ajv alone is dozens), compiled from V8's code cache (see packages/cli/src/bin.ts):
//   bundle/main.js         the bin: runs cli.cjs, then the command's file, through vm.Script with their caches
//   bundle/cli.cjs         commander and main.ts
//   bundle/<command>.cjs   each command with what it uses (CommonJS: Node 20 caches no ES module code)
//   bundle/*.cjs.cache     V8's code caches, written by sample runs at the end of the build
//   bundle/server.cjs      the language server, loaded by `charter lsp` (and run as its lint worker)
//   bundle/charter.ohm-bundle.cjs  the ohm grammar, which parse.ts require()s only on a syntax error
//   bundle/package.json    makes every .js file here CommonJS
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const outdir = "packages/cli/bundle";
// Minified: less source to read and keep in memory (the code cache needs the source too). Names of
// functions and classes go; nothing here prints them (commander's error class sets its `name` from its
// constructor, and main.ts tells its errors apart by instanceof).
const common = { bundle: true, platform: "node", target: "node20", logLevel: "warning", minify: true };
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

// Every file here is CommonJS, the bin too: Node's ES module loader alone (its set-up, and a facade per
// builtin module imported) took ≈ 10 ms of each start.
writeFileSync(`${outdir}/package.json`, `${JSON.stringify({ type: "commonjs" })}\n`);
// ajv's version goes into the bundle: `charter query` keeps ajv's generated validators between runs
// and uses one only if the same ajv generated it (packages/cli/src/validator-cache.ts).
const ajvVersion = JSON.parse(readFileSync(createRequire(new URL("../packages/engine/package.json", import.meta.url)).resolve("ajv/package.json"), "utf8")).version;
const moduleUrl = {
  // The bin, the grammar loader and the lint worker locate files from their own module's URL.
  define: { "import.meta.url": "__charterModuleUrl", __CHARTER_AJV_VERSION__: JSON.stringify(ajvVersion) },
  banner: { js: 'var __charterModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
};
await build({ ...common, ...moduleUrl, entryPoints: ["packages/cli/dist/bin.js"], format: "cjs", outfile: `${outdir}/main.js` });

// One CommonJS file per module in commands/, so that a command reads and compiles only its own code;
// main.ts imports a command on use, which bin.ts runs from the file's code cache. The language server
// is a file of its own again: `charter lsp` loads it, and its lint worker runs it.
const commands = readdirSync("packages/cli/dist/commands").flatMap((f) => (f.endsWith(".js") ? [f.slice(0, -3)] : []));
// Modules of a dependency swapped for a file of ours (scripts/bundle/ says why for each): `id` as
// imported from inside package `pkg`.
const substitute = (id, pkg, file) => ({
  name: `substitute ${id}`,
  setup(b) {
    const inPkg = new RegExp(`[/\\\\]${pkg}[/\\\\]`);
    b.onResolve({ filter: new RegExp(`^${id}$`) }, (a) => (inPkg.test(a.importer) ? { path: fileURLToPath(new URL(file, import.meta.url)) } : undefined));
  },
});
// Modules the CLI imports on use, each in a file of its own: commands, the language server, and the
// engine's descriptor readings that only some runs need (`yaml` for a bad descriptor, ajv for a schema
// whose validator is not in charter's cache).
const engineApart = {
  "read-located": "packages/engine/dist/descriptor/read-located.js",
  "validator-code": "packages/engine/dist/descriptor/validator-code.js",
};
const apart = {
  name: "apart",
  setup(b) {
    const onUse = (a, name) => (a.kind === "dynamic-import" ? { path: `./${name}.cjs`, external: true } : undefined);
    b.onResolve({ filter: /^\.\/commands\/\w+\.js$|\/lsp\/server\.js$/ }, (a) => onUse(a, a.path.match(/(\w+)\.js$/)[1]));
    b.onResolve({ filter: /^@charter\/engine\/[\w-]+$/ }, (a) => {
      const name = a.path.slice("@charter/engine/".length);
      return name in engineApart ? onUse(a, name) : undefined;
    });
  },
};
await build({
  ...common,
  entryPoints: {
    cli: "packages/cli/dist/main.js",
    server: "packages/cli/dist/lsp/server.js",
    ...engineApart,
    ...Object.fromEntries(commands.map((c) => [c, `packages/cli/dist/commands/${c}.js`])),
  },
  outdir,
  format: "cjs",
  outExtension: { ".js": ".cjs" },
  plugins: [
    apart,
    substitute("node:child_process", "commander", "./bundle/lazy-child-process.cjs"),
    substitute("#supports-color", "chalk", "./bundle/no-supports-color.mjs"),
  ],
  // import() of another bundle file becomes a require(), which bin.ts answers from the code cache
  // (vm.Script, which runs the files, has no loader for a real import()).
  supported: { "dynamic-import": false },
  ...moduleUrl,
});
// main.ts starts with a `#!` line, which is no script syntax inside bin.ts's function wrapper (and cli.cjs
// is no command of its own).
const cli = `${outdir}/cli.cjs`;
writeFileSync(cli, readFileSync(cli, "utf8").replace(/^#![^\n]*\n/, ""));
chmodSync(cli, 0o644);

await build({
  ...common,
  entryPoints: ["packages/lang/dist/syntax/charter.ohm-bundle.cjs"],
  format: "cjs",
  outfile: `${outdir}/charter.ohm-bundle.cjs`,
  // ohm prints class names in some messages (`[Seq]`); it is read only on a syntax error anyway.
  minify: false,
});

// The code caches: each file's from a run of its command on the bundled model charter (cli.cjs's from
// the last run). The query runs share a fresh cache directory (not the user's): the first, with a bad
// descriptor, compiles the validator (validator-code.cjs) and locates the problem (read-located.cjs);
// the second, which writes query.cjs's cache, loads that validator, reads a valid descriptor and
// answers (the descriptor bench/coldstart.mjs times, too).
const cacheDir = mkdtempSync(join(tmpdir(), "charter-bundle-"));
const runs = [
  ["check", "charters/model"],
  ["fmt", "--check", "charters/model"],
  ["lint", "charters/model"],
  ["schema", "charters/model"],
  ["test", "charters/model"],
  ["query", "charters/model", "-d", "test/fixtures/deployments/bad/wrong-type.yaml"],
  ["query", "charters/model", "-d", "test/fixtures/deployments/acme-triage.yaml"],
];
for (const args of runs) {
  const r = spawnSync(process.execPath, [`${outdir}/main.js`, ...args], {
    encoding: "utf8",
    env: { ...process.env, CHARTER_WRITE_CODE_CACHE: "1", CHARTER_CACHE_DIR: cacheDir },
  });
  // Findings (exit 1) are fine here, and the bad descriptor's exit 2; a crash is a broken bundle.
  const expected = args.some((a) => a.includes("/bad/")) ? [2] : [0, 1];
  if (!expected.includes(r.status)) {
    process.stderr.write(`bundle-cli: \`charter ${args.join(" ")}\` for the code cache failed (exit ${r.status}):\n${r.stderr}`);
    process.exit(1);
  }
}
rmSync(cacheDir, { recursive: true, force: true });
