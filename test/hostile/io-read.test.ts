/**
 * What is read (docs/reliability.md): only regular files, never past the size cap, never
 * through a link that leaves the project root; config files (ignore files, package.json,
 * the baseline, eslint-suppressions.json, --config) by the same rules. Each case runs the
 * built CLI as a child process with a timeout: before these rules a FIFO blocked the scan
 * forever and a link to /dev/zero grew memory without bound.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSource } from '../../src/scanner/read-source.js';
import { jsonReport, project, run } from '../cli/helpers.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A project whose one real finding proves the scan ran to the end. */
function hostileProject(): string {
  const root = project({
    'db.env': 'DATABASE_URL=postgres://app@db.example.com/app?sslmode=disable\n',
  });
  roots.push(root);
  return root;
}

const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

/** The CLI, bounded: a hang is a failure (code null), not a stuck test run. */
function scanWithin(root: string, args: string[] = []) {
  return run(root, ['scan', '--format', 'json', ...args], {}, 15_000);
}

const CONFIG_NAMES = [
  '.gitignore',
  'package.json',
  'eslint-suppressions.json',
  'secure-db-baseline.json',
];

describe('special files are never read', () => {
  it.each(CONFIG_NAMES)('a FIFO named %s does not block the scan', (name) => {
    const root = hostileProject();
    mkfifo(join(root, name));
    const out = scanWithin(root);
    expect(out.code, out.stderr).not.toBeNull();
    if (name === 'package.json' || name === 'secure-db-baseline.json') {
      // Settings or a baseline we cannot read must not be silently dropped.
      expect(out.code).toBe(2);
      expect(out.stderr).toContain(`${name} is not a regular file (a FIFO)`);
    } else {
      expect(out.code).toBe(1);
      expect(jsonReport(out.stdout).results).toHaveLength(1);
    }
  });

  it.each(CONFIG_NAMES)('a link named %s to /dev/zero is refused at once', (name) => {
    const root = hostileProject();
    symlinkSync('/dev/zero', join(root, name));
    const out = scanWithin(root);
    expect(out.code, out.stderr).not.toBeNull();
    if (name === 'package.json' || name === 'secure-db-baseline.json') {
      expect(out.code).toBe(2);
      expect(out.stderr).toContain(`${name} is a symbolic link to outside the project`);
    } else expect(out.code).toBe(1);
  });

  it('scanned files that are FIFOs, devices or links to them are named, not read', () => {
    const root = hostileProject();
    mkfifo(join(root, '.env'));
    symlinkSync('/dev/zero', join(root, '.env.local'));
    const out = scanWithin(root, ['.', '.env']);
    expect(out.code, out.stderr).toBe(1);
    const report = JSON.parse(out.stdout) as { errors: { file: string; message: string }[] };
    expect(report.errors).toEqual(
      expect.arrayContaining([
        { file: '.env', message: 'skipped: not a regular file (a FIFO)' },
        {
          file: '.env.local',
          message: 'skipped: a symbolic link to outside the project root',
        },
      ]),
    );
  });

  it('a --config FIFO is a configuration error', () => {
    const root = hostileProject();
    mkfifo(join(root, 'secure-db.json'));
    const out = scanWithin(root, ['--config', 'secure-db.json']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('secure-db.json is not a regular file (a FIFO)');
  });
});

describe('readSource', () => {
  it('names a device instead of reading it, and checks the size before reading', async () => {
    expect(await readSource('/dev/zero', 'zero.env')).toEqual({
      kind: 'skipped',
      diagnostic: { file: 'zero.env', message: 'skipped: not a regular file (a character device)' },
    });
    const root = hostileProject();
    writeFileSync(join(root, 'big.env'), 'A=1\n'.repeat(1000));
    expect(await readSource(join(root, 'big.env'), 'big.env', { maxBytes: 100 })).toEqual({
      kind: 'skipped',
      diagnostic: {
        file: 'big.env',
        kind: 'budget',
        message:
          'not scanned: larger than the size budget of 100 bytes per file (raise it with --max-file-size or "maxFileSize")',
      },
    });
  });
});

describe('symbolic links', () => {
  it('follows links that stay inside the project, not those that leave it', () => {
    const outside = hostileProject();
    writeFileSync(
      join(outside, 'secret.env'),
      'DATABASE_URL=postgres://app@db.example.com/app?sslmode=disable\n',
    );
    const root = project({
      'real/inside.env': 'DATABASE_URL=postgres://app@db.example.com/app?sslmode=prefer\n',
    });
    roots.push(root);
    symlinkSync(join(root, 'real/inside.env'), join(root, 'inside-link.env'));
    symlinkSync(join(outside, 'secret.env'), join(root, 'outside-link.env'));
    // A glob through a linked directory must not leave the root either.
    symlinkSync(outside, join(root, 'conf'));
    mkdirSync(join(root, 'more'));
    const out = scanWithin(root, ['.', 'conf/*']);
    const report = JSON.parse(out.stdout) as {
      results: { file: string }[];
      errors: { file: string; message: string }[];
    };
    expect(report.results.map((r) => r.file)).toEqual(['inside-link.env', 'real/inside.env']);
    expect(report.errors.map((e) => e.file)).toEqual(
      expect.arrayContaining(['conf/db.env', 'conf/secret.env', 'outside-link.env']),
    );
    expect(
      report.errors.every(
        (e) => e.message === 'skipped: a symbolic link to outside the project root',
      ),
    ).toBe(true);
    expect(out.code).toBe(1);
  });
});
