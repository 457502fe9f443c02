/**
 * The shareable configs, derived from rule meta: flat `recommended` / `strict` and
 * eslintrc `legacy-recommended` / `legacy-strict` (ESLint's naming for new plugins) for
 * JavaScript and TypeScript; flat `recommended-all-files` / `strict-all-files` (ESLint 9.15+)
 * add the secure-db languages for `.env`, YAML, settings.py, schema.prisma and PostgreSQL's
 * files (languages.ts).
 */
import type { ESLint, Linter } from 'eslint';
import type { SecureDbRuleDocs } from './create-rule.js';
import { NON_JAVASCRIPT_RULES } from '../core/settings-schema.js';
import { LANGUAGE_FILES, LANGUAGE_NAMES } from './languages.js';

type AnyRule = { meta: { docs?: Partial<SecureDbRuleDocs> } };

export const PLUGIN_NAMESPACE = 'secure-db';

function rulesFor(
  rules: Record<string, AnyRule>,
  level: 'recommended' | 'strict',
  files: 'javascript' | 'all' = 'javascript',
): Record<string, 'error'> {
  const entries = Object.entries(rules)
    .filter(([id]) => files === 'all' || !NON_JAVASCRIPT_RULES.has(id))
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

/** One language's block of a `*-all-files` config. */
interface LanguageConfig extends Linter.Config {
  name: string;
  files: string[];
  language: string;
  plugins: Record<string, ESLint.Plugin>;
  rules: Record<string, 'error'>;
}

/** `recommended-all-files` / `strict-all-files`: the JavaScript config, then one block per language. */
export type AllFilesConfig = [FlatConfig, ...LanguageConfig[]];

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
  'recommended-all-files': AllFilesConfig;
  'strict-all-files': AllFilesConfig;
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
  const allFiles = (level: 'recommended' | 'strict'): AllFilesConfig => [
    { ...flat(level), name: `${PLUGIN_NAMESPACE}/${level}-all-files` },
    ...LANGUAGE_NAMES.map((language): LanguageConfig => ({
      name: `${PLUGIN_NAMESPACE}/${level}-all-files/${language}`,
      ...LANGUAGE_FILES[language],
      files: [...LANGUAGE_FILES[language].files],
      language: `${PLUGIN_NAMESPACE}/${language}`,
      plugins: { [PLUGIN_NAMESPACE]: plugin },
      rules: rulesFor(rules, level, 'all'),
    })),
  ];
  return {
    recommended: flat('recommended'),
    strict: flat('strict'),
    'legacy-recommended': legacy('recommended'),
    'legacy-strict': legacy('strict'),
    'recommended-all-files': allFiles('recommended'),
    'strict-all-files': allFiles('strict'),
  };
}
