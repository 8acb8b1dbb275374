// Bundle the CLI for start-up time: one module graph per command instead of ~150 files to resolve and
// load (ajv alone is dozens). Commands stay lazily loaded: esbuild splits each dynamic import into a chunk.
// The ohm grammar is bundled separately with ohm itself, because parse.ts require()s it only on a
// syntax error, relative to the running module.
import { build } from "esbuild";
import { rmSync } from "node:fs";

const outdir = "packages/cli/bundle";
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: ["packages/cli/dist/main.js"],
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outdir,
  logLevel: "warning",
  // CommonJS dependencies (ajv, commander's helpers) call require(); give ESM chunks one.
  banner: { js: "import { createRequire as __charterRequire } from 'node:module'; const require = __charterRequire(import.meta.url);" },
});
await build({
  entryPoints: ["packages/lang/dist/syntax/charter.ohm-bundle.cjs"],
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  outfile: `${outdir}/charter.ohm-bundle.cjs`,
  logLevel: "warning",
});
