// Generate the grammar bundles: the ESM one for its TypeScript types (action-dict arity is checked at
// compile time), and a CommonJS one that parse.ts loads lazily with require() — only when the fast
// parser rejects a file — so the CLI does not pay for loading ohm on well-formed input.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ohm = join("node_modules", ".bin", "ohm");
execFileSync(ohm, ["generateBundles", "--withTypes", "--esm", "src/syntax/charter.ohm"], { stdio: "inherit" });
const tmp = mkdtempSync(join(tmpdir(), "charter-ohm-"));
copyFileSync("src/syntax/charter.ohm", join(tmp, "charter.ohm"));
execFileSync(ohm, ["generateBundles", join(tmp, "charter.ohm")], { stdio: "inherit" });
copyFileSync(join(tmp, "charter.ohm-bundle.js"), "src/syntax/charter.ohm-bundle.cjs");
rmSync(tmp, { recursive: true });
mkdirSync("dist/syntax", { recursive: true });
for (const f of ["charter.ohm-bundle.js", "charter.ohm-bundle.d.ts", "charter.ohm-bundle.cjs"]) copyFileSync(`src/syntax/${f}`, `dist/syntax/${f}`);
