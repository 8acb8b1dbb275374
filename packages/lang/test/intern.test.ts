// `intern` must hand back the same text whatever the name — including names that are special as
// property keys — and a checked set's domains and enum values must read as written.
import { describe, expect, it } from "vitest";
import { intern } from "../src/check/intern.js";
import { checkSources } from "../src/index.js";

describe("intern", () => {
  it("keeps the text of every name, property-key oddities included", () => {
    for (const s of ["eu", "health.triage", "__proto__", "constructor", "toString", "0", "1.5", "", "hasOwnProperty", "ünïcode"]) {
      expect(intern(s)).toBe(s);
      expect(typeof intern(s)).toBe("string");
    }
  });

  it("a checked set's domain paths and enum values read as written", () => {
    const text = `constitution "t"
layers { local }
enum region { eu, __proto__, constructor }
facts {
  region: region
  purpose: enum { valueof, general }
}
domains { health { triage } constructor }
`;
    const { set, diagnostics } = checkSources([{ file: "c.charter", text }]);
    expect(diagnostics).toEqual([]);
    expect([...set!.domains.keys()]).toEqual(["health", "health.triage", "constructor"]);
    expect([...set!.domains.values()].map((d) => [d.path, d.index])).toEqual([["health", 0], ["health.triage", 1], ["constructor", 2]]);
    expect(set!.enums.get("region")!.values).toEqual(["eu", "__proto__", "constructor"]);
    expect(set!.facts.get("purpose")!.type).toMatchObject({ kind: "enum", values: ["valueof", "general"] });
  });
});
