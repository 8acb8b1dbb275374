// Read descriptors get the set's own strings and remember the domain they were validated with
// (descriptor/canonical.ts, remembered.ts): the same content, and an answer must never come from a
// remembered domain that no longer holds.
import { describe, expect, it } from "vitest";
import { compile, query, readDescriptors } from "../../packages/engine/src/index.js";
import { checkedSet } from "../arbitraries/charter-set.js";

const constitution = (domains: string) => `constitution "t"
layers { local }
facts { open: bool }
domains { ${domains} }
body a { layer local }
body b { layer local }
govern health approve a
govern finance approve b
`;
const descriptor = "domain: health\nat: 2026-01-01\nfacts: { open: true }\n";
const approvers = (set: ReturnType<typeof checkedSet>, d: Parameters<typeof query>[1]) => query(compile(set), d).approve.map((e) => e.body);

describe("read deployments: the set's own strings, the domain remembered", () => {
  it("a read deployment answers as a plain copy of it does, and the marks are invisible", () => {
    const set = checkedSet([{ file: "c.charter", text: constitution("health finance") }]);
    const [d] = readDescriptors(set, descriptor, "d.yaml").deployments;
    expect(approvers(set, d!)).toEqual(["a"]);
    expect(approvers(set, JSON.parse(JSON.stringify(d)))).toEqual(["a"]);
    expect(Object.keys(d!)).toEqual(["domain", "at", "facts"]);
    expect({ ...d }).toEqual(JSON.parse(JSON.stringify(d)));
  });

  it("a domain reassigned after reading is looked up again", () => {
    const set = checkedSet([{ file: "c.charter", text: constitution("health finance") }]);
    const [d] = readDescriptors(set, descriptor, "d.yaml").deployments;
    d!.domain = "finance";
    expect(approvers(set, d!)).toEqual(["b"]);
    // The same path as a string built elsewhere still counts as the same domain.
    d!.domain = ["hea", "lth"].join("");
    expect(approvers(set, d!)).toEqual(["a"]);
  });

  it("a deployment read against one set is looked up afresh in another, whose domain order differs", () => {
    const first = checkedSet([{ file: "c.charter", text: constitution("health finance") }]);
    const second = checkedSet([{ file: "c.charter", text: constitution("finance health") }]);
    const [d] = readDescriptors(first, descriptor, "d.yaml").deployments;
    expect(approvers(second, d!)).toEqual(["a"]);
  });

  it("descriptors read by the located reading (a fact named `null` sends every input there) remember too, and answer alike", () => {
    const text = `constitution "t"
layers { local }
facts { null: bool }
domains { finance health }
body a { layer local }
govern health approve a
`;
    const set = checkedSet([{ file: "c.charter", text }]);
    const [d] = readDescriptors(set, `domain: health\nat: 2026-01-01\nfacts: { "null": true }\n`, "d.yaml").deployments;
    expect(approvers(set, d!)).toEqual(["a"]);
    d!.domain = "finance";
    expect(approvers(set, d!)).toEqual([]);
  });

  it("enum and set values read back with their text and order (the set's own strings take their place), also with facts missing", () => {
    const text = `constitution "t"
layers { local }
enum region { eu, uk, us }
facts {
  region: region
  markets: set of region
  open: bool
}
domains { health }
body a { layer local }
govern health when markets contains us and region == uk approve a
`;
    const set = checkedSet([{ file: "c.charter", text }]);
    const [d] = readDescriptors(set, "domain: health\nat: 2026-01-01\nfacts: { region: uk, markets: [us, eu], open: false }\n", "d.yaml").deployments;
    expect(d!.facts).toEqual({ region: "uk", markets: ["us", "eu"], open: false });
    expect(approvers(set, d!)).toEqual(["a"]);
    const [p] = readDescriptors(set, "domain: health\nat: 2026-01-01\nfacts: { markets: [uk] }\n", "d.yaml", { partial: true }).deployments;
    expect(p!.facts).toEqual({ markets: ["uk"] });
  });
});
