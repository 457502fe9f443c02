/**
 * Issue 12: a 200,000-line `.gitignore` took 32 s in the `ignore` package (every rule a
 * regular expression, tested against every path). Plain paths are now sets, at any count;
 * glob and negation rules past `MAX_GITIGNORE_GLOBS` are left out with a diagnostic. Growth
 * is checked by ratios (algo-growth.ts); behaviour on real trees through the CLI.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitignoreRules, MAX_GITIGNORE_GLOBS } from '../../src/scanner/gitignore-rules.js';
import { jsonReport, project, run } from '../cli/helpers.js';
import { expectLinear } from './algo-growth.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const WEAK = 'DATABASE_URL=postgres://app@db.example.com/app?sslmode=disable\n';

/** `size` characters of `.gitignore`, one rule per line from `rule(i)`. */
const gitignoreOf =
  (rule: (i: number) => string) =>
  (size: number): string => {
    const lines: string[] = [];
    let length = 0;
    for (let i = 0; length < size; i++) {
      const line = rule(i);
      lines.push(line);
      length += line.length + 1;
    }
    return lines.join('\n');
  };

/**
 * Builds the rules and tests one path per 100 characters of them: a project's `.gitignore`
 * grows with the project. Before, each test tried every rule (rules × paths: quadratic).
 */
function buildAndTest(text: string): number {
  const rules = gitignoreRules(text);
  let ignored = 0;
  for (let i = 0; i < text.length / 100; i++)
    if (rules.test(`src/module${i}/file${i}.ts`, false).ignored) ignored++;
  return ignored;
}

describe('a .gitignore of plain paths costs linear time, at any length', () => {
  it.each([
    ['paths', (i: number) => `generated/path/to/file${i}.json`],
    ['names and directories', (i: number) => (i % 2 ? `name${i}` : `dir${i}/`)],
    ['anchored names', (i: number) => `/root${i}.txt`],
  ])('%s', (_what, rule) => {
    expectLinear(buildAndTest, gitignoreOf(rule));
  });
});

describe('gitignoreRules', () => {
  it('a file within the limit keeps git semantics exactly (a negation before its rule)', () => {
    const rules = gitignoreRules('!keep.env\n*.env\n');
    // The later rule wins in git: keep.env is ignored.
    expect(rules.test('keep.env', false).ignored).toBe(true);
  });

  it('a split file: plain names, anchored paths, directories, globs and negations', () => {
    const filler = Array.from({ length: MAX_GITIGNORE_GLOBS }, (_, i) => `unused${i}`);
    const rules = gitignoreRules(
      [...filler, 'secret.env', '/top.env', 'deep/path.env', 'cache/', '*.log', '!keep.log'].join(
        '\n',
      ),
    );
    expect(rules.globsLeftOut).toBe(0);
    const ignored = (path: string, directory = false) => rules.test(path, directory).ignored;
    expect(ignored('secret.env')).toBe(true);
    expect(ignored('a/b/secret.env')).toBe(true);
    expect(ignored('top.env')).toBe(true);
    expect(ignored('a/top.env')).toBe(false);
    expect(ignored('deep/path.env')).toBe(true);
    expect(ignored('a/deep/path.env')).toBe(false);
    expect(ignored('cache', true)).toBe(true);
    expect(ignored('cache', false)).toBe(false);
    expect(ignored('x/debug.log')).toBe(true);
    expect(rules.test('keep.log', false)).toMatchObject({ ignored: false, unignored: true });
    expect(ignored('other.env')).toBe(false);
  });

  it('globs past the limit are counted and not applied', () => {
    const globs = Array.from({ length: MAX_GITIGNORE_GLOBS + 5 }, (_, i) => `*.gen${i}`);
    const rules = gitignoreRules(globs.join('\n'));
    expect(rules.globsLeftOut).toBe(5);
    expect(rules.test('a.gen0', false).ignored).toBe(true);
    expect(rules.test(`a.gen${MAX_GITIGNORE_GLOBS + 4}`, false).ignored).toBe(false);
  });
});

describe('a huge .gitignore in a real tree', () => {
  it('200,000 plain paths are applied, and the scan is quick', () => {
    const root = project({ 'kept.env': WEAK, 'ignored.env': WEAK });
    roots.push(root);
    const lines = Array.from({ length: 200_000 }, (_, i) => `generated/file${i}.json`);
    lines.push('ignored.env');
    writeFileSync(join(root, '.gitignore'), lines.join('\n'));
    const out = run(root, ['scan', '-f', 'json'], {}, 30_000);
    expect(out.code).toBe(1);
    const report = jsonReport(out.stdout);
    expect(report.results.map((r) => r.file)).toEqual(['kept.env']);
    expect(report.errors).toEqual([]);
  });

  it('glob rules past the limit are named in a diagnostic; the files they name are scanned', () => {
    const root = project({ 'a.env': WEAK, 'b.env': WEAK });
    roots.push(root);
    const globs = Array.from({ length: MAX_GITIGNORE_GLOBS + 10 }, (_, i) => `*.gen${i}`);
    writeFileSync(join(root, '.gitignore'), ['a.e?v', ...globs, 'b.e?v'].join('\n'));
    const out = run(root, ['scan', '-f', 'json']);
    expect(out.code).toBe(1);
    const report = jsonReport(out.stdout);
    expect(report.results.map((r) => r.file)).toEqual(['b.env']);
    expect(report.errors).toEqual([
      {
        file: '.gitignore',
        message: `.gitignore has more than ${MAX_GITIGNORE_GLOBS} rules; 12 glob or negation rules past the first ${MAX_GITIGNORE_GLOBS} were not applied (plain paths are not limited): the files they name are scanned`,
      },
    ]);
  });
});
