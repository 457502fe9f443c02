/**
 * Issue 11: in ESLint, the six rules share one analysis per file. A file that fails the
 * keyword gate is never lowered (one string scan for all rules); a file that passes is
 * lowered once, whichever rules run and whatever their options. Real ESLint runs; the
 * lowering is counted through a spy on the front-end's entry point.
 */
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Analyze from '../../src/frontends/estree/analyze.js';

const lowered = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/frontends/estree/analyze.js', async (importOriginal) => {
  const original = await importOriginal<typeof Analyze>();
  return {
    ...original,
    lowerEstree: (...args: Parameters<typeof original.lowerEstree>) => {
      lowered.count++;
      return original.lowerEstree(...args);
    },
  };
});

const { default: plugin } = await import('../../src/plugin/index.js');

function lint(text: string, filename: string) {
  const linter = new Linter({ configType: 'flat', cwd: '/app' });
  return linter.verify(
    text,
    [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
      plugin.configs.strict,
      { rules: { 'secure-db/min-tls-version': ['error', { minimum: 'TLSv1.3' }] } },
    ],
    { filename },
  );
}

describe('one shared analysis per file in ESLint', () => {
  beforeEach(() => {
    lowered.count = 0;
  });

  it('a file with no database keyword is not lowered', () => {
    const messages = lint(
      'export function total(items: { price: number }[]) {\n  return items.reduce((s, i) => s + i.price, 0);\n}\n',
      '/app/src/cart.ts',
    );
    expect(messages).toEqual([]);
    expect(lowered.count).toBe(0);
  });

  it('a database file is lowered once for every rule, even with rule options', () => {
    const messages = lint(
      "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false, minVersion: 'TLSv1.2' } });\n",
      '/app/src/db.ts',
    );
    expect(messages.map((m) => m.ruleId ?? m.message).sort()).toEqual([
      'secure-db/min-tls-version',
      'secure-db/no-disabled-cert-verification',
    ]);
    expect(lowered.count).toBe(1);
  });

  it('a file that imports only what no driver call comes from (an entity, a migration) is not lowered', () => {
    const entity = lint(
      "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';\n\n@Entity()\nexport class Order {\n  @PrimaryGeneratedColumn('uuid') id!: string;\n  @Column() total!: number;\n}\n",
      '/app/src/orders/order.entity.ts',
    );
    const migration = lint(
      "import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class AddOrders implements MigrationInterface {\n  async up(q: QueryRunner) {\n    await q.query('CREATE TABLE orders (id uuid)');\n  }\n  async down(q: QueryRunner) {\n    await q.query('DROP TABLE orders');\n  }\n}\n",
      '/app/src/migrations/1700000000000-add-orders.ts',
    );
    expect([...entity, ...migration]).toEqual([]);
    expect(lowered.count).toBe(0);
  });

  // The same files with one more import, word or form each: lowered, and judged as before.
  it.each([
    [
      'a driver class',
      "import { DataSource, Entity } from 'typeorm';\nexport const db = new DataSource({ type: 'postgres', host: 'db.example.com' });\n",
      ['secure-db/require-ssl'],
    ],
    [
      'a config type',
      "import type { DataSourceOptions } from 'typeorm';\nexport const options: DataSourceOptions = { type: 'postgres', host: 'db.example.com' };\n",
      ['secure-db/require-ssl'],
    ],
    [
      'a default import',
      "import pg from 'pg';\nexport const pool = new pg.Pool({ host: 'db.example.com' });\n",
      ['secure-db/require-ssl'],
    ],
    [
      'a namespace import',
      "import * as pg from 'pg';\nexport const pool = new pg.Pool({ host: 'db.example.com' });\n",
      ['secure-db/require-ssl'],
    ],
    [
      'a require',
      "import type { QueryResult } from 'pg';\nconst { Pool } = require('pg');\nexport const pool = new Pool({ host: 'db.example.com' });\n",
      ['secure-db/require-ssl'],
    ],
    [
      'a password variable with a literal fallback',
      "import type { QueryResult } from 'pg';\nexport const secret = process.env.DB_PASS || 'hunter2-hunter2';\n",
      ['secure-db/no-hardcoded-credentials'],
    ],
  ])('an inert import plus %s is lowered', (_, text, rules) => {
    const messages = lint(text, '/app/src/db.ts');
    expect(messages.map((m) => m.ruleId ?? m.message).sort()).toEqual(rules);
    expect(lowered.count).toBe(1);
  });
});
