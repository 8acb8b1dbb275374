// Golden files, idempotence and comment preservation for `format`. The expected outputs in
// golden/*.formatted.charter were reviewed by hand, not blessed from the formatter's output.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { format, printFile, scanComments } from "../../src/format/index.js";
import { parse } from "../../src/syntax/parse.js";
import { stripSpans } from "../../src/ast/strip-spans.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const goldenDir = join(here, "golden");
const repo = join(here, "../../../..");
const read = (p: string): string => readFileSync(p, "utf8");

const goldenInputs = readdirSync(goldenDir)
  .filter((f) => f.endsWith(".charter") && !f.endsWith(".formatted.charter"))
  .sort();
const goldenOutputs = readdirSync(goldenDir)
  .filter((f) => f.endsWith(".formatted.charter"))
  .sort();
// Every example set's files that parse (a set of deliberately unparsable files may join them).
const charterFiles = (readdirSync(join(repo, "charters"), { recursive: true }) as string[])
  .filter((f) => f.endsWith(".charter"))
  .map((f) => join(repo, "charters", f))
  .filter((p) => parse(read(p), p).ast !== undefined)
  .sort();

function formatted(text: string, file: string): string {
  const r = format(text, file);
  expect(r.diagnostics).toEqual([]);
  expect(r.output).toBeDefined();
  return r.output!;
}

describe("golden files", () => {
  test("there are at least 8 golden pairs", () => {
    expect(goldenInputs.length).toBeGreaterThanOrEqual(8);
  });
  test.each(goldenInputs)("%s formats to its .formatted.charter", (name) => {
    const expected = read(join(goldenDir, name.replace(/\.charter$/, ".formatted.charter")));
    expect(formatted(read(join(goldenDir, name)), name)).toBe(expected);
  });
  test("the brief's body charter (charters/model/bma.charter) is already formatted", () => {
    const text = read(join(repo, "charters/model/bma.charter"));
    expect(formatted(text, "bma.charter")).toBe(text);
  });
  test("the brief's constitution differs only in the spacing before trailing comments", () => {
    const text = read(join(repo, "charters/model/constitution.charter"));
    const out = formatted(text, "constitution.charter");
    expect(out).toBe(read(join(goldenDir, "model-constitution.formatted.charter")));
    const squeeze = (s: string): string => s.replace(/ +\/\//g, " //");
    expect(squeeze(out)).toBe(squeeze(text));
  });
});

describe("idempotence: format(format(x)) == format(x)", () => {
  const inputs = [
    ...goldenInputs.map((f) => join(goldenDir, f)),
    ...goldenOutputs.map((f) => join(goldenDir, f)),
    ...charterFiles,
  ];
  test.each(inputs.map((p) => [p.slice(repo.length + 1), p]))("%s", (_name, path) => {
    const once = formatted(read(path), path);
    expect(formatted(once, path)).toBe(once);
  });
  test("expected outputs are fixed points", () => {
    for (const f of goldenOutputs) {
      const text = read(join(goldenDir, f));
      expect(formatted(text, f), f).toBe(text);
    }
  });
});

describe("comments", () => {
  const inputs = [...goldenInputs.map((f) => join(goldenDir, f)), ...charterFiles];
  test.each(inputs.map((p) => [p.slice(repo.length + 1), p]))("no comment is lost in %s", (_name, path) => {
    const text = read(path);
    const out = formatted(text, path);
    const texts = (s: string): string[] => scanComments(s).map((c) => c.text.trimEnd());
    expect(texts(out).sort()).toEqual(texts(text).sort());
  });

  test("the scanner skips strings, with their escapes", () => {
    const text = 'constitution "a // not \\" /* not */" // yes\n  /* block\n over lines */ x // two\n';
    const cs = scanComments(text);
    expect(cs.map((c) => c.text)).toEqual(["// yes", "/* block\n over lines */", "// two"]);
    expect(cs.map((c) => [c.line, c.ownLine])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    for (const c of cs) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  test("a comment inside a condition moves to the end of its line", () => {
    const out = formatted('constitution "c"\nprohibit * when a /* x */ or\n b\n', "c.charter");
    expect(out).toBe('constitution "c"\n\nprohibit * when a or b  /* x */\n');
  });

  test("an own-line comment inside a condition moves before its line", () => {
    const out = formatted('constitution "c"\nprohibit * when a or\n // x\n b\n', "c.charter");
    expect(out).toBe('constitution "c"\n\n// x\nprohibit * when a or b\n');
  });

  test("of several line comments on one printed line only the last trails", () => {
    const out = formatted('constitution "c"\nprohibit * when a // x\n or b // y\n', "c.charter");
    expect(out).toBe('constitution "c"\n\n// x\nprohibit * when a or b  // y\n');
  });

  test("an empty block that holds a comment keeps its two lines", () => {
    const out = formatted('constitution "c"\nfacts { /* later */ }\ndomains {\n// none\n}\n', "c.charter");
    expect(out).toBe('constitution "c"\n\nfacts {  /* later */\n}\ndomains {\n  // none\n}\n');
  });
});

describe("layout details", () => {
  test("CRLF line ends and tabs become LF and spaces; blank-line runs collapse", () => {
    const text = 'constitution "x"\r\n\r\n\r\nlayers {\ta < b }\r\n// c   \r\n\r\n\r\nprohibit *\twhen a   \r\n';
    expect(formatted(text, "x.charter")).toBe('constitution "x"\n\nlayers { a < b }\n// c\n\nprohibit * when a\n');
  });

  test("the output ends with exactly one newline", () => {
    expect(formatted('constitution "x"', "x.charter")).toBe('constitution "x"\n');
    expect(formatted('constitution "x"\n\n\n\n', "x.charter")).toBe('constitution "x"\n');
    expect(formatted('constitution "x" // c', "x.charter")).toBe('constitution "x"  // c\n');
  });

  test("tails and body properties come out in canonical order", () => {
    const text = 'constitution "x"\nbody b { competence a covers c layer l }\nprohibit * because "w" until 2027-01-01 effective 2026-01-01\n';
    expect(formatted(text, "x.charter")).toBe(
      'constitution "x"\n\nbody b {\n  layer l\n  covers c\n  competence a\n}\nprohibit *\n  effective 2026-01-01\n  until 2027-01-01\n  because "w"\n',
    );
  });

  test("huge integers in int ranges and requirements print as integers", () => {
    const text = 'constitution "x"\nfacts { n: int -1..100000000000000000000000 }\nguardrail "g" require 3000000000000000000000 layers\n';
    const out = formatted(text, "x.charter");
    expect(out).toContain("int -1..99999999999999991611392");
    expect(out).toContain("require 3000000000000000000000 layers");
  });

  test("a file that does not parse gets its syntax diagnostic and no output", () => {
    const r = format('constitution "x"\nprohibit * when\n', "bad.charter");
    expect(r.output).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(["CH1001"]);
  });

  test("printFile without a source separates items by blank lines and drops comments", () => {
    const ast = parse('constitution "x" // c\nlayers { a < b }\nprohibit * when a\n', "x.charter").ast!;
    const out = printFile(ast);
    expect(out).toBe('constitution "x"\n\nlayers { a < b }\n\nprohibit * when a\n');
    expect(stripSpans(parse(out, "x.charter").ast)).toEqual(stripSpans(ast));
  });
});
