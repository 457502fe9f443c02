/**
 * Throwaway PostgreSQL 15 servers with TLS, for integration tests (loopback only).
 *
 * One `initdb` per fixture (the slow part); each server is a copy of that data directory
 * started on its own free port, so a test file can have several servers that differ only in
 * their TLS setup for the price of one cluster:
 *   - `startServer({ cert: 'localhost' })`: certificate for DNS:localhost, DNS:db.secure-db.test
 *     (a non-loopback name that fixtures can use, connected to through libpq's `hostaddr`)
 *     and IP:127.0.0.1, valid for a year;
 *   - `startServer({ cert: 'mismatch' })`: same CA, but issued to DNS:wrong-name.invalid only;
 *   - `startServer({ cert: 'expiring' })` / `'expired'`: the names of `localhost`, valid for
 *     10 more days / expired in 2020 (issued with `openssl ca -startdate -enddate`);
 *   - `startServer({ cert: null })`: `ssl = off` (plaintext only).
 * By default pg_hba accepts both `hostssl` and `hostnossl` from 127.0.0.1 with scram-sha-256,
 * so a client that does not ask for TLS really gets a plaintext session; `hba` replaces those
 * lines and `conf` appends settings to postgresql.conf (later lines win).
 *
 * Everything (CA, keys, certificates, data directories, the generated password) lives in a
 * fresh `mkdtemp` directory that `stop()` removes. The server refuses to run as root, so it
 * runs as the `postgres` OS user through `runuser`. Every child process is bounded in time,
 * and `stop()` stops each server with `pg_ctl stop -m immediate` (falling back to SIGKILL of
 * the postmaster PID this fixture started).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const PG_BIN_DIR = process.env.SECURE_DB_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const OPENSSL = existsSync('/usr/bin/openssl') ? '/usr/bin/openssl' : 'openssl';
const SERVER_OS_USER = 'postgres';
/** Per child process (initdb, pg_ctl, openssl); the whole fixture stays well under a minute. */
const STEP_TIMEOUT_MS = 30_000;

type ServerCert = 'localhost' | 'mismatch' | 'expiring' | 'expired';

/** Fixtures may use this name for the server: the `localhost` certificate carries it. */
export const SERVER_NAME = 'db.secure-db.test';

export interface PostgresServer {
  readonly name: string;
  readonly host: '127.0.0.1';
  readonly port: number;
  /** `null`: the server runs with `ssl = off`. */
  readonly cert: ServerCert | null;
}

export interface ServerOptions {
  name: string;
  cert: ServerCert | null;
  /** pg_hba.conf lines instead of the default hostssl + hostnossl scram-sha-256 pair. */
  hba?: readonly string[];
  /** Extra postgresql.conf lines (they override the defaults above them). */
  conf?: readonly string[];
}

export interface PostgresTlsFixture {
  readonly user: string;
  /** Generated per fixture; never a literal. */
  readonly password: string;
  /** PEM file of the throwaway CA that signed both server certificates. */
  readonly caFile: string;
  /** The fixture's temp folder (removed by `stop()`). */
  readonly dir: string;
  startServer(options: ServerOptions): Promise<PostgresServer>;
  /** Runs SQL as the fixture's superuser with the server's own psql (over TLS when it has TLS). */
  psql(server: PostgresServer, sql: string): Promise<string>;
  /** Stops every server and removes the temp folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** Why the fixture cannot run here, or `null` when it can. */
export function postgresUnavailableReason(): string | null {
  for (const bin of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(path.join(PG_BIN_DIR, bin)))
      return `${path.join(PG_BIN_DIR, bin)} is missing (apt-get install -y postgresql-15)`;
  }
  if (process.getuid?.() !== 0)
    return 'must run as root (the server runs as the postgres OS user through runuser)';
  return null;
}

async function run(
  file: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  try {
    const { stdout } = await execFileAsync(file, args, {
      timeout: STEP_TIMEOUT_MS,
      killSignal: 'SIGKILL',
      ...options,
    });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(
      `${path.basename(file)} ${args.join(' ')} failed: ${e.message}\n${e.stderr ?? ''}${e.stdout ?? ''}`,
      { cause: error },
    );
  }
}

function asPostgres(bin: string, args: string[]): Promise<string> {
  return run('runuser', ['-u', SERVER_OS_USER, '--', path.join(PG_BIN_DIR, bin), ...args]);
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** The throwaway CA (`ca.crt`) and a key and certificate per `ServerCert`, in `tlsDir`. */
export async function makeCertificates(tlsDir: string): Promise<void> {
  const file = (name: string) => path.join(tlsDir, name);
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run(OPENSSL, [
    'req',
    '-x509',
    ...ecKey,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.crt'),
    '-days',
    '400',
    '-subj',
    '/CN=secure-db throwaway test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const localNames = `DNS:localhost,DNS:${SERVER_NAME},IP:127.0.0.1`;
  // Validity: `days` from now, or fixed dates (openssl ca) for a certificate already expired.
  const leaves: Record<
    ServerCert,
    { cn: string; san: string; days?: number; dates?: [string, string] }
  > = {
    localhost: { cn: 'localhost', san: localNames, days: 365 },
    mismatch: { cn: 'wrong-name.invalid', san: 'DNS:wrong-name.invalid', days: 365 },
    expiring: { cn: 'localhost', san: localNames, days: 10 },
    expired: { cn: 'localhost', san: localNames, dates: ['20200101000000Z', '20200201000000Z'] },
  };
  // A minimal `openssl ca` setup (database, serial) for the dated certificate.
  writeFileSync(file('index.txt'), '');
  writeFileSync(file('serial'), '1000\n');
  writeFileSync(
    file('ca.cnf'),
    [
      '[ca]',
      'default_ca = test_ca',
      '[test_ca]',
      `database = ${file('index.txt')}`,
      `new_certs_dir = ${tlsDir}`,
      `serial = ${file('serial')}`,
      'default_md = sha256',
      'policy = any_name',
      '[any_name]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  for (const [name, { cn, san, days, dates }] of Object.entries(leaves)) {
    writeFileSync(
      file(`${name}.ext`),
      `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${san}\n`,
    );
    await run(OPENSSL, [
      'req',
      ...ecKey,
      '-keyout',
      file(`${name}.key`),
      '-out',
      file(`${name}.csr`),
      '-subj',
      `/CN=${cn}`,
    ]);
    if (dates) {
      await run(OPENSSL, [
        'ca',
        '-batch',
        '-notext',
        '-config',
        file('ca.cnf'),
        '-cert',
        file('ca.crt'),
        '-keyfile',
        file('ca.key'),
        '-in',
        file(`${name}.csr`),
        '-startdate',
        dates[0],
        '-enddate',
        dates[1],
        '-extfile',
        file(`${name}.ext`),
        '-out',
        file(`${name}.crt`),
      ]);
      continue;
    }
    await run(OPENSSL, [
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file('ca.crt'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-days',
      String(days),
      '-extfile',
      file(`${name}.ext`),
      '-out',
      file(`${name}.crt`),
    ]);
  }
  // The CA key is not needed any more; the server keys must be private to their owner.
  rmSync(file('ca.key'));
}

export async function createPostgresTlsFixture(): Promise<PostgresTlsFixture> {
  const reason = postgresUnavailableReason();
  if (reason) throw new Error(`PostgreSQL fixture unavailable: ${reason}`);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'secure-db-pg-'));
  const tlsDir = path.join(dir, 'tls');
  const baseData = path.join(dir, 'base');
  const user = 'secure_db_test';
  const password = randomBytes(18).toString('hex');
  const started: { name: string; dataDir: string }[] = [];
  let stopped = false;

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    for (const { dataDir } of started) {
      try {
        await asPostgres('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '10']);
      } catch {
        // Last resort: the postmaster this fixture started, by its PID.
        const pidFile = path.join(dataDir, 'postmaster.pid');
        const pid = existsSync(pidFile)
          ? Number(readFileSync(pidFile, 'utf8').split('\n')[0])
          : NaN;
        if (Number.isInteger(pid) && pid > 0) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    mkdirSync(tlsDir);
    await makeCertificates(tlsDir);
    const pwFile = path.join(dir, 'pwfile');
    writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    // The server user must reach the data directories, keys and password file.
    await run('chown', ['-R', `${SERVER_OS_USER}:`, dir]);
    await asPostgres('initdb', [
      '-D',
      baseData,
      '-U',
      user,
      `--pwfile=${pwFile}`,
      '--auth-host=scram-sha-256',
      '--auth-local=reject',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    rmSync(pwFile);
  } catch (error) {
    await stop();
    throw error;
  }

  const startServer = async ({
    name,
    cert,
    hba: hbaLines,
    conf: confLines,
  }: ServerOptions): Promise<PostgresServer> => {
    if (stopped) throw new Error('fixture already stopped');
    if (!/^[a-z0-9-]+$/.test(name) || started.some((s) => s.name === name))
      throw new Error(`bad or duplicate server name ${name}`);
    const dataDir = path.join(dir, `data-${name}`);
    await run('cp', ['-a', baseData, dataDir]); // as root: keeps owner and 0700
    const port = await freeLoopbackPort();
    const conf = [
      '',
      '# secure-db integration test',
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dataDir}'`,
      'fsync = off',
      'max_connections = 60',
      'shared_buffers = 16MB',
      "password_encryption = 'scram-sha-256'",
      cert ? 'ssl = on' : 'ssl = off',
      ...(cert
        ? [
            `ssl_cert_file = '${path.join(tlsDir, `${cert}.crt`)}'`,
            `ssl_key_file = '${path.join(tlsDir, `${cert}.key`)}'`,
          ]
        : []),
      ...(confLines ?? []),
      '',
    ].join('\n');
    writeFileSync(
      path.join(dataDir, 'postgresql.conf'),
      readFileSync(path.join(dataDir, 'postgresql.conf'), 'utf8') + conf,
    );
    const hba = [
      '# secure-db integration test: TLS and plaintext both possible, password always needed',
      ...(hbaLines ?? [
        ...(cert ? ['hostssl   all all 127.0.0.1/32 scram-sha-256'] : []),
        'hostnossl all all 127.0.0.1/32 scram-sha-256',
      ]),
      '',
    ].join('\n');
    writeFileSync(path.join(dataDir, 'pg_hba.conf'), hba);
    await run('chown', ['-R', `${SERVER_OS_USER}:`, dataDir]);
    started.push({ name, dataDir });
    await asPostgres('pg_ctl', [
      'start',
      '-D',
      dataDir,
      '-w',
      '-t',
      '20',
      '-l',
      path.join(dataDir, 'server.log'),
    ]);
    return { name, host: '127.0.0.1', port, cert };
  };

  const psql = (server: PostgresServer, sql: string): Promise<string> =>
    run(path.join(PG_BIN_DIR, 'psql'), ['-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        PGHOST: server.host,
        PGPORT: String(server.port),
        PGUSER: user,
        PGPASSWORD: password,
        PGDATABASE: 'postgres',
        PGSSLMODE: server.cert ? 'require' : 'disable',
        PGCONNECT_TIMEOUT: '10',
      },
    });

  return { user, password, caFile: path.join(tlsDir, 'ca.crt'), dir, startServer, psql, stop };
}
