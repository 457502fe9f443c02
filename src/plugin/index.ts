/**
 * eslint-plugin-secure-db. The same object is the ESM default export and, through the
 * `"module.exports"` export name, what `require()` returns, so flat config and `.eslintrc`
 * (ESLint 8.57's loader) get one plugin. Nothing heavy is imported here.
 */
import type { ESLint } from 'eslint';
import { rules } from '../../rules/index.js';
import {
  buildConfigs,
  PLUGIN_NAMESPACE,
  type AllFilesConfig,
  type FlatConfig,
  type LegacyConfig,
} from './configs.js';
import { createLanguages, type SecureDbLanguage } from './languages.js';
import { readPackageMeta } from '../package-meta.js';

export type { SecureDbSettings } from './settings.js';
export { loadLanguageSupport } from './languages.js';

export interface SecureDbPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: NonNullable<ESLint.Plugin['rules']>;
  /** ESLint 9.15+ languages: `secure-db/dotenv`, `yaml`, `json`, `python`, `prisma`, `postgres-conf`. */
  languages: Record<string, SecureDbLanguage>;
  configs: {
    recommended: FlatConfig;
    strict: FlatConfig;
    'legacy-recommended': LegacyConfig;
    'legacy-strict': LegacyConfig;
    'recommended-all-files': AllFilesConfig;
    'strict-all-files': AllFilesConfig;
  };
}

const plugin: SecureDbPlugin = {
  meta: { ...readPackageMeta(), namespace: PLUGIN_NAMESPACE },
  // typescript-eslint's RuleModule and ESLint's RuleDefinition describe the same object
  // with different generics; the cast is the usual bridge (typescript-eslint does the same).
  rules: rules as unknown as SecureDbPlugin['rules'],
  languages: createLanguages(),
  configs: {} as SecureDbPlugin['configs'],
};
// Configs refer back to the plugin object, so they are attached once it exists.
Object.assign(plugin.configs, buildConfigs(plugin, rules));

export { plugin as default, plugin as 'module.exports' };
