/**
 * Process-wide switches (POLICY: in scope because they also weaken every database
 * connection): `NODE_TLS_REJECT_UNAUTHORIZED`, `NODE_OPTIONS`' TLS flags and
 * `tls.DEFAULT_MIN_VERSION`, whether set in code or in an env file.
 */
import type { Environment, Guards, Range, Value } from '../model.js';
import { alternatives, stringOf } from '../values.js';
import type { Verdict } from '../verdicts.js';
import type { TlsVersion } from '../vocabulary.js';
import { weakCipherTokens } from './node-tls.js';
import type { ScalarJudgement } from './scalar.js';

const NO_OVERRIDE = 'no override (a `ca` for private CAs)';

/** `NODE_TLS_REJECT_UNAUTHORIZED=0` in an env file: Node compares with the exact string '0'. */
export function readRejectUnauthorizedVariable(
  judgement: ScalarJudgement,
  entryRange: Range | undefined,
): void {
  if (judgement.literal.value !== '0') return;
  judgement.observe(
    'verification-disabled',
    { id: 'processWide', data: { secure: NO_OVERRIDE } },
    {
      // Removing the line changes behaviour (connections to self-signed servers start failing): a suggestion only.
      fixes: entryRange
        ? [
            {
              description: 'Remove NODE_TLS_REJECT_UNAUTHORIZED (configure a CA instead)',
              edits: [{ range: entryRange, text: '' }],
              safe: false,
            },
          ]
        : [],
    },
  );
}

/** `--tls-min-v1.0`, `--tls-max-v1.2` and `--tls-cipher-list=` in `NODE_OPTIONS`. */
export function readNodeOptions(judgement: ScalarJudgement): void {
  const driver = 'Node';
  const raw = String(judgement.literal.value);
  for (const m of raw.matchAll(/(?<=^|\s)--tls-(min|max)-v1\.([0-3])(?=\s|$)/g)) {
    const minor = Number(m[2]);
    const isMin = m[1] === 'min';
    // Every version below TLS 1.3 is a verdict; the check compares it with the project minimum.
    if (minor === 3) continue;
    const version: TlsVersion = minor === 0 ? 'TLSv1' : (`TLSv1.${minor}` as TlsVersion);
    const end = m.index + m[0].length;
    judgement.observe(
      'weak-tls-version',
      {
        id: isMin ? 'nodeOptionsAllows' : 'nodeOptionsForces',
        data: {
          driver,
          flag: m[0],
          version,
          secure: 'no --tls-min-v1.x/--tls-max-v1.2 flag',
        },
      },
      {
        range: judgement.sub(m.index, end),
        tlsVersion: version,
        fixes: judgement.edit(m.index, end, '', `Remove ${m[0]} from NODE_OPTIONS`, false),
      },
    );
  }
  for (const m of raw.matchAll(/(?<=^|\s)--tls-cipher-list=(\S+)/g)) {
    const weak = weakCipherTokens(m[1]!.replace(/^['"]|['"]$/g, ''));
    if (weak.length === 0) continue;
    judgement.observe(
      'weak-ciphers',
      {
        id: 'nodeOptionsWeakCiphers',
        data: {
          driver,
          ciphers: weak.join(', '),
          secure: "Node's default cipher list (no --tls-cipher-list)",
        },
      },
      { range: judgement.sub(m.index, m.index + m[0].length) },
    );
  }
}

export interface ProcessAssignment {
  /** What is assigned: `process.env.NODE_TLS_REJECT_UNAUTHORIZED` or `tls.DEFAULT_MIN_VERSION`. */
  target: 'NODE_TLS_REJECT_UNAUTHORIZED' | 'tls.DEFAULT_MIN_VERSION';
  value: Value;
  range: Range;
  environment: Environment;
  guards: Guards;
  minimumTlsVersion: TlsVersion;
}

/** An assignment in code: `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'`, `tls.DEFAULT_MIN_VERSION = 'TLSv1'`. */
export function readProcessAssignment(assignment: ProcessAssignment): Verdict[] {
  const { value, range, environment } = assignment;
  const base = { range, explicit: false, literal: true, loopback: false, fixes: [] };
  if (assignment.target === 'NODE_TLS_REJECT_UNAUTHORIZED') {
    return alternatives(value, environment, assignment.guards)
      .filter((alt) => alt.value.kind === 'literal' && String(alt.value.value) === '0')
      .map((alt) => ({
        ...base,
        kind: 'verification-disabled',
        message: { id: 'processWide', data: { secure: NO_OVERRIDE } },
        setting: 'NODE_TLS_REJECT_UNAUTHORIZED',
        environment: alt.environment,
      }));
  }
  const text = stringOf(value);
  if (text !== 'TLSv1' && text !== 'TLSv1.1') return [];
  return [
    {
      ...base,
      kind: 'weak-tls-version',
      message: {
        id: 'processMinimumLowered',
        data: {
          driver: "Node's tls",
          value: text,
          secure: `tls.DEFAULT_MIN_VERSION = '${assignment.minimumTlsVersion}' (the default)`,
        },
      },
      setting: 'tls.DEFAULT_MIN_VERSION',
      environment,
      tlsVersion: text,
    },
  ];
}
