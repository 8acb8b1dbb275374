// The generated fact encoder (ir/slots.ts `encoderFor`) against the plain loop that defines it, on
// random sets and descriptors — including what only partial queries and examples pass it: missing facts,
// repeated set members, enum values the set does not declare.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeLoop, layoutSlots } from "../../packages/engine/src/ir/slots.js";
import { arbCharterSet, arbDeployment, checkedSet } from "../arbitraries/charter-set.js";

const SETS = 300;
const PER_SET = 10;

type Facts = Record<string, boolean | number | string | string[]>;

/** A descriptor's facts, roughed up: some dropped, set members repeated, an undeclared value or two. */
const arbRoughFacts = (facts: Facts): fc.Arbitrary<Facts> =>
  fc.record({ drop: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }), stranger: fc.boolean() }).map(({ drop, stranger }) => {
    const out: Facts = {};
    Object.entries(facts).forEach(([name, v], i) => {
      if (drop[i % drop.length]) return;
      if (Array.isArray(v)) out[name] = stranger ? [...v, "no_such_value", ...v] : [...v, ...v.slice(0, 1)];
      else out[name] = stranger && typeof v === "string" ? "no_such_value" : v;
    });
    return out;
  });

describe("generated fact encoder", () => {
  it(`equals the loop encoder on ${SETS * PER_SET} rough descriptors over ${SETS} random sets (missing facts, repeats, unknown values)`, () => {
    fc.assert(
      fc.property(
        arbCharterSet().chain((s) => {
          const set = checkedSet(s.sources);
          return fc.tuple(fc.constant(set), fc.array(arbDeployment(set).chain((d) => arbRoughFacts(d.facts)), { minLength: PER_SET, maxLength: PER_SET }));
        }),
        ([set, factsList]) => {
          const layout = layoutSlots(set);
          const out = new Float64Array(layout.size).fill(42); // stale values from an earlier query must not survive
          for (const facts of factsList) {
            const want = Array.from(encodeLoop(layout, facts));
            const got = Array.from(layout.encode(facts, out));
            expect(got).toEqual(want);
          }
        },
      ),
      { numRuns: SETS, seed: 20261130 },
    );
  });
});
