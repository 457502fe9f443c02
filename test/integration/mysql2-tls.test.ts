/**
 * The policy agrees with reality for mysql2 against real MariaDB servers with TLS
 * (test/integration/mariadb-server.ts), in the style of postgres-tls.test.ts: mysql2 checks
 * the chain by default but not the host name unless `verifyIdentity: true` (DRIVERS §6), so
 * `ssl: { rejectUnauthorized: true }` accepts a certificate issued for another name; the
 * plugin reports it (no-weak-sslmode), and its suggestion makes mysql2 refuse that name.
 * Whether a session is encrypted is read from the server (`Ssl_version`).
 *
 * Needs root and Debian's mariadb-server; SECURE_DB_SKIP_MARIADB=1 skips the file explicitly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyFix,
  classifyNode,
  FINDINGS_FOR,
  HOST_UNCHECKED,
  lint,
  PLAINTEXT,
  runNodeModule,
  SITUATIONS,
  UNVERIFIED,
  VERIFIED,
  verdictOf,
  type Observed,
  type RuleId,
  type Situation,
  type Verdict,
} from './driver-proof.js';
import {
  createMariadbTlsFixture,
  mariadbUnavailableReason,
  type MariadbServer,
  type MariadbTlsFixture,
} from './mariadb-server.js';

const SKIP = process.env.SECURE_DB_SKIP_MARIADB === '1';
const unavailable = SKIP ? null : mariadbUnavailableReason();

interface Case {
  id: string;
  source: string;
  observed: Record<Situation, Observed>;
  verdict: Verdict;
  finding: RuleId | null;
  /** Rounds of "apply the first suggestion, lint again" until clean (default 1). */
  fixRounds?: number;
}

const mysql2Client = (ssl: string) =>
  `import mysql from 'mysql2/promise';\n\nconst connection = mysql.createConnection({\n  host: process.env.DB_HOST,\n  port: Number(process.env.DB_PORT),\n  user: process.env.DB_USER,\n  password: process.env.DB_PASSWORD,${ssl ? `\n  ${ssl}` : ''}\n});\n`;

const EPILOGUE = `
try {
  const db = await connection;
  const [rows] = await db.query("SHOW SESSION STATUS LIKE 'Ssl_version'");
  __report({ connected: true, ssl: rows[0].Value !== '' });
  await db.end();
} catch (e) { __report(__failure(e)); }
process.exit(0);
`;

const CASES: readonly Case[] = [
  {
    id: 'mysql2: no ssl',
    source: mysql2Client(''),
    observed: PLAINTEXT,
    verdict: 'NO-TLS',
    finding: 'secure-db/require-ssl',
  },
  {
    id: 'mysql2: ssl { rejectUnauthorized: true } without verifyIdentity accepts another host name',
    source: mysql2Client('ssl: { rejectUnauthorized: true },'),
    observed: HOST_UNCHECKED,
    verdict: 'NO-HOST',
    finding: 'secure-db/no-weak-sslmode',
  },
  {
    id: 'mysql2: ssl { rejectUnauthorized: false }',
    source: mysql2Client('ssl: { rejectUnauthorized: false },'),
    observed: UNVERIFIED,
    verdict: 'NO-VERIFY',
    finding: 'secure-db/no-disabled-cert-verification',
    // POLICY: the fix writes `verifyIdentity: true` too, so one round reaches VERIFIED.
    fixRounds: 1,
  },
  {
    id: 'mysql2: ssl { rejectUnauthorized: true, verifyIdentity: true }',
    source: mysql2Client('ssl: { rejectUnauthorized: true, verifyIdentity: true },'),
    observed: VERIFIED,
    verdict: 'OK',
    finding: null,
  },
];

describe.skipIf(SKIP)('real MariaDB with TLS: findings and fixes match what mysql2 does', () => {
  let fixture: MariadbTlsFixture | undefined;
  const servers = {} as Record<'tls' | 'mismatch' | 'plain', MariadbServer>;

  beforeAll(async () => {
    if (unavailable)
      throw new Error(
        `cannot run: ${unavailable} (set SECURE_DB_SKIP_MARIADB=1 to skip explicitly)`,
      );
    fixture = await createMariadbTlsFixture();
    const f = fixture;
    [servers.tls, servers.mismatch, servers.plain] = await Promise.all([
      f.startServer({ name: 'tls', cert: 'localhost' }),
      f.startServer({ name: 'mismatch', cert: 'mismatch' }),
      f.startServer({ name: 'plain', cert: null }),
    ]);
  }, 90_000);

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

  async function observe(source: string) {
    const outcomes = await Promise.all(
      SITUATIONS.map((s) => runNodeModule(source, EPILOGUE, envFor(s))),
    );
    const observed = Object.fromEntries(
      SITUATIONS.map((s, i) => [s, classifyNode(outcomes[i]!)]),
    ) as Record<Situation, string>;
    return { observed, verdict: verdictOf(observed) };
  }

  it('the servers are what they claim: TLS where configured, plaintext possible, password required', async () => {
    const plain = await observe(mysql2Client(''));
    expect(plain.observed).toEqual(PLAINTEXT);
    const wrong = await runNodeModule(
      mysql2Client('').replace('process.env.DB_PASSWORD', "'not-the-password'"),
      EPILOGUE,
      envFor('trusted'),
    );
    expect(wrong.codes).toContain('ER_ACCESS_DENIED_ERROR');
  });

  describe.each(CASES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    it('observed behaviour, and the plugin reports exactly what it means', async () => {
      const { observed, verdict } = await observe(c.source);
      expect(observed).toEqual(c.observed);
      expect(verdict).toBe(c.verdict);
      const rules = lint(c.source).map((m) => m.ruleId);
      expect(rules).toEqual(c.finding ? [c.finding] : []);
      for (const rule of rules) expect(FINDINGS_FOR[verdict]).toContain(rule);
    });

    if (!c.finding) return;
    it('the fix refuses the wrong host name and the impostor, and connects to the real server', async () => {
      let fixed = c.source;
      let rounds = 0;
      for (let messages = lint(fixed); messages.length > 0; messages = lint(fixed)) {
        expect(rounds, 'the suggestions do not converge').toBeLessThan(3);
        fixed = applyFix(fixed, messages[0]!, undefined);
        rounds++;
        if (rounds === 1 && (c.fixRounds ?? 1) > 1) {
          // The first suggestion alone: the chain is checked, the host name is not.
          expect(lint(fixed).map((m) => m.ruleId)).toEqual(['secure-db/no-weak-sslmode']);
          expect(await observe(fixed)).toEqual({ observed: HOST_UNCHECKED, verdict: 'NO-HOST' });
        }
      }
      expect(rounds).toBe(c.fixRounds ?? 1);
      expect(fixed).toContain('verifyIdentity: true');
      const { observed, verdict } = await observe(fixed);
      expect(observed).toEqual(VERIFIED);
      expect(verdict).toBe('OK');
    });
  });
});
