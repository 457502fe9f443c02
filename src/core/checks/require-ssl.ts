import type { Finding } from '../model.js';
import type { Verdict } from '../verdicts.js';
import { isReportable, toFinding, type CheckContext } from './shared.js';

export function checkRequireSsl(verdicts: readonly Verdict[], context: CheckContext): Finding[] {
  return (
    verdicts
      .filter(
        (v) => v.kind === 'tls-off' || v.kind === 'tls-ignored' || v.kind === 'tls-unresolved',
      )
      .filter((v) => isReportable(v, context))
      // Code that does not set TLS at all cannot be judged: only `strict` asks for it.
      .filter((v) => v.kind !== 'tls-unresolved' || context.options.profile === 'strict')
      .map((v) => toFinding(v, context))
  );
}
