/**
 * The findings of the file a rule is looking at, whatever the language: JavaScript and
 * TypeScript through the estree front-end (site-analysis.ts), the secure-db languages
 * (`.env`, YAML, settings.py, schema.prisma, PostgreSQL's files) through the SourceCode
 * they built, and nothing for other plugins' languages (JSON, Markdown, CSS), which these
 * rules do not read.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import type { Finding, PolicyOptions } from '../core/model.js';
import { hasSecureDbBrand } from '../languages/brand.js';
import type { SecureDbSourceCode } from '../languages/source-code.js';
import { readSettings } from './settings.js';
import { findingsFor as javascriptFindings } from './site-analysis.js';

export function findingsFor(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  overrides: Partial<PolicyOptions> = {},
): Finding[] {
  const sourceCode: unknown = context.sourceCode;
  if (hasSecureDbBrand(sourceCode)) {
    const settings = readSettings(context.settings);
    return (sourceCode as SecureDbSourceCode).findings({
      options: {
        profile: settings.profile,
        minimumSslmode: settings.minimumSslmode,
        minimumTlsVersion: 'TLSv1.2',
        ...overrides,
      },
      environments: settings.environments,
      filename: context.filename,
      cwd: context.cwd,
    });
  }
  if ((context.sourceCode.ast as { type?: string } | undefined)?.type !== 'Program') return [];
  return javascriptFindings(context, overrides);
}
