/**
 * Classic Mac line endings (CR only): every front-end reads them, and findings keep the line
 * and column they have with LF (issue 12: findings disappeared silently).
 */
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scanner/scan.js';

const FIXTURES = 'test/frontends/fixtures';
const FRONTENDS = ['dotenv', 'yaml', 'json', 'python', 'prisma', 'postgres-conf', 'estree'];
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function copyWith(dir: string, lineEnding: string): string {
  const root = mkdtempSync(join(tmpdir(), 'secure-db-cr-'));
  roots.push(root);
  cpSync(join(FIXTURES, dir), root, { recursive: true });
  for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const path = join(root, file);
    if (!statSync(path).isFile()) continue;
    const text = readFileSync(path, 'utf8');
    if (text.includes('\0')) continue;
    writeFileSync(path, text.replace(/\r\n|\n/g, lineEnding));
  }
  return root;
}

async function positions(root: string): Promise<string[]> {
  const result = await scan({ cwd: root, baseline: false });
  return result.results.map((r) => `${r.file}:${r.line}:${r.column} ${r.ruleId}`).sort();
}

describe('CR-only line endings', () => {
  it.each(FRONTENDS)(
    '%s fixtures: the same findings at the same lines and columns',
    async (dir) => {
      const lf = await positions(copyWith(dir, '\n'));
      const cr = await positions(copyWith(dir, '\r'));
      expect(lf.length).toBeGreaterThan(0);
      expect(cr).toEqual(lf);
    },
  );

  it('--fix keeps a CR-only file CR-only', () => {
    const root = mkdtempSync(join(tmpdir(), 'secure-db-cr-fix-'));
    roots.push(root);
    const before = 'DB_HOST=db.example.com\rPGSSLMODE=require\rDB_NAME=app\r';
    writeFileSync(join(root, '.env.production'), before);
    const fixed = spawnSync(
      process.execPath,
      [join(process.cwd(), 'dist/src/cli/bin.js'), 'scan', '--fix', '.'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(fixed.status, fixed.stderr).not.toBe(2);
    expect(readFileSync(join(root, '.env.production'), 'utf8')).toBe(
      'DB_HOST=db.example.com\rPGSSLMODE=verify-full\rDB_NAME=app\r',
    );
  });
});
