/**
 * `fixProject(options)`: `secure-db scan --fix` and `--fix-dry-run` as one call. It scans,
 * plans the fixes of every file (only changed files, or changed lines, with `changes`),
 * writes them or renders them as a masked diff, and returns what is left to report.
 *
 * - A file decoded with replacement characters (invalid UTF-8) is never written back.
 * - The baseline is not touched by the scan the fixes are planned on; with `updateBaseline`
 *   or `pruneBaseline`, and after writing, the project is scanned again and that scan updates
 *   or prunes it and is the result (so the counts are those of the fixed files).
 * - A file that cannot be fixed (changed on disk meanwhile, not writable) is an `input`
 *   diagnostic `not fixed: …` in `errors` and in `result.errors`; it never quotes the file.
 */
import { fixSource } from '../fix/index.js';
import type { ScanDiagnostic, ScanResult } from '../report/result.js';
import { changeFilter } from './git-changes.js';
import { LineIndex } from './locations.js';
import { scan, type ScanOptions } from './scan.js';

export interface FixProjectOptions extends ScanOptions {
  /** `write`: fix the files in place (atomically); `dry-run`: write nothing, return a diff. */
  mode: 'write' | 'dry-run';
}

export interface FixProjectResult {
  /**
   * What is left to report: after writing (or updating or pruning the baseline), a fresh
   * scan; in a plain dry run, the scan the fixes were planned on. Restricted to `changes`
   * as `scan` restricts it; its `errors` include the files that could not be fixed.
   */
  result: ScanResult;
  /** The unified diff of the fixes, secrets masked (dry run only; otherwise empty). */
  diff: string;
  /** How many problems were fixed (or would be, in a dry run). */
  applied: number;
  /** The files fixed (or that would be), POSIX, relative to `cwd`, in scan order. */
  files: string[];
  /** The files that could not be fixed, as `input` diagnostics (also in `result.errors`). */
  errors: ScanDiagnostic[];
}

/**
 * Fixes a project (`secure-db scan --fix`, or `--fix-dry-run` with `mode: 'dry-run'`) and
 * returns what is left to report. Throws what `scan` throws.
 */
export async function fixProject(options: FixProjectOptions): Promise<FixProjectResult> {
  const { mode, ...scanOptions } = options;
  const rescan =
    mode === 'write' || options.updateBaseline === true || options.pruneBaseline === true;
  const planned = await scan({
    ...scanOptions,
    keepSources: true,
    updateBaseline: false,
    pruneBaseline: false,
    // The rescan is what gets reported: no need to restrict this one.
    ...(rescan ? { changes: undefined } : {}),
  });
  // With `changes`, only changed files are fixed (and with `newOnly`, changed lines).
  const changed = options.changes
    ? changeFilter(planned.cwd, options.changes, options.newOnly === true)
    : undefined;
  const errors: ScanDiagnostic[] = [];
  const files: string[] = [];
  let applied = 0;
  let diff = '';
  for (const [file, { source, findings: all }] of planned.sources ?? []) {
    let findings = all;
    if (changed) {
      const lines = new LineIndex(source.text);
      findings = changed.file(file)
        ? all.filter((f) =>
            changed.span(
              file,
              lines.line(f.range[0]),
              lines.line(Math.max(f.range[0], f.range[1])),
            ),
          )
        : [];
    }
    if (findings.length === 0 || source.replacedInvalidUtf8) continue;
    const outcome = fixSource(source, findings, mode);
    if (outcome.error) errors.push({ file, message: `not fixed: ${outcome.error}`, kind: 'input' });
    if (outcome.applied.length) {
      applied += outcome.applied.length;
      files.push(file);
    }
    if (outcome.diff) diff += outcome.diff.endsWith('\n') ? outcome.diff : `${outcome.diff}\n`;
  }
  const result = rescan ? await scan(scanOptions) : planned;
  result.errors.push(...errors);
  return { result, diff, applied, files, errors };
}
