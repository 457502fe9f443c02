/** Offsets → 1-based lines and columns, with columns in UTF-16 code units (as ESLint). */

/** The 0-based index of the line holding `offset`, by binary search over the line starts. */
export function lineIndexAt(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

export class LineIndex {
  readonly #text: string;
  readonly #javascript: boolean;
  #starts: number[] | undefined;

  /** Lines are found on first use: most files have no finding to place. */
  constructor(text: string, javascript = false) {
    this.#text = text;
    this.#javascript = javascript;
  }

  /**
   * Offset of the first character of each line. Breaks: CRLF, LF, lone CR; for JS/TS also
   * `\u2028` and `\u2029`, as ESLint counts them (the language does).
   */
  get starts(): number[] {
    if (this.#starts) return this.#starts;
    const starts = [0];
    const text = this.#text;
    const javascript = this.#javascript;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (javascript && (c === 0x2028 || c === 0x2029))) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    return (this.#starts = starts);
  }

  /** 1-based line of an offset. */
  line(offset: number): number {
    return lineIndexAt(this.starts, offset) + 1;
  }

  /** 1-based line and column. */
  position(offset: number): { line: number; column: number } {
    const line = this.line(offset);
    return { line, column: offset - this.starts[line - 1]! + 1 };
  }
}
