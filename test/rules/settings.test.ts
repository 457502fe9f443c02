/**
 * `settings['secure-db']` is validated like the scanner's configuration: with real ESLint
 * (10's Linter, flat; 8.57's, eslintrc), a typo is an error that names the key, the
 * allowed values and the closest one, never a silently weaker default.
 */
import { createRequire } from 'node:module';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/plugin/index.js';

const CODE =
  "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.example.com', ssl: false });\n";

function lintFlat(settings: unknown) {
  return new Linter({ configType: 'flat' }).verify(CODE, [
    { ...plugin.configs.recommended, settings: { 'secure-db': settings } },
  ]);
}

interface LegacyLinter {
  defineRule(id: string, rule: unknown): void;
  verify(code: string, config: Record<string, unknown>): { ruleId: string | null }[];
}
const { Linter: Linter8 } = createRequire(import.meta.url)('eslint-v8') as {
  Linter: new () => LegacyLinter;
};

function lintLegacy(settings: unknown) {
  const linter = new Linter8();
  for (const [id, rule] of Object.entries(plugin.rules)) linter.defineRule(`secure-db/${id}`, rule);
  return linter.verify(CODE, {
    parserOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    rules: { 'secure-db/require-ssl': 'error' },
    settings: { 'secure-db': settings },
  });
}

describe("settings['secure-db']", () => {
  it.each([
    [
      { profle: 'strict' },
      `settings['secure-db']: unknown key "profle" (allowed: "profile", "minimumSslmode", "environments", "autofix"). Did you mean "profile"?`,
    ],
    [
      { minimumSslmode: 'verify-fulll' },
      `settings['secure-db']: "minimumSslmode" is "verify-fulll"; allowed: "require", "verify-ca", "verify-full". Did you mean "verify-full"?`,
    ],
    [{ profile: 'strickt' }, `Did you mean "strict"?`],
    [{ autofix: 'yes' }, `settings['secure-db']: "autofix" must be true or false`],
    [
      { environments: { development: 'dev/**' } },
      `"environments.development" must be an array of strings`,
    ],
  ])('%j is a configuration error (ESLint 10 flat, ESLint 8.57 eslintrc)', (settings, message) => {
    expect(() => lintFlat(settings)).toThrow(message);
    expect(() => lintLegacy(settings)).toThrow(message);
  });

  it('valid settings lint as before', () => {
    const strict = { profile: 'strict', minimumSslmode: 'verify-ca', autofix: false };
    expect(lintFlat(strict).map((m) => m.ruleId)).toEqual(['secure-db/require-ssl']);
    expect(lintLegacy(strict).map((m) => m.ruleId)).toEqual(['secure-db/require-ssl']);
    expect(lintFlat({}).map((m) => m.ruleId)).toEqual(['secure-db/require-ssl']);
  });
});
