/** A deep copy without spans, for comparing ASTs by meaning (spans are position, not meaning). */
export function stripSpans<T>(node: T): T {
  if (Array.isArray(node)) return node.map((n) => stripSpans(n)) as T;
  if (node !== null && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === "span" || k.endsWith("Span")) continue;
      out[k] = stripSpans(v);
    }
    return out as T;
  }
  return node;
}
