/**
 * The syntax tree the secure-db languages give ESLint: one `ConfigFile` root per file and
 * the file's directive comments. The findings come from the front-end's model of the file
 * (what the scanner judges), not from nodes, so the tree carries no more than ESLint needs:
 * a root to visit, locations, and the comments that hold `eslint-disable` or
 * `secure-db-disable` directives.
 */

/** The languages, named after the scanner's front-ends. */
export type LanguageName = 'dotenv' | 'yaml' | 'python' | 'prisma' | 'postgres-conf' | 'json';

export interface Position {
  line: number;
  column: number;
}

export interface Location {
  start: Position;
  end: Position;
}

export interface CommentNode {
  type: 'Comment';
  /** The text after the comment token (`#`, `//`), to the end of the line. */
  value: string;
  range: [number, number];
  loc: Location;
}

export interface ConfigFileNode {
  type: 'ConfigFile';
  /** Which language read the file. */
  language: LanguageName;
  range: [number, number];
  loc: Location;
  /** Comments that may hold directives (not traversed). */
  comments: CommentNode[];
}

export type SecureDbNode = ConfigFileNode | CommentNode;

export const VISITOR_KEYS: Record<string, string[]> = { ConfigFile: [], Comment: [] };

/** 1-based lines and columns; a line ends at CRLF, LF or a lone CR (as the scanner counts). */
export class Lines {
  readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  location(range: readonly [number, number]): Location {
    return { start: this.position(range[0]), end: this.position(range[1]) };
  }
}

/**
 * The directive comments of a file: the comment token at the start of a line or after white
 * space (so `http://` and `a#b` are not comments) followed by `eslint…` or
 * `secure-db-disable…` — the scanner's rule for its own directives (scanner/suppressions.ts).
 */
export function directiveComments(
  text: string,
  token: '#' | '//' | null,
  lines: Lines,
): CommentNode[] {
  if (!token || !/eslint|secure-db-disable/.test(text)) return [];
  const re =
    token === '#'
      ? /(^|[ \t])(#+[ \t]*)(?=eslint|secure-db-disable)([^\r\n]*)/gm
      : /(^|[ \t])(\/{2,}[ \t]*)(?=eslint|secure-db-disable)([^\r\n]*)/gm;
  const comments: CommentNode[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + (m[1]?.length ?? 0);
    const range: [number, number] = [start, m.index + m[0].length];
    comments.push({ type: 'Comment', value: m[3] ?? '', range, loc: lines.location(range) });
  }
  return comments;
}
