// `charter fmt` end to end, on copies in a temporary folder (never on the repository's files).
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { charter, root, tempDir } from "./run-cli.js";

const messy = `constitution   "Tiny"
layers{a<b}
  facts { x : bool   // a flag
  }
domains{ d { e,f } }
body  q "Q" { layer a covers x }
govern d.* when x
   approve q   because "why"
`;

function scratch(files: Record<string, string>): string {
  const dir = tempDir("fmt");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("charter fmt", () => {
  it("rewrites into the canonical layout, keeps the comment, and is idempotent", () => {
    const dir = scratch({ "c.charter": messy });
    const r = charter(["fmt", dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("formatted 1 file\n");
    const once = readFileSync(join(dir, "c.charter"), "utf8");
    // Blank lines between items are kept where the source has them (none here), as gofmt and prettier do.
    expect(once).toBe(`constitution "Tiny"

layers { a < b }
facts {
  x: bool  // a flag
}
domains {
  d { e, f }
}
body q "Q" {
  layer a
  covers x
}
govern d.* when x
  approve q
  because "why"
`);
    expect(charter(["fmt", dir]).stderr).toBe("");
    expect(readFileSync(join(dir, "c.charter"), "utf8")).toBe(once);
  });

  it("--check lists unformatted files, writes nothing, exits 1; exits 0 when all are formatted", () => {
    const dir = scratch({ "a.charter": messy, "b.charter": 'charter "B" by q\n' });
    const r = charter(["fmt", "--check", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${join(dir, "a.charter")}\n`);
    expect(readFileSync(join(dir, "a.charter"), "utf8")).toBe(messy);
    expect(charter(["fmt", "--check", "charters/ai-governance"]).code).toBe(0);
  });

  it("never touches a file that does not parse: reports it with a location, exit 2", () => {
    const broken = messy.replace("when x", "when x ==");
    const dir = scratch({ "bad.charter": broken, "good.charter": messy });
    const r = charter(["fmt", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.charter:\d+:\d+: error CH10\d\d: /);
    expect(readFileSync(join(dir, "bad.charter"), "utf8")).toBe(broken);
    // The file that parses is still formatted.
    expect(readFileSync(join(dir, "good.charter"), "utf8")).not.toBe(messy);
  });

  it("formats the spec's model set without changing its meaning (check stays clean)", () => {
    const dir = tempDir("fmt");
    cpSync(join(root, "charters/model"), dir, { recursive: true });
    expect(charter(["fmt", dir]).code).toBe(0);
    expect(charter(["check", dir]).code).toBe(0);
    expect(charter(["test", dir]).stdout).toContain("1 passed, 0 failed");
  });
});
