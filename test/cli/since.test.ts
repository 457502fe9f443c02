/**
 * `secure-db scan --since <ref> [--new-only]` on a temporary repository with history: a
 * `main` branch with old findings and a feature branch that changes some files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseHunks, touches } from '../../src/scanner/git-changes.js';
import { git, gitEnv, initRepo, tempDir, write } from '../gates/helpers.js';
import { BIN, run } from './helpers.js';

const env = gitEnv();
const INSECURE =
  "const { Pool } = require('pg');\nexport const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });\n";
/** A require-ssl site on lines 2-5. */
const MULTI =
  "const { Pool } = require('pg');\nexport const pool = new Pool({\n  host: 'db.example.com',\n  user: 'app',\n});\n";

function ok(root: string, ...args: string[]): void {
  const r = git(root, env, ...args);
  if (r.status !== 0) throw new Error(r.output_);
}

interface JsonResult {
  file: string;
  line: number;
  endLine: number;
  ruleId: string;
}
function scanJson(
  root: string,
  args: string[],
): { code: number | null; found: string[]; stderr: string } {
  const r = run(root, ['scan', '--format', 'json', ...args]);
  const results = r.stdout ? (JSON.parse(r.stdout) as { results: JsonResult[] }).results : [];
  return { code: r.code, found: results.map((x) => `${x.file}:${x.line}`), stderr: r.stderr };
}

/** main: old.js, touched.js, multi.js, all insecure; feature: changes and new files. */
function history(): string {
  const root = initRepo('since', env);
  write(root, {
    'old.js': INSECURE,
    'touched.js': INSECURE,
    'multi.js': MULTI,
    'multi2.js': MULTI,
  });
  ok(root, 'add', '-A');
  ok(root, 'commit', '-q', '-m', 'main');
  ok(root, 'checkout', '-q', '-b', 'feature');
  // Committed on the branch: a new insecure file, an unrelated line added to touched.js.
  write(root, { 'new.js': INSECURE, 'touched.js': `${INSECURE}export const unrelated = 1;\n` });
  ok(root, 'add', '-A');
  ok(root, 'commit', '-q', '-m', 'feature');
  // main moves on after the branch point: its change must not count.
  ok(root, 'checkout', '-q', 'main');
  write(root, { 'main-only.js': INSECURE });
  ok(root, 'add', '-A');
  ok(root, 'commit', '-q', '-m', 'main moves on');
  ok(root, 'checkout', '-q', 'feature');
  // Working tree: a changed line inside multi.js's old site; a line added after multi2.js's
  // site (outside it); an untracked insecure file.
  write(root, {
    'multi.js': MULTI.replace("user: 'app'", "user: 'web'"),
    'multi2.js': `${MULTI}export const later = 2;\n`,
    'untracked.js': INSECURE,
  });
  return root;
}

beforeAll(() => {
  if (!existsSync(BIN))
    throw new Error('run `npm run build` first: the CLI tests spawn dist/src/cli/bin.js');
});

describe('scan --since / --new-only', () => {
  const root = history();

  it('without --since: everything in the working tree', () => {
    expect(scanJson(root, []).found).toEqual([
      'multi.js:2',
      'multi2.js:2',
      'new.js:2',
      'old.js:2',
      'touched.js:2',
      'untracked.js:2',
    ]);
  });

  it('--since: only files changed since the merge base (committed, working tree, untracked)', () => {
    const r = scanJson(root, ['--since', 'main']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.found).toEqual([
      'multi.js:2',
      'multi2.js:2',
      'new.js:2',
      'touched.js:2',
      'untracked.js:2',
    ]);
  });

  it('--new-only: an old finding in a changed file is dropped; a changed line inside an old site counts', () => {
    const r = scanJson(root, ['--since', 'main', '--new-only']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.found).toEqual(['multi.js:2', 'new.js:2', 'untracked.js:2']);
  });

  it('clean when nothing new: exit 0', () => {
    const clean = initRepo('since-clean', env);
    write(clean, { 'old.js': INSECURE });
    ok(clean, 'add', '-A');
    ok(clean, 'commit', '-q', '-m', 'one');
    write(clean, { 'old.js': `${INSECURE}export const x = 1;\n` });
    expect(scanJson(clean, ['--since', 'HEAD', '--new-only'])).toEqual({
      code: 0,
      found: [],
      stderr: '',
    });
    expect(scanJson(clean, ['--since', 'HEAD']).code).toBe(1);
  });

  it('the baseline is applied to the whole scan, unchanged', () => {
    const base = initRepo('since-baseline', env);
    write(base, { 'old.js': INSECURE });
    ok(base, 'add', '-A');
    ok(base, 'commit', '-q', '-m', 'one');
    expect(run(base, ['scan', '--update-baseline']).code).toBe(0);
    write(base, { 'new.js': INSECURE });
    expect(scanJson(base, ['--since', 'HEAD']).found).toEqual(['new.js:2']);
    expect(scanJson(base, ['--since', 'HEAD', '--new-only']).found).toEqual(['new.js:2']);
  });

  it('unused baseline entries count only for changed files under --since', () => {
    const base = initRepo('since-unused', env);
    write(base, { 'old.js': INSECURE, 'other.js': INSECURE });
    ok(base, 'add', '-A');
    ok(base, 'commit', '-q', '-m', 'one');
    expect(run(base, ['scan', '--update-baseline']).code).toBe(0);
    ok(base, 'add', '-A');
    ok(base, 'commit', '-q', '-m', 'baseline');
    // Someone fixes other.js on main: its baseline entry is now unused.
    write(base, { 'other.js': INSECURE.replace('false', 'true') });
    ok(base, 'commit', '-q', '-am', 'fix other');
    write(base, { 'new.js': 'export const x = 1;\n' });
    // The whole project: exit 2 for the unused entry. A pull request touching new.js: not its business.
    expect(run(base, ['scan']).code).toBe(2);
    const r = run(base, ['scan', '--since', 'HEAD~1']);
    expect(r.code, r.stderr).toBe(2); // other.js changed since HEAD~1: its unused entry counts
    expect(r.stderr).toContain('other.js');
    const pr = run(base, ['scan', '--since', 'HEAD']);
    expect(pr.code, pr.stderr).toBe(0);
    expect(pr.stderr).not.toContain('other.js');
  });

  it('--fix with --since fixes changed files only; with --new-only, changed lines only', () => {
    const repo = initRepo('since-fix', env);
    const two =
      "const { Pool } = require('pg');\nexport const a = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });\nexport const b = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });\n";
    write(repo, { 'old.js': INSECURE, 'two.js': two });
    ok(repo, 'add', '-A');
    ok(repo, 'commit', '-q', '-m', 'one');
    // Change line 3 of two.js (still insecure), add an insecure new file.
    write(repo, { 'two.js': two.replace('export const b', 'export const c'), 'new.js': INSECURE });
    expect(run(repo, ['scan', '--since', 'HEAD', '--new-only', '--fix']).code).toBe(0);
    const fixed = (file: string) => readFileSync(join(repo, file), 'utf8');
    expect(fixed('old.js')).toBe(INSECURE); // unchanged file: untouched
    expect(fixed('new.js')).not.toContain('rejectUnauthorized: false'); // untracked: every line is new
    const lines = fixed('two.js').split('\n');
    expect(lines[1]).toContain('rejectUnauthorized: false'); // line 2 did not change: not fixed
    expect(lines[2]).toContain('export const c');
    expect(lines[2]).not.toContain('rejectUnauthorized: false'); // the changed line was fixed
    // Without --new-only every finding of a changed file is fixed; still nothing else.
    expect(run(repo, ['scan', '--since', 'HEAD', '--fix']).code).toBe(0);
    expect(fixed('two.js')).not.toContain('rejectUnauthorized: false');
    expect(fixed('old.js')).toBe(INSECURE);
  });

  it('usage errors: a bad ref, --new-only without --since, outside a repository', () => {
    for (const args of [
      ['--since', 'no-such-branch'],
      ['--since', '--fix'],
      ['--since=-x'],
      ['--new-only'],
      ['--since', 'HEAD~5'],
    ]) {
      const r = run(root, ['scan', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^secure-db: /);
    }
    const outside = tempDir('no-git');
    write(outside, { 'db.js': INSECURE });
    const r = run(outside, ['scan', '--since', 'main']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--since needs a git repository');
  });
});

describe('hunks', () => {
  it('parses -U0 hunk headers: additions, changes and deletions on the new side', () => {
    const diff = [
      '@@ -3 +3 @@',
      '@@ -10,0 +11,2 @@ context',
      '@@ -20,3 +21,0 @@',
      '@@ -30,2 +30 @@',
    ].join('\n');
    expect(parseHunks(diff)).toEqual({
      added: [
        [3, 3],
        [11, 12],
        [30, 30],
      ],
      deletedAfter: [21],
    });
  });

  it('a site touches a change inside line..endLine; a deletion only strictly inside', () => {
    const changes = { added: [[5, 5]] as [number, number][], deletedAfter: [8] };
    expect(touches({ line: 2, endLine: 5 }, changes)).toBe(true);
    expect(touches({ line: 6, endLine: 7 }, changes)).toBe(false);
    expect(touches({ line: 7, endLine: 9 }, changes)).toBe(true);
    expect(touches({ line: 8, endLine: 8 }, changes)).toBe(false);
    expect(touches({ line: 9, endLine: 10 }, changes)).toBe(false);
  });
});
