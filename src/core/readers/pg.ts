/**
 * node-postgres' `ssl` option (DRIVERS.md §2) and pg-native's (§2a), beyond "off": what
 * each accepts, and the spellings that crash or skip verification. Its URLs are read in
 * readers/libpq.ts (node-postgres reads libpq's parameters its own way).
 */
import { setPath } from '../fixes.js';
import type { Value } from '../model.js';
import { getValue, stringOf } from '../values.js';
import type { OptionJudgement } from './option-judgement.js';

export function readPgOption(value: Value, judgement: OptionJudgement): void {
  const { key, driver, secure } = judgement;
  if (judgement.dialect === 'pg-native') {
    if (value.kind === 'literal' && value.value === true) {
      judgement.judge('invalid-tls-value', { id: 'pgNativeSslTrue', data: { driver, secure } });
      return;
    }
    if (value.kind === 'object') {
      const mode = stringOf(getValue(value, ['sslmode']));
      // The fix adds `sslmode` to the object and keeps its CA and client certificate keys.
      if (mode === undefined && !value.open) {
        const fix = setPath(
          judgement.printer,
          value,
          ['sslmode'],
          'verify-full',
          "Set ssl.sslmode to 'verify-full'",
        );
        judgement.judge(
          'tls-off',
          { id: 'pgNativeWithoutSslmode', data: { driver, secure } },
          { fixes: fix ? [fix] : [] },
        );
      }
    }
    return;
  }
  if (value.kind !== 'literal' || typeof value.value !== 'string') return;
  if (value.value === 'no-verify')
    judgement.judge('verification-disabled', { id: 'sslNoVerify', data: { driver, key, secure } });
  else if (value.value !== 'true')
    judgement.judge('invalid-tls-value', {
      id: 'pgSslString',
      data: { driver, key, value: value.value, secure },
    });
}
