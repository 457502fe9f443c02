/**
 * `secure-db scan --staged`: the files and bytes staged in the git index, as a
 * `SourceProvider` for `scan` (no working-tree reads, line numbers of the staged version).
 *
 * - Files: added, copied, modified or renamed in the index relative to HEAD (never
 *   deleted), from `git diff --cached --raw -z --no-abbrev`, which also gives each file's
 *   staged blob id; regular files only (no symbolic links, no submodules, no
 *   `git add -N` placeholders). Restricted to the path arguments (files, directories or
 *   globs relative to `cwd`, default `.`), minus the built-in and configured ignores.
 * - Bytes: one `git cat-file --batch-check` (sizes: larger than the limit is skipped with
 *   the usual diagnostic) and one `git cat-file --batch` for the rest, by blob id.
 */
import { isAbsolute, resolve } from 'node:path';
import picomatch from 'picomatch';
import { compareStrings, isIgnoredBy, type DiscoveredFile } from './discover.js';
import { git, openRepository, splitNul } from './git.js';
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

export function stagedSource(options: StagedOptions): SourceProvider {
  const cwd = resolve(options.cwd);
  const repo = openRepository(cwd, '--staged');
  const raw = git(
    cwd,
    [
      'diff',
      '--no-relative',
      '--cached',
      '--raw',
      '-z',
      '--no-abbrev',
      '--no-ext-diff',
      '--diff-filter=ACMR',
    ],
    'cannot list the staged files',
  );
  const ignored = isIgnoredBy(options.ignores ?? []);
  const selected = selector(cwd, options.paths?.length ? options.paths : ['.']);
  const files: StagedFile[] = [];
  for (const entry of parseRawDiff(raw)) {
    if (!REGULAR.has(entry.mode) || ZERO.test(entry.blob)) continue;
    const relativePath = repo.toCwd(entry.path);
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

/** The staged bytes of each file, decoded like a file on disk. */
function readBlobs(
  cwd: string,
  wanted: readonly { file: DiscoveredFile; blob: string }[],
  maxBytes: number,
): ReadOutcome[] {
  if (wanted.length === 0) return [];
  const ids = wanted.map((w) => w.blob);
  // Sizes first: a huge staged file is never loaded.
  const check = git(
    cwd,
    ['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)'],
    'cannot read the index',
    Buffer.from(`${ids.join('\n')}\n`),
  );
  const sizes = new Map<string, number>();
  for (const line of check.toString('utf8').split('\n')) {
    const [id, type, size] = line.split(' ');
    if (id && type === 'blob' && size !== undefined) sizes.set(id, Number(size));
  }
  const load = [...new Set(ids.filter((id) => (sizes.get(id) ?? Infinity) <= maxBytes))];
  const contents = new Map<string, Buffer>();
  if (load.length > 0) {
    const out = git(
      cwd,
      ['cat-file', '--batch'],
      'cannot read the index',
      Buffer.from(`${load.join('\n')}\n`),
    );
    // `<id> blob <size>\n<bytes>\n`, repeated.
    let at = 0;
    while (at < out.length) {
      const eol = out.indexOf(10, at);
      if (eol < 0) break;
      const [id, type, size] = out.subarray(at, eol).toString('utf8').split(' ');
      at = eol + 1;
      if (type !== 'blob' || size === undefined || !id) continue; // `<id> missing`
      const n = Number(size);
      contents.set(id, out.subarray(at, at + n));
      at += n + 1;
    }
  }
  return wanted.map(({ file, blob }) => {
    const size = sizes.get(blob);
    if (size === undefined) return unreadable(file);
    if (size > maxBytes) return tooLarge(file, maxBytes);
    const bytes = contents.get(blob);
    return bytes ? decodeSource(bytes, file.path, file.relativePath) : unreadable(file);
  });
}
