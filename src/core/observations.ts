/**
 * Observations are driver facts about one place in a file ("this pg pool has no `ssl`",
 * "this URL says sslmode=prefer"). Producers know drivers; the checks in `checks/`
 * decide which observations are findings under POLICY.md.
 */
import type { Environment, FixIntent, Range } from './model.js';
import type { Sslmode } from './sslmode.js';

export type ObservationKind =
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

export interface Observation {
  kind: ObservationKind;
  range: Range;
  environment: Environment;
  /** Seen only in an explicit (non-default) branch. */
  explicit: boolean;
  /** Written in the source as a literal (not made up from an absent key or a default). */
  literal: boolean;
  loopback: boolean;
  /** Who reads the setting: `node-postgres (pg)`, `knex (mysql2 client)`. */
  driver: string;
  /** What is wrong, in a few words, never with a secret: "`ssl` is not set". */
  problem: string;
  /** What to write instead: "ssl: { rejectUnauthorized: true }". */
  secure: string;
  /** The effective sslmode in libpq terms, for `no-weak-sslmode`'s minimum. */
  sslmode?: Sslmode | 'no-verify';
  /** For versions: the weakest protocol the setting allows, e.g. `TLSv1`. */
  tlsVersion?: string;
  fixes: FixIntent[];
}
