import type { DateLit } from "../ast/exprs.js";
import type { TailPart } from "../ast/clauses.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";

/** True for a real ISO calendar date (leap years included). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[mo - 1]!;
}

export function checkDate(date: DateLit, out: Diagnostic[]): boolean {
  if (isCalendarDate(date.text)) return true;
  const [, mo, d] = date.text.split("-").map(Number) as [number, number, number];
  const why = mo < 1 || mo > 12 ? "months run from 01 to 12" : `that month has no day ${String(d).padStart(2, "0")}`;
  out.push(diagnostic("CH2109", date.span, [date.text, why]));
  return false;
}

/** Dates valid, each tail part at most once, and effective strictly before until. */
export function checkTail(tail: TailPart[], out: Diagnostic[]): void {
  const seen = new Map<string, TailPart>();
  for (const part of tail) {
    const first = seen.get(part.kind);
    if (first) out.push(diagnostic("CH2017", part.span, [part.kind], [{ span: first.span, message: "first given here" }]));
    else seen.set(part.kind, part);
    if (part.kind !== "because") checkDate(part.date, out);
  }
  const eff = seen.get("effective");
  const until = seen.get("until");
  if (eff?.kind === "effective" && until?.kind === "until" && isCalendarDate(eff.date.text) && isCalendarDate(until.date.text)) {
    if (eff.date.text >= until.date.text) out.push(diagnostic("CH2110", until.span, [eff.date.text, until.date.text], [{ span: eff.span, message: "effective from here" }]));
  }
}
