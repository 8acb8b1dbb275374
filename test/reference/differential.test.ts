// The indexed engine against the brute-force reference (language.md §5) on random charter sets.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, query, readDescriptors } from "../../packages/engine/src/index.js";
import { arbCharterSet, arbDeployment, checkedSet } from "../arbitraries/charter-set.js";
import { evaluate } from "./evaluate.js";

const SETS = 400;
const PER_SET = 10;

// JSON round trip: the contract is the JSON answer (an absent `because` and an undefined one are the same there).
const asJson = (x: unknown) => JSON.parse(JSON.stringify(x));

describe("engine = reference", () => {
  it(`same JSON answer on ${SETS * PER_SET} random deployments over ${SETS} random charter sets, as objects and as read from JSON`, () => {
    fc.assert(
      fc.property(
        arbCharterSet().chain((s) => {
          const set = checkedSet(s.sources);
          return fc.tuple(fc.constant(s), fc.constant(set), fc.array(arbDeployment(set), { minLength: PER_SET, maxLength: PER_SET }));
        }),
        ([, set, deployments]) => {
          const compiled = compile(set);
          // Read back, a deployment carries the set's own strings and remembers its domain (descriptor/canonical.ts).
          const read = readDescriptors(set, JSON.stringify(deployments), "deployments.json");
          expect(read.diagnostics).toEqual([]);
          deployments.forEach((d, i) => {
            const want = asJson(evaluate(set, d));
            expect(asJson(query(compiled, d))).toEqual(want);
            expect(asJson(query(compiled, read.deployments[i]!))).toEqual(want);
          });
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

  it("slots compared with more constants than the index takes, and more dates, answer as the reference does (400 deployments)", () => {
    // 40 distinct thresholds on `compute` and 40 distinct dates: beyond MAX_BOUNDS, so those conjuncts
    // stay code and the dates stay in the entries, alongside rows for `region`.
    const clauses = Array.from({ length: 40 }, (_, i) => {
      const month = String((i % 12) + 1).padStart(2, "0");
      const day = String((i % 28) + 1).padStart(2, "0");
      const dates = i % 3 === 0 ? `effective 2026-${month}-${day}` : i % 3 === 1 ? `until 2027-${month}-${day}` : `effective 2025-${month}-${day}\n  until 2027-${month}-${day}`;
      return `govern health.* when compute > ${i * 10 + 1} and region ${i % 2 ? "==" : "!="} eu\n  ${i % 2 ? "approve" : "notify"} b${i % 7}\n  ${dates}`;
    });
    const text = `constitution "t"
layers { local }
enum region { eu, uk, us }
facts {
  region: region
  compute: number
}
domains { health { triage } }
${Array.from({ length: 7 }, (_, i) => `body b${i} { layer local }`).join("\n")}
${clauses.join("\n\n")}
`;
    const set = checkedSet([{ file: "c.charter", text }]);
    const boundaries = [...text.matchAll(/(?:effective|until) (\d{4}-\d\d-\d\d)/g)].map((m) => m[1]!);
    const compiled = compile(set);
    // Neither `compute` (slot 1) nor the day got bounds: both are left to the entries.
    const { boundStart, day } = compiled.programs;
    expect([boundStart[2]! - boundStart[1]!, boundStart[day + 1]! - boundStart[day]!]).toEqual([0, 0]);
    let r = 12345;
    const next = () => (r = (Math.imul(r, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 400; i++) {
      const d = {
        domain: next() % 2 ? "health" : "health.triage",
        // Half the days are the clauses' own dates: `effective` applies on its day, `until` does not.
        at: next() % 2 ? boundaries[next() % boundaries.length]! : `20${25 + (next() % 3)}-${String((next() % 12) + 1).padStart(2, "0")}-${String((next() % 28) + 1).padStart(2, "0")}`,
        facts: { region: ["eu", "uk", "us"][next() % 3]!, compute: [0, 1, 11, 200, 201, 395, 401, 1e9][next() % 8]! },
      };
      expect(asJson(query(compiled, d))).toEqual(asJson(evaluate(set, d)));
    }
  });

  it("an answer with hundreds of grants (beyond the insertion sort) answers as the reference does", () => {
    const bodies = Array.from({ length: 40 }, (_, i) => `body b${String(i).padStart(2, "0")} { layer local }`);
    const clauses = Array.from({ length: 300 }, (_, i) => `govern ${i % 3 ? "*" : "health.*"} when compute > ${i % 5} ${i % 2 ? "approve" : "notify"} b${String((i * 7) % 40).padStart(2, "0")}, b${String(((i * 7) % 40 + 1 + (i % 39)) % 40).padStart(2, "0")}`);
    const text = `constitution "t"\nlayers { local }\nfacts {\n  compute: number\n}\ndomains { health { triage } }\n${bodies.join("\n")}\n${clauses.join("\n")}\n`;
    const set = checkedSet([{ file: "c.charter", text }]);
    const compiled = compile(set);
    for (const compute of [0, 2, 10]) {
      const d = { domain: "health.triage", at: "2026-01-01", facts: { compute } };
      const answer = query(compiled, d);
      if (compute === 10) expect([...answer.approve, ...answer.notify].reduce((k, e) => k + e.via.length, 0)).toBeGreaterThan(300);
      expect(asJson(answer)).toEqual(asJson(evaluate(set, d)));
    }
  });
});
