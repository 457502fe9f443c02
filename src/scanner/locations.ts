/** Offsets → 1-based lines and columns, with columns in UTF-16 code units (as ESLint). */

/** ESLint's line breaks for JS/TS (`\u2028` and `\u2029` count, as in the language). */
const JS_LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;
/** Every other format: CRLF, LF, lone CR. */
const TEXT_LINE_BREAK = /\r\n|[\r\n]/g;

export class LineIndex {
  /** Offset of the first character of each line. */
  readonly starts: number[] = [0];

  constructor(text: string, javascript = false) {
    const re = new RegExp(javascript ? JS_LINE_BREAK : TEXT_LINE_BREAK);
    for (let m = re.exec(text); m; m = re.exec(text)) this.starts.push(m.index + m[0].length);
  }

  /** 1-based line of an offset. */
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based line and column. */
  position(offset: number): { line: number; column: number } {
    const line = this.line(offset);
    return { line, column: offset - this.starts[line - 1]! + 1 };
  }
}
