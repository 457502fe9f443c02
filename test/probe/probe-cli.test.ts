/**
 * `secure-db probe` usage: no server needed. A password is never taken from an argument and
 * never repeated in an error, whatever argument carried it.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROBE_HELP } from '../../src/cli/probe.js';
import { BIN, runProbe } from './helpers.js';

const SECRET = 'Zq8#probe-cli-pass-4471';
const ENCODED = encodeURIComponent(SECRET);

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error('run `npm run build` first: the probe tests run the CLI');
});

async function usageError(args: string[], env: Record<string, string> = {}, cwd?: string) {
  const run = await runProbe(args, env, cwd);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain('Run "secure-db probe --help" for usage.');
  for (const secret of [SECRET, ENCODED, 'probe-cli-pass'])
    expect(run.stderr).not.toContain(secret);
  return run.stderr;
}

describe('secure-db probe: usage', () => {
  it('--help prints the probe help; the main help names the command', async () => {
    const run = await runProbe(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(PROBE_HELP);
    for (const option of [
      '--ca',
      '--connect',
      '--expiry-warn-days',
      '--max-warnings',
      '--timeout',
      '--url-env',
      '--env-file',
    ])
      expect(PROBE_HELP).toContain(option);
    const { spawnSync } = await import('node:child_process');
    const main = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(main.stdout).toContain('secure-db probe <postgres-url> [options]');
  });

  it('refuses a URL with a password on the command line, without repeating it', async () => {
    for (const url of [
      `postgres://app:${ENCODED}@db.example.com/app`,
      `postgresql://app:${ENCODED}@db.example.com:5432/app?sslmode=verify-full`,
      `postgres://app@db.example.com/app?password=${ENCODED}`,
    ])
      expect(await usageError([url])).toContain('the URL on the command line carries a password');
  });

  it('has no password option, and echoes no option value', async () => {
    for (const args of [
      ['--host', 'db.example.com', `--password=${SECRET}`],
      ['--host', 'db.example.com', '--password', SECRET],
      ['--host', 'db.example.com', '-W'],
    ])
      expect(await usageError(args)).toContain('secure-db probe takes no password argument');
    expect(await usageError(['--host', 'db.example.com', `--passwd=${SECRET}`])).toContain(
      'unknown or incomplete option --passwd',
    );
  });

  it('needs exactly one target', async () => {
    expect(await usageError([])).toContain('name a server');
    expect(
      await usageError(['postgres://db.example.com/app', '--host', 'db.example.com']),
    ).toContain('give only one of');
    expect(await usageError(['postgres://a/x', 'postgres://b/y'])).toContain(
      'one server URL at most',
    );
  });

  it('--url-env: the variable must hold a postgres URL; its content is never shown', async () => {
    expect(await usageError(['--url-env', 'DATABASE_URL'])).toContain(
      'the environment variable DATABASE_URL is not set',
    );
    expect(
      await usageError(['--url-env', 'DATABASE_URL'], {
        DATABASE_URL: `mysql://app:${ENCODED}@db.example.com/app`,
      }),
    ).toContain('the URL in DATABASE_URL is not a postgres:// or postgresql:// URL');
    expect(
      await usageError(['--url-env', 'DATABASE_URL'], {
        DATABASE_URL: `postgres://app:${SECRET}@[/x`,
      }),
    ).toContain('the URL in DATABASE_URL is not a valid URL');
  });

  it('--env-file: a host is needed, and references to other variables are not resolved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secure-db-probe-cli-'));
    writeFileSync(join(dir, 'no-host.env'), `DB_USER=app\nDB_PASSWORD=${SECRET}\n`);
    writeFileSync(join(dir, 'ref.env'), `DB_HOST=\${PRIMARY_HOST}\nDB_PASSWORD=${SECRET}\n`);
    expect(await usageError(['--env-file', 'no-host.env'], {}, dir)).toContain(
      'no-host.env has no DATABASE_URL, PGHOST, DB_HOST',
    );
    expect(await usageError(['--env-file', 'ref.env'], {}, dir)).toContain(
      'DB_HOST in ref.env refers to another variable',
    );
    // Node 20 reads `--env-file` wherever it is on the command line, even after the script
    // (docs/drivers-notes.md), and stops with its own message before secure-db runs.
    const missing = await runProbe(['--env-file', 'missing.env'], {}, dir);
    if (missing.code === 9) expect(missing.stderr).toMatch(/^\S*node: missing\.env: not found\n$/);
    else expect(missing.stderr).toContain('cannot read missing.env (ENOENT)');
  });

  it('rejects bad option values and Unix socket hosts', async () => {
    const host = ['--host', 'db.example.com'];
    expect(await usageError([...host, '--timeout', '0'])).toContain('--timeout must be');
    expect(await usageError([...host, '--timeout', 'soon'])).toContain('--timeout must be');
    expect(await usageError([...host, '--format', 'gitlab'])).toContain('--format must be one of');
    expect(await usageError([...host, '--expiry-warn-days', '-3'])).toContain('--expiry-warn-days');
    expect(await usageError([...host, '--max-warnings', 'x'])).toContain('--max-warnings');
    expect(await usageError([...host, '--port', '70000'])).toContain('the port must be a number');
    expect(await usageError(['--host', '/var/run/postgresql'])).toContain('Unix socket');
  });

  it('a CA file that cannot be read, or holds no certificate, is exit 2 before any connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secure-db-probe-cli-'));
    writeFileSync(join(dir, 'empty.pem'), 'not a certificate\n');
    const missing = await runProbe(['--host', 'db.example.com', '--ca', 'nope.pem'], {}, dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the CA file nope.pem (ENOENT)');
    const empty = await runProbe(['--host', 'db.example.com', '--ca', 'empty.pem'], {}, dir);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('the CA file empty.pem holds no PEM certificate');
  });
});
