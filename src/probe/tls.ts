/**
 * TLS over a socket that has already received `S` for its SSLRequest, and what the
 * handshake shows: protocol, cipher, the server certificate, and whether its chain and
 * host name verify. Verification is done here and reported, never enforced, so that an
 * unverifiable server can still be described.
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  checkServerIdentity,
  connect,
  type ConnectionOptions,
  type PeerCertificate,
  type TLSSocket,
} from 'node:tls';
import type { CertificateFacts } from './facts.js';
import { ProbeFailure, failureFromSocketError } from './failure.js';
import { printable } from './wire.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface TlsUpgradeOptions {
  /** The name the user gave (SNI unless it is an IP address). */
  host: string;
  /** PEM text of `--ca`; undefined for Node's default CA store. */
  ca: string | undefined;
  timeoutMs: number;
  /** Extra handshake options (the legacy-version probe). */
  tuning?: Pick<ConnectionOptions, 'minVersion' | 'maxVersion' | 'ciphers'>;
}

/** Runs the handshake; rejects with a ProbeFailure (`timeout`, or the TLS error code as detail). */
export function upgradeToTls(socket: Duplex, options: TlsUpgradeOptions): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const tlsSocket = connect({
      socket,
      // The chain and host name are checked below and reported; the handshake itself
      // must finish so that the certificate of an impostor can be described too.
      rejectUnauthorized: false,
      // Node folds a host-name mismatch into `authorized`; keep `authorized` about the chain
      // only (the host name is checked on its own, against the name the user gave).
      checkServerIdentity: () => undefined,
      ...(isIP(options.host) ? {} : { servername: options.host }),
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
      ...options.tuning,
    });
    const timer = setTimeout(() => {
      tlsSocket.destroy();
      reject(
        new ProbeFailure('timeout', 'tls-handshake', `no answer within ${options.timeoutMs} ms`),
      );
    }, options.timeoutMs);
    tlsSocket.once('secureConnect', () => {
      clearTimeout(timer);
      tlsSocket.removeAllListeners('error');
      resolve(tlsSocket);
    });
    tlsSocket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      tlsSocket.on('error', () => {});
      tlsSocket.destroy();
      const failure = failureFromSocketError(error, 'tls-handshake');
      // A TLS alert or an OpenSSL refusal carries its reason in the code.
      reject(
        failure.kind === 'network'
          ? new ProbeFailure('network', 'tls-handshake', error.code ?? 'handshake failed')
          : failure,
      );
    });
  });
}

/** The certificate facts of an established TLS session. */
export function describeCertificate(
  socket: TLSSocket,
  options: { host: string; trust: 'ca-file' | 'default'; now: Date },
): CertificateFacts | null {
  // Node returns {} when the server sent no certificate and null once the socket has lost its
  // handle; @types/node says neither.
  const peer = socket.getPeerCertificate(false) as PeerCertificate | { raw?: undefined } | null;
  if (!peer?.raw) return null;
  const certificate = new X509Certificate(peer.raw);
  const validTo = new Date(certificate.validTo);
  const identityError = checkServerIdentity(options.host, peer);
  const chainError = socket.authorized ? null : authorizationCode(socket.authorizationError);
  return {
    subject: distinguishedName(certificate.subject),
    issuer: distinguishedName(certificate.issuer),
    subjectAltNames: (certificate.subjectAltName ?? '')
      .split(', ')
      .map((name) => printable(name.trim()))
      .filter(Boolean),
    validFrom: new Date(certificate.validFrom).toISOString(),
    validTo: validTo.toISOString(),
    daysToExpiry: Math.floor((validTo.getTime() - options.now.getTime()) / DAY_MS),
    fingerprint256: certificate.fingerprint256,
    chain: { verified: socket.authorized, trust: options.trust, error: chainError },
    hostName: { name: options.host, matches: identityError === undefined },
  };
}

function authorizationCode(error: Error | string | null | undefined): string {
  if (!error) return 'UNKNOWN';
  // Node gives the OpenSSL code as the error (typed `Error`, in practice a string).
  return typeof error === 'string'
    ? error
    : ((error as NodeJS.ErrnoException).code ?? error.message);
}

/** `CN=db\nO=Example` → `CN=db, O=Example`. */
function distinguishedName(text: string): string {
  return printable(
    text
      .split('\n')
      .map((part) => part.trim())
      .filter(Boolean)
      .join(', '),
  );
}
