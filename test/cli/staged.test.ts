/**
 * `secure-db scan --staged`: what is judged is the git index, not the working tree, in
 * temporary repositories where the two differ in both directions.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { git, gitEnv, initRepo, tempDir, write } from '../gates/helpers.js';
import { BIN, run } from './helpers.js';

const env = gitEnv();
const INSECURE =
  "const { Pool } = require('pg');\nexport const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });\n";
const SECURE =
  "const { Pool } = require('pg');\nexport const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });\n";

function repo(files: Record<string, string> = {}, commit = false): string {
  const root = initRepo('staged', env);
  write(root, files);
  if (Object.keys(files).length) ok(root, 'add', '-A');
  if (commit) ok(root, 'commit', '-q', '-m', 'initial');
  return root;
}

function ok(root: string, ...args: string[]): string {
  const r = git(root, env, ...args);
  if (r.status !== 0) throw new Error(r.output_);
  return r.stdout;
}

interface JsonResult {
  file: string;
  line: number;
  ruleId: string;
}
function scanJson(
  root: string,
  args: string[] = [],
): { code: number | null; results: JsonResult[]; stderr: string } {
  const r = run(root, ['scan', '--staged', '--format', 'json', ...args]);
  return {
    code: r.code,
    results: r.stdout ? (JSON.parse(r.stdout) as { results: JsonResult[] }).results : [],
    stderr: r.stderr,
  };
}

beforeAll(() => {
  if (!existsSync(BIN))
    throw new Error('run `npm run build` first: the CLI tests spawn dist/src/cli/bin.js');
});

describe('scan --staged', () => {
  it('reports an insecure staged file that is fixed in the working tree (no commit yet)', () => {
    const root = repo({ 'src/db.js': INSECURE });
    write(root, { 'src/db.js': SECURE });
    const r = scanJson(root);
    expect(r.code, r.stderr).toBe(1);
    expect(r.results.map((x) => [x.file, x.line, x.ruleId])).toEqual([
      ['src/db.js', 2, 'secure-db/no-disabled-cert-verification'],
    ]);
    // The working tree itself is clean.
    expect(run(root, ['scan']).code).toBe(0);
  });

  it('does not offer --fix in stylish output, since --fix cannot judge the index', () => {
    const root = repo({ 'src/db.js': INSECURE });
    const staged = run(root, ['scan', '--staged']);
    expect(staged.code).toBe(1);
    expect(staged.stdout).toContain('no-disabled-cert-verification');
    expect(staged.stdout).not.toContain('potentially fixable');
    expect(run(root, ['scan']).stdout).toContain('potentially fixable');
  });

  it('passes a secure staged file with an insecure unstaged edit', () => {
    const root = repo({ 'src/db.js': SECURE }, true);
    write(root, { 'src/db.js': `${SECURE}// edited\n` });
    ok(root, 'add', 'src/db.js');
    write(root, { 'src/db.js': INSECURE });
    const r = scanJson(root);
    expect(r.code, r.stderr).toBe(0);
    expect(r.results).toEqual([]);
    expect(run(root, ['scan']).code).toBe(1);
  });

  it('uses the line numbers of the staged version', () => {
    const root = repo({ '.env.production': '# one\n# two\n# three\nPGSSLMODE=disable\n' });
    write(root, { '.env.production': 'PGSSLMODE=disable\n' });
    const r = scanJson(root);
    expect(r.code).toBe(1);
    expect(r.results.map((x) => [x.file, x.line])).toEqual([['.env.production', 4]]);
  });

  it('ignores staged deletions (also when the file is still on disk) and unchanged committed files', () => {
    const root = repo({ 'old.js': INSECURE, 'gone.js': INSECURE, 'kept.js': INSECURE }, true);
    ok(root, 'rm', '-q', '--cached', 'kept.js');
    ok(root, 'rm', '-q', 'gone.js');
    const r = scanJson(root);
    expect(r.code, r.stderr).toBe(0);
    expect(r.results).toEqual([]);
  });

  it('handles file names with spaces and non-ASCII characters; renames count', () => {
    const root = repo(
      {
        'my dir/db file.js': INSECURE,
        'ü/ä b.env.production': 'PGSSLMODE=disable\n',
        'a.js': SECURE,
      },
      true,
    );
    ok(root, 'mv', 'a.js', 'renamed db.js');
    write(root, { 'renamed db.js': INSECURE });
    ok(root, 'add', 'renamed db.js');
    write(root, { 'new one.js': INSECURE });
    ok(root, 'add', 'new one.js');
    const r = scanJson(root);
    expect(r.code, r.stderr).toBe(1);
    expect(r.results.map((x) => x.file)).toEqual(['new one.js', 'renamed db.js']);
  });

  it('path arguments restrict the staged files; configured ignores and subdirectories apply', () => {
    const root = repo({
      'package.json': '{ "secure-db": { "ignores": ["legacy/"] } }\n',
      'a/db.js': INSECURE,
      'b/db.js': INSECURE,
      'legacy/db.js': INSECURE,
    });
    expect(scanJson(root).results.map((x) => x.file)).toEqual(['a/db.js', 'b/db.js']);
    expect(scanJson(root, ['b']).results.map((x) => x.file)).toEqual(['b/db.js']);
    expect(scanJson(root, [join(root, 'a/db.js')]).results.map((x) => x.file)).toEqual(['a/db.js']);
    expect(scanJson(root, ['**/db.js']).results.map((x) => x.file)).toEqual(['a/db.js', 'b/db.js']);
    expect(scanJson(root, ['legacy/db.js']).results).toEqual([]);
    // Run from a subdirectory: paths relative to it, files elsewhere not scanned.
    const sub = run(join(root, 'b'), ['scan', '--staged', '--format', 'json']);
    expect(sub.code).toBe(1);
    expect(
      (JSON.parse(sub.stdout) as { results: JsonResult[] }).results.map((x) => x.file),
    ).toEqual(['db.js']);
  });

  it('a path above the working directory reaches files elsewhere in the repository', () => {
    const root = repo({ 'a/db.js': INSECURE, 'b/db.js': INSECURE });
    const r = run(join(root, 'b'), ['scan', '--staged', '--format', 'json', '..']);
    expect(r.code, r.stderr).toBe(1);
    expect((JSON.parse(r.stdout) as { results: JsonResult[] }).results.map((x) => x.file)).toEqual([
      '../a/db.js',
      'db.js',
    ]);
  });

  it('staged blobs of more than 64 MB in all: sizes first, the large one skipped, the rest judged', () => {
    // Compresses to little in git's object store, but `cat-file --batch` would return 65 MB.
    const root = repo({
      'db.js': INSECURE,
      'huge.yml': `data: "${'x'.repeat(65 * 1024 * 1024)}"\n`,
    });
    const r = run(root, ['scan', '--staged', '--format', 'json']);
    expect(r.code, r.stderr).toBe(2);
    const report = JSON.parse(r.stdout) as {
      results: JsonResult[];
      errors: { file: string; message: string }[];
    };
    expect(report.results.map((x) => [x.file, x.ruleId])).toEqual([
      ['db.js', 'secure-db/no-disabled-cert-verification'],
    ]);
    expect(report.errors).toEqual([
      {
        file: 'huge.yml',
        message:
          'not scanned: larger than the size budget of 10 MB per file (raise it with --max-file-size or "maxFileSize")',
      },
    ]);
  });

  it('nothing staged: exit 0', () => {
    const root = repo({ 'db.js': INSECURE }, true);
    expect(scanJson(root)).toEqual({ code: 0, results: [], stderr: '' });
  });

  it('usage errors: with --fix, with --fix-dry-run, outside a git repository', () => {
    const root = repo({ 'db.js': INSECURE });
    for (const args of [['--fix'], ['--fix-dry-run'], ['--since', 'HEAD']]) {
      const r = run(root, ['scan', '--staged', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^secure-db: .*--staged/);
    }
    const outside = tempDir('no-git');
    write(outside, { 'db.js': INSECURE });
    const r = run(outside, ['scan', '--staged']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--staged needs a git repository');
  });
});
