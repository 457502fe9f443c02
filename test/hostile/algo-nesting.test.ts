/**
 * Issue 12: alias and merge-key bombs, and deep nesting, end in a diagnostic that names the
 * limit — never a hang, never a RangeError reported as if the file were merely invalid — and
 * what the file says outside the limit is still reported.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scanner/scan.js';

async function scanFile(name: string, text: string) {
  const root = mkdtempSync(join(tmpdir(), 'secure-db-algo-nesting-'));
  mkdirSync(dirname(join(root, name)), { recursive: true });
  writeFileSync(join(root, name), text);
  const started = performance.now();
  const result = await scan({ cwd: root, baseline: false });
  return { result, ms: performance.now() - started };
}

/** A merge-key bomb: each level merges the previous one 8 times (8^9 pairs expanded). */
function mergeBomb(): string {
  const lines = ['services:', '  a: &a {environment: {POSTGRES_PASSWORD: Zq8#bomb-pass-1}}'];
  let previous = 'a';
  for (const name of 'bcdefghij') {
    lines.push(`  ${name}: &${name} {<<: [${Array(8).fill(`*${previous}`).join(', ')}]}`);
    previous = name;
  }
  return `${lines.join('\n')}\n`;
}

/** The classic alias bomb ("billion laughs"), 9 levels of 9 aliases. */
function aliasBomb(): string {
  const lines = ['password: x', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  let previous = 'a';
  for (const name of 'bcdefghi') {
    lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    previous = name;
  }
  return `${lines.join('\n')}\n`;
}

describe('YAML alias and merge-key bombs', () => {
  it('a merge-key bomb under 500 bytes is read at once, named, and its finding kept', async () => {
    const bomb = mergeBomb();
    expect(bomb.length).toBeLessThan(500);
    const { result, ms } = await scanFile('docker-compose.yml', bomb);
    expect(ms).toBeLessThan(10_000); // was over 40 s; the limit is generous for a shared CI machine
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^YAML limit reached: aliases and merge keys expand to more than/),
    ]);
    expect(result.results.map((r) => r.ruleId)).toEqual(['secure-db/no-hardcoded-credentials']);
  });

  it('an alias bomb is named too', async () => {
    const { result } = await scanFile('docker-compose.yml', aliasBomb());
    expect(result.errors.map((e) => e.message)).toEqual([expect.stringMatching(/an alias bomb/)]);
  });

  it('ordinary anchors and merges stay silent', async () => {
    const { result } = await scanFile(
      'docker-compose.yml',
      'x-db: &db\n  environment:\n    POSTGRES_PASSWORD: Zq8#anchored-pass-1\nservices:\n  a: {<<: *db}\n  b: {<<: *db}\n',
    );
    expect(result.errors).toEqual([]);
    expect(result.results).toHaveLength(1);
  });
});

describe('deep nesting', () => {
  it('8 KB of JSON nesting is a diagnostic naming the limit, not a RangeError', async () => {
    const { result } = await scanFile(
      'config/database.json',
      `{"a": ${'['.repeat(8192)}${']'.repeat(8192)}}`,
    );
    expect(result.errors.map((e) => e.message)).toEqual([
      'JSON nested deeper than 256 levels: the file was not read (see "Limits" in docs/reliability.md)',
    ]);
  });

  it('JSON within the limit is read as before', async () => {
    const { result } = await scanFile(
      'config/database.json',
      `{"production": {"dialect": "postgres", "host": "db.example.com", "username": "app", "password": "Zq8#json-nested-pass", "x": ${'['.repeat(200)}${']'.repeat(200)}}}`,
    );
    expect(result.errors).toEqual([]);
    expect(result.results.map((r) => r.ruleId)).toContain('secure-db/no-hardcoded-credentials');
  });

  it('deep YAML is named as too deep for the parser', async () => {
    const { result } = await scanFile(
      'docker-compose.yml',
      `password: x\na: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
    );
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^Invalid YAML \(RESOURCE_EXHAUSTION\).*nested too deeply/),
    ]);
  });

  it('deep JavaScript is read or is a parsing error, never a crash or a secret', async () => {
    const { result } = await scanFile(
      'config.js',
      `const pg = require('pg');\nconst x = ${'{a: '.repeat(3000)}{password: 'Zq8#deep-js-pass-1'}${'}'.repeat(3000)};\n`,
    );
    expect(result.errors.filter((e) => e.kind === 'internal')).toEqual([]);
    for (const error of result.errors) expect(error.message).not.toMatch(/RangeError|Zq8/);
  });

  it('deep Python dicts are read without a stack overflow', async () => {
    const { result } = await scanFile(
      'settings.py',
      `import psycopg2\nX = ${"{'a': ".repeat(5000)}1${'}'.repeat(5000)}\nDATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'PASSWORD': 'Zq8#py-after-deep-1'}}\n`,
    );
    expect(result.errors.filter((e) => e.kind === 'internal')).toEqual([]);
    expect(result.results.map((r) => r.ruleId)).toContain('secure-db/no-hardcoded-credentials');
  });
});

describe('Python module size', () => {
  it('a module over 2 MB is named and not parsed (memory grew to gigabytes)', async () => {
    const entry =
      "    'db': {'ENGINE': 'django.db.backends.postgresql', 'PASSWORD': 'Zq8#big-pass-1'},\n";
    const text = `DATABASES = {\n${entry.repeat(Math.ceil(3_200_000 / entry.length))}}\n`;
    const { result } = await scanFile('settings.py', text);
    expect(result.errors.map((e) => e.message)).toEqual([
      'Python module larger than 2 MB with more than 200000 brackets, commas, colons and = signs: not parsed (see "Limits" in docs/reliability.md)',
    ]);
  });
});

describe('deep YAML block sequences (found by the fuzz suite)', () => {
  it('2,500 nested `- ` are named as too deep, not an internal error', async () => {
    const { result } = await scanFile(
      'docker-compose.yml',
      `${'- '.repeat(2500)}password: 'Zq8#deep-seq-pass-1'\n`,
    );
    expect(result.errors.map((e) => [e.kind, e.message])).toEqual([
      ['input', expect.stringMatching(/^Invalid YAML \(RESOURCE_EXHAUSTION\).*nested too deeply/)],
    ]);
  });
});

describe('compact YAML mappings on one line (found by the long fuzz run)', () => {
  it('2,500 `key: ` on one line are named as too deep, not an internal error', async () => {
    const { result } = await scanFile(
      'k8s/deployment.yaml',
      `\${password: 'Zq8#compact-pass-1'${'rejectUnauthorized: false'.repeat(2500)}\napiVersion: v1\n`,
    );
    expect(result.errors.map((e) => [e.kind, e.message])).toEqual([
      ['input', expect.stringMatching(/^Invalid YAML \(RESOURCE_EXHAUSTION\).*nested too deeply/)],
    ]);
  });

  it('a long flow mapping or quoted text on one line is still read', async () => {
    const pairs = Array.from({ length: 3000 }, (_, i) => `"k${i}": "a: b"`).join(', ');
    const { result } = await scanFile(
      'docker-compose.yml',
      `x-long: {${pairs}}\nnote: '${'a: '.repeat(3000)}'\nservices:\n  db:\n    environment:\n      PGSSLMODE: disable\n`,
    );
    expect(result.errors).toEqual([]);
    expect(result.results.map((r) => r.ruleId)).toEqual(['secure-db/require-ssl']);
  });
});

describe('a parser out of stack (found by the long fuzz run)', () => {
  it('names no position, so two scans agree whatever stack they run on', async () => {
    const text = `${'{'.repeat(44)}${'('.repeat(5000)}'x'\nmodule.exports = { client: 'pg' };\n`;
    const shallow = await scanFile('knexfile.js', text);
    /** The same scan, called 2,000 frames deeper. */
    const deeper = (depth: number): ReturnType<typeof scanFile> =>
      depth === 0 ? scanFile('knexfile.js', text) : deeper(depth - 1);
    const deep = await deeper(2000);
    expect(deep.result.errors).toEqual(shallow.result.errors);
    for (const error of shallow.result.errors) expect(error.message).not.toMatch(/line \d+/);
  });
});
