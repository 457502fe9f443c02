/**
 * RuleTester cases for `secure-db/no-hardcoded-credentials` (see POLICY.md and DRIVERS.md). Run with
 * espree and @typescript-eslint/parser by ./helpers.ts; the default file name is
 * `src/db.js` (environment unknown, so production).
 */
import rule from '../../rules/no-hardcoded-credentials.js';
import { POLICY_GUARD_EXAMPLE, runRuleTests } from './helpers.js';

runRuleTests('no-hardcoded-credentials', rule, {
  valid: [
    // A bare { user, password } with no connection evidence is not a database config (POLICY).
    { code: `export const admin = { user: 'admin', password: 'Xk9#mP2$vL7q' };` },
    {
      code: `export const smtp = { host: 'smtp.example.com', port: 587, user: 'mailer', password: 'Xk9#mP2$vL7q' };`,
    },
    // Not database passwords: another service's secret, and a name that only contains a password word.
    { code: `const secret = process.env.JWT_SECRET || 'Xk9#mP2$vL7q';` },
    { code: `const lock = process.env.RESET_PASSWORD_LOCK_TIME || '15 minutes';` },
    { code: POLICY_GUARD_EXAMPLE },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: '\${DB_PASSWORD}' });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: '<password>' });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: 'YOUR_PASSWORD' });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: '***' });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: '' });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: process.env.DB_PASSWORD });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: \`\${process.env.DB_PASSWORD}\` });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: async () => getSecret('db') });`,
    },
    {
      code: `export const DATABASE_URL = 'postgres://app:\${DB_PASSWORD}@db.example.com/app?sslmode=verify-full';`,
    },
    {
      code: `export const DATABASE_URL = 'postgres://app:<password>@db.example.com/app?sslmode=verify-full';`,
    },
    {
      filename: 'config/development.js',
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: 'postgres' });`,
    },
    {
      filename: 'src/database.example.js',
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: 'postgres' });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'localhost', password: 'postgres' });`,
    },
    { code: `export const DATABASE_URL = 'postgres://postgres:postgres@localhost:5432/app';` },
    {
      code: `import { Pool } from 'pg';
const password = process.env.NODE_ENV === 'development' ? 'postgres' : process.env.DB_PASSWORD;
new Pool({ host: 'db.example.com', ssl: true, password });`,
    },
    {
      filename: 'knexfile.js',
      code: `module.exports = {
  development: { client: 'pg', connection: { host: 'db.example.com', password: 'postgres' } },
  production: { client: 'pg', connection: { host: 'db.example.com', password: process.env.DB_PASSWORD, ssl: true } },
};`,
    },
    {
      code: `// password: postgres
export const x = 1;`,
    },
    {
      filename: 'test/db.js',
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: 'Xk9#mP2$vL7q' });`,
    },
    {
      filename: 'src/db.spec.ts',
      code: `// postgres://app:Xk9mP2vL7qRt@db.example.com/app
export const x = 1;`,
    },
    { code: `const password = process.env.DB_PASSWORD || '';` },
    {
      filename: 'src/config.example.js',
      code: `export const url = 'postgres://appuser:appuser@db.example.com/app?sslmode=verify-full';`,
    },
  ],
  invalid: [
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: 'postgres' });`,
      errors: [
        {
          messageId: 'weakInOption',
          data: {
            driver: 'node-postgres (pg)',
            masked: 'p*** (8 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
            key: 'password',
          },
          line: 2,
          column: 57,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: process.env.DB_PASSWORD });`,
            },
          ],
        },
      ],
    },
    {
      secrets: ['changeme'],
      filename: 'config/production.js',
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: 'changeme' });`,
      errors: [
        {
          messageId: 'weakInOption',
          data: {
            driver: 'node-postgres (pg)',
            masked: 'c*** (8 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'production: file name `production.js`',
            key: 'password',
          },
          line: 2,
          column: 57,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: process.env.DB_PASSWORD });`,
            },
          ],
        },
      ],
    },
    {
      secrets: ['admin'],
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, user: 'admin', password: 'admin' });`,
      errors: [
        {
          messageId: 'weakInOption',
          data: {
            driver: 'node-postgres (pg)',
            masked: '***',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
            key: 'password',
          },
          line: 2,
          column: 72,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, user: 'admin', password: process.env.DB_PASSWORD });`,
            },
          ],
        },
      ],
    },
    {
      secrets: ['secret'],
      filename: 'knexfile.js',
      code: `module.exports = {
  development: { client: 'pg', connection: { host: 'db.example.com', password: 'postgres' } },
  staging: { client: 'pg', connection: { host: 'db.example.com', password: 'secret', ssl: true } },
};`,
      errors: [
        {
          messageId: 'weakInOption',
          data: {
            driver: 'knex (pg client)',
            masked: '***',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'production: key `staging` of the environment map',
            key: 'connection.password',
          },
          line: 3,
          column: 76,
          suggestions: [
            {
              output: `module.exports = {
  development: { client: 'pg', connection: { host: 'db.example.com', password: 'postgres' } },
  staging: { client: 'pg', connection: { host: 'db.example.com', password: process.env.DB_PASSWORD, ssl: true } },
};`,
            },
          ],
        },
      ],
    },
    {
      secrets: ['Xk9#mP2$vL7q'],
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: 'Xk9#mP2$vL7q' });`,
      errors: [
        {
          messageId: 'realLookingInOption',
          data: {
            driver: 'node-postgres (pg)',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
            key: 'password',
          },
          line: 2,
          column: 57,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: process.env.DB_PASSWORD });`,
            },
          ],
        },
      ],
    },
    {
      secrets: ['Xk9#mP2$vL7q'],
      filename: 'config/development.js',
      code: `import { Pool } from 'pg';
new Pool({ host: 'localhost', password: 'Xk9#mP2$vL7q' });`,
      errors: [
        {
          messageId: 'realLookingInOption',
          data: {
            driver: 'node-postgres (pg)',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'development: file name `development.js`',
            key: 'password',
          },
          line: 2,
          column: 41,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'localhost', password: process.env.DB_PASSWORD });`,
            },
          ],
        },
      ],
    },
    {
      secrets: ['Xk9#mP2$vL7q'],
      filename: 'src/database.example.ts',
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: 'Xk9#mP2$vL7q' });`,
      errors: [
        {
          messageId: 'realLookingInOption',
          data: {
            driver: 'node-postgres (pg)',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
            key: 'password',
          },
          line: 2,
          column: 57,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: true, password: process.env.DB_PASSWORD });`,
            },
          ],
        },
      ],
    },
    {
      secrets: ['Xk9#mP2$vL7q', 'Xk9mP2vL7qRt'],
      code: `// old: postgres://admin:Xk9mP2vL7qRt@db.example.com/app
/* password: Xk9#mP2$vL7q */
export const x = 1;`,
      errors: [
        {
          messageId: 'realLookingInComment',
          data: {
            driver: 'PostgreSQL connection string',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 26,
        },
        {
          messageId: 'realLookingInComment',
          data: {
            driver: 'comment',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 14,
        },
      ],
    },
    {
      secrets: ['root'],
      code: `const password = process.env.DB_PASSWORD || 'root';`,
      errors: [
        {
          messageId: 'weakInFallback',
          data: {
            driver: 'environment read',
            masked: '***',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
            name: 'DB_PASSWORD',
          },
          line: 1,
          column: 45,
          suggestions: [{ output: 'const password = process.env.DB_PASSWORD;' }],
        },
      ],
    },
    {
      secrets: ['Xk9#mP2$vL7q'],
      code: `const password = process.env.DB_PASSWORD ?? 'Xk9#mP2$vL7q';`,
      errors: [
        {
          messageId: 'realLookingInFallback',
          data: {
            driver: 'environment read',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
            name: 'DB_PASSWORD',
          },
          line: 1,
          column: 45,
          suggestions: [{ output: 'const password = process.env.DB_PASSWORD;' }],
        },
      ],
    },
    {
      secrets: ['root'],
      code: `const mysql = require('mysql2');
mysql.createConnection({ host: 'db.example.com', ssl: { verifyIdentity: true }, password: process.env.MYSQL_PASSWORD || 'root' });`,
      errors: [
        {
          messageId: 'weakInFallback',
          data: {
            driver: 'mysql2',
            masked: '***',
            remedy: 'read it from process.env.MYSQL_PASSWORD',
            environment: 'not stated, so treated as production',
            name: 'MYSQL_PASSWORD',
          },
          line: 2,
          column: 121,
          suggestions: [
            {
              output: `const mysql = require('mysql2');
mysql.createConnection({ host: 'db.example.com', ssl: { verifyIdentity: true }, password: process.env.MYSQL_PASSWORD });`,
            },
          ],
        },
      ],
    },
    {
      secrets: ['Xk9mP2vL7qRt'],
      code: `export const url = 'postgres://app:Xk9mP2vL7qRt@db.example.com/app?sslmode=verify-full';`,
      errors: [
        {
          messageId: 'realLookingInUrl',
          data: {
            driver: 'PostgreSQL connection string',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 36,
        },
      ],
    },
    {
      secrets: ['Xk9mP2vL7qRt'],
      code: `export const url = 'postgresql://app:Xk9mP2vL7qRt@db.example.com/app?sslmode=verify-full';`,
      errors: [
        {
          messageId: 'realLookingInUrl',
          data: {
            driver: 'PostgreSQL connection string',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 38,
        },
      ],
    },
    {
      secrets: ['Xk9mP2vL7qRt'],
      code: `export const url = 'mysql://app:Xk9mP2vL7qRt@db.example.com/app';`,
      errors: [
        {
          messageId: 'realLookingInUrl',
          data: {
            driver: 'MySQL connection string',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 33,
        },
      ],
    },
    {
      secrets: ['Xk9mP2vL7qRt'],
      code: `export const url = 'mariadb://app:Xk9mP2vL7qRt@db.example.com/app';`,
      errors: [
        {
          messageId: 'realLookingInUrl',
          data: {
            driver: 'MySQL connection string',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 35,
        },
      ],
    },
    {
      secrets: ['Xk9mP2vL7qRt'],
      code: `export const url = 'mongodb+srv://app:Xk9mP2vL7qRt@cluster0.example.net/app';`,
      errors: [
        {
          messageId: 'realLookingInUrl',
          data: {
            driver: 'MongoDB connection string',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 39,
        },
      ],
    },
    {
      secrets: ['Xk9mP2vL7qRt'],
      code: `export const url = 'mongodb://app:Xk9mP2vL7qRt@db.example.com/app?tls=true';`,
      errors: [
        {
          messageId: 'realLookingInUrl',
          data: {
            driver: 'MongoDB connection string',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 35,
        },
      ],
    },
    {
      secrets: ['Xk9mP2vL7qRt'],
      code: `export const url = 'rediss://:Xk9mP2vL7qRt@cache.example.com:6380';`,
      errors: [
        {
          messageId: 'realLookingInUrl',
          data: {
            driver: 'Redis connection string',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 31,
        },
      ],
    },
    {
      secrets: ['Xk9mP2vL7qRt'],
      code: `export const url = 'mssql://app:Xk9mP2vL7qRt@db.example.com/app';`,
      errors: [
        {
          messageId: 'realLookingInUrl',
          data: {
            driver: 'SQL Server connection string',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 33,
        },
      ],
    },
    {
      secrets: ['Xk9mP2vL7qRt'],
      code: `export const url = 'sqlserver://db.example.com:1433;database=app;user=app;password=Xk9mP2vL7qRt;encrypt=true';`,
      errors: [
        {
          messageId: 'realLookingInUrl',
          data: {
            driver: 'SQL Server connection string',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 84,
        },
      ],
    },
    {
      secrets: ['Xk9mP2vL7qRt'],
      code: `export const url = 'jdbc:postgresql://db.example.com/app?user=app&password=Xk9mP2vL7qRt&sslmode=verify-full';`,
      errors: [
        {
          messageId: 'realLookingInUrl',
          data: {
            driver: 'PostgreSQL connection string',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 76,
        },
      ],
    },
    {
      secrets: ['Xk9mP2vL7qRt'],
      code: `export const url = 'postgresql+psycopg2://app:Xk9mP2vL7qRt@db.example.com/app?sslmode=verify-full';`,
      errors: [
        {
          messageId: 'realLookingInUrl',
          data: {
            driver: 'PostgreSQL connection string',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 47,
        },
      ],
    },
    {
      secrets: ['Xk9mP2vL7qRt'],
      code: `const sql = require('mssql');
sql.connect('Server=db.example.com;Database=app;User Id=app;Password=Xk9mP2vL7qRt;Encrypt=true');`,
      errors: [
        {
          messageId: 'realLookingInUrl',
          data: {
            driver: 'SQL Server connection string',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 70,
        },
      ],
    },
    {
      secrets: ['Xk9mP2vL7qRt'],
      code: `export const url = 'redis://default:Xk9mP2vL7qRt@cache.example.com:6379';`,
      errors: [
        {
          messageId: 'realLookingInUrl',
          data: {
            driver: 'Redis connection string',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 37,
        },
      ],
    },
    {
      secrets: ['Xk9mP2vL7qRt'],
      code: `export const url = 'mysql+pymysql://app:Xk9mP2vL7qRt@db.example.com/app';`,
      errors: [
        {
          messageId: 'realLookingInUrl',
          data: {
            driver: 'MySQL connection string',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 41,
        },
      ],
    },
    {
      secrets: ['appuser'],
      code: `export const url = 'postgres://appuser:appuser@db.example.com/app?sslmode=verify-full';`,
      errors: [
        {
          messageId: 'weakInUrl',
          data: {
            driver: 'PostgreSQL connection string',
            masked: '***',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 40,
        },
      ],
    },
    {
      secrets: ['Xk9#mP2$vL7q'],
      code: `const { Sequelize } = require('sequelize');
new Sequelize('app', 'app', 'Xk9#mP2$vL7q', { host: 'db.example.com', dialect: 'postgres', dialectOptions: { ssl: true } });`,
      errors: [
        {
          messageId: 'realLookingInArgument',
          data: {
            driver: 'Sequelize',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 29,
          suggestions: [
            {
              output: `const { Sequelize } = require('sequelize');
new Sequelize('app', 'app', process.env.DB_PASSWORD, { host: 'db.example.com', dialect: 'postgres', dialectOptions: { ssl: true } });`,
            },
          ],
        },
      ],
    },
    {
      secrets: ['Xk9#mP2$vL7q'],
      code: `import * as pg from 'pg';
const config = { host: 'db.example.com', ssl: true, password: 'Xk9#mP2$vL7q' };
new pg.Pool(config);`,
      errors: [
        {
          messageId: 'realLookingInOption',
          data: {
            driver: 'node-postgres (pg)',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
            key: 'password',
          },
          line: 2,
          column: 63,
          suggestions: [
            {
              output: `import * as pg from 'pg';
const config = { host: 'db.example.com', ssl: true, password: process.env.DB_PASSWORD };
new pg.Pool(config);`,
            },
          ],
        },
      ],
    },
    {
      secrets: ['Xk9#mP2$vL7q'],
      code: `const { Connection } = require('tedious');
new Connection({ server: 'db.example.com', authentication: { type: 'default', options: { userName: 'app', password: 'Xk9#mP2$vL7q' } } });`,
      errors: [
        {
          messageId: 'realLookingInOption',
          data: {
            driver: 'tedious',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
            key: 'authentication.options.password',
          },
          line: 2,
          column: 117,
          suggestions: [
            {
              output: `const { Connection } = require('tedious');
new Connection({ server: 'db.example.com', authentication: { type: 'default', options: { userName: 'app', password: process.env.DB_PASSWORD } } });`,
            },
          ],
        },
      ],
    },
    {
      secrets: ['Xk9#mP2$vL7q'],
      code: `const { MongoClient } = require('mongodb');
new MongoClient('mongodb+srv://cluster0.example.net/app', { auth: { username: 'app', password: 'Xk9#mP2$vL7q' } });`,
      errors: [
        {
          messageId: 'realLookingInOption',
          data: {
            driver: 'MongoDB',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
            key: 'auth.password',
          },
          line: 2,
          column: 96,
          suggestions: [
            {
              output: `const { MongoClient } = require('mongodb');
new MongoClient('mongodb+srv://cluster0.example.net/app', { auth: { username: 'app', password: process.env.DB_PASSWORD } });`,
            },
          ],
        },
      ],
    },
    {
      secrets: ['Xk9#mP2$vL7q'],
      tsOnly: true,
      code: `import { DataSource } from 'typeorm';
export const dataSource = new DataSource({ type: 'postgres', host: 'db.example.com', ssl: true, password: 'Xk9#mP2$vL7q' } as const);`,
      errors: [
        {
          messageId: 'realLookingInOption',
          data: {
            driver: 'TypeORM (postgres)',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
            key: 'password',
          },
          line: 2,
          column: 107,
          suggestions: [
            {
              output: `import { DataSource } from 'typeorm';
export const dataSource = new DataSource({ type: 'postgres', host: 'db.example.com', ssl: true, password: process.env.DB_PASSWORD } as const);`,
            },
          ],
        },
      ],
    },
    {
      secrets: ['Xk9#mP2$vL7q'],
      tsOnly: true,
      code: `import type { PoolConfig } from 'pg';
export const config = { host: 'db.example.com', user: 'app', password: 'Xk9#mP2$vL7q' } satisfies PoolConfig;`,
      errors: [
        {
          messageId: 'realLookingInOption',
          data: {
            // Declared as pg's `PoolConfig`: pg's config (POLICY: a driver is known from a type).
            driver: 'node-postgres (pg)',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.DB_PASSWORD',
            environment: 'not stated, so treated as production',
            key: 'password',
          },
          line: 2,
          column: 72,
          suggestions: [
            {
              output: `import type { PoolConfig } from 'pg';
export const config = { host: 'db.example.com', user: 'app', password: process.env.DB_PASSWORD } satisfies PoolConfig;`,
            },
          ],
        },
      ],
    },
    {
      secrets: ['Xk9#mP2$vL7q'],
      code: `const Redis = require('ioredis');
new Redis({ host: 'cache.example.com', tls: {}, password: 'Xk9#mP2$vL7q' });`,
      errors: [
        {
          messageId: 'realLookingInOption',
          data: {
            driver: 'ioredis',
            masked: 'X*** (12 chars)',
            remedy: 'read it from process.env.REDIS_PASSWORD',
            environment: 'not stated, so treated as production',
            key: 'password',
          },
          line: 2,
          column: 59,
          suggestions: [
            {
              output: `const Redis = require('ioredis');
new Redis({ host: 'cache.example.com', tls: {}, password: process.env.REDIS_PASSWORD });`,
            },
          ],
        },
      ],
    },
  ],
});
