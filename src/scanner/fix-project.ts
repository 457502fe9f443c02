/**
 * `fixProject(options)`: `secure-db scan --fix` and `--fix-dry-run` as one call. It scans,
 * plans the fixes of every file (only changed files, or changed lines, with `changes`),
 * writes them or renders them as a masked diff, and returns what is left to report.
 *
 * - Fixes converge in one run: edits that overlap wait for the next round, and a fix may
 *   reveal the next problem (TLS turned on, then its mode). So the fixed texts are scanned
 *   again in memory, with every other file as it is on disk, until no fixable finding is
 *   left or `MAX_ROUNDS` is reached; each file is then written once. A second `--fix`
 *   changes nothing. With `newOnly` there is one round: the changed lines are those of the
 *   files on disk.
 * - A file decoded with replacement characters (invalid UTF-8) is never written back.
 * - The baseline is not touched by the scans the fixes are planned on; with `updateBaseline`
 *   or `pruneBaseline`, and after writing, the project is scanned again and that scan updates
 *   or prunes it and is the result (so the counts are those of the fixed files).
 * - A file that cannot be fixed (changed on disk meanwhile, not writable) is an `input`
 *   diagnostic `not fixed: …` in `errors` and in `result.errors`; it never quotes the file.
 */
import { dirname, resolve } from 'node:path';
import type { Finding } from '../core/model.js';
import { diffPreview, guardSignals, maskSpans, planFixes, writeFixed } from '../fix/index.js';
import type { ReadSourceFile } from '../frontends/types.js';
import { hasEscapedBytes } from '../report/file-names.js';
import { redactText } from '../report/redact.js';
import type { ScanDiagnostic, ScanResult } from '../report/result.js';
import type { DiscoveredFile } from './discover.js';
import { changeFilter } from './git-changes.js';
import { LineIndex } from './locations.js';
import { isInside, realPathOf } from './read-source.js';
import { scan, type ScanOptions, type SourceProvider } from './scan.js';

/** Rounds of fixing and re-analysing; real files need two at most (a test holds it). */
const MAX_ROUNDS = 5;
const NOT_UTF8_NAME =
  'not fixed: the file name is not valid UTF-8 (fixes are written to such files by hand)';

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

/** One file's fixes across rounds. */
interface FixedFile {
  /** As read from disk: what is written over, and the "before" side of the diff. */
  original: ReadSourceFile;
  text: string;
  /** The original with its secrets masked (same length), for the diff. */
  maskedBefore: string;
  /** `text` with every secret any round saw masked, in `text`'s offsets. */
  maskedText: string;
  applied: number;
}

const isPassword = (f: Finding) => f.ruleId === 'no-hardcoded-credentials';

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
  const select = (file: string, text: string, findings: Finding[]): Finding[] => {
    if (!changed) return findings;
    if (!changed.file(file)) return [];
    const lines = new LineIndex(text);
    return findings.filter((f) =>
      changed.span(file, lines.line(f.range[0]), lines.line(Math.max(f.range[0], f.range[1]))),
    );
  };

  const fixed = new Map<string, FixedFile>();
  let current = planned;
  for (let round = 1; ; round++) {
    let progress = false;
    for (const [file, { source, findings }] of current.sources ?? []) {
      if (source.replacedInvalidUtf8) continue;
      const chosen = select(file, source.text, findings);
      const plan = planFixes(source.text, chosen);
      if (plan.applied.length === 0) continue;
      const secrets = findings.filter(isPassword).map((f) => f.range);
      const state: FixedFile = fixed.get(file) ?? {
        original: source,
        text: source.text,
        maskedBefore: maskSpans(source.text, secrets),
        maskedText: source.text,
        applied: 0,
      };
      // Masks keep lengths, so this round's edits apply to the masked text unchanged.
      state.maskedText = planFixes(maskSpans(state.maskedText, secrets), chosen).output;
      state.text = plan.output;
      state.applied += plan.applied.length;
      fixed.set(file, state);
      progress = true;
    }
    if (!progress || round === MAX_ROUNDS || options.newOnly === true) break;
    current = await scan({
      ...scanOptions,
      keepSources: true,
      updateBaseline: false,
      pruneBaseline: false,
      baseline: false,
      changes: undefined,
      source: withFixedTexts(planned, fixed, options.source),
    });
  }

  const errors: ScanDiagnostic[] = [];
  const files: string[] = [];
  let applied = 0;
  let diff = '';
  const cwdRoot = realPathOf(planned.cwd) ?? planned.cwd;
  // Synchronous writes with SIGINT/SIGTERM held off: a signal never leaves a temporary file.
  // Two names of one file (a link inside the project): written once, through the first.
  const written = new Set<string>();
  guardSignals(() => {
    for (const [file, state] of fixed) {
      if (mode === 'write') {
        if (hasEscapedBytes(state.original.path)) {
          // The atomic writer names files by string: it would create another file.
          errors.push({ file, message: NOT_UTF8_NAME, kind: 'input' });
          continue;
        }
        const real = realPathOf(state.original.path) ?? state.original.path;
        if (written.has(real)) continue;
        written.add(real);
        const error = writeFixed(state.original, state.text, rootOf(cwdRoot, state.original.path));
        if (error) {
          errors.push({ file, message: `not fixed: ${error}`, kind: 'input' });
          continue;
        }
      } else {
        // Context lines may show a password under a key no rule reads: the scan's redactor
        // masks every secret it found, wherever it appears.
        const patch = redactText(planned, diffPreview(file, state.maskedBefore, state.maskedText));
        diff += patch.endsWith('\n') ? patch : `${patch}\n`;
      }
      applied += state.applied;
      files.push(file);
    }
  });
  const result = rescan ? await scan(scanOptions) : planned;
  result.errors.push(...errors);
  return { result, diff, applied, files, errors };
}

/**
 * The root a file's links must stay in, as discovery chose it: the project (the working
 * directory) for a file inside it, the file's own directory for one named outside it.
 */
function rootOf(cwdRoot: string, path: string): string {
  const real = realPathOf(path) ?? path;
  return isInside(cwdRoot, real) ? cwdRoot : (realPathOf(dirname(path)) ?? dirname(path));
}

/**
 * The files of the first scan, with the texts fixed so far instead of the disk's (or the
 * given provider's, e.g. the git index).
 */
function withFixedTexts(
  planned: ScanResult,
  fixed: ReadonlyMap<string, FixedFile>,
  base: SourceProvider | undefined,
): SourceProvider {
  const scanned = new Set(planned.files);
  const files: DiscoveredFile[] =
    base?.files.filter((f) => scanned.has(f.relativePath)) ??
    planned.files.map((relativePath) => ({
      path: resolve(planned.cwd, relativePath),
      relativePath,
    }));
  return {
    files,
    read(wanted) {
      // Never the disk again: what the first scan could not read (a FIFO, a link out of the
      // root) stays unread, and the rest is as it was when the fixes were planned.
      return wanted.map((f) => {
        const state = fixed.get(f.relativePath);
        if (state) return { kind: 'ok', source: { ...state.original, text: state.text } };
        const first = planned.sources?.get(f.relativePath);
        return first
          ? { kind: 'ok', source: first.source }
          : { kind: 'skipped', diagnostic: { file: f.relativePath, message: 'not read' } };
      });
    },
  };
}
