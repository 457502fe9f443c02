/**
 * The MySQL family (DRIVERS.md §6): the `ssl` option of mysql2, mysqljs and the MariaDB
 * connector, mysql2's URL parameters, and MySQL's own `ssl-mode` names (the table that
 * mysqlclient, the MySQL CLI and app settings share).
 */
import { replaceWith, setPath } from '../fixes.js';
import type { FixIntent, ObjectValue, Range, Value } from '../model.js';
import { getProperty, getValue, isOffLiteral } from '../values.js';
import type { Sslmode } from './libpq.js';
import type { OptionJudgement } from './option-judgement.js';
import type { UrlJudgement } from './url-judgement.js';

/** MySQL's ssl-mode names on POLICY's (libpq's) order; MySQL has no `allow`. */
const MYSQL_SSL_MODES: Readonly<Record<string, Sslmode>> = {
  disabled: 'disable',
  preferred: 'prefer',
  required: 'require',
  verify_ca: 'verify-ca',
  verify_identity: 'verify-full',
};

/** A MySQL `ssl-mode` value (case-insensitive, as the MySQL client reads it) on libpq's order. */
export function parseMysqlSslMode(value: string): Sslmode | undefined {
  const v = value.trim().toLowerCase();
  return Object.hasOwn(MYSQL_SSL_MODES, v) ? MYSQL_SSL_MODES[v] : undefined;
}

export function readMysqlFamilyOption(value: Value, judgement: OptionJudgement): void {
  const { dialect, key, driver, secure } = judgement;
  if (value.kind === 'literal' && value.value === true) {
    if (dialect === 'mysql2')
      judgement.judge('invalid-tls-value', { id: 'mysql2SslTrue', data: { driver, key, secure } });
    else if (dialect === 'mysqljs')
      judgement.judge('verification-disabled', { id: 'mysqljsSslTrue', data: { driver, secure } });
    return;
  }
  if (value.kind === 'literal' && typeof value.value === 'string') {
    if (value.value === 'Amazon RDS' && dialect !== 'mariadb')
      judgement.judge(
        'weak-sslmode',
        { id: 'amazonRdsProfile', data: { driver, secure } },
        { sslmode: 'verify-ca' },
      );
    else
      judgement.judge('invalid-tls-value', {
        id: 'unknownSslProfile',
        data: { driver, key, value: value.value, secure },
      });
    return;
  }
  if (value.kind !== 'object' || dialect === 'mariadb') return;
  // mysqljs has no setting that checks the host name (DRIVERS §6): nothing to fix in place.
  if (dialect === 'mysqljs') {
    judgement.judge(
      'weak-sslmode',
      { id: 'mysqljsNoHostCheck', data: { driver, secure } },
      { sslmode: 'verify-ca', fixes: [] },
    );
    return;
  }
  const verify = getValue(value, ['verifyIdentity']);
  const reject = getProperty(value, ['rejectUnauthorized']);
  if (reject && isOffLiteral(reject.value)) {
    // One finding, whose fix turns both checks on (POLICY "one site, one finding per rule").
    if (reject.value.kind === 'literal' && !reject.value.synthetic)
      judgement.judge(
        'verification-disabled',
        { id: 'rejectUnauthorizedOff', data: { driver, secure } },
        {
          setting: 'rejectUnauthorized',
          range: [reject.range[0], Math.max(reject.range[1], reject.value.range[1])],
          fixes: verifyBoth(judgement, value, reject.value.range, verify),
        },
      );
    return;
  }
  if (!verify ? !value.open : verify.kind === 'literal' && verify.value !== true) {
    // Add `verifyIdentity` to the object rather than replace it, so `ca`, `cert`, … stay.
    const insert = verify
      ? undefined
      : setPath(
          judgement.printer,
          value,
          ['verifyIdentity'],
          true,
          'Set ssl.verifyIdentity to true',
        );
    const fixes = verify
      ? [replaceWith(judgement.printer, verify.range, true, 'Set ssl.verifyIdentity to true')]
      : insert
        ? [insert]
        : [];
    judgement.judge(
      'weak-sslmode',
      { id: 'mysql2WithoutVerifyIdentity', data: { driver, secure } },
      { sslmode: 'verify-ca', fixes },
    );
  }
}

/** Sets `rejectUnauthorized` and `verifyIdentity` to true in one fix (mysql2 checks neither otherwise). */
function verifyBoth(
  judgement: OptionJudgement,
  ssl: ObjectValue,
  reject: Range,
  verify: Value | undefined,
): FixIntent[] {
  const description = 'Set ssl.rejectUnauthorized and ssl.verifyIdentity to true';
  const identity = verify
    ? replaceWith(judgement.printer, verify.range, true, description)
    : setPath(judgement.printer, ssl, ['verifyIdentity'], true, description);
  if (!identity) return [];
  const edits = [
    ...replaceWith(judgement.printer, reject, true, description).edits,
    ...identity.edits,
  ];
  return [{ description, edits, safe: true }];
}

const MYSQL2_URL_SECURE = '?ssl={"rejectUnauthorized":true,"verifyIdentity":true}';

/** mysql2 reads `ssl` from a URL as JSON and ignores every ssl-mode spelling. */
export function readMysql2Url(judgement: UrlJudgement): void {
  const { driver, optionMayEnableTls } = judgement.reading;
  const mode =
    judgement.param('ssl-mode') ?? judgement.param('sslmode') ?? judgement.param('ssl_mode');
  const ssl = judgement.param('ssl');
  if (ssl !== undefined) {
    judgement.result.decidesTls = true;
    // mysql2 parses the value as JSON: `false` and `0` leave TLS off.
    if (ssl === 'false' || ssl === '0')
      judgement.observe('tls-off', 'ssl', {
        id: 'settingTurnsTlsOff',
        data: { driver, setting: `ssl=${ssl}`, secure: MYSQL2_URL_SECURE },
      });
    else if (ssl === 'true')
      judgement.observe('invalid-tls-value', 'ssl', {
        id: 'mysql2UrlSslTrue',
        data: { driver, secure: MYSQL2_URL_SECURE },
      });
    else if (/"rejectUnauthorized"\s*:\s*false/.test(ssl))
      judgement.observe('verification-disabled', 'ssl', {
        id: 'mysql2UrlRejectUnauthorizedOff',
        data: { driver, secure: MYSQL2_URL_SECURE },
      });
    else if (!/"verifyIdentity"\s*:\s*true/.test(ssl))
      judgement.observe(
        'weak-sslmode',
        'ssl',
        { id: 'mysql2UrlWithoutVerifyIdentity', data: { driver, secure: MYSQL2_URL_SECURE } },
        { sslmode: 'verify-ca' },
      );
    return;
  }
  if (mode === undefined) return;
  const params = judgement.url.params;
  const key = params.has('ssl-mode') ? 'ssl-mode' : params.has('sslmode') ? 'sslmode' : 'ssl_mode';
  judgement.result.decidesTls = !optionMayEnableTls; // reported here, not again as a missing `ssl`
  judgement.observe('tls-ignored', key, {
    id: 'mysql2IgnoresUrlParameter',
    data: {
      driver,
      param: key,
      secure: 'an ssl option: { rejectUnauthorized: true, verifyIdentity: true }',
    },
  });
}

/** Spellings any MySQL client reads as "no TLS" (DRIVERS §6): judged even when the consumer is unknown. */
const MYSQL_OFF: Readonly<Record<string, ReadonlySet<string>>> = {
  ssl: new Set(['false', '0', 'off']),
  'ssl-mode': new Set(['disabled']),
  ssl_mode: new Set(['disabled']),
  sslmode: new Set(['disable', 'disabled']),
};

/**
 * A MySQL URL whose consumer is unknown: MySQL clients read its parameters differently
 * (mysql2 ignores `ssl-mode`), so only a value that means "no TLS" to every one is judged.
 */
export function readMysqlUrlOff(judgement: UrlJudgement): void {
  const { driver } = judgement.reading;
  for (const [key, off] of Object.entries(MYSQL_OFF)) {
    const value = judgement.param(key);
    if (value === undefined || !off.has(value.toLowerCase())) continue;
    judgement.result.decidesTls = true;
    judgement.observe('tls-off', key, {
      id: 'settingTurnsTlsOff',
      data: {
        driver,
        setting: `${judgement.url.params.get(key)!.key}=${value}`,
        secure: "the client's TLS option with certificate and host name verification",
      },
    });
  }
}
