import type { Finding } from '../model.js';
import type { Observation } from '../observations.js';
import { isReportable, toFinding, type CheckContext } from './shared.js';

/** Scanner only (pg_hba.conf, postgresql.conf): server-side authentication that is no authentication or weak. */
export function checkNoWeakDbAuth(
  observations: readonly Observation[],
  context: CheckContext,
): Finding[] {
  return observations
    .filter((o) => o.kind === 'weak-auth' && isReportable(o, context))
    .map((o) => toFinding('no-weak-db-auth', 'weakAuth', o));
}
