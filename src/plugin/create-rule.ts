import { ESLintUtils } from '@typescript-eslint/utils';

export interface SecureDbRuleDocs {
  description: string;
  /** Which configs enable the rule: `recommended` implies `strict` too. */
  recommended: 'recommended' | 'strict';
  url?: string;
}

export const DOCS_BASE_URL = 'https://github.com/secure-db/secure-db/blob/main/docs/rules/';

export const createRule = ESLintUtils.RuleCreator<SecureDbRuleDocs>((name) => `${DOCS_BASE_URL}${name}.md`);
