/**
 * A synchronous directory walk that honours `.gitignore` the way git does: each
 * `.gitignore` applies below its own directory (those above the walk's root, up to the
 * repository root, too), and an ignored directory is not entered at all. Symbolic links
 * to directories are never followed (no loops); links to files are listed, flagged
 * `outsideRoot` when their target leaves the project root (the reader then refuses them).
 * Every other non-directory entry (a FIFO, a socket) is listed too, for the reader to name
 * and refuse. `.gitignore` files are read by the config-file rules (read-source.ts): a
 * FIFO or a link out of the root is reported through `onProblem` and ignored. Unreadable
 * directories are skipped. For 20,000 files this costs about what listing them costs,
 * where a glob library with gitignore support stats every path.
 */
import {
  existsSync,
  lstat,
  lstatSync,
  readdir,
  readdirSync,
  stat,
  statSync,
  type Dirent,
  type Stats,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { decodeFileName, fileSystemPath } from '../report/file-names.js';
import { gitignoreRules, MAX_GITIGNORE_GLOBS, type GitignoreRules } from './gitignore-rules.js';
import { isInside, readConfigText, realPathOf } from './read-source.js';

interface Scope {
  /** The directory the `.gitignore` sits in. */
  base: string;
  rules: GitignoreRules;
  /**
   * How a path relative to the walk's root becomes relative to `base`, without a
   * `path.relative` per entry: a scope above the root prefixes (`prefix/rel`), a scope
   * inside it strips its own directory (`strip` characters).
   */
  prefix: string;
  strip: number;
}

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

type ProblemSink = (relative: string, message: string) => void;

/**
 * One `.gitignore`; `root` (a real path) when the file may be a symbolic link whose target
 * must stay inside it. A file that cannot be read is reported (when not simply missing).
 */
function loadGitignore(
  dir: string,
  root: string | undefined,
  report: ((message: string) => void) | undefined,
): Scope | undefined {
  const read = readConfigText(join(dir, '.gitignore'), root === undefined ? {} : { root });
  if (read.kind === 'refused') report?.(`.gitignore ${read.reason}; its rules were not applied`);
  if (read.kind !== 'ok') return undefined;
  const rules = gitignoreRules(read.text);
  if (rules.globsLeftOut > 0)
    report?.(
      `.gitignore has more than ${MAX_GITIGNORE_GLOBS} rules; ${rules.globsLeftOut} glob or negation rules past the first ${MAX_GITIGNORE_GLOBS} were not applied (plain paths are not limited): the files they name are scanned`,
    );
  return { base: dir, rules, prefix: '', strip: 0 };
}

/** `.gitignore` files between the repository root and `root` (exclusive), outermost first. */
function ancestorScopes(root: string, onProblem: ProblemSink | undefined): Scope[] {
  const dirs: string[] = [];
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    dirs.unshift(dir);
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) break;
  }
  // Only inside a repository do outer .gitignore files apply.
  if (!existsSync(join(dirs[0]!, '.git'))) return [];
  const repository = realPathOf(dirs[0]!) ?? dirs[0]!;
  return dirs
    .map((dir) =>
      loadGitignore(dir, repository, (message) =>
        onProblem?.(toPosix(relative(root, join(dir, '.gitignore'))), message),
      ),
    )
    .filter((s): s is Scope => s !== undefined)
    .map((s) => ({ ...s, prefix: toPosix(relative(s.base, root)) }));
}

/** Git's precedence: the deepest `.gitignore` with a rule for the path decides, `!` included. */
function ignoredBy(scopes: readonly Scope[], relativeToRoot: string, directory: boolean): boolean {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i]!;
    const rel = scope.prefix
      ? `${scope.prefix}/${relativeToRoot}`
      : relativeToRoot.slice(scope.strip);
    if (!rel || rel.startsWith('..')) continue;
    const verdict = scope.rules.test(rel, directory);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

export interface WalkOptions {
  /**
   * Skip a path (absolute; `relative` is POSIX, relative to the walk's root) before
   * anything else, e.g. `node_modules`, the config's ignores.
   */
  skip: (absolute: string, directory: boolean, relative: string) => boolean;
  gitignore: boolean;
  /** Called with the number of files listed so far, as the walk finds each. */
  onFile?: (count: number) => void;
  /**
   * The project root, a real path: links whose target leaves it are flagged `outsideRoot`
   * (default: the walk's root).
   */
  projectRoot?: string;
  /** A config file the walk could not use (a `.gitignore` FIFO), by path relative to the walk's root. */
  onProblem?: ProblemSink;
}

export interface WalkEntry {
  path: string;
  /** POSIX, relative to the walk's root. */
  relative: string;
  /** A symbolic link whose target is outside the project root: listed, never to be read. */
  outsideRoot?: true;
}

export function walkTree(root: string, options: WalkOptions): string[] {
  return walkTreeEntries(root, options).map((e) => e.path);
}

/** The walk, with each file's path relative to `root` built as it goes (no `path.relative` per entry). */
export function walkTreeEntries(root: string, options: WalkOptions): WalkEntry[] {
  const files: WalkEntry[] = [];
  const projectRoot = options.projectRoot ?? realPathOf(root) ?? root;
  const rootScopes = options.gitignore ? ancestorScopes(root, options.onProblem) : [];
  const stack: { dir: string; rel: string; scopes: Scope[] }[] = [
    { dir: root, rel: '', scopes: rootScopes },
  ];
  while (stack.length > 0) {
    const { dir, rel: dirRel, scopes: outer } = stack.pop()!;
    const listing = listDirectory(dir);
    if (!listing) continue; // unreadable or vanished: nothing to list
    const { entries, names } = listing;
    const ignoreFile = options.gitignore ? entries[names.indexOf('.gitignore')] : undefined;
    const own = ignoreFile
      ? loadGitignore(
          dir,
          // Only a link needs its target checked (a realpath per .gitignore otherwise).
          ignoreFile.isSymbolicLink() ? projectRoot : undefined,
          options.onProblem &&
            ((message) => {
              options.onProblem!(dirRel ? `${dirRel}/.gitignore` : '.gitignore', message);
            }),
        )
      : undefined;
    if (own) own.strip = dirRel ? dirRel.length + 1 : 0;
    const scopes = own ? [...outer, own] : outer;
    // `dir` is already normalised: plain concatenation (path.join per entry showed up in profiles).
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      const name = names[i]!;
      const path = prefix + name;
      const rel = dirRel ? `${dirRel}/${name}` : name;
      const directory = entry.isDirectory();
      let outsideRoot = false;
      if (entry.isSymbolicLink()) {
        const real = realPathOf(path);
        if (real === undefined) continue; // dangling
        if (!isInside(projectRoot, real)) outsideRoot = true;
        else if (isDirectoryAt(real)) continue; // links to directories are not followed
      }
      if (options.skip(path, directory, rel)) continue;
      if (scopes.length > 0 && ignoredBy(scopes, rel, directory)) continue;
      if (directory) stack.push({ dir: path, rel, scopes });
      else {
        files.push(
          outsideRoot ? { path, relative: rel, outsideRoot: true } : { path, relative: rel },
        );
        options.onFile?.(files.length);
      }
    }
  }
  return files;
}

/**
 * A directory's entries and their names. Node lists a name that is not UTF-8 with U+FFFD
 * in place of its bytes, a name that opens nothing: such a directory is listed again as
 * bytes, and each name kept exactly (file-names.ts).
 */
function listDirectory(dir: string): { entries: Dirent[]; names: string[] } | undefined {
  try {
    const entries = readdirSync(fileSystemPath(dir), { withFileTypes: true });
    const names = entries.map((e) => e.name);
    if (!names.some((name) => name.includes('\uFFFD'))) return { entries, names };
    const raw = readdirSync(fileSystemPath(dir), { withFileTypes: true, encoding: 'buffer' });
    return { entries: raw as unknown as Dirent[], names: raw.map((e) => decodeFileName(e.name)) };
  } catch {
    return undefined;
  }
}

/**
 * `fs` for globby (fast-glob's adapter): names that are not UTF-8 listed exactly, and paths
 * holding them opened by their bytes, so a glob reaches `dir\xe9/x.env` as the walk does.
 */
export const exactNameFs = {
  readdir: exactReaddir,
  stat: (path: string, callback: (error: NodeJS.ErrnoException | null, stats: Stats) => void) => {
    stat(fileSystemPath(path), callback);
  },
  lstat: (path: string, callback: (error: NodeJS.ErrnoException | null, stats: Stats) => void) => {
    lstat(fileSystemPath(path), callback);
  },
  statSync: (path: string) => statSync(fileSystemPath(path)),
  lstatSync: (path: string) => lstatSync(fileSystemPath(path)),
};

type ReaddirCallback<T> = (error: NodeJS.ErrnoException | null, entries: T[]) => void;

/** `fs.readdir` in fast-glob's two forms (entries, or names), with exact names. */
function exactReaddir(
  path: string,
  options: { withFileTypes: true },
  callback: ReaddirCallback<Dirent>,
): void;
function exactReaddir(path: string, callback: ReaddirCallback<string>): void;
function exactReaddir(
  path: string,
  optionsOrCallback: { withFileTypes: true } | ReaddirCallback<string>,
  entriesCallback?: ReaddirCallback<Dirent>,
): void {
  readdir(fileSystemPath(path), { withFileTypes: true, encoding: 'buffer' }, (error, raw) => {
    const entries = error ? [] : withExactNames(raw);
    if (typeof optionsOrCallback === 'function')
      optionsOrCallback(
        error,
        entries.map((e) => e.name),
      );
    else entriesCallback!(error, entries);
  });
}

/** Entries listed as bytes, each named by `decodeFileName`. */
function withExactNames(raw: readonly Dirent<Buffer>[]): Dirent[] {
  const entries = raw as unknown as { name: string | Buffer }[];
  for (const entry of entries) entry.name = decodeFileName(entry.name as Buffer);
  return entries as unknown as Dirent[];
}

function isDirectoryAt(path: string): boolean {
  try {
    return statSync(fileSystemPath(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Whether a path below `root` (POSIX, relative) is ignored by the `.gitignore` files on its
 * way (those above `root` inside the repository too), read once per directory: for paths
 * that do not come from a walk (glob arguments).
 */
export function gitignoreTester(
  root: string,
  onProblem?: ProblemSink,
): (relativePath: string) => boolean {
  const projectRoot = realPathOf(root) ?? root;
  const outer = ancestorScopes(root, onProblem);
  const rootOwn = loadGitignore(root, projectRoot, (message) => onProblem?.('.gitignore', message));
  /** The scopes that apply to the entries of a directory (POSIX, relative to `root`). */
  const byDirectory = new Map<string, Scope[]>([['', rootOwn ? [...outer, rootOwn] : outer]]);
  const scopesOf = (dirRel: string): Scope[] => {
    const known = byDirectory.get(dirRel);
    if (known) return known;
    const slash = dirRel.lastIndexOf('/');
    const parent = scopesOf(slash < 0 ? '' : dirRel.slice(0, slash));
    const own = loadGitignore(join(root, dirRel), projectRoot, (message) =>
      onProblem?.(`${dirRel}/.gitignore`, message),
    );
    if (own) own.strip = dirRel.length + 1;
    const scopes = own ? [...parent, own] : parent;
    byDirectory.set(dirRel, scopes);
    return scopes;
  };
  return (relativePath) => {
    if (relativePath.startsWith('..')) return false;
    const parts = relativePath.split('/');
    // Each directory on the way first (an ignored directory hides what is below it).
    let dirRel = '';
    for (let i = 0; i < parts.length; i++) {
      const scopes = scopesOf(dirRel);
      const rel = dirRel ? `${dirRel}/${parts[i]}` : parts[i]!;
      if (scopes.length > 0 && ignoredBy(scopes, rel, i < parts.length - 1)) return true;
      dirRel = rel;
    }
    return false;
  };
}
