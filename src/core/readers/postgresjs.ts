/**
 * postgres.js (DRIVERS.md §7): its `ssl` option (shared with drizzle-kit's PostgreSQL
 * credentials), its URL parameters, and `PGSSL`. Its own mode names: `require` and `allow`
 * encrypt without verifying, `prefer` may fall back to plaintext; `verify-full` verifies.
 */
import type { Value } from '../model.js';
import { stringOf } from '../values.js';
import type { OptionJudgement } from './option-judgement.js';
import type { ScalarJudgement } from './scalar.js';
import type { UrlJudgement } from './url-judgement.js';

export function readPostgresjsOption(value: Value, judgement: OptionJudgement): void {
  const { key, driver, secure } = judgement;
  const text = stringOf(value);
  if (text === 'require' || text === 'allow') {
    judgement.judge(
      'weak-sslmode',
      { id: 'postgresjsSslNoVerify', data: { driver, key, value: text, secure } },
      { sslmode: 'require' },
    );
  } else if (text === 'prefer') {
    // postgres.js falls back to plaintext with `prefer`; drizzle-kit always asks for TLS.
    judgement.judge(
      'weak-sslmode',
      {
        id: judgement.dialect === 'postgresjs' ? 'postgresjsSslPrefer' : 'drizzleKitSslPrefer',
        data: { driver, key, secure },
      },
      { sslmode: 'prefer' },
    );
  }
}

const URL_SECURE = 'sslmode=verify-full';

export function readPostgresjsUrl(judgement: UrlJudgement): void {
  const { driver, optionMayEnableTls } = judgement.reading;
  const value =
    judgement.param('sslrootcert') === 'system'
      ? 'verify-full'
      : (judgement.param('sslmode') ?? judgement.param('ssl'));
  if (value === undefined) {
    // No TLS parameter and no `ssl` option: postgres.js reads PGSSL, else no TLS (DRIVERS §7).
    if (!optionMayEnableTls) {
      judgement.result.decidesTls = true;
      judgement.observe(
        'tls-off',
        undefined,
        { id: 'postgresjsUrlWithoutSslmode', data: { driver, secure: URL_SECURE } },
        {
          fixes: judgement.fixParams(
            [['sslmode', 'verify-full']],
            'Add sslmode=verify-full to the connection string',
          ),
        },
      );
    }
    return;
  }
  judgement.result.decidesTls = true;
  const fixes = judgement.fixParams(
    [['sslmode', 'verify-full']],
    'Set sslmode=verify-full in the connection string',
  );
  const key = judgement.url.params.has('sslmode') ? 'sslmode' : 'ssl';
  const setting = `${key}=${value}`;
  if (value === 'disable' || value === 'false')
    judgement.observe(
      'tls-off',
      key,
      { id: 'settingTurnsTlsOff', data: { driver, setting, secure: URL_SECURE } },
      { fixes },
    );
  else if (value === 'require' || value === 'allow')
    judgement.observe(
      'weak-sslmode',
      key,
      { id: 'postgresjsUrlNoVerify', data: { driver, setting, secure: URL_SECURE } },
      { sslmode: 'require', fixes },
    );
  else if (value === 'prefer')
    judgement.observe(
      'weak-sslmode',
      key,
      { id: 'postgresjsUrlPrefer', data: { driver, setting, secure: URL_SECURE } },
      { sslmode: 'prefer', fixes },
    );
}

/** `PGSSL`, which postgres.js reads as a raw string: only its own mode names weaken TLS. */
export function readPgssl(judgement: ScalarJudgement): void {
  const driver = 'postgres.js (PGSSL)';
  const secure = 'PGSSL=verify-full';
  const v = judgement.text;
  const fixes = judgement.replace('verify-full', 'Set PGSSL to verify-full', true);
  if (v === 'require' || v === 'allow')
    judgement.observe(
      'weak-sslmode',
      { id: 'pgsslNoVerify', data: { driver, value: v, secure } },
      { sslmode: 'require', fixes },
    );
  else if (v === 'prefer')
    judgement.observe(
      'weak-sslmode',
      { id: 'pgsslPrefer', data: { driver, secure } },
      { sslmode: 'prefer', fixes },
    );
}
