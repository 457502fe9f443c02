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
 * - Symbolic links (docs/reliability.md, "What is read"): the project root is the working
 *   directory, or for a path argument outside it, that argument. A file reached through a
 *   link whose target leaves the root — a link in the tree, a glob through a linked
 *   directory (`conf/*`), an explicit path — is returned with `outsideRoot` (the scan names
 *   it and never reads it); a directory argument that is such a link is a `problem`.
 * - An explicit path that exists but is neither file nor directory (a FIFO) is returned
 *   as a file: the reader names what it is instead of "no files matching".
 */
import { statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type { Diagnostic } from '../frontends/types.js';
import { isInside, realPathOf } from './read-source.js';
import { exactNameFs, gitignoreTester, walkTreeEntries } from './walk-tree.js';

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
  /** Reached through a symbolic link that leaves the project root: never read. */
  outsideRoot?: true;
}

export interface DiscoverResult {
  /** Every candidate file, sorted by relative path; the caller keeps those a front-end reads. */
  files: DiscoveredFile[];
  /** Explicit files dropped by an ignore pattern (relative paths). */
  ignored: string[];
  /** Arguments that name nothing and match nothing. */
  missing: string[];
  /** Config files and arguments discovery could not use (a `.gitignore` FIFO, a linked directory out of the root). */
  problems: Diagnostic[];
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
  const problems: Diagnostic[] = [];
  const cwdRoot = realPathOf(cwd) ?? cwd;

  const add = (
    absolute: string,
    relativePath = toPosixRelative(cwd, absolute),
    outsideRoot = false,
  ): boolean => {
    if (isIgnored(relativePath) || BUILTIN_SEGMENT.test(relativePath)) return false;
    found.set(
      absolute,
      outsideRoot
        ? { path: absolute, relativePath, outsideRoot: true }
        : { path: absolute, relativePath },
    );
    return true;
  };
  /** Whether a path some link may lead through really stays inside `root`. */
  const leaves = (root: string, absolute: string) => {
    const real = realPathOf(absolute);
    return real !== undefined && !isInside(root, real);
  };

  for (const arg of paths) {
    const absolute = isAbsolute(arg) ? resolve(arg) : resolve(cwd, arg);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      stat = undefined;
    }
    // The user named it: inside the working directory the project is the root, outside it
    // the argument is its own root.
    const root = isInside(cwd, absolute)
      ? cwdRoot
      : (realPathOf(stat?.isDirectory() ? absolute : dirname(absolute)) ?? absolute);
    if (stat && !stat.isDirectory()) {
      if (!add(absolute, undefined, leaves(root, absolute)))
        ignored.push(toPosixRelative(cwd, absolute));
      continue;
    }
    if (stat?.isDirectory() && leaves(root, absolute)) {
      problems.push({
        file: toPosixRelative(cwd, absolute),
        message: 'skipped: a symbolic link to outside the project root',
      });
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
        projectRoot: root,
        onProblem: (rel, message) => problems.push({ file: toCwd(rel), message }),
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
      for (const entry of entries)
        add(entry.path, toCwd(entry.relative), entry.outsideRoot === true);
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
        // globby's own .gitignore reading would open a FIFO and block: ours reads them safely.
        gitignore: false,
        followSymbolicLinks: false,
        suppressErrors: true,
        // Names that are not UTF-8 listed and opened exactly (a directory so named too).
        fs: exactNameFs,
        ignore: [...BUILTIN_IGNORES],
      });
      const gitignored = gitignoreTester(cwd, (rel, message) =>
        problems.push({ file: rel, message }),
      );
      const kept = entries.filter((entry) => !gitignored(toPosixRelative(cwd, resolve(entry))));
      if (kept.length === 0) missing.push(arg);
      // A static segment of a pattern (`conf/*`) is followed even when it is a link.
      for (const entry of kept) add(resolve(entry), undefined, leaves(cwdRoot, resolve(entry)));
      continue;
    }
    missing.push(arg);
  }
  const files = [...found.values()].sort((a, b) => compareStrings(a.relativePath, b.relativePath));
  problems.sort((a, b) => compareStrings(a.file, b.file));
  return { files, ignored: [...new Set(ignored)].sort(compareStrings), missing, problems };
}

/**
 * The ignore test discovery applies to an explicit file (built-in and configured ignores,
 * not `.gitignore`), for file lists that come from elsewhere (`--staged`).
 */
export function isIgnoredBy(ignores: readonly string[]): (relativePath: string) => boolean {
  const user = ignores.length > 0 ? ignoreMatcher(ignores) : () => false;
  return (relativePath) => BUILTIN_SEGMENT.test(relativePath) || user(relativePath);
}

/**
 * A `node_modules`, `.git` or `.yarn` segment anywhere (also in `../node_modules/x` outside
 * cwd). `.yarn/` holds Yarn itself (`releases/`, `plugins/`, `sdks/`) and unpacked packages
 * (`unplugged/`, `cache/`): committed, but nobody's database code.
 */
const BUILTIN_SEGMENT = /(?:^|\/)(?:node_modules|\.git|\.yarn)(?:\/|$)/;

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
