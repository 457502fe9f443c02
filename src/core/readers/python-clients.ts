/**
 * Python database clients outside Django's DATABASES (DRIVERS.md §23, §23a, §24): psycopg2 and
 * psycopg 3 `connect(...)` and their pools (libpq keywords and a conninfo string or URL; a
 * keyword wins over the same key in the conninfo), SQLAlchemy `create_engine(url,
 * connect_args=…)` (the dialect from the URL scheme; `connect_args` wins over the URL's query),
 * and redis-py's TLS keywords wherever they are written (redis-py calls, django-redis
 * `CONNECTION_POOL_KWARGS`, Celery's `broker_use_ssl`, NetBox's `REDIS`).
 *
 * The Python front-end finds the calls and dicts (by this module's table of callee names) and
 * lowers each into a `PythonClientCall`; this module judges it.
 */
import { passwordCandidates } from '../config-objects.js';
import { isLoopbackHost, parseConnectionUrl, type ConnectionUrl } from '../connection-url.js';
import type { PasswordCandidate } from '../credentials.js';
import { replaceWith, setPath, type FixPrinter } from '../fixes.js';
import { message, type Message } from '../messages.js';
import type {
  Environment,
  FixIntent,
  LiteralValue,
  ObjectValue,
  PolicyOptions,
  Range,
  Value,
} from '../model.js';
import { alternatives, getProperty, getValue, stringOf } from '../values.js';
import type { Verdict, VerdictContext, VerdictKind } from '../verdicts.js';
import {
  readProtocolVersionOption,
  readSslmodeOption,
  type LibpqOptionsContext,
} from './libpq-options.js';
import { readMysqlclientOptions, readMysqlclientUrl } from './mysqlclient.js';
import { readUrl } from './url.js';

/** How a client reads what it is given. */
type ClientReader =
  'libpq' | 'libpq-options' | 'mysqlclient-options' | 'sqlalchemy' | 'redis-py' | 'tls-keys';

export interface PythonClientRow {
  id: string;
  /** How messages name it. */
  label: string;
  /** Fully qualified callee names (`psycopg2.connect`). */
  calls: readonly string[];
  /** Where the DSN / conninfo / URL argument is: its position and its keyword. */
  url?: { position: number; keyword: string };
  /** The keyword whose dict reaches the driver (`connect_args`, the pool's `kwargs`); absent: the call's own keywords. */
  optionsKeyword?: string;
  reader: ClientReader;
}

/** Every call shape the Python front-end recognises (DRIVERS §23–§24). */
const PYTHON_CLIENTS: readonly PythonClientRow[] = [
  {
    id: 'psycopg2',
    label: 'psycopg2',
    calls: ['psycopg2.connect'],
    url: { position: 0, keyword: 'dsn' },
    reader: 'libpq',
  },
  {
    id: 'psycopg2-pool',
    label: 'psycopg2 pool',
    calls: [
      'psycopg2.pool.SimpleConnectionPool',
      'psycopg2.pool.ThreadedConnectionPool',
      'psycopg2.pool.PersistentConnectionPool',
    ],
    url: { position: 2, keyword: 'dsn' },
    reader: 'libpq',
  },
  {
    id: 'psycopg',
    label: 'psycopg',
    calls: ['psycopg.connect', 'psycopg.Connection.connect', 'psycopg.AsyncConnection.connect'],
    url: { position: 0, keyword: 'conninfo' },
    reader: 'libpq',
  },
  {
    id: 'psycopg-pool',
    label: 'psycopg_pool',
    calls: [
      'psycopg_pool.ConnectionPool',
      'psycopg_pool.AsyncConnectionPool',
      'psycopg_pool.NullConnectionPool',
      'psycopg_pool.AsyncNullConnectionPool',
    ],
    url: { position: 0, keyword: 'conninfo' },
    optionsKeyword: 'kwargs',
    reader: 'libpq',
  },
  {
    id: 'sqlalchemy',
    label: 'SQLAlchemy',
    calls: [
      'sqlalchemy.create_engine',
      'sqlalchemy.engine.create_engine',
      'sqlalchemy.ext.asyncio.create_async_engine',
    ],
    url: { position: 0, keyword: 'url' },
    optionsKeyword: 'connect_args',
    reader: 'sqlalchemy',
  },
  {
    id: 'redis-py',
    label: 'redis-py',
    calls: [
      'redis.Redis',
      'redis.StrictRedis',
      'redis.ConnectionPool',
      'redis.SSLConnection',
      'redis.RedisCluster',
      'redis.cluster.RedisCluster',
      'redis.asyncio.Redis',
      'redis.asyncio.StrictRedis',
      'redis.asyncio.RedisCluster',
      'redis.asyncio.ConnectionPool',
    ],
    reader: 'redis-py',
  },
  {
    id: 'redis-py-url',
    label: 'redis-py',
    calls: [
      'redis.from_url',
      'redis.Redis.from_url',
      'redis.StrictRedis.from_url',
      'redis.ConnectionPool.from_url',
      'redis.RedisCluster.from_url',
      'redis.asyncio.from_url',
      'redis.asyncio.Redis.from_url',
      'redis.asyncio.ConnectionPool.from_url',
    ],
    url: { position: 0, keyword: 'url' },
    reader: 'redis-py',
  },
  // A dict or another call that spells redis-py's TLS keys (django-redis
  // CONNECTION_POOL_KWARGS, Celery broker_use_ssl / redis_backend_use_ssl, NetBox REDIS).
  { id: 'tls-keys', label: 'Redis TLS options', calls: [], reader: 'tls-keys' },
  // Any other dict that spells libpq's `sslmode` (options built for a connection elsewhere).
  { id: 'libpq-options', label: 'PostgreSQL options', calls: [], reader: 'libpq-options' },
  // Likewise mysqlclient's `ssl_mode` (Django MySQL OPTIONS built by a helper).
  { id: 'mysqlclient-options', label: 'MySQL options', calls: [], reader: 'mysqlclient-options' },
];

const CLIENT_BY_CALL: ReadonlyMap<string, PythonClientRow> = new Map(
  PYTHON_CLIENTS.flatMap((row) => row.calls.map((call) => [call, row] as const)),
);

/** The row of a qualified callee name, if it is a client call. */
export function pythonClientOf(qualifiedCallee: string): PythonClientRow | undefined {
  return CLIENT_BY_CALL.get(qualifiedCallee);
}

/**
 * Keys whose value turns verification off in redis-py and the libraries that hand it options
 * (DRIVERS §24, §25). `ssl_cert_reqs`: `None`, `'none'`, `ssl.CERT_NONE` (lowered as the
 * literal `'CERT_NONE'`), `False`, `0` mean CERT_NONE. `ssl_check_hostname`: `False`.
 * NetBox's `INSECURE_SKIP_TLS_VERIFY`: `True`.
 */
export const REDIS_TLS_KEYS = ['ssl_cert_reqs', 'ssl_check_hostname', 'INSECURE_SKIP_TLS_VERIFY'];

/** One client call (or a dict of a client's TLS keys), as the front-end found it. */
export interface PythonClientCall {
  /** A row id of `PYTHON_CLIENTS`. */
  client: string;
  /** The call (or dict): where a missing setting is reported. */
  range: Range;
  environment: Environment;
  /** In a branch the code does not take by default. */
  explicit: boolean;
  /** The DSN, conninfo or URL argument. */
  url?: Value;
  /**
   * What reaches the driver as keywords: the call's own keyword arguments, or the dict of the
   * row's `optionsKeyword`. Open when a `**splat` or an unreadable dict may add keys.
   */
  options: ObjectValue;
  /** `options` are the call's keyword arguments (a fix adds `key=value`), not a dict literal. */
  keywordArguments: boolean;
  /** Where a fix adds a keyword argument, in the call's own layout. */
  keywordInsertion?: { at: number; prefix: string; suffix: string };
  /** The host given next to an options dict (`Server(host='localhost', connection_params={…})`). */
  host?: Value;
}

export interface PythonClientContext {
  printer: FixPrinter;
  minimumTlsVersion: PolicyOptions['minimumTlsVersion'];
}

export interface PythonClientReading {
  verdicts: Verdict[];
  passwords: PasswordCandidate[];
  /** Literal URLs judged here with their consumer's semantics (not again as free strings). */
  claimedUrls: LiteralValue[];
}

const NO_GUARDS: ReadonlyMap<string, boolean> = new Map();
const SECURE_KEYWORD = "sslmode='verify-full'";

export function readPythonClient(
  call: PythonClientCall,
  context: PythonClientContext,
): PythonClientReading {
  const row = PYTHON_CLIENTS.find((r) => r.id === call.client);
  const reading: PythonClientReading = { verdicts: [], passwords: [], claimedUrls: [] };
  if (!row) return reading;
  const judgement = new ClientJudgement(call, row, context, reading);
  switch (row.reader) {
    case 'libpq':
      judgement.libpq(row.label);
      break;
    case 'libpq-options':
      judgement.libpqOptions(row.label);
      break;
    case 'mysqlclient-options':
      reading.verdicts.push(
        ...readMysqlclientOptions(call.options, {
          driver: row.label,
          at: judgement.at,
          range: call.range,
          complete: false, // other code may add what it lacks
          replace: (value, text, description) =>
            value.kind === 'literal' && value.verbatim && typeof value.value === 'string'
              ? [replaceWith(context.printer, value.range, text, description, value)]
              : [],
          addSslMode: () => [],
        }),
      );
      break;
    case 'sqlalchemy':
      judgement.sqlalchemy();
      break;
    case 'redis-py':
    case 'tls-keys':
      judgement.redisTlsKeys();
      break;
  }
  return reading;
}

/** A literal string URL of the call, parsed, with the literal (one per branch). */
interface ParsedUrl {
  literal: LiteralValue;
  url: ConnectionUrl;
  environment: Environment;
  explicit: boolean;
}

class ClientJudgement {
  readonly urls: ParsedUrl[] = [];
  /** The URL is not a literal (an environment read, a setting of the application). */
  urlUnresolved = false;
  readonly at: VerdictContext;

  constructor(
    readonly call: PythonClientCall,
    readonly row: PythonClientRow,
    readonly context: PythonClientContext,
    readonly reading: PythonClientReading,
  ) {
    if (call.url)
      for (const alt of alternatives(call.url, call.environment, NO_GUARDS, call.explicit)) {
        const text = stringOf(alt.value);
        const url = text === undefined ? undefined : parseConnectionUrl(text);
        if (alt.value.kind === 'literal' && url)
          this.urls.push({
            literal: alt.value,
            url,
            environment: alt.environment,
            explicit: alt.explicit,
          });
        else if (!alt.explicit) this.urlUnresolved = true;
      }
    this.at = {
      environment: call.environment,
      explicit: call.explicit,
      literal: true,
      loopback: this.#loopback(),
    };
  }

  /**
   * A `host` keyword written as a literal (not an environment read's default) decides; else
   * the hosts of the URL written in code, as a JS fallback URL's do (readers/url-judgement.ts).
   */
  #loopback(): boolean {
    const host =
      getValue(this.call.options, ['host']) ??
      getValue(this.call.options, ['HOST']) ??
      this.call.host;
    if (host) {
      const text = host.kind === 'literal' && !host.fromEnv ? stringOf(host) : undefined;
      return text !== undefined && isLoopbackHost(text);
    }
    return (
      this.urls.length > 0 &&
      this.urls.every((u) => u.url.hosts.length > 0 && u.url.hosts.every(isLoopbackHost))
    );
  }

  observe(
    kind: VerdictKind,
    range: Range,
    setting: string,
    said: Message,
    extra: Partial<Verdict> = {},
  ): void {
    this.reading.verdicts.push({
      kind,
      message: said,
      setting,
      range,
      ...this.at,
      fixes: [],
      ...extra,
    });
  }

  /** The `password` keyword (psycopg, redis-py): a credential of this client. */
  #passwords(driver: string): void {
    const value = getValue(this.call.options, ['password']);
    if (!value) return;
    this.reading.passwords.push(
      ...passwordCandidates(value, {
        holder: { kind: 'option', key: 'password' },
        driver,
        environment: this.call.environment,
        guards: NO_GUARDS,
        loopback: this.at.loopback,
        replaceable: false,
        fallback: 'environment-default',
      }),
    );
  }

  /** Adds `sslmode='verify-full'` to the call's keywords or to its options dict. */
  #addSslmode(): FixIntent[] {
    const { call, context } = this;
    const description = 'Add sslmode verify-full';
    if (call.keywordArguments) {
      const at = call.keywordInsertion;
      if (!at) return [];
      const text = `${at.prefix}sslmode=${context.printer.value('verify-full')}${at.suffix}`;
      return [{ description, edits: [{ range: [at.at, at.at], text }], safe: true }];
    }
    const fix = setPath(context.printer, call.options, ['sslmode'], 'verify-full', description);
    return fix ? [fix] : [];
  }

  #replace(value: Value, text: string, description: string): FixIntent[] {
    if (value.kind !== 'literal' || !value.verbatim || typeof value.value !== 'string') return [];
    return [replaceWith(this.context.printer, value.range, text, description, value)];
  }

  /**
   * psycopg2 / psycopg 3 (and SQLAlchemy's psycopg dialects): an `sslmode` keyword wins over
   * the conninfo's; else the conninfo or URL decides; else libpq's `prefer`.
   */
  libpq(label: string): void {
    const { call } = this;
    const driver = label;
    this.#passwords(driver);
    const options = this.#libpqContext(driver, SECURE_KEYWORD);
    this.#protocolVersions(options);
    for (const u of this.urls) this.reading.claimedUrls.push(u.literal);
    const sslmode = getValue(call.options, ['sslmode']);
    if (sslmode) {
      const rootcert =
        getValue(call.options, ['sslrootcert']) ??
        (this.urls.some((u) => u.url.params.has('sslrootcert'))
          ? ({ kind: 'literal', value: 'file', range: call.range } as const)
          : undefined);
      const hasRootCert = rootcert !== undefined && stringOf(rootcert) !== '';
      this.reading.verdicts.push(...readSslmodeOption(sslmode, hasRootCert, options));
      return;
    }
    if (this.urls.length > 0) {
      for (const verdicts of this.#readUrls(driver, false)) {
        // A keyword conninfo cannot be edited in place: the keyword wins over it (DRIVERS §23).
        this.reading.verdicts.push(
          ...verdicts.map((v) => ({
            ...v,
            loopback: this.at.loopback || v.loopback,
            fixes:
              v.fixes.length > 0 || (v.setting !== 'sslmode' && v.setting !== 'url')
                ? v.fixes
                : this.#addSslmode(),
          })),
        );
      }
      return;
    }
    if (call.options.open) return; // `**params` may carry sslmode
    if (this.urlUnresolved) {
      this.#unresolved(driver);
      return;
    }
    if (call.url) return; // a literal that is not a connection string: cannot tell
    if (!getProperty(call.options, ['host']) && !getProperty(call.options, ['hostaddr'])) {
      // No host: PGHOST and the other PG* variables decide, or the local socket.
      this.observe(
        'tls-unresolved',
        call.range,
        'sslmode',
        { id: 'tlsNotInCode', data: { driver, secure: SECURE_KEYWORD } },
        { literal: false },
      );
      return;
    }
    this.observe(
      'tls-off',
      call.range,
      'sslmode',
      { id: 'libpqCallWithoutSslmode', data: { driver, secure: SECURE_KEYWORD } },
      { fixes: this.#addSslmode() },
    );
  }

  /**
   * A dict of libpq keywords that is not a call's or a Django database's: what it writes is
   * judged (a weak or invalid `sslmode`, old protocol bounds); nothing is said about what it
   * lacks, since other code may add it.
   */
  libpqOptions(driver: string): void {
    const options = this.#libpqContext(driver);
    this.#protocolVersions(options);
    const sslmode = getValue(this.call.options, ['sslmode']);
    if (!sslmode) return;
    const rootcert = getValue(this.call.options, ['sslrootcert']);
    const hasRootCert = rootcert?.kind === 'literal' && stringOf(rootcert) !== '';
    this.reading.verdicts.push(
      // Not an OPTIONS dict: a value libpq does not know may be a mapping of names, not a mode.
      ...readSslmodeOption(sslmode, hasRootCert, options).filter(
        (v) => v.kind !== 'tls-unresolved' && v.kind !== 'invalid-tls-value',
      ),
    );
  }

  /** Each literal URL read with libpq's semantics (a Redis URL by its scheme), its verdicts. */
  #readUrls(driver: string, optionMayEnableTls: boolean): Verdict[][] {
    return this.urls.map(
      (u) =>
        readUrl('libpq', {
          literal: u.literal,
          url: u.url,
          environment: u.environment,
          explicit: u.explicit,
          driver,
          optionMayEnableTls,
        }).verdicts,
    );
  }

  /** How libpq's keyword readers (libpq-options.ts) see this call. */
  #libpqContext(driver: string, secure?: string): LibpqOptionsContext {
    return {
      driver,
      at: this.at,
      minimumTlsVersion: this.context.minimumTlsVersion,
      replace: (value, text, description) => this.#replace(value, text, description),
      ...(secure ? { secure } : {}),
    };
  }

  /** `ssl_min_protocol_version` / `ssl_max_protocol_version` among the options. */
  #protocolVersions(options: LibpqOptionsContext): void {
    for (const key of ['ssl_min_protocol_version', 'ssl_max_protocol_version'] as const) {
      const value = getValue(this.call.options, [key]);
      if (value) this.reading.verdicts.push(...readProtocolVersionOption(value, key, options));
    }
  }

  #unresolved(driver: string): void {
    const url = this.call.url;
    const env = url?.kind === 'env' ? url.name : undefined;
    const secure = `sslmode=verify-full in the URL, or ${SECURE_KEYWORD}`;
    this.observe(
      'tls-unresolved',
      this.call.range,
      'url',
      env
        ? message('databaseUrlFromVariable', { driver, env, secure })
        : message('tlsNotInCodeUrlFromEnvironment', { driver, secure }),
      { literal: false },
    );
  }

  /**
   * SQLAlchemy: the URL scheme names the dialect and driver (DRIVERS §23a). psycopg dialects
   * read libpq keywords (`connect_args` over the URL query); asyncpg and pg8000 have their
   * own TLS rules and are not judged; MySQL URLs by their driver.
   */
  sqlalchemy(): void {
    const { call } = this;
    const schemes = new Set(this.urls.map((u) => u.url.scheme));
    const [scheme] = schemes;
    if (schemes.size !== 1 || scheme === undefined) {
      // The URL is not written here: only an sslmode in connect_args says which client.
      if (getValue(call.options, ['sslmode'])) this.libpq('SQLAlchemy (libpq)');
      else {
        for (const u of this.urls) this.reading.claimedUrls.push(u.literal);
        if (this.urlUnresolved && !call.options.open) this.#unresolved('SQLAlchemy');
      }
      return;
    }
    const [dialect, driver = ''] = scheme.split('+', 2) as [string, string?];
    const family = this.urls[0]!.url.family;
    if (family === 'postgres') {
      if (driver === '' || /^psycopg/.test(driver))
        this.libpq(`SQLAlchemy (${driver === '' ? 'postgresql' : dialect + '+' + driver})`);
      else for (const u of this.urls) this.reading.claimedUrls.push(u.literal);
      return;
    }
    if (family === 'mysql') {
      for (const u of this.urls) this.reading.claimedUrls.push(u.literal);
      if (
        call.options.open ||
        getValue(call.options, ['ssl']) ||
        getValue(call.options, ['ssl_mode'])
      )
        return; // TLS set in connect_args: its dict is the driver's own business
      const label = `SQLAlchemy (${scheme})`;
      for (const u of this.urls) {
        if (driver === 'pymysql') this.#pymysqlUrl(u, label);
        else if (driver === '' || driver === 'mysqldb')
          this.reading.verdicts.push(
            ...readMysqlclientUrl(u.url, u.literal, {
              driver: label,
              at: { ...this.at, environment: u.environment, explicit: u.explicit },
            }),
          );
      }
    }
  }

  /** PyMySQL: `ssl_ca` in the URL verifies chain and host name unless `ssl_check_hostname=false`. */
  #pymysqlUrl(u: ParsedUrl, driver: string): void {
    const params = u.url.params;
    const at = { ...this.at, environment: u.environment, explicit: u.explicit };
    const secure = 'ssl_ca=<CA file> in the URL';
    if (params.has('ssl_disabled'))
      this.reading.verdicts.push({
        kind: 'tls-off',
        message: { id: 'settingTurnsTlsOff', data: { driver, setting: 'ssl_disabled', secure } },
        setting: 'ssl_disabled',
        range: u.literal.range,
        ...at,
        fixes: [],
      });
    else if (!params.has('ssl_ca') && !params.has('ssl_capath'))
      this.reading.verdicts.push({
        kind: 'tls-off',
        message: { id: 'pymysqlUrlWithoutCa', data: { driver, secure } },
        setting: 'ssl_ca',
        range: u.literal.range,
        ...at,
        fixes: [],
      });
    else if (/^(?:false|0|no|n|f)$/i.test(params.get('ssl_check_hostname')?.value ?? ''))
      this.reading.verdicts.push({
        kind: 'host-unchecked',
        message: {
          id: 'settingDisablesHostCheck',
          data: { driver, setting: 'ssl_check_hostname=false', secure },
        },
        setting: 'ssl_check_hostname',
        range: u.literal.range,
        ...at,
        fixes: [],
      });
  }

  /**
   * redis-py's TLS keys, in a call's keywords or in a dict that reaches redis-py. Inside a
   * branch on a "skip verification" switch they are the operator's explicit choice.
   */
  redisTlsKeys(): void {
    for (const u of this.urls) this.reading.claimedUrls.push(u.literal);
    const ssl = getValue(this.call.options, ['ssl']) !== undefined;
    for (const verdicts of this.#readUrls('redis-py', ssl)) this.reading.verdicts.push(...verdicts);
    const { call } = this;
    const driver = this.row.reader === 'redis-py' ? 'redis-py' : 'Redis client';
    if (this.row.reader === 'redis-py') this.#passwords(driver);
    if (call.explicit) return; // in a skip-verification branch: the operator's choice
    const certReqs = getProperty(call.options, ['ssl_cert_reqs']);
    if (certReqs)
      for (const alt of alternatives(certReqs.value, call.environment, NO_GUARDS, call.explicit)) {
        const v = alt.value;
        if (v.kind !== 'literal') continue;
        const none =
          v.value === null ||
          v.value === false ||
          v.value === 0 ||
          (typeof v.value === 'string' && /^(?:none|CERT_NONE)$/.test(v.value) && !v.fromEnv);
        if (!none) continue;
        const shown =
          v.value === null
            ? 'None'
            : typeof v.value === 'string'
              ? v.synthetic
                ? `ssl.${v.value}`
                : `'${v.value}'`
              : String(v.value === false ? 'False' : v.value);
        const fixes =
          v.synthetic || (typeof v.value === 'string' && !v.verbatim)
            ? []
            : [
                replaceWith(
                  this.context.printer,
                  v.range,
                  'required',
                  "Set ssl_cert_reqs to 'required'",
                  ...(typeof v.value === 'string' ? [v] : []),
                ),
              ];
        this.observe(
          'verification-disabled',
          v.range,
          'ssl_cert_reqs',
          {
            id: 'settingDisablesVerification',
            data: {
              driver,
              setting: `ssl_cert_reqs=${shown}`,
              secure: "ssl_cert_reqs='required'",
            },
          },
          { environment: alt.environment, explicit: alt.explicit, fixes },
        );
      }
    const hostname = getProperty(call.options, ['ssl_check_hostname']);
    if (hostname?.value.kind === 'literal' && hostname.value.value === false)
      this.observe(
        'host-unchecked',
        hostname.value.range,
        'ssl_check_hostname',
        {
          id: 'settingDisablesHostCheck',
          data: { driver, setting: 'ssl_check_hostname=False', secure: 'ssl_check_hostname=True' },
        },
        {
          fixes: [
            replaceWith(
              this.context.printer,
              hostname.value.range,
              true,
              'Set ssl_check_hostname to True',
            ),
          ],
        },
      );
    const skip = getProperty(call.options, ['INSECURE_SKIP_TLS_VERIFY']);
    if (skip?.value.kind === 'literal' && skip.value.value === true)
      this.observe(
        'verification-disabled',
        skip.value.range,
        'INSECURE_SKIP_TLS_VERIFY',
        {
          id: 'settingDisablesVerification',
          data: {
            driver: 'NetBox REDIS',
            setting: 'INSECURE_SKIP_TLS_VERIFY=True',
            secure: "'INSECURE_SKIP_TLS_VERIFY': False",
          },
        },
        {
          fixes: [
            replaceWith(
              this.context.printer,
              skip.value.range,
              false,
              'Set INSECURE_SKIP_TLS_VERIFY to False',
            ),
          ],
        },
      );
  }
}
