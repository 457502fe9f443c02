import type { Finding } from '../model.js';
import type { Observation } from '../observations.js';
import { describeEnvironment } from '../policy.js';
import { toFinding, type CheckContext } from './shared.js';

const ORDER = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** Weak protocol versions are reported everywhere, test files included (POLICY); example files report only secrets. */
export function checkMinTlsVersion(
  observations: readonly Observation[],
  context: CheckContext,
): Finding[] {
  const minimum = context.options.minimumTlsVersion;
  if (context.file.isExample) return [];
  return observations
    .filter((o) => o.kind === 'weak-tls-version' || o.kind === 'weak-ciphers')
    .filter(
      (o) =>
        o.kind === 'weak-ciphers' ||
        ORDER.indexOf(o.tlsVersion ?? 'TLSv1') < ORDER.indexOf(minimum),
    )
    .map((o) => {
      const finding = toFinding(
        'min-tls-version',
        o.kind === 'weak-ciphers' ? 'weakCiphers' : 'weakTlsVersion',
        o,
        { minimum },
      );
      // Observations name TLS 1.2, the default minimum; a project minimum of TLS 1.3 is the secure value instead.
      if (minimum !== 'TLSv1.2') {
        const raise = (text: string) => text.replaceAll('TLSv1.2', minimum);
        finding.data.secure = raise(finding.data.secure ?? '');
        finding.fixes = finding.fixes.map((f) => ({
          ...f,
          description: raise(f.description),
          edits: f.edits.map((e) => ({ ...e, text: raise(e.text) })),
        }));
      }
      finding.data.environment = describeEnvironment(o.environment);
      return finding;
    });
}
