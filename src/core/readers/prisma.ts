/**
 * Prisma's query engine (DRIVERS.md §8): `sslmode` and `sslaccept` read together. Only
 * `sslmode=require&sslaccept=strict` verifies; `verify-ca` / `verify-full` fall back to
 * `prefer`; MySQL uses TLS only when an ssl parameter is present.
 */
import { parseSslmode } from './libpq.js';
import { readMssqlUrl } from './mssql.js';
import type { UrlJudgement } from './url-judgement.js';

const SECURE = 'sslmode=require&sslaccept=strict';

export function readPrismaUrl(judgement: UrlJudgement): void {
  const { driver } = judgement.reading;
  const url = judgement.url;
  judgement.result.decidesTls = true;
  if (url.family === 'mssql') {
    readMssqlUrl(judgement);
    return;
  }
  if (url.family === 'mysql') {
    const hasTls = ['sslcert', 'sslidentity', 'sslpassword', 'sslaccept'].some((p) =>
      url.params.has(p),
    );
    if (!hasTls)
      judgement.observe('tls-off', undefined, {
        id: 'prismaMysqlWithoutSsl',
        data: { driver, secure: 'sslaccept=strict' },
      });
    else if (judgement.param('sslaccept') !== 'strict')
      judgement.observe(
        'verification-disabled',
        url.params.has('sslaccept') ? 'sslaccept' : undefined,
        { id: 'prismaWithoutSslaccept', data: { driver, secure: 'sslaccept=strict' } },
      );
    return;
  }
  if (url.family !== 'postgres') return;
  const fixes = judgement.fixParams(
    [
      ['sslmode', 'require'],
      ['sslaccept', 'strict'],
    ],
    'Set sslmode=require&sslaccept=strict in the URL',
  );
  const sslmode = judgement.param('sslmode');
  const sslaccept = judgement.param('sslaccept');
  const mode = sslmode === undefined ? 'prefer' : parseSslmode(sslmode);
  if (mode === 'disable') {
    judgement.observe(
      'tls-off',
      'sslmode',
      { id: 'settingTurnsTlsOff', data: { driver, setting: 'sslmode=disable', secure: SECURE } },
      { fixes },
    );
  } else if (mode === 'require') {
    if (sslaccept === undefined)
      judgement.observe(
        'verification-disabled',
        'sslmode',
        { id: 'prismaWithoutSslaccept', data: { driver, secure: SECURE } },
        { sslmode: 'require', fixes },
      );
    else if (sslaccept === 'accept_invalid_certs')
      judgement.observe(
        'verification-disabled',
        'sslaccept',
        {
          id: 'settingDisablesVerification',
          data: { driver, setting: 'sslaccept=accept_invalid_certs', secure: SECURE },
        },
        { sslmode: 'require', fixes },
      );
  } else if (sslmode === undefined) {
    judgement.observe(
      'tls-off',
      undefined,
      { id: 'prismaUrlWithoutSslmode', data: { driver, secure: SECURE } },
      { sslmode: 'prefer', fixes },
    );
  } else {
    judgement.observe(
      'weak-sslmode',
      'sslmode',
      mode === 'prefer'
        ? { id: 'prismaSslmodePrefer', data: { driver, secure: SECURE } }
        : { id: 'prismaIgnoresSslmode', data: { driver, value: sslmode, secure: SECURE } },
      { sslmode: 'prefer', fixes },
    );
  }
}
