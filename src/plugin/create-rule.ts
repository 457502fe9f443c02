// The `eslint-utils` subpath only: the package root also loads ESLint itself and its
// parsers, which every `--concurrency` worker and editor would pay for on import.
import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';

export interface SecureDbRuleDocs {
  description: string;
  /** Which configs enable the rule: `recommended` implies `strict` too. */
  recommended: 'recommended' | 'strict';
  url?: string;
}

const DOCS_BASE_URL = 'https://github.com/secure-db/secure-db/blob/main/docs/rules/';

export const createRule = RuleCreator<SecureDbRuleDocs>((name) => `${DOCS_BASE_URL}${name}.md`);
