// The indexed engine against the brute-force reference (language.md §5) on random charter sets.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, query } from "../../packages/engine/src/index.js";
import { arbCharterSet, arbDeployment, checkedSet } from "../arbitraries/charter-set.js";
import { evaluate } from "./evaluate.js";

const SETS = 400;
const PER_SET = 10;

// JSON round trip: the contract is the JSON answer (an absent `because` and an undefined one are the same there).
const asJson = (x: unknown) => JSON.parse(JSON.stringify(x));

describe("engine = reference", () => {
  it(`same JSON answer on ${SETS * PER_SET} random deployments over ${SETS} random charter sets`, () => {
    fc.assert(
      fc.property(
        arbCharterSet().chain((s) => {
          const set = checkedSet(s.sources);
          return fc.tuple(fc.constant(s), fc.constant(set), fc.array(arbDeployment(set), { minLength: PER_SET, maxLength: PER_SET }));
        }),
        ([, set, deployments]) => {
          const compiled = compile(set);
          for (const d of deployments) expect(asJson(query(compiled, d))).toEqual(asJson(evaluate(set, d)));
        },
      ),
      { numRuns: SETS, seed: 20261125 },
    );
  });

  it("a compiled set answers the same after other sets were queried (no shared scratch leaks)", () => {
    fc.assert(
      fc.property(fc.tuple(arbCharterSet(), arbCharterSet()), ([a, b]) => {
        const sa = checkedSet(a.sources);
        const sb = checkedSet(b.sources);
        const ca = compile(sa);
        const cb = compile(sb);
        const da = fc.sample(arbDeployment(sa), { numRuns: 3, seed: 1 });
        const db = fc.sample(arbDeployment(sb), { numRuns: 3, seed: 2 });
        for (let i = 0; i < 3; i++) {
          expect(asJson(query(ca, da[i]!))).toEqual(asJson(evaluate(sa, da[i]!)));
          expect(asJson(query(cb, db[i]!))).toEqual(asJson(evaluate(sb, db[i]!)));
        }
      }),
      { numRuns: 50, seed: 7 },
    );
  });

  it("an escalation to a layer lists its covering bodies by id, whichever conditions they share", () => {
    // b2 and b3 share a test of `region` that the index may take first; the answer still goes by id.
    const set = checkedSet([
      {
        file: "c.charter",
        text: `constitution "t"
layers { local < national }
enum region { eu, uk, us }
facts {
  region: region
  markets: set of region
  compute: number
}
domains { health }
body b1 { layer national covers markets contains eu }
body b2 { layer national covers region == eu }
body b3 { layer national covers region in { eu, uk } and compute > 1 }
body b4 { layer national }
escalate * when compute >= 0 to national
`,
      },
    ]);
    const d = { domain: "health", at: "2026-03-01", facts: { region: "eu", markets: ["eu"], compute: 5 } };
    const answer = query(compile(set), d);
    expect(answer.escalations.map((e) => e.bodies)).toEqual([["b1", "b2", "b3", "b4"]]);
    expect(answer.approve.map((e) => e.body)).toEqual(["b1", "b2", "b3", "b4"]);
    expect(asJson(answer)).toEqual(asJson(evaluate(set, d)));
  });
});
