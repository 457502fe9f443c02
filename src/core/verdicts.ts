/**
 * Verdicts are what a reader says about one setting ("this pg pool's `ssl` is false", "this
 * URL says sslmode=prefer"): a message id with data, where it is, and the facts POLICY's
 * filters need. The checks in `checks/` decide which verdicts are findings.
 */
import type { Message } from './messages.js';
import type { Environment, FixIntent, Range } from './model.js';
import type { SslmodeValue, TlsVersion } from './vocabulary.js';

export type VerdictKind =
  | 'tls-off'
  | 'tls-ignored'
  | 'tls-unresolved'
  | 'verification-disabled'
  | 'host-unchecked'
  | 'weak-sslmode'
  | 'invalid-tls-value'
  | 'weak-tls-version'
  | 'weak-ciphers'
  | 'weak-auth'; // server side: pg_hba trust/password/md5, password_encryption = md5

export interface Verdict {
  kind: VerdictKind;
  /** What to say: a full template's id and its data (never a secret, never a sentence). */
  message: Message;
  /** The setting judged, as the file names it (`ssl`, `sslmode`, `PGSSLMODE`): fingerprints use it. */
  setting: string;
  range: Range;
  environment: Environment;
  /** What states `environment` here, when the reader knows it (`\`NODE_ENV=development\` in this group`). */
  because?: string;
  /** Seen only in an explicit (non-default) branch. */
  explicit: boolean;
  /** Written in the source as a literal (not made up from an absent key or a default). */
  literal: boolean;
  loopback: boolean;
  /** The effective sslmode in libpq terms, for `no-weak-sslmode`'s minimum. */
  sslmode?: SslmodeValue;
  /** For versions: the weakest protocol the setting allows, e.g. `TLSv1`. */
  tlsVersion?: TlsVersion;
  fixes: FixIntent[];
}

/** Where a verdict sits and what POLICY needs to know about it. */
export type VerdictContext = Pick<
  Verdict,
  'environment' | 'because' | 'explicit' | 'literal' | 'loopback'
>;
