// The fast descriptor reading (js-yaml, descriptor/fast-load.ts) must never change an answer: whatever
// it accepts, the located `yaml` reading accepts with the same deployments. Checked on descriptors
// written in many YAML and JSON styles — number and bool spellings, quoting, flow and block layouts,
// comments, CRLF, document markers, top-level sequences — some of them broken on purpose, and on every
// descriptor fixture in the repository.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDescriptors } from "../../packages/engine/src/descriptor/read.js";
import { readLocated } from "../../packages/engine/src/descriptor/read-located.js";
import { readValidDescriptors } from "../../packages/engine/src/descriptor/read-valid.js";
import { fastLoad } from "../../packages/engine/src/descriptor/fast-load.js";
import type { Deployment } from "../../packages/engine/src/query/answer.js";
import { loadCharterSet, type CheckedSet } from "../../packages/lang/src/index.js";
import { arbCharterSet, arbDeployment, checkedSet } from "../arbitraries/charter-set.js";

const SETS = 300;
const PER_SET = 6;
const EDIT_RUNS = 10000;

type Scalar = string | number | boolean;

/** Ways to write a number that YAML 1.2's core schema reads as that number, and some that it does not. */
function numberSpellings(n: number): string[] {
  const out = [String(n), n.toExponential(), n.toExponential().toUpperCase(), JSON.stringify(n)];
  if (n >= 0) out.push(`+${n}`);
  if (Number.isInteger(n) && n >= 0 && n < 2 ** 31) out.push(`0x${n.toString(16)}`, `0o${n.toString(8)}`, `${n}.0`, `${n}.`, `0${n}`);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) out.push(n.toFixed(0));
  if (Math.abs(n) >= 1e21) out.push(BigInt(n).toString());
  // Not numbers in YAML 1.2 (yaml reads a string, the schema then refuses it), or edge values.
  out.push(`${n}_0`, "0b11", "1e400", ".inf", "-.Inf", ".NaN", `'${n}'`, "~", "null");
  return out;
}

const boolSpellings = (b: boolean): string[] => (b ? ["true", "True", "TRUE", "yes", "on", '"true"'] : ["false", "False", "FALSE", "no", "off", "'false'"]);

function stringSpellings(s: string): string[] {
  return [s, `'${s}'`, JSON.stringify(s), `"${s.replace(/a/g, "\\x61")}"`, `${s} # a comment`, `!!str ${s}`, `&x ${s}`, `${s}\t`];
}

/** One scalar written some way chosen by `pick`. */
function scalar(v: Scalar, pick: (n: number) => number): string {
  const options = typeof v === "number" ? numberSpellings(v) : typeof v === "boolean" ? boolSpellings(v) : stringSpellings(v);
  // Mostly the plain spelling, so that most descriptors are valid and the fast path is really taken.
  return pick(4) === 0 ? options[pick(options.length)]! : options[0]!;
}

interface Style {
  pick: (n: number) => number;
}

/** Continuation-line indents: flow collections and quoted scalars split over lines (yaml rejects some). */
const BREAKS = ["\n", "\n ", "\n  ", "\n    ", "\n\t"];

function flowValue(v: Scalar | Scalar[], s: Style): string {
  if (!Array.isArray(v)) return scalar(v, s.pick).replace(/ # a comment$/, "");
  const sep = s.pick(6) === 0 ? `,${BREAKS[s.pick(BREAKS.length)]}` : ", ";
  return `[${v.map((x) => scalar(x, s.pick).replace(/ # a comment$/, "")).join(sep)}]`;
}

/** A string scalar, sometimes double- or single-quoted across two lines. */
function splitString(v: Scalar, s: Style): string | undefined {
  if (typeof v !== "string" || v.length < 2 || s.pick(8) !== 0) return undefined;
  const q = s.pick(2) ? '"' : "'";
  return `${q}${v.slice(0, 1)}${BREAKS[s.pick(BREAKS.length)]}${v.slice(1)}${q}`;
}

/** A descriptor as YAML text in a style chosen by `s`, indented by `indent`. */
function render(d: Deployment, s: Style, indent: string): string {
  const top: [string, Scalar | Scalar[] | Record<string, Scalar | Scalar[]>][] = [];
  if (d.name !== undefined) top.push(["name", d.name]);
  top.push(["domain", d.domain], ["at", d.at], ["facts", d.facts as Record<string, Scalar | Scalar[]>]);
  // Perturbations: a duplicate key, a missing or an extra key, an undeclared domain.
  const p = s.pick(20);
  if (p === 0) top.push(["domain", d.domain]);
  if (p === 1) top.splice(top.length - 1, 1);
  if (p === 2) top.push(["extra", 1]);
  if (p === 3) top[top.findIndex(([k]) => k === "domain")]![1] = `${d.domain}.undeclared`;
  const style = s.pick(4);
  if (style === 0) return indent + JSON.stringify(Object.fromEntries(top), null, s.pick(2) ? 2 : undefined).split("\n").join("\n" + indent);
  if (style === 1) {
    const inner = (o: Record<string, Scalar | Scalar[]>) => `{ ${Object.entries(o).map(([k, v]) => `${k}: ${flowValue(v, s)}`).join(", ")} }`;
    return indent + `{ ${top.map(([k, v]) => `${k}: ${typeof v === "object" && !Array.isArray(v) ? inner(v) : flowValue(v, s)}`).join(", ")} }`;
  }
  const lines: string[] = [];
  for (const [k, v] of top) {
    if (typeof v === "object" && !Array.isArray(v)) {
      if (style === 2) lines.push(`${k}: { ${Object.entries(v).map(([fk, fv]) => `${fk}: ${flowValue(fv, s)}`).join(", ")} }`);
      else {
        lines.push(`${k}:${s.pick(3) === 0 ? "   # the facts" : ""}`);
        for (const [fk, fv] of Object.entries(v)) {
          if (Array.isArray(fv) && fv.length > 0 && s.pick(2)) {
            lines.push(`  ${fk}:`);
            for (const x of fv) lines.push(`    - ${scalar(x, s.pick)}`);
          } else lines.push(`  ${fk}: ${Array.isArray(fv) ? flowValue(fv, s) : scalar(fv, s.pick)}`);
          if (s.pick(12) === 0) lines.push("");
        }
      }
    } else lines.push(`${k}: ${Array.isArray(v) ? flowValue(v, s) : (splitString(v, s) ?? scalar(v, s.pick))}`);
  }
  return lines.map((l, i) => (i === 0 || l === "" ? "" : indent) + l).join("\n");
}

/** A whole input: one descriptor, a stream of documents, or a top-level sequence; sometimes CRLF. */
function renderFile(ds: Deployment[], s: Style): string {
  const layout = s.pick(4);
  let text: string;
  if (layout === 0) text = render(ds[0]!, s, "");
  else if (layout === 1) text = (s.pick(2) ? "---\n" : "") + ds.map((d) => render(d, s, "")).join("\n---\n") + (s.pick(4) === 0 ? "\n..." : "");
  else if (layout === 2) text = ds.map((d) => "- " + render(d, s, "  ")).join("\n");
  else text = JSON.stringify(ds, null, s.pick(2) ? 2 : undefined);
  if (s.pick(5) === 0) text = "# descriptors\n" + text;
  if (s.pick(6) === 0) text = text.replace(/\n/g, "\r\n");
  if (s.pick(10) === 0) text = "%YAML 1.2\n---\n" + text;
  return text + (s.pick(3) ? "\n" : "");
}

const arbStyle: fc.Arbitrary<Style> = fc.array(fc.nat(), { minLength: 64, maxLength: 64 }).map((xs) => {
  let i = 0;
  return { pick: (n: number) => xs[i++ % xs.length]! % n };
});

/** How many inputs the fast reading took on its own (so that a test can tell it was used). */
let takenFast = 0;

/** The two readings agree: same deployments, same diagnostics; and what the fast one takes, it reads right. */
function agree(set: CheckedSet, text: string, file: string): number {
  const got = readDescriptors(set, text, file);
  const want = readLocated(set, text, file);
  expect(got.diagnostics.map((d) => d.code)).toEqual(want.diagnostics.map((d) => d.code));
  expect(got.deployments).toEqual(want.deployments);
  const valid = readValidDescriptors(set, text);
  if (valid) {
    takenFast++;
    expect(want.diagnostics).toEqual([]);
    expect(valid).toEqual(want.deployments);
  }
  return got.deployments.length;
}

describe("fast descriptor reading = located reading", () => {
  it(`same deployments and diagnostics on ${SETS * PER_SET} inputs in random YAML and JSON styles over ${SETS} random sets`, () => {
    let fast = 0;
    let total = 0;
    takenFast = 0;
    fc.assert(
      fc.property(
        // Only the sources and the texts are in the counterexample a failure prints, not the checked set.
        arbCharterSet().chain((src) => {
          const set = checkedSet(src.sources);
          const texts = fc.tuple(fc.array(arbDeployment(set), { minLength: 1, maxLength: 3 }), arbStyle).map(([ds, style]) => renderFile(ds, style));
          return fc.tuple(fc.constant(src.sources), fc.array(texts, { minLength: PER_SET, maxLength: PER_SET }));
        }),
        ([sources, texts]) => {
          const set = checkedSet(sources);
          for (const text of texts) {
            total++;
            if (fastLoad(text) !== undefined) fast++;
            agree(set, text, "d.yaml");
          }
        },
      ),
      { numRuns: SETS, seed: 20261130 },
    );
    // The comparison means something only if the fast path is taken often (and refused sometimes).
    expect(fast / total).toBeGreaterThan(0.4);
    expect(fast / total).toBeLessThan(0.95);
    // …and the fast reading answers a good share on its own (672 of 1,800 with this seed).
    expect(takenFast / total).toBeGreaterThan(0.25);
  });

  it("same on every descriptor fixture in the repository (good and bad)", () => {
    const root = join(import.meta.dirname, "../fixtures/deployments");
    const loaded = loadCharterSet([join(import.meta.dirname, "../../charters/model")]);
    const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(10);
    for (const e of files) {
      const path = join(e.parentPath, e.name);
      agree(loaded.set, readFileSync(path, "utf8"), path);
    }
  });

  // Edits made of YAML's own punctuation and white space turn valid files into near misses: the inputs
  // where two YAML readers are most likely to disagree about acceptance.
  const EDITS = [" ", "  ", "\n", "\n  ", "\n    ", "\t", " #c", "#", "\r\n", "\r", '"', "'", ",", "[", "]", "{", "}", ":", "- ", "\n- ", "\\", "|", ">", "?", "---\n", "...\n", "x", "1", "."];
  it(`same on ${EDIT_RUNS} random edits of the descriptor fixtures`, () => {
    const root = join(import.meta.dirname, "../fixtures/deployments");
    const set = loadCharterSet([join(import.meta.dirname, "../../charters/model")]).set;
    const seeds = readdirSync(root).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => readFileSync(join(root, f), "utf8"));
    let accepted = 0;
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.nat(2), fc.constantFrom(...EDITS)), { minLength: 1, maxLength: 3 }), (seed, edits) => {
        let t = seed;
        for (const [pos, op, ch] of edits) {
          const p = pos % (t.length + 1);
          t = op === 0 ? t.slice(0, p) + t.slice(p + 1) : op === 1 ? t.slice(0, p) + ch + t.slice(p + 1) : t.slice(0, p) + ch + t.slice(p);
        }
        if (agree(set, t, "edited.yaml") > 0) accepted++;
      }),
      { numRuns: EDIT_RUNS, seed: 20261130 },
    );
    expect(accepted).toBeGreaterThan(EDIT_RUNS / 50);
  });
});
