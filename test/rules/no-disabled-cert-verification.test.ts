/**
 * RuleTester cases for `secure-db/no-disabled-cert-verification` (see POLICY.md and DRIVERS.md). Run with
 * espree and @typescript-eslint/parser by ./helpers.ts; the default file name is
 * `src/db.js` (environment unknown, so production).
 */
import rule from '../../rules/no-disabled-cert-verification.js';
import {
  ifReturnAndTernary,
  lastPosition,
  POLICY_GUARD_EXAMPLE,
  replaceLast,
  runRuleTests,
} from './helpers.js';

runRuleTests('no-disabled-cert-verification', rule, {
  valid: [
    // The tests around a function's returns are read as a ternary's (policy-decisions "A value
    // a function returns"): the unverified object past a production guard is development's.
    ...Object.values(
      ifReturnAndTernary(
        "process.env.NODE_ENV === 'production'",
        '{ rejectUnauthorized: true }',
        '{ rejectUnauthorized: false }',
      ),
    ).map((code) => ({ code })),
    { code: POLICY_GUARD_EXAMPLE },
    // Clients that are not databases are out of scope (POLICY), unless their options flow
    // into a driver: HTTP agents and clients, mailers, WebSocket.
    { code: `const https = require('https');\nnew https.Agent({ rejectUnauthorized: false });` },
    {
      code: `import axios from 'axios';
import https from 'node:https';
axios.create({ baseURL: 'https://api.example.com', httpsAgent: new https.Agent({ rejectUnauthorized: false }) });`,
    },
    {
      code: `import nodemailer from 'nodemailer';
nodemailer.createTransport({ host: 'smtp.example.com', port: 587, auth: { user: 'u', pass: process.env.SMTP_PASS }, tls: { rejectUnauthorized: false } });`,
    },
    {
      code: `import WebSocket from 'ws';
new WebSocket('wss://feed.example.com', { rejectUnauthorized: false });`,
    },
    {
      code: `export const httpOptions = { host: 'api.example.com', port: 443, rejectUnauthorized: false };`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: process.env.DB_SSL_REJECT_UNAUTHORIZED !== 'false' } });`,
    },
    {
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', port: 5432, checkServerIdentity: (host, cert) => tls.checkServerIdentity(host, cert) });`,
    },
    {
      code: `const { Sequelize } = require('sequelize');
new Sequelize({ host: 'db.example.com', dialect: 'mssql', dialectOptions: { options: { encrypt: true, trustServerCertificate: false } } });`,
    },
    {
      code: `import { PrismaClient } from '@prisma/client';
new PrismaClient({ datasourceUrl: 'postgresql://app@db.example.com/app?sslmode=require&sslaccept=strict' });`,
    },
    {
      code: `const mongoose = require('mongoose');
mongoose.connect(process.env.MONGO_URL, { tls: true, tlsCAFile: '/etc/ssl/ca.pem' });`,
    },
    { code: `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';` },
    { code: `process.env.NODE_TLS_REJECT_UNAUTHORIZED = 'false';` },
    {
      code: `if (process.env.NODE_ENV === 'development') {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
}`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: process.env.NODE_ENV === 'production' ? { rejectUnauthorized: true } : { rejectUnauthorized: false } });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: '127.0.0.1', ssl: { rejectUnauthorized: false } });`,
    },
    {
      filename: 'config/development.js',
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });`,
    },
    {
      filename: 'src/db.spec.ts',
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });`,
    },
    { filename: 'test/setup.js', code: `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';` },
    // Calls the evaluator does not follow (policy-decisions "A value a function returns"): more
    // than 8 returns, an async function not awaited, \`this\` of a plain nested function, a chain
    // of calls deeper than 4. The call's value is unknown, so nothing is reported.
    {
      code: `import { Pool } from 'pg';
function sslFor(mode) {
${['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((m) => `  if (mode === '${m}') return { ca: '${m}' };`).join('\n')}
  return { rejectUnauthorized: false };
}
new Pool({ host: 'db.example.com', ssl: sslFor(process.env.MODE) });`,
    },
    {
      code: `import { Pool } from 'pg';
async function sslFor() {
  return { rejectUnauthorized: false };
}
new Pool({ host: 'db.example.com', ssl: sslFor() });`,
    },
    {
      code: `import { Pool } from 'pg';
class Database {
  sslFor() {
    return { rejectUnauthorized: false };
  }
  connect() {
    return [1].map(function () {
      return new Pool({ host: 'db.example.com', ssl: this.sslFor() });
    });
  }
}`,
    },
    {
      code: `import { Pool } from 'pg';
const one = () => two();
const two = () => three();
const three = () => four();
const four = () => five();
const five = () => ({ rejectUnauthorized: false });
new Pool({ host: 'db.example.com', ssl: one() });`,
    },
  ],
  invalid: [
    // Unverified while DB_VERIFY is unset is the default path, in both forms.
    ...Object.values(
      ifReturnAndTernary(
        "process.env.DB_VERIFY === 'true'",
        '{ rejectUnauthorized: true }',
        '{ rejectUnauthorized: false }',
      ),
    ).map((code) => ({
      code,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff' as const,
          ...lastPosition(code, 'rejectUnauthorized: false'),
          suggestions: [
            { output: replaceLast(code, 'rejectUnauthorized: false', 'rejectUnauthorized: true') },
          ],
        },
      ],
    })),
    // A value a function returns (policy-decisions): a static method, an awaited async
    // function, a method on \`this\` from an arrow inside the class.
    {
      code: `import pg from 'pg';
export class Database {
  static sslFor(mode) {
    if (mode === 'require') return { rejectUnauthorized: false };
    return { rejectUnauthorized: true };
  }
  pool = new pg.Pool({ host: 'db.example.com', ssl: Database.sslFor(process.env.PGSSLMODE) });
}`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'node-postgres (pg)',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 4,
          column: 38,
          suggestions: [
            {
              output: `import pg from 'pg';
export class Database {
  static sslFor(mode) {
    if (mode === 'require') return { rejectUnauthorized: true };
    return { rejectUnauthorized: true };
  }
  pool = new pg.Pool({ host: 'db.example.com', ssl: Database.sslFor(process.env.PGSSLMODE) });
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
async function sslFor() {
  return { rejectUnauthorized: false };
}
export const pool = new Pool({ host: 'db.example.com', ssl: await sslFor() });`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          line: 3,
          column: 12,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
async function sslFor() {
  return { rejectUnauthorized: true };
}
export const pool = new Pool({ host: 'db.example.com', ssl: await sslFor() });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
class Database {
  #sslFor() {
    return { rejectUnauthorized: false };
  }
  connect() {
    return [1].map(() => new Pool({ host: 'db.example.com', ssl: this.#sslFor() }));
  }
}`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          line: 4,
          column: 14,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
class Database {
  #sslFor() {
    return { rejectUnauthorized: true };
  }
  connect() {
    return [1].map(() => new Pool({ host: 'db.example.com', ssl: this.#sslFor() }));
  }
}`,
            },
          ],
        },
      ],
    },
    // A config with database evidence but no driver call: a database port, a name with a database word.
    {
      code: `export const settings = { host: 'db.example.com', port: 5432, ssl: { rejectUnauthorized: false } };`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'TLS options',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 70,
          suggestions: [
            {
              output: `export const settings = { host: 'db.example.com', port: 5432, ssl: { rejectUnauthorized: true } };`,
            },
          ],
        },
      ],
    },
    {
      code: `export const dbConfig = { host: 'db.example.com', tls: { rejectUnauthorized: false } };`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'TLS options',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 58,
          suggestions: [
            {
              output: `export const dbConfig = { host: 'db.example.com', tls: { rejectUnauthorized: true } };`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'node-postgres (pg)',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 43,
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
      code: `import * as pg from 'pg';
new pg.Client({
  host: 'db.example.com',
  ssl: { rejectUnauthorized: false },
});`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'node-postgres (pg)',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 4,
          column: 10,
          suggestions: [
            {
              output: `import * as pg from 'pg';
new pg.Client({
  host: 'db.example.com',
  ssl: { rejectUnauthorized: true },
});`,
            },
          ],
        },
      ],
    },
    {
      code: `const { Pool } = require('pg');
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: process.env.DB_SSL_VERIFY === 'true' } });`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOffUnlessSet',
          data: {
            driver: 'node-postgres (pg)',
            env: 'DB_SSL_VERIFY',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 43,
        },
      ],
    },
    {
      code: `const { Pool } = require('pg');
new Pool({ host: 'db.example.com', ssl: 'no-verify' });`,
      errors: [
        {
          messageId: 'sslNoVerify',
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
              output: `const { Pool } = require('pg');
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const { Pool } = require('pg');
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=no-verify' });`,
      errors: [
        {
          messageId: 'settingDisablesVerification',
          data: {
            driver: 'node-postgres (pg)',
            setting: 'sslmode=no-verify',
            secure: 'sslmode=verify-full',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 65,
          suggestions: [
            {
              output: `const { Pool } = require('pg');
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=verify-full' });`,
            },
          ],
        },
      ],
    },
    {
      code: `const { Pool } = require('pg');
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=verify-full', ssl: { rejectUnauthorized: false } });`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'node-postgres (pg)',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 94,
          suggestions: [
            {
              output: `const { Pool } = require('pg');
new Pool({ connectionString: 'postgres://app@db.example.com/app?sslmode=verify-full', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
const ssl = { rejectUnauthorized: false };
new Pool({ host: 'db.example.com', ssl });`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'node-postgres (pg)',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 15,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
const ssl = { rejectUnauthorized: true };
new Pool({ host: 'db.example.com', ssl });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
new Pool(Object.assign({ host: 'db.example.com' }, { ssl: { rejectUnauthorized: false } }));`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'node-postgres (pg)',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 61,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool(Object.assign({ host: 'db.example.com' }, { ssl: { rejectUnauthorized: true } }));`,
            },
          ],
        },
      ],
    },
    {
      tsOnly: true,
      code: `import { Pool } from 'pg';
const config = { host: 'db.example.com', ssl: { rejectUnauthorized: false } } as const;
new Pool(config);`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'node-postgres (pg)',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 49,
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
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: process.env.DB_SSL === 'true' ? { rejectUnauthorized: false } : { rejectUnauthorized: true } });`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'node-postgres (pg)',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 75,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: process.env.DB_SSL === 'true' ? { rejectUnauthorized: true } : { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { checkServerIdentity: () => undefined } });`,
      errors: [
        {
          messageId: 'checkServerIdentityNoop',
          data: {
            driver: 'node-postgres (pg)',
            secure: 'no checkServerIdentity override (Node checks the host name)',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 43,
        },
      ],
    },
    {
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', port: 5432, checkServerIdentity() {} });`,
      errors: [
        {
          messageId: 'checkServerIdentityNoop',
          data: {
            driver: "Node's tls",
            secure: 'no checkServerIdentity override (Node checks the host name)',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 51,
        },
      ],
    },
    {
      filename: 'knexfile.js',
      code: `module.exports = {
  development: { client: 'pg', connection: { host: 'localhost', ssl: { rejectUnauthorized: false } } },
  production: { client: 'pg', connection: { host: 'db.example.com', ssl: { rejectUnauthorized: false } } },
};`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'knex (pg client)',
            secure: 'rejectUnauthorized: true',
            environment: 'production: key `production` of the environment map',
          },
          line: 3,
          column: 76,
          suggestions: [
            {
              output: `module.exports = {
  development: { client: 'pg', connection: { host: 'localhost', ssl: { rejectUnauthorized: false } } },
  production: { client: 'pg', connection: { host: 'db.example.com', ssl: { rejectUnauthorized: true } } },
};`,
            },
          ],
        },
      ],
    },
    {
      code: `import { DataSource } from 'typeorm';
new DataSource({ type: 'postgres', host: 'db.example.com', ssl: true, extra: { ssl: { rejectUnauthorized: false } } });`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'TypeORM (postgres)',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 87,
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
      tsOnly: true,
      code: `import { TypeOrmModule } from '@nestjs/typeorm';
TypeOrmModule.forRootAsync({
  useFactory: async (config: ConfigService) => ({ type: 'postgres', url: config.get('DATABASE_URL'), ssl: { rejectUnauthorized: false } }),
});`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'TypeORM (postgres)',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 3,
          column: 109,
          suggestions: [
            {
              output: `import { TypeOrmModule } from '@nestjs/typeorm';
TypeOrmModule.forRootAsync({
  useFactory: async (config: ConfigService) => ({ type: 'postgres', url: config.get('DATABASE_URL'), ssl: { rejectUnauthorized: true } }),
});`,
            },
          ],
        },
      ],
    },
    {
      code: `const { Sequelize } = require('sequelize');
new Sequelize(process.env.DATABASE_URL, { dialect: 'postgres', dialectOptions: { ssl: { require: true, rejectUnauthorized: false } } });`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'Sequelize (postgres)',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 104,
          suggestions: [
            {
              output: `const { Sequelize } = require('sequelize');
new Sequelize(process.env.DATABASE_URL, { dialect: 'postgres', dialectOptions: { ssl: { require: true, rejectUnauthorized: true } } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const { Sequelize } = require('sequelize');
new Sequelize({ host: 'db.example.com', dialect: 'mssql' });`,
      errors: [
        {
          messageId: 'mssqlTrustDefaultsOn',
          data: {
            driver: 'Sequelize (mssql)',
            secure: 'options: { encrypt: true, trustServerCertificate: false }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 1,
          suggestions: [
            {
              output: `const { Sequelize } = require('sequelize');
new Sequelize({ host: 'db.example.com', dialect: 'mssql', dialectOptions: { options: { trustServerCertificate: false } } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const mysql = require('mysql');
mysql.createConnection({ host: 'db.example.com', ssl: true });`,
      errors: [
        {
          messageId: 'mysqljsSslTrue',
          data: {
            driver: 'mysql (mysqljs)',
            secure: 'ssl: { rejectUnauthorized: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 55,
          suggestions: [
            {
              output: `const mysql = require('mysql');
mysql.createConnection({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const mariadb = require('mariadb');
mariadb.createPool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'mariadb connector',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 53,
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
      code: `const mysql = require('mysql2');
mysql.createConnection({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });`,
      // One finding (not a second one for the host name), and one fix that turns both checks on.
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'mysql2',
            secure: 'ssl: { rejectUnauthorized: true, verifyIdentity: true }',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 57,
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
      code: `import { PrismaClient } from '@prisma/client';
new PrismaClient({ datasourceUrl: 'postgresql://app@db.example.com/app?sslmode=require' });`,
      errors: [
        {
          messageId: 'prismaWithoutSslaccept',
          data: {
            driver: 'Prisma',
            secure: 'sslmode=require&sslaccept=strict',
            environment: 'not stated, so treated as production',
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
      code: `import { PrismaClient } from '@prisma/client';
new PrismaClient({ datasourceUrl: 'postgresql://app@db.example.com/app?sslmode=require&sslaccept=accept_invalid_certs' });`,
      errors: [
        {
          messageId: 'settingDisablesVerification',
          data: {
            driver: 'Prisma',
            setting: 'sslaccept=accept_invalid_certs',
            secure: 'sslmode=require&sslaccept=strict',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 88,
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
      code: `const { MongoClient } = require('mongodb');
new MongoClient('mongodb+srv://cluster0.example.net/app', { tlsAllowInvalidCertificates: true });`,
      errors: [
        {
          messageId: 'optionDisablesVerification',
          data: {
            driver: 'MongoDB',
            key: 'tlsAllowInvalidCertificates',
            secure: 'tls: true without tlsAllowInvalid* options',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 61,
          suggestions: [
            {
              output: `const { MongoClient } = require('mongodb');
new MongoClient('mongodb+srv://cluster0.example.net/app', { tlsAllowInvalidCertificates: false });`,
            },
          ],
        },
      ],
    },
    {
      code: `const mongoose = require('mongoose');
mongoose.connect('mongodb+srv://cluster0.example.net/app?tlsAllowInvalidHostnames=true');`,
      errors: [
        {
          messageId: 'settingDisablesHostCheck',
          data: {
            driver: 'MongoDB',
            setting: 'tlsAllowInvalidHostnames=true',
            secure: 'tls=true without tlsAllowInvalid* options',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 58,
          suggestions: [
            {
              output: `const mongoose = require('mongoose');
mongoose.connect('mongodb+srv://cluster0.example.net/app?tlsAllowInvalidHostnames=false');`,
            },
          ],
        },
      ],
    },
    {
      code: `const mongoose = require('mongoose');
mongoose.connect(process.env.MONGO_URL, { tls: true, tlsInsecure: true });`,
      errors: [
        {
          messageId: 'optionDisablesVerification',
          data: {
            driver: 'MongoDB',
            key: 'tlsInsecure',
            secure: 'tls: true without tlsAllowInvalid* options',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 54,
          suggestions: [
            {
              output: `const mongoose = require('mongoose');
mongoose.connect(process.env.MONGO_URL, { tls: true, tlsInsecure: false });`,
            },
          ],
        },
      ],
    },
    {
      code: `const mongoose = require('mongoose');
mongoose.connect(process.env.MONGO_URL, { ssl: true, sslValidate: false });`,
      errors: [
        {
          messageId: 'sslValidateOff',
          data: {
            driver: 'MongoDB',
            secure: 'tls: true (and drop sslValidate, removed in MongoDB driver 6)',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 54,
        },
      ],
    },
    {
      code: `const sql = require('mssql');
sql.connect({ server: 'db.example.com', options: { encrypt: true, trustServerCertificate: true } });`,
      errors: [
        {
          messageId: 'trustServerCertificate',
          data: {
            driver: 'mssql',
            secure: 'trustServerCertificate: false',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 67,
          suggestions: [
            {
              output: `const sql = require('mssql');
sql.connect({ server: 'db.example.com', options: { encrypt: true, trustServerCertificate: false } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const sql = require('mssql');
sql.connect('Server=db.example.com;Database=app;Encrypt=true;TrustServerCertificate=true');`,
      errors: [
        {
          messageId: 'settingDisablesVerification',
          data: {
            driver: 'mssql',
            setting: 'TrustServerCertificate=true',
            secure: 'Encrypt=true;TrustServerCertificate=false',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 62,
        },
      ],
    },
    {
      code: `const { Connection } = require('tedious');
new Connection({ server: 'db.example.com', options: { trustServerCertificate: true } });`,
      errors: [
        {
          messageId: 'trustServerCertificate',
          data: {
            driver: 'tedious',
            secure: 'trustServerCertificate: false',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 55,
          suggestions: [
            {
              output: `const { Connection } = require('tedious');
new Connection({ server: 'db.example.com', options: { trustServerCertificate: false } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const Redis = require('ioredis');
new Redis({ host: 'cache.example.com', tls: { rejectUnauthorized: false } });`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'ioredis',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 47,
          suggestions: [
            {
              output: `const Redis = require('ioredis');
new Redis({ host: 'cache.example.com', tls: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { createClient } from 'redis';
createClient({ socket: { host: 'cache.example.com', tls: true, rejectUnauthorized: false } });`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'node-redis',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 64,
          suggestions: [
            {
              output: `import { createClient } from 'redis';
createClient({ socket: { host: 'cache.example.com', tls: true, rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import Redis from 'ioredis';
new Redis.Cluster([{ host: 'cache.example.com', port: 6379 }], { redisOptions: { tls: { rejectUnauthorized: false } } });`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'ioredis',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 89,
          suggestions: [
            {
              output: `import Redis from 'ioredis';
new Redis.Cluster([{ host: 'cache.example.com', port: 6379 }], { redisOptions: { tls: { rejectUnauthorized: true } } });`,
            },
          ],
        },
      ],
    },
    {
      filename: 'config/config.js',
      code: `module.exports = {
  development: { host: '127.0.0.1', dialect: 'postgres' },
  production: { use_env_variable: 'DATABASE_URL', dialect: 'postgres', dialectOptions: { ssl: { require: true, rejectUnauthorized: false } } },
};`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'Sequelize (postgres)',
            secure: 'rejectUnauthorized: true',
            environment: 'production: key `production` of the environment map',
          },
          line: 3,
          column: 112,
          suggestions: [
            {
              output: `module.exports = {
  development: { host: '127.0.0.1', dialect: 'postgres' },
  production: { use_env_variable: 'DATABASE_URL', dialect: 'postgres', dialectOptions: { ssl: { require: true, rejectUnauthorized: true } } },
};`,
            },
          ],
        },
      ],
    },
    {
      code: `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';`,
      errors: [
        {
          messageId: 'processWide',
          data: {
            secure: 'no override (a `ca` for private CAs)',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      code: `process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';`,
      errors: [
        {
          messageId: 'processWide',
          data: {
            secure: 'no override (a `ca` for private CAs)',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      code: 'process.env.NODE_TLS_REJECT_UNAUTHORIZED = 0;',
      errors: [
        {
          messageId: 'processWide',
          data: {
            secure: 'no override (a `ca` for private CAs)',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      code: 'process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = 0;',
      errors: [
        {
          messageId: 'processWide',
          data: {
            secure: 'no override (a `ca` for private CAs)',
            environment: 'not stated, so treated as production',
          },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      secureDb: { profile: 'strict' },
      code: `if (process.env.NODE_ENV === 'development') {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
}`,
      errors: [
        {
          messageId: 'processWide',
          data: {
            secure: 'no override (a `ca` for private CAs)',
            environment: "development: branch `if (process.env.NODE_ENV === 'development')`",
          },
          line: 2,
          column: 3,
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
const isProduction = process.env.NODE_ENV === 'production';
new Pool({ host: 'db.example.com', ssl: isProduction ? { rejectUnauthorized: false } : false });`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'node-postgres (pg)',
            secure: 'rejectUnauthorized: true',
            environment: 'production: branch `isProduction ? … : …`',
          },
          line: 3,
          column: 58,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
const isProduction = process.env.NODE_ENV === 'production';
new Pool({ host: 'db.example.com', ssl: isProduction ? { rejectUnauthorized: true } : false });`,
            },
          ],
        },
      ],
    },
    {
      secureDb: { profile: 'strict' },
      code: `import { Pool } from 'pg';
new Pool({ host: '127.0.0.1', ssl: { rejectUnauthorized: false } });`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'node-postgres (pg)',
            secure: 'rejectUnauthorized: true',
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 38,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: '127.0.0.1', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
    {
      filename: 'config/staging.js',
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });`,
      errors: [
        {
          messageId: 'rejectUnauthorizedOff',
          data: {
            driver: 'node-postgres (pg)',
            secure: 'rejectUnauthorized: true',
            environment: 'production: file name `staging.js`',
          },
          line: 2,
          column: 43,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });`,
            },
          ],
        },
      ],
    },
  ],
});
