import type { Finding } from '../model.js';
import type { Observation } from '../observations.js';
import { isBelow } from '../sslmode.js';
import { isReportable, toFinding, type CheckContext } from './shared.js';

export function checkNoWeakSslmode(
  observations: readonly Observation[],
  context: CheckContext,
): Finding[] {
  const minimum = context.options.minimumSslmode;
  return (
    observations
      .filter((o) => o.kind === 'weak-sslmode' || o.kind === 'invalid-tls-value')
      .filter((o) => isReportable(o, context))
      // Judged against the project's minimum: `require` passes when the minimum is lowered to it.
      .filter(
        (o) =>
          o.kind === 'invalid-tls-value' || o.sslmode === undefined || isBelow(o.sslmode, minimum),
      )
      .map((o) =>
        toFinding(
          'no-weak-sslmode',
          o.kind === 'invalid-tls-value' ? 'invalidTlsValue' : 'weakSslmode',
          o,
          { minimum },
        ),
      )
  );
}
