/**
 * The env-file front-end: `.env`, `.env.*`, `*.env`, example variants and direnv's
 * `.envrc`, read with dotenv's syntax and lowered into `EnvAssignment`s for
 * `core/assess-env.ts`. No policy here: the core judges names, values and environments.
 *
 * The `dotenv` package gives values but no offsets, so this is a small line parser with
 * dotenv's rules (checked against dotenv 16's LINE expression):
 * - `KEY=value`, `export KEY=value`, `KEY: value`; keys are `[A-Za-z0-9_.-]+`;
 * - single, double and backtick quotes; a quoted value may span lines; in double quotes
 *   `\n` and `\r` are escapes (the value is then not verbatim); a quote preceded by a
 *   backslash does not close;
 * - `#` starts a comment on its own line, or after an unquoted value when preceded by
 *   whitespace (docker compose and python-dotenv need the space; node dotenv does not,
 *   but a value cut short would hide the secret, so the longer reading is kept);
 * - CRLF line endings; the BOM is already stripped by the scanner.
 * Every step moves forward through the text, and quote searches are memoised, so the
 * parse is linear in the file size whatever the input.
 */
import type { EnvAssignment } from '../../core/env-settings.js';
import { commentSecrets } from '../../core/connection-strings.js';
import type { PasswordCandidate } from '../../core/credentials.js';
import type { LiteralValue, Range } from '../../core/model.js';
import type { Frontend, FrontendOutput, SourceFile } from '../types.js';
import { remedyOnlyPrinter } from '../shared/printers.js';

/** Code and data files that merely start with `.env.` belong to other front-ends. */
const OTHER_FORMATS =
  /\.(?:[cm]?[jt]sx?|json5?|ya?ml|toml|py|rb|sh|bash|zsh|ps1|md|txt|d\.ts|vault|gpg|enc|age|lock)$/i;

/** Whether a path is an env file (by base name). */
export function isEnvFile(relativePath: string): boolean {
  if (!/env/i.test(relativePath)) return false; // cheap rejection: runs for every discovered file
  const base = relativePath.replaceAll('\\', '/').split('/').at(-1) ?? '';
  if (base === '.env' || base === '.envrc') return true;
  if (/^\.env[._-][^/]+$/i.test(base)) return !OTHER_FORMATS.test(base); // .env.production, .env-sample, .env_local
  if (/^env\.(?:sample|example|template|dist|local|production|development|test)$/i.test(base))
    return true;
  return /^[^.][^/]*\.env$/i.test(base); // production.env, sample.env
}

export interface DotenvParse {
  assignments: EnvAssignment[];
  /** Comment texts and where they start (full-line and inline). */
  comments: { start: number; end: number }[];
}

/** Finds the closing quote; memoised so that repeated failing searches stay linear. */
class QuoteFinder {
  readonly #memo = new Map<string, { from: number; found: number }>();
  constructor(readonly text: string) {}

  find(quote: string, from: number): number {
    const memo = this.#memo.get(quote);
    if (memo && from >= memo.from && (memo.found === -1 || from <= memo.found)) return memo.found;
    let i = from;
    let found = -1;
    for (;;) {
      i = this.text.indexOf(quote, i);
      if (i === -1) break;
      if (quote !== "'" && this.text.charCodeAt(i - 1) === 92 /* \ */) {
        i++;
        continue;
      }
      found = i;
      break;
    }
    this.#memo.set(quote, { from, found });
    return found;
  }
}

const KEY_CHAR = /[A-Za-z0-9_.-]/;

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\v' || c === '\f';
}

export function parseDotenv(text: string): DotenvParse {
  const assignments: EnvAssignment[] = [];
  const comments: { start: number; end: number }[] = [];
  const quotes = new QuoteFinder(text);
  const n = text.length;
  let pos = 0;
  const lineEnd = (from: number) => {
    const nl = text.indexOf('\n', from);
    return nl === -1 ? n : nl;
  };
  while (pos < n) {
    let eol = lineEnd(pos);
    const next = eol + 1;
    let i = pos;
    while (i < eol && (isBlank(text[i]) || text[i] === '\r')) i++;
    if (i >= eol) {
      pos = next;
      continue;
    }
    if (text[i] === '#') {
      comments.push({ start: i, end: trimCr(text, i, eol) });
      pos = next;
      continue;
    }
    const lineStart = pos;
    if (text.startsWith('export', i) && isBlank(text[i + 6])) {
      i += 6;
      while (i < eol && isBlank(text[i])) i++;
    }
    const keyStart = i;
    while (i < eol && KEY_CHAR.test(text[i]!)) i++;
    const keyEnd = i;
    while (i < eol && isBlank(text[i])) i++;
    const separator = text[i];
    if (
      keyEnd === keyStart ||
      !(separator === '=' || (separator === ':' && isBlank(text[i + 1])))
    ) {
      pos = next; // not an assignment (a shell command in .envrc, garbage): ignored, as dotenv does
      continue;
    }
    i++;
    while (i < eol && isBlank(text[i])) i++;
    const name = text.slice(keyStart, keyEnd);
    const q = text[i];
    let value: LiteralValue;
    let entryEnd: number;
    if (q === '"' || q === "'" || q === '`') {
      const close = quotes.find(q, i + 1);
      if (close !== -1) {
        const contentStart = i + 1;
        const raw = text.slice(contentStart, close);
        let decoded = raw;
        if (q === '"') decoded = raw.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
        // dotenv normalises CRLF inside multi-line values.
        decoded = decoded.replace(/\r\n?/g, '\n');
        value = {
          kind: 'literal',
          value: decoded,
          range: [i, close + 1],
          contentStart,
          verbatim: decoded === raw,
        };
        eol = lineEnd(close);
        // An inline comment after the closing quote.
        let j = close + 1;
        while (j < eol && isBlank(text[j])) j++;
        if (text[j] === '#') comments.push({ start: j, end: trimCr(text, j, eol) });
        entryEnd = eol;
        assignments.push({
          name,
          value,
          nameRange: [keyStart, keyEnd],
          entryRange: entryRange(text, lineStart, entryEnd),
        });
        pos = eol + 1;
        continue;
      }
      // No closing quote: dotenv reads the rest of the line as an unquoted value.
    }
    // Unquoted: up to a `#` preceded by whitespace, trimmed.
    let end = trimCr(text, i, eol);
    let comment = -1;
    for (let j = i; j < end; j++) {
      if (text[j] === '#' && (j === i || isBlank(text[j - 1]))) {
        comment = j;
        break;
      }
    }
    if (comment !== -1) {
      comments.push({ start: comment, end });
      end = comment;
    }
    while (end > i && isBlank(text[end - 1])) end--;
    value = {
      kind: 'literal',
      value: text.slice(i, end),
      range: [i, end],
      contentStart: i,
      verbatim: true,
    };
    assignments.push({
      name,
      value,
      nameRange: [keyStart, keyEnd],
      entryRange: entryRange(text, lineStart, eol),
    });
    pos = next;
  }
  return { assignments, comments };
}

function trimCr(text: string, start: number, eol: number): number {
  return eol > start && text[eol - 1] === '\r' ? eol - 1 : eol;
}

/** The line including its line break, for a "remove this line" suggestion. */
function entryRange(text: string, start: number, eol: number): Range {
  return [start, eol < text.length ? eol + 1 : eol];
}

export const dotenvFrontend: Frontend = {
  // A password in an env file belongs outside the committed file.
  printer: () => remedyOnlyPrinter(),
  name: 'dotenv',
  commentToken: '#',
  matches: isEnvFile,
  analyze(source: SourceFile, context): FrontendOutput {
    try {
      if (looksBinary(source.text)) {
        return {
          model: {},
          diagnostics: [
            {
              file: source.relativePath,
              message: 'Skipped: the file looks binary, not like an env file',
            },
          ],
        };
      }
      const { assignments, comments } = parseDotenv(source.text);
      const commented: PasswordCandidate[] = [];
      for (const c of comments)
        commented.push(
          ...commentSecrets(
            source.text.slice(c.start + 1, c.end),
            c.start + 1,
            context.file.environment,
            'env file',
          ),
        );
      return {
        model: { envGroups: [{ assignments, label: 'env file' }], passwords: commented },
        diagnostics: [],
      };
    } catch (error) {
      return {
        model: {},
        diagnostics: [
          {
            file: source.relativePath,
            message: `Internal error while reading the env file: ${(error as Error).name}`,
            kind: 'internal',
          },
        ],
      };
    }
  },
};

/** NUL bytes or many replacement characters: not text. */
function looksBinary(text: string): boolean {
  const sample = text.length > 8192 ? text.slice(0, 8192) : text;
  if (sample.includes('\u0000')) return true;
  let bad = 0;
  for (const ch of sample) if (ch === '\uFFFD') bad++;
  return sample.length > 0 && bad / sample.length > 0.1;
}
