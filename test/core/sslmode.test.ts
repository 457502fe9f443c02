import { describe, it, expect } from 'vitest';
import {
  SSLMODE_ORDER,
  compareSslmode,
  isBelow,
  parseSslmode,
  type SslmodeValue,
} from '../../src/core/readers/libpq.js';
import { parseMysqlSslMode } from '../../src/core/readers/mysql.js';

describe('parseSslmode', () => {
  it('accepts every libpq value and no-verify', () => {
    for (const mode of SSLMODE_ORDER) expect(parseSslmode(mode)).toBe(mode);
    expect(parseSslmode('no-verify')).toBe('no-verify');
  });

  it('is case-insensitive and trims', () => {
    expect(parseSslmode('  Verify-Full ')).toBe('verify-full');
    expect(parseSslmode('REQUIRE')).toBe('require');
    expect(parseSslmode('\tNO-VERIFY\n')).toBe('no-verify');
  });

  it('rejects values that are not sslmodes', () => {
    for (const v of [
      '',
      'true',
      'false',
      'verify_full',
      'VerifyFull',
      'verify-identity',
      'required',
      'ssl',
      'on',
    ]) {
      expect(parseSslmode(v)).toBeUndefined();
    }
  });
});

describe('parseMysqlSslMode', () => {
  it('maps MySQL ssl-mode values onto the libpq order', () => {
    expect(parseMysqlSslMode('DISABLED')).toBe('disable');
    expect(parseMysqlSslMode('PREFERRED')).toBe('prefer');
    expect(parseMysqlSslMode('REQUIRED')).toBe('require');
    expect(parseMysqlSslMode('VERIFY_CA')).toBe('verify-ca');
    expect(parseMysqlSslMode('VERIFY_IDENTITY')).toBe('verify-full');
  });

  it('is case-insensitive and trims', () => {
    expect(parseMysqlSslMode(' verify_identity ')).toBe('verify-full');
    expect(parseMysqlSslMode('Required')).toBe('require');
  });

  it('rejects libpq spellings and unknown values', () => {
    for (const v of ['require', 'verify-full', 'VERIFY-CA', 'verify_full', 'ALLOW', '', 'true']) {
      expect(parseMysqlSslMode(v)).toBeUndefined();
    }
  });
});

describe('compareSslmode', () => {
  const ranked: SslmodeValue[] = [
    'disable',
    'allow',
    'prefer',
    'no-verify',
    'require',
    'verify-ca',
    'verify-full',
  ];

  it('orders libpq values as POLICY does, with no-verify between prefer and require', () => {
    for (let i = 0; i < ranked.length; i++) {
      for (let j = 0; j < ranked.length; j++) {
        const a = ranked[i] as SslmodeValue;
        const b = ranked[j] as SslmodeValue;
        expect(compareSslmode(a, b), `${a} vs ${b}`).toBe(Math.sign(i - j));
      }
    }
  });

  it('keeps SSLMODE_ORDER weakest first', () => {
    expect(SSLMODE_ORDER).toEqual([
      'disable',
      'allow',
      'prefer',
      'require',
      'verify-ca',
      'verify-full',
    ]);
  });
});

describe('isBelow', () => {
  it('reports everything below the default minimum verify-full', () => {
    expect(isBelow('verify-ca', 'verify-full')).toBe(true);
    expect(isBelow('require', 'verify-full')).toBe(true);
    expect(isBelow('no-verify', 'verify-full')).toBe(true);
    expect(isBelow('verify-full', 'verify-full')).toBe(false);
  });

  it('treats no-verify as below require but above prefer', () => {
    expect(isBelow('no-verify', 'require')).toBe(true);
    expect(isBelow('prefer', 'no-verify')).toBe(true);
    expect(isBelow('no-verify', 'prefer')).toBe(false);
  });

  it('honours a lowered minimum', () => {
    expect(isBelow('require', 'require')).toBe(false);
    expect(isBelow('verify-ca', 'require')).toBe(false);
    expect(isBelow('prefer', 'require')).toBe(true);
    expect(isBelow('disable', 'allow')).toBe(true);
  });
});
