// Every lint rule, in code order (as eslint's lib/rules/index.js lists them explicitly).
import type { Rule } from "./rule.js";
import { gap } from "./rules/gap.js";
import { overlappingAuthority } from "./rules/overlapping-authority.js";
import { ultraVires } from "./rules/ultra-vires.js";
import { jurisdiction } from "./rules/jurisdiction.js";
import { deadClause } from "./rules/dead-clause.js";
import { noReceiver } from "./rules/no-receiver.js";
import { guardrail } from "./rules/guardrail.js";
import { exampleFailure } from "./rules/example-failure.js";
import { unusedBody, unusedDelegation, unusedFact } from "./rules/unused.js";

export const rules: readonly Rule[] = [
  gap,
  overlappingAuthority,
  ultraVires,
  jurisdiction,
  deadClause,
  noReceiver,
  guardrail,
  exampleFailure,
  unusedDelegation,
  unusedBody,
  unusedFact,
];
