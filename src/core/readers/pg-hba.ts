/**
 * `pg_hba.conf` records (DRIVERS.md §17): the connection type decides whether TLS is
 * required, the method how clients authenticate. One row per type and per method.
 */
import type { MessageIdOf } from '../messages.js';
import type { Environment, FixIntent, Range } from '../model.js';
import type { Verdict } from '../verdicts.js';

const HBA = 'PostgreSQL server (pg_hba.conf)';

/** One field of a record, as the front-end tokenised it. */
export interface HbaField {
  text: string;
  range: Range;
  quoted: boolean;
}

const HOST_TYPES = new Set(['host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc']);
/** Methods that carry the password in clear text from client to server (PostgreSQL docs, auth-methods). */
const CLEARTEXT_METHODS = new Set(['password', 'ldap', 'radius', 'pam', 'bsd']);

type AuthMessage = MessageIdOf<'no-weak-db-auth'>;

/** What each method means for a local record and for a TCP record (undefined: nothing weak). */
const METHODS: Readonly<
  Record<string, { local?: AuthMessage; tcp?: AuthMessage; hostssl?: AuthMessage }>
> = {
  trust: { local: 'hbaTrustLocal', tcp: 'hbaTrust', hostssl: 'hbaTrust' },
  md5: { local: 'hbaMd5Local', tcp: 'hbaMd5', hostssl: 'hbaMd5' },
  ident: { tcp: 'hbaIdentOverTcp', hostssl: 'hbaIdentOverTcp' },
  ...Object.fromEntries([...CLEARTEXT_METHODS].map((m) => [m, { tcp: 'hbaCleartext' as const }])),
};

const toHostssl = (type: HbaField): FixIntent[] => [
  {
    description: `Change ${type.text.toLowerCase()} to hostssl`,
    edits: [{ range: type.range, text: 'hostssl' }],
    safe: false,
  },
];

export function readHbaRecords(
  records: readonly HbaField[][],
  environment: Environment,
): Verdict[] {
  const out: Verdict[] = [];
  for (const fields of records) {
    const type = fields[0];
    if (!type || type.quoted) continue;
    const t = type.text.toLowerCase();
    if (t.startsWith('include')) continue; // include, include_if_exists, include_dir: another file
    let methodIndex: number;
    let loopback: boolean;
    let address = '';
    if (t === 'local') {
      methodIndex = 3;
      loopback = true;
    } else if (HOST_TYPES.has(t)) {
      const addr = fields[3];
      if (!addr) continue;
      address = addr.text;
      // An IPv4/IPv6 address without a prefix takes its mask from the next field.
      const mask = fields[4]?.text;
      const separateMask =
        !address.includes('/') &&
        /^[0-9a-f.:]+$/i.test(address) &&
        /[.:]/.test(address) &&
        mask !== undefined &&
        /^[0-9a-f.:]+$/i.test(mask) &&
        /[.:]/.test(mask);
      methodIndex = separateMask ? 5 : 4;
      loopback = isLoopbackAddress(address, separateMask ? mask : undefined);
    } else continue;
    const method = fields[methodIndex];
    if (!method) continue;
    const m = method.text.toLowerCase();
    const base = { environment, explicit: false, literal: true, loopback };
    if (t === 'host' || t === 'hostnogssenc' || t === 'hostnossl') {
      out.push({
        ...base,
        kind: 'tls-off',
        message:
          t === 'hostnossl'
            ? { id: 'hbaOnlyPlaintext', data: { driver: HBA, address, secure: 'hostssl' } }
            : {
                id: 'hbaAllowsPlaintext',
                data: { driver: HBA, type: t, address, secure: 'hostssl' },
              },
        setting: t,
        range: type.range,
        fixes: toHostssl(type),
      });
    }
    const row = Object.hasOwn(METHODS, m) ? METHODS[m] : undefined;
    const id = t === 'local' ? row?.local : t === 'hostssl' ? row?.hostssl : row?.tcp;
    if (!id) continue;
    out.push({
      ...base,
      kind: 'weak-auth',
      message: {
        id,
        data: { address, method: m, secure: 'scram-sha-256 (or cert) on a hostssl line' },
      } as Verdict['message'],
      setting: m,
      range: method.range,
      fixes: [
        {
          description: 'Use scram-sha-256',
          edits: [{ range: method.range, text: 'scram-sha-256' }],
          safe: false,
        },
      ],
    });
  }
  return out;
}

/** 127.0.0.0/8, ::1/128, `localhost`, `samehost` (the server's own addresses). */
export function isLoopbackAddress(address: string, mask?: string): boolean {
  const a = address.toLowerCase();
  if (a === 'localhost' || a === 'samehost') return true;
  const [ip, prefixText] = a.split('/') as [string, string | undefined];
  let prefix = prefixText === undefined ? undefined : Number(prefixText);
  if (mask !== undefined) prefix = maskBits(mask);
  if (/^127\.\d+\.\d+\.\d+$/.test(ip)) return prefix === undefined || prefix >= 8;
  if (ip === '::1') return prefix === undefined || prefix === 128;
  return false;
}

function maskBits(mask: string): number | undefined {
  const parts = mask.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255))
    return mask === 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' ? 128 : undefined;
  let bits = 0;
  for (const p of parts) bits += p.toString(2).replace(/0/g, '').length;
  return bits;
}
