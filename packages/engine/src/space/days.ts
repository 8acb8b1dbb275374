// Dates as day numbers (days since 1970-01-01, UTC): the date dimension is an integer interval.

export function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86400000;
}

const isoDates = new Map<number, string>();

/** Day number → YYYY-MM-DD (cached: a set mentions few dates, and reports print them often). */
export function isoDate(day: number): string {
  let s = isoDates.get(day);
  if (s === undefined) isoDates.set(day, (s = new Date(day * 86400000).toISOString().slice(0, 10)));
  return s;
}
