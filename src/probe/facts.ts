/**
 * What a probe observed, before any judgement. These types are the body of the `--format
 * json` contract (docs/probe.md, version 1): change them only together with that page.
 */

export interface ProbeTarget {
  /** The name the user gave: used for SNI and for the host-name check. */
  host: string;
  port: number;
  /** The address connected to (the first one the name resolves to). */
  address: string;
  user: string;
  database: string;
}

export interface CertificateFacts {
  subject: string;
  issuer: string;
  /** As OpenSSL prints them: `DNS:db.example.com`, `IP Address:10.0.0.5`. */
  subjectAltNames: string[];
  /** ISO 8601. */
  validFrom: string;
  validTo: string;
  /** Whole days from now to `validTo`, rounded down; negative once expired. */
  daysToExpiry: number;
  fingerprint256: string;
  chain: {
    verified: boolean;
    /** `ca-file`: only the certificates of `--ca`; `default`: Node's CA store. */
    trust: 'ca-file' | 'default';
    /** OpenSSL's verification error (`UNABLE_TO_VERIFY_LEAF_SIGNATURE`, `CERT_HAS_EXPIRED`...). */
    error: string | null;
  };
  hostName: { name: string; matches: boolean };
}

export interface TlsFacts {
  /** The server answered `S` to SSLRequest. */
  offered: boolean;
  /** Negotiated with Node's defaults (TLS 1.2 or later), as a driver would. */
  protocol: string | null;
  cipher: string | null;
  /** A second handshake offering only TLS 1.0 and 1.1; null when TLS is not offered. */
  legacy: { accepted: boolean; protocol: string | null; error: string | null } | null;
}

export type AuthMethod =
  | 'trust'
  | 'password'
  | 'md5'
  | 'scram-sha-256'
  | 'gss'
  | 'sspi'
  | 'other'
  /** The server refused the startup itself (no matching pg_hba.conf line, client certificate required). */
  | 'refused';

export interface AuthFacts {
  method: AuthMethod;
  /** SASL mechanisms offered (`SCRAM-SHA-256`, `SCRAM-SHA-256-PLUS`). */
  mechanisms: string[];
  /** The session the method was learnt on: TLS when offered, else plaintext. */
  over: 'tls' | 'plaintext';
  /** The server's error when `method` is `refused`. */
  serverMessage: string | null;
}

export interface PlaintextFacts {
  /**
   * true: a startup without SSLRequest got an authentication request (or was let in);
   * false: the server answered "no pg_hba.conf entry … no encryption";
   * null: some other answer, shown in `serverMessage`.
   */
  accepted: boolean | null;
  serverMessage: string | null;
}

export interface SessionFacts {
  /** `pg_stat_ssl` for the probe's own backend. */
  ssl: boolean | null;
  version: string | null;
  cipher: string | null;
  sslMinProtocolVersion: string | null;
  passwordEncryption: string | null;
}

/** Why `--connect` ran no query. */
export type SessionSkipped =
  'not-requested' | 'no-tls' | 'unverified-certificate' | 'no-password' | 'startup-refused';

export interface ProbeFacts {
  target: ProbeTarget;
  tls: TlsFacts;
  certificate: CertificateFacts | null;
  /** Learnt from a session that skips SSLRequest (or from the only one, when TLS is not offered). */
  plaintext: PlaintextFacts;
  authentication: AuthFacts;
  session: SessionFacts | { skipped: SessionSkipped };
}
