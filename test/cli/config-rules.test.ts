/**
 * The scanner configuration's `rules` (ESLint's severities, every form) on every file type,
 * and its validation: typos are configuration errors with a "did you mean".
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, jsonReport, project, run, WEAK_JS } from './helpers.js';

beforeAll(() => {
  if (!existsSync(BIN))
    throw new Error('run `npm run build` first: the CLI tests spawn dist/src/cli/bin.js');
});

/** A production `.env` with TLS off, and a JS pool with verification off and a password. */
const FILES = {
  '.env.production': 'PGSSLMODE=disable\n',
  'src/db.js': WEAK_JS,
};

function findings(rules: unknown): string[] {
  const root = project({ ...FILES, 'package.json': JSON.stringify({ 'secure-db': { rules } }) });
  const r = run(root, ['scan', '--format', 'json']);
  expect(r.stderr).toBe('');
  return jsonReport(r.stdout).results.map(
    (x: { file: string; ruleId: string; severity: string }) =>
      `${x.file} ${x.ruleId} ${x.severity}`,
  );
}

describe('rules', () => {
  it('reports every rule at error by default', () => {
    expect(findings({})).toEqual([
      '.env.production secure-db/require-ssl error',
      'src/db.js secure-db/no-hardcoded-credentials error',
      'src/db.js secure-db/no-disabled-cert-verification error',
    ]);
  });

  it('turns rules off or to warnings, on every file type, in each of ESLint’s forms', () => {
    for (const [off, warn] of [
      ['off', 'warn'],
      [0, 1],
      [['off'], ['warn', { minimum: 'TLSv1.3' }]],
    ])
      expect(
        findings({
          'secure-db/require-ssl': warn,
          'no-hardcoded-credentials': off,
          'secure-db/no-disabled-cert-verification': 2,
        }),
      ).toEqual([
        '.env.production secure-db/require-ssl warning',
        'src/db.js secure-db/no-disabled-cert-verification error',
      ]);
  });

  it('warnings do not fail the scan, unless --max-warnings', () => {
    const root = project({
      '.env.production': 'PGSSLMODE=disable\n',
      'cfg.json': JSON.stringify({ rules: { 'secure-db/require-ssl': 'warn' } }),
    });
    expect(run(root, ['scan', '-c', 'cfg.json']).code).toBe(0);
    expect(run(root, ['scan', '-c', 'cfg.json', '--max-warnings', '0']).code).toBe(1);
  });

  it('a directive for a rule that is off is unused, as in ESLint', () => {
    const root = project({
      '.env.production':
        '# secure-db-disable-next-line require-ssl -- local only\nPGSSLMODE=disable\n',
      'package.json': JSON.stringify({ 'secure-db': { rules: { 'require-ssl': 'off' } } }),
    });
    const r = run(root, ['scan', '--format', 'json']);
    expect(jsonReport(r.stdout).results.map((x: { ruleId: string }) => x.ruleId)).toEqual([
      'secure-db/disable-directive',
    ]);
  });
});

describe('configuration errors name the key, the allowed values and the closest one', () => {
  it.each([
    [
      { profle: 'strict' },
      'unknown key "profle" (allowed: "profile", "minimumSslmode", "minimumTlsVersion", "environments", "ignores", "rules", "eslintConfig", "maxFileSize", "maxFileTime"). Did you mean "profile"?',
    ],
    [
      { minimumSslmode: 'verify-fulll' },
      '"minimumSslmode" is "verify-fulll"; allowed: "require", "verify-ca", "verify-full". Did you mean "verify-full"?',
    ],
    [
      { rules: { 'secure-db/require-tls': 'off' } },
      'unknown rule "secure-db/require-tls" (rules: "require-ssl", "no-disabled-cert-verification", "no-weak-sslmode", "min-tls-version", "no-weak-db-auth", "no-hardcoded-credentials"). Did you mean "secure-db/require-ssl"?',
    ],
    [
      { rules: { 'require-ssl': 'of' } },
      '"rules.require-ssl" is "of"; allowed: "off", "warn", "error" (or 0, 1, 2, or an array starting with one). Did you mean "off"?',
    ],
    [
      { rules: { 'require-ssl': 3 } },
      '"rules.require-ssl" is 3; allowed: "off", "warn", "error" (or 0, 1, 2, or an array starting with one).',
    ],
    [
      { environments: { developement: ['dev/**'] } },
      'unknown key "environments.developement" (allowed: "development", "production"). Did you mean "development"?',
    ],
  ])('%j', (config, message) => {
    const root = project({ 'a.js': '', 'cfg.json': JSON.stringify(config) });
    expect(run(root, ['scan', '-c', 'cfg.json'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `secure-db: configuration error: cfg.json: ${message}\n`,
    });
  });
});
