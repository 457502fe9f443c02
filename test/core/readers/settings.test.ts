/**
 * Settings written as NAME=value (env conventions, process-wide switches), Node's TLS
 * options, SQL Server switches, the PostgreSQL server's own settings and pg_hba methods.
 */
import { describe, expect, it } from 'vitest';
import type { ObjectValue } from '../../../src/core/model.js';
import {
  readAppSslmode,
  readRejectUnauthorizedSwitch,
  readTlsSwitch,
  readTrustServerCertificateSwitch,
  readTypeormDriverExtra,
} from '../../../src/core/readers/app-setting.js';
import { readMssqlOptions } from '../../../src/core/readers/mssql.js';
import { parseMysqlSslMode } from '../../../src/core/readers/mysql.js';
import {
  readNodeOptions,
  readProcessAssignment,
  readRejectUnauthorizedVariable,
} from '../../../src/core/readers/node-process.js';
import { readTlsOptions, weakCipherTokens } from '../../../src/core/readers/node-tls.js';
import {
  isLoopbackAddress,
  readHbaRecords,
  type HbaField,
} from '../../../src/core/readers/pg-hba.js';
import { readServerConfig, type ServerSetting } from '../../../src/core/readers/pg-server.js';
import { readPgssl } from '../../../src/core/readers/postgresjs.js';
import { lit, obj, printer, scalar } from './helpers.js';

describe('app conventions', () => {
  it.each([
    ['DB_SSL', 'false', readTlsSwitch, ['tls-off appTlsSwitchOff'], 'true'],
    ['DB_SSL', 'OFF', readTlsSwitch, ['tls-off appTlsSwitchOff'], 'ON'],
    ['DB_SSL', 'true', readTlsSwitch, [], undefined],
    [
      'DB_SSL_REJECT_UNAUTHORIZED',
      '0',
      readRejectUnauthorizedSwitch,
      ['verification-disabled appVerificationOff'],
      '1',
    ],
    [
      'DB_TRUST_SERVER_CERTIFICATE',
      'yes',
      readTrustServerCertificateSwitch,
      ['verification-disabled appTrustServerCertificate'],
      undefined,
    ],
    ['DB_TRUST_SERVER_CERTIFICATE', 'false', readTrustServerCertificateSwitch, [], undefined],
    ['DATABASE_SSLMODE', 'prefer', readAppSslmode, ['weak-sslmode sslmodePrefer'], 'verify-full'],
    ['DATABASE_SSLMODE', 'disable', readAppSslmode, ['tls-off appTlsSwitchOff'], 'verify-full'],
    [
      'MYSQL_SSL_MODE',
      'PREFERRED',
      readAppSslmode,
      ['weak-sslmode mysqlModeBelowVerifyIdentity'],
      'VERIFY_IDENTITY',
    ],
    ['MYSQL_SSL_MODE', 'VERIFY_IDENTITY', readAppSslmode, [], undefined],
    ['PGSSL', 'require', readPgssl, ['weak-sslmode pgsslNoVerify'], 'verify-full'],
    ['PGSSL', 'prefer', readPgssl, ['weak-sslmode pgsslPrefer'], 'verify-full'],
  ] as const)('%s=%s', (name, value, read, said, fixed) => {
    const r = scalar(name, value, read);
    expect(r.said).toEqual(said);
    expect(r.fixed).toBe(fixed);
  });

  it('makes an app switch a suggestion only (the app decides what it means)', () => {
    expect(scalar('DB_SSL', 'false', readTlsSwitch).verdicts[0]!.fixes[0]!.safe).toBe(false);
  });

  it.each([
    ['{"ssl":false}', ['tls-off typeormExtraSslOff'], undefined],
    [
      '{"ssl":{"rejectUnauthorized":false}}',
      ['verification-disabled typeormExtraRejectUnauthorizedOff'],
      '{"ssl":{"rejectUnauthorized":true}}',
    ],
    ['{"ssl":{"rejectUnauthorized":true}}', [], undefined],
    ['{"ssl":', [], undefined],
  ])('TYPEORM_DRIVER_EXTRA=%s', (value, said, fixed) => {
    const r = scalar('TYPEORM_DRIVER_EXTRA', value, readTypeormDriverExtra);
    expect(r.said).toEqual(said);
    expect(r.fixed).toBe(fixed);
  });
});

describe("MySQL's ssl-mode names on libpq's order", () => {
  it.each([
    ['DISABLED', 'disable'],
    ['preferred', 'prefer'],
    ['REQUIRED', 'require'],
    ['VERIFY_CA', 'verify-ca'],
    ['VERIFY_IDENTITY', 'verify-full'],
    ['verify-full', undefined],
  ])('%s', (text, mode) => {
    expect(parseMysqlSslMode(text)).toBe(mode);
  });
});

describe('process-wide switches', () => {
  it('NODE_TLS_REJECT_UNAUTHORIZED=0 (exactly "0")', () => {
    expect(
      scalar('NODE_TLS_REJECT_UNAUTHORIZED', '0', (j) => {
        readRejectUnauthorizedVariable(j, [0, 1]);
      }).said,
    ).toEqual(['verification-disabled processWide']);
    expect(
      scalar('NODE_TLS_REJECT_UNAUTHORIZED', 'false', (j) => {
        readRejectUnauthorizedVariable(j, undefined);
      }).said,
    ).toEqual([]);
  });

  it.each([
    ['--tls-min-v1.0', ['weak-tls-version nodeOptionsAllows'], 'TLSv1'],
    ['--max-old-space-size=100 --tls-max-v1.1', ['weak-tls-version nodeOptionsForces'], 'TLSv1.1'],
    ['--tls-min-v1.2', ['weak-tls-version nodeOptionsAllows'], 'TLSv1.2'],
    ['--tls-min-v1.3', [], undefined],
    ['--tls-cipher-list=RC4:HIGH', ['weak-ciphers nodeOptionsWeakCiphers'], undefined],
  ])('NODE_OPTIONS=%s', (value, said, version) => {
    const r = scalar('NODE_OPTIONS', value, readNodeOptions);
    expect(r.said).toEqual(said);
    expect(r.verdicts[0]?.tlsVersion).toBe(version);
  });

  it('in code: the assignment, branch by branch', () => {
    const at = {
      range: [0, 1] as const,
      environment: 'production' as const,
      guards: new Map(),
      minimumTlsVersion: 'TLSv1.2' as const,
    };
    expect(
      readProcessAssignment({ ...at, target: 'NODE_TLS_REJECT_UNAUTHORIZED', value: lit('0') }),
    ).toHaveLength(1);
    expect(
      readProcessAssignment({ ...at, target: 'NODE_TLS_REJECT_UNAUTHORIZED', value: lit(0) }),
    ).toHaveLength(1);
    expect(
      readProcessAssignment({ ...at, target: 'NODE_TLS_REJECT_UNAUTHORIZED', value: lit('1') }),
    ).toHaveLength(0);
    expect(
      readProcessAssignment({ ...at, target: 'tls.DEFAULT_MIN_VERSION', value: lit('TLSv1') })[0]
        ?.message.id,
    ).toBe('processMinimumLowered');
  });
});

describe("Node's TLS options, one row per key", () => {
  const read = (entries: Parameters<typeof obj>[0]) =>
    readTlsOptions(obj(entries) as ObjectValue, {
      environment: 'production',
      guards: new Map(),
      loopback: false,
      driver: 'D',
      minimumTlsVersion: 'TLSv1.2',
      printer,
    }).map((v) => `${v.kind} ${v.message.id}`);
  it.each([
    [{ rejectUnauthorized: lit(false) }, ['verification-disabled rejectUnauthorizedOff']],
    [{ rejectUnauthorized: lit(true) }, []],
    [
      { checkServerIdentity: { kind: 'function', returnsNothing: true, range: [0, 1] } },
      ['host-unchecked checkServerIdentityNoop'],
    ],
    [{ minVersion: lit('TLSv1') }, ['weak-tls-version versionAllowed']],
    [{ maxVersion: lit('TLSv1.1') }, ['weak-tls-version versionForced']],
    [{ minVersion: lit('TLSv1.3') }, []],
    [{ secureProtocol: lit('TLSv1_method') }, ['weak-tls-version secureProtocolBelowTls12']],
    [{ secureProtocol: lit('TLSv1_2_method') }, ['weak-tls-version secureProtocolTls12']],
    [{ ciphers: lit('HIGH:!aNULL:!MD5') }, []],
    [{ ciphers: lit('HIGH:RC4-SHA') }, ['weak-ciphers weakCiphers']],
    [
      { tlsAllowInvalidCertificates: lit(true) },
      ['verification-disabled optionDisablesVerification'],
    ],
    [{ tlsInsecure: lit(true) }, ['verification-disabled optionDisablesVerification']],
    [{ tlsAllowInvalidHostnames: lit(true) }, ['host-unchecked allowInvalidHostnames']],
    [{ sslValidate: lit(false) }, ['verification-disabled sslValidateOff']],
    [{ trustServerCertificate: lit(true) }, ['verification-disabled trustServerCertificate']],
    [{ host: lit('db') }, []],
  ] as const)('%j', (entries, said) => {
    expect(read(entries as never)).toEqual(said);
  });

  it('lists only the cipher tokens that add weak suites', () => {
    expect(weakCipherTokens('HIGH:!RC4:-MD5:+3DES:EXPORT40:NULL-SHA')).toEqual([
      'EXPORT40',
      'NULL-SHA',
    ]);
  });
});

describe('SQL Server switches with the consumer defaults', () => {
  const read = (
    config: Parameters<typeof obj>[0],
    encryptDefault: boolean,
    trustDefault: boolean,
  ) => {
    const said: string[] = [];
    readMssqlOptions(
      {
        config: obj(config) as ObjectValue,
        driver: 'D',
        environment: 'production',
        guards: new Map(),
        range: [0, 1],
        printer,
        observe: (kind, _at, message) => said.push(`${kind} ${message.id}`),
      },
      {
        encryptPaths: [['options', 'encrypt']],
        trustPaths: [['options', 'trustServerCertificate']],
        encryptDefault,
        trustDefault,
        optionsPath: ['options'],
      },
    );
    return said;
  };
  it.each([
    [{ server: lit('h') }, true, false, []],
    [{ server: lit('h') }, false, false, ['tls-off mssqlEncryptDefaultsOff']],
    [{ server: lit('h') }, true, true, ['verification-disabled mssqlTrustDefaultsOn']],
    [{ options: obj({ encrypt: lit(false) }) }, true, false, ['tls-off mssqlEncryptOff']],
    [{ options: obj({ encrypt: lit(true), trustServerCertificate: lit(false) }) }, false, true, []],
  ] as const)('%j (encrypt default %s, trust default %s)', (config, e, t, said) => {
    expect(read(config as never, e, t)).toEqual(said);
  });
});

describe('postgresql.conf', () => {
  const setting = (name: string, value: string): ServerSetting => ({
    name,
    nameRange: [0, 1],
    value,
    valueRange: [2, 3],
    verbatim: true,
    quoted: false,
  });
  const read = (settings: ServerSetting[], mainFile = true) =>
    readServerConfig({
      settings,
      mainFile,
      start: [0, 1],
      environment: 'production',
      minimumTlsVersion: 'TLSv1.2',
    }).verdicts.map((v) => `${v.kind} ${v.message.id}${v.loopback ? ' (loopback)' : ''}`);
  it.each([
    [[setting('ssl', 'on')], []],
    [[setting('ssl', 'off'), setting('listen_addresses', '*')], ['tls-off serverSslOff']],
    [[setting('ssl', 'of')], ['tls-off serverSslOff (loopback)']],
    [[setting('listen_addresses', '*')], ['tls-off serverListensWithoutSsl']],
    [[setting('listen_addresses', 'localhost')], ['tls-off serverSslUnset (loopback)']],
    [
      [setting('listen_addresses', '*'), setting('include', 'x.conf')],
      ['tls-unresolved serverSslUnsetWithIncludes'],
    ],
    [[setting('include', 'x.conf')], ['tls-unresolved serverSslUnsetWithIncludes (loopback)']],
    [
      [setting('ssl', 'on'), setting('ssl_min_protocol_version', 'TLSv1.1')],
      ['weak-tls-version serverVersionAllows'],
    ],
    [
      [setting('ssl', 'on'), setting('ssl_ciphers', 'HIGH:RC4')],
      ['weak-ciphers serverWeakCiphers'],
    ],
    [
      [setting('ssl', 'on'), setting('password_encryption', 'md5')],
      ['weak-auth md5PasswordEncryption'],
    ],
    [
      [setting('ssl', 'on'), setting('password_encryption', 'on')],
      ['weak-auth md5PasswordEncryptionAlias'],
    ],
    [[setting('ssl', 'on'), setting('password_encryption', 'scram-sha-256')], []],
  ])('%j', (settings, said) => {
    expect(read(settings)).toEqual(said);
  });
  it('says nothing about a missing ssl in an included file', () => {
    expect(read([setting('port', '5432')], false)).toEqual([]);
  });
});

describe('pg_hba.conf, one row per type and method', () => {
  const record = (line: string): HbaField[] =>
    line.split(/\s+/).map((text, i) => ({ text, range: [i, i + 1], quoted: false }));
  const read = (line: string) =>
    readHbaRecords([record(line)], 'production').map((v) => `${v.kind} ${v.message.id}`);
  it.each([
    ['hostssl all all 0.0.0.0/0 scram-sha-256', []],
    ['host all all 0.0.0.0/0 scram-sha-256', ['tls-off hbaAllowsPlaintext']],
    ['hostnossl all all 10.0.0.0/8 scram-sha-256', ['tls-off hbaOnlyPlaintext']],
    ['hostssl all all 0.0.0.0/0 trust', ['weak-auth hbaTrust']],
    ['local all all trust', ['weak-auth hbaTrustLocal']],
    ['local all all md5', ['weak-auth hbaMd5Local']],
    ['hostssl all all 0.0.0.0/0 md5', ['weak-auth hbaMd5']],
    ['hostssl all all 0.0.0.0/0 password', []],
    ['host all all 10.0.0.0/8 password', ['tls-off hbaAllowsPlaintext', 'weak-auth hbaCleartext']],
    ['hostssl all all 0.0.0.0/0 ident', ['weak-auth hbaIdentOverTcp']],
    ['local all all peer', []],
    ['include other.conf', []],
  ])('%s', (line, said) => {
    expect(read(line)).toEqual(said);
  });

  it.each([
    ['127.0.0.1/32', undefined, true],
    ['127.0.0.1', '255.255.255.255', true],
    ['127.0.0.1', '0.0.0.0', false],
    ['::1/128', undefined, true],
    ['samehost', undefined, true],
    ['10.0.0.0/8', undefined, false],
  ])('%s %s is loopback: %s', (address, mask, loopback) => {
    expect(isLoopbackAddress(address, mask)).toBe(loopback);
  });
});
