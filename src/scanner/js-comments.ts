/**
 * The comments of a JS/TS file without parsing it (issue 11): a file that fails the
 * keyword gate can hold no finding, yet its `eslint-disable` / `secure-db-disable`
 * comments may still need reporting (unused, unknown rule). Parsing it for them cost a
 * sixth of a real application's scan; this reads them in one linear pass instead.
 *
 * The lexer knows just enough JavaScript to tell a comment from the inside of a string,
 * a template literal (with `${…}` nesting) or a regular expression literal. Whether `/`
 * starts a regular expression or divides is decided, as in every hand-written JS
 * tokenizer, from the token before it. JSX text is not modelled; an apostrophe there opens
 * a "string" that ends at the line end, so at worst a comment on that same line is missed.
 */

export interface LexedComment {
  type: 'Line' | 'Block';
  /** The text between the delimiters, as ESTree's `Comment.value`. */
  value: string;
  range: [number, number];
}

/** Keywords after which `/` starts a regular expression (`return /x/.test(s)`). */
const KEYWORDS_BEFORE_EXPRESSION = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

const isIdentifierChar = (code: number) =>
  (code >= 97 && code <= 122) || // a-z
  (code >= 65 && code <= 90) || // A-Z
  (code >= 48 && code <= 57) || // 0-9
  code === 36 || // $
  code === 95 || // _
  code > 127;

const isLineBreak = (code: number) =>
  code === 10 || code === 13 || code === 0x2028 || code === 0x2029;

export function lexComments(text: string): LexedComment[] {
  const comments: LexedComment[] = [];
  const length = text.length;
  /** Whether a `/` here would start a regular expression (no value token just before). */
  let regexAllowed = true;
  /** Brace depths at which an open `${` of a template literal closes. */
  const templateDepths: number[] = [];
  let braceDepth = 0;
  let i = 0;
  // A hashbang line is not a comment ESLint reads directives from.
  if (text.startsWith('#!')) while (i < length && !isLineBreak(text.charCodeAt(i))) i++;

  /** Scans template characters from `i` to the closing backtick or a `${`. */
  const scanTemplate = () => {
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === 92)
        i += 2; // \
      else if (c === 96) {
        i++; // closing `
        regexAllowed = false;
        return;
      } else if (c === 36 && text.charCodeAt(i + 1) === 123) {
        i += 2; // ${
        templateDepths.push(braceDepth);
        braceDepth++;
        regexAllowed = true;
        return;
      } else i++;
    }
  };

  while (i < length) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c === 47 && next === 47) {
      // `// …` up to the line end.
      const start = i;
      i += 2;
      while (i < length && !isLineBreak(text.charCodeAt(i))) i++;
      comments.push({ type: 'Line', value: text.slice(start + 2, i), range: [start, i] });
    } else if (c === 47 && next === 42) {
      const start = i;
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? length : close + 2;
      // An unterminated block comment is a syntax error: no comment, as a parse would say.
      if (close !== -1)
        comments.push({ type: 'Block', value: text.slice(start + 2, close), range: [start, i] });
    } else if (c === 47) {
      if (regexAllowed) skipRegex();
      else i++;
      regexAllowed = !regexAllowed; // after a regex a value; after `/` an operand
    } else if (c === 39 || c === 34) {
      skipString(c);
      regexAllowed = false;
    } else if (c === 96) {
      i++;
      scanTemplate();
    } else if (c === 123) {
      braceDepth++;
      i++;
      regexAllowed = true;
    } else if (c === 125) {
      braceDepth--;
      i++;
      if (templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === braceDepth) {
        templateDepths.pop();
        scanTemplate();
      } else regexAllowed = true; // end of a block: a statement may follow
    } else if (c === 41 || c === 93) {
      i++; // ) ]
      regexAllowed = false;
    } else if (isIdentifierChar(c)) {
      const start = i;
      while (i < length && isIdentifierChar(text.charCodeAt(i))) i++;
      regexAllowed = KEYWORDS_BEFORE_EXPRESSION.has(text.slice(start, i));
    } else if (c === 32 || c === 9 || isLineBreak(c)) {
      i++;
    } else {
      i++; // punctuation and operators
      regexAllowed = true;
    }
  }
  return comments;

  /** From an opening quote past the closing one; a string never spans an unescaped line break. */
  function skipString(quote: number) {
    i++;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === 92) i += 2;
      else if (c === quote) {
        i++;
        return;
      } else if (c === 10 || c === 13) return;
      else i++;
    }
  }

  /** From an opening `/` past the flags; a regex never spans a line break. */
  function skipRegex() {
    i++;
    let inClass = false;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === 92) i += 2;
      else if (isLineBreak(c)) return;
      else if (c === 91 || c === 93) {
        inClass = c === 91; // [ … ]: a `/` inside a class does not close
        i++;
      } else if (c === 47 && !inClass) {
        i++;
        while (i < length && isIdentifierChar(text.charCodeAt(i))) i++;
        return;
      } else i++;
    }
  }
}
