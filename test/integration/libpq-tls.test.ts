/**
 * The scanner agrees with libpq: env files (PG* keys, DATABASE_URL), Django settings and
 * SQLAlchemy URLs, judged by `secure-db scan` and consumed by the real clients against real
 * PostgreSQL 15 servers (test/integration/postgres-server.ts):
 *   - psql, with the env file's PG* variables, or with its DATABASE_URL as the argument;
 *   - Django settings through psycopg2 (`DATABASES['default']` turned into connect()
 *     keywords as Django's backend does, OPTIONS last) and through psql, the same
 *     parameters rendered to a conninfo;
 *   - SQLAlchemy `create_engine(URL).connect()` (psycopg2).
 * Fixtures name the server `db.secure-db.test` (not loopback, so the policy applies) and
 * libpq connects to 127.0.0.1 through PGHOSTADDR, checking the certificate against the name.
 * The test CA is supplied the way libpq documents by default: ~/.postgresql/root.crt.
 *
 * Then `secure-db scan --fix` rewrites the file, the scan is clean, and the same consumer
 * refuses the impostor certificate and the wrong host name, and connects to the real server.
 *
 * Needs root, /usr/lib/postgresql/15/bin (psql included) and Debian's python3-psycopg2 and
 * python3-sqlalchemy for /usr/bin/python3. SECURE_DB_SKIP_PG=1 skips the file explicitly
 * (it needs the servers), SECURE_DB_SKIP_PYTHON=1 skips the Python consumers only.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FINDINGS_FOR,
  PLAINTEXT,
  REPO_ROOT,
  SITUATIONS,
  UNVERIFIED,
  VERIFIED,
  runChild,
  verdictOf,
  type Observed,
  type Outcome,
  type RuleId,
  type Situation,
  type Verdict,
} from './driver-proof.js';
import {
  createPostgresTlsFixture,
  PG_BIN_DIR,
  postgresUnavailableReason,
  SERVER_NAME,
  type PostgresServer,
  type PostgresTlsFixture,
} from './postgres-server.js';

const SKIP = process.env.SECURE_DB_SKIP_PG === '1';
const SKIP_PYTHON = process.env.SECURE_DB_SKIP_PYTHON === '1';
const PYTHON = '/usr/bin/python3';
const PSQL = join(PG_BIN_DIR, 'psql');
const CLIENT_PY = join(import.meta.dirname, 'python', 'libpq_client.py');
const BIN = join(REPO_ROOT, 'dist/src/cli/bin.js');
const CHILD_TIMEOUT_MS = 20_000;

function pythonUnavailableReason(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import psycopg2, sqlalchemy'], { encoding: 'utf8' });
  return probe.status === 0
    ? null
    : `${PYTHON} cannot import psycopg2 and sqlalchemy (apt-get install -y python3-psycopg2 python3-sqlalchemy)`;
}
const unavailable = SKIP
  ? null
  : (postgresUnavailableReason() ?? (SKIP_PYTHON ? null : pythonUnavailableReason()));

/** `require` with a root certificate present acts as verify-ca (host name not checked). */
const LIBPQ_REQUIRE = UNVERIFIED;
/** `prefer` (libpq's default): TLS when offered, never verified, plaintext otherwise. */
const LIBPQ_PREFER = { ...UNVERIFIED, plain: 'plaintext' } as const;
/** `allow`: plaintext first, and these servers all accept it. */
const LIBPQ_ALLOW = PLAINTEXT;

/** What libpq did, from its error message (psql's stderr, psycopg2's exception). */
function classifyLibpq(outcome: Outcome): Observed | `unexpected: ${string}` {
  if (outcome.connected) return outcome.ssl ? 'tls' : 'plaintext';
  const message = outcome.message ?? '';
  if (/server certificate for ".*" does not match host name/.test(message)) return 'fail:host-name';
  // verify-full without any root certificate, or with one that did not sign the server's.
  if (/root certificate file .* does not exist|certificate verify failed/.test(message))
    return 'fail:untrusted-certificate';
  if (/server does not support SSL, but SSL was required/.test(message)) return 'fail:no-tls';
  return `unexpected: ${message}`;
}

type Consumer = 'psql-env' | 'psql-url' | 'django' | 'sqlalchemy' | 'python-call';

interface Case {
  id: string;
  consumer: Consumer;
  /** The one file of the project: scanned, fixed, and read by the consumer. */
  file: string;
  text: string;
  observed: Record<Situation, Observed>;
  verdict: Verdict;
  finding: RuleId | null;
}

const DJANGO = (options: string) => `import os

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'postgres',
        'USER': os.environ['DB_USER'],
        'PASSWORD': os.environ['DB_PASSWORD'],
        'HOST': os.environ['DB_HOST'],
        'PORT': os.environ['DB_PORT'],${options ? `\n        ${options}` : ''}
    }
}
`;

/** A module whose `connect()` makes the connection (psycopg2 keywords from the environment). */
const PSYCOPG2 = (extra: string, conninfo = '') => `import os

import psycopg2


def connect():
    return psycopg2.connect(
        ${conninfo}host=os.environ['DB_HOST'],
        port=os.environ['DB_PORT'],
        user=os.environ['DB_USER'],
        password=os.environ['DB_PASSWORD'],
        dbname='postgres',${extra ? `\n        ${extra}` : ''}
    )
`;

const CASES: readonly Case[] = [
  {
    id: 'env file: PGSSLMODE=require (psql)',
    consumer: 'psql-env',
    file: '.env.production',
    text: `PGHOST=${SERVER_NAME}\nPGSSLMODE=require\n`,
    observed: LIBPQ_REQUIRE,
    verdict: 'NO-VERIFY',
    finding: 'secure-db/no-weak-sslmode',
  },
  {
    id: 'env file: PGSSLMODE=prefer (psql)',
    consumer: 'psql-env',
    file: '.env.production',
    text: `PGHOST=${SERVER_NAME}\nPGSSLMODE=prefer\n`,
    observed: LIBPQ_PREFER,
    verdict: 'NO-TLS',
    finding: 'secure-db/no-weak-sslmode',
  },
  {
    id: 'env file: PGSSLMODE=verify-full (psql)',
    consumer: 'psql-env',
    file: '.env.production',
    text: `PGHOST=${SERVER_NAME}\nPGSSLMODE=verify-full\n`,
    observed: VERIFIED,
    verdict: 'OK',
    finding: null,
  },
  {
    id: 'env file: DATABASE_URL without sslmode (psql URL)',
    consumer: 'psql-url',
    file: '.env',
    text: `DATABASE_URL=postgres://${SERVER_NAME}/postgres\n`,
    observed: LIBPQ_PREFER,
    verdict: 'NO-TLS',
    finding: 'secure-db/require-ssl',
  },
  {
    id: 'env file: DATABASE_URL with sslmode=allow (psql URL)',
    consumer: 'psql-url',
    file: '.env',
    text: `DATABASE_URL=postgres://${SERVER_NAME}/postgres?sslmode=allow\n`,
    observed: LIBPQ_ALLOW,
    verdict: 'NO-TLS',
    finding: 'secure-db/no-weak-sslmode',
  },
  {
    id: 'Django settings without OPTIONS (psycopg2, and psql with the conninfo)',
    consumer: 'django',
    file: 'settings.py',
    text: DJANGO(''),
    observed: LIBPQ_PREFER,
    verdict: 'NO-TLS',
    finding: 'secure-db/require-ssl',
  },
  {
    id: "Django settings with OPTIONS {'sslmode': 'require'} (psycopg2, and psql with the conninfo)",
    consumer: 'django',
    file: 'settings.py',
    text: DJANGO("'OPTIONS': {'sslmode': 'require'},"),
    observed: LIBPQ_REQUIRE,
    verdict: 'NO-VERIFY',
    finding: 'secure-db/no-weak-sslmode',
  },
  {
    id: 'SQLAlchemy URL postgresql+psycopg2:// without sslmode',
    consumer: 'sqlalchemy',
    file: 'settings.py',
    text: `SQLALCHEMY_DATABASE_URI = 'postgresql+psycopg2://${SERVER_NAME}/postgres'\n`,
    observed: LIBPQ_PREFER,
    verdict: 'NO-TLS',
    finding: 'secure-db/require-ssl',
  },
  {
    id: 'psycopg2.connect(host=…) without sslmode',
    consumer: 'python-call',
    file: 'db.py',
    text: PSYCOPG2(''),
    observed: LIBPQ_PREFER,
    verdict: 'NO-TLS',
    finding: 'secure-db/require-ssl',
  },
  {
    id: "psycopg2.connect(host=…, sslmode='require')",
    consumer: 'python-call',
    file: 'db.py',
    text: PSYCOPG2("sslmode='require',"),
    observed: LIBPQ_REQUIRE,
    verdict: 'NO-VERIFY',
    finding: 'secure-db/no-weak-sslmode',
  },
  {
    id: "psycopg2.connect('… sslmode=disable', sslmode='verify-full'): the keyword wins",
    consumer: 'python-call',
    file: 'db.py',
    text: PSYCOPG2("sslmode='verify-full',", "'dbname=postgres sslmode=disable',\n        "),
    observed: VERIFIED,
    verdict: 'OK',
    finding: null,
  },
  {
    id: "SQLAlchemy connect_args={'sslmode': 'require'} over the URL's sslmode=disable",
    consumer: 'python-call',
    file: 'db.py',
    text: `from sqlalchemy import create_engine


def connect():
    return create_engine(
        'postgresql+psycopg2://${SERVER_NAME}/postgres?sslmode=disable',
        connect_args={'sslmode': 'require'},
    )
`,
    observed: LIBPQ_REQUIRE,
    verdict: 'NO-VERIFY',
    finding: 'secure-db/no-weak-sslmode',
  },
  {
    id: 'SQLAlchemy URL postgresql://…?sslmode=require',
    consumer: 'sqlalchemy',
    file: 'settings.py',
    text: `SQLALCHEMY_DATABASE_URI = 'postgresql://${SERVER_NAME}/postgres?sslmode=require'\n`,
    observed: LIBPQ_REQUIRE,
    verdict: 'NO-VERIFY',
    finding: 'secure-db/no-weak-sslmode',
  },
];

/** `secure-db scan` (JSON) in a project: the rule ids found, in order. */
function scanRules(project: string, ...extra: string[]): string[] {
  const run = spawnSync(process.execPath, [BIN, 'scan', '--format', 'json', ...extra], {
    cwd: project,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    timeout: 60_000,
  });
  expect([0, 1], run.stderr).toContain(run.status);
  const report = JSON.parse(run.stdout) as { results: { ruleId: string }[]; errors: unknown[] };
  expect(report.errors).toEqual([]);
  return report.results.map((r) => r.ruleId);
}

function fix(project: string): void {
  const run = spawnSync(process.execPath, [BIN, 'scan', '--fix'], {
    cwd: project,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    timeout: 60_000,
  });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stderr).toMatch(/^secure-db: fixed \d+ problems? in 1 file$/m);
}

/** psql: one query, its answer as an outcome. */
function runPsql(args: readonly string[], env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      PSQL,
      ['-X', '-A', '-t', '-c', 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()', ...args],
      {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
        timeout: CHILD_TIMEOUT_MS,
        killSignal: 'SIGKILL',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      resolve(
        status === 0
          ? { connected: true, ssl: stdout.trim() === 't' }
          : { connected: false, message: stderr },
      );
    });
  });
}

/** KEY=VALUE lines (the fixtures use no quotes or comments). */
function envFileValues(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe.skipIf(SKIP)(
  'real PostgreSQL 15 with TLS: the scanner agrees with libpq (psql), psycopg2 and SQLAlchemy',
  () => {
    let fixture: PostgresTlsFixture | undefined;
    const servers = {} as Record<'tls' | 'mismatch' | 'plain', PostgresServer>;
    let trustedHome = '';
    let emptyHome = '';

    beforeAll(async () => {
      if (unavailable)
        throw new Error(
          `cannot run: ${unavailable} (set SECURE_DB_SKIP_PG=1 or SECURE_DB_SKIP_PYTHON=1 to skip explicitly)`,
        );
      fixture = await createPostgresTlsFixture();
      const f = fixture;
      [servers.tls, servers.mismatch, servers.plain] = await Promise.all([
        f.startServer({ name: 'tls', cert: 'localhost' }),
        f.startServer({ name: 'mismatch', cert: 'mismatch' }),
        f.startServer({ name: 'plain', cert: null }),
      ]);
      // libpq's default root certificate: ~/.postgresql/root.crt.
      trustedHome = mkdtempSync(join(tmpdir(), 'secure-db-home-'));
      mkdirSync(join(trustedHome, '.postgresql'));
      writeFileSync(join(trustedHome, '.postgresql', 'root.crt'), readFileSync(f.caFile));
      emptyHome = mkdtempSync(join(tmpdir(), 'secure-db-home-'));
    }, 60_000);

    afterAll(async () => {
      await fixture?.stop();
    }, 30_000);

    /** libpq's environment for a situation: the name stays the fixture's, the address is local. */
    function envFor(situation: Situation): Record<string, string> {
      const f = fixture!;
      const server =
        situation === 'mismatch'
          ? servers.mismatch
          : situation === 'plain'
            ? servers.plain
            : servers.tls;
      return {
        HOME: situation === 'untrusted' ? emptyHome : trustedHome,
        PGHOSTADDR: server.host,
        PGPORT: String(server.port),
        PGUSER: f.user,
        PGPASSWORD: f.password,
        PGDATABASE: 'postgres',
        PGCONNECT_TIMEOUT: '10',
        // What the Django fixture reads.
        DB_HOST: SERVER_NAME,
        DB_PORT: String(server.port),
        DB_USER: f.user,
        DB_PASSWORD: f.password,
      };
    }

    /** Every client that reads this file; each must observe the same thing. */
    async function consume(c: Case, project: string, env: Record<string, string>) {
      const path = join(project, c.file);
      const text = readFileSync(path, 'utf8');
      switch (c.consumer) {
        case 'psql-env':
          return [await runPsql([], { ...env, ...envFileValues(text) })];
        case 'psql-url':
          return [await runPsql([envFileValues(text).DATABASE_URL!], env)];
        case 'django': {
          if (SKIP_PYTHON) return [];
          const conninfo = spawnSync(PYTHON, [CLIENT_PY, 'django-conninfo', path], {
            env: { PATH: process.env.PATH ?? '', ...env },
            encoding: 'utf8',
          });
          expect(conninfo.status, conninfo.stderr).toBe(0);
          expect(conninfo.stdout).not.toContain(fixture!.password);
          return Promise.all([
            runChild(PYTHON, [CLIENT_PY, 'django-psycopg2', path], env),
            runPsql([conninfo.stdout.trim()], env),
          ]);
        }
        case 'python-call':
          if (SKIP_PYTHON) return [];
          return [await runChild(PYTHON, [CLIENT_PY, 'call', path], env)];
        case 'sqlalchemy':
          if (SKIP_PYTHON) return [];
          return [
            await runChild(PYTHON, [CLIENT_PY, 'sqlalchemy', path, 'SQLALCHEMY_DATABASE_URI'], env),
          ];
      }
    }

    async function observe(c: Case, project: string) {
      const perSituation = await Promise.all(SITUATIONS.map((s) => consume(c, project, envFor(s))));
      const consumers = perSituation[0]!.length;
      const views = Array.from(
        { length: consumers },
        (_, i) =>
          Object.fromEntries(
            SITUATIONS.map((s, j) => [s, classifyLibpq(perSituation[j]![i]!)]),
          ) as Record<Situation, string>,
      );
      // psycopg2 and psql (Django), or the single consumer: one behaviour.
      for (const view of views.slice(1)) expect(view).toEqual(views[0]);
      return views[0];
    }

    function project(c: Case): string {
      const dir = mkdtempSync(join(tmpdir(), 'secure-db-libpq-'));
      writeFileSync(join(dir, c.file), c.text);
      return dir;
    }

    describe.each(CASES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
      it.skipIf(SKIP_PYTHON && c.consumer !== 'psql-env' && c.consumer !== 'psql-url')(
        'observed behaviour matches the finding; after scan --fix: verified',
        async () => {
          const dir = project(c);
          const observed = await observe(c, dir);
          expect(observed).toEqual(c.observed);
          const verdict = verdictOf(observed!);
          expect(verdict).toBe(c.verdict);
          const rules = scanRules(dir);
          expect(rules).toEqual(c.finding ? [c.finding] : []);
          for (const rule of rules) expect(FINDINGS_FOR[verdict]).toContain(rule);
          if (!c.finding) return;

          const fixed = mkdtempSync(join(tmpdir(), 'secure-db-libpq-fixed-'));
          cpSync(dir, fixed, { recursive: true });
          fix(fixed);
          expect(readFileSync(join(fixed, c.file), 'utf8')).toMatch(/verify-full/);
          expect(scanRules(fixed)).toEqual([]);
          expect(await observe(c, fixed)).toEqual(VERIFIED);
        },
      );
    });
  },
);
