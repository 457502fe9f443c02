/**
 * The policy agrees with reality for the ORMs and query builders over node-postgres:
 * knex (client pg), TypeORM, Sequelize, Slonik and Kysely, against real PostgreSQL 15
 * servers (test/integration/postgres-server.ts), in the style of postgres-tls.test.ts.
 *
 * Each case is a small ES module that builds one client from `DB_*` environment variables
 * (no loopback literal, no secret in the code). It is linted with the plugin as `src/db.js`
 * and run in a child Node process in the four situations of driver-proof.ts, the test CA
 * trusted through NODE_EXTRA_CA_CERTS (what every pg-based client reads). For every finding
 * the plugin's suggestion (or the value its message names) is applied; the fixed module must
 * lint clean, refuse the impostor and the wrong host name, and connect to the real server.
 *
 * Needs root and /usr/lib/postgresql/15/bin; SECURE_DB_SKIP_PG=1 skips the file explicitly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyFix,
  classifyNode,
  FINDINGS_FOR,
  lint,
  PLAINTEXT,
  runNodeModule,
  SITUATIONS,
  UNVERIFIED,
  VERIFIED,
  verdictOf,
  type ManualFix,
  type Observed,
  type RuleId,
  type Situation,
  type Verdict,
} from './driver-proof.js';
import {
  createPostgresTlsFixture,
  postgresUnavailableReason,
  type PostgresServer,
  type PostgresTlsFixture,
} from './postgres-server.js';

const SKIP = process.env.SECURE_DB_SKIP_PG === '1';
const unavailable = SKIP ? null : postgresUnavailableReason();

type Driver = 'knex' | 'typeorm' | 'sequelize' | 'slonik' | 'kysely';

interface Case {
  id: string;
  driver: Driver;
  source: string;
  observed: Record<Situation, Observed>;
  verdict: Verdict;
  finding: RuleId | null;
  manualFix?: ManualFix;
}

const CONNECTION = `host: process.env.DB_HOST,
    port: Number(process.env.DB_PORT),
    user: process.env.DB_USER,
    password: process.env.DB_PASSWORD,
    database: 'postgres',`;
const URL_BASE =
  '`postgres://${process.env.DB_USER}:${process.env.DB_PASSWORD}@${process.env.DB_HOST}:${process.env.DB_PORT}/postgres';

const knexClient = (ssl: string) =>
  `import knex from 'knex';\n\nconst db = knex({\n  client: 'pg',\n  connection: {\n    ${CONNECTION}${ssl ? `\n    ${ssl}` : ''}\n  },\n});\n`;
const knexUrl = (query: string) =>
  `import knex from 'knex';\n\nconst db = knex({\n  client: 'pg',\n  connection: ${URL_BASE}${query}\`,\n});\n`;
const typeormSource = (ssl: string) =>
  `import { DataSource } from 'typeorm';\n\nconst dataSource = new DataSource({\n  type: 'postgres',\n  host: process.env.DB_HOST,\n  port: Number(process.env.DB_PORT),\n  username: process.env.DB_USER,\n  password: process.env.DB_PASSWORD,\n  database: 'postgres',${ssl ? `\n  ${ssl}` : ''}\n});\n`;
const sequelizeSource = (options: string) =>
  `import { Sequelize } from 'sequelize';\n\nconst sequelize = new Sequelize('postgres', process.env.DB_USER, process.env.DB_PASSWORD, {\n  host: process.env.DB_HOST,\n  port: Number(process.env.DB_PORT),\n  dialect: 'postgres',\n  logging: false,${options ? `\n  ${options}` : ''}\n});\n`;
const slonikSource = (query: string) =>
  `import { createPool, sql } from 'slonik';\n\nconst pool = await createPool(${URL_BASE}${query}\`);\n`;
const kyselySource = (ssl: string) =>
  `import { Kysely, PostgresDialect, sql } from 'kysely';\nimport pg from 'pg';\n\nconst db = new Kysely({\n  dialect: new PostgresDialect({\n    pool: new pg.Pool({\n      ${CONNECTION.replaceAll('\n    ', '\n      ')}${ssl ? `\n      ${ssl}` : ''}\n    }),\n  }),\n});\n`;

const QUERY = 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()';
/** Each driver's epilogue: one query, then `__report`. */
const EPILOGUE: Record<Driver, string> = {
  knex: `
try {
  const { rows } = await db.raw('${QUERY}');
  __report({ connected: true, ssl: rows[0].ssl });
} catch (e) { __report(__failure(e)); }
await db.destroy().catch(() => {});
process.exit(0);
`,
  typeorm: `
try {
  await dataSource.initialize();
  const rows = await dataSource.query('${QUERY}');
  __report({ connected: true, ssl: rows[0].ssl });
} catch (e) { __report(__failure(e)); }
process.exit(0);
`,
  sequelize: `
try {
  const [rows] = await sequelize.query('${QUERY}');
  __report({ connected: true, ssl: rows[0].ssl });
} catch (e) { __report(__failure(e)); }
process.exit(0);
`,
  slonik: `
try {
  const ssl = await pool.oneFirst(sql.unsafe\`${QUERY}\`);
  __report({ connected: true, ssl });
} catch (e) { __report(__failure(e)); }
process.exit(0);
`,
  kysely: `
try {
  const { rows } = await sql\`${QUERY}\`.execute(db);
  __report({ connected: true, ssl: rows[0].ssl });
} catch (e) { __report(__failure(e)); }
process.exit(0);
`,
};

const CASES: readonly Case[] = [
  // ---- knex, client pg
  {
    id: 'knex pg: no ssl',
    driver: 'knex',
    source: knexClient(''),
    observed: PLAINTEXT,
    verdict: 'NO-TLS',
    finding: 'secure-db/require-ssl',
  },
  {
    id: 'knex pg: ssl { rejectUnauthorized: false }',
    driver: 'knex',
    source: knexClient('ssl: { rejectUnauthorized: false },'),
    observed: UNVERIFIED,
    verdict: 'NO-VERIFY',
    finding: 'secure-db/no-disabled-cert-verification',
  },
  {
    id: 'knex pg: ssl { rejectUnauthorized: true }',
    driver: 'knex',
    source: knexClient('ssl: { rejectUnauthorized: true },'),
    observed: VERIFIED,
    verdict: 'OK',
    finding: null,
  },
  {
    id: 'knex pg: connection string without sslmode',
    driver: 'knex',
    source: knexUrl(''),
    observed: PLAINTEXT,
    verdict: 'NO-TLS',
    finding: 'secure-db/require-ssl',
    manualFix: {
      says: 'sslmode=verify-full',
      replace: ['/postgres`', '/postgres?sslmode=verify-full`'],
    },
  },
  // ---- TypeORM
  {
    id: 'TypeORM postgres: no ssl',
    driver: 'typeorm',
    source: typeormSource(''),
    observed: PLAINTEXT,
    verdict: 'NO-TLS',
    finding: 'secure-db/require-ssl',
  },
  {
    id: 'TypeORM postgres: ssl { rejectUnauthorized: false }',
    driver: 'typeorm',
    source: typeormSource('ssl: { rejectUnauthorized: false },'),
    observed: UNVERIFIED,
    verdict: 'NO-VERIFY',
    finding: 'secure-db/no-disabled-cert-verification',
  },
  {
    id: 'TypeORM postgres: ssl true, but extra.ssl { rejectUnauthorized: false } wins',
    driver: 'typeorm',
    source: typeormSource('ssl: true,\n  extra: { ssl: { rejectUnauthorized: false } },'),
    observed: UNVERIFIED,
    verdict: 'NO-VERIFY',
    finding: 'secure-db/no-disabled-cert-verification',
  },
  {
    id: 'TypeORM postgres: ssl true',
    driver: 'typeorm',
    source: typeormSource('ssl: true,'),
    observed: VERIFIED,
    verdict: 'OK',
    finding: null,
  },
  // ---- Sequelize
  {
    id: 'Sequelize postgres: no ssl',
    driver: 'sequelize',
    source: sequelizeSource(''),
    observed: PLAINTEXT,
    verdict: 'NO-TLS',
    finding: 'secure-db/require-ssl',
  },
  {
    id: 'Sequelize postgres: top-level ssl true is ignored',
    driver: 'sequelize',
    source: sequelizeSource('ssl: true,'),
    observed: PLAINTEXT,
    verdict: 'NO-TLS',
    finding: 'secure-db/require-ssl',
  },
  {
    id: 'Sequelize postgres: dialectOptions.ssl { require: true, rejectUnauthorized: false }',
    driver: 'sequelize',
    source: sequelizeSource(
      'dialectOptions: { ssl: { require: true, rejectUnauthorized: false } },',
    ),
    observed: UNVERIFIED,
    verdict: 'NO-VERIFY',
    finding: 'secure-db/no-disabled-cert-verification',
  },
  {
    id: 'Sequelize postgres: dialectOptions.ssl { require: true }',
    driver: 'sequelize',
    source: sequelizeSource('dialectOptions: { ssl: { require: true } },'),
    observed: VERIFIED,
    verdict: 'OK',
    finding: null,
  },
  // ---- Slonik
  {
    id: 'Slonik: DSN without sslmode',
    driver: 'slonik',
    source: slonikSource(''),
    observed: PLAINTEXT,
    verdict: 'NO-TLS',
    finding: 'secure-db/require-ssl',
    manualFix: { says: 'sslmode=require', replace: ['/postgres`', '/postgres?sslmode=require`'] },
  },
  {
    id: 'Slonik: sslmode=no-verify',
    driver: 'slonik',
    source: slonikSource('?sslmode=no-verify'),
    observed: UNVERIFIED,
    verdict: 'NO-VERIFY',
    finding: 'secure-db/no-disabled-cert-verification',
    manualFix: { says: 'sslmode=require', replace: ['sslmode=no-verify', 'sslmode=require'] },
  },
  {
    id: 'Slonik: sslmode=require verifies fully',
    driver: 'slonik',
    source: slonikSource('?sslmode=require'),
    observed: VERIFIED,
    verdict: 'OK',
    finding: null,
  },
  // ---- Kysely over a pg Pool
  {
    id: 'Kysely PostgresDialect: pg Pool without ssl',
    driver: 'kysely',
    source: kyselySource(''),
    observed: PLAINTEXT,
    verdict: 'NO-TLS',
    finding: 'secure-db/require-ssl',
  },
  {
    id: 'Kysely PostgresDialect: pg Pool ssl { rejectUnauthorized: false }',
    driver: 'kysely',
    source: kyselySource('ssl: { rejectUnauthorized: false },'),
    observed: UNVERIFIED,
    verdict: 'NO-VERIFY',
    finding: 'secure-db/no-disabled-cert-verification',
  },
];

describe.skipIf(SKIP)(
  'real PostgreSQL 15 with TLS: findings and fixes match what knex, TypeORM, Sequelize, Slonik and Kysely do',
  () => {
    let fixture: PostgresTlsFixture | undefined;
    const servers = {} as Record<'tls' | 'mismatch' | 'plain', PostgresServer>;

    beforeAll(async () => {
      if (unavailable)
        throw new Error(`cannot run: ${unavailable} (set SECURE_DB_SKIP_PG=1 to skip explicitly)`);
      fixture = await createPostgresTlsFixture();
      const f = fixture;
      [servers.tls, servers.mismatch, servers.plain] = await Promise.all([
        f.startServer({ name: 'tls', cert: 'localhost' }),
        f.startServer({ name: 'mismatch', cert: 'mismatch' }),
        f.startServer({ name: 'plain', cert: null }),
      ]);
    }, 60_000);

    afterAll(async () => {
      await fixture?.stop();
    }, 30_000);

    function envFor(situation: Situation): Record<string, string> {
      const f = fixture!;
      const server =
        situation === 'mismatch'
          ? servers.mismatch
          : situation === 'plain'
            ? servers.plain
            : servers.tls;
      return {
        DB_HOST: server.host,
        DB_PORT: String(server.port),
        DB_USER: f.user,
        DB_PASSWORD: f.password,
        ...(situation === 'untrusted' ? {} : { NODE_EXTRA_CA_CERTS: f.caFile }),
      };
    }

    async function observe(source: string, driver: Driver) {
      const outcomes = await Promise.all(
        SITUATIONS.map((s) => runNodeModule(source, EPILOGUE[driver], envFor(s))),
      );
      const observed = Object.fromEntries(
        SITUATIONS.map((s, i) => [s, classifyNode(outcomes[i]!)]),
      ) as Record<Situation, string>;
      return { observed, verdict: verdictOf(observed) };
    }

    describe.each(CASES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
      it('observed behaviour, and the plugin reports exactly what it means', async () => {
        const { observed, verdict } = await observe(c.source, c.driver);
        expect(observed).toEqual(c.observed);
        expect(verdict).toBe(c.verdict);
        const rules = lint(c.source).map((m) => m.ruleId);
        expect(rules).toEqual(c.finding ? [c.finding] : []);
        for (const rule of rules) expect(FINDINGS_FOR[verdict]).toContain(rule);
      });

      if (!c.finding) return;
      it('the fix makes it verified (DRIVERS §21) and lint-clean', async () => {
        const [message] = lint(c.source);
        const fixed = applyFix(c.source, message!, c.manualFix);
        expect(fixed).not.toBe(c.source);
        expect(lint(fixed)).toEqual([]);
        const { observed, verdict } = await observe(fixed, c.driver);
        expect(observed).toEqual(VERIFIED);
        expect(verdict).toBe('OK');
      });
    });
  },
);
