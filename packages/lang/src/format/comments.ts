// Comments are `space` in the grammar, so the AST never sees them; the formatter finds them here
// in the raw text and re-attaches them to printed lines by source offset (see attach.ts).

export interface Comment {
  /** The comment as written, delimiters included (a line comment excludes its newline). */
  text: string;
  /** Half-open source offsets [start, end). */
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /** Nothing but whitespace before it on its line. */
  ownLine: boolean;
}

/**
 * Every `//` and `/* *\/` comment in `text`, in source order. String literals are skipped (with
 * `\"` escapes) so `"a // b"` is not a comment; an unterminated string stops at the end of its
 * line, as in the grammar. Meant for text that parsed; on other text it still terminates.
 */
export function scanComments(text: string): Comment[] {
  const out: Comment[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === "\n") {
      line++;
      lineStart = ++i;
    } else if (ch === '"') {
      i++;
      while (i < n && text[i] !== '"' && text[i] !== "\n") i += text[i] === "\\" && text[i + 1] !== "\n" ? 2 : 1;
      if (text[i] === '"') i++;
    } else if (ch === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) {
      const start = i;
      const ownLine = text.slice(lineStart, start).trim() === "";
      const startLine = line;
      if (text[i + 1] === "/") {
        const nl = text.indexOf("\n", i);
        i = nl < 0 ? n : nl;
      } else {
        const close = text.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
        // A block comment may span lines: keep the line count and line start in step.
        for (let k = start; k < i; k++) {
          if (text.charCodeAt(k) === 10) {
            line++;
            lineStart = k + 1;
          }
        }
      }
      out.push({ text: text.slice(start, i), start, end: i, line: startLine, ownLine });
    } else {
      i++;
    }
  }
  return out;
}

/** A comment as the formatter prints it: CRLF → LF (a lone CR stays: it does not end a line comment), no trailing whitespace on any of its lines. */
export function normalizeComment(text: string): string {
  return text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n");
}
