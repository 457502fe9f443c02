// The project lints itself: @eslint/js recommended everywhere, typescript-eslint
// recommended for the TypeScript sources. No type-aware rules (fast, no tsconfig needed).
// examples/ has its own eslint.config.js and is linted by test/integration, not here.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const TS_FILES = ['src/**/*.ts', 'rules/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', '*.ts'];

// Node globals for plain JS files (TypeScript files get no-undef turned off by typescript-eslint).
const nodeGlobals = {
  process: 'readonly',
  console: 'readonly',
  Buffer: 'readonly',
  URL: 'readonly',
  URLSearchParams: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  setImmediate: 'readonly',
  structuredClone: 'readonly',
  performance: 'readonly',
};

export default defineConfig([
  globalIgnores([
    'dist/',
    'coverage/',
    'examples/',
    '.tmp/',
    'test/**/fixtures/**',
    'bench/fixtures/**',
  ]),
  {
    name: 'secure-db/self/javascript',
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: nodeGlobals },
  },
  {
    name: 'secure-db/self/typescript',
    files: TS_FILES,
    extends: [js.configs.recommended, tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'smart'],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-throw-literal': 'error',
      'no-implicit-coercion': 'error',
      'no-param-reassign': 'error',
      'object-shorthand': ['error', 'properties'],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      // noUncheckedIndexedAccess makes `!` after a checked index the honest spelling.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-expect-error': 'allow-with-description' },
      ],
    },
  },
]);
