/** Edit distance with early exit; small inputs only (names in a charter). */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate within a third of the name's length (as TypeScript's getSpellingSuggestion does). */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const c of [...candidates].sort()) {
    const d = distance(name, c);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** A help line: "did you mean `x`?", else the known names (up to 8), else nothing. */
export function suggestion(name: string, candidates: Iterable<string>, what: string): string {
  const list = [...candidates].sort();
  const c = closest(name, list);
  if (c !== undefined) return `did you mean \`${c}\`?`;
  if (list.length === 0) return `no ${what} declared`;
  const shown = list.slice(0, 8).map((x) => `\`${x}\``).join(", ");
  return `declared ${what}: ${shown}${list.length > 8 ? ", …" : ""}`;
}
