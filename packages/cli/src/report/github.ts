// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=CODE::message`.
import type { Reported } from "./diagnostics.js";

// The escaping GitHub's toolkit applies (@actions/core command.ts): data escapes %, CR, LF; properties also : and ,.
const data = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const prop = (s: string) => data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export function githubReport(findings: readonly Reported[]): string {
  return findings
    .map((f) => {
      const cmd = f.severity === "error" ? "error" : f.severity === "warning" ? "warning" : "notice";
      const props = f.span
        ? [`file=${prop(f.span.file)}`, `line=${f.span.line}`, `col=${f.span.column}`, `endLine=${f.span.endLine}`, `endColumn=${f.span.endColumn}`]
        : [];
      props.push(`title=${prop(`${f.code} ${f.name}`)}`);
      const witness = f.witness ? `\nwitness: ${JSON.stringify(f.witness)}` : "";
      return `::${cmd} ${props.join(",")}::${data(f.message + (f.help ? `\nhelp: ${f.help}` : "") + witness)}\n`;
    })
    .join("");
}
