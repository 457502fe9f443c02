/**
 * eslint-plugin-secure-db. The same object is the ESM default export and, through the
 * `"module.exports"` export name, what `require()` returns, so flat config and `.eslintrc`
 * (ESLint 8.57's loader) get one plugin. Nothing heavy is imported here.
 */
import { rules } from '../../rules/index.js';
import { buildConfigs, PLUGIN_NAMESPACE, type FlatConfig, type LegacyConfig } from './configs.js';
import { readPackageMeta } from './package-meta.js';

export type { SecureDbSettings } from './settings.js';

export interface SecureDbPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: {
    recommended: FlatConfig;
    strict: FlatConfig;
    'legacy-recommended': LegacyConfig;
    'legacy-strict': LegacyConfig;
  };
}

const plugin: SecureDbPlugin = {
  meta: { ...readPackageMeta(), namespace: PLUGIN_NAMESPACE },
  rules,
  configs: {} as SecureDbPlugin['configs'],
};
// Configs refer back to the plugin object, so they are attached once it exists.
Object.assign(plugin.configs, buildConfigs(plugin, rules));

export { plugin as default, plugin as 'module.exports' };
