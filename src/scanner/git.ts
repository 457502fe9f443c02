/**
 * Running git for `--staged` and `--since`: always `spawnSync` with an argument array (never
 * a shell string), `--literal-pathspecs` (a file name is never a glob), NUL-separated output
 * parsed as bytes. The environment is passed through, so that in a hook git's own variables
 * (`GIT_INDEX_FILE` during `git commit -a`, `GIT_DIR`) are honoured.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { toPosixRelative } from './discover.js';

/** A git problem the user must fix (not a repository, a bad ref): the CLI exits 2. */
export class GitError extends Error {}

const MAX_BUFFER = 1024 * 1024 * 1024;

export interface GitRun {
  status: number | null;
  stdout: Buffer;
  stderr: string;
  /** git wrote more than `maxBuffer` bytes and was stopped (only with a `maxBuffer`). */
  overflowed?: true;
}

export function runGit(
  cwd: string,
  args: readonly string[],
  input?: Buffer,
  maxBuffer?: number,
): GitRun {
  const out = spawnSync('git', ['--literal-pathspecs', '-c', 'core.quotePath=false', ...args], {
    cwd,
    maxBuffer: maxBuffer ?? MAX_BUFFER,
    ...(input ? { input } : {}),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (
    out.error &&
    maxBuffer !== undefined &&
    (out.error as NodeJS.ErrnoException).code === 'ENOBUFS'
  )
    return { status: null, stdout: Buffer.alloc(0), stderr: '', overflowed: true };
  if (out.error) {
    const code = (out.error as NodeJS.ErrnoException).code;
    throw new GitError(
      code === 'ENOENT'
        ? 'git is not installed (or not on PATH)'
        : `cannot run git (${code ?? 'error'})`,
    );
  }
  return { status: out.status, stdout: out.stdout, stderr: out.stderr.toString('utf8') };
}

/** Runs git and returns stdout; a failure becomes a `GitError` with git's first stderr line. */
export function git(cwd: string, args: readonly string[], what: string, input?: Buffer): Buffer {
  return checked(runGit(cwd, args, input), what);
}

/** The stdout of a git run; a failure becomes a `GitError` with git's first stderr line. */
export function checked(r: GitRun, what: string): Buffer {
  if (r.status !== 0) {
    const first =
      r.stderr.split('\n').find((l) => l.trim() !== '') ?? `exit code ${r.status ?? 'unknown'}`;
    throw new GitError(`${what}: ${first.replace(/^(fatal|error): /, '').slice(0, 300)}`);
  }
  return r.stdout;
}

/** NUL-separated fields (a trailing NUL ends the last one). */
export function splitNul(bytes: Buffer): string[] {
  const text = bytes.toString('utf8');
  const parts = text.split('\0');
  if (parts.at(-1) === '') parts.pop();
  return parts;
}

export interface Repository {
  /** Absolute path of the working tree's top level (as git reports it, symlinks resolved). */
  root: string;
  /** A path relative to the top level (as git prints it) → POSIX, relative to `cwd`. */
  toCwd: (repoPath: string) => string;
}

/** The repository that contains `cwd`; `GitError` when there is none. */
export function openRepository(cwd: string, flag: string): Repository {
  const r = runGit(cwd, ['rev-parse', '--show-toplevel']);
  const root = r.stdout.toString('utf8').replace(/\n$/, '');
  if (r.status !== 0 || !root)
    throw new GitError(
      `${flag} needs a git repository with a working tree, and ${cwd} is not inside one`,
    );
  let realCwd: string;
  try {
    realCwd = realpathSync(cwd);
  } catch {
    realCwd = resolve(cwd);
  }
  return { root, toCwd: (repoPath) => toPosixRelative(realCwd, resolve(root, repoPath)) };
}
