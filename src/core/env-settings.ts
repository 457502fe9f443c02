/**
 * Environment variable assignments (DRIVERS.md §18), from every env-shaped source: env
 * files, compose `environment`, Kubernetes `env`, Cloud Foundry `env`. Front-ends lower each
 * `NAME=value` into an `EnvAssignment`; the conventions table below says which reader reads
 * each name, and what holds a password. POLICY (environments, loopback, test files,
 * secrets) is applied by the checks.
 */
import { isLoopbackHost, parseConnectionUrl, type ConnectionUrl } from './connection-url.js';
import type { PasswordCandidate } from './credentials.js';
import type { StatedEnvironment } from './environment.js';
import type { Environment, LiteralValue, Range } from './model.js';
import {
  readAppSslmode,
  readHostAuthMethod,
  readRejectUnauthorizedSwitch,
  readTlsSwitch,
  readTrustServerCertificateSwitch,
  readTypeormDriverExtra,
  readTypeormSsl,
} from './readers/app-setting.js';
import { readPgProtocolVersion, readPgsslmode } from './readers/libpq.js';
import { readNodeOptions, readRejectUnauthorizedVariable } from './readers/node-process.js';
import { readPgssl } from './readers/postgresjs.js';
import { ScalarJudgement } from './readers/scalar.js';
import { defaultSemantics, readUrl, type UrlSemantics } from './readers/url.js';
import type { Verdict } from './verdicts.js';
import { hasInterpolation } from './secrets.js';
import {
  classifyEnvironmentName,
  DEVELOPMENT_NAMES,
  ENVIRONMENT_SETTING_NAMES,
  isDatabasePasswordName,
  isSslmodeName,
  isTlsSwitchName,
  parseShellDefault,
  PRODUCTION_WORDS,
  type TlsVersion,
} from './vocabulary.js';

/** One `NAME=value` as written in an env-shaped source. */
export interface EnvAssignment {
  name: string;
  /** The value as the program sees it (quotes removed), with its range in the file. */
  value: LiteralValue;
  nameRange: Range;
  /** Per-entry evidence (a compose service name, an env-map key); else the context's. */
  environment?: Environment;
  /** What states `environment` (`service name \`db-dev\``), for messages. */
  because?: string;
  /** The whole entry (line, list item): what a "remove this line" suggestion deletes. */
  entryRange?: Range;
}

/** Who reads the connection string in a variable, as the project shows it. */
interface UrlConsumer {
  /** How it reads the URL; absent: by the URL's scheme (dj-database-url, SQLAlchemy). */
  semantics?: UrlSemantics;
  driver: string;
}

/** The part of the project facts this module reads. */
export interface UrlConsumerFacts {
  urlConsumers: ReadonlyMap<string, UrlConsumer>;
}

export interface EnvContext {
  environment: Environment;
  project: UrlConsumerFacts;
  /** What holds the assignments, for messages: `env file`, `docker-compose environment`. */
  fileLabel: string;
  minimumTlsVersion: TlsVersion;
  /** The group is one service of a deployment (a compose file). */
  deployment?: {
    /** What a service of the deployment states for all of them. */
    stated: StatedEnvironment | undefined;
    /** Hosts that stay on this host: the file's services (POLICY "Same host"). */
    sameHost: readonly string[];
  };
}

export interface EnvReading {
  verdicts: Verdict[];
  passwords: PasswordCandidate[];
}

// ── names ─────────────────────────────────────────────────────────────────────

/** Conventional names whose value is a connection string (DRIVERS §18). */
const URL_NAMES = new Set([
  'DATABASE_URL',
  'DIRECT_URL',
  'SHADOW_DATABASE_URL',
  'POSTGRES_URL',
  'POSTGRES_URL_NON_POOLING',
  'POSTGRES_PRISMA_URL',
  'POSTGRES_URL_NO_SSL',
  'TYPEORM_URL',
  'MIKRO_ORM_CLIENT_URL',
  'MONGODB_URI',
  'MONGODB_URL',
  'MONGO_URL',
  'MONGO_URI',
  'REDIS_URL',
  'REDIS_TLS_URL',
]);
const URL_SUFFIX = /_(?:URL|URI|DSN)(?:_[A-Z0-9]+)?$/;

/** `DB_SSL_REJECT_UNAUTHORIZED`, `DATABASE_SSL_REJECT_UNAUTHORIZED` (Strapi) and kin. */
const REJECT_UNAUTHORIZED =
  /^(?:[A-Z0-9]+_)*(?:DB|DATABASE|PG|POSTGRES|MYSQL|REDIS|MONGO|MONGODB)_(?:SSL_|TLS_)?REJECT_UNAUTHORIZED$/;
/** SQL Server convention: `DB_TRUST_SERVER_CERTIFICATE=true`. */
const TRUST_SERVER_CERTIFICATE =
  /^(?:[A-Z0-9]+_)*(?:DB|DATABASE|MSSQL|SQLSERVER)_TRUST_SERVER_CERT(?:IFICATE)?$/;
/** Names that make a bare `PASSWORD` a database password (POLICY "Credentials"). */
const DATABASE_KEY =
  /^(?:DB|DATABASE|PG|POSTGRES|MYSQL|MARIADB|MONGO|REDIS|TYPEORM|MIKRO_ORM|MSSQL|SEQUELIZE|KNEX)/;
/** The postgres image's authentication method for the connections it accepts. */
const HOST_AUTH_METHOD = 'POSTGRES_HOST_AUTH_METHOD';
const HOST_NAME =
  /^(?:PGHOST|(?:[A-Z0-9]+_)*(?:DB|DATABASE|PG|POSTGRES|MYSQL|MARIADB|MONGO|MONGODB|REDIS|MSSQL|TYPEORM)_HOST(?:NAME)?)$/;

interface Convention {
  matches(name: string): boolean;
  read(judgement: ScalarJudgement, assignment: EnvAssignment, group: GroupFacts): void;
}

interface GroupFacts {
  /** The group configures TypeORM from the environment (TYPEORM_CONNECTION / TYPEORM_URL). */
  typeorm: boolean;
  minimumTlsVersion: TlsVersion;
}

/** Which reader reads a variable's value, by name, first match wins (DRIVERS §18). */
const CONVENTIONS: readonly Convention[] = [
  {
    matches: (n) => n === 'PGSSLMODE',
    read: (j) => {
      readPgsslmode(j);
    },
  },
  {
    matches: (n) => n === 'PGSSL',
    read: (j) => {
      readPgssl(j);
    },
  },
  {
    matches: (n) => n === 'NODE_TLS_REJECT_UNAUTHORIZED',
    read: (j, a) => {
      readRejectUnauthorizedVariable(j, a.entryRange);
    },
  },
  {
    matches: (n) => n === 'NODE_OPTIONS',
    read: (j) => {
      readNodeOptions(j);
    },
  },
  {
    matches: (n) => n === 'PGSSLMINPROTOCOLVERSION' || n === 'PGSSLMAXPROTOCOLVERSION',
    read: (j, _a, g) => {
      readPgProtocolVersion(j, g.minimumTlsVersion);
    },
  },
  {
    matches: (n) => n === 'TYPEORM_DRIVER_EXTRA',
    read: (j) => {
      readTypeormDriverExtra(j);
    },
  },
  {
    matches: (n) => n === 'TYPEORM_SSL',
    read: (j, _a, g) => {
      if (g.typeorm) readTypeormSsl(j);
    },
  },
  {
    matches: isTlsSwitchName,
    read: (j) => {
      readTlsSwitch(j);
    },
  },
  {
    matches: (n) => REJECT_UNAUTHORIZED.test(n),
    read: (j) => {
      readRejectUnauthorizedSwitch(j);
    },
  },
  {
    matches: (n) => TRUST_SERVER_CERTIFICATE.test(n),
    read: (j) => {
      readTrustServerCertificateSwitch(j);
    },
  },
  {
    matches: isSslmodeName,
    read: (j) => {
      readAppSslmode(j);
    },
  },
  {
    matches: (n) => n === HOST_AUTH_METHOD,
    read: (j) => {
      readHostAuthMethod(j);
    },
  },
];

// ── values ────────────────────────────────────────────────────────────────────

interface Effective {
  literal: LiteralValue;
  text: string;
  /** `${NAME:-default}`: the default is what runs while the variable is unset. */
  fallbackOf?: string;
  /** The value interpolates another variable (`$X`, `${X}`): not statically known. */
  interpolated: boolean;
}

/** `${X}` or `$X` anywhere; `${…}` scanned by hand (linear on a run of `${`). */
const isInterpolated = (text: string) => hasInterpolation(text) || /\$[A-Za-z_]/.test(text);

/** The value as it runs: a whole-value `${X:-default}` is judged by its default. */
function effectiveValue(literal: LiteralValue, depth = 0): Effective {
  const text = typeof literal.value === 'string' ? literal.value : String(literal.value ?? '');
  const m = depth < 4 ? parseShellDefault(text) : undefined;
  if (m) {
    const inner = m.fallback;
    const exact = literal.verbatim === true && literal.contentStart !== undefined;
    const start = exact ? literal.contentStart! + m.offset : 0;
    const sub: LiteralValue = {
      kind: 'literal',
      value: inner,
      range: exact ? [start, start + inner.length] : literal.range,
      ...(exact ? { contentStart: start, verbatim: true } : {}),
      fromEnv: { name: m.name, how: 'fallback' },
    };
    const nested = effectiveValue(sub, depth + 1);
    return { ...nested, fallbackOf: nested.fallbackOf ?? m.name };
  }
  return { literal, text, interpolated: isInterpolated(text) };
}

// ── reading ───────────────────────────────────────────────────────────────────

/** One group of assignments (an env file, a compose service, a container): evidence stays inside it. */
export function readEnvAssignments(
  assignments: readonly EnvAssignment[],
  context: EnvContext,
): EnvReading {
  const out: EnvReading = { verdicts: [], passwords: [] };
  const values = new Map<string, Effective>();
  for (const a of assignments) values.set(a.name, effectiveValue(a.value));
  const known = (name: string): string | undefined => {
    const v = values.get(name);
    return v && !v.interpolated ? v.text.trim() : undefined;
  };

  // The group's database hosts: all loopback (or, in a compose file, services of the same
  // file: POLICY "Same host") → the settings only reach this machine.
  const sameHost = new Set(context.deployment?.sameHost.map((h) => h.toLowerCase()));
  const staysHere = (h: string) => isLoopbackHost(h) || sameHost.has(h.toLowerCase());
  const hosts = assignments.filter((a) => HOST_NAME.test(a.name)).map((a) => known(a.name));
  const everyHost = (test: (host: string) => boolean) =>
    hosts.length > 0 && hosts.every((h) => h !== undefined && h !== '' && test(h));
  const loopback = everyHost(staysHere);
  // A service of the same compose file is loopback for the transport rules only, not for
  // credentials (POLICY "Same host"): its password is the server's, on a shared network.
  const passwordLoopback = everyHost(isLoopbackHost);
  // Where these settings run: in a compose file the service's own words, then the file's
  // (one deployment), then the path; in an env file the path, then NODE_ENV=… in it.
  const own = statedByGroup(assignments, known);
  const inService = own && {
    environment: own.environment,
    because: `${own.because} in this ${context.deployment ? 'service' : 'file'}`,
  };
  const path: StatedEnvironment | undefined =
    context.environment === 'unknown' ? undefined : { environment: context.environment };
  const stated: StatedEnvironment | undefined = context.deployment
    ? (inService ?? context.deployment.stated ?? path)
    : (path ?? inService);
  const hasDatabaseKeys = assignments.some(
    (a) => DATABASE_KEY.test(a.name) || URL_NAMES.has(a.name),
  );
  const group: GroupFacts = {
    typeorm: values.has('TYPEORM_CONNECTION') || values.has('TYPEORM_URL'),
    minimumTlsVersion: context.minimumTlsVersion,
  };

  for (const a of assignments) {
    const environment = a.environment ?? stated?.environment ?? context.environment;
    const because = a.environment ? a.because : stated?.because;
    const effective = effectiveValue(a.value);
    const where = { environment, ...(because ? { because } : {}) };
    readTls(a, effective, { ...where, loopback, staysHere, group, context, out });
    collectPasswords(out, a, effective, {
      ...where,
      loopback: passwordLoopback,
      hasDatabaseKeys,
      context,
      known,
    });
  }
  return out;
}

/**
 * The environment a group names (POLICY "Environments" 3): `NODE_ENV`, `RAILS_ENV`,
 * `APP_ENV`, `ENVIRONMENT`, `FLASK_ENV`… (also with a leading `_`, `_APP_ENV`), or a
 * `DJANGO_SETTINGS_MODULE` ending in one.
 */
export function statedByGroup(
  assignments: readonly EnvAssignment[],
  known: (name: string) => string | undefined = (name) => {
    const a = assignments.findLast((x) => x.name === name);
    const v = a && effectiveValue(a.value);
    return v && !v.interpolated ? v.text.trim() : undefined;
  },
): { environment: Environment; because: string } | undefined {
  const shown = (v: string) => (v.length > 24 ? `${v.slice(0, 23)}…` : v);
  for (const setting of ENVIRONMENT_SETTING_NAMES)
    // Appwrite's convention prefixes its own settings with `_` (`_APP_ENV`).
    for (const name of [setting, `_${setting}`]) {
      const v = known(name);
      if (v) return { environment: classifyEnvironmentName(v), because: `\`${name}=${shown(v)}\`` };
    }
  const module = known('DJANGO_SETTINGS_MODULE');
  const last = module?.split('.').at(-1)?.toLowerCase();
  for (const word of last?.split(/[-_]/) ?? []) {
    if (DEVELOPMENT_NAMES.has(word) || PRODUCTION_WORDS.has(word))
      return {
        environment: classifyEnvironmentName(word),
        because: `\`DJANGO_SETTINGS_MODULE=${shown(module!)}\``,
      };
  }
  return undefined;
}

interface AssignmentContext {
  environment: Environment;
  because?: string;
  loopback: boolean;
  /** A host that stays on this machine (loopback, or a service of the same compose file). */
  staysHere: (host: string) => boolean;
  group: GroupFacts;
  context: EnvContext;
  out: EnvReading;
}

function readTls(a: EnvAssignment, effective: Effective, at: AssignmentContext): void {
  const raw = effective.text;
  const v = raw.trim();
  if (effective.interpolated && !parsesAsUrl(raw)) return; // `${OTHER}`: not statically known
  if (v === '') return;
  const judgement = new ScalarJudgement(
    a.name,
    effective.literal,
    v,
    {
      environment: at.environment,
      ...(at.because ? { because: at.because } : {}),
      explicit: false,
      literal: true,
      loopback: at.loopback,
    },
    at.out.verdicts,
  );
  const convention = CONVENTIONS.find((c) => c.matches(a.name));
  if (convention) {
    convention.read(judgement, a, at.group);
    return;
  }
  // Connection strings: conventional names, `*_URL` / `*_URI` / `*_DSN`, and any value
  // that is a database URL.
  const urlNamed = URL_NAMES.has(a.name) || URL_SUFFIX.test(a.name);
  const url = parseConnectionUrl(raw);
  if (!url || (!urlNamed && url.format !== 'url' && url.format !== 'jdbc')) return;
  readUrlVariable(a.name, url, effective, at);
}

function parsesAsUrl(raw: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.:-]*:\/\//.test(raw.trim());
}

/** Who reads a URL no consumer in the project claims, by its scheme (`defaultSemantics`). */
const READER_OF_FAMILY: Readonly<Record<string, string>> = {
  postgres: 'libpq',
  mongodb: 'MongoDB',
  redis: 'Redis',
  mssql: 'SQL Server',
  mysql: 'MySQL',
};

/** A connection string, judged by the consumer the project shows (DRIVERS §1), else by scheme. */
function readUrlVariable(
  name: string,
  url: ConnectionUrl,
  effective: Effective,
  at: AssignmentContext,
): void {
  const consumer = at.context.project.urlConsumers.get(name) ?? conventionalConsumer(name, url);
  const semantics = consumer?.semantics ?? defaultSemantics(url);
  if (!semantics) return;
  const driver = consumer
    ? `${consumer.driver} (${name})`
    : `${name} (read as ${READER_OF_FAMILY[url.family] ?? 'libpq'})`;
  const read = readUrl(semantics, {
    literal: effective.literal,
    url,
    environment: at.environment,
    explicit: false,
    driver,
    optionMayEnableTls: false,
  });
  // A URL to a service of the same compose file stays on this host (POLICY "Same host").
  const staysHere = url.hosts.length > 0 && url.hosts.every(at.staysHere);
  for (const v of read.verdicts)
    at.out.verdicts.push({
      ...v,
      ...(at.because ? { because: at.because } : {}),
      setting: name,
      loopback: v.loopback || at.loopback || staysHere,
    });
}

/** Variables a library reads itself (DRIVERS §18 "Read by a library itself"). */
function conventionalConsumer(name: string, url: ConnectionUrl): UrlConsumer | undefined {
  if (name === 'TYPEORM_URL') {
    if (url.family === 'postgres') return { semantics: 'pg', driver: 'TypeORM (postgres)' };
    if (url.family === 'mysql') return { semantics: 'ignored', driver: 'TypeORM (mysql)' };
  }
  return undefined;
}

// ── passwords ─────────────────────────────────────────────────────────────────

interface PasswordContext {
  environment: Environment;
  because?: string;
  loopback: boolean;
  hasDatabaseKeys: boolean;
  context: EnvContext;
  known: (name: string) => string | undefined;
}

function collectPasswords(
  out: EnvReading,
  a: EnvAssignment,
  effective: Effective,
  at: PasswordContext,
): void {
  const isPassword =
    isDatabasePasswordName(a.name) || (a.name === 'PASSWORD' && at.hasDatabaseKeys);
  if (isPassword) {
    const user = userFor(a.name, at.known);
    out.passwords.push({
      secret: effective.text,
      range: effective.literal.range,
      holder: effective.fallbackOf
        ? { kind: 'shell-default', name: effective.fallbackOf }
        : { kind: 'variable', name: a.name },
      driver: at.context.fileLabel,
      environment: at.environment,
      ...(at.because ? { because: at.because } : {}),
      loopback: at.loopback,
      inComment: false,
      envName: a.name,
      ...(user ? { user } : {}),
    });
    return;
  }
  // URL userinfo and password parameters in any value that is a connection string.
  const raw = typeof a.value.value === 'string' ? a.value.value : '';
  if (!raw.includes('://') && !raw.includes('=')) return;
  const url = parseConnectionUrl(effective.text);
  if (!url || (url.format === 'keyword' && !URL_NAMES.has(a.name) && !URL_SUFFIX.test(a.name)))
    return;
  const urlLoopback = url.hosts.length > 0 && url.hosts.every(isLoopbackHost);
  const literal = effective.literal;
  for (const c of url.credentials) {
    // `redis://:${REDIS_PASSWORD:-pw}@cache`: the password is the default, named as such.
    const shell = parseShellDefault(c.value);
    const start = c.start + (shell?.offset ?? 0);
    const end = shell ? start + shell.fallback.length : c.end;
    out.passwords.push({
      secret: shell?.fallback ?? c.value,
      range:
        // (the default's offsets hold only where the URL spells the value as decoded)
        literal.verbatim &&
        literal.contentStart !== undefined &&
        (!shell || c.end - c.start === c.value.length)
          ? [literal.contentStart + start, literal.contentStart + end]
          : literal.range,
      holder: shell
        ? { kind: 'shell-default', name: shell.name }
        : { kind: 'url-variable', name: a.name },
      driver: at.context.fileLabel,
      environment: at.environment,
      ...(at.because ? { because: at.because } : {}),
      loopback: urlLoopback,
      inComment: false,
      envName: a.name,
      ...(url.user ? { user: url.user } : {}),
    });
  }
}

/** The user of the same credential, for "password equal to the user name". */
function userFor(name: string, known: (name: string) => string | undefined): string | undefined {
  if (name === 'PGPASSWORD') return known('PGUSER');
  if (name === 'MYSQL_ROOT_PASSWORD' || name === 'MARIADB_ROOT_PASSWORD') return 'root';
  if (name === 'MSSQL_SA_PASSWORD' || name === 'SA_PASSWORD') return 'sa';
  if (name === 'PASSWORD') return known('USER') ?? known('USERNAME');
  const prefix = name.replace(/_(?:PASSWORD|PASS|PWD)$/, '');
  const user = known(`${prefix}_USER`) ?? known(`${prefix}_USERNAME`);
  if (user) return user;
  if (prefix === 'POSTGRES') return 'postgres'; // the postgres image's default superuser
  return undefined;
}
