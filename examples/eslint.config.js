// Flat config (ESLint 9 and 10; ESLint 8.57 flat works the same way).
import secureDb from 'eslint-plugin-secure-db';
import tsParser from '@typescript-eslint/parser';

export default [
  secureDb.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser },
  },
];
