/**
 * Fixes on real files (JS/TS through the estree front-end): the secure default goes in,
 * formatting, line endings, BOM and permissions stay, a second run changes nothing, a
 * development site and a password are never touched, a changed file is not overwritten.
 */
import { runFrontend } from '../../src/scanner/run-frontend.js';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyFile } from '../../src/core/environment.js';
import { DEFAULT_POLICY_OPTIONS } from '../../src/core/model.js';
import { estreeFrontend } from '../../src/frontends/estree/scanner.js';
import { fixSource } from '../../src/fix/index.js';
import type { SourceFile } from '../../src/frontends/types.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'secure-db-fix-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

function load(dir: string, name: string): SourceFile {
  const raw = readFileSync(join(dir, name), 'utf8');
  const bom = raw.startsWith('\uFEFF');
  return { path: join(dir, name), relativePath: name, text: bom ? raw.slice(1) : raw, bom };
}

function findings(source: SourceFile) {
  const output = runFrontend(estreeFrontend, source, {
    file: classifyFile(source.relativePath),
    options: DEFAULT_POLICY_OPTIONS,
    project: { urlConsumers: new Map() },
  });
  return output.findings;
}

function fixTwice(dir: string, name: string) {
  const first = fixSource(load(dir, name), findings(load(dir, name)), 'write');
  const after = readFileSync(join(dir, name), 'utf8');
  const second = fixSource(load(dir, name), findings(load(dir, name)), 'write');
  expect(second.applied, 'a second run changes nothing').toEqual([]);
  expect(readFileSync(join(dir, name), 'utf8')).toBe(after);
  expect(() => parse(after.replace(/^\uFEFF/, ''), { jsx: false })).not.toThrow();
  return { first, after };
}

describe('fixes on JS/TS', () => {
  it('adds ssl to a multi-line pg config in its own style and keeps the rest byte for byte', () => {
    const code = `const { Pool } = require('pg');\n\nexport const pool = new Pool({\n  host: 'db.example.com',\n  user: process.env.DB_USER, // who\n});\n`;
    const dir = project({ 'db.js': code });
    const { first, after } = fixTwice(dir, 'db.js');
    expect(first.applied.map((f) => f.ruleId)).toEqual(['require-ssl']);
    expect(after).toBe(
      `const { Pool } = require('pg');\n\nexport const pool = new Pool({\n  host: 'db.example.com',\n  user: process.env.DB_USER,\n  ssl: { rejectUnauthorized: true }, // who\n});\n`.replace(
        ',\n  ssl: { rejectUnauthorized: true }, // who',
        ', // who\n  ssl: { rejectUnauthorized: true },',
      ),
    );
  });

  it('keeps CRLF line endings and the BOM', () => {
    const code =
      '\uFEFFimport { Pool } from "pg";\r\nexport const pool = new Pool({\r\n  host: "db.example.com"\r\n});\r\n';
    const dir = project({ 'db.ts': code });
    const { after } = fixTwice(dir, 'db.ts');
    expect(after.startsWith('\uFEFF')).toBe(true);
    expect(after).toBe(
      '\uFEFFimport { Pool } from "pg";\r\nexport const pool = new Pool({\r\n  host: "db.example.com",\r\n  ssl: { rejectUnauthorized: true }\r\n});\r\n',
    );
    expect(after.replace(/\r\n/g, '').includes('\n')).toBe(false);
  });

  it('raises sslmode inside the URL and turns verification back on, keeping quotes', () => {
    const code = `import pg from 'pg';\nexport const a = new pg.Client({ connectionString: "postgres://db.example.com/app?sslmode=require" });\nexport const b = new pg.Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });\n`;
    const dir = project({ 'db.js': code });
    const { first, after } = fixTwice(dir, 'db.js');
    expect(first.applied.map((f) => f.ruleId).sort()).toEqual([
      'no-disabled-cert-verification',
      'no-weak-sslmode',
    ]);
    expect(after).toContain('"postgres://db.example.com/app?sslmode=verify-full"');
    expect(after).toContain('ssl: { rejectUnauthorized: true }');
  });

  it('never touches a development site or a password', () => {
    const code = `import { Pool } from 'pg';\nconst dev = process.env.NODE_ENV === 'development' ? new Pool({ host: 'db.example.com', ssl: false }) : null;\nexport const pool = new Pool({ host: 'db.example.com', password: 'Zq8#fix-pass-2291', ssl: true });\nexport { dev };\n`;
    const dir = project({ 'db.js': code });
    const result = fixSource(load(dir, 'db.js'), findings(load(dir, 'db.js')), 'write');
    expect(result.applied).toEqual([]);
    expect(readFileSync(join(dir, 'db.js'), 'utf8')).toBe(code);
  });

  it('keeps the file mode', () => {
    const dir = project({
      'db.js': `import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.example.com', ssl: false });\n`,
    });
    chmodSync(join(dir, 'db.js'), 0o640);
    fixTwice(dir, 'db.js');
    expect(statSync(join(dir, 'db.js')).mode & 0o777).toBe(0o640);
  });

  it('does not overwrite a file that changed on disk since it was read', () => {
    const code = `import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.example.com', ssl: false });\n`;
    const dir = project({ 'db.js': code });
    const source = load(dir, 'db.js');
    const found = findings(source);
    writeFileSync(join(dir, 'db.js'), code + '// edited meanwhile\n');
    const result = fixSource(source, found, 'write');
    expect(result.error).toMatch(/changed on disk/);
    expect(readFileSync(join(dir, 'db.js'), 'utf8')).toBe(code + '// edited meanwhile\n');
  });

  it('previews a unified diff without writing and without the secret', () => {
    const code = `import pg from 'pg';\nexport const a = new pg.Client({ connectionString: 'postgres://app:Zq8#fixpreview-9917@db.example.com/app?sslmode=prefer' });\nexport const pw = { host: 'db.example.com', password: 'Zq8#fixpreview-9917', ssl: false };\n`;
    const dir = project({ 'db.js': code });
    const result = fixSource(load(dir, 'db.js'), findings(load(dir, 'db.js')), 'dry-run');
    expect(result.diff).toMatch(/^-.*sslmode=prefer/m);
    expect(result.diff).toMatch(/^\+.*sslmode=verify-full/m);
    expect(result.diff).not.toContain('fixpreview');
    expect(readFileSync(join(dir, 'db.js'), 'utf8')).toBe(code);
  });
});
