// The project lints itself: @eslint/js recommended everywhere, typescript-eslint
// strictTypeChecked for the TypeScript sources and tests (type-aware: it reads tsconfig.json).
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
    extends: [js.configs.recommended, tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
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
      // ESTree node types are strings by the ESTree spec; comparing `node.type` with
      // 'Identifier' is how every ESLint rule reads, and the AST_NODE_TYPES enum adds nothing.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // Messages and diagnostics print line and column numbers.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-expect-error': 'allow-with-description' },
      ],
    },
  },
  {
    name: 'secure-db/self/ts-morph',
    files: ['src/frontends/typescript/**/*.ts'],
    rules: {
      // ts-morph builds its node classes from mixins (`IdentifierBase = Constructor<…> & typeof
      // PrimaryExpression`), which the rule cannot follow back to `Node`: every node ts-morph
      // itself returns (getNameNode(), getExportedDeclarations()) reads as "not constructed".
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
    },
  },
]);
