import { describe, expect, it } from 'vitest';
import { mayConcernDatabases } from '../../src/core/keywords.js';
import { corpusFindings, jsCorpus } from '../frontends/js-corpus.js';

describe('mayConcernDatabases (the parse gate)', () => {
  it.each([
    ["import { Pool } from 'pg';", 'src/a.js'],
    ["const knex = require('knex')", 'src/a.js'],
    ["import { drizzle } from 'drizzle-orm/node-postgres'", 'src/a.ts'],
    ['const o = { rejectUnauthorized: false }', 'src/a.js'],
    ["process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0'", 'src/a.js'],
    ["const url = 'postgresql://u@h/db'", 'src/a.js'],
    ["const url = 'mongodb+srv://cluster/db'", 'src/a.js'],
    ['// password: hunter2', 'src/a.js'],
    ['module.exports = { development: {} }', 'knexfile.js'],
    ['export default {}', 'config/database.ts'],
    // A driver module with a name that reaches one of its sites.
    [
      "import { PrismaClient } from '@prisma/client'; export const db = new PrismaClient();",
      'src/a.ts',
    ],
    ["import * as client from '@prisma/client'; new client.PrismaClient();", 'src/a.ts'],
    ["import { DataSource } from 'typeorm'; export default new DataSource(options);", 'src/a.ts'],
    [
      "import type { DataSourceOptions } from 'typeorm'; export const o: DataSourceOptions = x;",
      'src/a.ts',
    ],
    ["import mongoose from 'mongoose'; mongoose.connect(uri);", 'src/a.js'],
    ["import { MongooseModule } from '@nestjs/mongoose';", 'src/app.module.ts'],
    // Modules that are themselves called, under any local name.
    ["import db from 'knex'; export default db(config);", 'src/a.js'],
    ["import Client from 'ioredis'; new Client(options);", 'src/a.js'],
    ["const { Pool: P } = require('pg'); new P(options);", 'src/a.js'],
    // A URL consumer (project facts) and a `pass` key (a password the words above miss).
    [
      "import mongoose from 'mongoose'; mongoose.model('A', schema, process.env.COLLECTION);",
      'src/a.js',
    ],
    [
      "import { Schema } from 'mongoose'; export const options = { user: 'app', pass: secret, dbName };",
      'src/a.js',
    ],
  ])('lets through %s (%s)', (text, path) => {
    expect(mayConcernDatabases(text, path)).toBe(true);
  });

  it.each([
    ["import React from 'react'; export const App = () => <img src='photo.jpg' />;", 'src/App.jsx'],
    ["fetch('https://example.com/upgrade?page=2')", 'src/api.js'],
    ["import { pgTable } from 'drizzle-orm/pg-core'; // schema only", 'src/schema.ts'],
    ['const tlsHandshakeTimeout = 5; const sslabs = 1;', 'src/a.js'],
    // A driver module imported for its types, decorators or schema helpers: no site can be
    // reached through it (ghostfolio imports `@prisma/client` in 169 files for its types).
    [
      "import { Prisma, Order } from '@prisma/client'; export type Row = Prisma.OrderGetPayload<{}>;",
      'src/a.ts',
    ],
    [
      "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm'; @Entity() export class User {}",
      'src/user.entity.ts',
    ],
    [
      "import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose'; @Schema() export class Session {}",
      'src/session.schema.ts',
    ],
    [
      "import mongoose from 'mongoose'; export const Cat = mongoose.model('Cat', schema);",
      'src/cat.js',
    ],
  ])('skips %s (%s)', (text, path) => {
    expect(mayConcernDatabases(text, path)).toBe(false);
  });
});

describe('mayConcernDatabases on huge input', () => {
  it('stays linear on a 2 MB run of letters (no backtracking blow-up)', () => {
    // Quadratic backtracking would take minutes here; linear takes milliseconds.
    expect(mayConcernDatabases(`const s = '${'a'.repeat(2 * 1024 * 1024)}';`, 'src/a.js')).toBe(
      false,
    );
    expect(
      mayConcernDatabases(`${'a'.repeat(1024 * 1024)} postgresql+psycopg2://u@h/db`, 'src/a.js'),
    ).toBe(true);
  });
});

/**
 * The gate may only skip what has nothing to find: each JS/TS text of the tests' corpus
 * gives the same findings as the same text forced through the gate (a trailing `// ssl`
 * comment opens it and changes nothing the analysis reads).
 */
describe('the gate hides no finding', () => {
  const options = {
    profile: 'strict',
    minimumSslmode: 'verify-full',
    minimumTlsVersion: 'TLSv1.2',
  } as const;
  const findings = (text: string, path: string) => {
    const found = corpusFindings(text, path, options);
    return typeof found === 'string'
      ? 'does not parse'
      : found.map((f) => ({
          ruleId: f.ruleId,
          messageId: f.messageId,
          range: f.range,
          data: f.data,
        }));
  };
  const cases = jsCorpus();

  it('on a corpus where the gate skips some texts and passes many with findings', () => {
    expect(cases.filter((c) => !mayConcernDatabases(c.text, c.path)).length).toBeGreaterThan(5);
    expect(
      cases.filter((c) => (findings(c.text, c.path) as unknown[]).length > 0).length,
    ).toBeGreaterThan(25);
  });

  for (const c of cases)
    it(c.name, () => {
      expect(findings(c.text, c.path)).toEqual(findings(`${c.text}\n// ssl\n`, c.path));
    });
});
