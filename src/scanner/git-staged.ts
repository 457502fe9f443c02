/**
 * `secure-db scan --staged`: the files and bytes staged in the git index, as a
 * `SourceProvider` for `scan` (no working-tree reads, line numbers of the staged version).
 *
 * - Files: added, copied, modified or renamed in the index relative to HEAD (never
 *   deleted), from `git diff --cached --raw -z --no-abbrev`, which also gives each file's
 *   staged blob id; regular files only (no symbolic links, no submodules, no
 *   `git add -N` placeholders). Restricted to the path arguments (files, directories or
 *   globs relative to `cwd`, default `.`), minus the built-in and configured ignores.
 * - Bytes: one `git cat-file --batch` by blob id; a file larger than the limit is skipped
 *   with the usual diagnostic. When the staged blobs come to more than 64 MB in all, their
 *   sizes come first (`git cat-file --batch-check`) and only those within the limit are
 *   loaded.
 *
 * Two git processes in the usual case (a pre-commit hook starts one scan per commit): the
 * diff is asked relative to the working directory, which needs no `rev-parse` first.
 */
import { isAbsolute, resolve } from 'node:path';
import picomatch from 'picomatch';
import { compareStrings, isIgnoredBy, type DiscoveredFile } from './discover.js';
import { checked, git, openRepository, runGit, splitNul } from './git.js';
import {
  decodeSource,
  MAX_FILE_BYTES,
  sizeBudgetDiagnostic,
  type ReadOutcome,
} from './read-source.js';
import type { SourceProvider } from './scan.js';

export interface StagedOptions {
  cwd: string;
  paths?: readonly string[];
  ignores?: readonly string[];
}

interface StagedFile extends DiscoveredFile {
  blob: string;
}

const ZERO = /^0+$/;
const REGULAR = new Set(['100644', '100755']);

/** Parses `git diff --raw -z` output: `:srcmode dstmode srcsha dstsha status\0path\0[path\0]`. */
function parseRawDiff(
  bytes: Buffer,
): { mode: string; blob: string; status: string; path: string }[] {
  const fields = splitNul(bytes);
  const out: { mode: string; blob: string; status: string; path: string }[] = [];
  for (let i = 0; i < fields.length;) {
    const header = fields[i++]!;
    const parts = header.replace(/^:/, '').split(' ');
    const status = parts[4] ?? '';
    // Renames and copies name the source, then the destination.
    const path = /^[RC]/.test(status) ? (i++, fields[i++]) : fields[i++];
    if (path === undefined) break;
    out.push({ mode: parts[1] ?? '', blob: parts[3] ?? '', status, path });
  }
  return out;
}

/** `git diff --cached --raw` of the whole repository (`--no-relative`) or of `cwd` (`--relative`). */
const stagedDiff = (relative: boolean) => [
  'diff',
  relative ? '--relative' : '--no-relative',
  '--cached',
  '--raw',
  '-z',
  '--no-abbrev',
  '--no-ext-diff',
  '--diff-filter=ACMR',
];

/** The staged entries, paths relative to `cwd` (POSIX). */
function stagedEntries(cwd: string, paths: readonly string[]) {
  // Files below `cwd` only (the default `.`): git lists them relative to it, and a failure
  // is either "not a repository", said as `openRepository` says it, or git's own message.
  if (paths.every((p) => !isAbsolute(p) && !p.replaceAll('\\', '/').split('/').includes('..'))) {
    const r = runGit(cwd, stagedDiff(true));
    if (r.status !== 0) openRepository(cwd, '--staged');
    return parseRawDiff(checked(r, 'cannot list the staged files'));
  }
  const repo = openRepository(cwd, '--staged');
  const raw = git(cwd, stagedDiff(false), 'cannot list the staged files');
  return parseRawDiff(raw).map((entry) => ({ ...entry, path: repo.toCwd(entry.path) }));
}

export function stagedSource(options: StagedOptions): SourceProvider {
  const cwd = resolve(options.cwd);
  const paths = options.paths?.length ? options.paths : ['.'];
  const ignored = isIgnoredBy(options.ignores ?? []);
  const selected = selector(cwd, paths);
  const files: StagedFile[] = [];
  for (const entry of stagedEntries(cwd, paths)) {
    if (!REGULAR.has(entry.mode) || ZERO.test(entry.blob)) continue;
    const relativePath = entry.path;
    const path = resolve(cwd, relativePath);
    if (!selected(path, relativePath) || ignored(relativePath)) continue;
    files.push({ path, relativePath, blob: entry.blob });
  }
  files.sort((a, b) => compareStrings(a.relativePath, b.relativePath));
  const blobs = new Map(files.map((f) => [f.path, f.blob]));
  return {
    files,
    read: (wanted, maxBytes) =>
      readBlobs(
        cwd,
        wanted.map((f) => ({ file: f, blob: blobs.get(f.path) ?? '' })),
        maxBytes ?? MAX_FILE_BYTES,
      ),
  };
}

/** Path arguments as a filter: a file, everything under a directory, or a glob relative to `cwd`. */
function selector(
  cwd: string,
  paths: readonly string[],
): (absolute: string, relativePath: string) => boolean {
  const tests = paths.map((arg) => {
    const posix = arg.replaceAll('\\', '/');
    if (!isAbsolute(arg) && picomatch.scan(posix).isGlob) {
      const match = picomatch(posix.replace(/^\.\//, ''), { dot: true });
      return (_absolute: string, relativePath: string) => match(relativePath);
    }
    const base = resolve(cwd, arg);
    return (absolute: string) =>
      absolute === base || absolute.startsWith(base.endsWith('/') ? base : `${base}/`);
  });
  return (absolute, relativePath) => tests.some((t) => t(absolute, relativePath));
}

function tooLarge(file: DiscoveredFile, maxBytes: number): ReadOutcome {
  return { kind: 'skipped', diagnostic: sizeBudgetDiagnostic(file.relativePath, maxBytes) };
}

function unreadable(file: DiscoveredFile): ReadOutcome {
  return {
    kind: 'skipped',
    diagnostic: {
      file: file.relativePath,
      message: 'unreadable: the staged blob is missing from the repository',
    },
  };
}

/** More than this in all, and the sizes of the staged blobs are asked before their bytes. */
const ONE_READ_BYTES = 64 * 1024 * 1024;

/** `git cat-file --batch` output: `<id> blob <size>\n<bytes>\n` (or `<id> missing\n`), repeated. */
function parseBatch(out: Buffer, blobs: Map<string, { size: number; bytes?: Buffer }>): void {
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(10, at);
    if (eol < 0) break;
    const [id, type, size] = out.subarray(at, eol).toString('utf8').split(' ');
    at = eol + 1;
    if (type !== 'blob' || size === undefined || !id) continue; // `<id> missing`
    const n = Number(size);
    blobs.set(id, { size: n, bytes: out.subarray(at, at + n) });
    at += n + 1;
  }
}

/** Each blob's size, and its bytes when within `maxBytes`; a missing blob is absent. */
function loadBlobs(
  cwd: string,
  ids: readonly string[],
  maxBytes: number,
): Map<string, { size: number; bytes?: Buffer }> {
  const blobs = new Map<string, { size: number; bytes?: Buffer }>();
  const input = (list: readonly string[]) => Buffer.from(`${list.join('\n')}\n`);
  // Usually one read: staged files are small.
  const once = runGit(cwd, ['cat-file', '--batch'], input(ids), ONE_READ_BYTES);
  if (!once.overflowed) {
    parseBatch(checked(once, 'cannot read the index'), blobs);
    return blobs;
  }
  // Sizes first: a huge staged file is never loaded.
  const check = git(
    cwd,
    ['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)'],
    'cannot read the index',
    input(ids),
  );
  for (const line of check.toString('utf8').split('\n')) {
    const [id, type, size] = line.split(' ');
    if (id && type === 'blob' && size !== undefined) blobs.set(id, { size: Number(size) });
  }
  const load = ids.filter((id) => (blobs.get(id)?.size ?? Infinity) <= maxBytes);
  if (load.length > 0)
    parseBatch(git(cwd, ['cat-file', '--batch'], 'cannot read the index', input(load)), blobs);
  return blobs;
}

/** The staged bytes of each file, decoded like a file on disk. */
function readBlobs(
  cwd: string,
  wanted: readonly { file: DiscoveredFile; blob: string }[],
  maxBytes: number,
): ReadOutcome[] {
  if (wanted.length === 0) return [];
  const blobs = loadBlobs(cwd, [...new Set(wanted.map((w) => w.blob))], maxBytes);
  return wanted.map(({ file, blob }) => {
    const found = blobs.get(blob);
    if (!found) return unreadable(file);
    if (found.size > maxBytes) return tooLarge(file, maxBytes);
    return found.bytes ? decodeSource(found.bytes, file.path, file.relativePath) : unreadable(file);
  });
}
