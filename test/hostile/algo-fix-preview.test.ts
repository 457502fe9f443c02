/**
 * Issue 12: `--fix-dry-run` took 13.6 s on one 100 KB line: each finding's fingerprint
 * re-filtered every finding of the file and re-read the line from its start. Now each line
 * is normalised once. 10× the line (and 10× the findings) must cost far less than 100×.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixProject } from '../../src/scanner/fix-project.js';
import { MAX_RATIO } from './algo-growth.js';

function oneLine(size: number): string {
  let line =
    "const { Pool } = require('pg'); export const pool = new Pool({ host: 'db.example.com', password: 'Zq8#fix-line-pass-1', ssl: { rejectUnauthorized: false } });";
  for (let i = 0; line.length < size; i++)
    line += ` const a${i} = { token: 'Zq8#fix-line-pass-1', url: 'postgres://u:Zq8#p${i}-x@h/db' };`;
  return `${line}\n`;
}

async function cpuMsOfDryRun(size: number): Promise<{ ms: number; diff: string }> {
  const root = mkdtempSync(join(tmpdir(), 'secure-db-algo-fix-'));
  writeFileSync(join(root, 'one.js'), oneLine(size));
  const started = process.cpuUsage();
  const { diff } = await fixProject({ cwd: root, baseline: false, mode: 'dry-run' });
  const { user, system } = process.cpuUsage(started);
  return { ms: (user + system) / 1000, diff };
}

describe('--fix-dry-run on one long line', () => {
  it('grows linearly and masks every password', { timeout: 120_000 }, async () => {
    await cpuMsOfDryRun(10_000); // warm-up
    const small = await cpuMsOfDryRun(10_000);
    const large = await cpuMsOfDryRun(100_000);
    expect(large.ms / Math.max(small.ms, 5)).toBeLessThan(MAX_RATIO);
    expect(large.diff).toContain('rejectUnauthorized: true');
    expect(large.diff).not.toMatch(/Zq8#/);
  });
});
