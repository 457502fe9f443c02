/**
 * `secure-db/no-weak-db-auth` with ESLint's own RuleTester (ESLint 10, flat config) on the
 * secure-db languages: pg_hba.conf and postgresql.conf through `secure-db/postgres-conf`,
 * the postgres image's POSTGRES_HOST_AUTH_METHOD through `secure-db/dotenv` and
 * `secure-db/yaml`. The rule reports nothing in JavaScript. The policy itself is tested in
 * test/core/readers and the front-ends' fixtures; this is the ESLint face of it.
 */
import { RuleTester } from 'eslint';
import { beforeAll } from 'vitest';
import plugin, { loadLanguageSupport } from '../../src/plugin/index.js';

// The languages load their parsing synchronously from the built JavaScript; from the
// TypeScript sources (vitest) it is loaded ahead.
beforeAll(loadLanguageSupport);

const ruleId = 'no-weak-db-auth';
const rule = plugin.rules[ruleId]!;

function tester(language: string): RuleTester {
  return new RuleTester({ plugins: { 'secure-db': plugin }, language: `secure-db/${language}` });
}

tester('postgres-conf').run(ruleId, rule, {
  valid: [
    { filename: 'pg_hba.conf', code: 'hostssl all all 0.0.0.0/0 scram-sha-256\n' },
    { filename: 'pg_hba.conf', code: 'local all all peer\nhost all all 127.0.0.1/32 md5\n' },
    { filename: 'postgresql.conf', code: "password_encryption = 'scram-sha-256'\n" },
  ],
  invalid: [
    {
      filename: 'pg_hba.conf',
      code: 'hostssl all all 0.0.0.0/0 trust\n',
      errors: [
        {
          messageId: 'hbaTrust',
          line: 1,
          column: 27,
          suggestions: [
            {
              messageId: 'applyFix',
              data: { description: 'Use scram-sha-256' },
              output: 'hostssl all all 0.0.0.0/0 scram-sha-256\n',
            },
          ],
        },
      ],
    },
    {
      filename: 'pg_hba.conf',
      code: 'host all all 127.0.0.1/32 md5\n',
      settings: { 'secure-db': { profile: 'strict' } },
      errors: 1,
    },
    { filename: 'postgresql.conf', code: 'password_encryption = md5\n', errors: 1 },
  ],
});

tester('dotenv').run(ruleId, rule, {
  valid: [{ filename: '.env', code: 'POSTGRES_HOST_AUTH_METHOD=scram-sha-256\n' }],
  invalid: [{ filename: '.env', code: 'POSTGRES_HOST_AUTH_METHOD=trust\n', errors: 1 }],
});

tester('yaml').run(ruleId, rule, {
  valid: [],
  invalid: [
    {
      filename: 'docker-compose.yml',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: trust\n',
      errors: [
        {
          messageId: 'postgresImageTrust',
          line: 5,
          column: 34,
          suggestions: [
            {
              messageId: 'applyFix',
              data: { description: 'Set POSTGRES_HOST_AUTH_METHOD to scram-sha-256' },
              output:
                'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: scram-sha-256\n',
            },
          ],
        },
      ],
    },
  ],
});

new RuleTester({ plugins: { 'secure-db': plugin } }).run(ruleId, rule, {
  valid: [{ code: "const method = 'trust'; process.env.POSTGRES_HOST_AUTH_METHOD = method;" }],
  invalid: [],
});
