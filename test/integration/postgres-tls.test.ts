/**
 * The policy agrees with reality: real PostgreSQL 15 servers with TLS, real `pg` and
 * `postgres` (postgres.js) clients, and the plugin run on the exact same source text.
 *
 * Each case is a small ES module that builds one client (host, port, user and password come
 * from `DB_*` environment variables so that no loopback literal or secret is in the code).
 * The module is
 *   1. linted with ESLint's `Linter` and `plugin.configs.recommended` (as `src/db.js`, so no
 *      environment evidence: POLICY treats it as production), and
 *   2. executed in a child Node process (`node --input-type=module -e`, cwd = this repo) against
 *      four server/trust situations, each followed by
 *      `SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`:
 *        trusted   server cert for 127.0.0.1, the test CA trusted (NODE_EXTRA_CA_CERTS);
 *        mismatch  server cert for another name, same CA, CA trusted;
 *        untrusted server cert for 127.0.0.1, CA NOT trusted (unless the code pins it itself);
 *        plain     server with `ssl = off` (hostnossl only).
 * From the four outcomes the observed verdict is derived (DRIVERS.md verdict codes; the
 * situations, verdicts, lint and fix helpers are shared with the other driver suites in
 * driver-proof.ts): any plaintext session → NO-TLS; the mismatching certificate accepted →
 * NO-VERIFY; else OK.
 * The plugin must report require-ssl / no-weak-sslmode for NO-TLS, no-disabled-cert-verification
 * / no-weak-sslmode for NO-VERIFY and nothing for OK — the single documented exception is pg's
 * `sslmode=require` (verify-full today, NO-VERIFY with `uselibpqcompat=true` and in pg v9;
 * DRIVERS §1 col 2–3), reported on purpose with the uselibpqcompat note.
 * For every finding the fix (the plugin's suggestion, or the value its message names when it
 * offers no suggestion) is applied to the source, and the fixed module must lint clean and
 * behave as OK (DRIVERS §21).
 *
 * Needs root and /usr/lib/postgresql/15/bin (CI: apt-get install -y postgresql-15 openssl).
 * SECURE_DB_SKIP_PG=1 skips the file explicitly; otherwise a missing server is a failure.
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
  VERIFIED_PINNED,
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

// ---------------------------------------------------------------------------------------
// Cases

interface Case {
  id: string;
  driver: 'pg' | 'postgres';
  /** The whole module; `@@CA_FILE@@` is replaced by the test CA's path. */
  source: string;
  observed: Record<Situation, Observed>;
  verdict: Verdict;
  finding: RuleId | null;
  /** Case where POLICY is deliberately stricter than today's behaviour: the message must say why. */
  policyAhead?: RegExp;
  /** When the plugin offers no suggestion: the value its message names, applied as a text edit. */
  manualFix?: ManualFix;
}

const PG_OPTIONS = `host: process.env.DB_HOST,
  port: Number(process.env.DB_PORT),
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: 'postgres',`;
const pgClient = (extra: string, prelude = '') =>
  `import pg from 'pg';\n${prelude}\nconst client = new pg.Client({\n  ${PG_OPTIONS}${extra ? `\n  ${extra}` : ''}\n});\n`;
const pgUrl = (query: string) =>
  `import pg from 'pg';\n\nconst client = new pg.Client({\n  connectionString: \`postgres://\${process.env.DB_USER}:\${process.env.DB_PASSWORD}@\${process.env.DB_HOST}:\${process.env.DB_PORT}/postgres${query}\`,\n});\n`;
const PJS_OPTIONS = `host: process.env.DB_HOST,
  port: Number(process.env.DB_PORT),
  username: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: 'postgres',`;
const pjsClient = (extra: string, prelude = '') =>
  `import postgres from 'postgres';\n${prelude}\nconst sql = postgres({\n  ${PJS_OPTIONS}${extra ? `\n  ${extra}` : ''}\n});\n`;

const CASES: readonly Case[] = [
  // ---- node-postgres, object config
  {
    id: 'pg: no ssl option',
    driver: 'pg',
    source: pgClient(''),
    observed: PLAINTEXT,
    verdict: 'NO-TLS',
    finding: 'secure-db/require-ssl',
  },
  {
    id: 'pg: ssl { rejectUnauthorized: true, ca } (injected value + CA)',
    driver: 'pg',
    source: pgClient(
      "ssl: { rejectUnauthorized: true, ca: fs.readFileSync('@@CA_FILE@@', 'utf8') },",
      "import fs from 'node:fs';",
    ),
    observed: VERIFIED_PINNED,
    verdict: 'OK',
    finding: null,
  },
  {
    id: 'pg: ssl { rejectUnauthorized: true } without ca',
    driver: 'pg',
    source: pgClient('ssl: { rejectUnauthorized: true },'),
    observed: VERIFIED,
    verdict: 'OK',
    finding: null,
  },
  {
    id: 'pg: ssl true',
    driver: 'pg',
    source: pgClient('ssl: true,'),
    observed: VERIFIED,
    verdict: 'OK',
    finding: null,
  },
  {
    id: 'pg: ssl { rejectUnauthorized: false }',
    driver: 'pg',
    source: pgClient('ssl: { rejectUnauthorized: false },'),
    observed: UNVERIFIED,
    verdict: 'NO-VERIFY',
    finding: 'secure-db/no-disabled-cert-verification',
  },
  {
    id: "pg: NODE_TLS_REJECT_UNAUTHORIZED = '0' in code, ssl true",
    driver: 'pg',
    source: pgClient('ssl: true,', "\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';"),
    observed: UNVERIFIED,
    verdict: 'NO-VERIFY',
    finding: 'secure-db/no-disabled-cert-verification',
    manualFix: {
      says: 'no override',
      replace: ["\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';", ''],
    },
  },
  // ---- node-postgres, connection string
  {
    id: 'pg URL: sslmode=verify-full&sslrootcert=<ca>',
    driver: 'pg',
    source: pgUrl('?sslmode=verify-full&sslrootcert=@@CA_FILE@@'),
    observed: VERIFIED_PINNED,
    verdict: 'OK',
    finding: null,
  },
  {
    id: 'pg URL: sslmode=verify-full (no sslrootcert)',
    driver: 'pg',
    source: pgUrl('?sslmode=verify-full'),
    observed: VERIFIED,
    verdict: 'OK',
    finding: null,
  },
  {
    // pg today: alias of verify-full (DRIVERS §1 col 2); reported because of uselibpqcompat / pg v9.
    id: 'pg URL: sslmode=require',
    driver: 'pg',
    source: pgUrl('?sslmode=require'),
    observed: VERIFIED,
    verdict: 'OK',
    finding: 'secure-db/no-weak-sslmode',
    policyAhead: /from pg v9/,
    manualFix: { says: 'sslmode=verify-full', replace: ['sslmode=require', 'sslmode=verify-full'] },
  },
  {
    id: 'pg URL: sslmode=require&uselibpqcompat=true',
    driver: 'pg',
    source: pgUrl('?sslmode=require&uselibpqcompat=true'),
    observed: UNVERIFIED,
    verdict: 'NO-VERIFY',
    finding: 'secure-db/no-weak-sslmode',
    manualFix: { says: 'sslmode=verify-full', replace: ['sslmode=require', 'sslmode=verify-full'] },
  },
  {
    id: 'pg URL: no sslmode',
    driver: 'pg',
    source: pgUrl(''),
    observed: PLAINTEXT,
    verdict: 'NO-TLS',
    finding: 'secure-db/require-ssl',
    manualFix: {
      says: 'sslmode=verify-full',
      replace: ['/postgres`', '/postgres?sslmode=verify-full`'],
    },
  },
  // ---- postgres.js
  {
    id: 'postgres.js: no ssl option',
    driver: 'postgres',
    source: pjsClient(''),
    observed: PLAINTEXT,
    verdict: 'NO-TLS',
    finding: 'secure-db/require-ssl',
  },
  {
    id: "postgres.js: ssl 'require'",
    driver: 'postgres',
    source: pjsClient("ssl: 'require',"),
    observed: UNVERIFIED,
    verdict: 'NO-VERIFY',
    finding: 'secure-db/no-weak-sslmode',
  },
  {
    id: "postgres.js: ssl 'prefer'",
    driver: 'postgres',
    source: pjsClient("ssl: 'prefer',"),
    observed: { trusted: 'tls', mismatch: 'tls', untrusted: 'tls', plain: 'plaintext' },
    verdict: 'NO-TLS',
    finding: 'secure-db/no-weak-sslmode',
  },
  {
    id: "postgres.js: ssl 'verify-full'",
    driver: 'postgres',
    source: pjsClient("ssl: 'verify-full',"),
    observed: VERIFIED,
    verdict: 'OK',
    finding: null,
  },
  {
    id: 'postgres.js: ssl { ca }',
    driver: 'postgres',
    source: pjsClient(
      "ssl: { ca: fs.readFileSync('@@CA_FILE@@', 'utf8') },",
      "import fs from 'node:fs';",
    ),
    observed: VERIFIED_PINNED,
    verdict: 'OK',
    finding: null,
  },
];

// ---------------------------------------------------------------------------------------
// Running a case's module against a server

const EPILOGUE: Record<Case['driver'], string> = {
  pg: `
client.on('error', () => {});
try {
  await client.connect();
  const { rows } = await client.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
  __report({ connected: true, ssl: rows[0].ssl });
  await client.end();
} catch (e) {
  __report(__failure(e));
}
process.exit(0);
`,
  postgres: `
try {
  const rows = await sql\`SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()\`;
  __report({ connected: true, ssl: rows[0].ssl });
} catch (e) {
  __report(__failure(e));
}
await sql.end({ timeout: 1 }).catch(() => {});
process.exit(0);
`,
};

// ---------------------------------------------------------------------------------------

const unavailable = SKIP ? null : postgresUnavailableReason();

describe.skipIf(SKIP)(
  'real PostgreSQL 15 with TLS: findings and fixes match what pg and postgres.js do',
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

    function envFor(
      situation: Situation,
      extra: Record<string, string> = {},
    ): Record<string, string> {
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
        ...extra,
      };
    }

    async function observe(
      source: string,
      driver: Case['driver'],
      extraEnv: Record<string, string> = {},
    ) {
      const outcomes = await Promise.all(
        SITUATIONS.map((s) => runNodeModule(source, EPILOGUE[driver], envFor(s, extraEnv))),
      );
      const observed = Object.fromEntries(
        SITUATIONS.map((s, i) => [s, classifyNode(outcomes[i]!)]),
      ) as Record<Situation, string>;
      return { observed, verdict: verdictOf(observed) };
    }

    const materialize = (c: Case) => c.source.replaceAll('@@CA_FILE@@', fixture!.caFile);

    it('the servers are what they claim: plaintext and TLS both possible, password required', async () => {
      const probe = (ssl: string, password: string, situation: Situation) =>
        runNodeModule(
          pgClient(`ssl: ${ssl},`).replace(
            'password: process.env.DB_PASSWORD',
            `password: ${JSON.stringify(password)}`,
          ),
          EPILOGUE.pg,
          envFor(situation),
        );
      const f = fixture!;
      expect(classifyNode(await probe('false', f.password, 'trusted'))).toBe('plaintext');
      expect(
        classifyNode(await probe('{ rejectUnauthorized: false }', f.password, 'trusted')),
      ).toBe('tls');
      expect(classifyNode(await probe('false', f.password, 'plain'))).toBe('plaintext');
      const wrong = await probe('false', `${f.password}x`, 'trusted');
      expect(wrong.connected).toBe(false);
      expect(wrong.codes).toContain('28P01'); // invalid_password: scram-sha-256 is enforced
    });

    describe.each(CASES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
      it('observed behaviour, and the plugin reports exactly what it means', async () => {
        const source = materialize(c);
        const { observed, verdict } = await observe(source, c.driver);
        expect(observed).toEqual(c.observed);
        expect(verdict).toBe(c.verdict);

        const messages = lint(source);
        const rules = messages.map((m) => m.ruleId);
        expect(rules).toEqual(c.finding ? [c.finding] : []);
        if (c.policyAhead) {
          // Stricter than today on purpose; the message must explain why.
          expect(messages[0]!.message).toMatch(c.policyAhead);
        } else {
          // The policy agrees with reality.
          expect(rules.length > 0).toBe(verdict !== 'OK');
          for (const rule of rules) expect(FINDINGS_FOR[verdict]).toContain(rule);
        }
      });

      if (!c.finding) return;
      it('the fix makes it verified (DRIVERS §21) and lint-clean', async () => {
        const source = materialize(c);
        const [message] = lint(source);
        const fixed = applyFix(source, message!, c.manualFix);
        expect(fixed).not.toBe(source);
        expect(lint(fixed)).toEqual([]);
        const { observed, verdict } = await observe(fixed, c.driver);
        expect(verdict).toBe('OK');
        expect(observed).toEqual(VERIFIED);
      });
    });

    it('NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment of a child process turns pg `ssl: true` into NO-VERIFY', async () => {
      const source = pgClient('ssl: true,');
      expect(lint(source)).toEqual([]); // the code alone is secure …
      const off = await observe(source, 'pg', { NODE_TLS_REJECT_UNAUTHORIZED: '0' });
      expect(off.observed).toEqual(UNVERIFIED); // … the process-wide switch undoes it
      expect(off.verdict).toBe('NO-VERIFY');
      const on = await observe(source, 'pg');
      expect(on.observed).toEqual(VERIFIED);
    });
  },
);
