// SARIF 2.1.0 for GitHub code scanning: rules with help and helpUri, results with related locations.
import type { Log, ReportingDescriptor, Result } from "sarif";
import { messages, type Code } from "@charter/lang";
import { rules, type LintConfig } from "@charter/engine";
import type { Reported } from "./diagnostics.js";

const level = (s: string): Result.level => (s === "error" ? "error" : s === "warning" ? "warning" : "note");

function location(span: NonNullable<Reported["span"]>) {
  return {
    physicalLocation: {
      artifactLocation: { uri: span.file, uriBaseId: "%SRCROOT%" },
      region: { startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn },
    },
  };
}

export function sarifReport(findings: readonly Reported[], config: LintConfig, version: string): string {
  const docsByCode = new Map(rules.map((r) => [r.meta.code as string, r.meta]));
  const codes = [...new Set(findings.map((f) => f.code))].sort();
  const descriptors: ReportingDescriptor[] = codes.map((code) => {
    const entry = messages[code as Code];
    const meta = docsByCode.get(code);
    const d: ReportingDescriptor = {
      id: code,
      name: entry.name,
      shortDescription: { text: meta?.description ?? entry.message.replace(/\{\d+\}/g, "…") },
      help: { text: entry.help ? entry.help.replace(/\{\d+\}/g, "…") : meta?.description ?? entry.name },
      defaultConfiguration: { level: level(entry.severity) },
    };
    // Only lint rules have a docs page; front-end codes are documented in docs/language.md.
    d.helpUri = meta ? `${config.helpBaseUri}${meta.name}.md` : `${config.helpBaseUri.replace(/rules\/?$/, "")}language.md#11-diagnostics`;
    return d;
  });
  const index = new Map(codes.map((c, i) => [c, i]));
  const results: Result[] = findings.map((f) => {
    const r: Result = { ruleId: f.code, ruleIndex: index.get(f.code)!, level: level(f.severity), message: { text: f.help ? `${f.message} (${f.help})` : f.message } };
    if (f.span) r.locations = [location(f.span)];
    if (f.related.length) r.relatedLocations = f.related.map((x, i) => ({ id: i + 1, ...location(x.span), message: { text: x.message } }));
    const props: Record<string, unknown> = {};
    if (f.kind) props["kind"] = f.kind;
    if (f.region !== undefined) props["region"] = f.region;
    if (f.witness !== undefined) props["witness"] = f.witness;
    if (Object.keys(props).length) r.properties = props;
    return r;
  });
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "charter", version, informationUri: config.helpBaseUri, rules: descriptors } }, columnKind: "utf16CodeUnits", results }],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
