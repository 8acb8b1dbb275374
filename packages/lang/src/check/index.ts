// The check stage: placement rules of the set, then the constitution's vocabulary, then every clause.
import type { CharterFile, Item } from "../ast/file.js";
import { diagnostic, compareDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { bindVocabulary } from "./bind.js";
import { checkClause } from "./clauses.js";
import { checkExample } from "./examples.js";
import type { CheckedSet } from "./model.js";
import { bodySuggestion, checkLayer, checkPatterns } from "./references.js";
import { checkCond } from "./types.js";

type Vocabulary = Extract<Item, { kind: "layers" | "enum" | "facts" | "domains" | "body" }>;
const isVocabulary = (i: Item): i is Vocabulary => i.kind === "layers" || i.kind === "enum" || i.kind === "facts" || i.kind === "domains" || i.kind === "body";
const CONSTITUTIONAL = new Set(["delegate", "escalate", "joint", "precedence", "guardrail"]);

function emptySet(files: CharterFile[]): CheckedSet {
  return { files, layers: [], enums: new Map(), facts: new Map(), domains: new Map(), bodies: new Map(), clauses: [], examples: [] };
}

function checkBodies(set: CheckedSet, out: Diagnostic[]): void {
  for (const b of set.bodies.values()) {
    const layerProp = b.decl.props.find((p) => p.kind === "layer");
    if (layerProp?.kind === "layer") checkLayer(set, layerProp.layer, out);
    else out.push(diagnostic("CH3007", b.decl.id.span, [b.id, `add \`layer …\` with one of ${set.layers.map((l) => `\`${l.name}\``).join(", ") || "the constitution's layers"}`]));
    if (b.covers) checkCond(set, b.covers, out);
    checkPatterns(set, b.competence, out);
    const clash = set.layers.find((l) => l.name === b.id);
    if (clash) out.push(diagnostic("CH2019", b.decl.id.span, [b.id], [{ span: clash.span, message: "the layer is declared here" }]));
  }
}

/** Check a whole charter set (files already parsed). Diagnostics come back sorted. */
export function checkSet(files: CharterFile[]): { set: CheckedSet; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const set = emptySet(files);
  const constitutions = files.filter((f) => f.header.kind === "constitution");
  // Without a constitution there is no vocabulary: every name would be reported unknown, so stop at CH3001.
  if (constitutions.length === 0 && files.length > 0) return { set, diagnostics: [diagnostic("CH3001", files[0]!.header.span)] };
  for (const extra of constitutions.slice(1)) {
    out.push(diagnostic("CH3002", extra.header.span, [], [{ span: constitutions[0]!.header.span, message: "the first constitution" }]));
  }
  const constitution = constitutions[0];
  if (constitution) {
    set.constitution = constitution;
    bindVocabulary(constitution, set, out);
    checkBodies(set, out);
  }
  // The constitution's clauses come first so that answers list constitutional grounds before charters'.
  const ordered = constitution ? [constitution, ...files.filter((f) => f !== constitution)] : files;
  for (const file of ordered) {
    const isConstitution = file === constitution;
    // A second constitution is reported once (CH3002), not once per item it declares.
    if (file.header.kind === "constitution" && !isConstitution) continue;
    let owner: string | undefined;
    if (file.header.kind === "charter") {
      owner = file.header.by.name;
      if (!set.bodies.has(owner)) {
        out.push(diagnostic("CH3005", file.header.by.span, [owner, bodySuggestion(set, owner)]));
      }
    }
    for (const item of file.items) {
      if (isVocabulary(item)) {
        if (!isConstitution) out.push(diagnostic("CH3003", item.span, [item.kind]));
        continue;
      }
      if (item.kind === "example") {
        checkExample(set, item, out);
        set.examples.push({ example: item, file: file.file });
        continue;
      }
      if (CONSTITUTIONAL.has(item.kind) && !isConstitution) {
        const help = item.kind === "delegate" ? "a body cannot grant itself room; the constitution delegates" : "move it to the constitution";
        out.push(diagnostic("CH3004", item.keywordSpan, [item.kind, help]));
        continue;
      }
      checkClause(set, item, isConstitution ? undefined : owner, out);
      set.clauses.push(owner !== undefined && !isConstitution ? { clause: item, file: file.file, owner } : { clause: item, file: file.file });
    }
  }
  out.sort(compareDiagnostics);
  return { set, diagnostics: out };
}
