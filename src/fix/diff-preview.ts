/**
 * `--fix-dry-run`: a unified diff of what `--fix` would write. Secrets never reach it:
 * every password span of the file is masked on both sides before diffing.
 */
import { createTwoFilesPatch } from 'diff';
import { parseConnectionUrl } from '../core/connection-url.js';
import { maskSecret } from '../core/secrets.js';

/**
 * Replaces known secret spans with `*` of the same length, so fix edits (offsets into the
 * original) apply unchanged to the masked text. Only the length shows, as POLICY allows.
 */
export function maskSpans(text: string, spans: readonly (readonly [number, number])[]): string {
  let out = text;
  for (const [start, end] of spans) {
    if (start >= 0 && end <= out.length && end > start)
      out = out.slice(0, start) + '*'.repeat(end - start) + out.slice(end);
  }
  return out;
}

/**
 * A safety net over whole text: the password of any connection string and the value of
 * `password`-like keys are masked, whether or not the scan reported them.
 */
export function maskSecretsInText(text: string): string {
  const out = text.replace(/[a-z][a-z0-9+.:-]*:\/\/[^\s'"`<>]+/gi, (url) => {
    const parsed = parseConnectionUrl(url);
    if (!parsed) return url;
    let masked = url;
    for (const c of [...parsed.credentials].sort((a, b) => b.start - a.start))
      masked = masked.slice(0, c.start) + '***' + masked.slice(c.end);
    return masked;
  });
  return out.replace(
    /\b((?:[A-Z0-9_]*PASS(?:WORD)?|[a-z]*[pP]assword|passwd|pwd|PWD|secret|SECRET)['"]?\s*[:=]\s*['"]?)([^'"\s,;}]+)/g,
    (_m, key: string, value: string) =>
      `${key}${value.startsWith('${') || value.startsWith('process.env') || value.startsWith('os.environ') || value.startsWith('env(') ? value : maskSecret(value)}`,
  );
}

/** Both texts must already have their known secrets masked with `maskSpans`. */
export function diffPreview(
  relativePath: string,
  maskedBefore: string,
  maskedAfter: string,
): string {
  return createTwoFilesPatch(
    `a/${relativePath}`,
    `b/${relativePath}`,
    maskSecretsInText(maskedBefore),
    maskSecretsInText(maskedAfter),
    undefined,
    undefined,
    { context: 1 },
  );
}
