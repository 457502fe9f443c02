/**
 * The scanner's API as the CLI uses it: `scan({ changes, newOnly })` restricts the report
 * to what changed, and `fixProject` plans, previews or writes the fixes and returns what is
 * left. The CLI tests (test/cli) check the same through the command line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changesSince, fixProject, GitError, scan, type Changes } from '../../src/scanner/index.js';
import { project, readBaselineFile } from '../cli/helpers.js';

const WEAK =
  "const { Pool } = require('pg');\nexport const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });\n";
const FIXED = WEAK.replace('rejectUnauthorized: false', 'rejectUnauthorized: true');

/** Changes as `changesSince` would find them, for files git would not have to diff. */
function changes(files: string[], untracked: string[] = []): Changes {
  return { base: '0'.repeat(40), files: new Set(files), untracked: new Set(untracked) };
}

describe('scan({ changes })', () => {
  it('reports only changed files; the scan still reads every file', async () => {
    const root = project({ 'a.js': WEAK, 'b.js': WEAK });
    const all = await scan({ cwd: root, baseline: false });
    const some = await scan({ cwd: root, baseline: false, changes: changes(['b.js']) });
    expect(all.results.map((r) => r.file)).toEqual(['a.js', 'b.js']);
    expect(some.results.map((r) => r.file)).toEqual(['b.js']);
    expect(some.files).toEqual(all.files);
  });

  it('newOnly: every line of an untracked file is new; a tracked one is diffed with git', async () => {
    const root = project({ 'a.js': WEAK, 'b.js': WEAK });
    const out = await scan({
      cwd: root,
      baseline: false,
      changes: changes(['b.js'], ['b.js']),
      newOnly: true,
    });
    expect(out.results.map((r) => r.file)).toEqual(['b.js']);
    // Not a repository: git cannot diff a.js.
    await expect(
      scan({ cwd: root, baseline: false, changes: changes(['a.js']), newOnly: true }),
    ).rejects.toThrow(GitError);
  });

  it('changesSince outside a repository is a GitError', () => {
    expect(() => changesSince(project({}), 'HEAD')).toThrow(GitError);
  });
});

describe('fixProject', () => {
  it('dry-run: a masked diff, counts and the planned result; nothing written', async () => {
    const root = project({ 'a.js': WEAK, 'b.js': WEAK, 'c.js': FIXED });
    const out = await fixProject({ cwd: root, baseline: false, mode: 'dry-run' });
    expect(out.applied).toBe(2);
    expect(out.files).toEqual(['a.js', 'b.js']);
    expect(out.errors).toEqual([]);
    expect(out.diff).toContain('+++ b/a.js');
    expect(out.diff).toContain('rejectUnauthorized: true');
    expect(out.result.results.map((r) => r.file)).toEqual(['a.js', 'b.js']);
    expect(readFileSync(join(root, 'a.js'), 'utf8')).toBe(WEAK);
  });

  it('write: fixes the files and returns the rescan; with changes, changed files only', async () => {
    const root = project({ 'a.js': WEAK, 'b.js': WEAK });
    const out = await fixProject({
      cwd: root,
      baseline: false,
      mode: 'write',
      changes: changes(['b.js']),
    });
    expect(out).toMatchObject({ applied: 1, files: ['b.js'], diff: '', errors: [] });
    expect(readFileSync(join(root, 'a.js'), 'utf8')).toBe(WEAK);
    expect(readFileSync(join(root, 'b.js'), 'utf8')).toBe(FIXED);
    expect(out.result.results).toEqual([]); // a.js is left, but it did not change
    const rest = await scan({ cwd: root, baseline: false });
    expect(rest.results.map((r) => r.file)).toEqual(['a.js']);
  });

  it('updates the baseline from the scan after the fixes, not before', async () => {
    const secret =
      "const { Pool } = require('pg');\nexport const pool = new Pool({ host: 'db.example.com', password: 'Vx9#kq2LmP7w', ssl: { rejectUnauthorized: true } });\n";
    const root = project({ 'a.js': WEAK, 'b.js': secret });
    const out = await fixProject({ cwd: root, mode: 'write', updateBaseline: true });
    expect(out.files).toEqual(['a.js']);
    expect(out.result.baseline.written).toBe(true);
    const baseline = readBaselineFile(join(root, 'secure-db-baseline.json'));
    expect(baseline).toEqual({ 'b.js': { 'secure-db/no-hardcoded-credentials': { count: 1 } } });
    expect(out.result.results).toEqual([]);
    expect(out.result.suppressed.map((r) => r.file)).toEqual(['b.js']);
  });
});
