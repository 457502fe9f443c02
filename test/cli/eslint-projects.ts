/**
 * Temporary projects with a real ESLint installed (ESLint 10, 9 or 8.57 from this
 * repository's devDependencies, linked as the project's `node_modules/eslint`) and the
 * built plugin linked as `node_modules/eslint-plugin-secure-db`, as `npm install` leaves
 * them. They live in the OS temp folder: this repository's `.gitignore` does not hide them
 * from the scanner there.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { project, type Run } from './helpers.js';

const REPO = join(import.meta.dirname, '../..');

export const ESLINT_PACKAGES = { 10: 'eslint', 9: 'eslint-v9', 8: 'eslint-v8' } as const;

export function eslintProject(
  version: keyof typeof ESLINT_PACKAGES,
  files: Record<string, string>,
): string {
  const root = project(files);
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  symlinkSync(
    join(REPO, 'node_modules', ESLINT_PACKAGES[version]),
    join(root, 'node_modules/eslint'),
  );
  symlinkSync(REPO, join(root, 'node_modules/eslint-plugin-secure-db'));
  return root;
}

/** `eslint .` in the project, with its own ESLint; `env` as for the scanner. */
export function runEslint(cwd: string, args: string[], env: Record<string, string> = {}): Run {
  const out = spawnSync(
    process.execPath,
    [join(cwd, 'node_modules/eslint/bin/eslint.js'), ...args],
    {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
      timeout: 60_000,
    },
  );
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

/** A pg pool with verification off, in production by default. */
export const VERIFY_OFF_JS = [
  "import { Pool } from 'pg';",
  "export const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });",
  '',
].join('\n');

/** TLS off at a development site: reported only in the strict profile. */
export const DEV_TLS_OFF_JS = [
  "import { Pool } from 'pg';",
  "const local = process.env.NODE_ENV === 'development';",
  "export const pool = local ? new Pool({ host: 'db.example.com', ssl: false }) : undefined;",
  '',
].join('\n');

export const FLAT_MODULE = '{ "type": "module" }';
