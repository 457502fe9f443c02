/** The policy's word lists (src/core/vocabulary.ts), one table per list. */
import { describe, expect, it } from 'vitest';
import {
  classifyEnvironmentName,
  CONNECTION_KEYS,
  DEVELOPMENT_FLAG,
  ENVIRONMENT_IDENTIFIER,
  isEnvironmentKey,
  isEnvironmentVariable,
  isDatabasePasswordName,
  isSslmodeName,
  isTlsSwitchName,
  isTlsVersionBelow,
  matchCase,
  parseBooleanWord,
  parsePostgresBool,
  parseShellDefault,
  parseTlsVersion,
  PASSWORD_KEY,
  PRODUCTION_FLAG,
} from '../../src/core/vocabulary.js';

describe('environment names', () => {
  it.each([
    ['dev', 'development'],
    ['Development', 'development'],
    [' local ', 'development'],
    ['test', 'development'],
    ['ci', 'development'],
    ['production', 'production'],
    ['staging', 'production'],
    ['qa', 'production'],
    ['preview', 'production'],
    ['anything-else', 'production'],
    ['staging_postgresql', 'production'],
    ['production-ssl-disabled', 'production'],
    ['development-docker', 'development'],
    ['local_sqlite', 'development'],
    ['testMysql', 'development'],
    ['devices', 'production'],
  ])('%s is %s', (name, expected) => {
    expect(classifyEnvironmentName(name)).toBe(expected);
  });

  it.each([
    ['development', true],
    ['PRODUCTION', true],
    ['staging', true],
    ['uat', true],
    ['canary', true],
    ['host', false],
    ['connection', false],
    ['devices', false],
  ])('environment-map key %s: %s', (key, expected) => {
    expect(isEnvironmentKey(key)).toBe(expected);
  });

  it.each([
    ['NODE_ENV', true],
    ['DJANGO_ENV', true],
    ['APP_ENVIRONMENT', true],
    ['VERCEL_ENV', true],
    ['NEXT_PUBLIC_APP_ENV', true],
    ['STAGE', true],
    ['ENV', true],
    ['RAILS_ENV', true],
    ['DATABASE_URL', false],
    ['ENVELOPE', false],
  ])('variable %s names the environment: %s', (name, expected) => {
    expect(isEnvironmentVariable(name)).toBe(expected);
  });

  it.each([
    ['env', true],
    ['nodeEnv', true],
    ['appEnv', true],
    ['environment', true],
    ['envelope', false],
  ])('identifier %s holds the environment: %s', (name, expected) => {
    expect(ENVIRONMENT_IDENTIFIER.test(name)).toBe(expected);
  });

  it.each([
    ['isProduction', 'production'],
    ['IS_PROD', 'production'],
    ['prodMode', 'production'],
    ['isDev', 'development'],
    ['isLocal', 'development'],
    ['IS_TEST', 'development'],
    ['product', undefined],
    ['devices', undefined],
  ])('flag %s says %s', (name, expected) => {
    const said = PRODUCTION_FLAG.test(name)
      ? 'production'
      : DEVELOPMENT_FLAG.test(name)
        ? 'development'
        : undefined;
    expect(said).toBe(expected);
  });
});

describe('connection and password keys', () => {
  it.each([
    ['host', true],
    ['connectionString', true],
    ['dialect', true],
    ['adapter', true],
    ['ssl', false],
    ['password', false],
  ])('%s makes an object a connection config: %s', (key, expected) => {
    expect(CONNECTION_KEYS.has(key)).toBe(expected);
  });

  it.each([
    ['password', true],
    ['PASSWORD', true],
    ['passwd', true],
    ['dbPassword', true],
    ['database_password', true],
    ['sslpassword', true],
    ['passwordResetUrl', false],
    ['secret', false],
  ])('option key %s holds a password: %s', (key, expected) => {
    expect(PASSWORD_KEY.test(key)).toBe(expected);
  });

  it.each([
    ['DB_PASSWORD', true],
    ['POSTGRES_PASS', true],
    ['MYSQL_PWD', true],
    ['PGPASSWORD', true],
    ['MYSQL_ROOT_PASSWORD', true],
    ['MONGO_INITDB_ROOT_PASSWORD', true],
    ['POSTGRES_NON_ROOT_PASSWORD', true],
    ['DB_POSTGRESDB_PASSWORD', true],
    ['REDIS_CACHE_PASSWORD', true],
    ['MSSQL_SA_PASSWORD', true],
    ['SA_PASSWORD', true],
    ['TYPEORM_PASSWORD', true],
    ['dbPassword', true],
    ['PAPERLESS_DBPASS', true],
    ['MYSQLPWD', true],
    ['APP_PGPASSWORD', true],
    ['SMTP_PASSWORD', false],
    ['BYPASS', false],
    ['SMTPPASS', false],
    ['COMPASS', false],
    ['EMAIL_HOST_PASSWORD', false],
    ['BASIC_AUTH_PASSWORD', false],
    ['ADMIN_PASSWORD', false],
    ['DJANGO_SUPERUSER_PASSWORD', false],
    ['JWT_SECRET', false],
    ['SESSION_SECRET', false],
    ['RESET_PASSWORD_LOCK_TIME', false],
    ['DB_PASSWORD_FILE', false],
  ])('%s names a database password: %s', (name, expected) => {
    expect(isDatabasePasswordName(name)).toBe(expected);
  });

  it.each([
    ['DB_SSL', true],
    ['REDIS_SSL', true],
    ['REDIS_TLS', true],
    ['DB_ENABLE_SSL', true],
    ['DB_SSL_ENABLED', true],
    ['POSTGRES_USE_SSL', true],
    ['DB_ENCRYPT', true],
    ['MAIL_SSL', false],
    ['DB_SSL_CA', false],
    ['DB_SSL_REJECT_UNAUTHORIZED', false],
  ])('%s is a TLS switch: %s', (name, expected) => {
    expect(isTlsSwitchName(name)).toBe(expected);
  });

  it.each([
    ['POSTGRES_SSLMODE', true],
    ['DATABASE_SSL_MODE', true],
    ['SSL_MODE', true],
    ['MQTT_SSL_MODE', false],
  ])('%s is an sslmode variable: %s', (name, expected) => {
    expect(isSslmodeName(name)).toBe(expected);
  });
});

describe('booleans', () => {
  it.each([
    ['true', true],
    ['YES', true],
    [' on ', true],
    ['1', true],
    ['false', false],
    ['Off', false],
    ['no', false],
    ['0', false],
    ['disable', undefined],
    ['', undefined],
  ])('word %j is %s', (word, expected) => {
    expect(parseBooleanWord(word)).toBe(expected);
  });

  it.each([
    ['on', true],
    ['t', true],
    ['ye', true],
    ['1', true],
    ['off', false],
    ['of', false],
    ['fa', false],
    ['n', false],
    ['o', undefined],
    ['maybe', undefined],
  ])('PostgreSQL parse_bool(%j) is %s', (word, expected) => {
    expect(parsePostgresBool(word)).toBe(expected);
  });

  it.each([
    ['true', 'FALSE', 'TRUE'],
    ['true', 'False', 'True'],
    ['on', 'off', 'on'],
    ['1', '0', '1'],
  ])('%s in the case of %s is %s', (word, like, expected) => {
    expect(matchCase(word, like)).toBe(expected);
  });
});

describe('TLS versions', () => {
  it.each([
    ['TLSv1', 'TLSv1'],
    ['TLSv1.0', 'TLSv1'],
    ['tlsv1.1', 'TLSv1.1'],
    [' TLSv1.2 ', 'TLSv1.2'],
    ['TLSv1.3', 'TLSv1.3'],
    ['TLSv1.4', undefined],
    ['SSLv3', undefined],
    ['TLS1.2', undefined],
  ])('%j is %s', (text, expected) => {
    expect(parseTlsVersion(text)).toBe(expected);
  });

  it.each([
    ['TLSv1', 'TLSv1.2', true],
    ['TLSv1.1', 'TLSv1.2', true],
    ['TLSv1.2', 'TLSv1.2', false],
    ['TLSv1.2', 'TLSv1.3', true],
    ['TLSv1.3', 'TLSv1.2', false],
  ] as const)('%s below %s: %s', (version, minimum, expected) => {
    expect(isTlsVersionBelow(version, minimum)).toBe(expected);
  });
});

describe('shell defaults', () => {
  it.each([
    ['${DB_PASSWORD:-secret}', { name: 'DB_PASSWORD', operator: ':-', fallback: 'secret' }],
    ['${DB_PASSWORD-secret}', { name: 'DB_PASSWORD', operator: '-', fallback: 'secret' }],
    ['${X:=a b}', { name: 'X', operator: ':=', fallback: 'a b' }],
    ['${A:-${B:-c}}', { name: 'A', operator: ':-', fallback: '${B:-c}' }],
    ['${DB_PASSWORD}', undefined],
    ['x${A:-b}', undefined],
    ['$A', undefined],
  ])('%s', (text, expected) => {
    const parsed = parseShellDefault(text);
    expect(
      parsed && { name: parsed.name, operator: parsed.operator, fallback: parsed.fallback },
    ).toEqual(expected);
    if (parsed)
      expect(text.slice(parsed.offset, parsed.offset + parsed.fallback.length)).toBe(
        parsed.fallback,
      );
  });
});
