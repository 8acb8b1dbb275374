// A hand-written recursive-descent parser for well-formed input: the same language as charter.ohm,
// producing the same AST (spans included), about two orders of magnitude faster than ohm on large sets.
// It has no error reporting of its own: on any failure parse() falls back to ohm, whose rightmost-failure
// information makes the diagnostic. A property test keeps the two parsers' ASTs identical.
import type { Span } from "../ast/span.js";
import { LineMap } from "../ast/span.js";
import type { CmpOp, Cond, DateLit, Literal, Name, Pattern, Subject } from "../ast/exprs.js";
import type { BodyDecl, BodyProp, DomainNode, FactDecl, FactType } from "../ast/decls.js";
import type { Binding, Clause, ExampleDecl, Expectation, Grant, Requirement, TailPart, Verdict } from "../ast/clauses.js";
import type { CharterFile, Header, Item } from "../ast/file.js";
import { KEYWORDS } from "./keywords.js";

class Fail extends Error {}
const fail = (): never => {
  throw new Fail();
};

const isIdentStart = (c: number) => (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const VERDICTS: Verdict[] = ["prohibited", "exempt", "approval-required", "notice-only", "ungoverned"];
const CMP_OPS: CmpOp[] = ["==", "!=", "<=", ">=", "<", ">"];

interface Ranged<T> {
  node: T;
  start: number;
  end: number;
}

class Parser {
  private pos = 0;
  /** End of the last token consumed: where a node that ends "here" ends. */
  private last = 0;
  private readonly lines: LineMap;

  constructor(private readonly text: string, file: string) {
    this.lines = new LineMap(file, text);
  }

  private span(start: number, end: number = this.last): Span {
    return this.lines.span(start, end);
  }

  // ---- lexical layer (ohm's `space`: chars up to U+0020 and comments) ----

  private skip(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c <= 32 && this.pos < t.length) this.pos++;
      else if (c === 47 && t.charCodeAt(this.pos + 1) === 47) {
        const nl = t.indexOf("\n", this.pos);
        this.pos = nl < 0 ? t.length : nl;
      } else if (c === 47 && t.charCodeAt(this.pos + 1) === 42) {
        const close = t.indexOf("*/", this.pos + 2);
        if (close < 0) return; // an unterminated comment is not space: the next token fails
        this.pos = close + 2;
      } else return;
    }
  }

  private wordAt(p: number): string {
    const t = this.text;
    if (!isIdentStart(t.charCodeAt(p))) return "";
    let e = p + 1;
    while (isIdentPart(t.charCodeAt(e))) e++;
    return t.slice(p, e);
  }

  /** The keyword `w` here (a whole word), consumed; its start, or -1 when absent. */
  private kw(w: string): number {
    this.skip();
    if (!this.text.startsWith(w, this.pos) || isIdentPart(this.text.charCodeAt(this.pos + w.length))) return -1;
    const s = this.pos;
    this.pos += w.length;
    this.last = this.pos;
    return s;
  }

  private expectKw(w: string): number {
    const s = this.kw(w);
    return s < 0 ? fail() : s;
  }

  private peekKw(w: string): boolean {
    this.skip();
    return this.text.startsWith(w, this.pos) && !isIdentPart(this.text.charCodeAt(this.pos + w.length));
  }

  private sym(s: string): boolean {
    this.skip();
    if (!this.text.startsWith(s, this.pos)) return false;
    this.pos += s.length;
    this.last = this.pos;
    return true;
  }

  private expectSym(s: string): void {
    if (!this.sym(s)) fail();
  }

  private ident(): Name {
    this.skip();
    const w = this.wordAt(this.pos);
    if (!w || KEYWORDS.has(w)) fail();
    const s = this.pos;
    this.pos += w.length;
    this.last = this.pos;
    return { name: w, span: this.span(s) };
  }

  private isIdentHere(): boolean {
    this.skip();
    const w = this.wordAt(this.pos);
    return w !== "" && !KEYWORDS.has(w);
  }

  private string(): { value: string; start: number } {
    this.skip();
    const t = this.text;
    if (t.charCodeAt(this.pos) !== 34) fail();
    const s = this.pos;
    let p = s + 1;
    let out = "";
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 34) break;
      if (c === 92) {
        const n = t[p + 1];
        if (n === '"' || n === "\\") out += n;
        else if (n === "n") out += "\n";
        else fail();
        p += 2;
      } else if (c === 10 || p >= t.length) fail();
      else {
        out += t[p];
        p++;
      }
    }
    this.pos = p + 1;
    this.last = this.pos;
    return { value: out, start: s };
  }

  private digitsFrom(p: number): number {
    while (isDigit(this.text.charCodeAt(p))) p++;
    return p;
  }

  /** ohm's `integer`: "-"? digit+ (no check of what follows). */
  private integer(): number {
    this.skip();
    let p = this.pos;
    if (this.text.charCodeAt(p) === 45) p++;
    const d = this.digitsFrom(p);
    if (d === p) fail();
    const v = Number(this.text.slice(this.pos, d));
    this.pos = d;
    this.last = d;
    return v;
  }

  /** The end of a `number` token at `p` (after optional fraction and exponent), or -1. */
  private numberEnd(p: number): number {
    const t = this.text;
    if (t.charCodeAt(p) === 45) p++;
    const d = this.digitsFrom(p);
    if (d === p) return -1;
    let e = d;
    if (t.charCodeAt(e) === 46) {
      const f = this.digitsFrom(e + 1);
      if (f > e + 1) e = f;
    }
    const x = t.charCodeAt(e);
    if (x === 101 || x === 69) {
      let q = e + 1;
      const sign = t.charCodeAt(q);
      if (sign === 43 || sign === 45) q++;
      const f = this.digitsFrom(q);
      if (f > q) e = f;
    }
    return isIdentPart(t.charCodeAt(e)) ? -1 : e;
  }

  private date(): DateLit {
    this.skip();
    const t = this.text;
    const s = this.pos;
    const shape = [1, 1, 1, 1, 0, 1, 1, 0, 1, 1];
    for (let i = 0; i < 10; i++) {
      const c = t.charCodeAt(s + i);
      if (shape[i] ? !isDigit(c) : c !== 45) fail();
    }
    if (isIdentPart(t.charCodeAt(s + 10))) fail();
    this.pos = s + 10;
    this.last = this.pos;
    return { text: t.slice(s, s + 10), span: this.span(s) };
  }

  /** ohm's lexical `path`: ident ("." ident)*, no spaces inside. */
  private pathAt(p: number): number {
    const t = this.text;
    const first = this.wordAt(p);
    if (!first || KEYWORDS.has(first)) return -1;
    let e = p + first.length;
    for (;;) {
      if (t.charCodeAt(e) !== 46) return e;
      const w = this.wordAt(e + 1);
      if (!w || KEYWORDS.has(w)) return e;
      e += 1 + w.length;
    }
  }

  private pattern(): Pattern {
    this.skip();
    const s = this.pos;
    if (this.text.charCodeAt(s) === 42) {
      this.pos++;
      this.last = this.pos;
      return { kind: "all", span: this.span(s) };
    }
    const e = this.pathAt(s);
    if (e < 0) fail();
    const path = this.text.slice(s, e).split(".");
    if (this.text.startsWith(".*", e)) {
      this.pos = e + 2;
      this.last = this.pos;
      return { kind: "subtree", path, span: this.span(s) };
    }
    this.pos = e;
    this.last = e;
    return { kind: "exact", path, span: this.span(s) };
  }

  private list<T>(item: () => T): T[] {
    const out = [item()];
    for (;;) {
      const save = this.pos;
      const saveLast = this.last;
      if (!this.sym(",")) return out;
      // NonemptyListOf backtracks over a separator whose element fails; the caller then fails on it.
      try {
        out.push(item());
      } catch (e) {
        if (!(e instanceof Fail)) throw e;
        this.pos = save;
        this.last = saveLast;
        return out;
      }
    }
  }

  private patterns(): Pattern[] {
    return this.list(() => this.pattern());
  }

  private bodies(): Name[] {
    return this.list(() => this.ident());
  }

  // ---- conditions ----

  private literal(): Literal {
    this.skip();
    const s = this.pos;
    const e = this.numberEnd(s);
    if (e >= 0) {
      const text = this.text.slice(s, e);
      this.pos = e;
      this.last = e;
      return { kind: "number", value: Number(text), text, span: this.span(s) };
    }
    if (this.kw("true") >= 0) return { kind: "bool", value: true, span: this.span(s) };
    if (this.kw("false") >= 0) return { kind: "bool", value: false, span: this.span(s) };
    if (this.text.charCodeAt(s) === 34) {
      const str = this.string();
      return { kind: "string", value: str.value, span: this.span(s) };
    }
    const id = this.ident();
    return { kind: "ident", name: id.name, span: id.span };
  }

  private literalList(): Literal[] {
    this.expectSym("{");
    const out: Literal[] = [];
    this.skip();
    if (this.text.charCodeAt(this.pos) !== 125) out.push(...this.list(() => this.literal()));
    this.expectSym("}");
    return out;
  }

  private subject(): Subject {
    this.skip();
    const s = this.pos;
    if (this.peekKw("count")) {
      this.kw("count");
      this.expectSym("(");
      const id = this.ident();
      this.expectSym(")");
      return { kind: "count", name: id.name, nameSpan: id.span, span: this.span(s) };
    }
    const id = this.ident();
    return { kind: "fact", name: id.name, nameSpan: id.span, span: id.span };
  }

  private atom(): Ranged<Cond> {
    this.skip();
    const s = this.pos;
    if (this.sym("(")) {
      const inner = this.cond();
      this.expectSym(")");
      return { node: inner.node, start: s, end: this.last };
    }
    const subject = this.subject();
    const afterSubject = this.pos;
    const afterLast = this.last;
    if (this.kw("not") >= 0) {
      if (this.kw("in") >= 0) {
        const values = this.literalList();
        return { node: { kind: "in", subject, negated: true, values, span: this.span(s) }, start: s, end: this.last };
      }
      // `x not …` is not an atom continuation: leave `not` for the caller (which will fail on it).
      this.pos = afterSubject;
      this.last = afterLast;
      return { node: { kind: "bare", subject, span: subject.span }, start: s, end: afterLast };
    }
    if (this.kw("in") >= 0) {
      const values = this.literalList();
      return { node: { kind: "in", subject, negated: false, values, span: this.span(s) }, start: s, end: this.last };
    }
    if (this.kw("contains") >= 0) {
      const value = this.literal();
      return { node: { kind: "contains", subject, value, span: this.span(s) }, start: s, end: this.last };
    }
    this.skip();
    for (const op of CMP_OPS) {
      if (this.text.startsWith(op, this.pos)) {
        this.pos += op.length;
        this.last = this.pos;
        const value = this.literal();
        return { node: { kind: "cmp", subject, op, value, span: this.span(s) }, start: s, end: this.last };
      }
    }
    return { node: { kind: "bare", subject, span: subject.span }, start: s, end: subject.span.end };
  }

  private notCond(): Ranged<Cond> {
    this.skip();
    const s = this.pos;
    if (this.kw("not") >= 0) {
      const inner = this.notCond();
      return { node: { kind: "not", item: inner.node, span: this.span(s, inner.end) }, start: s, end: inner.end };
    }
    return this.atom();
  }

  private chain(kind: "and" | "or", next: () => Ranged<Cond>): Ranged<Cond> {
    const first = next();
    if (!this.peekKw(kind)) return first;
    const items = [first.node];
    let end = first.end;
    while (this.kw(kind) >= 0) {
      const n = next();
      items.push(n.node);
      end = n.end;
    }
    return { node: { kind, items, span: this.span(first.start, end) }, start: first.start, end };
  }

  private cond(): Ranged<Cond> {
    return this.chain("or", () => this.chain("and", () => this.notCond()));
  }

  private when(): Cond | undefined {
    if (this.kw("when") < 0) return undefined;
    return this.cond().node;
  }

  // ---- declarations ----

  private factType(): FactType {
    this.skip();
    const s = this.pos;
    const w = this.wordAt(s);
    switch (w) {
      case "bool":
        this.kw("bool");
        return { kind: "bool", span: this.span(s) };
      case "number":
        this.kw("number");
        return { kind: "number", span: this.span(s) };
      case "int": {
        this.kw("int");
        this.skip();
        const c = this.text.charCodeAt(this.pos);
        if (isDigit(c) || (c === 45 && isDigit(this.text.charCodeAt(this.pos + 1)))) {
          const min = this.integer();
          this.expectSym("..");
          const max = this.integer();
          return { kind: "int", min, max, span: this.span(s) };
        }
        return { kind: "int", span: this.span(s) };
      }
      case "enum": {
        this.kw("enum");
        this.expectSym("{");
        const values = this.bodies();
        this.expectSym("}");
        return { kind: "inline-enum", values, span: this.span(s) };
      }
      case "set": {
        this.kw("set");
        this.expectKw("of");
        const of = this.ident();
        return { kind: "set", of, span: this.span(s) };
      }
      default: {
        const name = this.ident();
        return { kind: "named", name, span: name.span };
      }
    }
  }

  private domainNode(): DomainNode {
    const name = this.ident();
    let children: DomainNode[] = [];
    let braces = false;
    if (this.sym("{")) {
      braces = true;
      children = this.domainNodes();
      this.expectSym("}");
    }
    const end = this.last;
    this.sym(",");
    return { name, children, braces, span: this.span(name.span.start, end) };
  }

  private domainNodes(): DomainNode[] {
    const out: DomainNode[] = [];
    while (this.isIdentHere()) out.push(this.domainNode());
    return out;
  }

  private body(s: number): BodyDecl {
    const id = this.ident();
    this.skip();
    const displayName = this.text.charCodeAt(this.pos) === 34 ? this.string().value : undefined;
    this.expectSym("{");
    const props: BodyProp[] = [];
    for (;;) {
      this.skip();
      const p = this.pos;
      if (this.kw("layer") >= 0) props.push({ kind: "layer", layer: this.ident(), span: this.span(p) });
      else if (this.kw("covers") >= 0) props.push({ kind: "covers", cond: this.cond().node, span: this.span(p) });
      else if (this.kw("competence") >= 0) props.push({ kind: "competence", patterns: this.patterns(), span: this.span(p) });
      else break;
    }
    this.expectSym("}");
    const b: BodyDecl = { kind: "body", id, props, span: this.span(s) };
    if (displayName !== undefined) b.displayName = displayName;
    return b;
  }

  private tail(): TailPart[] {
    const out: TailPart[] = [];
    for (;;) {
      this.skip();
      const p = this.pos;
      if (this.kw("effective") >= 0) out.push({ kind: "effective", date: this.date(), span: this.span(p) });
      else if (this.kw("until") >= 0) out.push({ kind: "until", date: this.date(), span: this.span(p) });
      else if (this.kw("because") >= 0) out.push({ kind: "because", text: this.string().value, span: this.span(p) });
      else return out;
    }
  }

  /** patterns, optional `when`, then the rest of the clause, then the tail; spans from the keyword. */
  private clause<T extends Clause>(s: number, build: (patterns: Pattern[], when: Cond | undefined) => Omit<T, "tail" | "span" | "keywordSpan" | "patterns" | "when">, whenRequired = false): T {
    const keywordSpan = this.span(s);
    const patterns = this.patterns();
    const when = this.when();
    if (whenRequired && !when) fail();
    const rest = build(patterns, when);
    const tail = this.tail();
    const c = { ...rest, patterns, tail, span: this.span(s), keywordSpan } as unknown as T;
    if (when) (c as { when?: Cond }).when = when;
    return c;
  }

  private grants(): Grant[] {
    const out: Grant[] = [];
    for (;;) {
      this.skip();
      const p = this.pos;
      if (this.kw("approve") >= 0) out.push({ role: "approve", bodies: this.bodies(), span: this.span(p) });
      else if (this.kw("notify") >= 0) out.push({ role: "notify", bodies: this.bodies(), span: this.span(p) });
      else break;
    }
    if (!out.length) fail();
    return out;
  }

  private example(s: number): ExampleDecl {
    const keywordSpan = this.span(s);
    const name = this.string().value;
    this.expectSym("{");
    this.expectKw("deploy");
    this.skip();
    const ps = this.pos;
    const pe = this.pathAt(ps);
    if (pe < 0) fail();
    this.pos = pe;
    this.last = pe;
    const pathText = this.text.slice(ps, pe);
    const domain = { name: pathText, path: pathText.split("."), span: this.span(ps) };
    let bindings: Binding[] = [];
    if (this.kw("with") >= 0) bindings = this.list(() => this.binding());
    let at: DateLit | undefined;
    if (this.kw("at") >= 0) at = this.date();
    const expects: Expectation[] = [];
    while (this.kw("expect") >= 0) expects.push(this.expectation());
    this.expectSym("}");
    const ex: ExampleDecl = { kind: "example", name, domain, bindings, expects, span: this.span(s), keywordSpan };
    if (at) ex.at = at;
    return ex;
  }

  private binding(): Binding {
    const fact = this.ident();
    this.expectSym("=");
    this.skip();
    const vs = this.pos;
    let value: Binding["value"];
    if (this.sym("{")) {
      const values: Name[] = [];
      this.skip();
      if (this.text.charCodeAt(this.pos) !== 125) values.push(...this.bodies());
      this.expectSym("}");
      value = { kind: "set", values, span: this.span(vs) };
    } else value = this.literal();
    return { fact, value, span: this.span(fact.span.start) };
  }

  private expectation(): Expectation {
    this.skip();
    const s = this.pos;
    if (this.kw("verdict") >= 0) {
      this.skip();
      const v = VERDICTS.find((x) => this.text.startsWith(x, this.pos)) ?? fail();
      this.pos += v.length;
      this.last = this.pos;
      return { kind: "verdict", verdict: v, span: this.span(s) };
    }
    for (const kind of ["approve", "notify"] as const) {
      if (this.kw(kind) >= 0) {
        const bodies = this.kw("none") >= 0 ? [] : this.bodies();
        return { kind, bodies, span: this.span(s) };
      }
    }
    this.expectKw("escalation");
    this.expectKw("to");
    const layer = this.ident();
    return { kind: "escalation", layer, span: this.span(s) };
  }

  private item(): Item | undefined {
    this.skip();
    const s = this.pos;
    const w = this.wordAt(s);
    if (!w) return undefined;
    switch (w) {
      case "layers": {
        this.kw(w);
        this.expectSym("{");
        const layers = [this.ident()];
        while (this.sym("<")) layers.push(this.ident());
        this.expectSym("}");
        return { kind: "layers", layers, span: this.span(s) };
      }
      case "enum": {
        this.kw(w);
        const name = this.ident();
        this.expectSym("{");
        const values = this.bodies();
        this.expectSym("}");
        return { kind: "enum", name, values, span: this.span(s) };
      }
      case "facts": {
        this.kw(w);
        this.expectSym("{");
        const facts: FactDecl[] = [];
        while (this.isIdentHere()) {
          const name = this.ident();
          this.expectSym(":");
          const type = this.factType();
          facts.push({ name, type, span: this.span(name.span.start) });
        }
        this.expectSym("}");
        return { kind: "facts", facts, span: this.span(s) };
      }
      case "domains": {
        this.kw(w);
        this.expectSym("{");
        const roots = this.domainNodes();
        this.expectSym("}");
        return { kind: "domains", roots, span: this.span(s) };
      }
      case "body":
        this.kw(w);
        return this.body(s);
      case "delegate":
        this.kw(w);
        return this.clause(s, () => {
          this.expectKw("to");
          return { kind: "delegate", to: this.ident() };
        });
      case "govern":
        this.kw(w);
        return this.clause(s, () => ({ kind: "govern", grants: this.grants() }));
      case "escalate":
        this.kw(w);
        return this.clause(
          s,
          () => {
            this.expectKw("to");
            const to = this.ident();
            const role = this.kw("approve") >= 0 ? "approve" : this.kw("notify") >= 0 ? "notify" : undefined;
            return role ? { kind: "escalate", to, role } : { kind: "escalate", to };
          },
          true,
        );
      case "prohibit":
      case "exempt":
        this.kw(w);
        return this.clause(s, () => ({ kind: w }));
      case "joint": {
        this.kw(w);
        const keywordSpan = this.span(s);
        const bodies = this.bodies();
        this.expectKw("on");
        return { ...this.clause(s, () => ({ kind: "joint", bodies })), keywordSpan };
      }
      case "precedence": {
        this.kw(w);
        const keywordSpan = this.span(s);
        const winner = this.ident();
        this.expectKw("over");
        const loser = this.ident();
        this.expectKw("on");
        return { ...this.clause(s, () => ({ kind: "precedence", winner, loser })), keywordSpan };
      }
      case "guardrail":
        this.kw(w);
        return this.guardrail(s);
      case "example":
        this.kw(w);
        return this.example(s);
      default:
        return undefined;
    }
  }

  private guardrail(s: number): Clause {
    const keywordSpan = this.span(s);
    const str = this.string();
    const nameSpan = this.span(str.start);
    this.expectKw("require");
    this.skip();
    const rs = this.pos;
    let require: Requirement;
    if (this.kw("layer") >= 0) require = { kind: "layer", layer: this.ident(), span: this.span(rs) };
    else if (this.kw("competence") >= 0) require = { kind: "competence", span: this.span(rs) };
    else {
      const count = this.integer();
      if (this.kw("layers") >= 0) require = { kind: "layers", count, span: this.span(rs) };
      else if (this.kw("approvers") >= 0) require = { kind: "approvers", count, span: this.span(rs) };
      else return fail();
    }
    const scope = this.kw("on") >= 0 ? this.patterns() : undefined;
    const when = this.when();
    const tail = this.tail();
    const g = {
      kind: "guardrail" as const,
      name: str.value,
      nameSpan,
      require,
      patterns: scope ?? [{ kind: "all" as const, span: keywordSpan }],
      tail,
      ...(when ? { when } : {}),
      explicitScope: scope !== undefined,
      span: this.span(s),
      keywordSpan,
    };
    return g;
  }

  file(): CharterFile {
    this.skip();
    const s = this.pos;
    let header: Header;
    if (this.kw("constitution") >= 0) header = { kind: "constitution", title: this.string().value, span: this.span(s) };
    else if (this.kw("charter") >= 0) {
      const title = this.string().value;
      this.expectKw("by");
      header = { kind: "charter", title, by: this.ident(), span: this.span(s) };
    } else return fail();
    const items: Item[] = [];
    for (;;) {
      const it = this.item();
      if (!it) break;
      items.push(it);
    }
    this.skip();
    if (this.pos !== this.text.length) fail();
    return { file: this.lines.file, header, items, span: this.span(s) };
  }
}

/** The AST of well-formed text, or undefined when the text is not (then ohm reports why). */
export function fastParse(text: string, file: string): CharterFile | undefined {
  try {
    return new Parser(text, file).file();
  } catch (e) {
    if (e instanceof Fail) return undefined;
    throw e;
  }
}
