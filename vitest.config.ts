import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// Unit tests run the TypeScript sources directly; end-to-end tests run the built CLI in dist/.
export default defineConfig({
  resolve: {
    alias: {
      "@charter/lang": fileURLToPath(new URL("./packages/lang/src/index.ts", import.meta.url)),
      "@charter/engine": fileURLToPath(new URL("./packages/engine/src/index.ts", import.meta.url)),
    },
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60000,
    // In CI a JSON report as well, from which .ci/run prints the plain "N passed, N failed" line.
    reporters: process.env["CI"] ? ["default", "json"] : ["default"],
    outputFile: { json: ".ci-vitest.json" },
  },
});
