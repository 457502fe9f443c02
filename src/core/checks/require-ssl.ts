import type { Finding } from '../model.js';
import type { Observation } from '../observations.js';
import { isReportable, toFinding, type CheckContext } from './shared.js';

const MESSAGE = {
  'tls-off': 'tlsOff',
  'tls-ignored': 'tlsIgnored',
  'tls-unresolved': 'tlsUnresolved',
} as const;

export function checkRequireSsl(
  observations: readonly Observation[],
  context: CheckContext,
): Finding[] {
  return (
    observations
      .filter(
        (o) => o.kind === 'tls-off' || o.kind === 'tls-ignored' || o.kind === 'tls-unresolved',
      )
      .filter((o) => isReportable(o, context))
      // Code that does not set TLS at all cannot be judged: only `strict` asks for it.
      .filter((o) => o.kind !== 'tls-unresolved' || context.options.profile === 'strict')
      .map((o) => toFinding('require-ssl', MESSAGE[o.kind as keyof typeof MESSAGE], o))
  );
}
