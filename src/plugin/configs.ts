/**
 * The four shareable configs, derived from rule meta: flat `recommended` / `strict` and
 * eslintrc `legacy-recommended` / `legacy-strict` (ESLint's naming for new plugins).
 */
import type { ESLint, Linter } from 'eslint';
import type { SecureDbRuleDocs } from './create-rule.js';

type AnyRule = { meta: { docs?: Partial<SecureDbRuleDocs> } };

export const PLUGIN_NAMESPACE = 'secure-db';

export function rulesFor(
  rules: Record<string, AnyRule>,
  level: 'recommended' | 'strict',
): Record<string, 'error'> {
  const entries = Object.entries(rules)
    .filter(([, rule]) => level === 'strict' || rule.meta.docs?.recommended === 'recommended')
    .map(([id]) => [`${PLUGIN_NAMESPACE}/${id}`, 'error'] as const);
  return Object.fromEntries(entries);
}

/** ESLint's own config types, so `eslint.config.ts` users get completion and checks. */
export interface FlatConfig extends Linter.Config {
  name: string;
  plugins: Record<string, ESLint.Plugin>;
  rules: Record<string, 'error'>;
  settings: { 'secure-db': { profile: 'default' | 'strict' } };
}

export interface LegacyConfig extends Linter.LegacyConfig {
  plugins: string[];
  rules: Record<string, 'error'>;
  settings: { 'secure-db': { profile: 'default' | 'strict' } };
}

export function buildConfigs(
  plugin: ESLint.Plugin,
  rules: Record<string, AnyRule>,
): {
  recommended: FlatConfig;
  strict: FlatConfig;
  'legacy-recommended': LegacyConfig;
  'legacy-strict': LegacyConfig;
} {
  const flat = (level: 'recommended' | 'strict'): FlatConfig => ({
    name: `${PLUGIN_NAMESPACE}/${level}`,
    plugins: { [PLUGIN_NAMESPACE]: plugin },
    rules: rulesFor(rules, level),
    settings: { 'secure-db': { profile: level === 'strict' ? 'strict' : 'default' } },
  });
  const legacy = (level: 'recommended' | 'strict'): LegacyConfig => ({
    plugins: [PLUGIN_NAMESPACE],
    rules: rulesFor(rules, level),
    settings: { 'secure-db': { profile: level === 'strict' ? 'strict' : 'default' } },
  });
  return {
    recommended: flat('recommended'),
    strict: flat('strict'),
    'legacy-recommended': legacy('recommended'),
    'legacy-strict': legacy('strict'),
  };
}
