/**
 * Redis URLs (DRIVERS.md §14, §24): `rediss://` is TLS, `redis://` is not; redis-py and Celery
 * read `?ssl_cert_reqs=none` (or `CERT_NONE`) as no certificate verification.
 */
import type { UrlJudgement } from './url-judgement.js';

export function readRedisUrl(judgement: UrlJudgement): void {
  const { driver, optionMayEnableTls } = judgement.reading;
  judgement.result.decidesTls = true;
  const certReqs = judgement.param('ssl_cert_reqs');
  if (judgement.url.scheme === 'rediss' && certReqs && /^(?:none|cert_none)$/i.test(certReqs))
    judgement.observe(
      'verification-disabled',
      'ssl_cert_reqs',
      {
        id: 'settingDisablesVerification',
        data: { driver, setting: `ssl_cert_reqs=${certReqs}`, secure: 'ssl_cert_reqs=required' },
      },
      { fixes: judgement.fixParams([['ssl_cert_reqs', 'required']], 'Set ssl_cert_reqs=required') },
    );
  if (judgement.url.scheme === 'redis' && !optionMayEnableTls)
    judgement.observe('tls-off', undefined, {
      id: 'redisUrlWithoutTls',
      data: { driver, secure: 'a `rediss://` URL' },
    });
}
