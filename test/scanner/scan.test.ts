import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estreeFrontend } from '../../src/frontends/estree/scanner.js';
import { scan } from '../../src/scanner/scan.js';
import { discover } from '../../src/scanner/discover.js';
import type { Frontend } from '../../src/frontends/types.js';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'secure-db-scan-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const WEAK =
  "const { Pool } = require('pg');\nexport const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });\n";

/** A `#`-comment front-end: every `SSL=off` is an app TLS switch turned off (a require-ssl finding). */
const fakeHash: Frontend = {
  name: 'fake',
  commentToken: '#',
  matches: (p) => p.endsWith('.fake'),
  analyze(source) {
    const assignments = [...source.text.matchAll(/SSL=off/g)].map((m) => ({
      name: 'DB_SSL',
      value: {
        kind: 'literal' as const,
        value: 'off',
        range: [m.index + 4, m.index + 7] as const,
        contentStart: m.index + 4,
        verbatim: true,
      },
      nameRange: [m.index, m.index + 3] as const,
    }));
    return { model: { envGroups: [{ assignments, label: 'fake' }] }, diagnostics: [] };
  },
};

describe('discover', () => {
  it('honours .gitignore, skips node_modules, .git and .yarn, includes dotfiles, survives symlink loops', async () => {
    const root = project({
      '.gitignore': 'generated/\n',
      'src/a.js': '',
      '.env': '',
      'generated/b.js': '',
      'node_modules/x/index.js': '',
      '.git/config.js': '',
      '.yarn/releases/yarn-3.2.1.cjs': '',
      'packages/web/.yarn/plugins/plugin.cjs': '',
      'vendor/c.js': '',
    });
    symlinkSync('.', join(root, 'src', 'loop'));
    const out = await discover({ cwd: root, ignores: ['vendor'] });
    expect(out.files.map((f) => f.relativePath)).toEqual(['.env', '.gitignore', 'src/a.js']);
  });

  it('takes explicit files (absolute too) subject to the ignores', async () => {
    const root = project({ 'a.js': '', 'vendor/c.js': '', 'node_modules/d.js': '' });
    const out = await discover({
      cwd: root,
      paths: [join(root, 'a.js'), 'vendor/c.js', 'node_modules/d.js', 'missing.js'],
      ignores: ['vendor/**'],
    });
    expect(out.files.map((f) => f.relativePath)).toEqual(['a.js']);
    expect(out.ignored).toEqual(['node_modules/d.js', 'vendor/c.js']);
    expect(out.missing).toEqual(['missing.js']);
  });
});

describe('scan', () => {
  it('reports estree findings with 1-based UTF-16 locations, stable fingerprints and sorted output', async () => {
    const root = project({ 'b.js': WEAK, 'a.js': WEAK.replace('\nexport', '\n/*😀*/export') });
    const first = await scan({ cwd: root });
    expect(first.results.map((r) => [r.file, r.line, r.ruleId])).toEqual([
      ['a.js', 2, 'secure-db/no-disabled-cert-verification'],
      ['b.js', 2, 'secure-db/no-disabled-cert-verification'],
    ]);
    const r = first.results[1]!;
    expect(r).toMatchObject({
      severity: 'error',
      environment: 'unknown',
      fixable: true,
      column: 63,
      endLine: 2,
      endColumn: 88,
    });
    // The emoji is two UTF-16 code units: `/*😀*/` shifts the column by 6, as in ESLint.
    expect(first.results[0]!.column).toBe(63 + 6);
    expect(r.docsUrl).toMatch(/docs\/rules\/no-disabled-cert-verification\.md$/);
    expect(r.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // Moving code does not change the fingerprint; it is position-free.
    writeFileSync(join(root, 'b.js'), `\n\n${WEAK}`);
    const second = await scan({ cwd: root });
    expect(second.results[1]!.fingerprint).toBe(r.fingerprint);
    expect(second.results[1]!.line).toBe(4);
  });

  it('applies # directives through the front-end comment token and reports unused ones', async () => {
    const root = project({
      'x.fake':
        'SSL=off # secure-db-disable-line require-ssl -- dev box\nSSL=off\n# secure-db-disable-next-line min-tls-version\nA=1\n',
    });
    const out = await scan({ cwd: root, frontends: [fakeHash] });
    expect(out.results.map((r) => [r.line, r.ruleId, r.severity])).toEqual([
      [2, 'secure-db/require-ssl', 'error'],
      [3, 'secure-db/disable-directive', 'warning'],
    ]);
    expect(out.suppressed).toHaveLength(1);
    expect(out.suppressed[0]!.suppression).toEqual({ kind: 'inSource', justification: 'dev box' });
  });

  it('catches a crashing front-end per file and goes on', async () => {
    const crashing: Frontend = {
      ...fakeHash,
      analyze(source) {
        if (source.relativePath === 'bad.fake') throw new Error('boom: SSL=off secret-ish');
        return fakeHash.analyze(source, undefined as never);
      },
    };
    const root = project({ 'bad.fake': 'x', 'good.fake': 'y' });
    const out = await scan({ cwd: root, frontends: [crashing] });
    expect(out.errors).toEqual([
      {
        file: 'bad.fake',
        kind: 'internal',
        message: 'internal error in the fake front-end; this file was not fully scanned',
      },
    ]);
  });

  it('runs every front-end that reads a file and reports a finding they share once', async () => {
    const extra: Frontend = { ...fakeHash, name: 'extra' };
    const root = project({ 'a.fake': 'a\nSSL=off\n' });
    const out = await scan({ cwd: root, frontends: [fakeHash, extra], baseline: false });
    expect(out.results.map((r) => [r.file, r.line])).toEqual([['a.fake', 2]]);
  });

  it("awaits a front-end's load() once before any analysis, only when a file needs it", async () => {
    const calls: string[] = [];
    let loaded = false;
    const lazy: Frontend = {
      ...fakeHash,
      name: 'lazy',
      needsLoad: (source) => source.text.includes('SSL'),
      async load() {
        calls.push('load');
        await new Promise((resolve) => setImmediate(resolve));
        loaded = true;
      },
      collectFacts: (source) => void calls.push(`facts ${source.relativePath} ${loaded}`),
      analyze(source, context) {
        calls.push(`analyze ${source.relativePath} ${loaded}`);
        return fakeHash.analyze(source, context);
      },
    };
    // No file passes the gate: no load, and the files are still analysed.
    const quiet = project({ 'a.fake': 'A=1\n', 'b.fake': 'B=2\n' });
    await scan({ cwd: quiet, frontends: [lazy], baseline: false });
    expect(calls).toEqual([
      'facts a.fake false',
      'facts b.fake false',
      'analyze a.fake false',
      'analyze b.fake false',
    ]);
    calls.length = 0;
    const root = project({ 'a.fake': 'SSL=off\n', 'b.fake': 'B=2\n', 'c.fake': 'SSL=off\n' });
    const out = await scan({ cwd: root, frontends: [lazy], baseline: false });
    expect(calls).toEqual([
      'load',
      'facts a.fake true',
      'facts b.fake true',
      'facts c.fake true',
      'analyze a.fake true',
      'analyze b.fake true',
      'analyze c.fake true',
    ]);
    expect(out.results.map((r) => r.file)).toEqual(['a.fake', 'c.fake']);
  });

  it('makes a failed load an internal error for each file that needs it; the rest is scanned', async () => {
    const broken: Frontend = {
      ...fakeHash,
      name: 'broken',
      needsLoad: (source) => source.text.includes('SSL'),
      load: () => Promise.reject(new Error('no wasm: SSL=off secret-ish')),
    };
    const root = project({ 'a.fake': 'SSL=off\n', 'b.fake': 'B=2\n', 'c.js': WEAK });
    const out = await scan({ cwd: root, frontends: [broken, estreeFrontend], baseline: false });
    expect(out.results.map((r) => [r.file, r.ruleId])).toEqual([
      ['c.js', 'secure-db/no-disabled-cert-verification'],
    ]);
    expect(out.errors).toEqual([
      {
        file: 'a.fake',
        kind: 'internal',
        message: 'internal error in the broken front-end; this file was not fully scanned',
      },
    ]);
  });

  it('uses the front-end registry: estree always', async () => {
    const root = project({ 'a.ts': WEAK, 'README.md': '# hi' });
    const out = await scan({ cwd: root, paths: ['.'], frontends: [estreeFrontend] });
    expect(out.files).toEqual(['a.ts']);
  });
});
