import type { Finding } from '../model.js';
import type { Verdict } from '../verdicts.js';
import { isReportable, toFinding, type CheckContext } from './shared.js';

export function checkNoDisabledCertVerification(
  verdicts: readonly Verdict[],
  context: CheckContext,
): Finding[] {
  return verdicts
    .filter((v) => v.kind === 'verification-disabled' || v.kind === 'host-unchecked')
    .filter((v) => isReportable(v, context))
    .map((v) => toFinding(v, context));
}
