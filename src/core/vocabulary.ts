/**
 * The words the policy reads, each list written once: environment names, the variables and
 * flags that carry them, password and connection keys, boolean spellings, TLS version
 * spellings and shell defaults. Front-ends and readers ask these; none keeps its own copy.
 * Every list has a table-driven test (test/core/vocabulary.test.ts).
 */

// ── environments (POLICY "Environments") ─────────────────────────────────────

/** Names that mean "not production". Every other name counts as production. */
export const DEVELOPMENT_NAMES: ReadonlySet<string> = new Set([
  'dev',
  'develop',
  'developer',
  'development',
  'local',
  'test',
  'testing',
  'ci',
]);

/**
 * Words in a file or directory name that say production (anything else is not evidence).
 * Not `live`: in real trees it names a feature (a live-collaboration server, live reload)
 * more often than an environment, and unknown is judged as production anyway.
 */
export const PRODUCTION_WORDS: ReadonlySet<string> = new Set([
  'production',
  'prod',
  'staging',
  'stage',
  'qa',
  'preview',
  'release',
]);

/** Further keys that name an environment in an environment map (all production). */
const OTHER_ENVIRONMENT_KEYS: ReadonlySet<string> = new Set([
  'uat',
  'sandbox',
  'demo',
  'beta',
  'canary',
  'perf',
]);

/** CI markers: an environment variable whose presence means the code runs in CI. */
export const CI_MARKERS: ReadonlySet<string> = new Set([
  'CI',
  'TRAVIS',
  'GITHUB_ACTIONS',
  'GITLAB_CI',
  'CIRCLECI',
  'JENKINS_URL',
  'BUILDKITE',
  'TF_BUILD',
  'BITBUCKET_BUILD_NUMBER',
]);

/**
 * Classifies an environment *name* (a knexfile key, a `NODE_ENV` value): development when
 * the name, or a whole token of it, is a development name (`test`, `development-docker`,
 * `local_sqlite`); every other name is production (`staging_postgresql`,
 * `production-ssl-disabled`, `preview`).
 */
export function classifyEnvironmentName(name: string): 'production' | 'development' {
  const words = name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[-_.\s]+/);
  return DEVELOPMENT_NAMES.has(name.trim().toLowerCase()) ||
    words.some((w) => DEVELOPMENT_NAMES.has(w))
    ? 'development'
    : 'production';
}

/** True when an env-map key looks like an environment name rather than a setting. */
export function isEnvironmentKey(key: string): boolean {
  const k = key.toLowerCase();
  return DEVELOPMENT_NAMES.has(k) || PRODUCTION_WORDS.has(k) || OTHER_ENVIRONMENT_KEYS.has(k);
}

/**
 * Environment variables whose value is the environment's name (`NODE_ENV`, `DJANGO_ENV`,
 * `APP_ENVIRONMENT`, `VERCEL_ENV`): a comparison with one is environment evidence.
 */
const ENVIRONMENT_VARIABLE =
  /^(?:NODE_|DJANGO_|APP_|FLASK_|PYTHON_|DEPLOY_|RUNTIME_|SERVER_|CURRENT_|RAILS_|RACK_|VERCEL_|NEXT_PUBLIC_APP_)?(?:ENV|ENVIRONMENT|STAGE|CONFIGURATION|ENV_NAME)$/i;

export function isEnvironmentVariable(name: string): boolean {
  return ENVIRONMENT_VARIABLE.test(name);
}

/** The variables an env-shaped group (a compose service, an env file) states its environment in. */
export const ENVIRONMENT_SETTING_NAMES: readonly string[] = [
  'NODE_ENV',
  'APP_ENV',
  'ENVIRONMENT',
  'RAILS_ENV',
  'RACK_ENV',
  'FLASK_ENV',
  'DJANGO_ENV',
];

/** Identifiers that hold the environment's name in code (`env`, `nodeEnv`, `APP_ENV`). */
export const ENVIRONMENT_IDENTIFIER =
  /^(?:node_?env|env|environment|app_?env|stage|deploy_?env|current_?env|runtime_?env)$/i;
/** Boolean flags that mean "this is production" (`isProduction`, `IS_PROD`, `prodMode`). */
export const PRODUCTION_FLAG = /^(?:is_?)?prod(?:uction)?(?:_?mode|_?env)?$/i;
/** Boolean flags that mean "this is not production" (`isDev`, `IS_LOCAL`, `isTest`). */
export const DEVELOPMENT_FLAG =
  /^(?:is_?)(?:dev(?:elopment)?|local|test(?:ing)?|ci)(?:_?mode|_?env)?$/i;

// ── connections and credentials ──────────────────────────────────────────────

/**
 * Keys that make an object a connection config wherever it sits: where to connect, as whom,
 * and which driver (`client`, `dialect`, `type`, `adapter`, `driver`).
 */
export const CONNECTION_KEYS: ReadonlySet<string> = new Set([
  'host',
  'hostname',
  'server',
  'user',
  'username',
  'database',
  'db',
  'dbname',
  'port',
  'connectionString',
  'url',
  'uri',
  'client',
  'dialect',
  'type',
  'adapter',
  'driver',
]);

/**
 * Keys that show a driver's options describe a real connection (so a missing TLS key is
 * "TLS off", not "not set in code"): the connection keys and the option groups of each
 * driver (`dialectOptions`, `driverOptions`, `dbCredentials`, `socket`).
 */
export const SITE_CONNECTION_KEYS: ReadonlySet<string> = new Set([
  'clientUrl',
  'dbName',
  'driverOptions',
  'datasourceUrl',
  'host',
  'hostname',
  'server',
  'user',
  'username',
  'database',
  'port',
  'password',
  'connectionString',
  'url',
  'uri',
  'connection',
  'ssl',
  'dialectOptions',
  'dbCredentials',
  'socket',
]);

/**
 * Host names that stand for "your host here" in a template URL
 * (`postgresql://USER:PASSWORD@HOST:5432/DB`, `postgres://u:p@your-host/db`): a URL whose
 * hosts are all placeholders is a template, not a connection (POLICY "Values").
 * `db.example.com` is a real name (and a real mistake to commit), so only whole words count.
 */
const PLACEHOLDER_HOST_WORDS: ReadonlySet<string> = new Set([
  'host',
  'hostname',
  'server',
  'servername',
  'example',
  'domain',
  'address',
  'ip',
  'db-host',
  'db_host',
  'dbhost',
  'database-host',
  'database_host',
]);

export function isPlaceholderHost(host: string): boolean {
  const h = host.trim();
  if (h === '') return false;
  // <host>, [host], {host}. Not ${DB_HOST}, %DB_HOST% or $DB_HOST: those are read from the
  // environment when the URL is used, and the TLS parameters written around them still hold
  // (a real server answers `postgres://${user}@${host}/db` in plaintext).
  if (/^(?:<[^>]*>|\[[^\]]*\]|\{[^}]*\})$/.test(h)) return true;
  // HOST, DB_HOST, POSTGRES_HOSTNAME: an ALL-CAPS identifier (POLICY "Placeholders")
  if (/^[A-Z][A-Z0-9_]*$/.test(h) && /[A-Z]{2}/.test(h)) return true;
  const lower = h.toLowerCase();
  return PLACEHOLDER_HOST_WORDS.has(lower) || /^your[-_]?[a-z0-9_-]*$/.test(lower);
}

/** Option keys that hold a password or a key passphrase in a connection config. */
export const PASSWORD_KEY =
  /^(?:password|pass|passwd|pwd|db_?pass(?:word)?|database_?password|sslpassword|passphrase|tlsCertificateKeyFilePassword)$/i;

/**
 * Words that name a database (POLICY "Credentials"), as tokens of a variable name
 * (`POSTGRES_NON_ROOT_PASSWORD`, `DB_POSTGRESDB_PASSWORD`, `REDIS_CACHE_PASSWORD`), and the
 * ORMs whose variables configure one.
 */
const DATABASE_WORDS: ReadonlySet<string> = new Set([
  'DB',
  'DATABASE',
  'PG',
  'PGSQL',
  'POSTGRES',
  'POSTGRESQL',
  'POSTGRESDB',
  'MYSQL',
  'MARIADB',
  'MONGO',
  'MONGODB',
  'REDIS',
  'VALKEY',
  'MSSQL',
  'SQL',
  'SQLSERVER',
  'ORACLE',
  'CLICKHOUSE',
  'ELASTIC',
  'ELASTICSEARCH',
  'OPENSEARCH',
  'COUCHDB',
  'CASSANDRA',
  'NEO4J',
  'INFLUXDB',
  'TYPEORM',
  'SEQUELIZE',
  'KNEX',
  'PRISMA',
  'MIKRO',
  'DRIZZLE',
]);

/** The words a password's name ends in. */
const PASSWORD_WORDS: ReadonlySet<string> = new Set(['PASSWORD', 'PASS', 'PASSWD', 'PWD', 'PW']);

/** A name's words, upper-cased: `DB_POSTGRESDB_PASSWORD`, `dbPassword`, `db-password`. */
function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
}

/** Whether a name has a database word among its tokens (`REDIS_SSL`, `DB_ENABLE_SSL`). */
export function hasDatabaseWord(name: string): boolean {
  return nameTokens(name).some((t) => DATABASE_WORDS.has(t));
}

/**
 * A database password's name (POLICY "Credentials"): it ends in a password word and has a
 * database word anywhere (`POSTGRES_NON_ROOT_PASSWORD`, `MYSQL_PWD`, `PGPASSWORD`), or is
 * the SQL Server image's `SA_PASSWORD`. `SMTP_PASSWORD`, `JWT_SECRET`, an app's
 * `ADMIN_PASSWORD` or `RESET_PASSWORD_LOCK_TIME` are not.
 */
export function isDatabasePasswordName(name: string): boolean {
  const tokens = nameTokens(name);
  const last = tokens.at(-1);
  if (!last) return false;
  // One word for both: `PGPASSWORD`, `PAPERLESS_DBPASS`, `MYSQLPWD`.
  const joined = /^([A-Z]+?)(PASSWORD|PASSWD|PASS|PWD|PW)$/.exec(last);
  if (joined && DATABASE_WORDS.has(joined[1]!)) return true;
  if (tokens.length === 1) return false;
  if (!PASSWORD_WORDS.has(last)) return false;
  if (tokens.length === 2 && tokens[0] === 'SA') return true;
  return tokens.slice(0, -1).some((t) => DATABASE_WORDS.has(t));
}

/** Suffixes of an application's TLS switch: `*_SSL`, `*_ENABLE_SSL`, `*_SSL_ENABLED`, `*_ENCRYPT`. */
const TLS_SWITCH = /(?:^|_)(?:(?:ENABLE|USE)_)?(?:SSL|TLS)(?:_ENABLED?)?$|(?:^|_)ENCRYPT$/;

/** An app's own TLS switch with a database word (`DB_SSL`, `REDIS_TLS`, `DB_ENABLE_SSL`, `DB_ENCRYPT`). */
export function isTlsSwitchName(name: string): boolean {
  return TLS_SWITCH.test(name) && hasDatabaseWord(name);
}

/** An app's sslmode variable (`DATABASE_SSLMODE`, `POSTGRES_SSL_MODE`; a bare `SSL_MODE` too). */
export function isSslmodeName(name: string): boolean {
  if (name === 'SSL_MODE' || name === 'SSLMODE') return true;
  return /_SSL_?MODE$/.test(name) && hasDatabaseWord(name);
}

// ── booleans ─────────────────────────────────────────────────────────────────

/** How env values and URL parameters spell a boolean (`DB_SSL=off`, `Encrypt=no`). */
export const FALSE_WORDS: ReadonlySet<string> = new Set(['false', '0', 'no', 'off']);
/** How an application's TLS switch may be turned off (the boolean words and `disable`). */
export const OFF_WORDS: ReadonlySet<string> = new Set([...FALSE_WORDS, 'disable', 'disabled']);
const TRUE_WORDS: ReadonlySet<string> = new Set(['true', '1', 'yes', 'on']);
/** The opposite word, in the same family (`off` → `on`, `0` → `1`). */
export const BOOLEAN_COUNTERPART: Readonly<Record<string, string>> = {
  false: 'true',
  '0': '1',
  no: 'yes',
  off: 'on',
  true: 'false',
  '1': '0',
  yes: 'no',
  on: 'off',
  disable: 'enable',
  disabled: 'enabled',
};

/** A boolean word (case-insensitive, trimmed), or undefined when the text is not one. */
export function parseBooleanWord(text: string): boolean | undefined {
  const v = text.trim().toLowerCase();
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  return undefined;
}

/**
 * PostgreSQL's `parse_bool`: on/off, true/false, yes/no, 1/0 and unique prefixes of
 * true/false/yes/no (`t`, `fa`, `y`), case-insensitive.
 */
export function parsePostgresBool(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (v === '') return undefined;
  if ('true'.startsWith(v) || 'yes'.startsWith(v) || v === 'on' || v === '1') return true;
  if ('false'.startsWith(v) || 'no'.startsWith(v) || v === 'of' || v === 'off' || v === '0')
    return false;
  return undefined;
}

/** Keeps the case style of `like` (`FALSE` → `TRUE`, `False` → `True`). */
export function matchCase(word: string, like: string): string {
  if (like === like.toUpperCase() && like !== like.toLowerCase()) return word.toUpperCase();
  const first = like[0];
  if (first && first === first.toUpperCase() && first !== first.toLowerCase())
    return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}

// ── sslmode ──────────────────────────────────────────────────────────────────

/** libpq's sslmode values, weakest first (the table of what each means is readers/libpq.ts). */
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

// ── TLS versions ─────────────────────────────────────────────────────────────

/** Protocol versions, weakest first, in Node's spelling. */
const TLS_VERSION_ORDER = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsVersion = (typeof TLS_VERSION_ORDER)[number];

/**
 * A protocol version as libpq, PostgreSQL and Node spell it (`TLSv1`, `TLSv1.0`, `tlsv1.2`),
 * in Node's spelling; undefined for anything else.
 */
export function parseTlsVersion(text: string): TlsVersion | undefined {
  const m = /^\s*tlsv1(?:\.([0-3]))?\s*$/i.exec(text);
  if (!m) return undefined;
  return m[1] === undefined || m[1] === '0' ? 'TLSv1' : (`TLSv1.${m[1]}` as TlsVersion);
}

/** True when `version` is below `minimum`. */
export function isTlsVersionBelow(version: TlsVersion, minimum: TlsVersion): boolean {
  return TLS_VERSION_ORDER.indexOf(version) < TLS_VERSION_ORDER.indexOf(minimum);
}

// ── shell defaults ───────────────────────────────────────────────────────────

export interface ShellDefault {
  /** The variable read: `DB_PASSWORD` in `${DB_PASSWORD:-pw}`. */
  name: string;
  /** `:-`, `-`, `:=` or `=`. */
  operator: string;
  /** The default, as written (it may itself be a `${…}`). */
  fallback: string;
  /** Where the default starts in the text. */
  offset: number;
}

const SHELL_DEFAULT = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-=])([\s\S]*)\}$/;

/**
 * A whole-value `${NAME:-default}` (also `-`, `:=`, `=`), as compose and shells expand it:
 * the default is what runs while NAME is unset. Undefined when the text is not one.
 */
export function parseShellDefault(text: string): ShellDefault | undefined {
  const m = SHELL_DEFAULT.exec(text);
  if (!m) return undefined;
  const name = m[1]!;
  const operator = m[2]!;
  return { name, operator, fallback: m[3]!, offset: 2 + name.length + operator.length };
}
