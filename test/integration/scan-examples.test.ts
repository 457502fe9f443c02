/**
 * The README's first command runs ESLint and `secure-db scan` on examples/. The scanner
 * must report exactly the `expect:` markers of every example file — JS/TS (`// expect:`,
 * the same lines ESLint reports) and env, YAML, Python and PostgreSQL files (`# expect:`) —
 * and never print one of the example's fake passwords.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { expectations } from '../frontends/fixture-runner.js';

const root = join(import.meta.dirname, '../..');
const examples = join(root, 'examples');
const SECRETS = ['Vq7-Lm2p-Xr9t-Kd4', 'Qz7-Wm8r-Tx2v-Kp5', 'changeme'];

function exampleFiles(): string[] {
  return readdirSync(examples, { recursive: true, encoding: 'utf8' })
    .map((f) => f.replaceAll('\\', '/'))
    .filter(
      (f) =>
        statSync(join(examples, f)).isFile() &&
        !/(?:^|\/)(?:README\.md|eslint\.config\.js|\.eslintrc\.json)$/.test(f),
    );
}

describe('secure-db scan on examples/', () => {
  const run = spawnSync(
    process.execPath,
    [join(root, 'dist/src/cli/bin.js'), 'scan', '.', '--format', 'json'],
    { cwd: examples, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );

  it('exits 1 (the examples are deliberately insecure) with no diagnostics', () => {
    expect(run.status).toBe(1);
    expect((JSON.parse(run.stdout) as JsonReport).errors).toEqual([]);
  });

  it('reports exactly the marked lines of every example file', () => {
    const report = JSON.parse(run.stdout) as {
      results: { file: string; line: number; ruleId: string }[];
    };
    const got: Record<string, string[]> = {};
    for (const r of report.results)
      (got[`${r.file}:${r.line}`] ??= []).push(r.ruleId.replace(/^secure-db\//, ''));
    const want: Record<string, string[]> = {};
    for (const file of exampleFiles()) {
      const token = /\.(?:[cm]?[jt]s|[jt]sx|prisma)$/.test(file) ? '//' : '#';
      for (const [line, ids] of expectations(readFileSync(join(examples, file), 'utf8'), token))
        if (ids.length > 0) want[`${file}:${line}`] = ids;
    }
    const sorted = (o: Record<string, string[]>) =>
      Object.fromEntries(
        Object.entries(o)
          .map(([k, v]): [string, string[]] => [k, [...v].sort()])
          .sort(([a], [b]) => a.localeCompare(b)),
      );
    expect(sorted(got)).toEqual(sorted(want));
    // Every front-end is exercised by the example.
    for (const kind of [
      '.env.production',
      'docker-compose.yml',
      'settings/production.py',
      'pg_hba.conf',
      'postgresql.conf',
      '.js',
      '.ts',
    ]) {
      expect(
        Object.keys(got).some((k) => k.split(':')[0]!.endsWith(kind)),
        kind,
      ).toBe(true);
    }
  });

  it('masks nothing but passwords (the redaction net must not garble driver names)', () => {
    const report = JSON.parse(run.stdout) as { results: { ruleId: string; message: string }[] };
    for (const r of report.results.filter((x) => x.ruleId !== 'secure-db/no-hardcoded-credentials'))
      expect(r.message).not.toContain('***');
    expect(report.results.some((r) => r.message.includes('node-postgres (pg)'))).toBe(true);
  });

  it('never prints a password of the example', () => {
    for (const secret of SECRETS.filter((s) => s !== 'changeme'))
      expect(run.stdout + run.stderr).not.toContain(secret);
    expect(run.stdout).not.toMatch(/changeme/);
  });
});
