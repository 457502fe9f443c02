/**
 * A synchronous directory walk that honours `.gitignore` the way git does: each
 * `.gitignore` applies below its own directory (those above the walk's root, up to the
 * repository root, too), and an ignored directory is not entered at all. Symbolic links
 * to directories are never followed (no loops); links to files are listed. Unreadable
 * directories are skipped. For 20,000 files this costs about what listing them costs,
 * where a glob library with gitignore support stats every path.
 */
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

interface Scope {
  /** The directory the `.gitignore` sits in. */
  base: string;
  rules: Ignore;
  /**
   * How a path relative to the walk's root becomes relative to `base`, without a
   * `path.relative` per entry: a scope above the root prefixes (`prefix/rel`), a scope
   * inside it strips its own directory (`strip` characters).
   */
  prefix: string;
  strip: number;
}

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

function loadGitignore(dir: string): Scope | undefined {
  const file = join(dir, '.gitignore');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return { base: dir, rules: ignore().add(text), prefix: '', strip: 0 };
}

/** `.gitignore` files between the repository root and `root` (exclusive), outermost first. */
function ancestorScopes(root: string): Scope[] {
  const dirs: string[] = [];
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    dirs.unshift(dir);
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) break;
  }
  // Only inside a repository do outer .gitignore files apply.
  if (!existsSync(join(dirs[0]!, '.git'))) return [];
  return dirs
    .map(loadGitignore)
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
    const verdict = scope.rules.test(directory ? `${rel}/` : rel);
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
}

export interface WalkEntry {
  path: string;
  /** POSIX, relative to the walk's root. */
  relative: string;
}

export function walkTree(root: string, options: WalkOptions): string[] {
  return walkTreeEntries(root, options).map((e) => e.path);
}

/** The walk, with each file's path relative to `root` built as it goes (no `path.relative` per entry). */
export function walkTreeEntries(root: string, options: WalkOptions): WalkEntry[] {
  const files: WalkEntry[] = [];
  const rootScopes = options.gitignore ? ancestorScopes(root) : [];
  const stack: { dir: string; rel: string; scopes: Scope[] }[] = [
    { dir: root, rel: '', scopes: rootScopes },
  ];
  while (stack.length > 0) {
    const { dir, rel: dirRel, scopes: outer } = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable or vanished: nothing to list
    }
    const own =
      options.gitignore && entries.some((e) => e.name === '.gitignore')
        ? loadGitignore(dir)
        : undefined;
    if (own) own.strip = dirRel ? dirRel.length + 1 : 0;
    const scopes = own ? [...outer, own] : outer;
    // `dir` is already normalised: plain concatenation (path.join per entry showed up in profiles).
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      const path = prefix + entry.name;
      const rel = dirRel ? `${dirRel}/${entry.name}` : entry.name;
      let directory = entry.isDirectory();
      let file = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          file = statSync(path).isFile(); // links to directories are not followed
        } catch {
          file = false; // dangling
        }
        directory = false;
      }
      if (!directory && !file) continue;
      if (options.skip(path, directory, rel)) continue;
      if (scopes.length > 0 && ignoredBy(scopes, rel, directory)) continue;
      if (directory) stack.push({ dir: path, rel, scopes });
      else {
        files.push({ path, relative: rel });
        options.onFile?.(files.length);
      }
    }
  }
  return files;
}
