/** Why a probe could not finish: the exit-2 cases (DNS, refused, timeout, not PostgreSQL). */

/** The step that was running, as shown in messages and in JSON `error.step`. */
export type ProbeStep =
  | 'dns-lookup'
  | 'tcp-connect'
  | 'ssl-request'
  | 'tls-handshake'
  | 'startup'
  | 'authentication'
  | 'query';

export type FailureKind =
  /** The host name does not resolve. */
  | 'dns'
  /** Nothing listens on the port (or a firewall said so). */
  | 'refused'
  /** No answer within `--timeout`. */
  | 'timeout'
  /** Any other socket error (unreachable network, reset). */
  | 'network'
  /** The server closed the connection where PostgreSQL would have answered. */
  | 'closed'
  /** The answer is not the PostgreSQL protocol. */
  | 'protocol'
  /** The server refused the login (`--connect`: wrong password, no such role). */
  | 'login';

export class ProbeFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly step: ProbeStep,
    /** A socket error code or a short technical detail; never user input or a secret. */
    readonly detail: string,
  ) {
    super(`${kind} during ${step}: ${detail}`);
    this.name = 'ProbeFailure';
  }
}

/** Maps a Node socket error to a failure kind. */
export function failureFromSocketError(error: unknown, step: ProbeStep): ProbeFailure {
  if (error instanceof ProbeFailure) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'error';
  if (code === 'ECONNREFUSED') return new ProbeFailure('refused', step, code);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
    return new ProbeFailure('dns', step, code);
  if (code === 'ETIMEDOUT') return new ProbeFailure('timeout', step, code);
  return new ProbeFailure('network', step, code);
}
