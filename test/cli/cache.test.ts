/**
 * `secure-db scan --cache` with the built CLI: the same output as without it (examples/ and
 * every front-end's fixtures, cross-file ones included), entries really reused (shown by
 * altering one), invalidated by content, configuration, tool version and project facts,
 * and never holding a password.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, project, run, SECRETS, WEAK_JS } from './helpers.js';

beforeAll(() => {
  if (!existsSync(BIN))
    throw new Error('run `npm run build` first: the CLI tests spawn dist/src/cli/bin.js');
});

const REPO = join(import.meta.dirname, '../..');
const TREES = [
  'examples',
  ...['cross-file', 'dotenv', 'estree', 'json', 'postgres-conf', 'prisma', 'python', 'yaml'].map(
    (name) => `test/frontends/fixtures/${name}`,
  ),
];

function copy(tree: string): string {
  const root = mkdtempSync(join(tmpdir(), 'secure-db-cache-'));
  cpSync(join(REPO, tree), root, { recursive: true });
  return root;
}

const CACHE = '.secure-db-cache';
const readCache = (root: string, file = CACHE) =>
  JSON.parse(readFileSync(join(root, file), 'utf8')) as {
    entries: Record<string, { analysis: { findings: { messageId: string; data: object }[] } }>;
  };

/** Rewrites one cached finding's data so that reuse shows in the output. */
function tamper(root: string, file: string): void {
  const cache = readCache(root);
  const finding = cache.entries[file]!.analysis.findings[0]!;
  finding.data = { ...finding.data, driver: 'FROM-THE-CACHE' };
  writeFileSync(join(root, CACHE), JSON.stringify(cache));
}

describe('--cache', () => {
  it.each(TREES)('%s: the same output, cold and warm, as without the cache', (tree) => {
    const root = copy(tree);
    for (const profile of ['default', 'strict']) {
      rmSync(join(root, CACHE), { force: true });
      const args = ['scan', '--format', 'json', '--profile', profile];
      const plain = run(root, args);
      const cold = run(root, [...args, '--cache']);
      const warm = run(root, [...args, '--cache']);
      expect(cold).toEqual(plain);
      expect(warm).toEqual(plain);
    }
  });

  it('reuses an unchanged file, and analyses it again when its content changes', () => {
    const root = project({ 'src/db.js': WEAK_JS });
    run(root, ['scan', '--cache']);
    tamper(root, 'src/db.js');
    expect(run(root, ['scan', '--cache']).stdout).toContain('FROM-THE-CACHE');
    writeFileSync(join(root, 'src/db.js'), `${WEAK_JS}\n`);
    expect(run(root, ['scan', '--cache']).stdout).not.toContain('FROM-THE-CACHE');
  });

  it('is discarded when the configuration changes', () => {
    const root = project({ 'src/db.js': WEAK_JS, 'package.json': '{}' });
    run(root, ['scan', '--cache']);
    tamper(root, 'src/db.js');
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({ 'secure-db': { minimumTlsVersion: 'TLSv1.3' } }),
    );
    expect(run(root, ['scan', '--cache']).stdout).not.toContain('FROM-THE-CACHE');
    tamper(root, 'src/db.js');
    expect(run(root, ['scan', '--cache', '--profile', 'strict']).stdout).not.toContain(
      'FROM-THE-CACHE',
    );
  });

  it("follows facts from other files: an unchanged .env is judged by its URL's current reader", () => {
    const prisma = 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n';
    const root = project({
      '.env': 'DATABASE_URL=postgresql://db.example.com/app\n',
      'schema.prisma': prisma,
    });
    expect(run(root, ['scan', '--cache']).stdout).toContain('Prisma (DATABASE_URL)');
    rmSync(join(root, 'schema.prisma'));
    const after = run(root, ['scan', '--cache']);
    expect(after).toEqual(run(root, ['scan']));
    expect(after.stdout).toContain('DATABASE_URL (read as libpq)');
  });

  it('lives in node_modules/.cache/secure-db/ when there is node_modules, or at --cache-location', () => {
    const root = project({ 'src/db.js': WEAK_JS, 'node_modules/.keep': '' });
    run(root, ['scan', '--cache']);
    expect(existsSync(join(root, 'node_modules/.cache/secure-db/scan-cache.json'))).toBe(true);
    expect(existsSync(join(root, CACHE))).toBe(false);
    run(root, ['scan', '--cache', '--cache-location', 'tmp/cache/']);
    expect(existsSync(join(root, 'tmp/cache/scan-cache.json'))).toBe(true);
    run(root, ['scan', '--cache', '--cache-location', 'my-cache.json']);
    expect(existsSync(join(root, 'my-cache.json'))).toBe(true);
    // Without --cache nothing is written.
    const bare = project({ 'src/db.js': WEAK_JS });
    run(bare, ['scan']);
    expect(existsSync(join(bare, CACHE))).toBe(false);
  });

  it('never holds a password, even where a fix rewrites the text around one', () => {
    const root = project({
      'src/db.js': WEAK_JS,
      'config/production.js': [
        "import { Pool } from 'pg';",
        "export const p = new Pool({ connectionString: 'postgresql://app:Zq8%23cli-URL-pass-8812@db.example.com/app?sslmode=disable' });",
        '',
      ].join('\n'),
      '.env.production':
        'DATABASE_URL=postgresql://app:Zq8%23cli-URL-pass-8812@db.example.com/app\n',
    });
    const plain = run(root, ['scan', '--format', 'json']);
    expect(run(root, ['scan', '--cache', '--format', 'json'])).toEqual(plain);
    expect(run(root, ['scan', '--cache', '--format', 'json'])).toEqual(plain);
    const text = readFileSync(join(root, CACHE), 'utf8');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });
});
