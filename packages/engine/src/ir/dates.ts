/** ISO date → YYYYMMDD as an integer: ordering is preserved, and comparing ints is cheap on the query path. */
export function dateKey(iso: string): number {
  return Number(iso.slice(0, 4)) * 10000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));
}

/** Today's date in UTC as YYYY-MM-DD (the default `--at`). */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export const NO_START = -Infinity;
export const NO_END = Infinity;
