/** The fix engine's entry: plan, preview or write the fixes of one file. */
import type { Finding } from '../core/model.js';
import type { SourceFile } from '../frontends/types.js';
import { planFixes } from './apply-edits.js';
import { encode, FileChangedError, writeFileAtomic } from './atomic-write.js';
import { diffPreview, maskSpans } from './diff-preview.js';

export { isAutoFixable, planFixes } from './apply-edits.js';
export { FileChangedError } from './atomic-write.js';

export interface FileFixResult {
  /** Findings whose fix was applied (or would be, in a dry run). */
  applied: Finding[];
  /** A unified diff with secrets masked (dry run only). */
  diff?: string;
  /** Why the file was not written, without any of its content. */
  error?: string;
}

export function fixSource(
  source: SourceFile,
  findings: readonly Finding[],
  mode: 'write' | 'dry-run',
): FileFixResult {
  const plan = planFixes(source.text, findings);
  if (plan.applied.length === 0) return { applied: [] };
  if (mode === 'dry-run') {
    const secrets = findings
      .filter((f) => f.ruleId === 'no-hardcoded-credentials')
      .map((f) => f.range);
    const maskedBefore = maskSpans(source.text, secrets);
    const maskedAfter = planFixes(maskedBefore, findings).output;
    return {
      applied: plan.applied,
      diff: diffPreview(source.relativePath, maskedBefore, maskedAfter),
    };
  }
  try {
    writeFileAtomic(source.path, encode(plan.output, source.bom), encode(source.text, source.bom));
    return { applied: plan.applied };
  } catch (error) {
    const message =
      error instanceof FileChangedError
        ? error.message
        : `could not write the fixed file (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    return { applied: [], error: message };
  }
}
