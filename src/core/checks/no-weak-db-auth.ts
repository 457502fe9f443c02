import type { Finding } from '../model.js';
import type { Verdict } from '../verdicts.js';
import { isReportable, toFinding, type CheckContext } from './shared.js';

/** Scanner only (pg_hba.conf, postgresql.conf): server-side authentication that is no authentication or weak. */
export function checkNoWeakDbAuth(verdicts: readonly Verdict[], context: CheckContext): Finding[] {
  return verdicts
    .filter((v) => v.kind === 'weak-auth' && isReportable(v, context))
    .map((v) => toFinding(v, context));
}
