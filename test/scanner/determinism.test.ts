/**
 * A scan is a function of the tree: the same generated project scanned twice gives
 * byte-identical JSON (fingerprints included), with the project's facts, the cross-file
 * pass, inline suppressions and the lazily loaded front-ends (Python, YAML) all exercised.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTERS } from '../../src/report/index.js';
import { scan } from '../../src/scanner/scan.js';
// @ts-expect-error: a plain .mjs script without types
import { generate } from '../../bench/generate.mjs';

const FILES = 600;

/**
 * What the generated trees lack: URL consumers from several files (one variable claimed
 * twice, first file wins), a sequelize `use_env_variable`, a Prisma schema, env files that
 * read them, and a config imported by a driver call (the cross-file pass).
 */
const CROSS_FILE_AND_FACTS: Record<string, string> = {
  'a-first/db.js':
    "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.SHARED_URL });\n",
  'z-last/db.js':
    "import mysql from 'mysql2/promise';\nexport const db = mysql.createPool({ uri: process.env.SHARED_URL });\n",
  'config/config.json': JSON.stringify(
    { production: { use_env_variable: 'SEQ_URL', dialect: 'postgres' } },
    null,
    2,
  ),
  'prisma/schema.prisma':
    'datasource db {\n  provider = "postgresql"\n  url      = env("PRISMA_URL")\n}\n',
  'services/facts/.env.production':
    'SHARED_URL=postgres://app@db.example.com/app?sslmode=require\nSEQ_URL=postgres://app@db.example.com/app?sslmode=disable\nPRISMA_URL=postgresql://app@db.example.com/app?sslmode=prefer\n',
  'deploy/facts/docker-compose.yml':
    'services:\n  api:\n    environment:\n      SHARED_URL: postgres://app@db.example.com/app?sslmode=prefer\n',
  'src/cross/config.js':
    "export const dbConfig = { host: 'db.example.com', ssl: false };\nexport const url = 'postgres://app@db.example.com/app?sslmode=require';\n",
  'src/cross/db.js':
    "import { Pool } from 'pg';\nimport { dbConfig, url } from './config.js';\nexport const a = new Pool(dbConfig);\nexport const b = new Pool({ connectionString: url });\n",
  'src/cross/suppressed.js':
    "import { Pool } from 'pg';\n// secure-db-disable-next-line require-ssl -- test double\nexport const c = new Pool({ host: 'db.example.com', ssl: false });\n",
};

let scratch = '';
const roots: Record<string, string> = {};

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'secure-db-determinism-'));
  for (const profile of ['realistic', 'dense']) {
    const root = join(scratch, profile);
    roots[profile] = root;
    (generate as (root: string, count: number, seed: number, profile: string) => unknown)(
      root,
      FILES,
      7,
      profile,
    );
    for (const [path, text] of Object.entries(CROSS_FILE_AND_FACTS)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  }
}, 60_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function json(cwd: string, profile: 'default' | 'strict'): Promise<string> {
  const result = await scan({ cwd, profile, baseline: false });
  return REPORTERS.json(result, {
    tool: { name: 'secure-db', version: '0.0.0' },
    color: false,
    includeSuppressed: true,
  });
}

describe('determinism', () => {
  for (const tree of ['realistic', 'dense']) {
    for (const profile of ['default', 'strict'] as const) {
      it(`the ${tree} tree scanned twice gives the same JSON (${profile})`, async () => {
        const first = await json(roots[tree]!, profile);
        const second = await json(roots[tree]!, profile);
        const files = new Set(
          (JSON.parse(first) as { results: { file: string }[] }).results.map((r) => r.file),
        );
        expect(files.size).toBeGreaterThan(10);
        // The facts and the cross-file pass were exercised, and so were Python and YAML.
        expect(files).toContain('src/cross/config.js');
        expect(files).toContain('services/facts/.env.production');
        expect([...files].some((f) => f.endsWith('.py'))).toBe(true);
        expect([...files].some((f) => f.endsWith('.yml') || f.endsWith('.yaml'))).toBe(true);
        expect(second).toBe(first);
      }, 60_000);
    }
  }
});
