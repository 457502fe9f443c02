/**
 * RuleTester cases for `secure-db/min-tls-version` (see POLICY.md and DRIVERS.md). Run with
 * espree and @typescript-eslint/parser by ./helpers.ts; the default file name is
 * `src/db.js` (environment unknown, so production).
 */
import rule from '../../rules/min-tls-version.js';
import { POLICY_GUARD_EXAMPLE, runRuleTests } from './helpers.js';

runRuleTests('min-tls-version', rule, {
  valid: [
    // HTTP clients and agents are not databases (POLICY: out of scope).
    {
      code: `const https = require('https');
new https.Agent({ maxVersion: 'TLSv1.1', secureProtocol: 'TLSv1_method' });`,
    },
    {
      code: `import nodemailer from 'nodemailer';
nodemailer.createTransport({ host: 'smtp.example.com', port: 587, tls: { minVersion: 'TLSv1' } });`,
    },
    { code: POLICY_GUARD_EXAMPLE },
    {
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', port: 5432, minVersion: 'TLSv1.2' });`,
    },
    {
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', port: 5432, minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' });`,
    },
    {
      code: `const tls = require('tls');
tls.connect({ maxVersion: 'TLSv1.2' });`,
    },
    {
      code: `const tls = require('tls');
tls.connect({ secureProtocol: 'TLS_method' });`,
    },
    {
      code: `const tls = require('tls');
tls.connect({ secureProtocol: 'SSLv23_method' });`,
    },
    {
      code: `const tls = require('tls');
tls.connect({ secureProtocol: 'TLSv1_2_method' });`,
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true, ciphers: 'HIGH:MEDIUM:+3DES:!aNULL' } });`,
    },
    {
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', ciphers: 'ECDHE-RSA-AES256-GCM-SHA384:!RC4:-3DES:!MD5' });`,
    },
    {
      code: `import tls from 'node:tls';
tls.DEFAULT_MIN_VERSION = 'TLSv1.2';`,
    },
    {
      options: [{ minimum: 'TLSv1.3' }],
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', minVersion: 'TLSv1.3' });`,
    },
    {
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', minVersion: process.env.TLS_MIN_VERSION });`,
    },
  ],
  invalid: [
    {
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', port: 5432, minVersion: 'TLSv1' });`,
      errors: [
        {
          messageId: 'versionAllowed',
          data: {
            driver: "Node's tls",
            key: 'minVersion',
            value: 'TLSv1',
            version: 'TLSv1',
            secure: "minVersion: 'TLSv1.2'",
            environment: 'not stated, so treated as production',
            minimum: 'TLSv1.2',
          },
          line: 2,
          column: 51,
          suggestions: [
            {
              output: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', port: 5432, minVersion: 'TLSv1.2' });`,
            },
          ],
        },
      ],
    },
    {
      code: `const tls = require('tls');
tls.connect(5432, 'db.example.com', { minVersion: 'TLSv1.1' });`,
      errors: [
        {
          messageId: 'versionAllowed',
          data: {
            driver: "Node's tls",
            key: 'minVersion',
            value: 'TLSv1.1',
            version: 'TLSv1.1',
            secure: "minVersion: 'TLSv1.2'",
            environment: 'not stated, so treated as production',
            minimum: 'TLSv1.2',
          },
          line: 2,
          column: 39,
          suggestions: [
            {
              output: `const tls = require('tls');
tls.connect(5432, 'db.example.com', { minVersion: 'TLSv1.2' });`,
            },
          ],
        },
      ],
    },
    {
      code: `const tls = require('tls');
tls.connect({ maxVersion: 'TLSv1.1' });`,
      errors: [
        {
          messageId: 'versionForced',
          data: {
            driver: "Node's tls",
            key: 'maxVersion',
            value: 'TLSv1.1',
            version: 'TLSv1.1',
            secure: "minVersion: 'TLSv1.2'",
            environment: 'not stated, so treated as production',
            minimum: 'TLSv1.2',
          },
          line: 2,
          column: 15,
        },
      ],
    },
    {
      code: `const tls = require('tls');
tls.connect({ secureProtocol: 'TLSv1_method' });`,
      errors: [
        {
          messageId: 'secureProtocolBelowTls12',
          data: {
            driver: "Node's tls",
            value: 'TLSv1_method',
            secure: "minVersion: 'TLSv1.2' (and no secureProtocol)",
            environment: 'not stated, so treated as production',
            minimum: 'TLSv1.2',
          },
          line: 2,
          column: 15,
        },
      ],
    },
    {
      code: `const tls = require('tls');
tls.connect({ secureProtocol: 'TLSv1_1_client_method' });`,
      errors: [
        {
          messageId: 'secureProtocolBelowTls12',
          data: {
            driver: "Node's tls",
            value: 'TLSv1_1_client_method',
            secure: "minVersion: 'TLSv1.2' (and no secureProtocol)",
            environment: 'not stated, so treated as production',
            minimum: 'TLSv1.2',
          },
          line: 2,
          column: 15,
        },
      ],
    },
    {
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', ciphers: 'RC4-SHA:HIGH' });`,
      errors: [
        {
          messageId: 'weakCiphers',
          data: {
            driver: "Node's tls",
            ciphers: 'RC4-SHA',
            secure: "Node's default cipher list (omit `ciphers`)",
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 39,
        },
      ],
    },
    {
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', ciphers: 'DEFAULT:3DES' });`,
      errors: [
        {
          messageId: 'weakCiphers',
          data: {
            driver: "Node's tls",
            ciphers: '3DES',
            secure: "Node's default cipher list (omit `ciphers`)",
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 39,
        },
      ],
    },
    {
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', ciphers: 'ALL:eNULL' });`,
      errors: [
        {
          messageId: 'weakCiphers',
          data: {
            driver: "Node's tls",
            ciphers: 'eNULL',
            secure: "Node's default cipher list (omit `ciphers`)",
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 39,
        },
      ],
    },
    {
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', ciphers: 'DEFAULT:@SECLEVEL=0' });`,
      errors: [
        {
          messageId: 'weakCiphers',
          data: {
            driver: "Node's tls",
            ciphers: '@SECLEVEL=0',
            secure: "Node's default cipher list (omit `ciphers`)",
            environment: 'not stated, so treated as production',
          },
          line: 2,
          column: 39,
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true, minVersion: 'TLSv1' } });`,
      errors: [
        {
          messageId: 'versionAllowed',
          data: {
            driver: 'node-postgres (pg)',
            key: 'minVersion',
            value: 'TLSv1',
            version: 'TLSv1',
            secure: "minVersion: 'TLSv1.2'",
            environment: 'not stated, so treated as production',
            minimum: 'TLSv1.2',
          },
          line: 2,
          column: 69,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true, minVersion: 'TLSv1.2' } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const mysql = require('mysql2');
mysql.createConnection({ host: 'db.example.com', ssl: { verifyIdentity: true, minVersion: 'TLSv1.1' } });`,
      errors: [
        {
          messageId: 'versionAllowed',
          data: {
            driver: 'mysql2',
            key: 'minVersion',
            value: 'TLSv1.1',
            version: 'TLSv1.1',
            secure: "minVersion: 'TLSv1.2'",
            environment: 'not stated, so treated as production',
            minimum: 'TLSv1.2',
          },
          line: 2,
          column: 79,
          suggestions: [
            {
              output: `const mysql = require('mysql2');
mysql.createConnection({ host: 'db.example.com', ssl: { verifyIdentity: true, minVersion: 'TLSv1.2' } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const { Connection } = require('tedious');
new Connection({ server: 'db.example.com', options: { cryptoCredentialsDetails: { minVersion: 'TLSv1' } } });`,
      errors: [
        {
          messageId: 'versionAllowed',
          data: {
            driver: 'tedious',
            key: 'minVersion',
            value: 'TLSv1',
            version: 'TLSv1',
            secure: "minVersion: 'TLSv1.2'",
            environment: 'not stated, so treated as production',
            minimum: 'TLSv1.2',
          },
          line: 2,
          column: 83,
          suggestions: [
            {
              output: `const { Connection } = require('tedious');
new Connection({ server: 'db.example.com', options: { cryptoCredentialsDetails: { minVersion: 'TLSv1.2' } } });`,
            },
          ],
        },
      ],
    },
    {
      code: `const Redis = require('ioredis');
new Redis({ host: 'cache.example.com', tls: { minVersion: 'TLSv1' } });`,
      errors: [
        {
          messageId: 'versionAllowed',
          data: {
            driver: 'ioredis',
            key: 'minVersion',
            value: 'TLSv1',
            version: 'TLSv1',
            secure: "minVersion: 'TLSv1.2'",
            environment: 'not stated, so treated as production',
            minimum: 'TLSv1.2',
          },
          line: 2,
          column: 47,
          suggestions: [
            {
              output: `const Redis = require('ioredis');
new Redis({ host: 'cache.example.com', tls: { minVersion: 'TLSv1.2' } });`,
            },
          ],
        },
      ],
    },
    {
      tsOnly: true,
      code: `import { Pool } from 'pg';
const tlsOptions = { minVersion: 'TLSv1' } as const;
new Pool({ host: 'db.example.com', ssl: { ...tlsOptions } });`,
      errors: [
        {
          messageId: 'versionAllowed',
          data: {
            // It flows into pg's `ssl`: the driver reads it.
            driver: 'node-postgres (pg)',
            key: 'minVersion',
            value: 'TLSv1',
            version: 'TLSv1',
            secure: "minVersion: 'TLSv1.2'",
            environment: 'not stated, so treated as production',
            minimum: 'TLSv1.2',
          },
          line: 2,
          column: 22,
          suggestions: [
            {
              output: `import { Pool } from 'pg';
const tlsOptions = { minVersion: 'TLSv1.2' } as const;
new Pool({ host: 'db.example.com', ssl: { ...tlsOptions } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import tls from 'node:tls';
tls.DEFAULT_MIN_VERSION = 'TLSv1';`,
      errors: [
        {
          messageId: 'processMinimumLowered',
          data: {
            driver: "Node's tls",
            value: 'TLSv1',
            secure: "tls.DEFAULT_MIN_VERSION = 'TLSv1.2' (the default)",
            environment: 'not stated, so treated as production',
            minimum: 'TLSv1.2',
          },
          line: 2,
          column: 1,
        },
      ],
    },
    {
      options: [{ minimum: 'TLSv1.3' }],
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', minVersion: 'TLSv1.2' });`,
      errors: [
        {
          messageId: 'versionAllowed',
          data: {
            driver: "Node's tls",
            key: 'minVersion',
            value: 'TLSv1.2',
            version: 'TLSv1.2',
            secure: "minVersion: 'TLSv1.3'",
            environment: 'not stated, so treated as production',
            minimum: 'TLSv1.3',
          },
          line: 2,
          column: 39,
          suggestions: [
            {
              output: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', minVersion: 'TLSv1.3' });`,
            },
          ],
        },
      ],
    },
    {
      options: [{ minimum: 'TLSv1.3' }],
      code: `const tls = require('tls');
tls.connect({ maxVersion: 'TLSv1.2' });`,
      errors: [
        {
          messageId: 'versionForced',
          data: {
            driver: "Node's tls",
            key: 'maxVersion',
            value: 'TLSv1.2',
            version: 'TLSv1.2',
            secure: "minVersion: 'TLSv1.3'",
            environment: 'not stated, so treated as production',
            minimum: 'TLSv1.3',
          },
          line: 2,
          column: 15,
        },
      ],
    },
    {
      options: [{ minimum: 'TLSv1.3' }],
      code: `const tls = require('tls');
tls.connect({ secureProtocol: 'TLSv1_2_method' });`,
      errors: [
        {
          messageId: 'secureProtocolTls12',
          data: {
            driver: "Node's tls",
            value: 'TLSv1_2_method',
            secure: "minVersion: 'TLSv1.3' (and no secureProtocol)",
            environment: 'not stated, so treated as production',
            minimum: 'TLSv1.3',
          },
          line: 2,
          column: 15,
        },
      ],
    },
    {
      filename: 'src/db.test.js',
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', minVersion: 'TLSv1' });`,
      errors: [
        {
          messageId: 'versionAllowed',
          data: {
            driver: "Node's tls",
            key: 'minVersion',
            value: 'TLSv1',
            version: 'TLSv1',
            secure: "minVersion: 'TLSv1.2'",
            environment: 'development: file name `db.test.js`',
            minimum: 'TLSv1.2',
          },
          line: 2,
          column: 39,
          suggestions: [
            {
              output: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', minVersion: 'TLSv1.2' });`,
            },
          ],
        },
      ],
    },
    {
      filename: 'test/helpers/tls.js',
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', minVersion: 'TLSv1' });`,
      errors: [
        {
          messageId: 'versionAllowed',
          data: {
            driver: "Node's tls",
            key: 'minVersion',
            value: 'TLSv1',
            version: 'TLSv1',
            secure: "minVersion: 'TLSv1.2'",
            // POLICY: a `test/` directory names the environment (and makes a test file).
            environment: 'development: directory `test/`',
            minimum: 'TLSv1.2',
          },
          line: 2,
          column: 39,
          suggestions: [
            {
              output: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', minVersion: 'TLSv1.2' });`,
            },
          ],
        },
      ],
    },
    {
      filename: 'config/development.js',
      code: `import tls from 'node:tls';
tls.connect({ host: 'localhost', minVersion: 'TLSv1' });`,
      errors: [
        {
          messageId: 'versionAllowed',
          data: {
            driver: "Node's tls",
            key: 'minVersion',
            value: 'TLSv1',
            version: 'TLSv1',
            secure: "minVersion: 'TLSv1.2'",
            environment: 'development: file name `development.js`',
            minimum: 'TLSv1.2',
          },
          line: 2,
          column: 34,
          suggestions: [
            {
              output: `import tls from 'node:tls';
tls.connect({ host: 'localhost', minVersion: 'TLSv1.2' });`,
            },
          ],
        },
      ],
    },
    {
      code: `import tls from 'node:tls';
if (process.env.NODE_ENV !== 'production') {
  tls.connect({ host: 'db.example.com', minVersion: 'TLSv1' });
}`,
      errors: [
        {
          messageId: 'versionAllowed',
          data: {
            driver: "Node's tls",
            key: 'minVersion',
            value: 'TLSv1',
            version: 'TLSv1',
            secure: "minVersion: 'TLSv1.2'",
            environment: "development: branch `if (process.env.NODE_ENV !== 'production')`",
            minimum: 'TLSv1.2',
          },
          line: 3,
          column: 41,
          suggestions: [
            {
              output: `import tls from 'node:tls';
if (process.env.NODE_ENV !== 'production') {
  tls.connect({ host: 'db.example.com', minVersion: 'TLSv1.2' });
}`,
            },
          ],
        },
      ],
    },
  ],
});
