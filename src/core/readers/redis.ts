/** Redis URLs (DRIVERS.md §14): `rediss://` is TLS, `redis://` is not. */
import type { UrlJudgement } from './url-judgement.js';

export function readRedisUrl(judgement: UrlJudgement): void {
  const { driver, optionMayEnableTls } = judgement.reading;
  judgement.result.decidesTls = true;
  if (judgement.url.scheme === 'redis' && !optionMayEnableTls)
    judgement.observe('tls-off', undefined, {
      id: 'redisUrlWithoutTls',
      data: { driver, secure: 'a `rediss://` URL' },
    });
}
