import type { Finding } from '../model.js';
import { isBelow } from '../readers/libpq.js';
import type { Verdict } from '../verdicts.js';
import { isReportable, toFinding, type CheckContext } from './shared.js';

export function checkNoWeakSslmode(verdicts: readonly Verdict[], context: CheckContext): Finding[] {
  const minimum = context.options.minimumSslmode;
  return (
    verdicts
      .filter((v) => v.kind === 'weak-sslmode' || v.kind === 'invalid-tls-value')
      .filter((v) => isReportable(v, context))
      // Judged against the project's minimum: `require` passes when the minimum is lowered to it.
      .filter(
        (v) =>
          v.kind === 'invalid-tls-value' || v.sslmode === undefined || isBelow(v.sslmode, minimum),
      )
      .map((v) => toFinding(v, context, v.kind === 'weak-sslmode' ? { minimum } : {}))
  );
}
