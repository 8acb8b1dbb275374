/** Reserved words: kept in step with the `keyword` rule of charter.ohm by a test. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  "constitution", "charter", "by", "layers", "layer", "enum", "facts", "domains", "body", "covers",
  "competence", "delegate", "when", "to", "govern", "approve", "notify", "effective", "until",
  "because", "escalate", "prohibit", "exempt", "joint", "on", "precedence", "over", "guardrail",
  "require", "approvers", "example", "deploy", "with", "at", "expect", "verdict", "escalation",
  "none", "and", "or", "not", "in", "contains", "count", "true", "false", "bool", "number", "int",
  "set", "of",
]);
