/**
 * The directory walk honours .gitignore as git does (nested files, negation, an ignored
 * directory is not entered, outer .gitignore files inside the repository), never follows
 * links to directories, and survives unreadable directories.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { walkTree } from '../../src/scanner/walk-tree.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'secure-db-walk-'));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

const list = (root: string, start = root, gitignore = true) =>
  walkTree(start, { gitignore, skip: () => false })
    .map((p) => relative(root, p).replaceAll('\\', '/'))
    .sort();

describe('walkTree', () => {
  it('applies nested .gitignore files relative to their own directory, with negation', () => {
    const root = tree({
      '.gitignore': 'build/\n*.log\n',
      'a.js': '',
      'debug.log': '',
      'build/out.js': '',
      'pkg/.gitignore': 'secret.env\n!keep.log\n',
      'pkg/secret.env': '',
      'pkg/keep.log': '',
      'pkg/other.env': '',
    });
    expect(list(root)).toEqual([
      '.gitignore',
      'a.js',
      'pkg/.gitignore',
      'pkg/keep.log',
      'pkg/other.env',
    ]);
    expect(list(root, root, false)).toContain('build/out.js');
  });

  it('reads .gitignore files above the start directory inside the repository only', () => {
    const root = tree({
      '.git/HEAD': '',
      '.gitignore': 'generated/\n',
      'app/generated/x.js': '',
      'app/src/y.js': '',
    });
    expect(list(root, join(root, 'app'))).toEqual(['app/src/y.js']);
    const outside = tree({ '.gitignore': 'generated/\n', 'app/generated/x.js': '' });
    expect(list(outside, join(outside, 'app'))).toEqual(['app/generated/x.js']);
  });

  it('lists links to files, never follows links to directories (no loops), skips dangling links', () => {
    const root = tree({ 'a.js': '' });
    symlinkSync('.', join(root, 'loop'));
    symlinkSync('a.js', join(root, 'b.js'));
    symlinkSync('missing.js', join(root, 'dangling.js'));
    expect(list(root)).toEqual(['a.js', 'b.js']);
  });

  it('lets the caller prune directories before they are entered', () => {
    const root = tree({ 'node_modules/x/index.js': '', 'src/a.js': '' });
    const seen: string[] = [];
    const files = walkTree(root, {
      gitignore: false,
      skip: (p, directory) => (seen.push(p), directory && p.endsWith('node_modules')),
    });
    expect(files.map((p) => relative(root, p))).toEqual(['src/a.js']);
    expect(seen.some((p) => p.includes('node_modules/x'))).toBe(false);
  });
});
