/**
 * Compile-time test (checked by `tsc --noEmit` in `npm test`): the configs and settings
 * type-check in an `eslint.config.ts`, so users get completion and errors.
 */
import { defineConfig } from 'eslint/config';
import type { Linter } from 'eslint';
import secureDb, { type SecureDbSettings } from '../../src/plugin/index.js';

const settings: SecureDbSettings = {
  profile: 'strict',
  minimumSslmode: 'verify-ca',
  environments: { development: ['scripts/**'] },
};

export const viaDefineConfig = defineConfig([
  { plugins: { 'secure-db': secureDb }, extends: ['secure-db/recommended'] },
  secureDb.configs.strict,
  { settings: { 'secure-db': settings } },
]);

export const viaArray: Linter.Config[] = [
  secureDb.configs.recommended,
  { rules: { 'secure-db/no-weak-sslmode': ['error', { minimum: 'require' }] } },
];

export const legacy: Linter.LegacyConfig = secureDb.configs['legacy-recommended'];

// @ts-expect-error profile is 'default' or 'strict'
export const wrong: SecureDbSettings = { profile: 'loose' };
