/**
 * Slonik's DSN (DRIVERS.md §10): it accepts only `disable`, `no-verify` and `require`, and
 * its `require` verifies fully — so its secure value is `require`, never `verify-full`.
 */
import { shownSettingValue } from '../secrets.js';
import type { UrlJudgement } from './url-judgement.js';

const SECURE = 'sslmode=require (Slonik verifies fully with it)';

export function readSlonikUrl(judgement: UrlJudgement): void {
  const { driver, optionMayEnableTls } = judgement.reading;
  const sslmode = judgement.param('sslmode');
  if (sslmode === undefined) {
    if (optionMayEnableTls) return;
    judgement.result.decidesTls = true;
    judgement.observe(
      'tls-off',
      undefined,
      { id: 'slonikDsnWithoutSslmode', data: { driver, secure: SECURE } },
      { fixes: judgement.fixParams([['sslmode', 'require']], 'Add sslmode=require to the DSN') },
    );
    return;
  }
  judgement.result.decidesTls = true;
  const fixes = judgement.fixParams([['sslmode', 'require']], 'Set sslmode=require in the DSN');
  if (sslmode === 'disable')
    judgement.observe(
      'tls-off',
      'sslmode',
      {
        id: 'settingTurnsTlsOff',
        data: { driver, setting: 'sslmode=disable', secure: 'sslmode=require' },
      },
      { fixes },
    );
  else if (sslmode === 'no-verify')
    judgement.observe(
      'verification-disabled',
      'sslmode',
      {
        id: 'settingDisablesVerification',
        data: { driver, setting: 'sslmode=no-verify', secure: 'sslmode=require' },
      },
      { fixes },
    );
  else if (sslmode !== 'require')
    judgement.observe(
      'invalid-tls-value',
      'sslmode',
      {
        id: 'slonikInvalidSslmode',
        data: { driver, value: shownSettingValue(sslmode), secure: SECURE },
      },
      { fixes },
    );
}
