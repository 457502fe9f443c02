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
  return { base: dir, rules: ignore().add(text) };
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
  return dirs.map(loadGitignore).filter((s): s is Scope => s !== undefined);
}

/** Git's precedence: the deepest `.gitignore` with a rule for the path decides, `!` included. */
function ignoredBy(scopes: readonly Scope[], path: string, directory: boolean): boolean {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i]!;
    const rel = toPosix(relative(scope.base, path));
    if (!rel || rel.startsWith('..')) continue;
    const verdict = scope.rules.test(directory ? `${rel}/` : rel);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

export interface WalkOptions {
  /** Skip a path (absolute) before anything else, e.g. `node_modules`, the config's ignores. */
  skip: (absolute: string, directory: boolean) => boolean;
  gitignore: boolean;
}

export function walkTree(root: string, options: WalkOptions): string[] {
  const files: string[] = [];
  const rootScopes = options.gitignore ? ancestorScopes(root) : [];
  const stack: { dir: string; scopes: Scope[] }[] = [{ dir: root, scopes: rootScopes }];
  while (stack.length > 0) {
    const { dir, scopes: outer } = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable or vanished: nothing to list
    }
    const own = options.gitignore && entries.some((e) => e.name === '.gitignore') ? loadGitignore(dir) : undefined;
    const scopes = own ? [...outer, own] : outer;
    for (const entry of entries) {
      const path = join(dir, entry.name);
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
      if (options.skip(path, directory)) continue;
      if (scopes.length > 0 && ignoredBy(scopes, path, directory)) continue;
      if (directory) stack.push({ dir: path, scopes });
      else files.push(path);
    }
  }
  return files;
}
