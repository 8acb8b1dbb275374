// The generated classifier (ir/program.ts `classifierFor`) against the loop that defines it, on random
// sets: every classified dimension at each of its bounds, next to them, far from them, at fractions,
// and missing (NaN), with days around the set's dates.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../packages/engine/src/index.js";
import { classifyLoop } from "../../packages/engine/src/ir/program.js";
import { arbCharterSet, checkedSet } from "../arbitraries/charter-set.js";

const SETS = 300;

describe("generated classifier", () => {
  it(`equals the loop classifier on every bound, its neighbours and NaN, over ${SETS} random sets`, () => {
    fc.assert(
      fc.property(arbCharterSet(), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (s, seed) => {
        const p = compile(checkedSet(s.sources)).programs;
        const dims = p.day + 1;
        const probes = [NaN, 0, -1, 1, 0.5, -0.5, 1e300, -1e300];
        for (const b of p.bounds) probes.push(b, b + 1, b - 1, b + 0.25, b * (1 + 2 ** -40), b / 2);
        const want = new Int32Array(dims);
        const got = new Int32Array(dims);
        let r = seed;
        for (let round = 0; round < 60; round++) {
          const v = new Float64Array(dims - 1);
          for (let i = 0; i < v.length; i++) {
            r = (Math.imul(r, 1103515245) + 12345) >>> 0;
            v[i] = probes[r % probes.length]!;
          }
          r = (Math.imul(r, 1103515245) + 12345) >>> 0;
          const today = [20260101, 20261201, 20270301, p.bounds[r % Math.max(1, p.bounds.length)] ?? 20260101][r % 4]!;
          want.fill(-1);
          got.fill(-1);
          classifyLoop(p, v, today, want);
          p.classify(v, today, got);
          expect(Array.from(got)).toEqual(Array.from(want));
        }
      }),
      { numRuns: SETS, seed: 20261130 },
    );
  });
});
