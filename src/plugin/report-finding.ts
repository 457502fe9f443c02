/** Finding → `context.report`: location, message data, and fixes as suggestions or fixes. */
import type { TSESLint } from '@typescript-eslint/utils';
import type { Finding, RuleId } from '../core/model.js';
import { readSettings } from './settings.js';
import { findingsFor } from './findings.js';
import type { PolicyOptions } from '../core/model.js';

export const SUGGESTION_MESSAGE = { applyFix: '{{description}}.' } as const;

export function reportFindings<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds | 'applyFix', readonly unknown[]>>,
  ruleId: RuleId,
  overrides: Partial<PolicyOptions> = {},
): void {
  const autofix = readSettings(context.settings).autofix;
  for (const finding of findingsFor(context, overrides)) {
    if (finding.ruleId !== ruleId) continue;
    report(context, finding, autofix);
  }
}

function report<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds | 'applyFix', readonly unknown[]>>,
  finding: Finding,
  autofix: boolean,
): void {
  const sourceCode = context.sourceCode;
  const loc = {
    start: sourceCode.getLocFromIndex(finding.range[0]),
    end: sourceCode.getLocFromIndex(finding.range[1]),
  };
  const toFixer =
    (fix: Finding['fixes'][number]): TSESLint.ReportFixFunction =>
    (fixer) =>
      fix.edits.map((e) => fixer.replaceTextRange([e.range[0], e.range[1]], e.text));
  // POLICY "Fixes": changes that alter runtime behaviour are suggestions unless the user opts in.
  const automatic = autofix ? finding.fixes.find((f) => f.safe) : undefined;
  context.report({
    loc,
    messageId: finding.messageId as MessageIds,
    data: finding.data,
    ...(automatic ? { fix: toFixer(automatic) } : {}),
    suggest: finding.fixes.map((fix) => ({
      messageId: 'applyFix' as MessageIds,
      data: { description: fix.description },
      fix: toFixer(fix),
    })),
  });
}
