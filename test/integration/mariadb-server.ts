/**
 * Throwaway MariaDB servers with TLS for integration tests (loopback only), the MySQL-side
 * twin of postgres-server.ts: one `mariadb-install-db` (small InnoDB files), copied per
 * server, each started on a free port with the same certificates as the PostgreSQL fixture:
 *   - `startServer({ cert: 'localhost' })`: certificate for DNS:localhost, IP:127.0.0.1;
 *   - `startServer({ cert: 'mismatch' })`: same CA, issued to DNS:wrong-name.invalid only;
 *   - `startServer({ cert: null })`: no TLS at all.
 * The user `secure_db_test` (generated password) is created by `--init-file` at start-up.
 * The server runs as the `mysql` OS user; `stop()` kills each server by the PID in its
 * pid file and removes the temp folder. Every step is bounded in time.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freeLoopbackPort, makeCertificates } from './postgres-server.js';

const execFileAsync = promisify(execFile);

const MARIADBD = '/usr/sbin/mariadbd';
const INSTALL_DB = '/usr/bin/mariadb-install-db';
const SERVER_OS_USER = 'mysql';
const STEP_TIMEOUT_MS = 30_000;
/** Small InnoDB files: a copy per server stays cheap. */
const SMALL = ['--innodb-log-file-size=4M', '--innodb-buffer-pool-size=16M'];

export interface MariadbServer {
  readonly name: string;
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly cert: 'localhost' | 'mismatch' | null;
}

export interface MariadbTlsFixture {
  readonly user: string;
  readonly password: string;
  readonly caFile: string;
  startServer(options: {
    name: string;
    cert: 'localhost' | 'mismatch' | null;
  }): Promise<MariadbServer>;
  stop(): Promise<void>;
}

/** Why the fixture cannot run here, or `null` when it can. */
export function mariadbUnavailableReason(): string | null {
  for (const bin of [MARIADBD, INSTALL_DB])
    if (!existsSync(bin)) return `${bin} is missing (apt-get install -y mariadb-server)`;
  if (process.getuid?.() !== 0)
    return 'must run as root (the server runs as the mysql OS user through runuser)';
  return null;
}

async function run(file: string, args: string[]): Promise<void> {
  try {
    await execFileAsync(file, args, { timeout: STEP_TIMEOUT_MS, killSignal: 'SIGKILL' });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${path.basename(file)} failed: ${e.message}\n${e.stderr ?? ''}`, {
      cause: error,
    });
  }
}

/** Resolves once the server sends its greeting on the port. */
async function waitForGreeting(port: number, errorLog: string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('data', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => {
        resolve(false);
      });
      socket.setTimeout(1000, () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (greeted) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const log = existsSync(errorLog) ? readFileSync(errorLog, 'utf8').slice(-2000) : '';
  throw new Error(`mariadbd did not start on port ${port} in time:\n${log}`);
}

export async function createMariadbTlsFixture(): Promise<MariadbTlsFixture> {
  const reason = mariadbUnavailableReason();
  if (reason) throw new Error(`MariaDB fixture unavailable: ${reason}`);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'secure-db-mariadb-'));
  const tlsDir = path.join(dir, 'tls');
  const baseData = path.join(dir, 'base');
  const user = 'secure_db_test';
  const password = randomBytes(18).toString('hex');
  const initFile = path.join(dir, 'init.sql');
  const pidFiles: string[] = [];
  let stopped = false;

  const kill = (): void => {
    if (stopped) return;
    stopped = true;
    for (const pidFile of pidFiles) {
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : NaN;
      if (Number.isInteger(pid) && pid > 0) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A promise like the PostgreSQL fixture's stop(); killing by PID needs no waiting.
  const stop = (): Promise<void> => {
    kill();
    return Promise.resolve();
  };

  try {
    mkdirSync(tlsDir);
    await makeCertificates(tlsDir);
    writeFileSync(
      initFile,
      `CREATE USER IF NOT EXISTS '${user}'@'%' IDENTIFIED BY '${password}';\nGRANT ALL ON *.* TO '${user}'@'%';\n`,
      { mode: 0o600 },
    );
    await run('chown', ['-R', `${SERVER_OS_USER}:`, dir]);
    await run('runuser', [
      '-u',
      SERVER_OS_USER,
      '--',
      INSTALL_DB,
      '--no-defaults',
      `--datadir=${baseData}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      ...SMALL,
    ]);
  } catch (error) {
    await stop();
    throw error;
  }

  const startServer = async ({
    name,
    cert,
  }: {
    name: string;
    cert: 'localhost' | 'mismatch' | null;
  }): Promise<MariadbServer> => {
    if (stopped) throw new Error('fixture already stopped');
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad server name ${name}`);
    const serverDir = path.join(dir, `server-${name}`);
    mkdirSync(serverDir);
    await run('cp', ['-a', baseData, path.join(serverDir, 'data')]);
    await run('chown', ['-R', `${SERVER_OS_USER}:`, serverDir]);
    const port = await freeLoopbackPort();
    const pidFile = path.join(serverDir, 'mariadbd.pid');
    const errorLog = path.join(serverDir, 'error.log');
    pidFiles.push(pidFile);
    const child = spawn(
      'runuser',
      [
        '-u',
        SERVER_OS_USER,
        '--',
        MARIADBD,
        '--no-defaults',
        `--datadir=${path.join(serverDir, 'data')}`,
        '--bind-address=127.0.0.1',
        `--port=${port}`,
        `--socket=${path.join(serverDir, 'mariadbd.sock')}`,
        `--pid-file=${pidFile}`,
        `--log-error=${errorLog}`,
        '--skip-name-resolve',
        '--skip-log-bin',
        `--init-file=${initFile}`,
        ...SMALL,
        ...(cert
          ? [
              `--ssl-ca=${path.join(tlsDir, 'ca.crt')}`,
              `--ssl-cert=${path.join(tlsDir, `${cert}.crt`)}`,
              `--ssl-key=${path.join(tlsDir, `${cert}.key`)}`,
            ]
          : []),
      ],
      { stdio: 'ignore', detached: true },
    );
    child.unref();
    await waitForGreeting(port, errorLog);
    return { name, host: '127.0.0.1', port, cert };
  };

  return { user, password, caFile: path.join(tlsDir, 'ca.crt'), startServer, stop };
}
