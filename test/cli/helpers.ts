/** Spawns the built CLI in temporary projects (publint's style: real process, NO_COLOR=1). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const BIN = join(import.meta.dirname, '../../dist/src/cli/bin.js');

export function project(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'secure-db-cli-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
  timeout = 60_000,
): Run {
  const out = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
    timeout,
    killSignal: 'SIGKILL',
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

/** A pg pool with verification off (fixable) and a real-looking hardcoded password. */
export const WEAK_JS = [
  "const { Pool } = require('pg');",
  "export const pool = new Pool({ host: 'db.example.com', password: 'Zq8#cli-PG-pass-2291', ssl: { rejectUnauthorized: false } });",
  '',
].join('\n');

export const CLEAN_JS = 'export const answer = 42;\n';

export const SECRETS = [
  'Zq8#cli-PG-pass-2291',
  'cli-PG-pass',
  'Zq8%23cli-URL-pass-8812',
  'Zq8#cli-URL-pass-8812',
  'cli-URL-pass',
];
