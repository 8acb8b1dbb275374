// Answers for people: the verdict as a headline, approvers grouped by layer (lowest first), reasons with file:line.
import type { Answer, BodyEntry, Effect, PartialAnswer, TraceEntry, Via } from "@charter/engine";
import type { Style } from "@charter/lang";

const at = (v: Via) => `${v.clause} ${v.file}:${v.line}`;
const because = (v: Via) => (v.because ? ` — ${v.because}` : "");

function bodies(title: string, entries: BodyEntry[], layers: string[], style: Style): string[] {
  if (!entries.length) return [];
  const out = [style.bold(title)];
  for (const layer of layers) {
    const here = entries.filter((e) => e.layer === layer);
    if (!here.length) continue;
    out.push(`  ${style.dim(layer)}`);
    for (const e of here) {
      out.push(`    ${style.bold(e.body)}  ${e.name}`);
      for (const v of e.via) out.push(`      ${style.dim(at(v))}${because(v)}`);
    }
  }
  return out;
}

function effectText(e: Effect): string {
  switch (e.kind) {
    case "prohibited":
    case "exempt":
      return e.kind;
    case "approve":
    case "notify":
      return `+ ${e.bodies.join(", ")} (${e.kind})`;
    case "drop":
      return `- ${e.body} (${e.role}) where ${e.over} is granted too`;
  }
}

const verdictLine: Record<Answer["verdict"], string> = {
  prohibited: "PROHIBITED",
  exempt: "EXEMPT",
  "approval-required": "APPROVAL REQUIRED",
  "notice-only": "NOTICE ONLY",
  ungoverned: "UNGOVERNED — no clause governs this deployment",
};

export function answerText(a: Answer, layers: string[], style: Style, trace?: TraceEntry[]): string {
  const paint = a.verdict === "prohibited" ? style.error : a.verdict === "ungoverned" ? style.warning : style.note;
  const partial = (a as Partial<PartialAnswer>).partial;
  const unsure = partial && !partial.complete ? style.dim(" (for the facts given; see what depends on the missing ones below)") : "";
  const out = [`${a.deployment ? `${style.bold(a.deployment)}: ` : ""}${a.domain} at ${a.at}`, paint(verdictLine[a.verdict]) + unsure];
  for (const r of a.reasons) out.push(`  ${style.dim(at(r))}${because(r)}`);
  const approve = bodies("approve", a.approve, layers, style);
  const notify = bodies("notify", a.notify, layers, style);
  if (approve.length) out.push("", ...approve);
  if (notify.length) out.push("", ...notify);
  if (a.escalations.length) {
    out.push("", style.bold("escalations"));
    for (const e of a.escalations) {
      const to = e.bodies.length ? e.bodies.join(", ") : style.warning("nobody covers this deployment");
      out.push(`  to ${e.to} (${e.role}) → ${to}`, `      ${style.dim(`when ${e.trigger}`)}`, `      ${style.dim(at(e.via))}${because(e.via)}`);
    }
  }
  if (partial && partial.missing.length) {
    out.push("", style.bold(`depends on missing facts (${partial.missing.join(", ")})`));
    if (!partial.depends.length) out.push("  nothing: the answer above holds whatever they are");
    for (const d of partial.depends) out.push(`  if ${d.condition}: ${effectText(d.effect)}`, `      ${style.dim(at(d.via))}${because(d.via)}`);
  }
  if (trace) {
    out.push("", style.bold("trace"));
    for (const t of trace) {
      const o = t.outcome;
      const why = o.applied
        ? style.note("applied")
        : o.reason === "domain"
          ? `not applicable: domain not in ${o.patterns}`
          : o.reason === "condition"
            ? `not applicable: \`${o.condition}\` is false (${o.file}:${o.line}:${o.column})`
            : o.reason === "expired"
              ? `not applicable: ended ${o.date} (until is exclusive)`
              : `not applicable: effective from ${o.date}`;
      out.push(`  ${o.applied ? "✓" : "·"} ${at(t.via)}  ${why}`);
    }
  }
  return out.join("\n") + "\n";
}
