// tsc does not copy the generated ohm bundle; dist/ needs it next to the compiled parser.
import { copyFileSync, mkdirSync } from "node:fs";
mkdirSync("dist/syntax", { recursive: true });
for (const f of ["charter.ohm-bundle.js", "charter.ohm-bundle.d.ts"]) {
  copyFileSync(`src/syntax/${f}`, `dist/syntax/${f}`);
}
