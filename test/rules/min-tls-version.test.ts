/**
 * RuleTester cases for `secure-db/min-tls-version` (see POLICY.md and DRIVERS.md). Run with
 * espree and @typescript-eslint/parser by ./helpers.ts; the default file name is
 * `src/db.js` (environment unknown, so production).
 */
import rule from '../../rules/min-tls-version.js';
import { POLICY_GUARD_EXAMPLE, runRuleTests } from './helpers.js';

runRuleTests('min-tls-version', rule, {
  valid: [
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
      code: `const https = require('https');
new https.Agent({ maxVersion: 'TLSv1.2' });`,
    },
    {
      code: `const https = require('https');
new https.Agent({ secureProtocol: 'TLS_method' });`,
    },
    {
      code: `const https = require('https');
new https.Agent({ secureProtocol: 'SSLv23_method' });`,
    },
    {
      code: `const https = require('https');
new https.Agent({ secureProtocol: 'TLSv1_2_method' });`,
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
          messageId: 'weakTlsVersion',
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
          messageId: 'weakTlsVersion',
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
      code: `const https = require('https');
new https.Agent({ maxVersion: 'TLSv1.1' });`,
      errors: [{ messageId: 'weakTlsVersion', line: 2, column: 19 }],
    },
    {
      code: `const https = require('https');
new https.Agent({ secureProtocol: 'TLSv1_method' });`,
      errors: [{ messageId: 'weakTlsVersion', line: 2, column: 19 }],
    },
    {
      code: `const https = require('https');
new https.Agent({ secureProtocol: 'TLSv1_1_client_method' });`,
      errors: [{ messageId: 'weakTlsVersion', line: 2, column: 19 }],
    },
    {
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', ciphers: 'RC4-SHA:HIGH' });`,
      errors: [{ messageId: 'weakCiphers', line: 2, column: 39 }],
    },
    {
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', ciphers: 'DEFAULT:3DES' });`,
      errors: [{ messageId: 'weakCiphers', line: 2, column: 39 }],
    },
    {
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', ciphers: 'ALL:eNULL' });`,
      errors: [{ messageId: 'weakCiphers', line: 2, column: 39 }],
    },
    {
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', ciphers: 'DEFAULT:@SECLEVEL=0' });`,
      errors: [{ messageId: 'weakCiphers', line: 2, column: 39 }],
    },
    {
      code: `import { Pool } from 'pg';
new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true, minVersion: 'TLSv1' } });`,
      errors: [
        {
          messageId: 'weakTlsVersion',
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
          messageId: 'weakTlsVersion',
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
          messageId: 'weakTlsVersion',
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
          messageId: 'weakTlsVersion',
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
          messageId: 'weakTlsVersion',
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
      errors: [{ messageId: 'weakTlsVersion', line: 2, column: 1 }],
    },
    {
      options: [{ minimum: 'TLSv1.3' }],
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', minVersion: 'TLSv1.2' });`,
      errors: [
        {
          messageId: 'weakTlsVersion',
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
      code: `const https = require('https');
new https.Agent({ maxVersion: 'TLSv1.2' });`,
      errors: [{ messageId: 'weakTlsVersion', line: 2, column: 19 }],
    },
    {
      options: [{ minimum: 'TLSv1.3' }],
      code: `const https = require('https');
new https.Agent({ secureProtocol: 'TLSv1_2_method' });`,
      errors: [{ messageId: 'weakTlsVersion', line: 2, column: 19 }],
    },
    {
      filename: 'src/db.test.js',
      code: `import tls from 'node:tls';
tls.connect({ host: 'db.example.com', minVersion: 'TLSv1' });`,
      errors: [
        {
          messageId: 'weakTlsVersion',
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
          messageId: 'weakTlsVersion',
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
          messageId: 'weakTlsVersion',
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
          messageId: 'weakTlsVersion',
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
