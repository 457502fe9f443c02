import type { Finding } from '../model.js';
import type { Observation } from '../observations.js';
import { isReportable, toFinding, type CheckContext } from './shared.js';

export function checkNoDisabledCertVerification(
  observations: readonly Observation[],
  context: CheckContext,
): Finding[] {
  return observations
    .filter((o) => o.kind === 'verification-disabled' || o.kind === 'host-unchecked')
    .filter((o) => isReportable(o, context))
    .map((o) =>
      toFinding(
        'no-disabled-cert-verification',
        o.driver === ''
          ? 'processWide'
          : o.kind === 'host-unchecked'
            ? 'hostUnchecked'
            : 'verificationDisabled',
        o,
      ),
    );
}
