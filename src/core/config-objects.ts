/**
 * One assessor for connection-shaped objects that are not (only) a driver site: a JS object
 * literal, a JSON or YAML mapping, an object imported from another module. Node's TLS
 * options are judged wherever they sit; `ssl: false` / `tls: false` and passwords count once
 * the object looks like a database config (POLICY "Values that are not literals").
 */
import type { PasswordCandidate, PasswordHolder } from './credentials.js';
import type { FixPrinter } from './fixes.js';
import type { Environment, Guards, ObjectValue, Value } from './model.js';
import { readTlsOptions, TLS_OPTION_KEYS } from './readers/node-tls.js';
import { parseConnectionUrl } from './connection-url.js';
import { alternatives, isOffLiteral, stringOf } from './values.js';
import type { Verdict } from './verdicts.js';
import { CONNECTION_KEYS, hasDatabaseWord, PASSWORD_KEY, type TlsVersion } from './vocabulary.js';

export interface ConfigObjectContext {
  environment: Environment;
  guards: Guards;
  loopback: boolean;
  /** The driver that reads the object (a site's label), when known. */
  driver?: string;
  /**
   * The object is a database's (inside a driver site, or with database evidence): Node's
   * generic TLS options, `ssl: false` and passwords count only then. Options that only a
   * database client has (`tlsAllowInvalidCertificates`, `trustServerCertificate`) count anywhere.
   */
  database: boolean;
  /** A driver site already judged this object's `ssl` / `tls` by the driver's precedence. */
  tlsJudged: boolean;
  /** A driver site already collected this object's passwords. */
  passwordsJudged: boolean;
  /** Whether a password literal may be replaced by an environment read (JS only). */
  replaceablePasswords: boolean;
  minimumTlsVersion: TlsVersion;
  printer: FixPrinter;
}

export interface ConfigObjectReading {
  verdicts: Verdict[];
  passwords: PasswordCandidate[];
}

/** Whether an object carries TLS options or names a database connection. */
export function isConfigObject(value: ObjectValue): boolean {
  return value.properties.some((p) => TLS_OPTION_KEYS.has(p.key) || CONNECTION_KEYS.has(p.key));
}

export function readConfigObject(
  value: ObjectValue,
  context: ConfigObjectContext,
): ConfigObjectReading {
  const out: ConfigObjectReading = { verdicts: [], passwords: [] };
  const keys = value.properties.map((p) => p.key);
  const { environment, guards, loopback } = context;
  const tlsKeys = context.database ? TLS_OPTION_KEYS : DATABASE_ONLY_TLS_KEYS;
  if (keys.some((k) => tlsKeys.has(k)))
    out.verdicts.push(
      ...readTlsOptions(value, {
        environment,
        guards,
        loopback,
        driver: context.driver ?? driverAround(keys),
        minimumTlsVersion: context.minimumTlsVersion,
        printer: context.printer,
        keys: tlsKeys,
      }),
    );
  if (!context.database || !keys.some((k) => CONNECTION_KEYS.has(k))) return out;
  // `ssl: false` / `tls: false` in a database config is TLS off for every driver; a
  // driver site judges its own keys by precedence (TypeORM `extra.ssl` beats `ssl`).
  for (const key of context.tlsJudged ? [] : ['ssl', 'tls']) {
    const tls = value.properties.findLast((p) => p.key === key);
    if (!tls) continue;
    for (const alt of alternatives(tls.value, environment, guards)) {
      const off = alt.value;
      if (alt.explicit || off.kind !== 'literal' || off.synthetic || !isOffLiteral(off)) continue;
      out.verdicts.push({
        kind: 'tls-off',
        message: {
          id: 'sslOff',
          data: {
            driver: 'database config',
            key,
            value: String(off.value),
            secure: `${key}: { rejectUnauthorized: true }`,
          },
        },
        setting: key,
        range: off.range,
        environment: alt.environment,
        explicit: false,
        literal: true,
        loopback,
        fixes: [],
      });
    }
  }
  // Passwords in any connection-shaped object (not already judged as a site).
  if (context.passwordsJudged) return out;
  for (const p of value.properties) {
    if (!PASSWORD_KEY.test(p.key)) continue;
    out.passwords.push(
      ...passwordCandidates(p.value, {
        holder: { kind: 'option', key: p.key },
        driver: 'database config',
        environment,
        guards,
        loopback,
        replaceable: context.replaceablePasswords,
      }),
    );
  }
  return out;
}

/** TLS options only a database client has: they mean a database wherever they sit. */
const DATABASE_ONLY_TLS_KEYS: ReadonlySet<string> = new Set([
  'tlsAllowInvalidCertificates',
  'tlsAllowInvalidHostnames',
  'tlsInsecure',
  'sslValidate',
  'trustServerCertificate',
]);

/** Keys only a database config has. */
const DATABASE_KEYS: ReadonlySet<string> = new Set([
  'database',
  'db',
  'dbname',
  'dbName',
  'connectionString',
  'datasourceUrl',
  'dbCredentials',
  'dialectOptions',
  'driverOptions',
]);
/** What `client`, `dialect`, `type`, `adapter`, `driver` and `provider` name when they name a database. */
const DATABASE_KINDS =
  /^(?:pg|postgres(?:ql)?|pgnative|cockroach(?:db)?|redshift|mysql2?|mariadb|mssql|sqlserver|tedious|sqlite3?|better-sqlite3|oracle(?:db)?|mongo(?:db)?|redis|aurora-(?:mysql|postgres)|postgis)$/i;
/** The usual ports of PostgreSQL, MySQL, SQL Server, MongoDB, Redis, Oracle, CockroachDB. */
const DATABASE_PORTS: ReadonlySet<number> = new Set([
  5432, 6432, 3306, 1433, 27017, 6379, 6380, 1521, 26257,
]);

/**
 * Whether an object shows it configures a database: a key only databases have, a driver
 * key naming a database, a connection string of a database scheme, a database port, or
 * a name under which it is stored that has a database word (`db`, `dbConfig`, `postgres`,
 * `ssl` — a database option; HTTP clients and mailers say `tls` or `agent`).
 */
export function hasDatabaseEvidence(value: ObjectValue, name?: string): boolean {
  if (name !== undefined && (name === 'ssl' || hasDatabaseWord(name))) return true;
  for (const p of value.properties) {
    if (DATABASE_KEYS.has(p.key)) return true;
    const text = stringOf(p.value);
    if (
      text !== undefined &&
      ['client', 'dialect', 'type', 'adapter', 'driver', 'provider'].includes(p.key) &&
      DATABASE_KINDS.test(text)
    )
      return true;
    if (text !== undefined && ['url', 'uri', 'host'].includes(p.key) && isDatabaseUrl(text))
      return true;
    if (p.key === 'port' && p.value.kind === 'literal' && DATABASE_PORTS.has(Number(p.value.value)))
      return true;
  }
  return false;
}

function isDatabaseUrl(text: string): boolean {
  const url = text.includes('://') ? parseConnectionUrl(text) : undefined;
  return url !== undefined && url.family !== 'other';
}

/** The driver a bare TLS options object belongs to, from its keys. */
function driverAround(keys: readonly string[]): string {
  if (keys.includes('trustServerCertificate')) return 'SQL Server';
  if (
    keys.some((k) => k.startsWith('tlsAllowInvalid') || k === 'tlsInsecure' || k === 'sslValidate')
  )
    return 'MongoDB';
  return 'TLS options';
}

export interface PasswordValueContext {
  holder: PasswordHolder;
  driver: string;
  environment: Environment;
  guards: Guards;
  loopback: boolean;
  /** The literal may be replaced by an environment read (a suggestion; JS only). */
  replaceable: boolean;
  /** The variable a suggestion reads (`REDIS_PASSWORD` for Redis clients). */
  envName?: string;
  user?: string;
  /** How a literal fallback of an environment read is named (Python: its default). */
  fallback?: 'fallback' | 'environment-default';
}

/**
 * The password literals a value may be, branch by branch; a literal fallback of an
 * environment read is named as such (`process.env.DB_PASSWORD || 'pw'`).
 */
export function passwordCandidates(
  value: Value,
  context: PasswordValueContext,
): PasswordCandidate[] {
  const out: PasswordCandidate[] = [];
  for (const alt of alternatives(value, context.environment, context.guards)) {
    const v = alt.value;
    if (v.kind !== 'literal' || typeof v.value !== 'string' || v.template) continue;
    const fallbackOf = v.fromEnv?.how === 'fallback' ? v.fromEnv.name : undefined;
    const envName = fallbackOf ?? context.envName;
    out.push({
      secret: v.value,
      range: v.range,
      holder: fallbackOf
        ? { kind: context.fallback ?? 'fallback', name: fallbackOf }
        : context.holder,
      driver: context.driver,
      environment: alt.environment,
      loopback: context.loopback,
      inComment: false,
      ...(context.replaceable ? { replaceable: v } : {}),
      ...(envName ? { envName } : {}),
      ...(context.user !== undefined ? { user: context.user } : {}),
    });
  }
  return out;
}
