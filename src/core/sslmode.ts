/**
 * sslmode values and their order (POLICY.md "sslmode order and the minimum").
 *
 * This module knows spellings and libpq's order only. What a value *means* to a given
 * consumer (pg treats `require` as verify-full, Prisma ignores `verify-full`, Slonik
 * rejects it) is driver knowledge and lives in the driver table (DRIVERS.md §1, §8).
 */

/** libpq's sslmode values, weakest first. */
export const SSLMODE_ORDER = [
  'disable',
  'allow',
  'prefer',
  'require',
  'verify-ca',
  'verify-full',
] as const;

export type Sslmode = (typeof SSLMODE_ORDER)[number];

/** An sslmode as written anywhere: libpq's values plus node-postgres' `no-verify`. */
export type SslmodeValue = Sslmode | 'no-verify';

const LIBPQ_MODES: ReadonlySet<string> = new Set<string>(SSLMODE_ORDER);

/**
 * Parses a libpq / node-postgres sslmode value. Case-insensitive and trimmed, as the brief
 * asks (libpq itself is case-sensitive, so `REQUIRE` is an error there: a check that wants to
 * report "invalid value" compares the raw spelling with the result). Returns undefined for
 * anything that is not an sslmode (`true`, `verify_full`, `VerifyFull`, ...), which callers
 * report as an invalid value.
 */
export function parseSslmode(value: string): SslmodeValue | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'no-verify') return 'no-verify';
  return LIBPQ_MODES.has(v) ? (v as Sslmode) : undefined;
}

const MYSQL_SSL_MODES: Readonly<Record<string, Sslmode>> = {
  disabled: 'disable',
  preferred: 'prefer',
  required: 'require',
  verify_ca: 'verify-ca',
  verify_identity: 'verify-full',
};

/**
 * Parses a MySQL `ssl-mode` value (DISABLED, PREFERRED, REQUIRED, VERIFY_CA,
 * VERIFY_IDENTITY; case-insensitive as in the MySQL client) onto POLICY's order
 * (DRIVERS.md §6). There is no MySQL counterpart of `allow`.
 */
export function parseMysqlSslMode(value: string): Sslmode | undefined {
  const v = value.trim().toLowerCase();
  return Object.hasOwn(MYSQL_SSL_MODES, v) ? MYSQL_SSL_MODES[v] : undefined;
}

/**
 * Rank on a half-step scale so that `no-verify` (TLS without any certificate check) sits
 * strictly between `prefer` (may fall back to plaintext) and `require` (POLICY: "no-verify
 * counts as below require").
 */
const RANK: Readonly<Record<SslmodeValue, number>> = {
  disable: 0,
  allow: 2,
  prefer: 4,
  'no-verify': 5,
  require: 6,
  'verify-ca': 8,
  'verify-full': 10,
};

/** Negative when `a` is weaker than `b`, 0 when equal, positive when stronger. */
export function compareSslmode(a: SslmodeValue, b: SslmodeValue): number {
  return Math.sign(RANK[a] - RANK[b]);
}

/** True when `mode` is weaker than `minimum` (POLICY's default minimum is `verify-full`). */
export function isBelow(mode: SslmodeValue, minimum: SslmodeValue): boolean {
  return compareSslmode(mode, minimum) < 0;
}

const WEAKNESS: Readonly<Record<string, string>> = {
  allow: 'tries plaintext first',
  prefer: 'falls back to plaintext and never verifies the certificate',
  require: 'encrypts but does not verify the server certificate',
  'verify-ca': 'checks the certificate chain but not the host name',
};

/**
 * What a weak mode does, after the setting as the file spells it (`sslmode=prefer`,
 * `PGSSLMODE=require`, `sslmode 'allow'`, `ssl_mode 'PREFERRED'`): one wording for every
 * front-end.
 */
export function weakSslmodeProblem(mode: string, written: string): string {
  return `${written} ${WEAKNESS[mode] ?? 'is weak'}`;
}
