import { describe, expect, it } from 'vitest';
import { mayConcernDatabases } from '../../src/core/keywords.js';

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
  ])('lets through %s (%s)', (text, path) => {
    expect(mayConcernDatabases(text, path)).toBe(true);
  });

  it.each([
    ["import React from 'react'; export const App = () => <img src='photo.jpg' />;", 'src/App.jsx'],
    ["fetch('https://example.com/upgrade?page=2')", 'src/api.js'],
    ["import { pgTable } from 'drizzle-orm/pg-core'; // schema only", 'src/schema.ts'],
    ['const tlsHandshakeTimeout = 5; const sslabs = 1;', 'src/a.js'],
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
