/**
 * Django's `DATABASES` (DRIVERS.md §16). An entry's ENGINE names who reads its OPTIONS —
 * libpq for the PostgreSQL family, mysqlclient for Django's MySQL backends, no TLS reader we
 * know for the rest — and dj-database-url or django-environ may build the entry from a URL.
 * The Python front-end lowers each entry, with statement order, branches and `.update(...)`
 * already applied, into a `DjangoDatabase`; this module judges it.
 */
import { passwordCandidates } from '../config-objects.js';
import {
  isLoopbackHost,
  parseConnectionUrl,
  type ConnectionUrl,
  type DbFamily,
} from '../connection-url.js';
import type { PasswordCandidate } from '../credentials.js';
import { replaceWith, setPath, setUrlParams, type FixPrinter, type FixValue } from '../fixes.js';
import { message, type Message } from '../messages.js';
import type {
  Environment,
  FixIntent,
  LiteralValue,
  ObjectValue,
  PolicyOptions,
  Range,
  Test,
  Value,
} from '../model.js';
import { getValue, stringOf } from '../values.js';
import type { Verdict, VerdictContext, VerdictKind } from '../verdicts.js';
import {
  readProtocolVersionOption,
  readSslmodeOption,
  type LibpqOptionsContext,
} from './libpq-options.js';
import { readMysqlclientOptions, readMysqlclientUrl } from './mysqlclient.js';
import { readUrl } from './url.js';

/** dj-database-url's `ssl_require=` keyword. */
interface SslRequire {
  /** The keyword argument (`ssl_require=True`): where its finding points. */
  range: Range;
  value: Value;
  /** The value read as a condition (`not DEBUG`), when it is not a literal. */
  test?: Test;
  /** The characters that remove the keyword argument with its separating comma. */
  removal: Range;
}

/** A dj-database-url or django-environ call that builds an entry from a URL. */
export interface DjangoUrlSource {
  how: 'dj-database-url' | 'django-environ';
  /** The call: where a URL that comes from the environment is reported. */
  range: Range;
  /** The literal URL (`parse('…')`, `default='…'`), when one is written. */
  url?: LiteralValue;
  /** The environment variable it reads. */
  envName?: string;
  /** Its `engine=` keyword, when a constant. */
  engine?: string;
  sslRequire?: SslRequire;
  /** OPTIONS keys last written before the call, or by the same statement. */
  optionsBefore: readonly string[];
  /** OPTIONS was replaced as a whole after the call: what the call put there no longer counts. */
  optionsReplaced: boolean;
}

/** One entry of `DATABASES` as the settings module leaves it. */
export interface DjangoDatabase {
  /** Its key in DATABASES (`default`). */
  alias: string;
  environment: Environment;
  /** Defined in a branch the code does not take by default (an operator's explicit choice). */
  explicit: boolean;
  /** The entry's value (the module, when it is only changed here): where a missing setting is reported. */
  range: Range;
  /**
   * Each key's last write (`ENGINE`, `HOST`, `USER`, …) and `OPTIONS` as an object. An object
   * is open when it may hold keys nobody can see (a splat, a call, a write we cannot read),
   * and has an insertion point when it is a dict literal a fix can add a key to.
   */
  settings: ObjectValue;
  /** Every PASSWORD ever written to it: an overwritten secret is still committed. */
  passwords: readonly Value[];
  /** Keys that a branch which may or may not run changes. */
  maybeChanged: readonly string[];
  /** Only changed in this module: defined in another one (`from .base import *`). */
  orphan: boolean;
  /** Still in DATABASES at the end of the module (a later definition did not replace it). */
  live: boolean;
  source?: DjangoUrlSource;
  /**
   * NetBox's `DATABASE` dict (DRIVERS §25): NetBox makes it `DATABASES['default']` and sets
   * a PostgreSQL ENGINE when none is written.
   */
  netbox?: boolean;
}

/** Who reads an entry's OPTIONS. */
type OptionsReader = 'libpq' | 'mysqlclient';

interface ReaderRow {
  /** The database as messages name it: `Django PostgreSQL database 'default'`. */
  database: string;
  /** The URL family dj-database-url hands to this reader. */
  family: DbFamily;
  /** OPTIONS keys that only this reader reads: with no ENGINE, they name it. */
  ownKeys: readonly string[];
}

const READERS: Readonly<Record<OptionsReader, ReaderRow>> = {
  libpq: { database: 'PostgreSQL', family: 'postgres', ownKeys: ['sslmode'] },
  mysqlclient: { database: 'MySQL', family: 'mysql', ownKeys: ['ssl_mode', 'ssl'] },
};

/**
 * ENGINE (trimmed, lower-cased) → the reader of its OPTIONS. PostgreSQL-based backends
 * (Django's own, PostGIS, psycopg, CockroachDB, Timescale, Redshift) hand OPTIONS to libpq;
 * any other engine (sqlite, oracle, `mysql.connector.django` with its own option names, the
 * dummy backend) has no TLS option judged here.
 */
const ENGINES: readonly { engine: RegExp | string; reader: OptionsReader }[] = [
  { engine: /postgres|postgis|psycopg|cockroach|timescale|redshift/, reader: 'libpq' },
  { engine: 'django.db.backends.mysql', reader: 'mysqlclient' },
  { engine: 'django.contrib.gis.db.backends.mysql', reader: 'mysqlclient' },
];

/**
 * The ENGINE dj-database-url (and django-environ, whose table matches for these) writes for a
 * URL scheme (DRIVERS §16; `dj_database_url/__init__.py` SCHEMES). `mysql-connector://` is
 * MySQL Connector/Python's backend, which reads no OPTIONS we know: not mysqlclient.
 */
const URL_SCHEME_ENGINES: Readonly<Record<string, string>> = {
  postgres: 'django.db.backends.postgresql',
  postgresql: 'django.db.backends.postgresql',
  pgsql: 'django.db.backends.postgresql',
  postgis: 'django.contrib.gis.db.backends.postgis',
  redshift: 'django_redshift_backend',
  cockroach: 'django_cockroachdb',
  timescale: 'timescale.db.backends.postgresql',
  timescalegis: 'timescale.db.backends.postgis',
  mysql: 'django.db.backends.mysql',
  mysql2: 'django.db.backends.mysql',
  mysqlgis: 'django.contrib.gis.db.backends.mysql',
  'mysql-connector': 'mysql.connector.django',
  mssql: 'sql_server.pyodbc',
  mssqlms: 'mssql',
  oracle: 'django.db.backends.oracle',
  sqlite: 'django.db.backends.sqlite3',
};

/** NetBox sets this ENGINE when its DATABASE dict has none (DRIVERS §25). */
const NETBOX_ENGINE = 'django.db.backends.postgresql';
/** Keys that make a `DATABASE` dict NetBox's settings rather than some other library's. */
const NETBOX_KEYS = ['NAME', 'USER', 'HOST', 'PORT', 'PASSWORD'];

/** The reader, `none` for an engine without one, `unknown` when nothing names the engine. */
type Engine = OptionsReader | 'none' | 'unknown';

export function engineReader(engine: string): Engine {
  const e = engine.trim().toLowerCase();
  if (e === '') return 'unknown';
  const row = ENGINES.find((r) =>
    typeof r.engine === 'string' ? r.engine === e : r.engine.test(e),
  );
  return row?.reader ?? 'none';
}

const NO_GUARDS: ReadonlyMap<string, boolean> = new Map();

export interface DjangoReadingContext {
  printer: FixPrinter;
  minimumTlsVersion: PolicyOptions['minimumTlsVersion'];
}

export interface DjangoReading {
  verdicts: Verdict[];
  passwords: PasswordCandidate[];
  /** The literal URL, judged here with its consumer's semantics (not again as a free string). */
  claimedUrl?: LiteralValue;
}

export function readDjangoDatabase(
  database: DjangoDatabase,
  context: DjangoReadingContext,
): DjangoReading {
  const { source } = database;
  const url =
    typeof source?.url?.value === 'string' ? parseConnectionUrl(source.url.value) : undefined;
  const engine = engineOf(database, url);
  const driver = database.netbox
    ? 'NetBox DATABASE'
    : engine === 'libpq' || engine === 'mysqlclient'
      ? `Django ${READERS[engine].database} database '${database.alias}'`
      : `Django database '${database.alias}'`;
  const { loopback, user } = whereItConnects(database, url);
  const judgement = new DatabaseJudgement(database, context, driver, url, {
    environment: database.environment,
    loopback,
    explicit: database.explicit,
    literal: true,
  });

  // Passwords: every one written, even when overwritten later.
  const passwords = database.passwords.flatMap((value) =>
    passwordCandidates(value, {
      holder: { kind: 'setting', key: 'PASSWORD' },
      driver,
      environment: database.environment,
      guards: NO_GUARDS,
      loopback,
      replaceable: false,
      fallback: 'environment-default',
      ...(user !== undefined ? { user } : {}),
    }),
  );
  if (source?.url && url) passwords.push(...urlPasswords(source, source.url, url, judgement));

  if (engine === 'libpq') readLibpq(judgement);
  else if (engine === 'mysqlclient') readMysqlclient(judgement);
  else if (engine === 'unknown' && source && !source.url && !judgement.sslmode()) {
    judgement.sslRequire();
    if (database.live && !source.sslRequire) judgement.unresolved(source);
  }
  return {
    verdicts: judgement.verdicts,
    passwords,
    ...(source?.url ? { claimedUrl: source.url } : {}),
  };
}

/**
 * ENGINE, else the call's `engine=`, else NetBox's default, else the ENGINE the URL's scheme
 * gives, else the OPTIONS keys a reader owns.
 */
function engineOf(database: DjangoDatabase, url: ConnectionUrl | undefined): Engine {
  const { settings, source } = database;
  const written = getValue(settings, ['ENGINE']);
  const netbox =
    database.netbox && NETBOX_KEYS.some((key) => settings.properties.some((p) => p.key === key));
  const engineText =
    stringOf(written) ??
    source?.engine ??
    (netbox && !written ? NETBOX_ENGINE : undefined) ??
    (url ? URL_SCHEME_ENGINES[url.scheme.toLowerCase()] : undefined);
  // An ENGINE we cannot read (an environment read) names no reader, whatever OPTIONS hold.
  if (engineText === undefined && !source && written) return 'unknown';
  let engine = engineText !== undefined ? engineReader(engineText) : 'unknown';
  if (engine === 'unknown' && url)
    engine =
      (Object.keys(READERS) as OptionsReader[]).find((r) => READERS[r].family === url.family) ??
      'none';
  if (engine !== 'unknown') return engine;
  const options = getValue(settings, ['OPTIONS']);
  for (const reader of Object.keys(READERS) as OptionsReader[])
    if (READERS[reader].ownKeys.some((key) => getValue(options, [key]))) return reader;
  return 'unknown';
}

/**
 * Loopback: HOST '' (the local socket), a loopback name or a socket path; with no HOST, the
 * URL's hosts when the URL is written (not read from the environment), or the local socket
 * when nothing unseen may set HOST.
 */
function whereItConnects(
  database: DjangoDatabase,
  url: ConnectionUrl | undefined,
): { loopback: boolean; user: string | undefined } {
  const { settings, source } = database;
  const host = getValue(settings, ['HOST']);
  let user = stringOf(getValue(settings, ['USER']));
  let loopback: boolean;
  if (host) {
    const text = host.kind === 'literal' && !host.fromEnv ? stringOf(host) : undefined;
    loopback = text !== undefined && (text.trim() === '' || isLoopbackHost(text));
  } else if (source) {
    // The URL written in code (`default='postgres://…@localhost/…'`) says where it connects
    // while the variable is unset, as a JS fallback URL does (readers/url-judgement.ts).
    loopback = url !== undefined && url.hosts.length > 0 && url.hosts.every(isLoopbackHost);
    user ??= url?.user;
  } else {
    loopback = !settings.open && !database.maybeChanged.includes('HOST') && !database.orphan;
  }
  return { loopback, user };
}

function urlPasswords(
  source: DjangoUrlSource,
  literal: LiteralValue,
  url: ConnectionUrl,
  judgement: DatabaseJudgement,
): PasswordCandidate[] {
  return url.credentials.map((credential) => ({
    secret: credential.value,
    range:
      literal.verbatim && literal.contentStart !== undefined
        ? [literal.contentStart + credential.start, literal.contentStart + credential.end]
        : literal.range,
    holder: literal.fromEnv
      ? { kind: 'default-url', name: source.envName ?? 'DATABASE_URL' }
      : { kind: 'database-url' },
    driver: source.how,
    environment: judgement.at.environment,
    loopback: judgement.at.loopback,
    inComment: false,
    ...(url.user ? { user: url.user } : {}),
  }));
}

/** libpq's OPTIONS: `sslmode` (with `sslrootcert`), the protocol versions, else the URL. */
function readLibpq(judgement: DatabaseJudgement): void {
  const { database } = judgement;
  const source = database.source;
  const options: LibpqOptionsContext = {
    driver: judgement.driver,
    at: judgement.at,
    minimumTlsVersion: judgement.context.minimumTlsVersion,
    replace: (value, text, description) => judgement.replace(value, text, description),
  };
  for (const key of ['ssl_min_protocol_version', 'ssl_max_protocol_version'] as const) {
    const value = judgement.option(key);
    if (value) judgement.verdicts.push(...readProtocolVersionOption(value, key, options));
  }
  const sslmode = judgement.sslmode();
  if (sslmode) {
    const rootcert = judgement.option('sslrootcert');
    const hasRootCert = rootcert !== undefined && stringOf(rootcert) !== '';
    judgement.verdicts.push(...readSslmodeOption(sslmode, hasRootCert, options));
    return;
  }
  if (source && !source.optionsReplaced) {
    if (judgement.sslRequire()) return;
    if (source.url && judgement.url) {
      judgement.libpqUrl(source.url, judgement.url, `${source.how} URL`);
      return;
    }
    if (database.live) judgement.unresolved(source);
    return;
  }
  if (!judgement.complete()) return;
  judgement.observe(
    'tls-off',
    database.range,
    'sslmode',
    {
      id: 'djangoWithoutSslmode',
      data: {
        driver: judgement.driver,
        secure: '"OPTIONS": {"sslmode": "verify-full"}',
      },
    },
    judgement.addOption(
      'sslmode',
      'verify-full',
      'Add sslmode verify-full to the database OPTIONS',
    ),
  );
}

/** mysqlclient's OPTIONS (`ssl_mode`, `ssl`); without them, the URL dj-database-url read. */
function readMysqlclient(judgement: DatabaseJudgement): void {
  const { database } = judgement;
  const source = database.source;
  const options = getValue(database.settings, ['OPTIONS']);
  if (
    source &&
    !source.optionsReplaced &&
    !judgement.option('ssl_mode') &&
    !judgement.option('ssl')
  ) {
    if (judgement.sslRequire()) return;
    if (source.url && judgement.url) {
      judgement.verdicts.push(
        ...readMysqlclientUrl(judgement.url, source.url, {
          driver: judgement.driver,
          at: judgement.at,
        }),
      );
      return;
    }
    if (database.live) judgement.unresolved(source);
    return;
  }
  judgement.verdicts.push(
    ...readMysqlclientOptions(options?.kind === 'object' ? options : undefined, {
      driver: judgement.driver,
      at: judgement.at,
      range: database.range,
      complete: judgement.complete(),
      replace: (value, text, description) => judgement.replace(value, text, description),
      addSslMode: () =>
        judgement.addOption(
          'ssl_mode',
          'VERIFY_IDENTITY',
          'Add ssl_mode VERIFY_IDENTITY to the database OPTIONS',
        ),
    }),
  );
}

/** The verdicts being built for one database, with what every part of its reading shares. */
class DatabaseJudgement {
  readonly verdicts: Verdict[] = [];

  constructor(
    readonly database: DjangoDatabase,
    readonly context: DjangoReadingContext,
    /** The database as messages name it. */
    readonly driver: string,
    /** The source's literal URL, parsed. */
    readonly url: ConnectionUrl | undefined,
    readonly at: VerdictContext,
  ) {}

  observe(
    kind: VerdictKind,
    range: Range,
    setting: string,
    message: Message,
    fixes: FixIntent[] = [],
    extra: Partial<Verdict> = {},
  ): void {
    this.verdicts.push({ kind, message, setting, range, ...this.at, fixes, ...extra });
  }

  /** An OPTIONS key's value as the code leaves it (not one the URL call's OPTIONS replaced). */
  option(key: string): Value | undefined {
    const value = getValue(this.database.settings, ['OPTIONS', key]);
    return value && !this.#replacedByCall(key) ? value : undefined;
  }

  /**
   * dj-database-url returns `OPTIONS` only when the URL has a query or `ssl_require` is set,
   * and then as a new dict (DRIVERS §16): every OPTIONS key written before the call is gone.
   * A URL from the environment usually has none, so what was written before still counts.
   */
  #replacedByCall(key: string): boolean {
    const source = this.database.source;
    if (!source || source.optionsReplaced || !source.optionsBefore.includes(key)) return false;
    const required =
      source.sslRequire !== undefined &&
      requiredIn(source.sslRequire, this.at.environment) !== undefined;
    return required || (this.url !== undefined && this.url.params.size > 0);
  }

  /** Nothing unseen may set OPTIONS, so a key absent from it is absent at run time. */
  complete(): boolean {
    const { database } = this;
    const options = getValue(database.settings, ['OPTIONS']);
    return (
      database.live &&
      !database.orphan &&
      !database.settings.open &&
      !(options?.kind === 'object' && options.open) &&
      !database.maybeChanged.includes('OPTIONS')
    );
  }

  /** Adds a key to OPTIONS (or OPTIONS to the entry), in the dict's own layout. */
  addOption(key: string, value: FixValue, description: string): FixIntent[] {
    const fix = setPath(
      this.context.printer,
      this.database.settings,
      ['OPTIONS', key],
      value,
      description,
    );
    return fix ? [fix] : [];
  }

  /** Replaces a string literal whose characters are its value (no escapes). */
  replace(value: Value, text: string, description: string): FixIntent[] {
    if (value.kind !== 'literal' || !value.verbatim || typeof value.value !== 'string') return [];
    return [replaceWith(this.context.printer, value.range, text, description, value)];
  }

  /** OPTIONS' `sslmode`, unless dj-database-url's OPTIONS replace it (written before the call). */
  sslmode(): Value | undefined {
    return this.option('sslmode');
  }

  /**
   * dj-database-url's `ssl_require=True`: sslmode forced to `require`, over the URL's own
   * sslmode (DRIVERS §16, §20). True when it decides the entry's TLS.
   */
  sslRequire(): boolean {
    const source = this.database.source;
    const keyword = source?.sslRequire;
    if (!source || !keyword || source.optionsReplaced) return false;
    const environment = requiredIn(keyword, this.at.environment);
    if (environment === undefined) return false;
    if (this.url?.family === 'mysql') {
      this.observe(
        'invalid-tls-value',
        keyword.range,
        'ssl_require',
        {
          id: 'djangoSslRequireMysql',
          data: {
            driver: this.driver,
            secure: '"OPTIONS": {"ssl_mode": "VERIFY_IDENTITY"} (and no ssl_require)',
          },
        },
        [],
        { environment },
      );
      return true;
    }
    const fixes: FixIntent[] = [];
    if (source.url && this.url && environment !== 'development') {
      const inUrl = setUrlParams(source.url, this.url, [['sslmode', 'verify-full']], '');
      if (inUrl)
        fixes.push({
          description: 'Drop ssl_require and set sslmode=verify-full in the URL',
          edits: [...inUrl.edits, { range: keyword.removal, text: '' }],
          safe: false,
        });
    }
    this.observe(
      'weak-sslmode',
      keyword.range,
      'ssl_require',
      {
        id: 'djangoSslRequire',
        data: {
          driver: `${this.driver} (dj-database-url)`,
          secure: 'no ssl_require, and sslmode=verify-full in the database URL',
        },
      },
      fixes,
      { environment, sslmode: 'require' },
    );
    return true;
  }

  /** A literal URL read by libpq (its loopback or the entry's). */
  libpqUrl(literal: LiteralValue, url: ConnectionUrl, driver: string): void {
    const { verdicts } = readUrl('libpq', {
      literal,
      url,
      environment: this.at.environment,
      explicit: this.at.explicit,
      driver,
      optionMayEnableTls: false,
    });
    this.verdicts.push(
      ...verdicts.map((v) => ({ ...v, loopback: this.at.loopback || v.loopback })),
    );
  }

  /** The URL comes from the environment and nothing in code sets TLS. */
  unresolved(source: DjangoUrlSource): void {
    const driver = `Django database '${this.database.alias}' (${source.how})`;
    const secure = 'sslmode=verify-full in the URL, or "OPTIONS": {"sslmode": "verify-full"}';
    this.observe(
      'tls-unresolved',
      source.range,
      'url',
      source.envName
        ? message('databaseUrlFromVariable', { driver, env: source.envName, secure })
        : message('databaseUrlFromEnvironment', { driver, secure }),
      [],
      { loopback: false, literal: false },
    );
  }
}

/**
 * The environment in which `ssl_require` is true: the entry's for `True` / `1`, the one a
 * condition names (`not DEBUG`: production), none for anything else.
 */
function requiredIn(keyword: SslRequire, environment: Environment): Environment | undefined {
  const { value, test } = keyword;
  if (value.kind === 'literal')
    return value.value === true || value.value === 1 ? environment : undefined;
  if (test?.kind !== 'environment') return undefined;
  return test.whenTrue === 'unknown' ? environment : test.whenTrue;
}
