/**
 * `secure-db scan --since <ref> [--new-only]`: `changesSince` finds what changed since the
 * merge base of `<ref>` and HEAD, and `scan({ changes, newOnly })` ends with
 * `filterToChanges`, a post-filter on the result that keeps only that (`fixProject` fixes
 * only that, through `changeFilter`).
 *
 * - Changed files: `git diff --name-only -z <base>`: committed, staged and unstaged changes
 *   to tracked files (renames count as new files), plus untracked files that are not
 *   ignored (`git ls-files --others --exclude-standard`): a new file that is not added yet
 *   is a change too. Deleted files are never scanned.
 * - `--new-only`: per changed file with results, `git diff -U0 <base> -- <file>`; a result
 *   is kept when a line added or changed on the new side lies in its `line..endLine`, or a
 *   deletion falls strictly inside it (a removed line in the middle of a multi-line site
 *   changes the site). Every line of an untracked file is new.
 *
 * The scan itself is unchanged (whole project: cross-file facts need unchanged files too),
 * and so is the baseline, which was applied before this filter.
 */
import { resolve } from 'node:path';
import { git, GitError, openRepository, runGit, splitNul } from './git.js';
import type { ScanResult, ScanResultEntry } from '../report/result.js';

export interface Changes {
  /** The merge base, a full commit id. */
  base: string;
  /** Changed files, POSIX, relative to `cwd`. */
  files: Set<string>;
  /** Untracked files (every line is new). */
  untracked: Set<string>;
}

/** The merge base of `ref` and HEAD, and the files changed since; `GitError` for a bad ref. */
export function changesSince(cwd: string, ref: string): Changes {
  const dir = resolve(cwd);
  const repo = openRepository(dir, '--since');
  if (ref === '' || ref.startsWith('-'))
    throw new GitError(`--since: "${ref}" is not a git revision`);
  const verified = runGit(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  const commit = verified.stdout.toString('utf8').trim();
  if (verified.status !== 0 || !commit)
    throw new GitError(
      `--since: "${ref}" is not a commit in this repository (in CI, fetch it first: a shallow clone may not have it)`,
    );
  const mergeBase = runGit(dir, ['merge-base', commit, 'HEAD']);
  const base = mergeBase.stdout.toString('utf8').trim();
  if (mergeBase.status !== 0 || !base)
    throw new GitError(
      `--since: "${ref}" and HEAD have no merge base (in CI, fetch the history: fetch-depth: 0)`,
    );
  const changed = git(
    dir,
    ['diff', '--no-relative', '--name-only', '-z', '--no-renames', '--no-ext-diff', base, '--'],
    '--since: cannot list the changed files',
  );
  const others = git(
    dir,
    ['ls-files', '-z', '--others', '--exclude-standard', '--full-name', '--', repo.root],
    '--since: cannot list the untracked files',
  );
  const untracked = new Set(splitNul(others).map(repo.toCwd));
  const files = new Set([...splitNul(changed).map(repo.toCwd), ...untracked]);
  return { base, files, untracked };
}

/** New-side line changes of one file: added lines, and deletion points (after line n). */
export interface LineChanges {
  added: [number, number][];
  deletedAfter: number[];
}

/** Parses the hunk headers of `git diff -U0` output. */
export function parseHunks(diff: string): LineChanges {
  const added: [number, number][] = [];
  const deletedAfter: number[] = [];
  for (const m of diff.matchAll(/^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gm)) {
    const oldCount = m[1] === undefined ? 1 : Number(m[1]);
    const start = Number(m[2]);
    const count = m[3] === undefined ? 1 : Number(m[3]);
    if (count > 0) added.push([start, start + count - 1]);
    // A pure deletion: `+n,0` means "after line n".
    else if (oldCount > 0) deletedAfter.push(start);
  }
  return { added, deletedAfter };
}

export function touches(
  entry: Pick<ScanResultEntry, 'line' | 'endLine'>,
  changes: LineChanges,
): boolean {
  const end = Math.max(entry.line, entry.endLine);
  return (
    changes.added.some(([a, b]) => a <= end && b >= entry.line) ||
    changes.deletedAfter.some((n) => n >= entry.line && n < end)
  );
}

/** Which files, and with `newOnly` which line spans, count as changed. */
export interface ChangeFilter {
  file(file: string): boolean;
  /** A span `line..endLine` (1-based) of a changed file is kept. */
  span(file: string, line: number, endLine: number): boolean;
}

export function changeFilter(cwd: string, changes: Changes, newOnly: boolean): ChangeFilter {
  const lineCache = new Map<string, LineChanges | 'all'>();
  const linesOf = (file: string): LineChanges | 'all' => {
    let lines = lineCache.get(file);
    if (lines === undefined) {
      if (changes.untracked.has(file)) lines = 'all';
      else {
        const diff = git(
          cwd,
          ['diff', '-U0', '--no-renames', '--no-ext-diff', '--no-color', changes.base, '--', file],
          '--new-only: cannot diff a changed file',
        );
        lines = parseHunks(diff.toString('utf8'));
      }
      lineCache.set(file, lines);
    }
    return lines;
  };
  return {
    file: (file) => changes.files.has(file),
    span: (file, line, endLine) => {
      if (!changes.files.has(file)) return false;
      if (!newOnly) return true;
      const lines = linesOf(file);
      return lines === 'all' || touches({ line, endLine }, lines);
    },
  };
}

/**
 * The result restricted to changed files (and with `newOnly`, changed lines). Unused
 * baseline entries count only for changed files: a pull request is not failed for an entry
 * that someone else's fix left behind elsewhere (`--prune-baseline` on the whole project
 * deals with those).
 */
export function filterToChanges(
  result: ScanResult,
  changes: Changes,
  newOnly: boolean,
): ScanResult {
  const changed = changeFilter(result.cwd, changes, newOnly);
  const keep = (entry: ScanResultEntry) => changed.span(entry.file, entry.line, entry.endLine);
  return {
    ...result,
    results: result.results.filter(keep),
    suppressed: result.suppressed.filter(keep),
    errors: result.errors.filter((e) => e.file === '' || changes.files.has(e.file)),
    baseline: {
      ...result.baseline,
      unused: Object.fromEntries(
        Object.entries(result.baseline.unused).filter(([file]) => changes.files.has(file)),
      ),
    },
  };
}
