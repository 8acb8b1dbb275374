// A fast first reading of descriptor files. The `yaml` library keeps every node's source range, which
// is what a located diagnostic needs, and it costs ≈ 200 µs a descriptor; js-yaml reads the same
// documents ten times faster but keeps no positions. So a batch is read by js-yaml first and validated;
// only when something is wrong (js-yaml refuses it, or a descriptor fails validation) is the file read
// again by `yaml` to find and locate every problem (read.ts). For that to be sound, js-yaml must give
// exactly the values `yaml` gives whenever it accepts a text:
// - scalars are resolved by YAML 1.2's core schema with the `yaml` library's own rules, in its order
//   (js-yaml's CORE_SCHEMA also reads `0b…` and keeps `1e400` a string; `yaml` does neither);
// - texts using what the two libraries treat differently are left to `yaml` without trying: anchors
//   and aliases (`&`, `*`), tags (`!`), explicit and collection keys (`?`, `]:` / `}:` — js-yaml turns
//   `[a]: 1` into key `a`), merge keys (`<<`), directives (`%YAML 1.1` changes `yaml`'s schema) and a
//   carriage return that is not part of CRLF (the two disagree on where such a line ends);
// - so are YAML texts whose flow collections or quoted scalars span lines, or with a `#` that does
//   not follow white space (`simpleLayout`).
// The tests are on characters, so a name that merely contains one of them also takes the slow path:
// slower, never different. test/reference/fast-load.test.ts checks the equivalence on generated
// descriptors in many styles and on random edits of the fixture files (which found the last two rules).
import { FAILSAFE_SCHEMA, Type, loadAll } from "js-yaml";

// yaml/dist/schema/core's tests, in its order.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** The `yaml` library's core schema as js-yaml types (same tests, same values). */
const CORE_AS_YAML = FAILSAFE_SCHEMA.extend({
  implicit: [
    new Type("tag:yaml.org,2002:null", { kind: "scalar", resolve: (s: string) => NULL.test(s), construct: () => null }),
    new Type("tag:yaml.org,2002:bool", { kind: "scalar", resolve: (s: string) => BOOL.test(s), construct: (s: string) => s[0] === "t" || s[0] === "T" }),
    // js-yaml keeps one implicit type per tag and kind: the three int forms and the three float forms
    // are each one type whose test tries them in `yaml`'s order.
    new Type("tag:yaml.org,2002:int", {
      kind: "scalar",
      resolve: (s: string) => INT_OCT.test(s) || INT.test(s) || INT_HEX.test(s),
      construct: (s: string) => (INT_OCT.test(s) ? parseInt(s.slice(2), 8) : INT_HEX.test(s) ? parseInt(s.slice(2), 16) : parseInt(s, 10)),
    }),
    new Type("tag:yaml.org,2002:float", {
      kind: "scalar",
      resolve: (s: string) => FLOAT_NAN.test(s) || FLOAT_EXP.test(s) || FLOAT.test(s),
      construct: (s: string) =>
        !FLOAT_NAN.test(s) ? parseFloat(s) : s.slice(-3).toLowerCase() === "nan" ? NaN : s[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
    }),
  ],
});

/** What the two libraries read differently (see the header); a text containing any of it is not tried. */
const DIFFERENT = /[&*!?]|<<|[\]}]\s*:|^%|\r(?!\n)/m;

/**
 * Whether every flow collection and quoted scalar of a YAML text closes on the line it opens on, and
 * every `#` follows white space. js-yaml accepts continuation lines that `yaml` rejects as
 * under-indented (`a: [1,\n2]`, `a: "x\ny"`), so a text where either spans lines is left to `yaml` —
 * unless it is JSON, which both read alike whatever its layout. A quote inside a plain scalar (`it's`)
 * counts as an opening one: such texts take the slow path, which is safe.
 */
function simpleLayout(text: string): boolean {
  let depth = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\n" || ch === "\r") {
      if (depth !== 0 || quote !== "") return false;
      continue;
    }
    if (quote === '"') {
      if (ch === "\\") i++;
      else if (ch === '"') quote = "";
    } else if (quote === "'") {
      if (ch === "'") {
        if (text[i + 1] === "'") i++;
        else quote = "";
      }
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "[" || ch === "{") depth++;
    else if (ch === "]" || ch === "}") depth--;
    else if (ch === "#") {
      // `[a]#` is a comment to js-yaml and an error to `yaml`; `a#b` is a plain scalar to both. Neither
      // is worth telling apart: only a `#` after white space or at a line start is read fast.
      if (i > 0 && text[i - 1] !== " " && text[i - 1] !== "\t" && text[i - 1] !== "\n" && text[i - 1] !== "\r") return false;
      while (i + 1 < text.length && text[i + 1] !== "\n" && text[i + 1] !== "\r") i++;
    }
  }
  return depth === 0 && quote === "";
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The descriptors of `text` as `yaml` would give them (each document; a top-level sequence's items), or
 * undefined when the text needs the `yaml` library: features the two read differently, or anything
 * js-yaml refuses (a syntax error, a duplicate key), which read.ts then reports with its location.
 */
export function fastLoad(text: string): unknown[] | undefined {
  if (DIFFERENT.test(text)) return undefined;
  // JSON (a YAML 1.2 document either library reads alike) is still read by js-yaml, for its duplicate-key check.
  if (!simpleLayout(text) && !isJson(text)) return undefined;
  let docs: unknown[];
  try {
    docs = loadAll(text, undefined, { schema: CORE_AS_YAML });
  } catch {
    return undefined;
  }
  const out: unknown[] = [];
  for (const d of docs) {
    // An empty document (which read.ts skips) and a `null` one (which it reports) both load as null here.
    if (d === null || d === undefined) return undefined;
    if (Array.isArray(d)) out.push(...d);
    else out.push(d);
  }
  return out;
}
