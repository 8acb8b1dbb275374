const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;

/**
 * Validated ISO date (YYYY-MM-DD) → YYYYMMDD as an integer: ordering is preserved, and comparing ints
 * is cheap on the query path. Read digit by digit: no substrings to allocate per query.
 */
export function dateKey(iso: string): number {
  return (
    (digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3)) * 10000 +
    (digit(iso, 5) * 10 + digit(iso, 6)) * 100 +
    digit(iso, 8) * 10 +
    digit(iso, 9)
  );
}

/** Today's date in UTC as YYYY-MM-DD (the default `--at`). */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export const NO_START = -Infinity;
export const NO_END = Infinity;
