// What may be typed at the caret, read from the tokens before it. The file is usually mid-edit and
// does not parse, so this is a small forward scan (items, blocks, clause sections), not the grammar.

/** What completion should offer at a position. */
export interface Want {
  keywords: string[];
  /** Body ids; `owner` in a body's charter after `approve` (it may approve only itself). */
  bodies?: "all" | "owner";
  layers?: boolean;
  facts?: "all" | "sets";
  /** Values of this fact (enum values, or true/false). */
  values?: string;
  /** Every domain path, and `*` when a pattern (not a deploy path) goes here. */
  domains?: { star: boolean };
  /** Children of this domain (the caret follows `parent.`). */
  children?: string;
  enums?: boolean;
  verdicts?: boolean;
  /** The body a charter file belongs to. */
  owner?: string;
  /** The caret follows this fact in a condition: which operator words fit depends on its type. */
  afterFact?: string;
}

interface Tok {
  text: string;
  kind: "word" | "num" | "str" | "punct";
}

const NOTHING: Want = { keywords: [] };
export const ITEM_KEYWORDS = ["layers", "enum", "facts", "domains", "body", "delegate", "govern", "escalate", "prohibit", "exempt", "joint", "precedence", "guardrail", "example"];
const CHARTER_ITEMS = ["govern", "prohibit", "exempt", "example"];
const TAIL = ["effective", "until", "because"];
const BODY_PROPS = ["layer", "covers", "competence"];
const SECTIONS = new Set(["when", "to", "approve", "notify", "on", "over", "require", "effective", "until", "because"]);
const COND_START = new Set(["when", "covers", "and", "or", "not", "("]);
export const VERDICTS = ["prohibited", "exempt", "approval-required", "notice-only", "ungoverned"];

const TOKEN = /\s+|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|(?![\s\S]))|"(?:[^"\\\n]|\\.)*(?:"|$)|[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*|-?[0-9][0-9A-Za-z.+-]*|==|!=|<=|>=|\.\*|\.\.|[\s\S]/my;

/** Tokens of `text` before `end`; undefined when `end` lies inside a comment or a string. */
function tokenize(text: string, end: number): Tok[] | undefined {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < end) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(text)!;
    const s = m[0];
    const stop = start + s.length;
    const c = s[0]!;
    if (/\s/.test(c)) continue;
    if (s.startsWith("//") || s.startsWith("/*")) {
      const closed = s.startsWith("/*") && s.endsWith("*/") && s.length >= 4;
      if (end < stop || (end === stop && !closed)) return undefined;
      continue;
    }
    if (c === '"') {
      const closed = /^"(?:[^"\\\n]|\\.)*"$/.test(s);
      if (end < stop || (end === stop && !closed)) return undefined;
      out.push({ text: s, kind: "str" });
      continue;
    }
    // A token that runs past `end` is the word being typed: the caller has cut it off already.
    if (stop > end) break;
    out.push({ text: s, kind: /[A-Za-z_]/.test(c) ? "word" : /[0-9-]/.test(c) && s !== "-" ? "num" : "punct" });
  }
  return out;
}

const last = <T>(xs: readonly T[], i = 1): T | undefined => xs[xs.length - i];

/** Keywords that may follow a clause's patterns or condition, by clause kind. */
function afterPatterns(item: string): string[] {
  switch (item) {
    case "govern":
      return ["when", "approve", "notify", ...TAIL];
    case "delegate":
      return ["when", "to"];
    case "escalate":
      return ["when"];
    default:
      return ["when", ...TAIL];
  }
}

function afterCond(item: string): string[] {
  switch (item) {
    case "govern":
      return ["approve", "notify", ...TAIL];
    case "delegate":
    case "escalate":
      return ["to"];
    default:
      return TAIL;
  }
}

/** Inside a condition: `toks` runs from its start keyword to the caret; `then` follows a complete one. */
function condWant(toks: Tok[], then: string[]): Want {
  const t = last(toks);
  const p = last(toks, 2);
  if (t?.text === "not" && p?.kind === "word" && !COND_START.has(p.text)) return { keywords: ["in"] };
  if (!t || COND_START.has(t.text)) return { keywords: ["not", "count"], facts: "all" };
  if ((t.text === "==" || t.text === "!=" || t.text === "contains") && p?.kind === "word") return { keywords: [], values: p.text };
  if (["<", "<=", ">", ">=", "==", "!=", "contains", "in", "count"].includes(t.text)) return NOTHING;
  if (t.kind === "word" && p && COND_START.has(p.text) && t.text !== "true" && t.text !== "false") {
    // A fact: an operator word may follow, or (a bool fact) the condition may be complete.
    return { keywords: ["in", "not", "contains", "and", "or", ...then], afterFact: t.text };
  }
  return { keywords: ["and", "or", ...then] };
}

interface Frame {
  kind: "facts" | "body" | "example" | "set" | "paren" | "count" | "other";
  /** Index in the item's tokens of the first token inside the frame. */
  from: number;
  /** For a set frame: the fact whose values go inside. */
  fact?: string;
}

function frameKind(toks: Tok[], i: number, item: string, outer: Frame | undefined): Frame {
  const prev = toks[i - 1];
  const prev2 = toks[i - 2];
  const from = i + 1;
  if (toks[i]!.text === "(") return { kind: prev?.text === "count" ? "count" : "paren", from };
  if (prev?.text === "in") return { kind: "set", from, fact: prev2?.text === "not" ? toks[i - 3]?.text : prev2?.text };
  if (prev?.text === "=" && prev2) return { kind: "set", from, fact: prev2.text };
  if (outer) return { kind: "other", from };
  if (item === "facts") return { kind: "facts", from };
  if (item === "body") return { kind: "body", from };
  if (item === "example") return { kind: "example", from };
  return { kind: "other", from };
}

/** The last token of `toks[from…]` in `words`, at nesting depth 0 relative to `from`. */
function lastSection(toks: Tok[], from: number, words: ReadonlySet<string>): string | undefined {
  let found: string | undefined;
  let depth = 0;
  for (let i = from; i < toks.length; i++) {
    const s = toks[i]!.text;
    if (s === "{" || s === "(") depth++;
    else if (s === "}" || s === ")") depth--;
    else if (depth === 0 && toks[i]!.kind === "word" && words.has(s)) found = s;
  }
  return found;
}

function bodyWant(toks: Tok[]): Want {
  const section = lastSection(toks, 0, new Set(BODY_PROPS));
  const t = last(toks);
  if (!section || !t) return { keywords: BODY_PROPS };
  if (section === "layer") return t.text === "layer" ? { keywords: [], layers: true } : { keywords: BODY_PROPS };
  if (section === "competence") return t.text === "competence" || t.text === "," ? { keywords: [], domains: { star: true } } : { keywords: BODY_PROPS };
  const start = toks.map((x) => x.text).lastIndexOf("covers");
  return condWant(toks.slice(start), BODY_PROPS);
}

function exampleWant(toks: Tok[]): Want {
  const section = lastSection(toks, 0, new Set(["deploy", "with", "at", "expect"]));
  const t = last(toks);
  const p = last(toks, 2);
  if (!section || !t) return { keywords: ["deploy"] };
  switch (section) {
    case "deploy":
      return t.text === "deploy" ? { keywords: [], domains: { star: false } } : { keywords: ["with", "at", "expect"] };
    case "with":
      if (t.text === "with" || t.text === ",") return { keywords: [], facts: "all" };
      if (t.text === "=" && p) return { keywords: [], values: p.text };
      return { keywords: ["at", "expect"] };
    case "at":
      return t.text === "at" ? NOTHING : { keywords: ["expect"] };
    default:
      if (t.text === "expect") return { keywords: ["verdict", "approve", "notify", "escalation"] };
      if (t.text === "verdict") return { keywords: [], verdicts: true };
      if (t.text === "escalation") return { keywords: ["to"] };
      if (t.text === "to") return { keywords: [], layers: true };
      if (t.text === "approve" || t.text === "notify" || t.text === ",") return { keywords: ["none"], bodies: "all" };
      return { keywords: ["expect"] };
  }
}

/** A clause at the top level: `toks` starts at its keyword. */
function clauseWant(item: string, toks: Tok[], owner: string | undefined): Want {
  const t = last(toks)!;
  let section = lastSection(toks, 1, SECTIONS) ?? item;
  // `escalate … to national notify`: the role word, not a grant.
  if (item === "escalate" && (section === "approve" || section === "notify")) section = "role";
  const isKw = t.text === section || t.text === ",";
  switch (section) {
    case "govern":
    case "delegate":
    case "escalate":
    case "prohibit":
    case "exempt":
      return isKw ? { keywords: [], domains: { star: true } } : { keywords: afterPatterns(item) };
    case "joint":
      return isKw ? { keywords: [], bodies: "all" } : { keywords: ["on"] };
    case "precedence":
      return t.text === "precedence" ? { keywords: [], bodies: "all" } : { keywords: ["over"] };
    case "over":
      return t.text === "over" ? { keywords: [], bodies: "all" } : { keywords: ["on"] };
    case "on":
      return isKw ? { keywords: [], domains: { star: true } } : { keywords: ["when", ...TAIL] };
    case "guardrail":
      return t.kind === "str" ? { keywords: ["require"] } : NOTHING;
    case "require":
      if (t.text === "require") return { keywords: ["layer", "competence"] };
      if (t.kind === "num") return { keywords: ["layers", "approvers"] };
      if (t.text === "layer") return { keywords: [], layers: true };
      return { keywords: ["on", "when", ...TAIL] };
    case "when": {
      const start = toks.map((x) => x.text).lastIndexOf("when");
      return condWant(toks.slice(start), afterCond(item));
    }
    case "to":
      if (t.text === "to") return item === "escalate" ? { keywords: [], layers: true, bodies: "all" } : { keywords: [], bodies: "all" };
      return { keywords: item === "escalate" ? ["approve", "notify", ...TAIL] : TAIL };
    case "approve":
    case "notify":
      if (isKw) return { keywords: [], bodies: section === "approve" && owner ? "owner" : "all" };
      return { keywords: ["approve", "notify", ...TAIL] };
    case "role":
      return { keywords: TAIL };
    default:
      // effective, until, because: a date or string goes first.
      return t.text === section ? NOTHING : { keywords: TAIL };
  }
}

/** The partly typed word before `offset` (a verdict may hold hyphens). */
export function wordBefore(text: string, offset: number): string {
  return /[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]*)*$|$/.exec(text.slice(Math.max(0, offset - 100), offset))![0];
}

/** What completion should offer at `offset` in `text` (the caret after any partly typed word). */
export function completionContext(text: string, offset: number): Want {
  let end = offset - wordBefore(text, offset).length;
  // `health.dia|`: children of `health`, if a domain path goes where `health` starts.
  const dotted = /([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*)\.$/.exec(text.slice(Math.max(0, end - 300), end));
  if (dotted) end -= dotted[0].length;
  // After any other `.` (a number being typed) nothing fits.
  else if (text[end - 1] === ".") return NOTHING;
  const toks = tokenize(text, end);
  if (!toks) return NOTHING;
  const lineStart = text.lastIndexOf("\n", end - 1) + 1;
  const atLineStart = /^\s*$/.test(text.slice(lineStart, end));
  const want = contextAt(toks, atLineStart);
  if (dotted) return want.domains ? { keywords: [], children: dotted[1]! } : NOTHING;
  return want;
}

function contextAt(toks: Tok[], atLineStart: boolean): Want {
  if (toks.length === 0) return { keywords: ["constitution", "charter"] };
  const isCharter = toks[0]!.text === "charter";
  const owner = isCharter && toks[2]?.text === "by" && toks[3]?.kind === "word" ? toks[3].text : undefined;
  const items = isCharter ? CHARTER_ITEMS : ITEM_KEYWORDS;
  // The current item: the last item keyword at depth 0.
  let start = 0;
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const s = toks[i]!.text;
    if (s === "{" || s === "(") depth++;
    else if (s === "}" || s === ")") depth = Math.max(0, depth - 1);
    // `require 2 layers` is a guardrail's requirement, not a `layers` block.
    else if (depth === 0 && toks[i]!.kind === "word" && ITEM_KEYWORDS.includes(s) && toks[i - 1]?.kind !== "num") start = i;
  }
  const item = toks[start]!.text;
  const rest = toks.slice(start);
  // Open blocks, innermost last.
  const frames: Frame[] = [];
  for (let i = 0; i < rest.length; i++) {
    const s = rest[i]!.text;
    if (s === "{" || s === "(") frames.push(frameKind(rest, i, item, last(frames)));
    else if (s === "}" || s === ")") frames.pop();
  }
  const frame = last(frames);
  const withOwner = (w: Want): Want => (owner ? { ...w, owner } : w);
  if (frame) {
    const inner = rest.slice(frame.from);
    const t = last(inner);
    switch (frame.kind) {
      case "facts":
        if (t?.text === ":") return { keywords: ["bool", "number", "int", "enum", "set"], enums: true };
        if (t?.text === "set") return { keywords: ["of"] };
        if (t?.text === "of") return { keywords: [], enums: true };
        return NOTHING;
      case "body":
        return bodyWant(inner);
      case "example":
        return exampleWant(inner);
      case "set":
        return !t || t.text === "," ? { keywords: [], values: frame.fact ?? "" } : NOTHING;
      case "count":
        return t ? NOTHING : { keywords: [], facts: "sets" };
      case "paren":
        return condWant([{ text: "(", kind: "punct" }, ...inner], []);
      case "other":
        return NOTHING;
    }
  }
  let want: Want;
  if (item === "constitution" || item === "charter") {
    const t = last(rest)!;
    if (rest.length === 1) want = NOTHING;
    else if (item === "charter" && rest.length === 2) want = { keywords: ["by"] };
    else if (item === "charter" && rest.length === 3) want = { keywords: [], bodies: "all" };
    else want = { keywords: [] };
    if (t.kind === "punct") want = NOTHING;
  } else if (["layers", "enum", "facts", "domains", "body", "example"].includes(item)) {
    // A vocabulary item or example is complete once its block has closed.
    want = last(rest)?.text === "}" ? { keywords: [] } : NOTHING;
  } else want = clauseWant(item, rest, owner);
  // A new item may start on a new line wherever the current one could end.
  const expectsName = want.bodies || want.layers || want.facts || want.values !== undefined || want.domains;
  if (atLineStart && !expectsName && want !== NOTHING) want = { ...want, keywords: [...want.keywords, ...items.filter((k) => !want.keywords.includes(k))] };
  return withOwner(want);
}
