// Test files report nothing but min-tls-version: a throwaway password and a self-signed CI
// certificate are fine here, but a test must not normalise TLS 1.0.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import pg from 'pg';

const client = new pg.Client({
  host: 'postgres.ci.internal',
  user: 'postgres',
  password: 'T3st-Only-Ex4mple#',
  database: 'shop_test',
  ssl: { rejectUnauthorized: false, minVersion: 'TLSv1' }, // expect: min-tls-version
});

after(() => client.end());

test('orders table is reachable', async () => {
  await client.connect();
  const { rows } = await client.query('select count(*)::int as n from orders');
  assert.equal(typeof rows[0].n, 'number');
});
