/** Connection strings, one table per consumer (DRIVERS §1): the same parameter means different things. */
import { describe, expect, it } from 'vitest';
import { parseConnectionUrl } from '../../../src/core/connection-url.js';
import { defaultSemantics } from '../../../src/core/readers/url.js';
import { urlVerdicts } from './helpers.js';

describe('postgres.js', () => {
  it.each([
    ['postgres://h/db?sslmode=verify-full', [], undefined],
    ['postgres://h/db?sslrootcert=system', [], undefined],
    [
      'postgres://h/db?sslmode=require',
      ['weak-sslmode postgresjsUrlNoVerify'],
      'postgres://h/db?sslmode=verify-full',
    ],
    [
      'postgres://h/db?ssl=prefer',
      ['weak-sslmode postgresjsUrlPrefer'],
      'postgres://h/db?ssl=prefer&sslmode=verify-full',
    ],
    [
      'postgres://h/db?sslmode=disable',
      ['tls-off settingTurnsTlsOff'],
      'postgres://h/db?sslmode=verify-full',
    ],
    [
      'postgres://h/db',
      ['tls-off postgresjsUrlWithoutSslmode'],
      'postgres://h/db?sslmode=verify-full',
    ],
  ])('%s', (text, said, fixed) => {
    const r = urlVerdicts(text, 'postgresjs');
    expect(r.said).toEqual(said);
    expect(r.fixed).toBe(fixed);
  });
});

describe('Slonik: require verifies, verify-full throws', () => {
  it.each([
    ['postgres://h/db?sslmode=require', [], undefined],
    [
      'postgres://h/db?sslmode=verify-full',
      ['invalid-tls-value slonikInvalidSslmode'],
      'postgres://h/db?sslmode=require',
    ],
    [
      'postgres://h/db?sslmode=no-verify',
      ['verification-disabled settingDisablesVerification'],
      'postgres://h/db?sslmode=require',
    ],
    [
      'postgres://h/db?sslmode=disable',
      ['tls-off settingTurnsTlsOff'],
      'postgres://h/db?sslmode=require',
    ],
    ['postgres://h/db', ['tls-off slonikDsnWithoutSslmode'], 'postgres://h/db?sslmode=require'],
  ])('%s', (text, said, fixed) => {
    const r = urlVerdicts(text, 'slonik');
    expect(r.said).toEqual(said);
    expect(r.fixed).toBe(fixed);
  });
});

describe("Prisma's engine reads sslmode and sslaccept together", () => {
  const strict = 'postgres://h/db?sslmode=require&sslaccept=strict';
  it.each([
    [strict, [], undefined],
    ['postgres://h/db?sslmode=require', ['verification-disabled prismaWithoutSslaccept'], strict],
    [
      'postgres://h/db?sslmode=require&sslaccept=accept_invalid_certs',
      ['verification-disabled settingDisablesVerification'],
      strict,
    ],
    [
      'postgres://h/db?sslmode=verify-full',
      ['weak-sslmode prismaIgnoresSslmode'],
      'postgres://h/db?sslmode=require&sslaccept=strict',
    ],
    ['postgres://h/db?sslmode=prefer', ['weak-sslmode prismaSslmodePrefer'], strict],
    ['postgres://h/db', ['tls-off prismaUrlWithoutSslmode'], strict],
    ['postgres://h/db?sslmode=disable', ['tls-off settingTurnsTlsOff'], strict],
    ['mysql://h/db', ['tls-off prismaMysqlWithoutSsl'], undefined],
    [
      'mysql://h/db?sslaccept=accept_invalid_certs',
      ['verification-disabled prismaWithoutSslaccept'],
      undefined,
    ],
    ['mysql://h/db?sslaccept=strict', [], undefined],
  ])('%s', (text, said, fixed) => {
    const r = urlVerdicts(text, 'prisma');
    expect(r.said).toEqual(said);
    expect(r.fixed).toBe(fixed);
  });
});

describe('mysql2 reads ssl as JSON and ignores ssl-mode', () => {
  it.each([
    ['mysql://h/db?ssl={"rejectUnauthorized":true,"verifyIdentity":true}', []],
    [
      'mysql://h/db?ssl={"rejectUnauthorized":true}',
      ['weak-sslmode mysql2UrlWithoutVerifyIdentity'],
    ],
    [
      'mysql://h/db?ssl={"rejectUnauthorized":false}',
      ['verification-disabled mysql2UrlRejectUnauthorizedOff'],
    ],
    ['mysql://h/db?ssl=true', ['invalid-tls-value mysql2UrlSslTrue']],
    ['mysql://h/db?ssl-mode=REQUIRED', ['tls-ignored mysql2IgnoresUrlParameter']],
    ['mysql://h/db', []],
  ])('%s', (text, said) => {
    expect(urlVerdicts(text, 'mysql2').said).toEqual(said);
  });
});

describe('consumers that drop the query string', () => {
  it.each([
    ['mysql://h/db?ssl=true', ['tls-ignored urlParameterIgnored']],
    [
      'mysql://h/db?sslmode=require&ssl-mode=REQUIRED',
      ['tls-ignored urlParameterIgnored', 'tls-ignored urlParameterIgnored'],
    ],
    ['mysql://h/db', []],
  ])('%s', (text, said) => {
    expect(urlVerdicts(text, 'ignored').said).toEqual(said);
  });
});

describe('MongoDB', () => {
  it.each([
    ['mongodb+srv://h/db', [], undefined],
    ['mongodb://h/db?tls=true', [], undefined],
    ['mongodb://h/db', ['tls-off mongodbUrlWithoutTls'], 'mongodb://h/db?tls=true'],
    ['mongodb+srv://h/db?tls=false', ['tls-off mongodbUrlTlsOff'], 'mongodb+srv://h/db?tls=true'],
    [
      'mongodb+srv://h/db?tlsAllowInvalidCertificates=true',
      ['verification-disabled settingDisablesVerification'],
      'mongodb+srv://h/db?tlsAllowInvalidCertificates=false',
    ],
    [
      'mongodb+srv://h/db?tlsInsecure=TRUE',
      ['verification-disabled settingDisablesVerification'],
      'mongodb+srv://h/db?tlsInsecure=false',
    ],
    [
      'mongodb+srv://h/db?tlsAllowInvalidHostnames=true',
      ['host-unchecked settingDisablesHostCheck'],
      'mongodb+srv://h/db?tlsAllowInvalidHostnames=false',
    ],
  ])('%s', (text, said, fixed) => {
    const r = urlVerdicts(text, 'mongodb');
    expect(r.said).toEqual(said);
    expect(r.fixed).toBe(fixed);
  });
});

describe('SQL Server connection strings', () => {
  it.each([
    ['Server=h;Encrypt=true;TrustServerCertificate=false', []],
    ['Server=h;Encrypt=false', ['tls-off settingTurnsTlsOff']],
    ['Server=h;Encrypt=no', ['tls-off settingTurnsTlsOff']],
    [
      'Server=h;Encrypt=true;TrustServerCertificate=yes',
      ['verification-disabled settingDisablesVerification'],
    ],
    ['sqlserver://h;encrypt=DANGER_PLAINTEXT', ['tls-off settingTurnsTlsOff']],
  ])('%s', (text, said) => {
    expect(urlVerdicts(text, 'mssql').said).toEqual(said);
  });
});

describe('Redis: the scheme decides', () => {
  it.each([
    ['rediss://h:6380', []],
    ['redis://h:6379', ['tls-off redisUrlWithoutTls']],
  ])('%s', (text, said) => {
    expect(urlVerdicts(text, 'libpq').said).toEqual(said);
  });
});

describe('a MySQL URL whose consumer is unknown: only "no TLS" for every client', () => {
  it.each([
    ['mysql://h/db?ssl=false', ['tls-off settingTurnsTlsOff']],
    ['mysql://h/db?ssl-mode=DISABLED', ['tls-off settingTurnsTlsOff']],
    ['mysql://h/db?sslmode=disable', ['tls-off settingTurnsTlsOff']],
    ['mysql://h/db?ssl-mode=REQUIRED', []],
    ['mysql://h/db', []],
  ])('%s', (text, said) => {
    expect(urlVerdicts(text, 'mysql').said).toEqual(said);
  });
  it('mysql2 reads ssl=false as JSON false: no TLS', () => {
    expect(urlVerdicts('mysql://h/db?ssl=false', 'mysql2').said).toEqual([
      'tls-off settingTurnsTlsOff',
    ]);
  });
});

describe('the consumer to assume when none is known', () => {
  it.each([
    ['postgres://h/db', 'libpq'],
    ['mongodb://h/db', 'mongodb'],
    ['rediss://h', 'mongodb'],
    ['Server=h;Encrypt=true', 'mssql'],
    ['mysql://h/db', 'mysql'],
    ['oracle://h/db', undefined],
  ])('%s', (text, semantics) => {
    expect(defaultSemantics(parseConnectionUrl(text)!)).toBe(semantics);
  });
});
