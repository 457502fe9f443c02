/**
 * Several reports from one scan (`--format sarif --output a.sarif --format stylish`): each
 * `--format` takes the `--output-file` (`-o`, `--output`) that follows it, at most one report
 * goes to stdout, and every report holds the same findings as a run with that format alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonReport } from '../cli/helpers.js';
import { BIN, tempDir, write } from './helpers.js';

const INSECURE = {
  'src/db.js':
    "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });\n",
  '.env.production': 'PGSSLMODE=disable\n',
};

function run(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'scan', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** SARIF without what differs between two runs of the same scan. */
function stableSarif(text: string): unknown {
  const sarif = JSON.parse(text) as { runs: { invocations?: unknown }[] };
  for (const r of sarif.runs) delete r.invocations;
  return sarif;
}

describe('several --format options in one run', () => {
  it('SARIF to a file and stylish on stdout: the same reports as two single runs', () => {
    const root = tempDir('outputs');
    write(root, INSECURE);
    const both = run(root, '--format', 'sarif', '--output', 'out/a.sarif', '--format', 'stylish');
    expect(both.status).toBe(1);
    const stylish = run(root);
    expect(both.stdout).toBe(stylish.stdout);
    expect(both.stdout).toContain('secure-db/no-disabled-cert-verification');
    run(root, '--format', 'sarif', '-o', 'single.sarif');
    expect(stableSarif(readFileSync(join(root, 'out/a.sarif'), 'utf8'))).toEqual(
      stableSarif(readFileSync(join(root, 'single.sarif'), 'utf8')),
    );
  });

  it('three reports, each -o after its own --format; stdout stays empty', () => {
    const root = tempDir('outputs');
    write(root, INSECURE);
    const r = run(
      root,
      '-f',
      'json',
      '-o',
      'r.json',
      '-f',
      'gitlab',
      '--output-file=gl.json',
      '-f',
      'github',
      '-o',
      'gh.txt',
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const json = jsonReport(readFileSync(join(root, 'r.json'), 'utf8'));
    const gitlab = JSON.parse(readFileSync(join(root, 'gl.json'), 'utf8')) as unknown[];
    const github = readFileSync(join(root, 'gh.txt'), 'utf8').trim().split('\n');
    expect(json.results).toHaveLength(2);
    expect(gitlab).toHaveLength(2);
    expect(github).toHaveLength(2);
  });

  it('one format: -o before or after --format, as ESLint reads it', () => {
    const root = tempDir('outputs');
    write(root, INSECURE);
    expect(run(root, '-o', 'first.json', '-f', 'json').status).toBe(1);
    expect(jsonReport(readFileSync(join(root, 'first.json'), 'utf8')).results).toHaveLength(2);
    expect(run(root, '-o', 'plain.txt').stdout).toBe('');
    expect(readFileSync(join(root, 'plain.txt'), 'utf8')).toContain('2 problems');
  });

  it('ambiguous pairings are usage errors (exit 2), and nothing is written', () => {
    const root = tempDir('outputs');
    write(root, INSECURE);
    for (const [args, message] of [
      [['-f', 'json', '-f', 'sarif'], 'only one report can go to stdout'],
      [['-f', 'json', '-o', 'a', '-o', 'b'], '-o b: one output file per --format'],
      [['-f', 'json', '-o', 'same', '-f', 'sarif', '-o', 'same'], 'two reports write to same'],
      [['-f', 'xml', '-o', 'x'], '--format must be one of'],
      [['-f', 'json', '--output='], '--output needs a file name'],
    ] as const) {
      const r = run(root, ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
    }
    expect(existsSync(join(root, 'a'))).toBe(false);
    expect(existsSync(join(root, 'same'))).toBe(false);
  });

  it('a report that cannot be written fails the run (exit 2) after the others are written', () => {
    const root = tempDir('outputs');
    write(root, { ...INSECURE, blocker: 'a file, not a directory\n' });
    const r = run(root, '-f', 'json', '-o', 'blocker/r.json', '-f', 'sarif', '-o', 'ok.sarif');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot write blocker/r.json');
    expect(existsSync(join(root, 'ok.sarif'))).toBe(true);
  });
});
