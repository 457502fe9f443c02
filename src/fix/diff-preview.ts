/**
 * `--fix-dry-run`: a unified diff of what `--fix` would write. Secrets never reach it:
 * every password span of the file is masked on both sides before diffing.
 */
import { createTwoFilesPatch } from 'diff';
import { urlsInText } from '../core/connection-strings.js';
import { parseConnectionUrl } from '../core/connection-url.js';
import { maskSecret } from '../core/secrets.js';

/**
 * Replaces known secret spans with `*` of the same length, so fix edits (offsets into the
 * original) apply unchanged to the masked text. Only the length shows, as POLICY allows.
 */
export function maskSpans(text: string, spans: readonly (readonly [number, number])[]): string {
  const valid = spans.filter(([start, end]) => start >= 0 && end <= text.length && end > start);
  if (valid.length === 0) return text;
  // One copy of the text, not one per span: a file can hold thousands of passwords.
  const masked = new Uint8Array(text.length);
  for (const [start, end] of valid) masked.fill(1, start, end);
  let out = '';
  let runStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const boundary = i === text.length || masked[i] !== masked[runStart];
    if (!boundary) continue;
    out += masked[runStart] ? '*'.repeat(i - runStart) : text.slice(runStart, i);
    runStart = i;
  }
  return out;
}

/**
 * A safety net over whole text: the password of any connection string and the value of
 * `password`-like keys are masked, whether or not the scan reported them.
 */
export function maskSecretsInText(text: string): string {
  let out = '';
  let copied = 0;
  for (const url of urlsInText(text)) {
    const parsed = parseConnectionUrl(url.text);
    if (!parsed) continue;
    let masked = url.text;
    for (const c of [...parsed.credentials].sort((a, b) => b.start - a.start))
      masked = masked.slice(0, c.start) + '***' + masked.slice(c.end);
    out += text.slice(copied, url.index) + masked;
    copied = url.index + url.text.length;
  }
  out += text.slice(copied);
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
