import type { Finding } from '../model.js';
import type { Verdict } from '../verdicts.js';
import { isTlsVersionBelow } from '../vocabulary.js';
import { toFinding, type CheckContext } from './shared.js';

/** Weak protocol versions are reported everywhere, test files included (POLICY); example files report only secrets. */
export function checkMinTlsVersion(verdicts: readonly Verdict[], context: CheckContext): Finding[] {
  const minimum = context.options.minimumTlsVersion;
  if (context.file.isExample) return [];
  return verdicts
    .filter(
      (v) =>
        v.kind === 'weak-ciphers' ||
        (v.kind === 'weak-tls-version' && isTlsVersionBelow(v.tlsVersion ?? 'TLSv1', minimum)),
    )
    .map((v) => toFinding(v, context, v.kind === 'weak-tls-version' ? { minimum } : {}));
}
