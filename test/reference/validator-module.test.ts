// The validator the CLI keeps between runs (ajv's standalone code, loaded without ajv by
// validator-module.ts) against ajv's own compiled validator: the same verdict on every value, valid or
// spoiled, for random sets, complete and partial.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validatorFor } from "../../packages/engine/src/descriptor/validator.js";
import { validatorModuleCode } from "../../packages/engine/src/descriptor/validator-code.js";
import { loadValidatorModule, validatorFileName, validatorHeader } from "../../packages/engine/src/descriptor/validator-module.js";
import { arbCharterSet, arbDeployment, checkedSet } from "../arbitraries/charter-set.js";

const SETS = 150;
const PER_SET = 20;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Wrong values of every JSON type, and dates that only look like dates. */
const STRANGERS: Json[] = [null, true, 0, 1.5, -3, 1e300, "", "x", "2026-02-30", "2026-13-01", "2024-02-29", [], ["eu", "eu"], {}];

/** A descriptor spoiled in one of many ways (or left alone): what the fast reading's validator sees. */
function arbSpoiled(d: Record<string, Json>): fc.Arbitrary<Json> {
  const facts = d["facts"] as Record<string, Json>;
  const names = Object.keys(facts);
  return fc.record({ how: fc.nat({ max: 9 }), pick: fc.nat(), stranger: fc.constantFrom(...STRANGERS) }).map(({ how, pick, stranger }): Json => {
    const name = names.length ? names[pick % names.length]! : "none";
    const f = { ...facts };
    switch (how) {
      case 0:
        return d;
      case 1:
        delete f[name];
        return { ...d, facts: f };
      case 2:
        return { ...d, facts: { ...f, [name]: stranger } };
      case 3:
        return { ...d, facts: { ...f, no_such_fact: 1 } };
      case 4:
        return { ...d, at: stranger };
      case 5:
        return { ...d, domain: stranger };
      case 6:
        return { ...d, extra: 1 };
      case 7: {
        const v = f[name];
        return { ...d, facts: { ...f, [name]: Array.isArray(v) ? [...v, ...v] : v } };
      }
      case 8:
        return stranger;
      default: {
        const rest = { ...d };
        delete rest[pick % 2 ? "domain" : "facts"];
        return rest;
      }
    }
  });
}

describe("the validator module (ajv's standalone code, loaded without ajv)", () => {
  it(`gives ajv's verdict on ${SETS * PER_SET} spoiled and valid descriptors over ${SETS} random sets, complete and partial`, () => {
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(
        arbCharterSet().chain((s) => {
          const set = checkedSet(s.sources);
          const values = fc.array(
            arbDeployment(set).chain((d) => arbSpoiled(d as unknown as Record<string, Json>)),
            { minLength: PER_SET, maxLength: PER_SET },
          );
          return fc.tuple(fc.constant(set), values);
        }),
        ([set, values]) => {
          for (const partial of [false, true]) {
            const code = validatorModuleCode(set, partial);
            expect(code, "the module needs nothing beyond what validator-module.ts provides").toBeDefined();
            const module = loadValidatorModule(code!);
            const ajv = validatorFor(set, partial, true);
            for (const v of values) {
              const want = ajv(v);
              expect(module(v), JSON.stringify(v)).toBe(want);
              if (want) valid++;
              else invalid++;
            }
          }
        },
      ),
      { numRuns: SETS, seed: 20261130 },
    );
    // Both verdicts must be common, or the comparison says little.
    expect(valid).toBeGreaterThan(SETS * PER_SET * 0.2);
    expect(invalid).toBeGreaterThan(SETS * PER_SET * 0.5);
  });

  it("is named by its schema and checked against it: another schema, another header; the same, the same", () => {
    const sets = fc.sample(arbCharterSet(), { numRuns: 30, seed: 7 }).map((s) => checkedSet(s.sources));
    const headers = sets.map((s) => validatorHeader(s, false, "0.1.0"));
    for (let i = 0; i < sets.length; i++) {
      const set = sets[i]!;
      expect(validatorHeader(set, false, "0.1.0")).toBe(headers[i]);
      expect(validatorHeader(set, true, "0.1.0")).not.toBe(headers[i]);
      expect(validatorHeader(set, false, "0.2.0")).not.toBe(headers[i]);
      expect(validatorFileName(headers[i]!)).toMatch(/^[0-9a-f]{16}\.cjs$/);
      const code = validatorModuleCode(set, false, "0.1.0")!;
      expect(code.split("\n")[0]).toBe(headers[i]);
      expect(() => loadValidatorModule(code, headers[i])).not.toThrow();
      for (let j = 0; j < i; j++) {
        const same = validatorModuleCode(sets[j]!, false, "0.1.0") === code;
        expect(headers[i] === headers[j], `sets ${j} and ${i}`).toBe(same);
        if (!same) {
          expect(validatorFileName(headers[i]!)).not.toBe(validatorFileName(headers[j]!));
          // Under another schema's name (a clash of file names), the code is refused.
          expect(() => loadValidatorModule(code, headers[j])).toThrow(/another schema, or by another version/);
        }
      }
    }
  });

  it("refuses code that is damaged, exports no function or needs a module it is not given", () => {
    expect(() => loadValidatorModule("this is not JavaScript {")).toThrow(SyntaxError);
    expect(() => loadValidatorModule("module.exports = 42;")).toThrow(/exports no function/);
    expect(() => loadValidatorModule('const fs = require("node:fs"); module.exports = () => true;')).toThrow(/requires `node:fs`/);
  });
});
