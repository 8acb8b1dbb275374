// `example` blocks as tests: build the deployment, answer it, compare every expectation.
import type { Binding, ExampleDecl, Expectation, Span } from "@charter/lang";
import type { CompiledSet } from "../ir/compile.js";
import { dateKey, today } from "../ir/dates.js";
import { encodeFacts } from "../ir/slots.js";
import type { Answer, Deployment } from "../query/answer.js";
import { applicable, decide } from "../query/query.js";

export interface ExpectationFailure {
  expectation: Expectation;
  message: string;
  span: Span;
}

export interface ExampleResult {
  name: string;
  file: string;
  span: Span;
  answer: Answer;
  failures: ExpectationFailure[];
}

export interface TestRun {
  results: ExampleResult[];
  /** Orders (source positions) of the clauses that applied in at least one example. */
  exercised: Set<number>;
}

function bindingValue(b: Binding): Deployment["facts"][string] {
  const v = b.value;
  switch (v.kind) {
    case "set":
      return v.values.map((n) => n.name);
    case "number":
    case "bool":
      return v.value;
    case "ident":
      return v.name;
    case "string":
      return v.value;
  }
}

export function exampleDeployment(ex: ExampleDecl, defaultDate: string = today()): Deployment {
  const facts: Deployment["facts"] = {};
  for (const b of ex.bindings) facts[b.fact.name] = bindingValue(b);
  return { name: ex.name, domain: ex.domain.name, at: ex.at?.text ?? defaultDate, facts };
}

const list = (xs: string[]) => (xs.length ? xs.join(", ") : "none");

function check(e: Expectation, a: Answer): string | undefined {
  switch (e.kind) {
    case "verdict":
      return a.verdict === e.verdict ? undefined : `expected verdict ${e.verdict}, got ${a.verdict}`;
    case "approve":
    case "notify": {
      const want = e.bodies.map((b) => b.name).sort();
      const got = a[e.kind].map((b) => b.body);
      return want.join(",") === got.join(",") ? undefined : `expected ${e.kind} ${list(want)}, got ${list(got)}`;
    }
    case "escalation": {
      const fired = a.escalations.map((x) => x.to);
      return fired.includes(e.layer.name) ? undefined : `expected an escalation to ${e.layer.name}, got ${fired.length ? `escalations to ${list(fired)}` : "no escalation"}`;
    }
  }
}

/** Run every example of the set. */
export function runExamples(c: CompiledSet, defaultDate: string = today()): TestRun {
  const exercised = new Set<number>();
  const results = c.set.examples.map(({ example, file }) => {
    const d = exampleDeployment(example, defaultDate);
    const v = encodeFacts(c.layout, d.facts);
    const applied = applicable(c, c.domainIds.get(d.domain)!, v, dateKey(d.at));
    for (const x of applied) exercised.add(x.order);
    const answer = decide(c, applied, v, { deployment: d.name ?? null, domain: d.domain, at: d.at });
    const failures: ExpectationFailure[] = [];
    for (const e of example.expects) {
      const message = check(e, answer);
      if (message) failures.push({ expectation: e, message, span: e.span });
    }
    return { name: example.name, file, span: example.keywordSpan, answer, failures };
  });
  return { results, exercised };
}
