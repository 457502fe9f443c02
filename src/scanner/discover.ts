/**
 * Which files a scan reads.
 *
 * - `paths` default to `.`; each is a directory (walked), a file (taken as given, absolute
 *   or relative, as lint-staged and pre-commit pass them) or, when nothing by that name
 *   exists, a glob pattern relative to the working directory.
 * - Directory walks honour `.gitignore` (see walk-tree.ts; parent `.gitignore` files up to
 *   the repository root included), include dotfiles (`.env*`), never descend
 *   into symbolic links to directories (`followSymbolicLinks: false`: no symlink loops) and
 *   skip unreadable directories.
 * - `node_modules` and `.git` are always ignored, plus the config's `ignores` (globs
 *   relative to the working directory, picomatch syntax, dotfiles matched). Build output
 *   such as `dist/` is *not* ignored by default: a compiled config can carry a secret too,
 *   and `.gitignore` usually excludes it anyway.
 * - Explicit files are subject to the built-in and configured ignores (reported as
 *   `ignored`, which the CLI prints unless `--no-warn-ignored`) but not to `.gitignore`: a
 *   file someone names (or stages with `git add -f`) is meant to be checked.
 * - Only files some front-end reads are returned; an explicit file no front-end reads is
 *   dropped silently (hooks pass every staged file).
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { walkTreeEntries } from './walk-tree.js';

export const BUILTIN_IGNORES: readonly string[] = ['**/node_modules/**', '**/.git/**'];

export interface DiscoverOptions {
  cwd: string;
  paths?: readonly string[];
  /** Extra ignore globs, relative to `cwd`. */
  ignores?: readonly string[];
  /** Called with the running count of candidate files as a directory walk finds them (to start work early). */
  onFound?: (count: number) => void;
}

export interface DiscoveredFile {
  path: string;
  /** POSIX, relative to `cwd` (may start with `../` for a file outside it). */
  relativePath: string;
}

export interface DiscoverResult {
  /** Every candidate file, sorted by relative path; the caller keeps those a front-end reads. */
  files: DiscoveredFile[];
  /** Explicit files dropped by an ignore pattern (relative paths). */
  ignored: string[];
  /** Arguments that name nothing and match nothing. */
  missing: string[];
}

export function toPosixRelative(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

export async function discover(options: DiscoverOptions): Promise<DiscoverResult> {
  const cwd = resolve(options.cwd);
  const paths = options.paths?.length ? options.paths : ['.'];
  const userIgnores = [...(options.ignores ?? [])];
  // The built-in globs match exactly what BUILTIN_SEGMENT matches: without user ignores,
  // no glob matcher runs per path at all.
  const isIgnored = userIgnores.length > 0 ? ignoreMatcher(userIgnores) : () => false;
  const found = new Map<string, DiscoveredFile>();
  const ignored: string[] = [];
  const missing: string[] = [];

  const add = (absolute: string, relativePath = toPosixRelative(cwd, absolute)): boolean => {
    if (isIgnored(relativePath) || BUILTIN_SEGMENT.test(relativePath)) return false;
    found.set(absolute, { path: absolute, relativePath });
    return true;
  };

  for (const arg of paths) {
    const absolute = isAbsolute(arg) ? resolve(arg) : resolve(cwd, arg);
    let stat;
    try {
      stat = existsSync(absolute) ? statSync(absolute) : undefined;
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      if (!add(absolute)) ignored.push(toPosixRelative(cwd, absolute));
      continue;
    }
    if (stat?.isDirectory()) {
      // Outside cwd only the built-in ignores apply, and BUILTIN_SEGMENT is those.
      const isUserIgnored = absolute === cwd && userIgnores.length > 0 ? isIgnored : undefined;
      // Paths relative to cwd, built from the walk's own relative paths.
      const base = toPosixRelative(cwd, absolute);
      const toCwd = (rel: string) => (base ? `${base}/${rel}` : rel);
      const entries = walkTreeEntries(absolute, {
        gitignore: true,
        ...(options.onFound ? { onFile: options.onFound } : {}),
        skip: (_path, directory, relFromRoot) => {
          const rel = toCwd(relFromRoot);
          return (
            BUILTIN_SEGMENT.test(rel) ||
            (isUserIgnored !== undefined &&
              (isUserIgnored(directory ? `${rel}/` : rel) ||
                (directory && isUserIgnored(`${rel}/x`))))
          );
        },
      });
      for (const entry of entries) add(entry.path, toCwd(entry.relative));
      continue;
    }
    if (picomatch.scan(arg.replaceAll('\\', '/')).isGlob) {
      // globby only for glob arguments (rare: hooks pass files, users pass directories).
      const { globby } = await import('globby');
      const entries = await globby([arg.replaceAll('\\', '/')], {
        cwd,
        absolute: true,
        dot: true,
        onlyFiles: true,
        gitignore: true,
        followSymbolicLinks: false,
        suppressErrors: true,
        ignore: [...BUILTIN_IGNORES],
      });
      if (entries.length === 0) missing.push(arg);
      for (const entry of entries) add(resolve(entry));
      continue;
    }
    missing.push(arg);
  }
  const files = [...found.values()].sort((a, b) => compareStrings(a.relativePath, b.relativePath));
  return { files, ignored: [...new Set(ignored)].sort(compareStrings), missing };
}

/**
 * The ignore test discovery applies to an explicit file (built-in and configured ignores,
 * not `.gitignore`), for file lists that come from elsewhere (`--staged`).
 */
export function isIgnoredBy(ignores: readonly string[]): (relativePath: string) => boolean {
  const user = ignores.length > 0 ? ignoreMatcher(ignores) : () => false;
  return (relativePath) => BUILTIN_SEGMENT.test(relativePath) || user(relativePath);
}

/** A `node_modules` or `.git` segment anywhere (also in `../node_modules/x` outside cwd). */
const BUILTIN_SEGMENT = /(?:^|\/)(?:node_modules|\.git)(?:\/|$)/;

/** At most this many glob patterns (docs/reliability.md "Limits"); plain paths are unlimited. */
export const MAX_IGNORE_GLOBS = 10_000;

/** More ignore globs than `MAX_IGNORE_GLOBS`: 200,000 of them exhausted Node's heap. */
export class IgnorePatternsError extends Error {
  constructor(count: number) {
    super(
      `${count} ignore glob patterns; at most ${MAX_IGNORE_GLOBS} are read (plain paths and \`dir/**\` are not limited)`,
    );
    this.name = 'IgnorePatternsError';
  }
}

const GLOB_CHARS = /[*?[\]{}!()+@]/;

/**
 * The user's ignores as one matcher. `dir`, `dir/` and `dir/**` (no other glob syntax)
 * ignore `dir` and everything under it, as in ESLint's `ignores`; they go into a set looked
 * up once per path segment, so any number of them costs nothing per pattern. Real globs go
 * to picomatch, which compiles each into a regular expression: their number is limited.
 */
function ignoreMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const paths = new Set<string>();
  const globs: string[] = [...BUILTIN_IGNORES];
  for (const pattern of patterns) {
    const p = pattern.replace(/^\.\//, '');
    const directory = p.endsWith('/**') ? p.slice(0, -3) : p.endsWith('/') ? p.slice(0, -1) : p;
    if (directory !== '' && !GLOB_CHARS.test(directory)) paths.add(directory);
    else globs.push(p.endsWith('/') ? `${p}**` : p);
  }
  if (globs.length - BUILTIN_IGNORES.length > MAX_IGNORE_GLOBS)
    throw new IgnorePatternsError(globs.length - BUILTIN_IGNORES.length);
  const isGlobIgnored = picomatch(globs, { dot: true });
  return (relativePath) => {
    if (paths.size > 0) {
      for (
        let slash = relativePath.indexOf('/');
        slash !== -1;
        slash = relativePath.indexOf('/', slash + 1)
      )
        if (paths.has(relativePath.slice(0, slash))) return true;
      if (paths.has(relativePath)) return true;
    }
    return isGlobIgnored(relativePath);
  };
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
