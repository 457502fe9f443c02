/**
 * RuleTester cases for `secure-db/require-ssl` (see POLICY.md and DRIVERS.md). Run with
 * espree and @typescript-eslint/parser by ./helpers.ts; the default file name is
 * `src/db.js` (environment unknown, so production).
 */
import rule from '../../rules/require-ssl.js';
import {
  ifReturnAndTernary,
  lastPosition,
  POLICY_GUARD_EXAMPLE,
  replaceLast,
  runRuleTests,
} from './helpers.js';

runRuleTests('require-ssl', rule, {
  valid: [
    // The tests around a function's returns are read as a ternary's (policy-decisions "A value
    // a function returns"): TLS off only when DB_SSL says so is an operator's explicit choice;
    // off past a production guard is development's.
    ...[
      ["process.env.DB_SSL === 'false'", 'false', '{ rejectUnauthorized: true }'],
      ["process.env.NODE_ENV === 'production'", '{ rejectUnauthorized: true }', 'false'],
    ].flatMap(([test, whenTrue, whenFalse]) =>
      Object.values(ifReturnAndTernary(test!, whenTrue!, whenFalse!)).map((code) => ({ code })),
    ),
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true, ca: process.env.DB_CA } });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ connectionString: process.env.DATABASE_URL });`,
    },
    {
      code: `import { Client } from 'pg';
new Client();`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=verify-full' });`,
    },
    {
      code: `const pg = require('pg');
new pg.native.Pool({ host: 'db.example.com', ssl: { sslmode: 'verify-full' } });`,
    },
    {
      code: `import { Pool } from 'pg';
const tls = { ssl: { rejectUnauthorized: true } };
new Pool({ host: 'db.example.com', ...tls });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ...getTlsOptions() });`,
    },
    {
      code: `import knex from 'knex';
knex({ client: 'mssql', connection: { server: 'db.example.com', options: { encrypt: true } } });`,
    },
    {
      code: `import knex from 'knex';
knex({ client: 'sqlite3', connection: { filename: './dev.sqlite3' } });`,
    },
    {
      filename: 'config/database.js',
      code: `module.exports = ({ env }) => ({
  connection: {
    client: 'postgres',
    connection: { host: env('DATABASE_HOST'), ssl: { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) } },
  },
});`,
    },
    {
      code: `import { DataSource } from 'typeorm';
new DataSource({ type: 'postgres', host: 'db.example.com', ssl: false, extra: { ssl: { rejectUnauthorized: true } } });`,
    },
    {
      code: `import { DataSource } from 'typeorm';
new DataSource({ type: 'sqlite', database: 'dev.sqlite' });`,
    },
    {
      code: `const { Sequelize } = require('sequelize');
new Sequelize({ host: 'db.example.com', dialect: 'postgres', ssl: true, dialectOptions: { ssl: { require: true } } });`,
    },
    {
      code: `const mariadb = require('mariadb');
mariadb.createPool({ host: 'db.example.com', ssl: true });`,
    },
    {
      code: `import postgres from 'postgres';
const sql = postgres('postgres://app@db.example.com/app', { ssl: 'verify-full' });`,
    },
    {
      code: `import { createPool } from 'slonik';
await createPool('postgres://app@db.example.com/app?sslmode=require');`,
    },
    {
      filename: 'drizzle.config.ts',
      code: `import { defineConfig } from 'drizzle-kit';
export default defineConfig({ dialect: 'postgresql', dbCredentials: { host: 'db.example.com', database: 'app' } });`,
    },
    {
      code: `import { MikroORM } from '@mikro-orm/postgresql';
await MikroORM.init({ clientUrl: process.env.DATABASE_URL, driverOptions: { ssl: { rejectUnauthorized: true } } });`,
    },
    {
      code: `import { PrismaClient } from '@prisma/client';
new PrismaClient({ datasourceUrl: 'postgresql://app@db.example.com/app?sslmode=require&sslaccept=strict' });`,
    },
    {
      code: `import { neon } from '@neondatabase/serverless';
const sql = neon('postgres://app@ep-cool-name.eu-central-1.aws.neon.tech/app');`,
    },
    {
      code: `import { Pool } from '@neondatabase/serverless';
new Pool({ connectionString: 'postgres://app@ep-cool-name.eu-central-1.aws.neon.tech/app' });`,
    },
    {
      code: `const { MongoClient } = require('mongodb');
new MongoClient('mongodb+srv://cluster0.example.net/app');`,
    },
    {
      code: `const mongoose = require('mongoose');
mongoose.connect('mongodb://db.example.com/app', { tls: true });`,
    },
    {
      code: `const sql = require('mssql');
sql.connect({ server: 'db.example.com' });`,
    },
    {
      code: `const Redis = require('ioredis');
new Redis('rediss://cache.example.com:6380');`,
    },
    {
      code: `import { createClient } from 'redis';
createClient({ url: 'rediss://cache.example.com:6380' });`,
    },
    {
      code: `import Redis from 'ioredis';
new Redis(6380, 'cache.example.com', { tls: {} });`,
    },
    {
      code: `import Redis from 'ioredis';
new Redis(6379, 'localhost');`,
    },
    { code: `export const dbConfig = { host: 'db.example.com', user: 'app', database: 'app' };` },
    {
      filename: 'knexfile.js',
      code: `module.exports = { client: 'pg', connection: process.env.DATABASE_URL };`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: process.env.NODE_ENV === 'production' ? { rejectUnauthorized: true } : false });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: process.env.NODE_ENV !== 'production' ? false : true });`,
    },
    {
      code: `import { Pool } from 'pg';
const isProduction = process.env.NODE_ENV === 'production';
new Pool({ host: 'db.example.com', ssl: isProduction ? true : false });`,
    },
    {
      code: `import { Pool } from 'pg';
const env = process.env.NODE_ENV;
if (env === 'development') {
  new Pool({ host: 'db.example.com', ssl: false });
}`,
    },
    {
      filename: 'config/development.js',
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: false });`,
    },
    {
      code: `import { Pool } from 'pg';
if (process.env.CI) {
  new Pool({ host: 'db.example.com', ssl: false });
}`,
    },
    {
      code: `import { Pool } from 'pg';
const isDev = process.env.NODE_ENV !== 'production';
new Pool({ host: 'db.example.com', ssl: isDev ? false : { rejectUnauthorized: true } });`,
    },
    {
      code: `import { Pool } from 'pg';
const dev = process.env.NODE_ENV === 'development';
new Pool({ host: 'db.example.com', ssl: !dev && { rejectUnauthorized: true } });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: ['production', 'staging'].includes(process.env.NODE_ENV) ? { rejectUnauthorized: true } : false });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'localhost', ssl: false });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: '127.0.0.1' });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: '::1' });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: '/var/run/postgresql' });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool('postgres://app@localhost:5432/app?sslmode=disable');`,
    },
    {
      filename: 'src/db.test.js',
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: false });`,
    },
    {
      filename: 'test/helpers/db.js',
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: false });`,
    },
    {
      filename: 'test/helpers/db.js',
      secureDb: { profile: 'strict' },
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: false });`,
    },
    { code: POLICY_GUARD_EXAMPLE },
    {
      code: `import { Pool } from 'pg';
const isProduction = process.env.NODE_ENV === 'production';
const sslEnabled = process.env.DB_SSL === 'true';
if (isProduction && !sslEnabled) {
  console.error('Database TLS is required in production');
  process.exit(1);
}
export const pool = new Pool({
  host: process.env.DB_HOST, password: process.env.DB_PASSWORD,
  ssl: sslEnabled ? { rejectUnauthorized: process.env.DB_SSL_REJECT_UNAUTHORIZED !== 'false',
                      ca: process.env.DB_SSL_CA } : false,
});
`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: process.env.DB_SSL !== 'false' });`,
    },
    {
      code: `import { Pool } from 'pg';
const isProd = process.env.NODE_ENV === 'production';
new Pool({ host: 'db.example.com', ssl: isProd && { rejectUnauthorized: true } });`,
    },
    {
      code: `import { Pool } from 'pg';
if (process.env.NODE_ENV !== 'production') {
  new Pool({ host: 'db.example.com', ssl: false });
}`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: process.env.DB_SSL !== 'false' ? { rejectUnauthorized: true } : false });`,
    },
  ],
  invalid: [
    // TLS off while DB_SSL is unset is the default path, in both forms.
    ...Object.values(
      ifReturnAndTernary("process.env.DB_SSL === 'true'", '{ rejectUnauthorized: true }', 'false'),
    ).map((code) => ({
      code,
      errors: [
        {
          messageId: 'sslOff' as const,
          ...lastPosition(code, 'false'),
          suggestions: [{ output: replaceLast(code, 'false', '{ rejectUnauthorized: true }') }],
        },
      ],
    })),
    // A driver is known from a type annotation (POLICY): with it, `encrypt: false` is TLS off.
    {
      tsOnly: true,
      code: `import type { ConnectionConfiguration } from 'tedious';
export const config: ConnectionConfiguration = { server: 'db.example.com', options: { encrypt: false } };`,
      errors: [
        {
          messageId: 'mssqlEncryptOff',
          data: {
            driver: 'tedious',
            secure: 'options: { encrypt: true, trustServerCertificate: false }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 96,
          suggestions: [
            {
              output: `import type { ConnectionConfiguration } from 'tedious';
export const config: ConnectionConfiguration = { server: 'db.example.com', options: { encrypt: true } };`,
            },
          ],
        },
      ],
    },
    {
      tsOnly: true,
      code: `import type { DataSourceOptions } from 'typeorm';
export default { type: 'postgres', host: 'db.example.com', ssl: false } satisfies DataSourceOptions;`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'TypeORM (postgres)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 65,
          suggestions: [
            {
              output: `import type { DataSourceOptions } from 'typeorm';
export default { type: 'postgres', host: 'db.example.com', ssl: { rejectUnauthorized: true } } satisfies DataSourceOptions;`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: false });`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 41,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool as PgPool } from 'pg';
new PgPool({ host: 'db.example.com' });`,
      errors: [
        {
          messageId: 'sslMissing',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 1,
          suggestions: [
            {
              output: `import { Pool as PgPool } from 'pg';
new PgPool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import * as pg from 'pg';
new pg.Client({ host: 'db.example.com', ssl: false });`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 46,
          suggestions: [
            {
              output: `import * as pg from 'pg';
new pg.Client({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const { Pool } = require('pg');
new Pool({
  host: 'db.example.com',
  port: 5432,
});`,
      errors: [
        {
          messageId: 'sslMissing',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 1,
          suggestions: [
            {
              output: `const { Pool } = require('pg');
new Pool({
  host: 'db.example.com',
  port: 5432,
  ssl: { rejectUnauthorized: true },
});`,
            },
          ],
        },
      ],
    },
    {
      code: `const Pool = require('pg').Pool;
new Pool({ host: 'db.example.com', ssl: 0 });`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: '0',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 41,
          suggestions: [
            {
              output: `const Pool = require('pg').Pool;
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const pg = require('pg');
const pool = new pg.Pool('postgres://app@db.example.com/app');`,
      errors: [
        {
          messageId: 'pgUrlWithoutTls',
          data: {
            driver: 'node-postgres (pg)',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 26,
          suggestions: [
            {
              output: `const pg = require('pg');
const pool = new pg.Pool('postgres://app@db.example.com/app?sslmode=verify-full');`,
            },
          ],
        },
      ],
    },
    {
      code: `const pg = require('pg');
new pg.native.Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
      errors: [
        {
          messageId: 'pgNativeWithoutSslmode',
          data: {
            driver: 'pg-native',
            secure: "ssl: { sslmode: 'verify-full' }",
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 51,
          suggestions: [
            {
              output: `const pg = require('pg');
new pg.native.Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true, sslmode: 'verify-full' } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', sslmode: 'require' });`,
      errors: [
        {
          messageId: 'sslKeyIgnored',
          data: {
            driver: 'node-postgres (pg)',
            key: 'sslmode',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 36,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', sslmode: 'require', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import pg from 'pg';
new pg.native.Client({ host: 'db.example.com', ssl: { sslrootcert: '/etc/ssl/ca.pem' } });`,
      errors: [
        {
          messageId: 'pgNativeWithoutSslmode',
          data: {
            driver: 'pg-native',
            secure: "ssl: { sslmode: 'verify-full' }",
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 53,
          suggestions: [
            {
              output: `import pg from 'pg';
new pg.native.Client({ host: 'db.example.com', ssl: { sslrootcert: '/etc/ssl/ca.pem', sslmode: 'verify-full' } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?ssl=0' });`,
      errors: [
        {
          messageId: 'settingTurnsTlsOff',
          data: {
            driver: 'node-postgres (pg)',
            setting: 'ssl=0',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 65,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?ssl=0&sslmode=verify-full' });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
const config = { host: 'db.example.com', ssl: false };
new Pool(config);`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 47,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
const config = { host: 'db.example.com', ssl: { rejectUnauthorized: true } };
new Pool(config);`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
const base = { host: 'db.example.com' };
new Pool({ ...base, ssl: false });`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 3,
          column: 26,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
const base = { host: 'db.example.com' };
new Pool({ ...base, ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
new Pool(Object.assign({}, { host: 'db.example.com' }, { ssl: false }));`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 63,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool(Object.assign({}, { host: 'db.example.com' }, { ssl: { rejectUnauthorized: true } }));`,
            },
          ],
        },
      ],
    },
    {
      tsOnly: true,
      code: `import { Pool } from 'pg';
const config = { host: 'db.example.com', ssl: false } as const;
new Pool(config);`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 47,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
const config = { host: 'db.example.com', ssl: { rejectUnauthorized: true } } as const;
new Pool(config);`,
            },
          ],
        },
      ],
    },
    {
      tsOnly: true,
      code: `import { Pool, type PoolConfig } from 'pg';
const config = { host: 'db.example.com', ssl: false } satisfies PoolConfig;
new Pool(config);`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 47,
          suggestions: [
            {
              output: `import { Pool, type PoolConfig } from 'pg';
const config = { host: 'db.example.com', ssl: { rejectUnauthorized: true } } satisfies PoolConfig;
new Pool(config);`,
            },
          ],
        },
      ],
    },
    {
      code: `const pgp = require('pg-promise')();
const db = pgp({ host: 'db.example.com', password: process.env.DB_PASSWORD });`,
      errors: [
        {
          messageId: 'sslMissing',
          data: {
            driver: 'pg-promise',
            key: 'ssl',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 12,
          suggestions: [
            {
              output: `const pgp = require('pg-promise')();
const db = pgp({ host: 'db.example.com', password: process.env.DB_PASSWORD, ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import knex from 'knex';
knex({ client: 'pg', connection: { host: 'db.example.com', ssl: false } });`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'knex (pg client)',
            key: 'connection.ssl',
            value: 'false',
            secure: 'connection.ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 65,
          suggestions: [
            {
              output: `import knex from 'knex';
knex({ client: 'pg', connection: { host: 'db.example.com', ssl: { rejectUnauthorized: true } } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import knex from 'knex';
knex({ client: 'mssql', connection: { server: 'db.example.com' } });`,
      errors: [
        {
          messageId: 'mssqlEncryptDefaultsOff',
          data: {
            driver: 'knex (mssql client)',
            secure: 'options: { encrypt: true, trustServerCertificate: false }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 1,
          suggestions: [
            {
              output: `import knex from 'knex';
knex({ client: 'mssql', connection: { server: 'db.example.com', options: { encrypt: true } } });`,
            },
          ],
        },
      ],
    },
    {
      filename: 'knexfile.js',
      code: `module.exports = {
  development: { client: 'pg', connection: { host: 'db.example.com' } },
  staging: { client: 'pg', connection: { host: 'db.example.com' } },
  production: { client: 'pg', connection: { host: 'db.example.com', ssl: { rejectUnauthorized: true } } },
};`,
      errors: [
        {
          messageId: 'sslMissing',
          data: {
            driver: 'knex (pg client)',
            key: 'connection.ssl',
            secure: 'connection.ssl: { rejectUnauthorized: true }',
            environment: 'production: key `staging` of the environment map',
          },
          line: 3,
          column: 40,
          suggestions: [
            {
              output: `module.exports = {
  development: { client: 'pg', connection: { host: 'db.example.com' } },
  staging: { client: 'pg', connection: { host: 'db.example.com', ssl: { rejectUnauthorized: true } } },
  production: { client: 'pg', connection: { host: 'db.example.com', ssl: { rejectUnauthorized: true } } },
};`,
            },
          ],
        },
      ],
    },
    {
      filename: 'knexfile.js',
      secureDb: { profile: 'strict' },
      code: `module.exports = {
  development: { client: 'pg', connection: { host: 'db.example.com' } },
  staging: { client: 'pg', connection: { host: 'db.example.com' } },
};`,
      errors: [
        {
          messageId: 'sslMissing',
          data: {
            driver: 'knex (pg client)',
            key: 'connection.ssl',
            secure: 'connection.ssl: { rejectUnauthorized: true }',
            environment: 'development: key `development` of the environment map',
          },
          line: 2,
          column: 44,
          suggestions: [
            {
              output: `module.exports = {
  development: { client: 'pg', connection: { host: 'db.example.com', ssl: { rejectUnauthorized: true } } },
  staging: { client: 'pg', connection: { host: 'db.example.com' } },
};`,
            },
          ],
        },
        {
          messageId: 'sslMissing',
          data: {
            driver: 'knex (pg client)',
            key: 'connection.ssl',
            secure: 'connection.ssl: { rejectUnauthorized: true }',
            environment: 'production: key `staging` of the environment map',
          },
          line: 3,
          column: 40,
          suggestions: [
            {
              output: `module.exports = {
  development: { client: 'pg', connection: { host: 'db.example.com' } },
  staging: { client: 'pg', connection: { host: 'db.example.com', ssl: { rejectUnauthorized: true } } },
};`,
            },
          ],
        },
      ],
    },
    {
      filename: 'config/database.js',
      code: `module.exports = ({ env }) => ({
  connection: {
    client: 'postgres',
    connection: { host: env('DATABASE_HOST'), ssl: env.bool('DATABASE_SSL', false) && { rejectUnauthorized: true } },
  },
});`,
      errors: [
        {
          messageId: 'sslOffByDefault',
          data: {
            driver: 'Strapi (pg client)',
            key: 'connection.connection.ssl',
            env: 'DATABASE_SSL',
            secure: 'connection.connection.ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 4,
          column: 77,
          suggestions: [
            {
              output: `module.exports = ({ env }) => ({
  connection: {
    client: 'postgres',
    connection: { host: env('DATABASE_HOST'), ssl: env.bool('DATABASE_SSL', true) && { rejectUnauthorized: true } },
  },
});`,
            },
          ],
        },
      ],
    },
    {
      code: `import { DataSource } from 'typeorm';
export default new DataSource({ type: 'postgres', host: 'db.example.com' });`,
      errors: [
        {
          messageId: 'sslMissing',
          data: {
            driver: 'TypeORM (postgres)',
            key: 'ssl',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 16,
          suggestions: [
            {
              output: `import { DataSource } from 'typeorm';
export default new DataSource({ type: 'postgres', host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { DataSource } from 'typeorm';
new DataSource({ type: 'postgres', host: 'db.example.com', ssl: true, extra: { ssl: false } });`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'TypeORM (postgres)',
            key: 'extra.ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 85,
          suggestions: [
            {
              output: `import { DataSource } from 'typeorm';
new DataSource({ type: 'postgres', host: 'db.example.com', ssl: true, extra: { ssl: { rejectUnauthorized: true } } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { TypeOrmModule } from '@nestjs/typeorm';
TypeOrmModule.forRoot({ type: 'postgres', host: 'db.example.com', ssl: false });`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'TypeORM (postgres)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 72,
          suggestions: [
            {
              output: `import { TypeOrmModule } from '@nestjs/typeorm';
TypeOrmModule.forRoot({ type: 'postgres', host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      tsOnly: true,
      code: `import { TypeOrmModule } from '@nestjs/typeorm';
TypeOrmModule.forRootAsync({
  inject: [ConfigService],
  useFactory: (config: ConfigService) => ({ type: 'postgres', host: config.get('DB_HOST'), ssl: false }),
});`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'TypeORM (postgres)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 4,
          column: 97,
          suggestions: [
            {
              output: `import { TypeOrmModule } from '@nestjs/typeorm';
TypeOrmModule.forRootAsync({
  inject: [ConfigService],
  useFactory: (config: ConfigService) => ({ type: 'postgres', host: config.get('DB_HOST'), ssl: { rejectUnauthorized: true } }),
});`,
            },
          ],
        },
      ],
    },
    {
      code: `import { TypeOrmModule } from '@nestjs/typeorm';
TypeOrmModule.forRootAsync({
  useFactory: () => ({ type: 'mssql', host: 'db.example.com', options: { encrypt: false } }),
});`,
      errors: [
        {
          messageId: 'mssqlEncryptOff',
          data: {
            driver: 'TypeORM (mssql)',
            secure: 'options: { encrypt: true, trustServerCertificate: false }',
            environment: 'not stated, so treated as production',
          },
          line: 3,
          column: 83,
          suggestions: [
            {
              output: `import { TypeOrmModule } from '@nestjs/typeorm';
TypeOrmModule.forRootAsync({
  useFactory: () => ({ type: 'mssql', host: 'db.example.com', options: { encrypt: true } }),
});`,
            },
          ],
        },
      ],
    },
    {
      code: `const { Sequelize } = require('sequelize');
new Sequelize('app', 'app', process.env.DB_PASSWORD, { host: 'db.example.com', dialect: 'postgres', ssl: true });`,
      errors: [
        {
          messageId: 'sslKeyIgnored',
          data: {
            driver: 'Sequelize (postgres)',
            key: 'ssl',
            secure: 'dialectOptions.ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 101,
          suggestions: [
            {
              output: `const { Sequelize } = require('sequelize');
new Sequelize('app', 'app', process.env.DB_PASSWORD, { host: 'db.example.com', dialect: 'postgres', ssl: true, dialectOptions: { ssl: { rejectUnauthorized: true } } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const { Sequelize } = require('sequelize');
new Sequelize({ host: 'db.example.com', dialect: 'postgres' });`,
      errors: [
        {
          messageId: 'sslMissing',
          data: {
            driver: 'Sequelize (postgres)',
            key: 'dialectOptions.ssl',
            secure: 'dialectOptions.ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 1,
          suggestions: [
            {
              output: `const { Sequelize } = require('sequelize');
new Sequelize({ host: 'db.example.com', dialect: 'postgres', dialectOptions: { ssl: { rejectUnauthorized: true } } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const mysql = require('mysql2');
mysql.createConnection({ host: 'db.example.com', user: 'app' });`,
      errors: [
        {
          messageId: 'sslMissing',
          data: {
            driver: 'mysql2',
            key: 'ssl',
            secure: 'ssl: { rejectUnauthorized: true, verifyIdentity: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 1,
          suggestions: [
            {
              output: `const mysql = require('mysql2');
mysql.createConnection({ host: 'db.example.com', user: 'app', ssl: { rejectUnauthorized: true, verifyIdentity: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const mysql = require('mysql2/promise');
await mysql.createPool({ host: 'db.example.com', ssl: false });`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'mysql2',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true, verifyIdentity: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 55,
          suggestions: [
            {
              output: `const mysql = require('mysql2/promise');
await mysql.createPool({ host: 'db.example.com', ssl: { rejectUnauthorized: true, verifyIdentity: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const mysql = require('mysql');
mysql.createPool({ host: 'db.example.com' });`,
      errors: [
        {
          messageId: 'sslMissing',
          data: {
            driver: 'mysql (mysqljs)',
            key: 'ssl',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 1,
          suggestions: [
            {
              output: `const mysql = require('mysql');
mysql.createPool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const mariadb = require('mariadb');
mariadb.createPool({ host: 'db.example.com' });`,
      errors: [
        {
          messageId: 'sslMissing',
          data: {
            driver: 'mariadb connector',
            key: 'ssl',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 1,
          suggestions: [
            {
              output: `const mariadb = require('mariadb');
mariadb.createPool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import postgres from 'postgres';
const sql = postgres({ host: 'db.example.com' });`,
      errors: [
        {
          messageId: 'sslMissing',
          data: {
            driver: 'postgres.js',
            key: 'ssl',
            secure: "ssl: 'verify-full'",
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 13,
          suggestions: [
            {
              output: `import postgres from 'postgres';
const sql = postgres({ host: 'db.example.com', ssl: 'verify-full' });`,
            },
          ],
        },
      ],
    },
    {
      code: `import postgres from 'postgres';
const sql = postgres('postgres://app@db.example.com/app');`,
      errors: [
        {
          messageId: 'postgresjsUrlWithoutSslmode',
          data: {
            driver: 'postgres.js',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 22,
          suggestions: [
            {
              output: `import postgres from 'postgres';
const sql = postgres('postgres://app@db.example.com/app?sslmode=verify-full');`,
            },
          ],
        },
      ],
    },
    {
      code: `import { createPool } from 'slonik';
await createPool('postgres://app@db.example.com/app');`,
      errors: [
        {
          messageId: 'slonikDsnWithoutSslmode',
          data: {
            driver: 'Slonik',
            secure: 'sslmode=require (Slonik verifies fully with it)',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 18,
          suggestions: [
            {
              output: `import { createPool } from 'slonik';
await createPool('postgres://app@db.example.com/app?sslmode=require');`,
            },
          ],
        },
      ],
    },
    {
      filename: 'drizzle.config.ts',
      code: `import { defineConfig } from 'drizzle-kit';
export default defineConfig({ dialect: 'postgresql', dbCredentials: { host: 'db.example.com', ssl: false } });`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'drizzle-kit (postgresql)',
            key: 'dbCredentials.ssl',
            value: 'false',
            secure: "dbCredentials.ssl: 'verify-full'",
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 100,
          suggestions: [
            {
              output: `import { defineConfig } from 'drizzle-kit';
export default defineConfig({ dialect: 'postgresql', dbCredentials: { host: 'db.example.com', ssl: 'verify-full' } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle({ connection: { host: 'db.example.com', ssl: false } });`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'drizzle-orm (node-postgres)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 65,
          suggestions: [
            {
              output: `import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle({ connection: { host: 'db.example.com', ssl: { rejectUnauthorized: true } } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle('postgres://app@db.example.com/app');`,
      errors: [
        {
          messageId: 'pgUrlWithoutTls',
          data: {
            driver: 'drizzle-orm (node-postgres)',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 20,
          suggestions: [
            {
              output: `import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle('postgres://app@db.example.com/app?sslmode=verify-full');`,
            },
          ],
        },
      ],
    },
    {
      code: `import { MikroORM } from '@mikro-orm/postgresql';
await MikroORM.init({ clientUrl: 'postgres://app@db.example.com/app?sslmode=verify-full' });`,
      errors: [
        {
          messageId: 'urlParameterIgnored',
          data: {
            driver: 'MikroORM',
            param: 'sslmode',
            secure: 'the TLS option of the config object',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 69,
        },
      ],
    },
    {
      code: `import { MikroORM } from '@mikro-orm/postgresql';
await MikroORM.init({ clientUrl: 'postgres://app@db.example.com/app' });`,
      errors: [
        {
          messageId: 'sslMissing',
          data: {
            driver: 'MikroORM',
            key: 'driverOptions.ssl',
            secure: 'driverOptions.ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 7,
          suggestions: [
            {
              output: `import { MikroORM } from '@mikro-orm/postgresql';
await MikroORM.init({ clientUrl: 'postgres://app@db.example.com/app', driverOptions: { ssl: { rejectUnauthorized: true } } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { PrismaClient } from '@prisma/client';
new PrismaClient({ datasourceUrl: 'postgresql://app@db.example.com/app' });`,
      errors: [
        {
          messageId: 'prismaUrlWithoutSslmode',
          data: {
            driver: 'Prisma',
            secure: 'sslmode=require&sslaccept=strict',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 35,
          suggestions: [
            {
              output: `import { PrismaClient } from '@prisma/client';
new PrismaClient({ datasourceUrl: 'postgresql://app@db.example.com/app?sslmode=require&sslaccept=strict' });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { PrismaPg } from '@prisma/adapter-pg';
new PrismaPg({ connectionString: 'postgresql://app@db.example.com/app' });`,
      errors: [
        {
          messageId: 'pgUrlWithoutTls',
          data: {
            driver: 'Prisma adapter-pg',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 34,
          suggestions: [
            {
              output: `import { PrismaPg } from '@prisma/adapter-pg';
new PrismaPg({ connectionString: 'postgresql://app@db.example.com/app?sslmode=verify-full' });`,
            },
          ],
        },
      ],
    },
    {
      code: `const { MongoClient } = require('mongodb');
new MongoClient('mongodb://db.example.com:27017/app');`,
      errors: [
        {
          messageId: 'mongodbUrlWithoutTls',
          data: {
            driver: 'MongoDB',
            secure: 'tls=true',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 17,
          suggestions: [
            {
              output: `const { MongoClient } = require('mongodb');
new MongoClient('mongodb://db.example.com:27017/app?tls=true');`,
            },
          ],
        },
      ],
    },
    {
      code: `const mongoose = require('mongoose');
mongoose.connect('mongodb+srv://cluster0.example.net/app?tls=false');`,
      errors: [
        {
          messageId: 'mongodbUrlTlsOff',
          data: {
            driver: 'MongoDB',
            secure: 'tls=true',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 58,
          suggestions: [
            {
              output: `const mongoose = require('mongoose');
mongoose.connect('mongodb+srv://cluster0.example.net/app?tls=true');`,
            },
          ],
        },
      ],
    },
    {
      code: `const sql = require('mssql');
sql.connect({ server: 'db.example.com', options: { encrypt: false } });`,
      errors: [
        {
          messageId: 'mssqlEncryptOff',
          data: {
            driver: 'mssql',
            secure: 'options: { encrypt: true, trustServerCertificate: false }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 61,
          suggestions: [
            {
              output: `const sql = require('mssql');
sql.connect({ server: 'db.example.com', options: { encrypt: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const sql = require('mssql');
sql.connect('Server=db.example.com;Database=app;Encrypt=false');`,
      errors: [
        {
          messageId: 'settingTurnsTlsOff',
          data: {
            driver: 'mssql',
            setting: 'Encrypt=false',
            secure: 'Encrypt=true;TrustServerCertificate=false',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 49,
        },
      ],
    },
    {
      code: `const { Connection } = require('tedious');
new Connection({ server: 'db.example.com', options: { encrypt: false } });`,
      errors: [
        {
          messageId: 'mssqlEncryptOff',
          data: {
            driver: 'tedious',
            secure: 'options: { encrypt: true, trustServerCertificate: false }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 64,
          suggestions: [
            {
              output: `const { Connection } = require('tedious');
new Connection({ server: 'db.example.com', options: { encrypt: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const Redis = require('ioredis');
new Redis('redis://cache.example.com:6379');`,
      errors: [
        {
          messageId: 'redisUrlWithoutTls',
          data: {
            driver: 'ioredis',
            secure: 'a `rediss://` URL',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 11,
        },
      ],
    },
    {
      code: `const Redis = require('ioredis');
new Redis({ host: 'cache.example.com' });`,
      errors: [
        {
          messageId: 'sslMissing',
          data: {
            driver: 'ioredis',
            key: 'tls',
            secure: 'tls: {}',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 1,
          suggestions: [
            {
              output: `const Redis = require('ioredis');
new Redis({ host: 'cache.example.com', tls: {} });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { createClient } from 'redis';
createClient({ url: 'redis://cache.example.com:6379' });`,
      errors: [
        {
          messageId: 'redisUrlWithoutTls',
          data: {
            driver: 'node-redis',
            secure: 'a `rediss://` URL',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 21,
        },
      ],
    },
    {
      code: `import Redis from 'ioredis';
new Redis(6379, 'cache.example.com');`,
      errors: [
        {
          messageId: 'sslMissing',
          data: {
            driver: 'ioredis',
            key: 'tls',
            secure: 'tls: {}',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 1,
        },
      ],
    },
    {
      code: `export const dbConfig = { host: 'db.example.com', user: 'app', database: 'app', ssl: false };`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'database config',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 86,
        },
      ],
    },
    {
      tsOnly: true,
      filename: 'knexfile.ts',
      code: `import type { Knex } from 'knex';
const config: Knex.Config = { client: 'postgresql', connection: { host: 'db.example.com', database: 'app' } };
export default config;`,
      errors: [
        {
          messageId: 'sslMissing',
          data: {
            driver: 'knex (pg client)',
            key: 'connection.ssl',
            secure: 'connection.ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 65,
          suggestions: [
            {
              output: `import type { Knex } from 'knex';
const config: Knex.Config = { client: 'postgresql', connection: { host: 'db.example.com', database: 'app', ssl: { rejectUnauthorized: true } } };
export default config;`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
const env = process.env.NODE_ENV;
if (env === 'development') {
  new Pool({ host: 'db.example.com', ssl: false });
} else {
  new Pool({ host: 'db.example.com', ssl: false });
}`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: "production: the `else` of `if (env === 'development')`",
          },
          line: 6,
          column: 43,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
const env = process.env.NODE_ENV;
if (env === 'development') {
  new Pool({ host: 'db.example.com', ssl: false });
} else {
  new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: process.env.NODE_ENV === 'staging' ? false : true });`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: "production: branch `process.env.NODE_ENV === 'staging' ? … : …`",
          },
          line: 2,
          column: 78,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: process.env.NODE_ENV === 'staging' ? { rejectUnauthorized: true } : true });`,
            },
          ],
        },
      ],
    },
    {
      filename: 'config/development.js',
      secureDb: { profile: 'strict' },
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: false });`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'development: file name `development.js`',
          },
          line: 2,
          column: 41,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      filename: 'config/production.js',
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: false });`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'production: file name `production.js`',
          },
          line: 2,
          column: 41,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      filename: 'config/development.js',
      code: `import { Pool } from 'pg';
if (process.env.NODE_ENV === 'production') {
  new Pool({ host: 'db.example.com', ssl: false });
}`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: "production: branch `if (process.env.NODE_ENV === 'production')`",
          },
          line: 3,
          column: 43,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
if (process.env.NODE_ENV === 'production') {
  new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
const config = {
  development: { host: 'db.example.com', ssl: false },
  production: { host: 'db.example.com', ssl: false },
};
export default new Pool(config[process.env.NODE_ENV || 'development']);`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'production: key `production` of the environment map',
          },
          line: 4,
          column: 46,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
const config = {
  development: { host: 'db.example.com', ssl: false },
  production: { host: 'db.example.com', ssl: { rejectUnauthorized: true } },
};
export default new Pool(config[process.env.NODE_ENV || 'development']);`,
            },
          ],
        },
      ],
    },
    {
      filename: 'ormconfig.js',
      code: `module.exports = [
  { name: 'default', type: 'postgres', host: 'db.example.com', ssl: false },
  { name: 'test', type: 'postgres', host: 'db.example.com', ssl: false },
];`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'TypeORM (postgres)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 69,
          suggestions: [
            {
              output: `module.exports = [
  { name: 'default', type: 'postgres', host: 'db.example.com', ssl: { rejectUnauthorized: true } },
  { name: 'test', type: 'postgres', host: 'db.example.com', ssl: false },
];`,
            },
          ],
        },
      ],
    },
    {
      filename: 'config/config.js',
      code: `module.exports = {
  development: { host: 'db.example.com', dialect: 'postgres' },
  test: { host: 'db.example.com', dialect: 'postgres' },
  production: { host: 'db.example.com', dialect: 'postgres' },
};`,
      errors: [
        {
          messageId: 'sslMissing',
          data: {
            driver: 'Sequelize (postgres)',
            key: 'dialectOptions.ssl',
            secure: 'dialectOptions.ssl: { rejectUnauthorized: true }',
            environment: 'production: key `production` of the environment map',
          },
          line: 4,
          column: 15,
          suggestions: [
            {
              output: `module.exports = {
  development: { host: 'db.example.com', dialect: 'postgres' },
  test: { host: 'db.example.com', dialect: 'postgres' },
  production: { host: 'db.example.com', dialect: 'postgres', dialectOptions: { ssl: { rejectUnauthorized: true } } },
};`,
            },
          ],
        },
      ],
    },
    {
      secureDb: { profile: 'strict' },
      code: `import { Pool } from 'pg';
new Pool({ host: 'localhost', ssl: false });`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 36,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'localhost', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      secureDb: { profile: 'strict' },
      code: `import { Pool } from 'pg';
new Pool({ host: '/var/run/postgresql' });`,
      errors: [
        {
          messageId: 'sslMissing',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 1,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: '/var/run/postgresql', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      secureDb: { profile: 'strict' },
      code: `import { Pool } from 'pg';
new Pool({ connectionString: process.env.DATABASE_URL });`,
      errors: [
        {
          messageId: 'tlsNotInCodeUrlFromEnvironment',
          data: {
            driver: 'node-postgres (pg)',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 1,
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
const isProduction = process.env.NODE_ENV === 'production';
const sslEnabled = process.env.DB_SSL === 'true';
export const pool = new Pool({
  host: process.env.DB_HOST, password: process.env.DB_PASSWORD,
  ssl: sslEnabled ? { rejectUnauthorized: process.env.DB_SSL_REJECT_UNAUTHORIZED !== 'false',
                      ca: process.env.DB_SSL_CA } : false,
});
`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 7,
          column: 53,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
const isProduction = process.env.NODE_ENV === 'production';
const sslEnabled = process.env.DB_SSL === 'true';
export const pool = new Pool({
  host: process.env.DB_HOST, password: process.env.DB_PASSWORD,
  ssl: sslEnabled ? { rejectUnauthorized: process.env.DB_SSL_REJECT_UNAUTHORIZED !== 'false',
                      ca: process.env.DB_SSL_CA } : { rejectUnauthorized: true },
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: process.env.DB_SSL === 'true' });`,
      errors: [
        {
          messageId: 'sslOffByDefault',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            env: 'DB_SSL',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 41,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: process.env.DB_SSL === 'true' && { rejectUnauthorized: true } });`,
      errors: [
        {
          messageId: 'sslOffByDefault',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            env: 'DB_SSL',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 41,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
switch (process.env.NODE_ENV) {
  case 'development':
    new Pool({ host: 'db.example.com', ssl: false });
    break;
  case 'production':
    new Pool({ host: 'db.example.com', ssl: false });
}`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: "production: `case 'production'`",
          },
          line: 7,
          column: 45,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
switch (process.env.NODE_ENV) {
  case 'development':
    new Pool({ host: 'db.example.com', ssl: false });
    break;
  case 'production':
    new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: process.env.DB_SSL });`,
      errors: [
        {
          messageId: 'sslRawEnvironmentString',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 41,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      secureDb: { profile: 'strict' },
      code: `import { Client } from 'pg';
new Client();`,
      errors: [
        {
          messageId: 'tlsNotInCode',
          data: {
            driver: 'node-postgres (pg)',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 1,
        },
      ],
    },
    {
      code: `const { Sequelize } = require('sequelize');
new Sequelize({ host: 'db.example.com', dialect: 'postgres', ssl: false });`,
      errors: [
        {
          messageId: 'sslMissing',
          data: {
            driver: 'Sequelize (postgres)',
            key: 'dialectOptions.ssl',
            secure: 'dialectOptions.ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 1,
          suggestions: [
            {
              output: `const { Sequelize } = require('sequelize');
new Sequelize({ host: 'db.example.com', dialect: 'postgres', ssl: false, dialectOptions: { ssl: { rejectUnauthorized: true } } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: process.env.DB_SSL === 'true' ? { rejectUnauthorized: true } : false });`,
      errors: [
        {
          messageId: 'sslOff',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: 'false',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 104,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: process.env.DB_SSL === 'true' ? { rejectUnauthorized: true } : { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
  ],
});

describe('named TypeORM connections', () => {
  // POLICY evidence 2: a TypeORM connection named `test` is a development site.
  runRuleTests('require-ssl', rule, {
    valid: [
      {
        code: `import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ name: 'test', type: 'postgres', host: 'db.internal', ssl: false });`,
      },
    ],
    invalid: [
      {
        code: `import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ name: 'reporting', type: 'postgres', host: 'db.internal', ssl: false });`,
        errors: [
          {
            messageId: 'sslOff',
            data: {
              driver: 'TypeORM (postgres)',
              key: 'ssl',
              value: 'false',
              secure: 'ssl: { rejectUnauthorized: true }',
              environment: 'not stated, so treated as production',
            },
            line: 2,
            column: 99,
            suggestions: [
              {
                messageId: 'applyFix',
                output: `import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ name: 'reporting', type: 'postgres', host: 'db.internal', ssl: { rejectUnauthorized: true } });`,
              },
            ],
          },
        ],
      },
    ],
  });
});

describe('settings', () => {
  const off = `import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.internal', ssl: false });`;
  runRuleTests('require-ssl', rule, {
    valid: [
      // `environments.development` globs name development files the file name alone does not.
      {
        code: off,
        filename: 'scripts/seed.js',
        secureDb: { environments: { development: ['scripts/**'] } },
      },
    ],
    invalid: [
      // A production glob beats a development-looking name.
      {
        code: off,
        filename: 'deploy/dev-tools.js',
        secureDb: { environments: { production: ['deploy/**'] } },
        errors: [
          {
            messageId: 'sslOff',
            data: {
              driver: 'node-postgres (pg)',
              key: 'ssl',
              value: 'false',
              secure: 'ssl: { rejectUnauthorized: true }',
              environment: 'production: path matches the `production` patterns',
            },
            line: 2,
            column: 58,
            suggestions: [
              { output: off.replace('ssl: false', 'ssl: { rejectUnauthorized: true }') },
            ],
          },
        ],
      },
      // `autofix: true` applies the secure default with --fix; the suggestion stays.
      {
        code: off,
        secureDb: { autofix: true },
        output: off.replace('ssl: false', 'ssl: { rejectUnauthorized: true }'),
        errors: [
          {
            messageId: 'sslOff',
            data: {
              driver: 'node-postgres (pg)',
              key: 'ssl',
              value: 'false',
              secure: 'ssl: { rejectUnauthorized: true }',
              environment: 'not stated, so treated as production',
            },
            line: 2,
            column: 58,
            suggestions: [
              { output: off.replace('ssl: false', 'ssl: { rejectUnauthorized: true }') },
            ],
          },
        ],
      },
      // POLICY "Fixes": `eslint --fix` never touches a development site, even with
      // `profile: 'strict', autofix: true`; the suggestion is still offered.
      {
        code: off,
        filename: 'config/development.js',
        secureDb: { profile: 'strict', autofix: true },
        output: null,
        errors: [
          {
            messageId: 'sslOff',
            data: {
              driver: 'node-postgres (pg)',
              key: 'ssl',
              value: 'false',
              secure: 'ssl: { rejectUnauthorized: true }',
              environment: 'development: file name `development.js`',
            },
            line: 2,
            column: 58,
            suggestions: [
              { output: off.replace('ssl: false', 'ssl: { rejectUnauthorized: true }') },
            ],
          },
        ],
      },
      {
        code: `import { Pool } from 'pg';
export const pool =
  process.env.NODE_ENV !== 'production'
    ? new Pool({ host: 'db.example.com', ssl: false })
    : new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
        secureDb: { profile: 'strict', autofix: true },
        output: null,
        errors: [
          {
            messageId: 'sslOff',
            data: {
              driver: 'node-postgres (pg)',
              key: 'ssl',
              value: 'false',
              secure: 'ssl: { rejectUnauthorized: true }',
              environment: "development: branch `process.env.NODE_ENV !== 'production' ? … : …`",
            },
            line: 4,
            column: 47,
            suggestions: [
              {
                output: `import { Pool } from 'pg';
export const pool =
  process.env.NODE_ENV !== 'production'
    ? new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } })
    : new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
              },
            ],
          },
        ],
      },
    ],
  });
});
