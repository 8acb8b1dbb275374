// The JSON Schema (draft 2020-12) that a set's `facts` block implies for deployment descriptors.
import type { CheckedSet, FactKind } from "@charter/lang";

export type JsonSchema = Record<string, unknown>;

function factSchema(t: FactKind): JsonSchema {
  switch (t.kind) {
    case "bool":
      return { type: "boolean" };
    case "number":
      return { type: "number" };
    case "int":
      return t.min === undefined ? { type: "integer" } : { type: "integer", minimum: t.min, maximum: t.max };
    case "enum":
      return { type: "string", enum: t.values };
    case "set":
      return { type: "array", items: { type: "string", enum: t.values }, uniqueItems: true };
  }
}

/**
 * `partial`: facts may be missing (for `--partial` answers). `domainAsString`: `domain` is only typed,
 * not listed — for a caller that looks the domain up in the set itself (ajv tests an enum value by value).
 */
export function deploymentSchema(set: CheckedSet, opts: { partial?: boolean; domainAsString?: boolean } = {}): JsonSchema {
  const facts: Record<string, JsonSchema> = {};
  for (const f of set.facts.values()) facts[f.name] = factSchema(f.type);
  const title = set.constitution?.header.title ?? "charter set";
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: `Deployment descriptor — ${title}`,
    type: "object",
    required: ["domain", "facts"],
    additionalProperties: false,
    properties: {
      name: { type: "string", description: "a label for the deployment, echoed in the answer" },
      domain: { type: "string", ...(opts.domainAsString ? {} : { enum: [...set.domains.keys()] }), description: "a declared domain path" },
      at: { type: "string", format: "date", description: "the date the answer is for (default: today)" },
      facts: {
        type: "object",
        additionalProperties: false,
        ...(opts.partial ? {} : { required: [...set.facts.keys()] }),
        properties: facts,
      },
    },
  };
}
