/**
 * Database connection strings: URLs (`postgres://`, `mongodb+srv://`, `dialect+driver://`,
 * Prisma/JDBC `sqlserver://h;k=v`), JDBC URLs, ADO.NET strings and libpq keyword strings.
 *
 * Pure and total: no I/O (pg-connection-string reads `sslrootcert` files, so it is not
 * used), never throws, and every span points into the string it was given so checks can
 * report and fixes can edit the exact characters.
 */
import { isPlaceholderHost } from './vocabulary.js';

export type DbFamily = 'postgres' | 'mysql' | 'mongodb' | 'redis' | 'mssql' | 'other';

type ConnectionFormat = 'url' | 'ado' | 'jdbc' | 'keyword';

/** A value and the offsets of its raw spelling (quotes and braces excluded) in the input. */
interface ValueSpan {
  value: string;
  start: number;
  end: number;
}

interface ParamSpan extends ValueSpan {
  /** The key as written. */
  key: string;
}

interface CredentialSpan extends ValueSpan {
  /** `userinfo` for `scheme://user:secret@`, else the lower-cased parameter key. */
  key: string;
}

export interface ConnectionUrl {
  /**
   * Lower-cased scheme: `postgresql`, `mongodb+srv`, `mysql+pymysql`, `jdbc:postgresql`,
   * `prisma+postgres`. Empty for ADO and libpq keyword strings, which have none.
   */
  scheme: string;
  family: DbFamily;
  /**
   * Host names, decoded, without port, brackets or SQL Server instance; a Unix socket path
   * when given as `?host=/path` or percent-encoded. Empty when the string names no host.
   */
  hosts: string[];
  user?: string;
  /** The effective password: a `password=` parameter wins over URL userinfo (libpq, pg). */
  password?: ValueSpan;
  /**
   * Parameters by lower-cased key (ADO keys also lose their spaces, so `Trust Server
   * Certificate` and `TrustServerCertificate` meet); the last one wins. ADO and keyword
   * strings put every pair here, host and password included.
   */
  params: Map<string, ParamSpan>;
  /** Offset of the `?` (URL) or first `;` (JDBC-style) that starts the parameters. */
  paramsStart?: number;
  database?: string;
  format: ConnectionFormat;
  /**
   * Every literal secret in the string, in source order: userinfo password, `password`,
   * `pwd`, and key passphrases (`sslpassword`, `tlsCertificateKeyFilePassword`, `sslpass`),
   * including ones shadowed by a later spelling. `no-hardcoded-credentials` reads this.
   */
  credentials: CredentialSpan[];
}

export function parseConnectionUrl(input: string): ConnectionUrl | undefined {
  try {
    return parse(input);
  } catch {
    // Defensive only: the parsers below do not throw, but a caller must never crash on a
    // string found in someone's source.
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------
// Schemes

/** Scheme (or SQLAlchemy dialect before `+`) → family. Anything else is not a database URL. */
const FAMILY_BY_SCHEME: Readonly<Record<string, DbFamily>> = {
  postgres: 'postgres',
  postgresql: 'postgres',
  pgsql: 'postgres',
  postgis: 'postgres',
  redshift: 'postgres',
  cockroach: 'postgres',
  cockroachdb: 'postgres',
  timescale: 'postgres',
  mysql: 'mysql',
  mysql2: 'mysql',
  mysqlx: 'mysql',
  mysqlgis: 'mysql',
  'mysql-connector': 'mysql',
  mariadb: 'mysql',
  mongodb: 'mongodb',
  redis: 'redis',
  rediss: 'redis',
  valkey: 'redis',
  valkeys: 'redis',
  mssql: 'mssql',
  mssqlms: 'mssql',
  sqlserver: 'mssql',
  jtds: 'mssql',
  oracle: 'other',
  db2: 'other',
  // Prisma Accelerate / Prisma Postgres: HTTPS URLs with an api_key (DRIVERS.md §8).
  prisma: 'other',
};

function familyOfScheme(scheme: string): DbFamily | undefined {
  if (scheme === 'mongodb+srv') return 'mongodb';
  // SQLAlchemy `dialect+driver`, `prisma+postgres`, `redis+sentinel`: the dialect decides.
  const base = scheme.split('+', 1)[0] ?? scheme;
  return Object.hasOwn(FAMILY_BY_SCHEME, base) ? FAMILY_BY_SCHEME[base] : undefined;
}

const URL_SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

// ---------------------------------------------------------------------------------------
// Entry

function parse(input: string): ConnectionUrl | undefined {
  let lo = 0;
  let hi = input.length;
  while (lo < hi && isSpace(input[lo])) lo++;
  while (hi > lo && isSpace(input[hi - 1])) hi--;
  if (lo === hi) return undefined;
  const text = input.slice(lo, hi);

  if (/^jdbc:/i.test(text)) return parseJdbc(input, lo, hi);
  const m = URL_SCHEME.exec(text);
  if (m) {
    const scheme = (m[1] ?? '').toLowerCase();
    const family = familyOfScheme(scheme);
    if (family === undefined) return undefined;
    return parseUrlForm(input, lo + m[0].length, hi, scheme, family, 'url');
  }
  if (!text.includes('=')) return undefined;
  return (text.includes(';') ? parseAdo(input, lo, hi) : undefined) ?? parseKeyword(input, lo, hi);
}

function newResult(scheme: string, family: DbFamily, format: ConnectionFormat): ConnectionUrl {
  return { scheme, family, hosts: [], params: new Map(), format, credentials: [] };
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

// ---------------------------------------------------------------------------------------
// URL form

/**
 * Parses `[userinfo@]hosts[/path][?query][#fragment]` from `p` (just after `scheme://`).
 *
 * The authority is split by hand, as pg-connection-string does with its dummy host, because
 * WHATWG URL rejects what drivers accept: empty hosts (`postgres://u:p@/db?host=/sock`),
 * host lists (`h1:5432,h2:5433`) and unencoded reserved characters in passwords. The path
 * and query are then parsed by WHATWG URL behind a dummy host, so database names and
 * parameter values are decoded exactly as pg, mongodb and node-redis decode them.
 */
function parseUrlForm(
  input: string,
  p: number,
  hi: number,
  scheme: string,
  family: DbFamily,
  format: ConnectionFormat,
): ConnectionUrl {
  // Prisma's and JDBC's SQL Server dialect, `sqlserver://host:1433;database=d;user=u`, is
  // JDBC-style whatever its scheme: parameters are appended as `;key=value`.
  const semicolonStyle = family === 'mssql' && isSemicolonStyle(input, p, hi);
  const result = newResult(scheme, family, semicolonStyle ? 'jdbc' : format);
  const authStop = semicolonStyle ? '/?#;' : '/?#';

  // Userinfo: the last `@` of the authority, as WHATWG URL does; failing that, a password
  // with an unencoded `/`, `?` or `#` (see findUnencodedUserinfoEnd).
  const authEnd = indexOfAny(input, authStop, p, hi);
  let at = input.lastIndexOf('@', authEnd - 1);
  if (at < p) at = findUnencodedUserinfoEnd(input, p, hi, authEnd, authStop);

  let userinfoPassword: ValueSpan | undefined;
  let hostStart = p;
  if (at >= p) {
    const colon = input.indexOf(':', p);
    const userEnd = colon >= 0 && colon < at ? colon : at;
    const user = percentDecode(input.slice(p, userEnd));
    if (user !== '') result.user = user;
    if (userEnd < at) {
      userinfoPassword = {
        value: percentDecode(input.slice(userEnd + 1, at)),
        start: userEnd + 1,
        end: at,
      };
      result.credentials.push({ key: 'userinfo', ...userinfoPassword });
    }
    hostStart = at + 1;
  }
  const hostEnd = indexOfAny(input, authStop, hostStart, hi);
  result.hosts = parseHostList(input.slice(hostStart, hostEnd), family);

  if (semicolonStyle) {
    // Searched again after the hosts: a userinfo password may itself contain a `;`.
    const paramsAt = indexOrEnd(input, ';', hostEnd, hi);
    // `jdbc:jtds:sqlserver://h:1433/db;user=u`: the path before the first `;` is the database.
    const database =
      input[hostEnd] === '/' ? percentDecode(input.slice(hostEnd + 1, paramsAt)) : '';
    if (database !== '') result.database = database;
    if (paramsAt < hi) {
      result.paramsStart = paramsAt;
      parseSemicolonParams(input, paramsAt + 1, hi, result);
    }
    const db = result.params.get('database') ?? result.params.get('databasename');
    if (db) result.database = db.value;
    if (result.hosts.length === 0) {
      const server = result.params.get('servername') ?? result.params.get('server');
      if (server) result.hosts = parseHostList(server.value, family);
    }
  } else {
    const fragment = input.indexOf('#', hostEnd);
    const end = fragment >= 0 && fragment < hi ? fragment : hi;
    const q = input.indexOf('?', hostEnd);
    const queryStart = q >= 0 && q < end ? q : -1;
    const pathEnd = queryStart >= 0 ? queryStart : end;
    const parsed = whatwgPathAndQuery(
      input.slice(hostEnd, pathEnd),
      queryStart >= 0 ? input.slice(queryStart + 1, end) : '',
    );
    if (parsed.database !== '') result.database = parsed.database;
    if (queryStart >= 0) {
      result.paramsStart = queryStart;
      addQueryParams(input, queryStart + 1, end, parsed.values, result);
    }
  }

  applyCommonParams(result, userinfoPassword);
  // libpq and pg let `?host=` override the authority; it is how a socket path is given.
  if (family === 'postgres') {
    const host = result.params.get('host');
    if (host) result.hosts = splitList(host.value);
  }
  return result;
}

/**
 * `sqlserver://`-style strings have a `;` and no `?` before it (`mssql://u:p@h/db?encrypt=true`
 * is an ordinary URL).
 */
function isSemicolonStyle(input: string, p: number, hi: number): boolean {
  const semi = indexOrEnd(input, ';', p, hi);
  return semi < hi && indexOrEnd(input, '?', p, semi) === semi;
}

/**
 * People paste passwords with raw `/`, `?` or `#` into URLs (`postgres://u:pa/ss@h/db`),
 * which WHATWG URL and the drivers then misread. A secret scanner must still see them, so
 * when the authority has no `@`, take the last `@` that is followed by something host-like
 * and preceded by `user:password` whose password does not start like a port (`h:5432/db`).
 */
function findUnencodedUserinfoEnd(
  input: string,
  p: number,
  hi: number,
  authEnd: number,
  stops: string,
): number {
  // Linear: the user part and the port test do not depend on which `@` is tried, and the
  // host-like scan after each `@` stops at the next `@` (not host-like), so no character is
  // scanned twice however many `@` a hostile string holds.
  const colon = input.indexOf(':', p);
  if (colon < 0 || colon >= hi || /[/?#@]/.test(input.slice(p, colon))) return -1;
  let digitsEnd = colon + 1;
  while (digitsEnd < hi && isDigit(input.charCodeAt(digitsEnd))) digitsEnd++;
  for (let i = input.lastIndexOf('@', hi - 1); i >= authEnd && i > colon;) {
    // `h:5432/db` after the colon is a port, not a password.
    const looksLikePort = digitsEnd < i && '/?#;'.includes(input[digitsEnd]!);
    if (!looksLikePort && isHostLikeUntilStop(input, i + 1, hi, stops)) return i;
    i = i === 0 ? -1 : input.lastIndexOf('@', i - 1);
  }
  return -1;
}

const HOST_LIKE = /[\w.\-,:[\]%${}]/;

/** Whether `input[from, first stop or hi)` is all host-like characters. */
function isHostLikeUntilStop(input: string, from: number, hi: number, stops: string): boolean {
  for (let j = from; j < hi; j++) {
    const c = input[j]!;
    if (stops.includes(c)) return true;
    if (!HOST_LIKE.test(c)) return false;
  }
  return true;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** `h1:5432,[::1]:5433,%2Fvar%2Frun%2Fpostgresql` → host names, decoded, no ports. */
function parseHostList(raw: string, family: DbFamily): string[] {
  const hosts: string[] = [];
  for (const part of raw.split(',')) {
    let h = part.trim();
    if (h === '') continue;
    if (h.startsWith('[')) {
      const close = h.indexOf(']');
      h = close > 0 ? h.slice(1, close) : h.slice(1);
    } else if (h.indexOf(':') === h.lastIndexOf(':')) {
      // One colon is a port; more than one is a bare IPv6 address, kept whole.
      const colon = h.indexOf(':');
      if (colon >= 0) h = h.slice(0, colon);
    }
    if (family === 'mssql') h = h.split('\\', 1)[0] ?? h; // host\instance
    h = percentDecode(h);
    if (h !== '') hosts.push(h);
  }
  return hosts;
}

interface PathAndQuery {
  database: string;
  /** Decoded `[key, value]` pairs in source order, as URLSearchParams yields them. */
  values: Array<[string, string]> | undefined;
}

/** Path and query decoded by WHATWG URL behind a dummy scheme and host. */
function whatwgPathAndQuery(path: string, query: string): PathAndQuery {
  let url: URL;
  try {
    url = new URL(`db://h${path}${query === '' ? '' : `?${query}`}`);
  } catch {
    return { database: percentDecode(path.replace(/^\//, '')), values: undefined };
  }
  return {
    database: percentDecode(url.pathname.replace(/^\//, '')),
    values: [...url.searchParams],
  };
}

/**
 * Records query parameters with the offsets of their raw values. The pairs are found with
 * the same splitting rules as URLSearchParams (split on `&`, skip empty pieces, split at the
 * first `=`), so the i-th piece is its i-th entry and the decoded value is WHATWG's.
 */
function addQueryParams(
  input: string,
  from: number,
  to: number,
  decoded: Array<[string, string]> | undefined,
  result: ConnectionUrl,
): void {
  let index = 0;
  let pos = from;
  while (pos <= to) {
    let amp = input.indexOf('&', pos);
    if (amp < 0 || amp > to) amp = to;
    if (amp > pos) {
      const eq = input.indexOf('=', pos);
      const keyEnd = eq >= 0 && eq < amp ? eq : amp;
      const valueStart = keyEnd < amp ? keyEnd + 1 : amp;
      const pair = decoded?.[index];
      const key = pair ? pair[0] : formDecode(input.slice(pos, keyEnd));
      const value = pair ? pair[1] : formDecode(input.slice(valueStart, amp));
      setParam(result, key, { key, value, start: valueStart, end: amp });
      index++;
    }
    pos = amp + 1;
  }
}

// ---------------------------------------------------------------------------------------
// JDBC

function parseJdbc(input: string, lo: number, hi: number): ConnectionUrl | undefined {
  // jdbc:<sub>[:<sub>...]:  e.g. jdbc:postgresql:, jdbc:jtds:sqlserver:, jdbc:oracle:thin:
  const m = /^jdbc:([a-z][a-z0-9+-]*)((?::[a-z][a-z0-9]*)*):/i.exec(input.slice(lo, hi));
  if (!m) return undefined;
  const sub = (m[1] ?? '').toLowerCase();
  const scheme = `jdbc:${sub}`;
  const family = familyOfScheme(sub) ?? 'other';
  const p = lo + m[0].length;

  if (input.startsWith('//', p)) return parseUrlForm(input, p + 2, hi, scheme, family, 'jdbc');
  if (sub === 'oracle') return parseOracleThin(input, p, hi, scheme);

  // Host-less forms, `jdbc:postgresql:mydb?user=u` (the driver then uses localhost).
  const result = newResult(scheme, family, 'jdbc');
  const q = input.indexOf('?', p);
  const pathEnd = q >= 0 && q < hi ? q : hi;
  const parsed = whatwgPathAndQuery(
    `/${input.slice(p, pathEnd)}`,
    pathEnd < hi ? input.slice(pathEnd + 1, hi) : '',
  );
  if (parsed.database !== '') result.database = parsed.database;
  if (pathEnd < hi) {
    result.paramsStart = pathEnd;
    addQueryParams(input, pathEnd + 1, hi, parsed.values, result);
  }
  applyCommonParams(result, undefined);
  return result;
}

/** `jdbc:oracle:thin:scott/tiger@//host:1521/svc` or `...@host:1521:sid`. */
function parseOracleThin(input: string, p: number, hi: number, scheme: string): ConnectionUrl {
  const result = newResult(scheme, 'other', 'jdbc');
  const at = input.lastIndexOf('@', hi - 1);
  let hostStart = p;
  if (at >= p) {
    const slash = input.indexOf('/', p);
    const userEnd = slash >= 0 && slash < at ? slash : at;
    if (userEnd > p) result.user = input.slice(p, userEnd);
    if (userEnd < at) {
      result.password = { value: input.slice(userEnd + 1, at), start: userEnd + 1, end: at };
      result.credentials.push({ key: 'userinfo', ...result.password });
    }
    hostStart = at + 1;
  }
  const rest = input.slice(hostStart, hi).replace(/^\/\//, '');
  const host = /^[\w.-]+/.exec(rest)?.[0];
  if (host && !rest.startsWith('(')) result.hosts = [host];
  return result;
}

/** JDBC/Prisma SQL Server pairs after the first `;`: `k=v;k={v;with;semicolons}`. */
function parseSemicolonParams(
  input: string,
  from: number,
  hi: number,
  result: ConnectionUrl,
): void {
  let pos = from;
  while (pos < hi) {
    const semi = indexOrEnd(input, ';', pos, hi);
    const eq = input.indexOf('=', pos);
    if (eq < 0 || eq >= semi) {
      pos = semi + 1;
      continue;
    }
    const key = input.slice(pos, eq).trim();
    let start = eq + 1;
    while (start < hi && isSpace(input[start])) start++;
    if (input[start] === '{') {
      const v = readDelimited(input, start, hi, '}');
      setParam(result, key, { key, value: v.value, start: start + 1, end: v.end });
      pos = indexOrEnd(input, ';', v.after, hi) + 1;
      continue;
    }
    let end = semi;
    while (end > start && isSpace(input[end - 1])) end--;
    setParam(result, key, { key, value: input.slice(start, end), start, end });
    pos = semi + 1;
  }
}

// ---------------------------------------------------------------------------------------
// ADO.NET / ODBC

const ADO_HOST_KEYS = ['server', 'datasource', 'address', 'addr', 'networkaddress', 'host'];
const ADO_KNOWN_KEYS: ReadonlySet<string> = new Set([
  ...ADO_HOST_KEYS,
  'database',
  'initialcatalog',
  'userid',
  'uid',
  'user',
  'username',
  'password',
  'pwd',
  'port',
  'encrypt',
  'trustservercertificate',
  'integratedsecurity',
  'trustedconnection',
  'driver',
  'sslmode',
  'applicationname',
  'connecttimeout',
  'connectiontimeout',
  'multipleactiveresultsets',
]);

/**
 * `Server=tcp:h,1433;Database=d;User Id=u;Password=p;Encrypt=true`. Keys are
 * case-insensitive and may contain spaces; values may be quoted ("" / '' escape the quote)
 * or, in ODBC, braced ({a;b}, }} escapes the brace).
 */
function parseAdo(input: string, lo: number, hi: number): ConnectionUrl | undefined {
  const pairs: ParamSpan[] = [];
  let pos = lo;
  while (pos < hi) {
    while (pos < hi && (isSpace(input[pos]) || input[pos] === ';')) pos++;
    if (pos >= hi) break;
    const eq = input.indexOf('=', pos);
    const semi = indexOrEnd(input, ';', pos, hi);
    if (eq < 0 || eq > semi) return undefined; // a piece that is not key=value
    const key = input.slice(pos, eq).trim();
    if (key === '') return undefined;
    let start = eq + 1;
    while (start < semi && isSpace(input[start])) start++;
    const open = input[start];
    if (open === '"' || open === "'" || open === '{') {
      const v = readDelimited(input, start, hi, open === '{' ? '}' : open);
      pairs.push({ key, value: v.value, start: start + 1, end: v.end });
      pos = indexOrEnd(input, ';', v.after, hi);
      continue;
    }
    let end = semi;
    while (end > start && isSpace(input[end - 1])) end--;
    pairs.push({ key, value: input.slice(start, end), start, end });
    pos = semi;
  }

  const keys = new Set(pairs.map((pair) => adoKey(pair.key)));
  const known = [...keys].filter((k) => ADO_KNOWN_KEYS.has(k)).length;
  const hasHost = ADO_HOST_KEYS.some((k) => keys.has(k));
  const hasPassword = keys.has('password') || keys.has('pwd');
  if (pairs.length < 2 || known < 2 || !(hasHost || hasPassword)) return undefined;

  const result = newResult('', 'mssql', 'ado');
  for (const pair of pairs) setParam(result, adoKey(pair.key), pair);
  result.family = adoFamily(result.params);
  const server = ADO_HOST_KEYS.map((k) => result.params.get(k)).find((v) => v !== undefined);
  if (server) result.hosts = adoHosts(server.value, result.family);
  const db = result.params.get('database') ?? result.params.get('initialcatalog');
  if (db && db.value !== '') result.database = db.value;
  applyCommonParams(result, undefined);
  return result;
}

function adoKey(key: string): string {
  return key.toLowerCase().replace(/\s+/g, '');
}

/**
 * ADO-style strings are SQL Server's by default (the `mssql` package is their Node
 * consumer, DRIVERS.md §13); Npgsql and MySqlConnector strings are recognised by their
 * driver name, their own keys, or their sslmode spellings.
 */
function adoFamily(params: Map<string, ParamSpan>): DbFamily {
  const driver = params.get('driver')?.value.toLowerCase() ?? '';
  if (driver.includes('postgres')) return 'postgres';
  if (driver.includes('mysql') || driver.includes('mariadb')) return 'mysql';
  if (driver !== '') return 'mssql';
  const sslmode = (params.get('sslmode')?.value ?? '').toLowerCase();
  if (
    params.has('host') ||
    params.has('username') ||
    ['disable', 'allow', 'prefer', 'require'].includes(sslmode)
  ) {
    return 'postgres';
  }
  if (['none', 'preferred', 'required'].includes(sslmode)) return 'mysql';
  return 'mssql';
}

/** `tcp:h,1433`, `h\SQLEXPRESS`, `np:\\h\pipe\sql\query`; Npgsql/MySQL `h1:5432,h2`. */
function adoHosts(raw: string, family: DbFamily): string[] {
  if (family !== 'mssql') return parseHostList(raw, family);
  let h = raw.trim().replace(/^(?:tcp|lpc|admin):/i, '');
  if (/^np:/i.test(h)) return [h.slice(3)]; // named pipe path, kept whole
  h = (h.split(',', 1)[0] ?? h).trim();
  // `(localdb)\MSSQLLocalDB` names a local engine by its instance, so it keeps it.
  if (!/^\(localdb\)/i.test(h)) h = h.split('\\', 1)[0] ?? h;
  return h === '' ? [] : [h];
}

// ---------------------------------------------------------------------------------------
// libpq keyword strings

/** libpq's connection keywords (PostgreSQL 18); libpq rejects any other key. */
const LIBPQ_KEYWORDS: ReadonlySet<string> = new Set([
  'host',
  'hostaddr',
  'port',
  'dbname',
  'user',
  'password',
  'passfile',
  'require_auth',
  'channel_binding',
  'connect_timeout',
  'client_encoding',
  'options',
  'application_name',
  'fallback_application_name',
  'keepalives',
  'keepalives_idle',
  'keepalives_interval',
  'keepalives_count',
  'tcp_user_timeout',
  'replication',
  'gssencmode',
  'sslmode',
  'requiressl',
  'sslnegotiation',
  'sslcompression',
  'sslcert',
  'sslkey',
  'sslcertmode',
  'sslpassword',
  'sslkeylogfile',
  'sslrootcert',
  'sslcrl',
  'sslcrldir',
  'sslsni',
  'requirepeer',
  'ssl_min_protocol_version',
  'ssl_max_protocol_version',
  'min_protocol_version',
  'max_protocol_version',
  'krbsrvname',
  'gsslib',
  'gssdelegation',
  'scram_client_key',
  'scram_server_key',
  'service',
  'target_session_attrs',
  'load_balance_hosts',
  'oauth_issuer',
  'oauth_client_id',
  'oauth_client_secret',
  'oauth_scope',
]);

const LIBPQ_IDENTITY_KEYWORDS = [
  'host',
  'hostaddr',
  'port',
  'dbname',
  'user',
  'password',
  'service',
];

/**
 * `host=h port=5432 dbname=d user=u password='a b' sslmode=require`. Only strings made
 * entirely of libpq keywords, with at least two pairs one of which names the connection,
 * count: `a=1 b=2` from some other format must not parse.
 */
function parseKeyword(input: string, lo: number, hi: number): ConnectionUrl | undefined {
  const result = newResult('', 'postgres', 'keyword');
  let pos = lo;
  let pairs = 0;
  while (pos < hi) {
    while (pos < hi && isSpace(input[pos])) pos++;
    if (pos >= hi) break;
    const keyMatch = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(pos, Math.min(hi, pos + 64)));
    if (!keyMatch) return undefined;
    const key = keyMatch[0];
    if (!LIBPQ_KEYWORDS.has(key.toLowerCase())) return undefined;
    pos += key.length;
    while (pos < hi && isSpace(input[pos])) pos++;
    if (input[pos] !== '=') return undefined;
    pos++;
    while (pos < hi && isSpace(input[pos])) pos++;
    const v = readLibpqValue(input, pos, hi);
    if (v === undefined) return undefined;
    setParam(result, key, { key, value: v.value, start: v.start, end: v.end });
    pos = v.after;
    pairs++;
  }
  if (pairs < 2 || !LIBPQ_IDENTITY_KEYWORDS.some((k) => result.params.has(k))) return undefined;
  const host = result.params.get('host') ?? result.params.get('hostaddr');
  if (host) result.hosts = splitList(host.value);
  const db = result.params.get('dbname');
  if (db && db.value !== '') result.database = db.value;
  applyCommonParams(result, undefined);
  return result;
}

/** A libpq value: `'quoted \' with escapes'` or a bare word where `\` escapes too. */
function readLibpqValue(
  input: string,
  pos: number,
  hi: number,
): { value: string; start: number; end: number; after: number } | undefined {
  const quoted = input[pos] === "'";
  const start = quoted ? pos + 1 : pos;
  let value = '';
  let i = start;
  for (; i < hi; i++) {
    const c = input[i]!;
    if (c === '\\' && i + 1 < hi) {
      value += input[++i]!;
      continue;
    }
    if (quoted ? c === "'" : isSpace(c)) break;
    value += c;
  }
  if (quoted) {
    if (i >= hi) return undefined; // unterminated quote: libpq rejects the string
    return { value, start, end: i, after: i + 1 };
  }
  return { value, start, end: i, after: i };
}

// ---------------------------------------------------------------------------------------
// Shared helpers

const USER_KEYS = ['user', 'username', 'userid', 'user id', 'uid'];
const PASSWORD_KEYS = ['password', 'pwd'];
const CREDENTIAL_KEYS: ReadonlySet<string> = new Set([
  ...PASSWORD_KEYS,
  'sslpassword',
  'tlscertificatekeyfilepassword',
  'sslpass',
]);

function setParam(result: ConnectionUrl, key: string, span: ParamSpan): void {
  const lower = key.toLowerCase();
  result.params.set(lower, span);
  if (CREDENTIAL_KEYS.has(lower)) {
    result.credentials.push({ key: lower, value: span.value, start: span.start, end: span.end });
  }
}

/** Fills user and password from parameters, which win over userinfo as in libpq and pg. */
function applyCommonParams(result: ConnectionUrl, userinfoPassword: ValueSpan | undefined): void {
  const user = USER_KEYS.map((k) => result.params.get(k)).find((v) => v !== undefined);
  if (user && user.value !== '') result.user = user.value;
  const password = PASSWORD_KEYS.map((k) => result.params.get(k)).find((v) => v !== undefined);
  const chosen = password ?? userinfoPassword;
  if (chosen) result.password = { value: chosen.value, start: chosen.start, end: chosen.end };
}

/** Reads `"..."`, `'...'` or `{...}` starting at `open`; a doubled closer is an escape. */
function readDelimited(
  input: string,
  open: number,
  hi: number,
  closer: string,
): { value: string; end: number; after: number } {
  let value = '';
  let i = open + 1;
  for (; i < hi; i++) {
    if (input[i] !== closer) {
      value += input[i]!;
    } else if (input[i + 1] === closer && i + 1 < hi) {
      value += closer;
      i++;
    } else {
      return { value, end: i, after: i + 1 };
    }
  }
  return { value, end: hi, after: hi }; // unterminated: the rest is the value
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
}

function indexOfAny(s: string, chars: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (chars.includes(s[i] ?? '')) return i;
  return to;
}

function indexOrEnd(s: string, ch: string, from: number, to: number): number {
  const i = s.indexOf(ch, from);
  return i >= 0 && i < to ? i : to;
}

/** decodeURIComponent that keeps malformed escapes as written instead of throwing. */
function percentDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** application/x-www-form-urlencoded decoding, used only if WHATWG URL refused the query. */
function formDecode(s: string): string {
  return percentDecode(s.replace(/\+/g, ' '));
}

// ---------------------------------------------------------------------------------------
// Hosts and prefilter

/**
 * Whether a connection to `host` cannot leave the machine (POLICY "Loopback"):
 * - `localhost` (any case, trailing dot allowed), IPv4 `127.0.0.0/8` in any spelling WHATWG
 *   URL accepts (`127.1`), IPv6 `::1` in any spelling (`[::1]`, `0:0:0:0:0:0:0:1`) and
 *   IPv4-mapped `::ffff:127.x.y.z`;
 * - Unix socket paths (`/var/run/postgresql`, also percent-encoded `%2F...`), Windows local
 *   named pipes (`\\.\pipe\...`) and SQL Server's local aliases `.`, `(local)`,
 *   `(localdb)\...`, which only ever reach this machine.
 * Not loopback: `0.0.0.0` and `::` (a listen address; as a client target it reaches the
 * local host on Linux and macOS but fails on Windows, and POLICY lists only the literal
 * loopback names), `localhost.localdomain` / `ip6-localhost` / `*.localhost` (they resolve
 * through /etc/hosts or resolver policy, not literally), and the empty string (the default
 * host is the driver's business).
 */
/** A URL whose every host is a placeholder (`HOST`, `your-host`, `<host>`): a template. */
export function isTemplateUrl(url: ConnectionUrl): boolean {
  return url.hosts.length > 0 && url.hosts.every(isPlaceholderHost);
}

export function isLoopbackHost(host: string): boolean {
  let h = host.trim();
  if (h === '') return false;
  if (h.startsWith('/') || /^%2f/i.test(h) || h.startsWith('\\\\.\\')) return true;
  h = h.toLowerCase();
  if (h === '.' || h === '(local)' || h.startsWith('(localdb)')) return true;
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h === 'localhost') return true;
  const bare = h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
  const canonical = canonicalHost(bare.includes(':') ? `[${bare}]` : bare);
  if (canonical === undefined) return false;
  if (canonical === '[::1]') return true;
  if (/^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(canonical)) return true;
  return /^127\.\d+\.\d+\.\d+$/.test(canonical);
}

/** WHATWG host canonicalisation: IPv4 short forms to dotted quads, IPv6 compressed. */
function canonicalHost(host: string): string | undefined {
  if (!/^[\w.\-:[\]]+$/.test(host)) return undefined;
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return undefined;
  }
}

// No `\s*` after the delimiter: the last white-space character before a key is itself a
// delimiter, and `[;\s]\s*` re-reads a run of white space from each of its characters.
const PREFILTER_KEY =
  /(?:^|[;\s])(?:server|data\s*source|address|addr|network\s*address|host|hostaddr|port|dbname|database|initial\s*catalog|user|user\s*id|uid|username|password|pwd|service)\s*=/i;

/**
 * Cheap test for prefilters, with no false negatives: whenever parseConnectionUrl returns
 * a result, this returns true (the converse does not hold).
 */
export function looksLikeConnectionUrl(s: string): boolean {
  const t = s.trimStart();
  if (/^jdbc:/i.test(t)) return true;
  const m = URL_SCHEME.exec(t);
  if (m) return familyOfScheme((m[1] ?? '').toLowerCase()) !== undefined;
  return t.includes('=') && PREFILTER_KEY.test(t);
}

const FAMILY_LABELS: Record<DbFamily, string> = {
  postgres: 'PostgreSQL',
  mysql: 'MySQL',
  mongodb: 'MongoDB',
  redis: 'Redis',
  mssql: 'SQL Server',
  other: 'database',
};

/** How messages name a connection string whose consumer is unknown: "PostgreSQL connection string". */
export function connectionStringLabel(url: ConnectionUrl): string {
  return `${FAMILY_LABELS[url.family]} connection string`;
}
