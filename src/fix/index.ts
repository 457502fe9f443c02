/** The fix engine's entry: plan, preview or write the fixes of one file. */
import type { Finding } from '../core/model.js';
import type { SourceFile } from '../frontends/types.js';
import { planFixes } from './apply-edits.js';
import { encode, writeFileAtomic, WriteRefusedError } from './atomic-write.js';
import { diffPreview, maskSpans } from './diff-preview.js';

export { isAutoFixable, planFixes } from './apply-edits.js';
export { guardSignals, TEMP_FILE_PATTERN } from './atomic-write.js';
export { diffPreview, maskSpans } from './diff-preview.js';

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
  const error = writeFixed(source, plan.output);
  return error ? { applied: [], error } : { applied: plan.applied };
}

/**
 * Writes a file's fixed text atomically, with its BOM, unless the file changed on disk since
 * `source` was read or is refused (atomic-write.ts: a link out of `root`, hard links,
 * read-only). Returns why it was not written, without any of its content.
 */
export function writeFixed(source: SourceFile, fixed: string, root?: string): string | undefined {
  // A CR-only file was read with LF in place of each CR (read-source.ts): write them back.
  const crOnly =
    'lineEnding' in source && source.lineEnding === '\r' && !source.text.includes('\r');
  const onDisk = (text: string) => (crOnly ? text.replaceAll('\n', '\r') : text);
  try {
    writeFileAtomic(source.path, encode(onDisk(fixed), source.bom), {
      expected: encode(onDisk(source.text), source.bom),
      ...(root === undefined ? {} : { root }),
    });
    return undefined;
  } catch (error) {
    return error instanceof WriteRefusedError
      ? error.message
      : `could not write the fixed file (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
}
