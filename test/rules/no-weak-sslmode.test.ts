/**
 * RuleTester cases for `secure-db/no-weak-sslmode` (see POLICY.md and DRIVERS.md). Run with
 * espree and @typescript-eslint/parser by ./helpers.ts; the default file name is
 * `src/db.js` (environment unknown, so production).
 */
import rule from '../../rules/no-weak-sslmode.js';
import { POLICY_GUARD_EXAMPLE, runRuleTests } from './helpers.js';

runRuleTests('no-weak-sslmode', rule, {
  valid: [
    { code: POLICY_GUARD_EXAMPLE },
    {
      code: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=verify-full' });`,
    },
    {
      secureDb: { minimumSslmode: 'require' },
      code: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=require' });`,
    },
    {
      options: [{ minimum: 'require' }],
      code: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=require' });`,
    },
    {
      options: [{ minimum: 'verify-ca' }],
      code: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=verify-ca' });`,
    },
    {
      code: `export const DATABASE_URL = 'postgres://app@db.example.com/app?sslmode=verify-full';`,
    },
    {
      code: `const mysql = require('mysql2/promise');
await mysql.createPool({ host: 'db.example.com', ssl: { rejectUnauthorized: true, verifyIdentity: true } });`,
    },
    {
      secureDb: { minimumSslmode: 'verify-ca' },
      code: `const mysql = require('mysql2');
mysql.createConnection({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
    },
    {
      code: `const mariadb = require('mariadb');
mariadb.createPool({ host: 'db.example.com', ssl: { ca: process.env.DB_CA } });`,
    },
    {
      code: `import postgres from 'postgres';
const sql = postgres({ host: 'db.example.com', ssl: 'verify-full' });`,
    },
    {
      code: `import postgres from 'postgres';
const sql = postgres('postgres://app@db.example.com/app?sslmode=verify-full');`,
    },
    {
      secureDb: { minimumSslmode: 'require' },
      code: `import postgres from 'postgres';
const sql = postgres({ host: 'db.example.com', ssl: 'require' });`,
    },
    {
      code: `import { createPool } from 'slonik';
await createPool('postgres://app@db.example.com/app?sslmode=require');`,
    },
    {
      filename: 'drizzle.config.ts',
      code: `import { defineConfig } from 'drizzle-kit';
export default defineConfig({ dialect: 'postgresql', dbCredentials: { host: 'db.example.com' } });`,
    },
    {
      filename: 'drizzle.config.ts',
      code: `import { defineConfig } from 'drizzle-kit';
export default defineConfig({ dialect: 'postgresql', dbCredentials: { host: 'db.example.com', ssl: 'verify-full' } });`,
    },
    {
      code: `import { PrismaClient } from '@prisma/client';
new PrismaClient({ datasourceUrl: 'postgresql://app@db.example.com/app?sslmode=require&sslaccept=strict' });`,
    },
    {
      code: `import { PrismaPg } from '@prisma/adapter-pg';
new PrismaPg({ connectionString: 'postgresql://app@db.example.com/app?sslmode=verify-full' });`,
    },
    {
      code: `import { Pool } from 'pg';
const url = process.env.NODE_ENV === 'development' ? 'postgres://app@db.example.com/app?sslmode=prefer' : process.env.DATABASE_URL;
new Pool({ connectionString: url });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@localhost/app?sslmode=prefer' });`,
    },
    {
      filename: 'src/__tests__/db.js',
      code: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=require' });`,
    },
    {
      filename: 'src/db.development.js',
      code: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=require' });`,
    },
  ],
  invalid: [
    {
      code: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=require' });`,
      errors: [
        {
          messageId: 'pgUrlSslmodeRequire',
          data: {
            driver: 'node-postgres (pg)',
            setting: 'sslmode=require',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
          },
          line: 2,
          column: 65,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=verify-full' });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
new Pool('postgresql://app@db.example.com:5432/app?sslmode=prefer&application_name=api');`,
      errors: [
        {
          messageId: 'pgUrlSslmodePrefer',
          data: {
            driver: 'node-postgres (pg)',
            setting: 'sslmode=prefer',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
          },
          line: 2,
          column: 52,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool('postgresql://app@db.example.com:5432/app?sslmode=verify-full&application_name=api');`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=verify-ca' });`,
      errors: [
        {
          messageId: 'pgUrlSslmodeVerifyCa',
          data: {
            driver: 'node-postgres (pg)',
            setting: 'sslmode=verify-ca',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
          },
          line: 2,
          column: 65,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=verify-full' });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=strict' });`,
      errors: [
        {
          messageId: 'invalidUrlSslmode',
          data: {
            driver: 'node-postgres (pg)',
            value: 'strict',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 65,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=verify-full' });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: 'require' });`,
      errors: [
        {
          messageId: 'pgSslString',
          data: {
            driver: 'node-postgres (pg)',
            key: 'ssl',
            value: 'require',
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
new Pool({ connectionString: 'postgres://app@db.example.com/app?ssl=false' });`,
      errors: [
        {
          messageId: 'pgUrlSslString',
          data: {
            driver: 'node-postgres (pg)',
            value: 'false',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 65,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?ssl=false&sslmode=verify-full' });`,
            },
          ],
        },
      ],
    },
    {
      secureDb: { minimumSslmode: 'require' },
      code: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=prefer' });`,
      errors: [
        {
          messageId: 'pgUrlSslmodePrefer',
          data: {
            driver: 'node-postgres (pg)',
            setting: 'sslmode=prefer',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
            minimum: 'require',
          },
          line: 2,
          column: 65,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=verify-full' });`,
            },
          ],
        },
      ],
    },
    {
      options: [{ minimum: 'verify-ca' }],
      code: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=require' });`,
      errors: [
        {
          messageId: 'pgUrlSslmodeRequire',
          data: {
            driver: 'node-postgres (pg)',
            setting: 'sslmode=require',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
            minimum: 'verify-ca',
          },
          line: 2,
          column: 65,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=verify-full' });`,
            },
          ],
        },
      ],
    },
    {
      code: `export const DATABASE_URL = 'postgres://app@db.example.com/app?sslmode=require';`,
      errors: [
        {
          messageId: 'sslmodeRequire',
          data: {
            driver: 'PostgreSQL connection string',
            setting: 'sslmode=require',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
          },
          line: 1,
          column: 64,
          suggestions: [
            {
              output: `export const DATABASE_URL = 'postgres://app@db.example.com/app?sslmode=verify-full';`,
            },
          ],
        },
      ],
    },
    {
      code: `import knex from 'knex';
knex({ client: 'pg', connection: 'postgres://app@db.example.com/app?sslmode=require' });`,
      errors: [
        {
          messageId: 'pgUrlSslmodeRequire',
          data: {
            driver: 'knex (pg client)',
            setting: 'sslmode=require',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
          },
          line: 2,
          column: 69,
          suggestions: [
            {
              output: `import knex from 'knex';
knex({ client: 'pg', connection: 'postgres://app@db.example.com/app?sslmode=verify-full' });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { DataSource } from 'typeorm';
new DataSource({ type: 'postgres', url: 'postgres://app@db.example.com/app?sslmode=prefer' });`,
      errors: [
        {
          messageId: 'pgUrlSslmodePrefer',
          data: {
            driver: 'TypeORM (postgres)',
            setting: 'sslmode=prefer',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
          },
          line: 2,
          column: 76,
          suggestions: [
            {
              output: `import { DataSource } from 'typeorm';
new DataSource({ type: 'postgres', url: 'postgres://app@db.example.com/app?sslmode=verify-full' });`,
            },
          ],
        },
      ],
    },
    {
      code: `const { Sequelize } = require('sequelize');
new Sequelize('postgres://app@db.example.com/app?sslmode=require', { dialect: 'postgres' });`,
      errors: [
        {
          messageId: 'pgUrlSslmodeRequire',
          data: {
            driver: 'Sequelize (postgres)',
            setting: 'sslmode=require',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
          },
          line: 2,
          column: 50,
          suggestions: [
            {
              output: `const { Sequelize } = require('sequelize');
new Sequelize('postgres://app@db.example.com/app?sslmode=verify-full', { dialect: 'postgres' });`,
            },
          ],
        },
      ],
    },
    {
      code: `const mysql = require('mysql2');
mysql.createConnection({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
      errors: [
        {
          messageId: 'mysql2WithoutVerifyIdentity',
          data: {
            driver: 'mysql2',
            secure: 'ssl: { rejectUnauthorized: true, verifyIdentity: true }',
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
          },
          line: 2,
          column: 55,
          suggestions: [
            {
              output: `const mysql = require('mysql2');
mysql.createConnection({ host: 'db.example.com', ssl: { rejectUnauthorized: true, verifyIdentity: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const mysql = require('mysql2/promise');
await mysql.createPool({ host: 'db.example.com', ssl: { ca: process.env.DB_CA } });`,
      errors: [
        {
          messageId: 'mysql2WithoutVerifyIdentity',
          data: {
            driver: 'mysql2',
            secure: 'ssl: { rejectUnauthorized: true, verifyIdentity: true }',
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
          },
          line: 2,
          column: 55,
          suggestions: [
            {
              output: `const mysql = require('mysql2/promise');
await mysql.createPool({ host: 'db.example.com', ssl: { ca: process.env.DB_CA, verifyIdentity: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const mysql = require('mysql2');
mysql.createConnection({ host: 'db.example.com', ssl: true });`,
      errors: [
        {
          messageId: 'mysql2SslTrue',
          data: {
            driver: 'mysql2',
            key: 'ssl',
            secure: 'ssl: { rejectUnauthorized: true, verifyIdentity: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 55,
          suggestions: [
            {
              output: `const mysql = require('mysql2');
mysql.createConnection({ host: 'db.example.com', ssl: { rejectUnauthorized: true, verifyIdentity: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const mysql = require('mysql');
mysql.createConnection({ host: 'db.example.com', ssl: { ca: process.env.DB_CA } });`,
      errors: [
        {
          messageId: 'mysqljsNoHostCheck',
          data: {
            driver: 'mysql (mysqljs)',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
          },
          line: 2,
          column: 55,
        },
      ],
    },
    {
      code: `import knex from 'knex';
knex({ client: 'mysql2', connection: { host: 'db.example.com', ssl: {} } });`,
      errors: [
        {
          messageId: 'mysql2WithoutVerifyIdentity',
          data: {
            driver: 'knex (mysql2 client)',
            secure: 'connection.ssl: { rejectUnauthorized: true, verifyIdentity: true }',
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
          },
          line: 2,
          column: 69,
          suggestions: [
            {
              output: `import knex from 'knex';
knex({ client: 'mysql2', connection: { host: 'db.example.com', ssl: { verifyIdentity: true } } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const mysql = require('mysql2');
mysql.createConnection({ host: 'db.example.com', ssl: { ca: process.env.DB_CA, verifyIdentity: false } });`,
      errors: [
        {
          messageId: 'mysql2WithoutVerifyIdentity',
          data: {
            driver: 'mysql2',
            secure: 'ssl: { rejectUnauthorized: true, verifyIdentity: true }',
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
          },
          line: 2,
          column: 55,
          suggestions: [
            {
              output: `const mysql = require('mysql2');
mysql.createConnection({ host: 'db.example.com', ssl: { ca: process.env.DB_CA, verifyIdentity: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import postgres from 'postgres';
const sql = postgres('postgres://app@db.example.com/app', { ssl: 'require' });`,
      errors: [
        {
          messageId: 'postgresjsSslNoVerify',
          data: {
            driver: 'postgres.js',
            key: 'ssl',
            value: 'require',
            secure: "ssl: 'verify-full'",
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
          },
          line: 2,
          column: 66,
          suggestions: [
            {
              output: `import postgres from 'postgres';
const sql = postgres('postgres://app@db.example.com/app', { ssl: 'verify-full' });`,
            },
          ],
        },
      ],
    },
    {
      code: `import postgres from 'postgres';
const sql = postgres('postgres://app@db.example.com/app?sslmode=require');`,
      errors: [
        {
          messageId: 'postgresjsUrlNoVerify',
          data: {
            driver: 'postgres.js',
            setting: 'sslmode=require',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
          },
          line: 2,
          column: 57,
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
await createPool('postgres://app@db.example.com/app?sslmode=verify-full');`,
      errors: [
        {
          messageId: 'slonikInvalidSslmode',
          data: {
            driver: 'Slonik',
            value: 'verify-full',
            secure: 'sslmode=require (Slonik verifies fully with it)',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 53,
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
export default defineConfig({ dialect: 'postgresql', dbCredentials: { host: 'db.example.com', ssl: 'require' } });`,
      errors: [
        {
          messageId: 'postgresjsSslNoVerify',
          data: {
            driver: 'drizzle-kit (postgresql)',
            key: 'dbCredentials.ssl',
            value: 'require',
            secure: "dbCredentials.ssl: 'verify-full'",
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
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
const db = drizzle('postgres://app@db.example.com/app?sslmode=prefer');`,
      errors: [
        {
          messageId: 'pgUrlSslmodePrefer',
          data: {
            driver: 'drizzle-orm (node-postgres)',
            setting: 'sslmode=prefer',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
          },
          line: 2,
          column: 55,
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
      code: `import { PrismaClient } from '@prisma/client';
new PrismaClient({ datasourceUrl: 'postgresql://app@db.example.com/app?sslmode=verify-full' });`,
      errors: [
        {
          messageId: 'prismaIgnoresSslmode',
          data: {
            driver: 'Prisma',
            value: 'verify-full',
            secure: 'sslmode=require&sslaccept=strict',
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
          },
          line: 2,
          column: 72,
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
new PrismaPg({ connectionString: 'postgresql://app@db.example.com/app?sslmode=require' });`,
      errors: [
        {
          messageId: 'pgUrlSslmodeRequire',
          data: {
            driver: 'Prisma adapter-pg',
            setting: 'sslmode=require',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
          },
          line: 2,
          column: 71,
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
      secureDb: { profile: 'strict' },
      code: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@localhost/app?sslmode=prefer' });`,
      errors: [
        {
          messageId: 'pgUrlSslmodePrefer',
          data: {
            driver: 'node-postgres (pg)',
            setting: 'sslmode=prefer',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
            minimum: 'verify-full',
          },
          line: 2,
          column: 60,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ connectionString: 'postgres://app@localhost/app?sslmode=verify-full' });`,
            },
          ],
        },
      ],
    },
    {
      filename: 'knexfile.js',
      code: `module.exports = {
  development: { client: 'pg', connection: 'postgres://app@db.example.com/app?sslmode=require' },
  production: { client: 'pg', connection: 'postgres://app@db.example.com/app?sslmode=require' },
};`,
      errors: [
        {
          messageId: 'pgUrlSslmodeRequire',
          data: {
            driver: 'knex (pg client)',
            setting: 'sslmode=require',
            secure: 'sslmode=verify-full',
            environment: 'production: key `production` of the environment map',
            minimum: 'verify-full',
          },
          line: 3,
          column: 78,
          suggestions: [
            {
              output: `module.exports = {
  development: { client: 'pg', connection: 'postgres://app@db.example.com/app?sslmode=require' },
  production: { client: 'pg', connection: 'postgres://app@db.example.com/app?sslmode=verify-full' },
};`,
            },
          ],
        },
      ],
    },
  ],
});
