/**
 * `secure-db probe` against real PostgreSQL 15 servers, one per configuration, started in
 * parallel from one initdb (test/integration/postgres-server.ts). Every verdict is asserted
 * from the JSON contract, and the exit code with it; the fixture's password is planted in
 * the environment of every run and must appear in no output of any format.
 *
 * Needs root and /usr/lib/postgresql/15/bin (CI: apt-get install -y postgresql-15 openssl).
 * SECURE_DB_SKIP_PG=1 skips the file explicitly; otherwise a missing server is a failure.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPostgresTlsFixture,
  freeLoopbackPort,
  postgresUnavailableReason,
  type PostgresServer,
  type PostgresTlsFixture,
  type ServerOptions,
} from '../integration/postgres-server.js';
import { parse } from 'yaml';
import { REPO, runActionSteps } from './action-steps.js';
import { BIN, json, runProbe, verdicts, type ProbeRun } from './helpers.js';

/** The fenced block after `<!-- test-snippet: NAME -->` in docs/<doc>. */
function snippet(doc: string, name: string): string {
  const text = readFileSync(join(REPO, 'docs', doc), 'utf8');
  const at = text.indexOf(`<!-- test-snippet: ${name} -->`);
  const match = /^\s*```[^\n]*\n([\s\S]*?)\n```/.exec(text.slice(at).replace(/^[^\n]*\n/, ''));
  if (at < 0 || !match) throw new Error(`docs/${doc} has no snippet ${name}`);
  return match[1]!;
}

/** The shape of a JSON value: object keys (recursively) and array element shapes. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return value === null ? null : typeof value;
}

const SKIP = process.env.SECURE_DB_SKIP_PG === '1';
const unavailable = SKIP ? null : postgresUnavailableReason();

const HOSTSSL_SCRAM = ['hostssl all all 127.0.0.1/32 scram-sha-256'];

/** One server per configuration the issue names. */
const SERVERS = {
  tlsOff: { cert: null, hba: ['hostnossl all all 127.0.0.1/32 scram-sha-256'] },
  hostAndHostssl: {
    cert: 'localhost',
    hba: ['hostssl all all 127.0.0.1/32 scram-sha-256', 'host all all 127.0.0.1/32 scram-sha-256'],
  },
  hostsslOnly: { cert: 'localhost', hba: HOSTSSL_SCRAM },
  tls13: { cert: 'localhost', hba: HOSTSSL_SCRAM, conf: ["ssl_min_protocol_version = 'TLSv1.3'"] },
  // OpenSSL 3 refuses TLS 1.0/1.1 at security level 1 and above: the server must lower it
  // too, or a TLSv1 minimum is only a setting (still reported, with --connect).
  tls1: {
    cert: 'localhost',
    hba: HOSTSSL_SCRAM,
    conf: ["ssl_min_protocol_version = 'TLSv1'", "ssl_ciphers = 'DEFAULT:@SECLEVEL=0'"],
  },
  tls1Setting: {
    cert: 'localhost',
    hba: HOSTSSL_SCRAM,
    conf: ["ssl_min_protocol_version = 'TLSv1'"],
  },
  expiring: { cert: 'expiring', hba: HOSTSSL_SCRAM },
  expired: { cert: 'expired', hba: HOSTSSL_SCRAM },
  mismatch: { cert: 'mismatch', hba: HOSTSSL_SCRAM },
  md5: {
    cert: 'localhost',
    hba: ['hostssl all all 127.0.0.1/32 md5'],
    conf: ["password_encryption = 'md5'"],
  },
  trust: { cert: 'localhost', hba: ['hostssl all all 127.0.0.1/32 trust'] },
  cleartext: { cert: 'localhost', hba: ['hostssl all all 127.0.0.1/32 password'] },
} satisfies Record<string, Omit<ServerOptions, 'name'>>;
type ServerName = keyof typeof SERVERS;

describe.skipIf(SKIP)('secure-db probe against real PostgreSQL 15 servers', () => {
  let fixture: PostgresTlsFixture | undefined;
  const servers = {} as Record<ServerName, PostgresServer>;
  /** Every run of this file, for the planted-password check at the end. */
  const runs: { args: readonly string[]; run: ProbeRun }[] = [];

  beforeAll(async () => {
    if (unavailable)
      throw new Error(`cannot run: ${unavailable} (set SECURE_DB_SKIP_PG=1 to skip explicitly)`);
    if (!existsSync(BIN)) throw new Error('run `npm run build` first: the probe tests run the CLI');
    fixture = await createPostgresTlsFixture();
    const f = fixture;
    const names = Object.keys(SERVERS) as ServerName[];
    const started = await Promise.all(
      names.map((name) =>
        f.startServer({
          name: name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
          ...SERVERS[name],
        }),
      ),
    );
    names.forEach((name, i) => (servers[name] = started[i]!));
    // Store the password as an MD5 hash (password_encryption = md5 on that server).
    await f.psql(servers.md5, `ALTER ROLE ${f.user} PASSWORD '${f.password}'`);
  }, 120_000);

  afterAll(async () => {
    await fixture?.stop();
  }, 30_000);

  /** Probes a server as the fixture's user, the password planted in PGPASSWORD. */
  async function probe(name: ServerName, ...extra: string[]): Promise<ProbeRun> {
    const server = servers[name];
    const args = [
      '--host',
      server.host,
      '--port',
      String(server.port),
      '--user',
      fixture!.user,
      '--dbname',
      'postgres',
      // Generous: dozens of probes run at once on a small machine; no test here is about time.
      '--timeout',
      '20',
      ...extra,
    ];
    const run = await runProbe(args, { PGPASSWORD: fixture!.password });
    runs.push({ args, run });
    return run;
  }
  const withCa = () => ['--ca', fixture!.caFile];

  it('TLS off: no TLS offered (require-ssl); plaintext sessions with SCRAM', async () => {
    const run = await probe('tlsOff', '--format', 'json', ...withCa(), '--connect');
    const report = json(run);
    expect(run.code).toBe(1);
    expect(report.status).toBe('probed');
    expect(report.tls).toEqual({ offered: false, protocol: null, cipher: null, legacy: null });
    expect(report.certificate).toBeNull();
    expect(report.plaintext.accepted).toBe(true);
    expect(report.authentication).toMatchObject({ method: 'scram-sha-256', over: 'plaintext' });
    // Credentials are never sent over plaintext.
    expect(report.session).toEqual({ skipped: 'no-tls' });
    expect(verdicts(report)).toEqual(['secure-db/require-ssl tls-offered error']);
  });

  it('host + hostssl: TLS offered and verified, but plaintext accepted too (require-ssl)', async () => {
    const report = json(await probe('hostAndHostssl', '--format', 'json', ...withCa()));
    expect(report.tls).toMatchObject({ offered: true, protocol: 'TLSv1.3' });
    expect(report.certificate?.chain).toEqual({ verified: true, trust: 'ca-file', error: null });
    expect(report.plaintext.accepted).toBe(true);
    expect(verdicts(report)).toEqual(['secure-db/require-ssl plaintext-refused error']);
  });

  it('hostssl only, SCRAM, TLS 1.2+: no finding, exit 0; --connect logs in with SCRAM and reads the session', async () => {
    const run = await probe('hostsslOnly', '--format', 'json', ...withCa(), '--connect');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = json(run);
    expect(report.tls.protocol).toBe('TLSv1.3');
    expect(report.tls.cipher).toMatch(/^TLS_/);
    expect(report.tls.legacy).toMatchObject({ accepted: false, protocol: null });
    expect(report.certificate).toMatchObject({
      subject: 'CN=localhost',
      issuer: 'CN=secure-db throwaway test CA',
      subjectAltNames: ['DNS:localhost', 'DNS:db.secure-db.test', 'IP Address:127.0.0.1'],
      hostName: { name: '127.0.0.1', matches: true },
    });
    expect(report.certificate!.daysToExpiry).toBeGreaterThanOrEqual(363);
    expect(report.plaintext).toMatchObject({ accepted: false });
    expect(report.plaintext.serverMessage).toMatch(/no pg_hba\.conf entry .*no encryption/);
    expect(report.authentication).toEqual({
      method: 'scram-sha-256',
      // Over TLS the server also offers channel binding.
      mechanisms: ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256'],
      over: 'tls',
      serverMessage: null,
    });
    expect(report.session).toEqual({
      ssl: true,
      version: 'TLSv1.3',
      cipher: report.tls.cipher,
      sslMinProtocolVersion: 'TLSv1.2',
      passwordEncryption: 'scram-sha-256',
    });
    expect(report.results).toEqual([]);
  });

  it('hostssl only, but the CA is not trusted: the chain does not verify, and --connect sends no credentials', async () => {
    const run = await probe('hostsslOnly', '--format', 'json', '--connect');
    const report = json(run);
    expect(run.code).toBe(1);
    expect(report.certificate?.chain).toEqual({
      verified: false,
      trust: 'default',
      error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
    expect(report.session).toEqual({ skipped: 'unverified-certificate' });
    expect(run.stderr).toContain('--connect: no query was run (unverified-certificate)');
    expect(verdicts(report)).toEqual([
      'secure-db/no-disabled-cert-verification certificate-chain error',
    ]);
  });

  it('the host name is the one the user gave: localhost matches, the server name of the certificate too', async () => {
    const server = servers.hostsslOnly;
    for (const host of ['localhost', `postgres://localhost:${server.port}/postgres`]) {
      const args =
        host === 'localhost' ? ['--host', 'localhost', '--port', String(server.port)] : [host];
      const run = await runProbe([...args, '--user', fixture!.user, ...withCa(), '-f', 'json']);
      runs.push({ args, run });
      const report = json(run);
      expect(report.target).toMatchObject({ host: 'localhost', address: '127.0.0.1' });
      expect(report.certificate?.hostName).toEqual({ name: 'localhost', matches: true });
      expect(report.results).toEqual([]);
    }
  });

  it("ssl_min_protocol_version = 'TLSv1.3': TLS 1.3 negotiated, TLS 1.0/1.1 refused, no finding", async () => {
    const report = json(await probe('tls13', '--format', 'json', ...withCa(), '--connect'));
    expect(report.tls.protocol).toBe('TLSv1.3');
    expect(report.tls.legacy?.accepted).toBe(false);
    expect(report.session).toMatchObject({ sslMinProtocolVersion: 'TLSv1.3' });
    expect(report.results).toEqual([]);
  });

  it("ssl_min_protocol_version = 'TLSv1' with a security level that allows it: a TLS 1.1 handshake succeeds (min-tls-version, twice with --connect)", async () => {
    const plain = json(await probe('tls1', '--format', 'json', ...withCa()));
    expect(plain.tls.protocol).toBe('TLSv1.3');
    expect(plain.tls.legacy).toEqual({ accepted: true, protocol: 'TLSv1.1', error: null });
    expect(verdicts(plain)).toEqual(['secure-db/min-tls-version legacy-tls-refused error']);
    const connected = json(await probe('tls1', '--format', 'json', ...withCa(), '--connect'));
    expect(connected.session).toMatchObject({ sslMinProtocolVersion: 'TLSv1' });
    expect(verdicts(connected)).toEqual([
      'secure-db/min-tls-version legacy-tls-refused error',
      'secure-db/min-tls-version ssl-min-protocol-version error',
    ]);
  });

  it("ssl_min_protocol_version = 'TLSv1' under OpenSSL's default security level: the handshake fails, the setting is still reported with --connect", async () => {
    const plain = json(await probe('tls1Setting', '--format', 'json', ...withCa()));
    expect(plain.tls.legacy?.accepted).toBe(false);
    expect(plain.results).toEqual([]);
    const connected = json(
      await probe('tls1Setting', '--format', 'json', ...withCa(), '--connect'),
    );
    expect(verdicts(connected)).toEqual([
      'secure-db/min-tls-version ssl-min-protocol-version error',
    ]);
  });

  it('a certificate expiring in 10 days: a warning (exit 0); none with --expiry-warn-days 5', async () => {
    const run = await probe('expiring', '--format', 'json', ...withCa());
    expect(run.code).toBe(0);
    const report = json(run);
    expect([9, 10]).toContain(report.certificate!.daysToExpiry);
    expect(report.certificate!.chain.verified).toBe(true);
    expect(verdicts(report)).toEqual([
      'secure-db/no-disabled-cert-verification certificate-expiry warning',
    ]);
    expect(report.results[0]!.message).toContain(report.certificate!.validTo.slice(0, 10));
    const relaxed = await probe(
      'expiring',
      '--format',
      'json',
      ...withCa(),
      '--expiry-warn-days',
      '5',
    );
    expect(relaxed.code).toBe(0);
    expect(json(relaxed).results).toEqual([]);
  });

  it('an expired certificate: an error, reported once (not also as an unverifiable chain)', async () => {
    const run = await probe('expired', '--format', 'json', ...withCa());
    expect(run.code).toBe(1);
    const report = json(run);
    expect(report.certificate).toMatchObject({
      validTo: '2020-02-01T00:00:00.000Z',
      chain: { verified: false, error: 'CERT_HAS_EXPIRED' },
    });
    expect(report.certificate!.daysToExpiry).toBeLessThan(-365);
    expect(verdicts(report)).toEqual([
      'secure-db/no-disabled-cert-verification certificate-expiry error',
    ]);
    expect(report.results[0]!.message).toContain('expired on 2020-02-01');
  });

  it('a certificate for another host name: the chain verifies, the host name does not', async () => {
    const run = await probe('mismatch', '--format', 'json', ...withCa(), '--connect');
    const report = json(run);
    expect(run.code).toBe(1);
    expect(report.certificate).toMatchObject({
      subject: 'CN=wrong-name.invalid',
      chain: { verified: true },
      hostName: { name: '127.0.0.1', matches: false },
    });
    expect(report.session).toEqual({ skipped: 'unverified-certificate' });
    expect(verdicts(report)).toEqual([
      'secure-db/no-disabled-cert-verification certificate-host error',
    ]);
    expect(report.results[0]!.message).toContain(
      'issued for wrong-name.invalid, not for 127.0.0.1',
    );
  });

  it('md5 authentication and password_encryption = md5 (no-weak-db-auth); --connect answers the MD5 challenge', async () => {
    const plain = json(await probe('md5', '--format', 'json', ...withCa()));
    expect(plain.authentication).toMatchObject({ method: 'md5', over: 'tls' });
    expect(verdicts(plain)).toEqual(['secure-db/no-weak-db-auth authentication-method error']);
    const run = await probe('md5', '--format', 'json', ...withCa(), '--connect');
    const connected = json(run);
    expect(connected.session).toMatchObject({ ssl: true, passwordEncryption: 'md5' });
    expect(verdicts(connected)).toEqual([
      'secure-db/no-weak-db-auth authentication-method error',
      'secure-db/no-weak-db-auth password-encryption error',
    ]);
  });

  it('trust authentication: let in without a password (no-weak-db-auth)', async () => {
    const report = json(await probe('trust', '--format', 'json', ...withCa()));
    expect(report.authentication.method).toBe('trust');
    expect(verdicts(report)).toEqual(['secure-db/no-weak-db-auth authentication-method error']);
  });

  it('password (cleartext) authentication: reported; --connect sends it only over the verified TLS session', async () => {
    const report = json(await probe('cleartext', '--format', 'json', ...withCa(), '--connect'));
    expect(report.authentication).toMatchObject({ method: 'password', over: 'tls' });
    expect(report.session).toMatchObject({ ssl: true, passwordEncryption: 'scram-sha-256' });
    expect(verdicts(report)).toEqual(['secure-db/no-weak-db-auth authentication-method error']);
    expect(report.results[0]!.message).toContain('for the password in clear text');
  });

  it('--connect with a wrong password: exit 2, the server refused the login', async () => {
    const server = servers.hostsslOnly;
    const args = ['--host', server.host, '--port', String(server.port), '--user', fixture!.user];
    const run = await runProbe([...args, ...withCa(), '--connect', '-f', 'json'], {
      PGPASSWORD: `${fixture!.password}-wrong`,
    });
    runs.push({ args, run });
    expect(run.code).toBe(2);
    const report = json(run);
    expect(report.status).toBe('failed');
    expect(report.error).toMatchObject({ kind: 'login', step: 'authentication' });
    expect(report.error!.message).toContain('28P01');
    expect(run.stderr).toContain('refused the login of user secure_db_test');
  });

  it('an env file: DATABASE_URL with the password in it, or PG* keys', async () => {
    const server = servers.hostsslOnly;
    const dir = mkdtempSync(join(tmpdir(), 'secure-db-probe-env-'));
    const f = fixture!;
    writeFileSync(
      join(dir, '.env.production'),
      `DATABASE_URL=postgres://${f.user}:${encodeURIComponent(f.password)}@127.0.0.1:${server.port}/postgres?sslrootcert=${f.caFile}\n`,
    );
    writeFileSync(
      join(dir, '.env.pg'),
      `PGHOST=127.0.0.1\nPGPORT=${server.port}\nPGUSER=${f.user}\nPGPASSWORD=${f.password}\nPGDATABASE=postgres\nPGSSLROOTCERT=${f.caFile}\n`,
    );
    for (const file of ['.env.production', '.env.pg']) {
      const args = ['--env-file', file, '--connect', '--format', 'json'];
      const run = await runProbe(args, {}, dir);
      runs.push({ args, run });
      expect(run.code, run.stderr).toBe(0);
      const report = json(run);
      expect(report.target).toMatchObject({
        port: server.port,
        user: f.user,
        database: 'postgres',
      });
      expect(report.certificate?.chain.trust).toBe('ca-file');
      expect(report.session).toMatchObject({ ssl: true });
    }
  });

  it('docs/probe.md: the JSON contract example has the shape of a real report', async () => {
    const real = json(await probe('hostAndHostssl', '--format', 'json', ...withCa()));
    const documented = JSON.parse(snippet('probe.md', 'probe-json')) as unknown;
    expect(shape(documented)).toEqual(shape(real));
    const doc = readFileSync(join(REPO, 'docs', 'probe.md'), 'utf8');
    for (const check of [
      'tls-offered',
      'plaintext-refused',
      'legacy-tls-refused',
      'certificate-chain',
      'certificate-host',
      'certificate-expiry',
      'authentication-method',
      'ssl-min-protocol-version',
      'password-encryption',
    ])
      expect(doc).toContain(`\n### ${check}\n`);
    for (const r of real.results) expect(r.docsUrl).toMatch(/docs\/probe\.md#[a-z-]+$/);
  });

  it('docs/ci.md: the scheduled workflow fails 30 days before the certificate expires, not before', () => {
    const workflow = parse(snippet('ci.md', 'probe-cron')) as {
      on: { schedule: { cron: string }[] };
      jobs: Record<
        string,
        { steps: { uses?: string; with?: Record<string, string | number | boolean> }[] }
      >;
    };
    expect(workflow.on.schedule[0]!.cron).toMatch(/^[\d*/, -]+$/);
    const step = Object.values(workflow.jobs)[0]!.steps.find((s) =>
      s.uses?.startsWith('secure-db/secure-db@'),
    )!;
    const inputs = Object.fromEntries(Object.entries(step.with!).map(([k, v]) => [k, String(v)]));
    expect(inputs['probe-url']).toBe('${{ secrets.DATABASE_URL }}');
    const f = fixture!;
    const workspace = mkdtempSync(join(tmpdir(), 'secure-db-workspace-'));
    mkdirSync(join(workspace, 'certs'));
    copyFileSync(f.caFile, join(workspace, inputs['probe-ca']!));
    const secretUrl = (server: PostgresServer) =>
      `postgres://${f.user}:${f.password}@localhost:${server.port}/postgres`;

    const expiring = runActionSteps(workspace, {
      ...inputs,
      'probe-url': secretUrl(servers.expiring),
    });
    expect(expiring.scan.outputs['exit-code']).toBe('0');
    expect(expiring.probe.ran).toBe(true);
    expect(expiring.probe.status, expiring.probe.stderr).toBe(0);
    expect(expiring.probe.outputs).toEqual({ 'exit-code': '1' });
    expect(expiring.probe.stdout).toMatch(
      /^::warning file=localhost%3A\d+,.*title=secure-db\/no-disabled-cert-verification::The certificate of localhost:\d+ expires on/m,
    );
    expect(expiring.probe.stderr).toContain('too many warnings (1; maximum: 0)');
    expect(expiring.gate.status).toBe(1);

    const fine = runActionSteps(workspace, {
      ...inputs,
      'probe-url': secretUrl(servers.hostsslOnly),
    });
    expect(fine.probe.outputs).toEqual({ 'exit-code': '0' });
    expect(fine.probe.stdout).toBe('');
    expect(fine.gate.status).toBe(0);

    const down = runActionSteps(workspace, {
      ...inputs,
      'probe-url': `postgres://${f.user}@127.0.0.1:1/postgres`,
    });
    expect(down.probe.outputs).toEqual({ 'exit-code': '2' });
    expect(down.gate.status).toBe(2);

    for (const step of [expiring, fine, down].flatMap((r) => [r.scan, r.probe, r.gate]))
      expect(step.stdout + step.stderr).not.toContain(f.password);
  });

  it('action.yml probe step: hostile input values are data, never executed', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'secure-db-workspace-'));
    const pwned = join(mkdtempSync(join(tmpdir(), 'secure-db-pwned-')), 'pwned');
    const url = `postgres://${fixture!.user}@localhost:${servers.hostsslOnly.port}/postgres`;
    const payloads = [
      `; touch ${pwned}`,
      `$(touch ${pwned})`,
      `\`touch ${pwned}\``,
      `x\ntouch ${pwned}`,
      '--connect',
    ];
    for (const name of [
      'probe-url',
      'probe-ca',
      'probe-expiry-warn-days',
      'probe-max-warnings',
      'probe-connect',
    ]) {
      for (const payload of payloads) {
        const value = name === 'probe-url' ? `${url}?application_name=${payload}` : payload;
        const { probe: step, gate } = runActionSteps(workspace, {
          scan: 'false',
          'probe-url': url,
          [name]: value,
        });
        expect(existsSync(pwned), `${name}: ${JSON.stringify(payload)}`).toBe(false);
        expect(Object.keys(step.outputs).filter((k) => k !== 'exit-code')).toEqual([]);
        expect(gate.status === 0 || gate.status === 1 || gate.status === 2).toBe(true);
      }
    }
  });

  it('--connect on a terminal with no password in the environment: a prompt without echo', async () => {
    const hasScript = spawnSync('script', ['--version']).status === 0;
    if (!hasScript) throw new Error('util-linux script is missing (apt-get install -y bsdutils)');
    const server = servers.hostsslOnly;
    const command = [
      process.execPath,
      BIN,
      'probe',
      '--host',
      'localhost',
      '--port',
      String(server.port),
      '--user',
      fixture!.user,
      '--dbname',
      'postgres',
      '--ca',
      fixture!.caFile,
      '--connect',
      '-f',
      'json',
    ]
      .map((a) => `'${a}'`)
      .join(' ');
    // The CLI runs on a pseudo-terminal; the password is typed once the prompt is shown.
    const child = spawn('script', ['-qefc', command, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TERM: 'dumb' },
      timeout: 30_000,
    });
    let output = '';
    let typed = false;
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (!typed && output.includes('Password for user secure_db_test: ')) {
        typed = true;
        child.stdin.write(`${fixture!.password}\r`);
      }
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status, output).toBe(0);
    expect(typed).toBe(true);
    expect(output).not.toContain(fixture!.password);
    const report = JSON.parse(output.slice(output.indexOf('{')).replace(/\r\n/g, '\n')) as {
      session: { ssl: boolean; passwordEncryption: string };
    };
    expect(report.session).toMatchObject({ ssl: true, passwordEncryption: 'scram-sha-256' });
  });

  it('every format, with and without --debug: the planted password appears nowhere', async () => {
    const cases: [ServerName, string[]][] = [
      ['hostsslOnly', [...withCa(), '--connect']],
      ['md5', [...withCa(), '--connect']],
      ['tlsOff', ['--connect']],
      ['mismatch', ['--connect']],
    ];
    const planned = cases.flatMap(([name, extra]) =>
      ['stylish', 'json', 'sarif', 'github'].flatMap((format) =>
        [false, true].map((debug) => ({ name, format, debug, extra })),
      ),
    );
    const done = await Promise.all(
      planned.map(({ name, format, debug, extra }) =>
        probe(name, ...extra, '--format', format, ...(debug ? ['--debug'] : [])),
      ),
    );
    const output = (name: ServerName, format: string, debug: boolean) =>
      done[planned.findIndex((p) => p.name === name && p.format === format && p.debug === debug)]!;
    const stylish = output('hostsslOnly', 'stylish', false);
    expect(stylish.stdout).toContain('secure-db probe 127.0.0.1:');
    expect(stylish.stdout).toMatch(/^ {2}TLS +offered: TLSv1\.3, TLS_/m);
    expect(output('hostsslOnly', 'stylish', true).stderr).toMatch(/^secure-db probe: logged in$/m);
    // github: one annotation per finding, on the server.
    expect(output('md5', 'github', false).stdout).toMatch(
      /^::error file=127\.0\.0\.1%3A\d+,line=1,endLine=1,col=1,endColumn=1,title=secure-db\/no-weak-db-auth::/m,
    );
    for (const { args, run } of runs) {
      const all = run.stdout + run.stderr;
      expect(all, args.join(' ')).not.toContain(fixture!.password);
      expect(all).not.toContain(encodeURIComponent(fixture!.password));
      expect(all).not.toContain(fixture!.password.slice(4, 16));
    }
    expect(runs.length).toBeGreaterThan(40);
  });
});

describe('secure-db probe: servers that cannot be probed (exit 2)', () => {
  const listeners: Server[] = [];
  afterAll(() => {
    for (const s of listeners) s.close();
  });

  /** A TCP server on a free loopback port that answers each connection with `reply`. */
  async function fakeServer(reply: Buffer | null): Promise<number> {
    const server = createServer((socket) => {
      socket.on('error', () => {});
      if (reply) socket.end(reply);
    });
    listeners.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as { port: number }).port;
  }

  it('a hostile server: control characters in its messages never reach the output', async () => {
    const hostile = 'no \u001b[2J\u001b[31mentry\r\n::error::forged\u0007';
    const fields = Buffer.concat([
      Buffer.from('SFATAL\u0000C28000\u0000M', 'latin1'),
      Buffer.from(hostile, 'utf8'),
      Buffer.from([0, 0]),
    ]);
    const length = Buffer.alloc(4);
    length.writeInt32BE(fields.length + 4);
    const errorResponse = Buffer.concat([Buffer.from('E'), length, fields]);
    const server = createServer((socket) => {
      socket.on('error', () => {});
      let seen = 0;
      socket.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        // SSLRequest (8 bytes): "N"; then the startup message: the hostile error.
        if (seen === 8) socket.write('N');
        else socket.end(errorResponse);
      });
    });
    listeners.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    for (const format of ['stylish', 'json', 'github', 'sarif']) {
      const run = await runProbe(['--host', '127.0.0.1', '--port', String(port), '-f', format]);
      expect(run.code).toBe(1);
      // eslint-disable-next-line no-control-regex -- what must not be there
      expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(run.stdout).not.toMatch(/^::error::forged/m);
      if (format === 'json')
        expect(json(run).authentication.serverMessage).toBe(
          'no \ufffd[2J\ufffd[31mentry\ufffd\ufffd::error::forged\ufffd',
        );
    }
  });

  it('connection refused', async () => {
    const port = await freeLoopbackPort();
    const run = await runProbe(['--host', '127.0.0.1', '--port', String(port), '-f', 'json']);
    expect(run.code).toBe(2);
    expect(json(run)).toMatchObject({
      status: 'failed',
      error: { kind: 'refused', step: 'tcp-connect' },
      results: [],
    });
    expect(run.stderr).toContain(`the connection to 127.0.0.1:${port} was refused`);
  });

  it('a host name that does not resolve', async () => {
    const run = await runProbe(['--host', 'no-such-host.invalid', '--timeout', '3']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    // NXDOMAIN, or no resolver at all in a sandbox: either way the name does not resolve in time.
    expect(run.stderr).toMatch(
      /the host name no-such-host\.invalid does not resolve \(E[A-Z_]+\)|no-such-host\.invalid:5432 did not answer within 3 s \(DNS lookup\)/,
    );
  });

  it('a server that accepts the connection and never answers: timeout', async () => {
    const port = await fakeServer(null);
    const run = await runProbe([
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--timeout',
      '0.5',
      '-f',
      'json',
    ]);
    expect(run.code).toBe(2);
    expect(json(run).error).toMatchObject({ kind: 'timeout', step: 'ssl-request' });
    expect(run.stderr).toContain('did not answer within 0.5 s (SSLRequest)');
  });

  it('a server that is not PostgreSQL', async () => {
    const port = await fakeServer(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'));
    const run = await runProbe(['--host', '127.0.0.1', '--port', String(port), '-f', 'sarif']);
    expect(run.code).toBe(2);
    const sarif = JSON.parse(run.stdout) as {
      runs: {
        invocations: {
          executionSuccessful: boolean;
          toolExecutionNotifications: { message: { text: string } }[];
        }[];
      }[];
    };
    expect(sarif.runs[0]!.invocations[0]!.executionSuccessful).toBe(false);
    expect(sarif.runs[0]!.invocations[0]!.toolExecutionNotifications[0]!.message.text).toContain(
      'does not speak the PostgreSQL protocol (SSLRequest: answer byte 0x48)',
    );
  });
});
