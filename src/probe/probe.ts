/**
 * `secure-db probe`: look at a running PostgreSQL server from the outside, speaking the
 * protocol directly (PostgreSQL docs, "Message Flow": SSL Session Encryption, Start-up).
 *
 * Up to three connections, one after the other, to the first address of the host name that
 * accepts a connection (tried in the resolver's order, as libpq does):
 *   1. SSLRequest, then the TLS handshake a driver would do (TLS 1.2+), the certificate,
 *      then a startup message to learn the authentication method; with `--connect` and a
 *      verified certificate, log in and run three read-only queries;
 *   2. a startup message without SSLRequest: does the server accept plaintext sessions?
 *   3. SSLRequest, then a handshake that offers only TLS 1.0 and 1.1.
 * No query runs without `--connect`; no password is sent without it, nor over a session
 * whose certificate did not verify for the host name.
 */
import { lookup } from 'node:dns/promises';
import { connect as tcpConnect, isIP, type Socket } from 'node:net';
import type { CipherNameAndProtocol, TLSSocket } from 'node:tls';
import {
  authenticate,
  methodOf,
  readStartupAnswer,
  unexpected,
  type StartupAnswer,
} from './auth.js';
import { Channel } from './channel.js';
import type {
  AuthFacts,
  CertificateFacts,
  PlaintextFacts,
  ProbeFacts,
  ProbeTarget,
  SessionFacts,
  SessionSkipped,
  TlsFacts,
} from './facts.js';
import { ProbeFailure, failureFromSocketError } from './failure.js';
import { describeCertificate, upgradeToTls } from './tls.js';
import {
  parseDataRow,
  parseError,
  query,
  sslRequest,
  startupMessage,
  terminate,
  type AuthenticationRequest,
} from './wire.js';

export interface ProbeOptions {
  host: string;
  port: number;
  user: string;
  database: string;
  /** Only used with `connect`. */
  password: string | undefined;
  connect: boolean;
  /** PEM text of the `--ca` file; undefined: Node's default CA store. */
  ca: string | undefined;
  timeoutMs: number;
  now?: Date;
  /** One line per protocol step (`--debug`); never given a secret. */
  debug?: (line: string) => void;
}

const SSL_ACCEPTED = 0x53; // 'S'
const SSL_REFUSED = 0x4e; // 'N'

/**
 * The handshake that offers only TLS 1.0 and 1.1. OpenSSL 3 refuses these versions on the
 * client side at its default security level (their handshake signatures use SHA-1/MD5), so
 * the probe lowers its own level to 0 for this one handshake: the question is whether the
 * server would agree, not whether Node would.
 */
const LEGACY_TLS = {
  minVersion: 'TLSv1',
  maxVersion: 'TLSv1.1',
  ciphers: 'DEFAULT@SECLEVEL=0',
} as const;

export async function probe(options: ProbeOptions): Promise<ProbeFacts> {
  const debug = options.debug ?? (() => {});
  const addresses = await resolve(options);
  debug(`${options.host} resolves to ${addresses.join(', ')}`);
  const main = await mainSession(options, addresses, debug);
  const address = main.address;
  const target: ProbeTarget = {
    host: options.host,
    port: options.port,
    address,
    user: options.user,
    database: options.database,
  };

  const plaintext = main.tls.offered
    ? await plaintextSession(options, address, debug)
    : main.plaintext!;
  const legacy = main.tls.offered ? await legacyHandshake(options, address, debug) : null;
  return {
    target,
    tls: { ...main.tls, legacy },
    certificate: main.certificate,
    plaintext,
    authentication: main.authentication,
    session: main.session,
  };
}

async function resolve(options: ProbeOptions): Promise<string[]> {
  if (isIP(options.host)) return [options.host];
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new ProbeFailure('timeout', 'dns-lookup', `no answer within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
  });
  try {
    const found = await Promise.race([lookup(options.host, { all: true }), deadline]);
    return found.map((entry) => entry.address);
  } catch (error) {
    throw failureFromSocketError(error, 'dns-lookup');
  } finally {
    clearTimeout(timer);
  }
}

function openSocket(
  address: string,
  options: ProbeOptions,
  debug: (line: string) => void,
): Promise<Socket> {
  debug(`connecting to ${address} port ${options.port}`);
  return new Promise((resolvePromise, reject) => {
    const socket = tcpConnect({ host: address, port: options.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new ProbeFailure('timeout', 'tcp-connect', `no answer within ${options.timeoutMs} ms`),
      );
    }, options.timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolvePromise(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(failureFromSocketError(error, 'tcp-connect'));
    });
  });
}

/** Connects to the first address that accepts; the others are tried only when one refuses or fails. */
async function openFirst(
  addresses: readonly string[],
  options: ProbeOptions,
  debug: (line: string) => void,
): Promise<{ socket: Socket; address: string }> {
  for (const [i, address] of addresses.entries()) {
    try {
      return { socket: await openSocket(address, options, debug), address };
    } catch (error) {
      const last = i === addresses.length - 1;
      if (last || !(error instanceof ProbeFailure) || error.kind === 'protocol') throw error;
      debug(`${address}: ${error.kind} (${error.detail}); trying the next address`);
    }
  }
  throw new Error('no address to connect to');
}

function startup(channel: Channel, options: ProbeOptions): void {
  channel.write(
    startupMessage({
      user: options.user,
      database: options.database,
      application_name: 'secure-db probe',
    }),
  );
}

/** Sends SSLRequest on a fresh connection; the channel and whether the server said `S`. */
async function requestTls(
  addresses: readonly string[],
  options: ProbeOptions,
  debug: (line: string) => void,
): Promise<{ channel: Channel; offered: boolean; address: string }> {
  const { socket, address } = await openFirst(addresses, options, debug);
  const channel = new Channel(socket, options.timeoutMs);
  try {
    channel.write(sslRequest());
    const answer = await channel.readByte('ssl-request');
    debug(`SSLRequest answered with ${JSON.stringify(String.fromCharCode(answer))}`);
    if (answer !== SSL_ACCEPTED && answer !== SSL_REFUSED)
      throw new ProbeFailure(
        'protocol',
        'ssl-request',
        `answer byte 0x${answer.toString(16).padStart(2, '0')}`,
      );
    // Bytes after `S` before the handshake would be a man-in-the-middle's injection (CVE-2021-23222).
    if (channel.pending > 0)
      throw new ProbeFailure('protocol', 'ssl-request', 'unexpected bytes after the answer');
    return { channel, offered: answer === SSL_ACCEPTED, address };
  } catch (error) {
    channel.destroy();
    throw error;
  }
}

interface MainSession {
  /** The address that accepted the connection; the other sessions use it too. */
  address: string;
  tls: Omit<TlsFacts, 'legacy'>;
  certificate: CertificateFacts | null;
  /** Only when TLS is not offered: the same session then was a plaintext one. */
  plaintext: PlaintextFacts | null;
  authentication: AuthFacts;
  session: ProbeFacts['session'];
}

async function mainSession(
  options: ProbeOptions,
  addresses: readonly string[],
  debug: (line: string) => void,
): Promise<MainSession> {
  const first = await requestTls(addresses, options, debug);
  const address = first.address;
  let channel = first.channel;
  try {
    let tlsSocket: TLSSocket | undefined;
    let certificate: CertificateFacts | null = null;
    if (first.offered) {
      tlsSocket = await upgradeToTls(channel.release(), {
        host: options.host,
        ca: options.ca,
        timeoutMs: options.timeoutMs,
      });
      channel = new Channel(tlsSocket, options.timeoutMs);
      certificate = describeCertificate(tlsSocket, {
        host: options.host,
        trust: options.ca !== undefined ? 'ca-file' : 'default',
        now: options.now ?? new Date(),
      });
      debug(
        `TLS ${tlsSocket.getProtocol() ?? '?'} ${cipherName(tlsSocket) ?? '?'}; chain ${certificate?.chain.verified ? 'verified' : `not verified (${certificate?.chain.error ?? 'no certificate'})`}; host name ${certificate?.hostName.matches ? 'matches' : 'does not match'}`,
      );
    }
    startup(channel, options);
    const answer = await readStartupAnswer(channel);
    const authentication = authFacts(answer, first.offered ? 'tls' : 'plaintext');
    debug(
      `startup answered: ${authentication.method}${authentication.mechanisms.length ? ` (${authentication.mechanisms.join(', ')})` : ''}`,
    );

    const tls = {
      offered: first.offered,
      protocol: tlsSocket?.getProtocol() ?? null,
      cipher: tlsSocket ? cipherName(tlsSocket) : null,
    };
    const plaintext = first.offered ? null : plaintextFacts(answer);
    const skipped =
      answer.kind === 'authentication'
        ? whySkip(options, first.offered, certificate, answer.request)
        : options.connect
          ? 'startup-refused'
          : 'not-requested';
    if (skipped || answer.kind !== 'authentication') {
      const reason = skipped ?? 'startup-refused';
      debug(`no query: ${reason}`);
      return { address, tls, certificate, plaintext, authentication, session: { skipped: reason } };
    }
    await authenticate(channel, answer.request, {
      user: options.user,
      password: options.password ?? '',
    });
    debug('logged in');
    const session = await readSession(channel);
    channel.write(terminate());
    return { address, tls, certificate, plaintext, authentication, session };
  } finally {
    channel.destroy();
  }
}

/** Why no login and no query happen on a session whose startup got an authentication request. */
function whySkip(
  options: ProbeOptions,
  tlsOffered: boolean,
  certificate: CertificateFacts | null,
  request: AuthenticationRequest,
): SessionSkipped | null {
  if (!options.connect) return 'not-requested';
  // Credentials go only to the server the user meant, over an encrypted session.
  if (!tlsOffered) return 'no-tls';
  if (!certificate?.chain.verified || !certificate.hostName.matches)
    return 'unverified-certificate';
  if (options.password === undefined && methodOf(request).method !== 'trust') return 'no-password';
  return null;
}

function authFacts(answer: StartupAnswer, over: 'tls' | 'plaintext'): AuthFacts {
  if (answer.kind === 'error')
    return { method: 'refused', mechanisms: [], over, serverMessage: answer.error.message };
  return { ...methodOf(answer.request), over, serverMessage: null };
}

/** PostgreSQL's wording for a pg_hba.conf miss that only TLS would have matched. */
const NO_ENCRYPTION_ENTRY = /no pg_hba\.conf entry .*no encryption/;

function plaintextFacts(answer: StartupAnswer): PlaintextFacts {
  if (answer.kind === 'authentication') return { accepted: true, serverMessage: null };
  const refused = answer.error.code === '28000' && NO_ENCRYPTION_ENTRY.test(answer.error.message);
  return { accepted: refused ? false : null, serverMessage: answer.error.message };
}

async function plaintextSession(
  options: ProbeOptions,
  address: string,
  debug: (line: string) => void,
): Promise<PlaintextFacts> {
  const channel = new Channel(await openSocket(address, options, debug), options.timeoutMs);
  try {
    startup(channel, options);
    const facts = plaintextFacts(await readStartupAnswer(channel));
    debug(
      `plaintext startup: ${facts.accepted === true ? 'accepted' : facts.accepted === false ? 'refused' : 'undetermined'}`,
    );
    return facts;
  } finally {
    channel.destroy();
  }
}

async function legacyHandshake(
  options: ProbeOptions,
  address: string,
  debug: (line: string) => void,
): Promise<NonNullable<TlsFacts['legacy']>> {
  const { channel, offered } = await requestTls([address], options, debug);
  if (!offered) {
    channel.destroy();
    throw new ProbeFailure('protocol', 'ssl-request', 'TLS offered once, then refused');
  }
  let socket: TLSSocket | undefined;
  try {
    socket = await upgradeToTls(channel.release(), {
      host: options.host,
      ca: options.ca,
      timeoutMs: options.timeoutMs,
      tuning: LEGACY_TLS,
    });
    const protocol = socket.getProtocol();
    debug(`TLS 1.0/1.1 handshake accepted: ${protocol ?? '?'}`);
    return { accepted: true, protocol, error: null };
  } catch (error) {
    if (!(error instanceof ProbeFailure) || error.kind === 'timeout') throw error;
    debug(`TLS 1.0/1.1 handshake refused: ${error.detail}`);
    return { accepted: false, protocol: null, error: error.detail };
  } finally {
    socket?.destroy();
    channel.destroy();
  }
}

const SESSION_QUERIES = {
  stat: 'SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
  minProtocol: 'SHOW ssl_min_protocol_version',
  passwordEncryption: 'SHOW password_encryption',
} as const;

async function readSession(channel: Channel): Promise<SessionFacts> {
  const [stat] = await runQuery(channel, SESSION_QUERIES.stat);
  const [minProtocol] = await runQuery(channel, SESSION_QUERIES.minProtocol);
  const [passwordEncryption] = await runQuery(channel, SESSION_QUERIES.passwordEncryption);
  return {
    ssl: stat?.[0] === undefined || stat[0] === null ? null : stat[0] === 't',
    version: stat?.[1] ?? null,
    cipher: stat?.[2] ?? null,
    sslMinProtocolVersion: minProtocol?.[0] ?? null,
    passwordEncryption: passwordEncryption?.[0] ?? null,
  };
}

/** A simple query; its rows as text. */
async function runQuery(channel: Channel, sql: string): Promise<(string | null)[][]> {
  channel.write(query(sql));
  const rows: (string | null)[][] = [];
  let failure: ProbeFailure | undefined;
  for (;;) {
    const message = await channel.readMessage('query');
    if (message.type === 'D') rows.push(parseDataRow(message.body));
    else if (message.type === 'E') {
      const error = parseError(message.body);
      failure = new ProbeFailure('protocol', 'query', `${error.code} ${error.message}`);
    } else if (message.type === 'Z') break;
    else if (!'TCNS'.includes(message.type)) throw unexpected(message, 'query');
  }
  if (failure) throw failure;
  return rows;
}

/** The negotiated cipher: Node returns null once the socket has lost its handle, which @types/node omits. */
function cipherName(socket: TLSSocket): string | null {
  const cipher = socket.getCipher() as CipherNameAndProtocol | null;
  return cipher?.name ?? null;
}
