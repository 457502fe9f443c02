/**
 * Driver facts for environment variable assignments (DRIVERS.md §18), shared by every
 * env-shaped source: env files, compose `environment`, Kubernetes `env`, Cloud Foundry
 * `env`. Front-ends lower each `NAME=value` into an `EnvAssignment`; this module knows what
 * each name means to the library or convention that reads it, and produces observations
 * and password candidates. POLICY (environments, loopback, test files, secrets) is applied
 * later by `runChecks`.
 */
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { weakCipherTokens } from './assess-tls-options.js';
import { assessUrl, defaultSemantics, type UrlSemantics } from './assess-url.js';
import { isLoopbackHost, parseConnectionUrl, type ConnectionUrl } from './connection-url.js';
import type { PasswordCandidate } from './credentials.js';
import { classifyEnvironmentName, parseShellDefault } from './vocabulary.js';
import { editInsideLiteral } from './fixes.js';
import type { Environment, FixIntent, LiteralValue, Range } from './model.js';
import type { Observation, ObservationKind } from './observations.js';
import {
  parseMysqlSslMode,
  parseSslmode,
  weakSslmodeProblem,
  type SslmodeValue,
} from './sslmode.js';

/** One `NAME=value` as written in an env-shaped source. */
export interface EnvAssignment {
  name: string;
  /** The value as the program sees it (quotes removed), with its range in the file. */
  value: LiteralValue;
  nameRange: Range;
  /** Per-entry evidence (a compose service name, an env-map key); else the context's. */
  environment?: Environment;
  /** The whole entry (line, list item): what a "remove this line" suggestion deletes. */
  entryRange?: Range;
}

/** The part of ProjectFacts this module reads (see frontends/types.ts). */
export interface UrlConsumerFacts {
  urlConsumers: ReadonlyMap<string, { semantics: UrlSemantics; driver: string }>;
}

export interface EnvContext {
  environment: Environment;
  project: UrlConsumerFacts;
  /** What holds the assignments, for messages: `env file`, `docker-compose environment`. */
  fileLabel: string;
}

export interface EnvAssessment {
  observations: Observation[];
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

/** App-convention TLS switches: `false` / `0` / `no` / `off` turn TLS off. */
const TLS_SWITCHES = new Set([
  'DB_SSL',
  'DATABASE_SSL',
  'POSTGRES_SSL',
  'PG_SSL',
  'MYSQL_SSL',
  'REDIS_TLS',
  'CUBEJS_DB_SSL',
  'DB_TLS',
  'DATABASE_TLS',
  'MONGODB_TLS',
  'MONGO_TLS',
  'DB_ENCRYPT',
  'MSSQL_ENCRYPT',
]);
/** `DB_SSL_REJECT_UNAUTHORIZED`, `DATABASE_SSL_REJECT_UNAUTHORIZED` (Strapi) and kin. */
const REJECT_UNAUTHORIZED =
  /^(?:[A-Z0-9]+_)*(?:DB|DATABASE|PG|POSTGRES|MYSQL|REDIS|MONGO|MONGODB)_(?:SSL_|TLS_)?REJECT_UNAUTHORIZED$/;
/** SQL Server convention: `DB_TRUST_SERVER_CERTIFICATE=true`. */
const TRUST_SERVER_CERTIFICATE =
  /^(?:[A-Z0-9]+_)*(?:DB|DATABASE|MSSQL|SQLSERVER)_TRUST_SERVER_CERT(?:IFICATE)?$/;
/** App-convention sslmode variables: libpq or MySQL spellings. */
const SSLMODE_NAMES = /^(?:DB|DATABASE|POSTGRES|PG|MYSQL)_SSL_?MODE$/;

const PASSWORD_NAME =
  /^(?:PGPASSWORD|(?:[A-Z0-9]+_)*(?:DB|DATABASE|PG|POSTGRES|POSTGRESQL|MYSQL|MYSQL_ROOT|MARIADB|MARIADB_ROOT|MONGO|MONGODB|MONGO_INITDB_ROOT|MSSQL_SA|MSSQL|SA|REDIS|TYPEORM|MIKRO_ORM|SEQUELIZE|KNEX|CUBEJS_DB)_(?:PASSWORD|PASS|PWD))$/;
/** Names that make a bare `PASSWORD` a database password (POLICY "Credentials"). */
const DATABASE_KEY =
  /^(?:DB|DATABASE|PG|POSTGRES|MYSQL|MARIADB|MONGO|REDIS|TYPEORM|MIKRO_ORM|MSSQL|SEQUELIZE|KNEX)/;
const HOST_NAME =
  /^(?:PGHOST|(?:[A-Z0-9]+_)*(?:DB|DATABASE|PG|POSTGRES|MYSQL|MARIADB|MONGO|MONGODB|REDIS|MSSQL|TYPEORM)_HOST(?:NAME)?)$/;
const ENVIRONMENT_NAMES = [
  'NODE_ENV',
  'APP_ENV',
  'ENVIRONMENT',
  'RAILS_ENV',
  'RACK_ENV',
  'FLASK_ENV',
  'DJANGO_ENV',
];

const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);
const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const COUNTERPART: Record<string, string> = { false: 'true', '0': '1', no: 'yes', off: 'on' };

/** True when `name` is a variable this module reads (front-ends use it as a cheap gate). */
export function isDatabaseEnvName(name: string): boolean {
  return (
    URL_NAMES.has(name) ||
    URL_SUFFIX.test(name) ||
    TLS_SWITCHES.has(name) ||
    REJECT_UNAUTHORIZED.test(name) ||
    SSLMODE_NAMES.test(name) ||
    PASSWORD_NAME.test(name) ||
    DATABASE_KEY.test(name) ||
    /^(?:PGSSL|NODE_TLS|NODE_OPTIONS|TYPEORM_|PASSWORD$)/.test(name)
  );
}

// ── values ────────────────────────────────────────────────────────────────────

interface Effective {
  literal: LiteralValue;
  text: string;
  /** `${NAME:-default}`: the default is what runs while the variable is unset. */
  fallbackOf?: string;
  /** The value interpolates another variable (`$X`, `${X}`): not statically known. */
  interpolated: boolean;
}

const INTERPOLATION = /\$\{[^}]*\}|\$[A-Za-z_]/;

/** The value as it runs: a whole-value `${X:-default}` is judged by its default. */
export function effectiveValue(literal: LiteralValue, depth = 0): Effective {
  const text = typeof literal.value === 'string' ? literal.value : String(literal.value ?? '');
  const m = depth < 4 ? parseShellDefault(text) : undefined;
  if (m) {
    const offset = m.offset;
    const inner = m.fallback;
    const exact = literal.verbatim === true && literal.contentStart !== undefined;
    const sub: LiteralValue = {
      kind: 'literal',
      value: inner,
      range: exact
        ? [literal.contentStart! + offset, literal.contentStart! + offset + inner.length]
        : literal.range,
      ...(exact ? { contentStart: literal.contentStart! + offset, verbatim: true } : {}),
      fromEnv: { name: m.name, how: 'fallback' },
    };
    const nested = effectiveValue(sub, depth + 1);
    return { ...nested, fallbackOf: nested.fallbackOf ?? m.name };
  }
  return { literal, text, interpolated: INTERPOLATION.test(text) };
}

// ── assessment ────────────────────────────────────────────────────────────────

export function assessEnvAssignments(
  assignments: readonly EnvAssignment[],
  context: EnvContext,
): EnvAssessment {
  const out: EnvAssessment = { observations: [], passwords: [] };
  const values = new Map<string, Effective>();
  for (const a of assignments) values.set(a.name, effectiveValue(a.value));
  const known = (name: string): string | undefined => {
    const v = values.get(name);
    return v && !v.interpolated ? v.text.trim() : undefined;
  };

  // The group's database hosts: all loopback → the settings only reach this machine.
  const hosts = assignments.filter((a) => HOST_NAME.test(a.name)).map((a) => known(a.name));
  const groupLoopback =
    hosts.length > 0 && hosts.every((h) => h !== undefined && h !== '' && isLoopbackHost(h));
  // NODE_ENV=development in the same group states where these settings run.
  let groupEnvironment: Environment | undefined;
  for (const name of ENVIRONMENT_NAMES) {
    const v = known(name);
    if (v) {
      groupEnvironment = classifyEnvironmentName(v);
      break;
    }
  }
  const hasDatabaseKeys = assignments.some(
    (a) => DATABASE_KEY.test(a.name) || URL_NAMES.has(a.name),
  );
  const typeormEnv = values.has('TYPEORM_CONNECTION') || values.has('TYPEORM_URL');

  for (const a of assignments) {
    const environment =
      a.environment ??
      (context.environment === 'unknown' && groupEnvironment
        ? groupEnvironment
        : context.environment);
    const effective = effectiveValue(a.value);
    const judge = new Judge(out, a, effective, environment, groupLoopback);
    judgeTls(judge, a.name, effective, context, typeormEnv);
    collectPasswords(
      out,
      a,
      effective,
      environment,
      groupLoopback,
      hasDatabaseKeys,
      context,
      known,
    );
  }
  // POLICY "Fixes": a fix never touches a development site.
  for (const o of out.observations) if (o.environment === 'development') o.fixes = [];
  return out;
}

class Judge {
  constructor(
    readonly out: EnvAssessment,
    readonly assignment: EnvAssignment,
    readonly effective: Effective,
    readonly environment: Environment,
    readonly loopback: boolean,
  ) {}

  observe(
    kind: ObservationKind,
    driver: string,
    problem: string,
    secure: string,
    extra: Partial<Observation> = {},
  ): void {
    this.out.observations.push({
      kind,
      range: this.effective.literal.range,
      environment: this.environment,
      explicit: false,
      literal: true,
      loopback: this.loopback,
      driver,
      problem,
      secure,
      fixes: [],
      ...extra,
    });
  }

  /** Replace the whole (effective) value: `PGSSLMODE=require` → `verify-full`. */
  replace(text: string, description: string, safe: boolean): FixIntent[] {
    const literal = this.effective.literal;
    const edit = editInsideLiteral(literal, 0, this.effective.text.length, text);
    return edit && this.effective.text !== text ? [{ description, edits: [edit], safe }] : [];
  }

  /** A range inside the effective value, when its characters map 1:1. */
  sub(start: number, end: number): Range {
    const l = this.effective.literal;
    return l.verbatim && l.contentStart !== undefined
      ? [l.contentStart + start, l.contentStart + end]
      : l.range;
  }
}

function judgeTls(
  judge: Judge,
  name: string,
  effective: Effective,
  context: EnvContext,
  typeormEnv: boolean,
): void {
  const raw = effective.text;
  const v = raw.trim();
  if (effective.interpolated && !parsesAsUrl(raw)) return; // `${OTHER}`: not statically known
  if (v === '') return;
  const lower = v.toLowerCase();

  if (name === 'PGSSLMODE') return judgePgsslmode(judge, v);
  if (name === 'PGSSL') {
    // postgres.js reads PGSSL as a raw string: only its own mode names weaken TLS (DRIVERS §7).
    const driver = 'postgres.js (PGSSL)';
    const fixes = judge.replace('verify-full', 'Set PGSSL to verify-full', true);
    if (v === 'require' || v === 'allow')
      judge.observe(
        'weak-sslmode',
        driver,
        `PGSSL=${v} makes postgres.js encrypt without verifying the server certificate`,
        'PGSSL=verify-full',
        { sslmode: 'require', fixes },
      );
    else if (v === 'prefer')
      judge.observe(
        'weak-sslmode',
        driver,
        'PGSSL=prefer makes postgres.js fall back to plaintext and skip certificate verification',
        'PGSSL=verify-full',
        { sslmode: 'prefer', fixes },
      );
    return;
  }
  if (name === 'NODE_TLS_REJECT_UNAUTHORIZED') {
    // Node compares with the exact string '0' (lib/_tls_wrap.js).
    if (raw !== '0') return;
    const entry = judge.assignment.entryRange;
    judge.observe(
      'verification-disabled',
      '',
      'NODE_TLS_REJECT_UNAUTHORIZED=0 turns certificate verification off for every TLS connection of the process',
      'no NODE_TLS_REJECT_UNAUTHORIZED override (pass a `ca` for private CAs)',
      {
        // Removing the line changes behaviour (connections to self-signed servers start failing): a suggestion only.
        fixes: entry
          ? [
              {
                description: 'Remove NODE_TLS_REJECT_UNAUTHORIZED (configure a CA instead)',
                edits: [{ range: entry, text: '' }],
                safe: false,
              },
            ]
          : [],
      },
    );
    return;
  }
  if (name === 'NODE_OPTIONS') return judgeNodeOptions(judge, raw);
  if (name === 'PGSSLMINPROTOCOLVERSION' || name === 'PGSSLMAXPROTOCOLVERSION') {
    const version = /^TLSv1(?:\.[0-3])?$/.exec(v)?.[0];
    if (!version) return;
    const isMin = name === 'PGSSLMINPROTOCOLVERSION';
    if (isMin && (version === 'TLSv1.2' || version === 'TLSv1.3')) return;
    if (!isMin && version === 'TLSv1.3') return;
    const normalized = version === 'TLSv1.0' ? 'TLSv1' : version;
    judge.observe(
      'weak-tls-version',
      'libpq',
      `${name}=${v} ${isMin ? 'allows' : 'forces'} ${normalized}`,
      isMin ? 'PGSSLMINPROTOCOLVERSION=TLSv1.2' : 'no PGSSLMAXPROTOCOLVERSION (or TLSv1.3)',
      {
        tlsVersion: normalized,
        fixes: isMin
          ? judge.replace('TLSv1.2', 'Set PGSSLMINPROTOCOLVERSION to TLSv1.2', true)
          : [],
      },
    );
    return;
  }
  if (TLS_SWITCHES.has(name)) {
    if (!FALSE_WORDS.has(lower)) return;
    judge.observe(
      'tls-off',
      'app setting',
      `\`${name}=${v}\` turns the application's database TLS off`,
      `${name}=true (with certificate verification)`,
      {
        // The meaning of an app switch is the app's: a suggestion, not an unattended change.
        fixes: judge.replace(
          matchCase(COUNTERPART[lower]!, v),
          `Set ${name} to ${matchCase(COUNTERPART[lower]!, v)}`,
          false,
        ),
      },
    );
    return;
  }
  if (REJECT_UNAUTHORIZED.test(name)) {
    if (!FALSE_WORDS.has(lower)) return;
    judge.observe(
      'verification-disabled',
      'app setting',
      `\`${name}=${v}\` turns server certificate verification off`,
      `${name}=true`,
      {
        fixes: judge.replace(
          matchCase(COUNTERPART[lower]!, v),
          `Set ${name} to ${matchCase(COUNTERPART[lower]!, v)}`,
          true,
        ),
      },
    );
    return;
  }
  if (TRUST_SERVER_CERTIFICATE.test(name)) {
    if (!TRUE_WORDS.has(lower)) return;
    judge.observe(
      'verification-disabled',
      'app setting',
      `\`${name}=${v}\` accepts any SQL Server certificate`,
      `${name}=false`,
    );
    return;
  }
  if (SSLMODE_NAMES.test(name)) return judgeAppSslmode(judge, name, v);
  if (name === 'TYPEORM_DRIVER_EXTRA') return judgeTypeormExtra(judge, raw);
  if (name === 'TYPEORM_SSL') {
    if (typeormEnv)
      judge.observe(
        'tls-ignored',
        'TypeORM',
        'TypeORM has no TYPEORM_SSL variable, so this setting is ignored',
        'TYPEORM_DRIVER_EXTRA={"ssl":{"rejectUnauthorized":true}}',
      );
    return;
  }
  // Connection strings: conventional names, `*_URL` / `*_URI` / `*_DSN`, and any value
  // that is a database URL.
  const urlNamed = URL_NAMES.has(name) || URL_SUFFIX.test(name);
  const url = parseConnectionUrl(raw);
  if (!url || (!urlNamed && url.format !== 'url' && url.format !== 'jdbc')) return;
  judgeUrl(judge, name, url, context);
}

function parsesAsUrl(raw: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.:-]*:\/\//.test(raw.trim());
}

function judgePgsslmode(judge: Judge, v: string): void {
  const driver = 'libpq and node-postgres (PGSSLMODE)';
  const secure = 'PGSSLMODE=verify-full';
  const fixes = judge.replace('verify-full', 'Set PGSSLMODE to verify-full', true);
  const mode = parseSslmode(v);
  // libpq is case-sensitive; node-postgres matches exact spellings and ignores the rest.
  if (mode === undefined || mode !== v) {
    judge.observe(
      'invalid-tls-value',
      driver,
      `PGSSLMODE=${v} is not a valid sslmode: libpq refuses to connect, and node-postgres ignores it and connects without TLS`,
      secure,
      { fixes },
    );
    return;
  }
  switch (mode) {
    case 'verify-full':
      return;
    case 'disable':
      return judge.observe('tls-off', driver, 'PGSSLMODE=disable turns TLS off', secure, { fixes });
    case 'no-verify':
      return judge.observe(
        'verification-disabled',
        driver,
        'PGSSLMODE=no-verify makes node-postgres skip certificate verification (libpq rejects the value)',
        secure,
        { sslmode: 'no-verify', fixes },
      );
    case 'allow':
      return judge.observe(
        'weak-sslmode',
        driver,
        'PGSSLMODE=allow tries plaintext first (node-postgres ignores it and connects without TLS)',
        secure,
        { sslmode: 'allow', fixes },
      );
    default:
      return judge.observe(
        'weak-sslmode',
        driver,
        `${weakSslmodeProblem(mode, `PGSSLMODE=${mode}`)} (node-postgres reads it as verify-full today, but as libpq does from pg v9)`,
        secure,
        { sslmode: mode, fixes },
      );
  }
}

function judgeAppSslmode(judge: Judge, name: string, v: string): void {
  const libpq = parseSslmode(v);
  const mysql = libpq === undefined ? parseMysqlSslMode(v) : undefined;
  const mode: SslmodeValue | undefined = libpq ?? mysql;
  if (mode === undefined || mode === 'verify-full') return; // an app's own spelling: not ours to judge
  const secureValue = mysql !== undefined ? 'VERIFY_IDENTITY' : 'verify-full';
  const secure = `${name}=${secureValue}`;
  // The consumer is the app's code: Slonik breaks on verify-full, Prisma ignores it. A suggestion only.
  const fixes = judge.replace(secureValue, `Set ${name} to ${secureValue}`, false);
  const driver = 'app setting';
  if (mode === 'disable')
    return judge.observe(
      'tls-off',
      driver,
      `\`${name}=${v}\` turns the application's database TLS off`,
      secure,
      { fixes },
    );
  if (mode === 'no-verify')
    return judge.observe(
      'verification-disabled',
      driver,
      `\`${name}=${v}\` turns server certificate verification off`,
      secure,
      { sslmode: 'no-verify', fixes },
    );
  judge.observe(
    'weak-sslmode',
    driver,
    mysql !== undefined
      ? `\`${name}=${v}\` is below VERIFY_IDENTITY`
      : weakSslmodeProblem(mode, `${name}=${mode}`),
    secure,
    { sslmode: mode, fixes },
  );
}

function judgeNodeOptions(judge: Judge, raw: string): void {
  const driver = 'Node (NODE_OPTIONS)';
  for (const m of raw.matchAll(/(?<=^|\s)--tls-(min|max)-v1\.([0-3])(?=\s|$)/g)) {
    const minor = Number(m[2]);
    const isMin = m[1] === 'min';
    if (isMin ? minor >= 2 : minor === 3) continue;
    const version = minor === 0 ? 'TLSv1' : `TLSv1.${minor}`;
    const range = judge.sub(m.index, m.index + m[0].length);
    judge.observe(
      'weak-tls-version',
      driver,
      `\`${m[0]}\` in NODE_OPTIONS ${isMin ? 'allows' : 'forces'} ${version} for every TLS connection of the process`,
      'no --tls-min-v1.0/--tls-min-v1.1/--tls-max-v1.2 flags (Node defaults to TLSv1.2 or later)',
      {
        range,
        tlsVersion: version,
        fixes: editFix(
          judge,
          m.index,
          m.index + m[0].length,
          '',
          `Remove ${m[0]} from NODE_OPTIONS`,
          false,
        ),
      },
    );
  }
  for (const m of raw.matchAll(/(?<=^|\s)--tls-cipher-list=(\S+)/g)) {
    const weak = weakCipherTokens(m[1]!.replace(/^['"]|['"]$/g, ''));
    if (weak.length === 0) continue;
    judge.observe(
      'weak-ciphers',
      driver,
      `the cipher list in NODE_OPTIONS enables weak suites (${weak.join(', ')})`,
      "Node's default cipher list (no --tls-cipher-list)",
      {
        range: judge.sub(m.index, m.index + m[0].length),
      },
    );
  }
}

function editFix(
  judge: Judge,
  start: number,
  end: number,
  text: string,
  description: string,
  safe: boolean,
): FixIntent[] {
  const edit = editInsideLiteral(judge.effective.literal, start, end, text);
  return edit ? [{ description, edits: [edit], safe }] : [];
}

/** `TYPEORM_DRIVER_EXTRA={"ssl":{"rejectUnauthorized":false}}`: JSON spread over TypeORM's options (DRIVERS §4). */
function judgeTypeormExtra(judge: Judge, raw: string): void {
  if (raw.length > 100_000) return;
  const errors: ParseError[] = [];
  const tree = parseTree(raw, errors, { disallowComments: true });
  if (!tree || errors.length > 0 || tree.type !== 'object') return;
  const driver = 'TypeORM (TYPEORM_DRIVER_EXTRA)';
  const secure = 'TYPEORM_DRIVER_EXTRA={"ssl":{"rejectUnauthorized":true}}';
  const ssl = jsonProperty(tree, 'ssl');
  if (!ssl) return;
  if (ssl.type === 'boolean' && ssl.value === false) {
    judge.observe('tls-off', driver, '`ssl: false` in TYPEORM_DRIVER_EXTRA turns TLS off', secure, {
      range: judge.sub(ssl.offset, ssl.offset + ssl.length),
    });
    return;
  }
  const reject = ssl.type === 'object' ? jsonProperty(ssl, 'rejectUnauthorized') : undefined;
  if (reject && reject.type === 'boolean' && reject.value === false) {
    judge.observe(
      'verification-disabled',
      driver,
      '`ssl.rejectUnauthorized` is false in TYPEORM_DRIVER_EXTRA, so the server certificate is not verified',
      secure,
      {
        range: judge.sub(reject.offset, reject.offset + reject.length),
        fixes: editFix(
          judge,
          reject.offset,
          reject.offset + reject.length,
          'true',
          'Set ssl.rejectUnauthorized to true in TYPEORM_DRIVER_EXTRA',
          true,
        ),
      },
    );
  }
}

function jsonProperty(node: JsonNode, key: string): JsonNode | undefined {
  let found: JsonNode | undefined;
  for (const p of node.children ?? []) if (p.children?.[0]?.value === key) found = p.children[1];
  return found;
}

/** A connection string, judged by the consumer the project shows (DRIVERS §1), else by scheme. */
function judgeUrl(judge: Judge, name: string, url: ConnectionUrl, context: EnvContext): void {
  const consumer = context.project.urlConsumers.get(name) ?? conventionalConsumer(name, url);
  let semantics: UrlSemantics | undefined = consumer?.semantics;
  let driver = consumer ? `${consumer.driver} (${name})` : '';
  if (!semantics) {
    semantics = defaultSemantics(url);
    if (!semantics) return; // MySQL URLs mean something different to every client: no guess
    const reader =
      url.family === 'postgres'
        ? 'libpq'
        : url.family === 'mongodb'
          ? 'MongoDB'
          : url.family === 'redis'
            ? 'Redis'
            : 'SQL Server';
    driver = `${name} read as ${reader} (no consumer found in the project)`;
  }
  const verdict = assessUrl(semantics, {
    literal: judge.effective.literal,
    url,
    environment: judge.environment,
    explicit: false,
    driver,
    optionMayEnableTls: false,
  });
  for (const o of verdict.observations)
    judge.out.observations.push({ ...o, loopback: o.loopback || judge.loopback });
}

/** Variables a library reads itself (DRIVERS §18 "Read by a library itself"). */
function conventionalConsumer(
  name: string,
  url: ConnectionUrl,
): { semantics: UrlSemantics; driver: string } | undefined {
  if (name === 'TYPEORM_URL') {
    if (url.family === 'postgres') return { semantics: 'pg', driver: 'TypeORM (postgres)' };
    if (url.family === 'mysql') return { semantics: 'ignored', driver: 'TypeORM (mysql)' };
  }
  return undefined;
}

// ── passwords ─────────────────────────────────────────────────────────────────

function collectPasswords(
  out: EnvAssessment,
  a: EnvAssignment,
  effective: Effective,
  environment: Environment,
  loopback: boolean,
  hasDatabaseKeys: boolean,
  context: EnvContext,
  known: (name: string) => string | undefined,
): void {
  const isPassword = PASSWORD_NAME.test(a.name) || (a.name === 'PASSWORD' && hasDatabaseKeys);
  if (isPassword) {
    const user = userFor(a.name, known);
    out.passwords.push({
      secret: effective.text,
      range: effective.literal.range,
      where: effective.fallbackOf
        ? `the default of \${${effective.fallbackOf}}`
        : `the ${a.name} variable`,
      driver: context.fileLabel,
      environment,
      loopback,
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
  for (const c of url.credentials) {
    const literal = effective.literal;
    out.passwords.push({
      secret: c.value,
      range:
        literal.verbatim && literal.contentStart !== undefined
          ? [literal.contentStart + c.start, literal.contentStart + c.end]
          : literal.range,
      where: `the connection string in ${a.name}`,
      driver: context.fileLabel,
      environment,
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

/** Keeps the case style of the original word (`FALSE` → `TRUE`). */
function matchCase(word: string, like: string): string {
  if (like === like.toUpperCase() && like !== like.toLowerCase()) return word.toUpperCase();
  if (like[0] && like[0] === like[0].toUpperCase() && like[0] !== like[0].toLowerCase())
    return word[0]!.toUpperCase() + word.slice(1);
  return word;
}
