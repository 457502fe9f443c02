/** libpq's sslmode table and the readers that read libpq's way (URLs, PGSSLMODE, version variables). */
import { describe, expect, it } from 'vitest';
import {
  isBelow,
  readPgProtocolVersion,
  readPgsslmode,
  SSLMODES,
} from '../../../src/core/readers/libpq.js';
import { scalar, urlVerdicts } from './helpers.js';

describe('the sslmode table', () => {
  it.each([
    ['disable', 'allow'],
    ['allow', 'prefer'],
    ['prefer', 'no-verify'],
    ['no-verify', 'require'],
    ['require', 'verify-ca'],
    ['verify-ca', 'verify-full'],
  ] as const)('%s is below %s', (weaker, stronger) => {
    expect(isBelow(weaker, stronger)).toBe(true);
    expect(isBelow(stronger, weaker)).toBe(false);
    expect(SSLMODES[weaker].rank).toBeLessThan(SSLMODES[stronger].rank);
  });

  it('gives every weak mode a message for each way of writing it', () => {
    for (const mode of ['allow', 'prefer', 'require', 'verify-ca'] as const) {
      expect(SSLMODES[mode].kind).toBe('weak-sslmode');
      expect(Object.keys(SSLMODES[mode].messages!).sort()).toEqual([
        'pgEnv',
        'pgUrl',
        'plain',
        'unlessSet',
      ]);
    }
    expect(SSLMODES['verify-full'].kind).toBeUndefined();
  });
});

describe('a URL read by libpq', () => {
  it.each([
    ['postgres://h/db?sslmode=verify-full', [], undefined],
    [
      'postgres://h/db?sslmode=disable',
      ['tls-off settingTurnsTlsOff'],
      'postgres://h/db?sslmode=verify-full',
    ],
    [
      'postgres://h/db?sslmode=prefer',
      ['weak-sslmode sslmodePrefer'],
      'postgres://h/db?sslmode=verify-full',
    ],
    [
      'postgres://h/db?sslmode=require',
      ['weak-sslmode sslmodeRequire'],
      'postgres://h/db?sslmode=verify-full',
    ],
    [
      'postgres://h/db?sslmode=verify-ca',
      ['weak-sslmode sslmodeVerifyCa'],
      'postgres://h/db?sslmode=verify-full',
    ],
    [
      'postgres://h/db?sslmode=no-verify',
      ['verification-disabled settingDisablesVerification'],
      'postgres://h/db?sslmode=verify-full',
    ],
    [
      'postgres://h/db?sslmode=bogus',
      ['invalid-tls-value invalidUrlSslmode'],
      'postgres://h/db?sslmode=verify-full',
    ],
    ['postgres://h/db', ['tls-off libpqUrlWithoutSslmode'], 'postgres://h/db?sslmode=verify-full'],
  ])('%s', (text, said, fixed) => {
    const r = urlVerdicts(text, 'libpq');
    expect(r.said).toEqual(said);
    expect(r.fixed).toBe(fixed);
  });

  it('says nothing about a missing sslmode when an option may turn TLS on', () => {
    expect(urlVerdicts('postgres://h/db', 'libpq', true).said).toEqual([]);
  });

  it('names the mode it read, and its rank', () => {
    const r = urlVerdicts('postgres://h/db?sslmode=REQUIRE', 'libpq');
    expect(r.verdicts[0]!.message.data).toMatchObject({ setting: 'sslmode=require' });
    expect(r.verdicts[0]!.sslmode).toBe('require');
  });
});

describe('a URL read by node-postgres', () => {
  it.each([
    ['postgres://h/db?sslmode=require', ['weak-sslmode pgUrlSslmodeRequire'], true],
    ['postgres://h/db?ssl=true', [], true],
    ['postgres://h/db?ssl=0', ['tls-off settingTurnsTlsOff'], true],
    ['postgres://h/db?ssl=no-verify', ['verification-disabled settingDisablesVerification'], true],
    ['postgres://h/db?ssl=yes', ['invalid-tls-value pgUrlSslString'], true],
    ['postgres://h/db?sslrootcert=/ca.pem', [], true],
    ['postgres://h/db', ['tls-off pgUrlWithoutTls'], false],
  ])('%s', (text, said, overrides) => {
    const r = urlVerdicts(text, 'pg');
    expect(r.said).toEqual(said);
    expect(r.overridesOption).toBe(overrides);
  });
});

describe('PGSSLMODE', () => {
  it.each([
    ['verify-full', [], undefined],
    ['disable', ['tls-off settingTurnsTlsOff'], 'verify-full'],
    ['allow', ['weak-sslmode pgsslmodeAllow'], 'verify-full'],
    ['prefer', ['weak-sslmode pgsslmodePrefer'], 'verify-full'],
    ['require', ['weak-sslmode pgsslmodeRequire'], 'verify-full'],
    ['no-verify', ['verification-disabled pgsslmodeNoVerify'], 'verify-full'],
    // libpq is case-sensitive: REQUIRE is an error there, and node-postgres ignores it.
    ['REQUIRE', ['invalid-tls-value invalidPgsslmode'], 'verify-full'],
    ['verify_full', ['invalid-tls-value invalidPgsslmode'], 'verify-full'],
  ])('PGSSLMODE=%s', (value, said, fixed) => {
    const r = scalar('PGSSLMODE', value, readPgsslmode);
    expect(r.said).toEqual(said);
    expect(r.fixed).toBe(fixed);
  });
});

describe('PGSSLMINPROTOCOLVERSION / PGSSLMAXPROTOCOLVERSION', () => {
  it.each([
    ['PGSSLMINPROTOCOLVERSION', 'TLSv1', 'TLSv1', 'variableAllows', 'TLSv1.2'],
    ['PGSSLMINPROTOCOLVERSION', 'TLSv1.1', 'TLSv1.1', 'variableAllows', 'TLSv1.2'],
    ['PGSSLMINPROTOCOLVERSION', 'TLSv1.2', 'TLSv1.2', 'variableAllows', undefined],
    ['PGSSLMAXPROTOCOLVERSION', 'TLSv1.2', 'TLSv1.2', 'variableForces', undefined],
    ['PGSSLMINPROTOCOLVERSION', 'TLSv1.3', undefined, undefined, undefined],
  ])('%s=%s', (name, value, version, id, fixed) => {
    const r = scalar(name, value, (j) => {
      readPgProtocolVersion(j, 'TLSv1.2');
    });
    expect(r.verdicts[0]?.tlsVersion).toBe(version);
    expect(r.verdicts[0]?.message.id).toBe(id);
    expect(r.fixed).toBe(fixed);
  });

  it('writes the project minimum', () => {
    const r = scalar('PGSSLMINPROTOCOLVERSION', 'TLSv1.2', (j) => {
      readPgProtocolVersion(j, 'TLSv1.3');
    });
    expect(r.fixed).toBe('TLSv1.3');
    expect(r.verdicts[0]!.message.data).toMatchObject({
      secure: 'PGSSLMINPROTOCOLVERSION=TLSv1.3',
    });
  });
});
