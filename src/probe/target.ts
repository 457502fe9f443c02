/**
 * Which server to probe, as whom, and with which password: from a URL, an environment
 * variable holding a URL, an env file, or `--host` options, with libpq's environment
 * variables as fallbacks. A password is never taken from a command-line argument (it
 * would show in `ps` and shell history): only from the environment, an env file, or the
 * prompt.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseDotenv } from '../frontends/dotenv/index.js';

export class TargetError extends Error {}

export interface TargetInput {
  /** The positional URL (must not carry a password). */
  url?: string;
  /** Name of an environment variable that holds the URL (it may carry a password). */
  urlEnv?: string;
  envFile?: string;
  host?: string;
  port?: string;
  user?: string;
  dbname?: string;
}

export interface ResolvedTarget {
  host: string;
  port: number;
  user: string;
  database: string;
  password: string | undefined;
  /** CA file named by the configuration itself (`sslrootcert`, `PGSSLROOTCERT`). */
  caFile: string | undefined;
}

const DEFAULT_PORT = 5432;
const SCHEMES = new Set(['postgres:', 'postgresql:']);
/** Env-file keys holding a PostgreSQL URL, in the order they are tried. */
const URL_KEYS = [
  'DATABASE_URL',
  'POSTGRES_URL',
  'POSTGRESQL_URL',
  'PG_URL',
  'DB_URL',
  'POSTGRES_URL_NON_POOLING',
  'DIRECT_URL',
  'TYPEORM_URL',
];
/** Env-file key families for host, port, user, database and password, in the order tried. */
const KEY_FAMILIES = [
  {
    host: 'PGHOST',
    port: 'PGPORT',
    user: ['PGUSER'],
    db: ['PGDATABASE'],
    password: ['PGPASSWORD'],
  },
  ...['DB', 'DATABASE', 'POSTGRES'].map((prefix) => ({
    host: `${prefix}_HOST`,
    port: `${prefix}_PORT`,
    user: [`${prefix}_USER`, `${prefix}_USERNAME`],
    db: [`${prefix}_NAME`, `${prefix}_DATABASE`, `${prefix}_DB`],
    password: [`${prefix}_PASSWORD`, `${prefix}_PASS`],
  })),
];

export function resolveTarget(
  input: TargetInput,
  env: NodeJS.ProcessEnv,
  cwd: string,
): ResolvedTarget {
  const sources = [input.url, input.urlEnv, input.envFile, input.host].filter(
    (s) => s !== undefined,
  );
  if (sources.length === 0)
    throw new TargetError('name a server: a URL, --url-env NAME, --env-file FILE or --host HOST');
  if (sources.length > 1)
    throw new TargetError('give only one of a URL, --url-env, --env-file and --host');

  let parts: Partial<ResolvedTarget>;
  if (input.url !== undefined) {
    parts = fromUrl(input.url, 'the URL');
    if (parts.password !== undefined)
      throw new TargetError(
        'the URL on the command line carries a password; put it in PGPASSWORD, or the whole URL in an environment variable and pass --url-env NAME',
      );
  } else if (input.urlEnv !== undefined) {
    const value = env[input.urlEnv];
    if (!value) throw new TargetError(`the environment variable ${input.urlEnv} is not set`);
    parts = fromUrl(value, `the URL in ${input.urlEnv}`);
  } else if (input.envFile !== undefined) {
    parts = fromEnvFile(input.envFile, cwd);
  } else {
    parts = { host: input.host };
  }
  // Command-line options name the account; they never carry a password.
  if (input.port !== undefined) parts.port = parsePort(input.port, '--port');
  if (input.user !== undefined) parts.user = input.user;
  if (input.dbname !== undefined) parts.database = input.dbname;

  const host = parts.host || env.PGHOST;
  if (!host) throw new TargetError('no host: the configuration names none and PGHOST is not set');
  if (host.startsWith('/'))
    throw new TargetError('the host is a Unix socket directory: the probe checks TCP servers only');
  const user = parts.user || env.PGUSER || userInfo().username;
  return {
    host,
    port: parts.port ?? (env.PGPORT ? parsePort(env.PGPORT, 'PGPORT') : DEFAULT_PORT),
    user,
    database: parts.database || env.PGDATABASE || user,
    password: parts.password ?? (env.PGPASSWORD || undefined),
    caFile: parts.caFile ?? (env.PGSSLROOTCERT || undefined),
  };
}

/** Never echoes the URL: it may hold a password. */
function fromUrl(text: string, what: string): Partial<ResolvedTarget> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TargetError(`${what} is not a valid URL`);
  }
  if (!SCHEMES.has(url.protocol))
    throw new TargetError(`${what} is not a postgres:// or postgresql:// URL`);
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new TargetError(`${what} has an invalid percent-encoding`);
    }
  };
  const host = decode(url.hostname).replace(/^\[(.*)\]$/, '$1');
  if (host.includes(','))
    throw new TargetError(`${what} names several hosts; probe them one at a time`);
  const sslrootcert = url.searchParams.get('sslrootcert');
  return {
    host: host || url.searchParams.get('host') || undefined,
    port: url.port ? parsePort(url.port, what) : undefined,
    user: url.username ? decode(url.username) : url.searchParams.get('user') || undefined,
    database:
      decode(url.pathname.replace(/^\//, '')) || url.searchParams.get('dbname') || undefined,
    password: url.password ? decode(url.password) : (url.searchParams.get('password') ?? undefined),
    caFile: sslrootcert && sslrootcert !== 'system' ? sslrootcert : undefined,
  };
}

function fromEnvFile(file: string, cwd: string): Partial<ResolvedTarget> {
  let text: string;
  try {
    text = readFileSync(file.startsWith('/') ? file : `${cwd}/${file}`, 'utf8');
  } catch (error) {
    throw new TargetError(
      `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const values = new Map<string, string>();
  for (const a of parseDotenv(text.replace(/^\uFEFF/, '')).assignments)
    if (typeof a.value.value === 'string') values.set(a.name, a.value.value);
  const literal = (key: string) => {
    const value = values.get(key);
    // dotenv-expand style references are resolved by the app's loader, not here.
    if (value !== undefined && /\$\{?[A-Za-z_]/.test(value))
      throw new TargetError(
        `${key} in ${file} refers to another variable; probe with --host instead`,
      );
    return value || undefined;
  };
  const first = (keys: readonly string[]) => keys.map(literal).find((v) => v !== undefined);

  const urlKey = URL_KEYS.find((key) => {
    const value = values.get(key);
    return value !== undefined && /^postgres(?:ql)?:\/\//.test(value);
  });
  if (urlKey) return fromUrl(literal(urlKey)!, `${urlKey} in ${file}`);
  const family = KEY_FAMILIES.find((f) => literal(f.host) !== undefined);
  if (!family)
    throw new TargetError(
      `${file} has no DATABASE_URL, PGHOST, DB_HOST, DATABASE_HOST or POSTGRES_HOST`,
    );
  const port = literal(family.port);
  return {
    host: literal(family.host),
    port: port ? parsePort(port, `${family.port} in ${file}`) : undefined,
    user: first(family.user),
    database: first(family.db),
    password: first(family.password),
    caFile: literal('PGSSLROOTCERT'),
  };
}

function parsePort(text: string, what: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535)
    throw new TargetError(`${what}: the port must be a number from 1 to 65535`);
  return port;
}
