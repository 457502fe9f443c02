/** Drivers' TLS options, one table per dialect: what each value means to the driver that reads it. */
import { describe, expect, it } from 'vitest';
import type { Value } from '../../../src/core/model.js';
import { lit, obj, optionVerdicts } from './helpers.js';

const env: Value = { kind: 'env', name: 'DB_SSL', range: [0, 1] };
const unset: Value = {
  kind: 'literal',
  value: false,
  range: [0, 1],
  synthetic: true,
  fromEnv: { name: 'DB_SSL', how: 'comparison' },
};

describe('every dialect with an option: off is TLS off', () => {
  it.each([
    'pg',
    'pg-native',
    'mysql2',
    'mysqljs',
    'mariadb',
    'postgresjs',
    'slonik',
    'mongodb',
    'ioredis',
    'node-redis',
  ] as const)('%s', (dialect) => {
    expect(optionVerdicts(dialect, lit(false)).said).toEqual(['tls-off sslOff']);
    expect(optionVerdicts(dialect, lit(0)).said).toEqual(['tls-off sslOff']);
    expect(optionVerdicts(dialect, unset).said).toEqual(['tls-off sslOffByDefault']);
  });
  it.each(['always-tls', 'prisma-engine', 'node-tls', 'none', 'mssql'] as const)(
    '%s has no TLS option of its own',
    (dialect) => {
      expect(optionVerdicts(dialect, lit(false)).said).toEqual([]);
    },
  );
  it.each([
    ['pg', ['tls-off sslRawEnvironmentString']],
    ['mysql2', ['tls-off sslRawEnvironmentString']],
    ['postgresjs', []],
    ['mongodb', []],
  ] as const)('%s reads a raw environment string as it is', (dialect, said) => {
    expect(optionVerdicts(dialect, env).said).toEqual(said);
  });
});

describe('node-postgres and pg-native', () => {
  it.each([
    ['pg', lit(true), []],
    ['pg', obj({ rejectUnauthorized: lit(true) }), []],
    ['pg', lit('no-verify'), ['verification-disabled sslNoVerify']],
    ['pg', lit('require'), ['invalid-tls-value pgSslString']],
    ['pg-native', lit(true), ['invalid-tls-value pgNativeSslTrue']],
    ['pg-native', obj({ ca: lit('x') }), ['tls-off pgNativeWithoutSslmode']],
    ['pg-native', obj({ sslmode: lit('verify-full') }), []],
    ['pg-native', obj({}, true), []],
  ] as const)('%s %j', (dialect, value, said) => {
    expect(optionVerdicts(dialect, value).said).toEqual(said);
  });
});

describe('the MySQL family', () => {
  it.each([
    ['mysql2', lit(true), ['invalid-tls-value mysql2SslTrue']],
    ['mysqljs', lit(true), ['verification-disabled mysqljsSslTrue']],
    ['mariadb', lit(true), []],
    ['mysql2', lit('Amazon RDS'), ['weak-sslmode amazonRdsProfile']],
    ['mariadb', lit('Amazon RDS'), ['invalid-tls-value unknownSslProfile']],
    ['mysql2', lit('bogus'), ['invalid-tls-value unknownSslProfile']],
    ['mysql2', obj({ ca: lit('x') }), ['weak-sslmode mysql2WithoutVerifyIdentity']],
    ['mysql2', obj({ verifyIdentity: lit(true) }), []],
    ['mysql2', obj({ verifyIdentity: lit(false) }), ['weak-sslmode mysql2WithoutVerifyIdentity']],
    // Verification off: one finding, whose fix turns verifyIdentity on too.
    [
      'mysql2',
      obj({ rejectUnauthorized: lit(false) }),
      ['verification-disabled rejectUnauthorizedOff'],
    ],
    ['mysql2', obj({}, true), []],
    ['mysqljs', obj({ ca: lit('x') }), ['weak-sslmode mysqljsNoHostCheck']],
    ['mariadb', obj({ ca: lit('x') }), []],
  ] as const)('%s %j', (dialect, value, said) => {
    expect(optionVerdicts(dialect, value).said).toEqual(said);
  });
});

describe('postgres.js and drizzle-kit', () => {
  it.each([
    ['postgresjs', 'verify-full', [], undefined],
    ['postgresjs', 'require', ['weak-sslmode postgresjsSslNoVerify'], 'require'],
    ['postgresjs', 'allow', ['weak-sslmode postgresjsSslNoVerify'], 'require'],
    ['postgresjs', 'prefer', ['weak-sslmode postgresjsSslPrefer'], 'prefer'],
    ['drizzle-kit-pg', 'prefer', ['weak-sslmode drizzleKitSslPrefer'], 'prefer'],
  ] as const)('%s ssl: %s', (dialect, value, said, sslmode) => {
    const r = optionVerdicts(dialect, lit(value));
    expect(r.said).toEqual(said);
    expect(r.verdicts[0]?.sslmode).toBe(sslmode);
  });
});
