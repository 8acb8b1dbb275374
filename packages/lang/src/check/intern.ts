// Names the engine looks up per query (domain paths, enum values) are handed out internalized. V8 keeps
// one copy of each internalized string, and string literals in code are internalized: a descriptor
// built in JavaScript with `"eu"` or `"health.triage"` as literals then carries the very objects the
// engine's maps are keyed by, and the lookups match by identity instead of comparing characters.
// A property key is internalized by V8; reading it back gives that copy.

/** The internalized copy of `s` (same text). */
export function intern(s: string): string {
  return Object.keys({ [s]: 0 })[0]!;
}
