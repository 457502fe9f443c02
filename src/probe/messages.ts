/**
 * Every sentence `secure-db probe` prints about a server, as whole templates with typed
 * data (to be folded into the core message table, src/core/policy.ts). `{{name}}` is
 * replaced by the value of `name`; values come from the probe's facts, never from a
 * password, and server-supplied text is stripped of control characters before it gets here.
 */

/** The data each message needs. */
export interface ProbeMessageData {
  tlsNotOffered: { target: string };
  plaintextAccepted: { target: string; user: string };
  legacyTlsAccepted: { target: string; protocol: string };
  chainUnverified: { target: string; trust: string; reason: string };
  hostMismatch: { target: string; host: string; names: string };
  certificateExpired: { target: string; date: string };
  certificateExpiring: { target: string; date: string; days: number; threshold: number };
  trustAuthentication: { target: string; user: string };
  cleartextAuthentication: { target: string; user: string };
  md5Authentication: { target: string; user: string };
  weakMinProtocolSetting: { target: string; value: string };
  md5PasswordEncryption: { target: string };
  // Why a probe could not finish (exit code 2).
  unresolved: { host: string; code: string };
  refused: { target: string };
  timedOut: { target: string; seconds: number; step: string };
  networkError: { target: string; code: string; step: string };
  closedEarly: { target: string; step: string };
  notPostgres: { target: string; detail: string };
  tlsFailed: { target: string; code: string };
  loginFailed: { target: string; user: string; detail: string };
}

export type ProbeMessageId = keyof ProbeMessageData;

export const PROBE_MESSAGES: Readonly<Record<ProbeMessageId, string>> = {
  tlsNotOffered:
    'The server at {{target}} does not offer TLS (it answered "N" to the SSLRequest), so every client talks to it in plaintext. Set ssl = on with a certificate and key in postgresql.conf.',
  plaintextAccepted:
    'The server at {{target}} accepts sessions without TLS: a startup without SSLRequest for user {{user}} got an authentication request, so a client with sslmode=prefer, or with no TLS setting, is served in plaintext. Use hostssl instead of host lines in pg_hba.conf.',
  legacyTlsAccepted:
    "The server at {{target}} completed a {{protocol}} handshake; TLS 1.0 and 1.1 are deprecated (RFC 8996). Set ssl_min_protocol_version = 'TLSv1.2' in postgresql.conf.",
  chainUnverified:
    'The certificate of {{target}} does not verify against {{trust}} ({{reason}}): clients that verify it (sslmode=verify-full, rejectUnauthorized: true) refuse the server, and clients that connect anyway do not check whom they talk to. Serve a certificate from a CA your clients trust, or probe again with --ca <the CA file>.',
  hostMismatch:
    'The certificate of {{target}} is issued for {{names}}, not for {{host}}: a client that checks the host name (sslmode=verify-full) refuses it. Issue the certificate with {{host}} among its subject alternative names, or connect with a name it carries.',
  certificateExpired:
    'The certificate of {{target}} expired on {{date}}: every client that verifies it refuses the server. Renew the certificate.',
  certificateExpiring:
    'The certificate of {{target}} expires on {{date}} (days left: {{days}}; the warning starts {{threshold}} days before). Renew the certificate before then.',
  trustAuthentication:
    'The server at {{target}} let user {{user}} in without any password (trust authentication). Use scram-sha-256 for this line of pg_hba.conf.',
  cleartextAuthentication:
    'The server at {{target}} asks user {{user}} for the password in clear text (password authentication). Use scram-sha-256 for this line of pg_hba.conf.',
  md5Authentication:
    'The server at {{target}} asks user {{user}} for an MD5 password hash, which can be replayed from a stolen pg_authid and cracked offline. Use scram-sha-256 for this line of pg_hba.conf and set the password again under password_encryption = scram-sha-256.',
  weakMinProtocolSetting:
    "The server at {{target}} has ssl_min_protocol_version = {{value}}, below TLSv1.2. Set ssl_min_protocol_version = 'TLSv1.2' in postgresql.conf.",
  md5PasswordEncryption:
    "The server at {{target}} stores new passwords as MD5 hashes (password_encryption = md5). Set password_encryption = 'scram-sha-256' and set the passwords again.",
  unresolved: 'Could not probe: the host name {{host}} does not resolve ({{code}}).',
  refused: 'Could not probe: the connection to {{target}} was refused (is the server running?).',
  timedOut: 'Could not probe: {{target}} did not answer within {{seconds}} s ({{step}}).',
  networkError: 'Could not probe {{target}}: network error {{code}} ({{step}}).',
  closedEarly: 'Could not probe: {{target}} closed the connection during {{step}}.',
  notPostgres: 'Could not probe: {{target}} does not speak the PostgreSQL protocol ({{detail}}).',
  tlsFailed:
    'Could not probe: the TLS handshake with {{target}} failed ({{code}}), even with TLS 1.2 and 1.3 offered.',
  loginFailed:
    'Could not probe with --connect: {{target}} refused the login of user {{user}} ({{detail}}).',
};

export function probeMessage<K extends ProbeMessageId>(id: K, data: ProbeMessageData[K]): string {
  const values = data as unknown as Record<string, string | number>;
  return PROBE_MESSAGES[id].replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`message ${id} needs ${name}`);
    return String(value);
  });
}
