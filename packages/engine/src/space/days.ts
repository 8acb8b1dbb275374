// Dates as day numbers (days since 1970-01-01, UTC): the date dimension is an integer interval.

export function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86400000;
}

export function isoDate(day: number): string {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}
