// A descriptor the readers validated remembers the domain it was checked against, so answering it
// does not look the path up a second time: at 100k clauses that lookup — a Map of 5,000 paths whose
// buckets, entries and key strings are rarely in cache — was ≈ 7% of a query. What is remembered is
// used only while it provably still holds: the same checked set, and the same path string.
//
// The marks are non-enumerable symbol properties: JSON, Object.keys, spreading and equality in tests
// do not see them, and a copy of the object does not carry them.
import type { CheckedSet, DomainInfo } from "@charter/lang";
import type { Deployment } from "../query/answer.js";

const SET = Symbol("charter.checkedSet");
const PATH = Symbol("charter.domainPath");
const ID = Symbol("charter.domainId");

interface Remembered {
  [SET]?: CheckedSet;
  [PATH]?: string;
  [ID]?: number;
}

/** Mark `d`, just validated against `set`, as being about `domain`. */
export function rememberDomain(d: Deployment, set: CheckedSet, domain: DomainInfo): void {
  Object.defineProperty(d, SET, { value: set });
  Object.defineProperty(d, PATH, { value: domain.path });
  Object.defineProperty(d, ID, { value: domain.index });
}

/**
 * The domain id `d` was validated with, if that was against `set` and its domain is still that path;
 * else -1. The path is compared with `===`: the string the reader set is the one it remembered, so
 * that is a pointer comparison unless the domain was reassigned.
 */
export function rememberedDomainId(d: Deployment, set: CheckedSet): number {
  const r = d as Deployment & Remembered;
  return r[SET] === set && r[PATH] === d.domain ? r[ID]! : -1;
}
