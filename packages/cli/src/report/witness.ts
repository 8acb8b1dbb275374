/** A witness as a descriptor ready for `charter query --deployment -`: YAML with each fact on one line. */
export function witnessYaml(w: { domain: string; at: string; facts: Record<string, unknown> }): string {
  const value = (v: unknown): string => (Array.isArray(v) ? `[${v.map(value).join(", ")}]` : typeof v === "string" ? v : JSON.stringify(v));
  const facts = Object.entries(w.facts).map(([k, v]) => `  ${k}: ${value(v)}`);
  return [`domain: ${w.domain}`, `at: ${w.at}`, "facts:", ...facts].join("\n") + "\n";
}
