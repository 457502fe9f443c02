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
  'development',
  'local',
  'test',
  'testing',
  'ci',
]);

/** Words in a file or directory name that say production (anything else is not evidence). */
export const PRODUCTION_WORDS: ReadonlySet<string> = new Set([
  'production',
  'prod',
  'staging',
  'stage',
  'qa',
  'preview',
  'live',
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

/** Classifies an environment *name* (a knexfile key, a `NODE_ENV` value). */
export function classifyEnvironmentName(name: string): 'production' | 'development' {
  return DEVELOPMENT_NAMES.has(name.trim().toLowerCase()) ? 'development' : 'production';
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

/** Option keys that hold a password or a key passphrase in a connection config. */
export const PASSWORD_KEY =
  /^(?:password|pass|passwd|pwd|db_?pass(?:word)?|database_?password|sslpassword|passphrase|tlsCertificateKeyFilePassword)$/i;

/** Environment variables read in code whose literal fallback is a password. */
const PASSWORD_VARIABLE = /PASS(?:WORD)?|PASSWD|PWD/i;
/** Password variables of services that are not databases (POLICY: out of scope). */
const NOT_DATABASE_VARIABLE =
  /^(?:EMAIL|SMTP|MAIL|AWS|S3|SENTRY|RABBIT(?:MQ)?|AMQP|BROKER|LDAP|AUTH_LDAP|DJANGO_SUPERUSER|SUPERUSER|ADMIN|SFTP|FTP|TWILIO|STRIPE|OAUTH|SOCIAL_AUTH)_/i;

export function isPasswordVariable(name: string): boolean {
  return PASSWORD_VARIABLE.test(name) && !NOT_DATABASE_VARIABLE.test(name);
}

// ── booleans ─────────────────────────────────────────────────────────────────

/** How env values and URL parameters spell a boolean (`DB_SSL=off`, `Encrypt=no`). */
export const FALSE_WORDS: ReadonlySet<string> = new Set(['false', '0', 'no', 'off']);
export const TRUE_WORDS: ReadonlySet<string> = new Set(['true', '1', 'yes', 'on']);
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
export const TLS_VERSION_ORDER = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
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
