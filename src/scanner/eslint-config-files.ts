/** The names of ESLint's configuration files, for every place that looks for them. */

/** JS/TS files: the ones the plugin's rules lint. */
export const SCRIPT_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;

/** Flat configuration, in ESLint's order of precedence within one folder. */
export const FLAT_CONFIG_FILES = [
  'eslint.config.js',
  'eslint.config.mjs',
  'eslint.config.cjs',
  'eslint.config.ts',
  'eslint.config.mts',
  'eslint.config.cts',
];

/** eslintrc, in its order of precedence within one folder (package.json: `eslintConfig`). */
export const LEGACY_CONFIG_FILES = [
  '.eslintrc.js',
  '.eslintrc.cjs',
  '.eslintrc.yaml',
  '.eslintrc.yml',
  '.eslintrc.json',
  '.eslintrc',
  'package.json',
];
