/**
 * libpq's `sslmode` (POLICY "sslmode order and the minimum", DRIVERS.md §1): the table of
 * modes, and the reader for what hands a mode to libpq or reads it libpq's way — a
 * connection string (node-postgres' own reading included), `PGSSLMODE`, the protocol
 * version variables. Django's OPTIONS use the same table (readers/django.ts).
 */
import { shownSettingValue } from '../secrets.js';
import { message } from '../messages.js';
import type { VerdictKind } from '../verdicts.js';
import { parseTlsVersion, type SslmodeValue, type TlsVersion } from '../vocabulary.js';
import type { ScalarJudgement } from './scalar.js';
import type { UrlJudgement } from './url-judgement.js';

export { SSLMODE_ORDER, type Sslmode, type SslmodeValue } from '../vocabulary.js';

type WeakMode = 'Allow' | 'Prefer' | 'Require' | 'VerifyCa';

interface SslmodeRow {
  /**
   * On a half-step scale so that `no-verify` (TLS without any certificate check) sits
   * strictly between `prefer` (may fall back to plaintext) and `require` (POLICY: "no-verify
   * counts as below require").
   */
  rank: number;
  kind?: VerdictKind;
  /** What the mode does, as each way of writing it says so. */
  messages?: {
    /** `sslmode=prefer` in a URL read by libpq, `sslmode 'prefer'` in Django. */
    plain: `sslmode${WeakMode}`;
    /** The same, when a fallback of an environment read: "unless X is set". */
    unlessSet: `sslmode${WeakMode}UnlessSet`;
    /** A URL read by node-postgres, which reads weak modes as verify-full today. */
    pgUrl: `pgUrlSslmode${WeakMode}`;
    /** `PGSSLMODE`, read by libpq and node-postgres. */
    pgEnv: `pgsslmode${WeakMode}`;
  };
}

export const SSLMODES: Readonly<Record<SslmodeValue, SslmodeRow>> = {
  disable: { rank: 0, kind: 'tls-off' },
  allow: {
    rank: 2,
    kind: 'weak-sslmode',
    messages: {
      plain: 'sslmodeAllow',
      unlessSet: 'sslmodeAllowUnlessSet',
      pgUrl: 'pgUrlSslmodeAllow',
      pgEnv: 'pgsslmodeAllow',
    },
  },
  prefer: {
    rank: 4,
    kind: 'weak-sslmode',
    messages: {
      plain: 'sslmodePrefer',
      unlessSet: 'sslmodePreferUnlessSet',
      pgUrl: 'pgUrlSslmodePrefer',
      pgEnv: 'pgsslmodePrefer',
    },
  },
  'no-verify': { rank: 5, kind: 'verification-disabled' },
  require: {
    rank: 6,
    kind: 'weak-sslmode',
    messages: {
      plain: 'sslmodeRequire',
      unlessSet: 'sslmodeRequireUnlessSet',
      pgUrl: 'pgUrlSslmodeRequire',
      pgEnv: 'pgsslmodeRequire',
    },
  },
  'verify-ca': {
    rank: 8,
    kind: 'weak-sslmode',
    messages: {
      plain: 'sslmodeVerifyCa',
      unlessSet: 'sslmodeVerifyCaUnlessSet',
      pgUrl: 'pgUrlSslmodeVerifyCa',
      pgEnv: 'pgsslmodeVerifyCa',
    },
  },
  'verify-full': { rank: 10 },
};

/**
 * Parses a libpq / node-postgres sslmode value, case-insensitive and trimmed (libpq itself
 * is case-sensitive, so `REQUIRE` is an error there: a reader that reports "invalid value"
 * compares the raw spelling with the result). Undefined for anything that is not an sslmode
 * (`true`, `verify_full`, `VerifyFull`, ...).
 */
export function parseSslmode(value: string): SslmodeValue | undefined {
  const v = value.trim().toLowerCase();
  return Object.hasOwn(SSLMODES, v) ? (v as SslmodeValue) : undefined;
}

/** Negative when `a` is weaker than `b`, 0 when equal, positive when stronger. */
export function compareSslmode(a: SslmodeValue, b: SslmodeValue): number {
  return Math.sign(SSLMODES[a].rank - SSLMODES[b].rank);
}

/** True when `mode` is weaker than `minimum` (POLICY's default minimum is `verify-full`). */
export function isBelow(mode: SslmodeValue, minimum: SslmodeValue): boolean {
  return compareSslmode(mode, minimum) < 0;
}

const URL_SECURE = 'sslmode=verify-full';
/** Parameters that turn node-postgres' own TLS on and replace its `ssl` option (DRIVERS §2). */
const PG_TLS_PARAMS = ['sslmode', 'sslrootcert', 'sslcert', 'sslkey'];

/** A URL read by libpq, or by node-postgres (`pg`: its own reading of the same parameters). */
export function readLibpqUrl(judgement: UrlJudgement, semantics: 'pg' | 'libpq'): void {
  const { driver, optionMayEnableTls } = judgement.reading;
  const result = judgement.result;
  const sslmode = judgement.param('sslmode');
  result.overridesOption =
    semantics === 'pg' && PG_TLS_PARAMS.some((p) => judgement.url.params.has(p));
  const fix = (description = 'Set sslmode=verify-full in the connection string') =>
    judgement.fixParams([['sslmode', 'verify-full']], description);
  if (sslmode !== undefined) {
    result.decidesTls = true;
    const mode = parseSslmode(sslmode);
    if (mode === undefined) {
      judgement.observe(
        'invalid-tls-value',
        'sslmode',
        {
          id: 'invalidUrlSslmode',
          data: { driver, value: shownSettingValue(sslmode), secure: URL_SECURE },
        },
        { fixes: fix() },
      );
      return;
    }
    const row = SSLMODES[mode];
    const setting = `sslmode=${mode}`;
    if (mode === 'no-verify') {
      judgement.observe(
        'verification-disabled',
        'sslmode',
        { id: 'settingDisablesVerification', data: { driver, setting, secure: URL_SECURE } },
        { sslmode: mode, fixes: fix() },
      );
    } else if (mode === 'disable') {
      judgement.observe(
        'tls-off',
        'sslmode',
        { id: 'settingTurnsTlsOff', data: { driver, setting, secure: URL_SECURE } },
        { fixes: fix() },
      );
    } else if (row.messages) {
      judgement.observe(
        'weak-sslmode',
        'sslmode',
        message(semantics === 'pg' ? row.messages.pgUrl : row.messages.plain, {
          driver,
          setting,
          secure: URL_SECURE,
        }),
        { sslmode: mode, fixes: fix() },
      );
    }
    return;
  }
  if (semantics === 'pg') {
    const ssl = judgement.param('ssl');
    if (ssl !== undefined) {
      result.decidesTls = true;
      result.overridesOption = true;
      if (ssl === '0')
        judgement.observe(
          'tls-off',
          'ssl',
          { id: 'settingTurnsTlsOff', data: { driver, setting: 'ssl=0', secure: URL_SECURE } },
          { fixes: fix() },
        );
      else if (ssl === 'no-verify')
        judgement.observe(
          'verification-disabled',
          'ssl',
          {
            id: 'settingDisablesVerification',
            data: { driver, setting: 'ssl=no-verify', secure: URL_SECURE },
          },
          { fixes: fix() },
        );
      else if (ssl !== 'true' && ssl !== '1')
        judgement.observe(
          'invalid-tls-value',
          'ssl',
          { id: 'pgUrlSslString', data: { driver, value: ssl, secure: URL_SECURE } },
          { fixes: fix() },
        );
      return;
    }
    if (result.overridesOption) {
      result.decidesTls = true; // sslrootcert/sslcert/sslkey alone turn pg's verified TLS on
      return;
    }
  }
  if (!optionMayEnableTls) {
    result.decidesTls = true; // reported here, not again as a missing `ssl` option
    judgement.observe(
      'tls-off',
      undefined,
      {
        id: semantics === 'pg' ? 'pgUrlWithoutTls' : 'libpqUrlWithoutSslmode',
        data: { driver, secure: URL_SECURE },
      },
      { fixes: fix('Add sslmode=verify-full to the connection string') },
    );
  }
}

/** `PGSSLMODE`, read by libpq and by node-postgres (DRIVERS §18). */
export function readPgsslmode(judgement: ScalarJudgement): void {
  const driver = 'libpq, node-postgres';
  const secure = 'PGSSLMODE=verify-full';
  const v = judgement.text;
  const fixes = judgement.replace('verify-full', 'Set PGSSLMODE to verify-full', true);
  const mode = parseSslmode(v);
  // libpq is case-sensitive; node-postgres matches exact spellings and ignores the rest.
  if (mode === undefined || mode !== v) {
    judgement.observe(
      'invalid-tls-value',
      { id: 'invalidPgsslmode', data: { driver, value: shownSettingValue(v), secure } },
      { fixes },
    );
    return;
  }
  const row = SSLMODES[mode];
  const setting = `PGSSLMODE=${mode}`;
  if (mode === 'disable')
    judgement.observe(
      'tls-off',
      { id: 'settingTurnsTlsOff', data: { driver, setting, secure } },
      { fixes },
    );
  else if (mode === 'no-verify')
    judgement.observe(
      'verification-disabled',
      { id: 'pgsslmodeNoVerify', data: { driver, secure } },
      { sslmode: mode, fixes },
    );
  else if (row.messages)
    judgement.observe('weak-sslmode', message(row.messages.pgEnv, { driver, setting, secure }), {
      sslmode: mode,
      fixes,
    });
}

/**
 * `PGSSLMINPROTOCOLVERSION` / `PGSSLMAXPROTOCOLVERSION`: every version below TLS 1.3 is a
 * verdict with its version; the check compares it with the project's `minimum`.
 */
export function readPgProtocolVersion(judgement: ScalarJudgement, minimum: TlsVersion): void {
  const version = /^TLSv1(?:\.[0-3])?$/.test(judgement.text)
    ? parseTlsVersion(judgement.text)
    : undefined;
  if (!version || version === 'TLSv1.3') return;
  const isMin = judgement.name === 'PGSSLMINPROTOCOLVERSION';
  judgement.observe(
    'weak-tls-version',
    {
      id: isMin ? 'variableAllows' : 'variableForces',
      data: {
        driver: 'libpq',
        key: judgement.name,
        value: judgement.text,
        version,
        secure: isMin
          ? `PGSSLMINPROTOCOLVERSION=${minimum}`
          : 'no PGSSLMAXPROTOCOLVERSION (or TLSv1.3)',
      },
    },
    {
      tlsVersion: version,
      fixes: isMin
        ? judgement.replace(minimum, `Set PGSSLMINPROTOCOLVERSION to ${minimum}`, true)
        : [],
    },
  );
}
