/** Where a node came from: file, half-open offsets [start, end), 1-based line and column. */
export interface Span {
  file: string;
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Maps offsets to 1-based line/column with a precomputed line table (ohm's own lookup rescans the text). */
export class LineMap {
  private readonly starts: number[] = [0];
  constructor(readonly file: string, readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
  lineText(line: number): string {
    const s = this.starts[line - 1] ?? this.text.length;
    const e = this.starts[line] ?? this.text.length + 1;
    return this.text.slice(s, e - 1).replace(/\r$/, "");
  }
  get lineCount(): number {
    return this.starts.length;
  }
  span(start: number, end: number): Span {
    const a = this.position(start);
    const b = this.position(end);
    return { file: this.file, start, end, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
}
