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

const URL_IN_TEXT = /[a-z][a-z0-9+.:-]*:\/\/[^\s'"`<>]+/gi;
const PASSWORD_PAIR =
  /(?:\b(?:password|passwd|pwd)|\b[A-Z][A-Z0-9_]*_(?:PASSWORD|PASS|PWD)|\bPGPASSWORD)\s*[:=]\s*['"]?([^\s'",;]+)/gi;

const MEMBER_PATH = /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+$/;

/**
 * Secrets written in a comment (POLICY: real-looking ones are reported, comments included):
 * connection strings with a password and `password=` / `password:` pairs. `text` is the
 * comment's text and `offset` where it starts in the file. Token patterns, not structure:
 * a comment has none.
 */
export function commentSecrets(
  text: string,
  offset: number,
  environment: Environment,
  driver = 'comment',
): PasswordCandidate[] {
  const out: PasswordCandidate[] = [];
  if (text.length > 100_000) return out;
  const base = {
    environment,
    loopback: false,
    inComment: true,
    holder: { kind: 'comment' } as const,
  };
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = parseConnectionUrl(match[0]);
    if (!url) continue;
    for (const c of url.credentials) {
      out.push({
        ...base,
        driver: connectionStringLabel(url),
        secret: c.value,
        range: [offset + match.index + c.start, offset + match.index + c.end],
        ...(url.user ? { user: url.user } : {}),
      });
    }
  }
  for (const match of text.matchAll(PASSWORD_PAIR)) {
    const secret = match[1]!;
    // Commented-out code (`password: request.auth.password`) names a value, it holds none.
    if (MEMBER_PATH.test(secret)) continue;
    const start = offset + match.index + match[0].length - secret.length;
    out.push({ ...base, driver, secret, range: [start, start + secret.length] });
  }
  return out;
}
