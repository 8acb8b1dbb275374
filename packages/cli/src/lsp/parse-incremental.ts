// Incremental parsing of one edited file: ohm's matcher keeps its memo table between matches, and
// `replaceInputRange` invalidates only the entries an edit touches, so re-matching after a keystroke
// costs about the edited item, not the file. Mirrors packages/lang/src/syntax/parse.ts's use of toAst.
import { grammar, parse, toAst, type ParseResult } from "@charter/lang";

type Matcher = ReturnType<typeof grammar.matcher>;

/** One file's parser: feed it edits, ask for the AST or the syntax diagnostic. */
export class IncrementalParser {
  private readonly matcher: Matcher = grammar.matcher();

  constructor(text: string) {
    this.matcher.setInput(text);
  }

  /** Replace the text between offsets `start` and `end` (of the current text) with `text`. */
  edit(start: number, end: number, text: string): void {
    this.matcher.replaceInputRange(start, end, text);
  }

  /** Replace the whole text (a full-document change). */
  reset(text: string): void {
    this.matcher.setInput(text);
  }

  get text(): string {
    return this.matcher.getInput();
  }

  /** Parse the current text; same result as `parse(text, file)`. */
  parse(file: string): ParseResult {
    const match = this.matcher.match();
    if (match.succeeded()) return { ast: toAst(match, file, this.text), diagnostics: [] };
    // The syntax diagnostic (expected tokens, hints, unclosed braces) is built by parse.ts from a
    // fresh match; only failing texts pay for it, and a file being fixed soon parses again.
    return parse(this.text, file);
  }
}
