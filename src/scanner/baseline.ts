/**
 * The baseline: ESLint's bulk-suppression format and semantics (ECOSYSTEM §2.10, §3.10).
 *
 * `{ "<posix path relative to cwd>": { "secure-db/<id>": { "count": n } } }`
 *
 * - Only error-level results count and are suppressed.
 * - A file with at most n results of a rule has all of them suppressed; with more than n,
 *   all of them are reported (the baseline cannot tell which are new).
 * - Entries for a scanned file whose count is higher than what the file now has are
 *   *unused*; entries for files that were not scanned this time are left alone (a hook
 *   scans a few files). Unused entries make the CLI exit 2 unless
 *   `--pass-on-unpruned-baseline`; `--prune-baseline` lowers or removes them and
 *   `--update-baseline` rewrites the scanned files' entries to the current counts.
 * - Known weakness (as in ESLint): counts are position-free, so fixing one violation and
 *   adding another of the same rule in the same file goes unnoticed.
 * - For JS/TS files, `eslint-suppressions.json` at the working directory is also honoured
 *   for `secure-db/*` rules (read-only: never reported as unused, never written), so ESLint
 *   and the scanner suppress alike.
 */
import { mkdirSync } from 'node:fs';
import { writeFileAtomic, WriteRefusedError } from '../fix/atomic-write.js';
import { basename, dirname } from 'node:path';
import type { Baseline } from '../report/result.js';
import { readConfigText } from './read-source.js';

export const DEFAULT_BASELINE_FILE = 'secure-db-baseline.json';
export const ESLINT_SUPPRESSIONS_FILE = 'eslint-suppressions.json';

export class BaselineError extends Error {}

/**
 * Reads a baseline; a missing file is an empty baseline, a malformed one an error, and so
 * is one that is not a regular file or (with `root`) a link out of the project root: a
 * gate must not pass because its baseline was swapped for a FIFO.
 */
export function readBaseline(path: string, root?: string): Baseline {
  const read = readConfigText(path, root === undefined ? {} : { root });
  if (read.kind === 'missing') return {};
  if (read.kind === 'refused')
    throw new BaselineError(`the baseline file ${basename(path)} ${read.reason}`);
  let raw: unknown;
  try {
    raw = JSON.parse(read.text);
  } catch {
    throw new BaselineError(`the baseline file ${path} is not valid JSON`);
  }
  return validate(raw, path);
}

function validate(raw: unknown, path: string): Baseline {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new BaselineError(`the baseline file ${path} must hold an object of files`);
  const out: Baseline = {};
  for (const [file, rules] of Object.entries(raw as Record<string, unknown>)) {
    if (!rules || typeof rules !== 'object' || Array.isArray(rules))
      throw new BaselineError(
        `the baseline file ${path}: entry "${file}" must be an object of rules`,
      );
    for (const [rule, entry] of Object.entries(rules as Record<string, unknown>)) {
      const count = (entry as { count?: unknown } | null)?.count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
        throw new BaselineError(
          `the baseline file ${path}: "${file}" › "${rule}" needs a non-negative integer "count"`,
        );
      }
      (out[file] ??= {})[rule] = { count };
    }
  }
  return out;
}

/**
 * ESLint's suppressions file, keeping only secure-db rules; unreadable (a FIFO, a link out
 * of `root`, invalid) → empty, which reports more, never less.
 */
export function readEslintSuppressions(path: string, root?: string): Baseline {
  const read = readConfigText(path, root === undefined ? {} : { root });
  if (read.kind !== 'ok') return {};
  try {
    const all = validate(JSON.parse(read.text), path);
    const out: Baseline = {};
    for (const [file, rules] of Object.entries(all)) {
      for (const [rule, entry] of Object.entries(rules))
        if (rule.startsWith('secure-db/')) (out[file] ??= {})[rule] = entry;
    }
    return out;
  } catch {
    return {};
  }
}

export interface BaselineItem {
  file: string;
  ruleId: string;
  severity: 'error' | 'warning';
}

export interface BaselineOutcome {
  /** Indexes of the items the baseline suppresses. */
  suppressed: Set<number>;
  /** Entries (of the primary baseline only) that were not used up: the surplus count. */
  unused: Baseline;
}

function countByFileRule(items: readonly BaselineItem[]): Map<string, Map<string, number[]>> {
  const byFile = new Map<string, Map<string, number[]>>();
  items.forEach((item, index) => {
    if (item.severity !== 'error') return;
    let rules = byFile.get(item.file);
    if (!rules) byFile.set(item.file, (rules = new Map<string, number[]>()));
    const list = rules.get(item.ruleId);
    if (list) list.push(index);
    else rules.set(item.ruleId, [index]);
  });
  return byFile;
}

/**
 * Applies `baseline` (and, for `secondaryFiles`, `secondary` where `baseline` has no
 * entry) to the items of the scanned files.
 */
export function applyBaseline(
  items: readonly BaselineItem[],
  scannedFiles: ReadonlySet<string>,
  baseline: Baseline,
  secondary: Baseline = {},
  secondaryApplies: (file: string) => boolean = () => false,
): BaselineOutcome {
  const suppressed = new Set<number>();
  const unused: Baseline = {};
  const byFile = countByFileRule(items);
  for (const [file, rules] of byFile) {
    for (const [rule, indexes] of rules) {
      const entry =
        baseline[file]?.[rule] ?? (secondaryApplies(file) ? secondary[file]?.[rule] : undefined);
      if (entry && indexes.length <= entry.count) for (const i of indexes) suppressed.add(i);
    }
  }
  for (const [file, rules] of Object.entries(baseline)) {
    if (!scannedFiles.has(file)) continue;
    for (const [rule, entry] of Object.entries(rules)) {
      const actual = byFile.get(file)?.get(rule)?.length ?? 0;
      if (actual < entry.count) (unused[file] ??= {})[rule] = { count: entry.count - actual };
    }
  }
  return { suppressed, unused };
}

export function hasEntries(baseline: Baseline): boolean {
  return Object.values(baseline).some((rules) => Object.keys(rules).length > 0);
}

/** `--prune-baseline`: lowers or removes unused entries; drops files that no longer exist. */
export function pruneBaseline(
  baseline: Baseline,
  unused: Baseline,
  fileExists: (file: string) => boolean,
): Baseline {
  const out: Baseline = {};
  for (const [file, rules] of Object.entries(baseline)) {
    if (!fileExists(file)) continue;
    const surplus = unused[file];
    if (!surplus) {
      out[file] = structuredClone(rules);
      continue;
    }
    const kept = Object.entries(rules).flatMap(([rule, entry]) => {
      const left = entry.count - (surplus[rule]?.count ?? 0);
      return left > 0 ? [[rule, { ...entry, count: left }] as const] : [];
    });
    // A file whose every entry was used up leaves the baseline.
    if (kept.length > 0) out[file] = Object.fromEntries(kept);
  }
  return out;
}

/**
 * `--update-baseline`: the scanned files' entries become exactly their current error
 * counts (added, raised, lowered or removed); other files' entries are kept unless the file
 * no longer exists.
 */
export function updateBaseline(
  baseline: Baseline,
  items: readonly BaselineItem[],
  scannedFiles: ReadonlySet<string>,
  fileExists: (file: string) => boolean,
): Baseline {
  const out: Baseline = {};
  for (const [file, rules] of Object.entries(baseline))
    if (!scannedFiles.has(file) && fileExists(file)) out[file] = { ...rules };
  for (const [file, rules] of countByFileRule(items)) {
    for (const [rule, indexes] of rules) (out[file] ??= {})[rule] = { count: indexes.length };
  }
  return out;
}

/** Sorted keys, two spaces (ESLint writes with json-stable-stringify), final newline. */
export function serializeBaseline(baseline: Baseline): string {
  const sorted: Baseline = {};
  for (const file of Object.keys(baseline).sort()) {
    const rules = baseline[file]!;
    const inner: Record<string, { count: number }> = {};
    for (const rule of Object.keys(rules).sort()) inner[rule] = { count: rules[rule]!.count };
    sorted[file] = inner;
  }
  return JSON.stringify(sorted, null, 2) + '\n';
}

/**
 * Writes the baseline atomically (atomic-write.ts): on a full disk the old baseline stays
 * whole, never truncated. With `root`, a baseline linked out of the project is refused.
 */
export function writeBaseline(path: string, baseline: Baseline, root?: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(
      path,
      Buffer.from(serializeBaseline(baseline)),
      root === undefined ? {} : { root },
    );
  } catch (error) {
    const reason =
      error instanceof WriteRefusedError
        ? error.message
        : ((error as NodeJS.ErrnoException).code ?? 'error');
    throw new BaselineError(`cannot write the baseline file ${path} (${reason})`);
  }
}
