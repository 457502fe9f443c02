/**
 * A connection string found in any file, outside a driver site ("free"): its passwords are
 * credentials wherever it sits, and, unless a site already judged it with its consumer's
 * semantics, its TLS is judged by the scheme's default consumer (DRIVERS §1: libpq).
 * One implementation for every front-end (JS/TS, JSON, Python, comments of all formats).
 */
import {
  connectionStringLabel,
  isLoopbackHost,
  parseConnectionUrl,
  type ConnectionUrl,
} from './connection-url.js';
import type { PasswordCandidate } from './credentials.js';
import type { Environment, LiteralValue } from './model.js';
import { defaultSemantics, readUrl, type UrlSemantics } from './readers/url.js';
import type { Verdict } from './verdicts.js';

export interface FreeConnectionString {
  verdicts: Verdict[];
  passwords: PasswordCandidate[];
}

export interface FreeUrlOptions {
  environment: Environment;
  /** A site already judged this literal with its consumer: report its credentials only. */
  claimed?: boolean;
  /** The default consumer when the scheme's is not wanted (Python: only libpq-style URLs). */
  semantics?: (url: ConnectionUrl) => UrlSemantics | undefined;
}

const MAX_LENGTH = 10_000;

export function judgeFreeConnectionString(
  literal: LiteralValue,
  options: FreeUrlOptions,
): FreeConnectionString {
  const result: FreeConnectionString = { verdicts: [], passwords: [] };
  const text = literal.value;
  if (
    typeof text !== 'string' ||
    text.length > MAX_LENGTH ||
    (!text.includes('://') && !text.includes('='))
  )
    return result;
  const url = parseConnectionUrl(text);
  if (!url) return result;
  const loopback = url.hosts.length > 0 && url.hosts.every(isLoopbackHost);
  const driver = connectionStringLabel(url);
  for (const credential of url.credentials) {
    result.passwords.push({
      secret: credential.value,
      range:
        literal.verbatim && literal.contentStart !== undefined
          ? [literal.contentStart + credential.start, literal.contentStart + credential.end]
          : literal.range,
      holder: { kind: 'url' },
      driver,
      environment: options.environment,
      loopback,
      inComment: false,
      ...(url.user ? { user: url.user } : {}),
    });
  }
  if (options.claimed) return result;
  const semantics = options.semantics ? options.semantics(url) : defaultSemantics(url);
  if (!semantics) return result;
  result.verdicts = readUrl(semantics, {
    literal,
    url,
    environment: options.environment,
    explicit: false,
    driver,
    optionMayEnableTls: false,
  }).verdicts;
  return result;
}

/** A URL written in free text: where it starts and its text. */
export interface UrlInText {
  index: number;
  text: string;
}

const isSchemeStart = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isSchemeChar = (c: number) =>
  isSchemeStart(c) ||
  (c >= 0x30 && c <= 0x39) ||
  c === 0x2b /* + */ ||
  c === 0x2e /* . */ ||
  c === 0x3a /* : */ ||
  c === 0x2d; /* - */
const endsUrl = (c: number) =>
  c === 0x27 /* ' */ ||
  c === 0x22 /* " */ ||
  c === 0x60 /* ` */ ||
  c === 0x3c /* < */ ||
  c === 0x3e /* > */ ||
  c === 0x20 ||
  (c >= 0x09 && c <= 0x0d) ||
  (c >= 0x80 && /\s/.test(String.fromCharCode(c)));

/**
 * Every `scheme://rest` in `text`, left to right, as the regex
 * `/[a-z][a-z0-9+.:-]*:\/\/[^\s'"`<>]+/gi` would find them, in linear time: that regex tries
 * every letter as a scheme start and runs to the end of a long word each time (quadratic on
 * a 100 KB word). Here each `://` is found once, its scheme is read backwards (a scheme
 * has no `/`, so two schemes never share characters) and its rest forwards.
 */
export function* urlsInText(text: string): Generator<UrlInText> {
  let from = 0;
  for (;;) {
    const separator = text.indexOf('://', from);
    if (separator < 0) return;
    let schemeStart = separator;
    while (schemeStart > from && isSchemeChar(text.charCodeAt(schemeStart - 1))) schemeStart--;
    // The leftmost start is the first letter of the run.
    while (schemeStart < separator && !isSchemeStart(text.charCodeAt(schemeStart))) schemeStart++;
    if (schemeStart === separator || separator + 3 >= text.length) {
      from = separator + 1;
      continue;
    }
    // The rest is only read once a scheme is found, and then consumed: no character is
    // read forwards twice.
    let end = separator + 3;
    while (end < text.length && !endsUrl(text.charCodeAt(end))) end++;
    if (end === separator + 3) {
      from = separator + 1;
      continue;
    }
    yield { index: schemeStart, text: text.slice(schemeStart, end) };
    from = end;
  }
}

const PASSWORD_PAIR =
  /(?:\b(?:password|passwd|pwd)|\b[A-Z][A-Z0-9_]*_(?:PASSWORD|PASS|PWD)|\bPGPASSWORD)\s*[:=]\s*['"]?([^\s'",;]+)/gi;

const MEMBER_PATH = /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+$/;

/** A password written in free text, with the driver its URL names (if any). */
export interface PasswordInText {
  secret: string;
  start: number;
  end: number;
  url?: ConnectionUrl;
}

/**
 * Connection strings with a password and `password=` / `password:` pairs in free text, in
 * time linear in its length. Token patterns, not structure: free text has none.
 */
export function passwordsInText(text: string): PasswordInText[] {
  const out: PasswordInText[] = [];
  for (const match of urlsInText(text)) {
    const url = parseConnectionUrl(match.text);
    if (!url) continue;
    for (const c of url.credentials)
      out.push({ secret: c.value, start: match.index + c.start, end: match.index + c.end, url });
  }
  for (const match of text.matchAll(PASSWORD_PAIR)) {
    const secret = match[1]!;
    // Commented-out code (`password: request.auth.password`) names a value, it holds none.
    if (MEMBER_PATH.test(secret)) continue;
    const start = match.index + match[0].length - secret.length;
    out.push({ secret, start, end: start + secret.length });
  }
  return out;
}

/**
 * Secrets written in a comment (POLICY: real-looking ones are reported, comments included).
 * `text` is the comment's text and `offset` where it starts in the file.
 */
export function commentSecrets(
  text: string,
  offset: number,
  environment: Environment,
  driver = 'comment',
): PasswordCandidate[] {
  if (text.length > 100_000) return [];
  return passwordsInText(text).map((found) => ({
    environment,
    loopback: false,
    inComment: true,
    holder: { kind: 'comment' } as const,
    driver: found.url ? connectionStringLabel(found.url) : driver,
    secret: found.secret,
    range: [offset + found.start, offset + found.end] as const,
    ...(found.url?.user ? { user: found.url.user } : {}),
  }));
}
