/**
 * The budget per file (docs/reliability.md, "Limits"): a file larger than the size budget
 * or costlier than the time budget is named with the limit and how to raise it, the scan
 * goes on, and the exit code says the scan was incomplete (2). Real files, the built CLI.
 *
 * The time cases do not race the clock: a file that costs tens of milliseconds is held to
 * a budget of 1 ms (always past it) and to none (0), never to a budget near its cost.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scanner/index.js';
import { BIN, jsonReport, project, run, sarifLog } from '../cli/helpers.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const FINDING_ENV = 'DATABASE_URL=postgres://app@db.example.com/app?sslmode=disable\n';

function budgetProject(files: Record<string, string>): string {
  const root = project({ 'db.env': FINDING_ENV, ...files });
  roots.push(root);
  return root;
}

/** 2 KB of settings: past a 1 KB budget, well within the default. */
const BIG_ENV = `# padding\n${'A=1\n'.repeat(500)}PGSSLMODE=disable\n`;

/** A module of 2,000 pools with verification off: tens of milliseconds to parse and judge. */
const SLOW_JS = [
  "const { Pool } = require('pg');",
  ...Array.from(
    { length: 2000 },
    (_, i) =>
      `export const pool${i} = new Pool({ host: 'db${i}.example.com', ssl: { rejectUnauthorized: false } });`,
  ),
  '',
].join('\n');

const SIZE_MESSAGE =
  'not scanned: larger than the size budget of 1 KB per file (raise it with --max-file-size or "maxFileSize")';

describe('size budget', () => {
  it('a file past --max-file-size is named with the limit; the others are scanned; exit 2', () => {
    const root = budgetProject({ 'big.env': BIG_ENV });
    const out = run(root, ['scan', '-f', 'json', '--max-file-size', '1KB']);
    expect(out.code).toBe(2);
    const report = jsonReport(out.stdout);
    expect(report.errors).toEqual([{ file: 'big.env', message: SIZE_MESSAGE }]);
    expect(report.results.map((r) => r.file)).toEqual(['db.env']);
    expect(out.stderr).toContain('not fully scanned: 1 file past the size or time budget');
  });

  it('the default (10 MB) scans the same file; "maxFileSize" in package.json lowers it', () => {
    const root = budgetProject({ 'big.env': BIG_ENV });
    const full = run(root, ['scan', '-f', 'json']);
    expect(full.code).toBe(1);
    expect(jsonReport(full.stdout).errors).toEqual([]);
    expect(jsonReport(full.stdout).results.map((r) => r.file)).toEqual(['big.env', 'db.env']);

    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({ 'secure-db': { maxFileSize: 1024 } }),
    );
    const lowered = run(root, ['scan', '-f', 'json']);
    expect(lowered.code).toBe(2);
    expect(jsonReport(lowered.stdout).errors).toEqual([{ file: 'big.env', message: SIZE_MESSAGE }]);
    // The flag wins over the file.
    expect(run(root, ['scan', '-f', 'json', '--max-file-size', '1MB']).code).toBe(1);
    const printed = run(root, [
      'scan',
      '--print-config',
      '--format',
      'json',
      '--max-file-time',
      '0',
    ]);
    expect(JSON.parse(printed.stdout)).toMatchObject({
      maxFileSize: { value: 1024, source: 'flag or scanner configuration' },
      maxFileTime: { value: 0, source: 'flag or scanner configuration' },
    });
  });

  it('SARIF, GitHub and GitLab report it as an error, not a warning', () => {
    const root = budgetProject({ 'big.env': BIG_ENV });
    const sarif = sarifLog(run(root, ['scan', '-f', 'sarif', '--max-file-size', '1KB']).stdout);
    const [notification] = sarif.runs[0]!.invocations[0]!.toolExecutionNotifications;
    expect(notification).toMatchObject({
      level: 'error',
      message: { text: SIZE_MESSAGE },
      descriptor: { id: 'secure-db/budget-exceeded' },
    });
    const github = run(root, ['scan', '-f', 'github', '--max-file-size', '1KB']).stdout;
    expect(github).toContain('::error file=big.env,title=secure-db::not scanned: larger than');
    const gitlab = JSON.parse(
      run(root, ['scan', '-f', 'gitlab', '--max-file-size', '1KB']).stdout,
    ) as { check_name: string; severity: string; location: { path: string } }[];
    expect(gitlab.find((issue) => issue.location.path === 'big.env')).toMatchObject({
      check_name: 'secure-db/budget-exceeded',
      severity: 'major',
    });
  });

  it('applies to --stdin too', () => {
    const root = budgetProject({});
    const out = spawnSync(
      process.execPath,
      [BIN, 'scan', '-f', 'json', '--max-file-size', '1KB', '--stdin', '--stdin-filename', 'x.env'],
      { cwd: root, input: BIG_ENV, encoding: 'utf8', timeout: 60_000 },
    );
    expect(out.status).toBe(2);
    expect(jsonReport(out.stdout).errors).toEqual([{ file: 'x.env', message: SIZE_MESSAGE }]);
  });
});

describe('time budget', () => {
  it('a file past --max-file-time is named with the limit; the others are scanned; exit 2', () => {
    const root = budgetProject({ 'slow.js': SLOW_JS });
    const out = run(root, ['scan', '-f', 'json', '--max-file-time', '1ms']);
    expect(out.code).toBe(2);
    const report = jsonReport(out.stdout);
    const slow = report.errors.filter((e) => e.file === 'slow.js');
    expect(slow).toHaveLength(1);
    expect(slow[0]!.message).toMatch(
      /the time budget of 1 ms of CPU time per file(: its findings are reported)? \(raise it with --max-file-time or "maxFileTime"\)$/,
    );
    // The scan went on: db.env has its finding, or (cold, on a loaded machine, 1 ms is
    // little) its own budget diagnostic; never neither.
    const dbEnv =
      report.results.some((r) => r.file === 'db.env') ||
      report.errors.some((e) => e.file === 'db.env' && e.message.includes('time budget'));
    expect(dbEnv).toBe(true);
  });

  it('no budget (0) and the default budget scan the same file completely', () => {
    const root = budgetProject({ 'slow.js': SLOW_JS });
    for (const args of [['--max-file-time', '0'], []]) {
      const out = run(root, ['scan', '-f', 'json', ...args]);
      expect(out.code).toBe(1);
      const report = jsonReport(out.stdout);
      expect(report.errors).toEqual([]);
      expect(report.results.filter((r) => r.file === 'slow.js')).toHaveLength(2000);
    }
  });

  it('the API: a file past the budget after its first pass is not analysed', async () => {
    // `process.env` in a driver module: the first pass parses it (it names URL readers).
    const root = budgetProject({
      'slow.js': `${SLOW_JS}export const fromEnv = new Pool({ connectionString: process.env.DATABASE_URL });\n`,
    });
    const tight = await scan({ cwd: root, maxFileMs: 1, baseline: false });
    expect(tight.errors.find((e) => e.file === 'slow.js')).toEqual({
      file: 'slow.js',
      kind: 'budget',
      message:
        'not scanned: its first pass went past the time budget of 1 ms of CPU time per file (raise it with --max-file-time or "maxFileTime")',
    });
    expect(tight.results.filter((r) => r.file === 'slow.js')).toEqual([]);
    const none = await scan({ cwd: root, maxFileMs: 0, baseline: false });
    expect(none.errors).toEqual([]);
    expect(none.results.filter((r) => r.file === 'slow.js')).toHaveLength(2000);
  });
});

describe('budget options are checked', () => {
  it.each([
    [['--max-file-size', '0'], '--max-file-size must be a size from 1 byte to 256 MB'],
    [['--max-file-size', '1GB'], '--max-file-size must be a size from 1 byte to 256 MB'],
    [['--max-file-time', 'ten'], '--max-file-time must be a duration such as 10s'],
    [['--max-file-tme', '1s'], 'Did you mean --max-file-time?'],
  ])('%j is a usage error', (args, message) => {
    const root = budgetProject({});
    const out = run(root, ['scan', ...args]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(message);
  });

  it('a misspelt key in the configuration is a configuration error', () => {
    const root = budgetProject({
      'package.json': JSON.stringify({ 'secure-db': { maxFileSzie: '1MB' } }),
    });
    const out = run(root, ['scan']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('Did you mean "maxFileSize"?');
  });
});
