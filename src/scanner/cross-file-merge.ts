/**
 * How the scanner merges one file's per-file (estree) findings with the cross-file pass's
 * findings for the same file (the contract described in cross-file.ts):
 *
 * 1. Per-file transport findings inside a URL literal the cross-file pass judged with its
 *    consumer's semantics are replaced by the consumer's verdict (credentials are kept).
 * 2. Per-file `require-ssl` "TLS is not set in code" (strict only) at a driver call whose
 *    imported config the cross-file pass resolved is dropped: it is set, elsewhere.
 * 3. Then one finding per (ruleId, range): the per-file one wins a tie, so a file keeps
 *    the exact findings ESLint gives for it wherever both passes agree.
 */
import type { Finding, Range } from '../core/model.js';
import type { CrossFileResult } from './cross-file.js';

const URL_VERDICT_RULES = new Set<Finding['ruleId']>([
  'require-ssl',
  'no-weak-sslmode',
  'no-disabled-cert-verification',
]);

export function mergeCrossFileFindings(
  relativePath: string,
  perFile: readonly Finding[],
  cross: CrossFileResult,
): Finding[] {
  const claimed = cross.claimedUrls.get(relativePath) ?? [];
  const resolvedCalls = cross.resolvedCalls.get(relativePath) ?? [];
  const added = cross.findings.get(relativePath) ?? [];
  if (claimed.length === 0 && resolvedCalls.length === 0 && added.length === 0) return [...perFile];
  const inside = (r: Range, outer: Range) => r[0] >= outer[0] && r[1] <= outer[1];
  const kept = perFile.filter((f) => {
    if (URL_VERDICT_RULES.has(f.ruleId) && claimed.some((c) => inside(f.range, c))) return false;
    if (
      f.ruleId === 'require-ssl' &&
      (f.messageId === 'tlsNotInCode' || f.messageId === 'tlsNotInCodeUrlFromEnvironment') &&
      resolvedCalls.some((c) => c[0] === f.range[0] && c[1] === f.range[1])
    )
      return false;
    return true;
  });
  const key = (f: Finding) => `${f.ruleId}:${f.range[0]}:${f.range[1]}`;
  const seen = new Set(kept.map(key));
  const merged = [...kept];
  for (const f of added) {
    if (seen.has(key(f))) continue;
    seen.add(key(f));
    merged.push(f);
  }
  return merged.sort((a, b) => a.range[0] - b.range[0] || a.ruleId.localeCompare(b.ruleId));
}
