/** `secure-db init`: starter files that match the documented snippets, never overwritten without --force. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { snippet } from '../gates/helpers.js';
import { BIN, project, run } from './helpers.js';

const VERSION = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
    version: string;
  }
).version;
const read = (root: string, file: string) => readFileSync(join(root, file), 'utf8');

beforeAll(() => {
  if (!existsSync(BIN))
    throw new Error('run `npm run build` first: the CLI tests spawn dist/src/cli/bin.js');
});

describe('secure-db init', () => {
  it('writes eslint.config.js by default: the documented config', () => {
    const root = project({});
    const r = run(root, ['init']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('wrote eslint.config.js');
    expect(read(root, 'eslint.config.js')).toBe(snippet('pre-commit.md', 'eslint-config'));
  });

  it('with an existing ESLint config: prints the lines to add, writes nothing; --force overwrites eslint.config.js only', () => {
    const root = project({ 'eslint.config.mjs': 'export default [];\n' });
    const r = run(root, ['init', '--eslint', '--force']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Add to eslint.config.mjs:');
    expect(r.stdout).toContain("import secureDb from 'eslint-plugin-secure-db';");
    expect(existsSync(join(root, 'eslint.config.js'))).toBe(false);
    const js = project({ 'eslint.config.js': 'export default [];\n' });
    expect(run(js, ['init']).stdout).toContain('Add to eslint.config.js:');
    expect(read(js, 'eslint.config.js')).toBe('export default [];\n');
    expect(run(js, ['init', '--force']).code).toBe(0);
    expect(read(js, 'eslint.config.js')).toBe(snippet('pre-commit.md', 'eslint-config'));
  });

  it('--pre-commit: creates .pre-commit-config.yaml, or prints the entry to add', () => {
    const root = project({});
    expect(run(root, ['init', '--pre-commit']).code).toBe(0);
    expect(read(root, '.pre-commit-config.yaml')).toBe(
      snippet('pre-commit.md', 'pre-commit-config').replace('rev: v0.1.0', `rev: v${VERSION}`),
    );
    expect(existsSync(join(root, 'eslint.config.js'))).toBe(false);
    // Already there: nothing to add.
    const again = run(root, ['init', '--pre-commit']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('already has the secure-db hook');
    const other = project({ '.pre-commit-config.yaml': 'repos: []\n' });
    const r = run(other, ['init', '--pre-commit']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- repo: https://github.com/secure-db/secure-db');
    expect(read(other, '.pre-commit-config.yaml')).toBe('repos: []\n');
    expect(run(other, ['init', '--pre-commit', '--force']).code).toBe(0);
    expect(read(other, '.pre-commit-config.yaml')).toContain('id: secure-db');
  });

  it('--husky: the documented hook and lint-staged config; an existing file is never overwritten without --force', () => {
    const root = project({});
    const r = run(root, ['init', '--husky']);
    expect(r.code, r.stderr).toBe(0);
    expect(read(root, '.husky/pre-commit')).toBe(snippet('pre-commit.md', 'husky-pre-commit'));
    expect(statSync(join(root, '.husky/pre-commit')).mode & 0o111).not.toBe(0);
    expect(JSON.parse(read(root, '.lintstagedrc.json'))).toEqual(
      JSON.parse(snippet('pre-commit.md', 'lintstagedrc')),
    );

    const mine = project({ '.lintstagedrc.json': '{}\n' });
    const refused = run(mine, ['init', '--husky', '--eslint']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^secure-db: \.lintstagedrc\.json already exists/);
    expect(read(mine, '.lintstagedrc.json')).toBe('{}\n');
    expect(existsSync(join(mine, '.husky/pre-commit'))).toBe(false);
    expect(existsSync(join(mine, 'eslint.config.js'))).toBe(false); // nothing written at all
    expect(run(mine, ['init', '--husky', '--force']).code).toBe(0);
    expect(read(mine, '.lintstagedrc.json')).toBe(read(root, '.lintstagedrc.json'));
  });

  it('usage errors: scan options, paths', () => {
    const root = project({});
    for (const args of [
      ['init', '--format', 'json'],
      ['init', 'src'],
      ['scan', '--force'],
      ['init', '--staged'],
    ]) {
      const r = run(root, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^secure-db: /);
    }
  });
});
