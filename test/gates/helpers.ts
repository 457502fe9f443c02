/**
 * Shared by the gate tests: snippets read out of the docs (so the documented snippets are
 * the executed ones), temporary git repositories, and a project layout that looks like
 * `npm install --save-dev eslint eslint-plugin-secure-db husky lint-staged` without
 * touching the registry (node_modules links to this repository and its dependencies).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const REPO = join(import.meta.dirname, '../..');
export const BIN = join(REPO, 'dist/src/cli/bin.js');

/** The fenced block right after `<!-- test-snippet: NAME -->` in `docs/<doc>`. */
export function snippet(doc: string, name: string): string {
  const text = readFileSync(join(REPO, 'docs', doc), 'utf8');
  const marker = `<!-- test-snippet: ${name} -->`;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`docs/${doc} has no ${marker}`);
  const match = /^\s*```[^\n]*\n([\s\S]*?)\n```/.exec(text.slice(at + marker.length));
  if (!match) throw new Error(`docs/${doc}: ${marker} is not followed by a fenced block`);
  return `${match[1]}\n`;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `secure-db-${prefix}-`));
}

export function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/**
 * The environment for git and the tools it starts: the caller's, without npm's
 * `npm_*` variables (vitest may run under `npm test`), with a private git configuration.
 */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^npm_/i.test(key) && !key.startsWith('GIT_') && key !== 'INIT_CWD') env[key] = value;
  const config = join(tempDir('gitconfig'), 'config');
  writeFileSync(
    config,
    '[user]\n\tname = secure-db test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n',
  );
  return { ...env, GIT_CONFIG_GLOBAL: config, GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1', ...extra };
}

export function sh(
  cwd: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeout = 120_000,
): SpawnSyncReturns<string> & { output_: string } {
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return Object.assign(result, { output_: `${result.stdout}${result.stderr}` });
}

export function git(
  cwd: string,
  env: NodeJS.ProcessEnv,
  ...args: string[]
): SpawnSyncReturns<string> & { output_: string } {
  return sh(cwd, 'git', args, env);
}

export function initRepo(prefix: string, env: NodeJS.ProcessEnv): string {
  const root = tempDir(prefix);
  const r = git(root, env, 'init', '-q');
  if (r.status !== 0) throw new Error(r.output_);
  return root;
}

/**
 * A git repository holding the current working tree of this repository (tracked and
 * untracked files that are not ignored: no node_modules, dist, .tmp), committed once,
 * so that a hook installed from it builds what is being tested. Returns its path and rev.
 */
export function hookRepository(env: NodeJS.ProcessEnv): { url: string; rev: string } {
  const list = git(REPO, env, 'ls-files', '-z', '--cached', '--others', '--exclude-standard');
  if (list.status !== 0) throw new Error(list.output_);
  const root = tempDir('hook-repo');
  for (const file of list.stdout.split('\0')) {
    if (
      !file ||
      file.startsWith('.tmp/') ||
      !existsSync(join(REPO, file)) ||
      !lstatSync(join(REPO, file)).isFile()
    )
      continue;
    mkdirSync(dirname(join(root, file)), { recursive: true });
    copyFileSync(join(REPO, file), join(root, file));
  }
  for (const args of [
    ['init', '-q'],
    ['add', '-A'],
    ['commit', '-q', '--no-verify', '-m', 'secure-db under test'],
  ]) {
    const r = git(root, env, ...args);
    if (r.status !== 0) throw new Error(r.output_);
  }
  return { url: root, rev: git(root, env, 'rev-parse', 'HEAD').stdout.trim() };
}

/** `node_modules/.bin/NAME` as npm links it: runs `node TARGET`. */
function binShim(root: string, name: string, target: string): void {
  const path = join(root, 'node_modules/.bin', name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `#!/bin/sh\nexec "${process.execPath}" "${target}" "$@"\n`);
  chmodSync(path, 0o755);
}

/** What `npm install --save-dev eslint eslint-plugin-secure-db husky lint-staged` provides. */
export function installDevTools(root: string): void {
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  symlinkSync(REPO, join(root, 'node_modules/eslint-plugin-secure-db'), 'dir');
  for (const name of ['eslint', 'husky', 'lint-staged'])
    symlinkSync(join(REPO, 'node_modules', name), join(root, 'node_modules', name), 'dir');
  binShim(root, 'secure-db', BIN);
  binShim(root, 'eslint', join(REPO, 'node_modules/eslint/bin/eslint.js'));
  binShim(root, 'husky', join(REPO, 'node_modules/husky/bin.js'));
  binShim(root, 'lint-staged', join(REPO, 'node_modules/lint-staged/bin/lint-staged.js'));
}

/** GitLab's documented Code Quality report fields (test/gates/gitlab.test.ts). */
export const CODE_QUALITY_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'lines'],
        properties: {
          // Relative, POSIX, no leading "./" or "/".
          path: { type: 'string', pattern: '^(?!\\.?/)[^\\\\]+$' },
          lines: {
            type: 'object',
            additionalProperties: false,
            required: ['begin'],
            properties: {
              begin: { type: 'integer', minimum: 1 },
              end: { type: 'integer', minimum: 1 },
            },
          },
        },
      },
    },
  },
} as const;
