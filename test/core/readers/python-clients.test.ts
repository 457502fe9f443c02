/**
 * The Python clients reader (src/core/readers/python-clients.ts) on its own: each row is a
 * call written as Python and the model the front-end would lower it to (keywords as an
 * object, the URL argument as a literal or an environment read), with what the reader says
 * and what the first fix writes.
 */
import { describe, expect, it } from 'vitest';
import type { LiteralValue, ObjectValue, Property, Value } from '../../../src/core/model.js';
import {
  pythonClientOf,
  readPythonClient,
  type PythonClientCall,
} from '../../../src/core/readers/python-clients.js';
import { pythonPrinter } from '../../../src/frontends/python/printer.js';
import { applied } from './helpers.js';

/** A keyword value: a string, a Python constant, an environment read, or a dict. */
type Arg =
  string | boolean | null | { env: string } | { const: string } | { dict: Record<string, Arg> };

class Call {
  text = '';

  constructor(
    readonly client: string,
    readonly callee: string,
    readonly url: Arg | undefined,
    readonly keywords: Record<string, Arg>,
    readonly optionsKeyword?: string,
  ) {}

  model(): PythonClientCall {
    this.text = `${this.callee}(`;
    const start = 0;
    let url: Value | undefined;
    if (this.url !== undefined) url = this.#write(this.url);
    const properties: Property[] = [];
    let options: ObjectValue | undefined;
    for (const [key, arg] of Object.entries(this.keywords)) {
      if (this.text.length > this.callee.length + 1) this.text += ', ';
      const keyStart = this.text.length;
      this.text += `${key}=`;
      const value = this.#write(arg);
      if (key === this.optionsKeyword && value.kind === 'object') options = value;
      properties.push({
        key,
        keyRange: [keyStart, keyStart + key.length],
        value,
        range: [keyStart, this.text.length],
      });
    }
    const insertAt = this.text.length;
    this.text += ')';
    const range = [start, this.text.length] as const;
    const keywordArguments = this.optionsKeyword === undefined;
    return {
      client: this.client,
      range,
      environment: 'production',
      explicit: false,
      ...(url ? { url } : {}),
      options: keywordArguments
        ? { kind: 'object', properties, open: false, range }
        : (options ?? { kind: 'object', properties: [], open: false, range }),
      keywordArguments,
      keywordInsertion: {
        at: insertAt,
        prefix: insertAt > this.callee.length + 1 ? ', ' : '',
        suffix: '',
      },
    };
  }

  #write(arg: Arg): Value {
    const start = this.text.length;
    if (typeof arg === 'string') {
      this.text += `'${arg}'`;
      const literal: LiteralValue = {
        kind: 'literal',
        value: arg,
        range: [start, this.text.length],
        contentStart: start + 1,
        verbatim: true,
      };
      return literal;
    }
    if (typeof arg === 'boolean' || arg === null) {
      this.text += arg === null ? 'None' : arg ? 'True' : 'False';
      return { kind: 'literal', value: arg, range: [start, this.text.length] };
    }
    if ('env' in arg) {
      this.text += `os.environ['${arg.env}']`;
      return { kind: 'env', name: arg.env, range: [start, this.text.length] };
    }
    if ('const' in arg) {
      this.text += `ssl.${arg.const}`;
      return {
        kind: 'literal',
        value: arg.const,
        range: [start, this.text.length],
        synthetic: true,
      };
    }
    this.text += '{';
    const properties: Property[] = [];
    for (const [key, value] of Object.entries(arg.dict)) {
      if (properties.length > 0) this.text += ', ';
      const keyStart = this.text.length;
      this.text += `'${key}': `;
      const v = this.#write(value);
      properties.push({
        key,
        keyRange: [keyStart, keyStart + key.length + 2],
        value: v,
        range: [keyStart, this.text.length],
      });
    }
    const at = this.text.length;
    this.text += '}';
    return {
      kind: 'object',
      properties,
      open: false,
      range: [start, this.text.length],
      insertion: { at, prefix: properties.length > 0 ? ', ' : '', suffix: '', quote: "'" },
    };
  }
}

function read(call: Call) {
  const model = call.model();
  const { verdicts, claimedUrls } = readPythonClient(model, {
    printer: pythonPrinter(call.text),
    minimumTlsVersion: 'TLSv1.2',
  });
  return {
    said: verdicts.map((v) => `${v.kind} ${v.message.id}${v.loopback ? ' (loopback)' : ''}`),
    sslmode: verdicts.map((v) => v.sslmode),
    fixed: applied(call.text, verdicts[0]?.fixes[0]),
    claimed: claimedUrls.length,
  };
}

const psycopg2 = (url: Arg | undefined, keywords: Record<string, Arg> = {}) =>
  new Call('psycopg2', 'psycopg2.connect', url, keywords);
const engine = (url: Arg, connectArgs?: Record<string, Arg>) =>
  new Call(
    'sqlalchemy',
    'create_engine',
    url,
    connectArgs ? { connect_args: { dict: connectArgs } } : {},
    'connect_args',
  );
const redis = (keywords: Record<string, Arg>) =>
  new Call('redis-py', 'redis.Redis', undefined, keywords);

describe('python clients: the call table', () => {
  it.each([
    ['psycopg2.connect', 'psycopg2'],
    ['psycopg2.pool.ThreadedConnectionPool', 'psycopg2-pool'],
    ['psycopg.connect', 'psycopg'],
    ['psycopg.AsyncConnection.connect', 'psycopg'],
    ['psycopg_pool.ConnectionPool', 'psycopg-pool'],
    ['sqlalchemy.create_engine', 'sqlalchemy'],
    ['sqlalchemy.ext.asyncio.create_async_engine', 'sqlalchemy'],
    ['redis.Redis', 'redis-py'],
    ['redis.from_url', 'redis-py-url'],
    ['asyncpg.connect', undefined],
    ['pg8000.connect', undefined],
  ])('%s → %s', (callee, id) => {
    expect(pythonClientOf(callee)?.id).toBe(id);
  });
});

describe('python clients: psycopg (libpq keywords over the conninfo)', () => {
  it.each<[string, Call, string[], string | undefined]>([
    [
      'host and no sslmode: prefer',
      psycopg2(undefined, { host: 'db.example.com' }),
      ['tls-off libpqCallWithoutSslmode'],
      "psycopg2.connect(host='db.example.com', sslmode='verify-full')",
    ],
    [
      'sslmode require',
      psycopg2(undefined, { host: 'db.example.com', sslmode: 'require' }),
      ['weak-sslmode sslmodeRequire'],
      "psycopg2.connect(host='db.example.com', sslmode='verify-full')",
    ],
    [
      'sslmode require with sslrootcert: verify-ca',
      psycopg2(undefined, { host: 'db.example.com', sslmode: 'require', sslrootcert: '/ca.pem' }),
      ['weak-sslmode sslmodeRequireWithRootCert'],
      "psycopg2.connect(host='db.example.com', sslmode='verify-full', sslrootcert='/ca.pem')",
    ],
    [
      'verify-full',
      psycopg2(undefined, { host: 'db.example.com', sslmode: 'verify-full' }),
      [],
      undefined,
    ],
    [
      'the keyword wins over the conninfo',
      psycopg2('host=db.example.com dbname=app sslmode=disable', { sslmode: 'verify-full' }),
      [],
      undefined,
    ],
    [
      'a weak conninfo: the keyword fix overrides it',
      psycopg2('host=db.example.com dbname=app sslmode=prefer'),
      ['weak-sslmode sslmodePrefer'],
      "psycopg2.connect('host=db.example.com dbname=app sslmode=prefer', sslmode='verify-full')",
    ],
    [
      'a URL without sslmode: fixed in the URL',
      psycopg2('postgresql://app@db.example.com/app'),
      ['tls-off libpqUrlWithoutSslmode'],
      "psycopg2.connect('postgresql://app@db.example.com/app?sslmode=verify-full')",
    ],
    [
      'loopback host',
      psycopg2(undefined, { host: 'localhost' }),
      ['tls-off libpqCallWithoutSslmode (loopback)'],
      "psycopg2.connect(host='localhost', sslmode='verify-full')",
    ],
    [
      'loopback URL',
      psycopg2('postgresql://app@127.0.0.1/app'),
      ['tls-off libpqUrlWithoutSslmode (loopback)'],
      "psycopg2.connect('postgresql://app@127.0.0.1/app?sslmode=verify-full')",
    ],
    [
      'a URL from the environment: not in code',
      psycopg2({ env: 'DATABASE_URL' }),
      ['tls-unresolved databaseUrlFromVariable'],
      undefined,
    ],
    [
      'no host: the PG* variables decide',
      psycopg2(undefined, {}),
      ['tls-unresolved tlsNotInCode'],
      undefined,
    ],
    [
      'sslmode from the environment',
      psycopg2(undefined, { host: 'db.example.com', sslmode: { env: 'PGSSLMODE_APP' } }),
      ['tls-unresolved sslmodeFromVariable'],
      undefined,
    ],
    [
      'old minimum protocol version',
      psycopg2(undefined, {
        host: 'db.example.com',
        sslmode: 'verify-full',
        ssl_min_protocol_version: 'TLSv1',
      }),
      ['weak-tls-version djangoVersionAllows'],
      "psycopg2.connect(host='db.example.com', sslmode='verify-full', ssl_min_protocol_version='TLSv1.2')",
    ],
  ])('%s', (_name, call, said, fixed) => {
    const result = read(call);
    expect(result.said).toEqual(said);
    expect(result.fixed).toBe(fixed);
  });

  it('claims a literal URL, so the free-string pass does not judge it again', () => {
    expect(
      read(psycopg2('postgresql://app@db.example.com/app', { sslmode: 'verify-full' })).claimed,
    ).toBe(1);
  });
});

describe('python clients: SQLAlchemy (dialect from the URL; connect_args over the query)', () => {
  it.each<[string, Call, string[], string | undefined]>([
    [
      'psycopg2 URL without sslmode',
      engine('postgresql+psycopg2://app@db.example.com/app'),
      ['tls-off libpqUrlWithoutSslmode'],
      "create_engine('postgresql+psycopg2://app@db.example.com/app?sslmode=verify-full')",
    ],
    [
      'connect_args sslmode wins over the query',
      engine('postgresql://app@db.example.com/app?sslmode=disable', { sslmode: 'verify-full' }),
      [],
      undefined,
    ],
    [
      'connect_args weakens a verified query',
      engine('postgresql://app@db.example.com/app?sslmode=verify-full', { sslmode: 'prefer' }),
      ['weak-sslmode sslmodePrefer'],
      "create_engine('postgresql://app@db.example.com/app?sslmode=verify-full', connect_args={'sslmode': 'verify-full'})",
    ],
    [
      'asyncpg: its own rules, not judged',
      engine('postgresql+asyncpg://app@db.example.com/app'),
      [],
      undefined,
    ],
    [
      'pg8000: its own rules, not judged',
      engine('postgresql+pg8000://app@db.example.com/app'),
      [],
      undefined,
    ],
    [
      'URL from the environment, sslmode in connect_args',
      engine({ env: 'DATABASE_URL' }, { sslmode: 'require' }),
      ['weak-sslmode sslmodeRequire'],
      "create_engine(os.environ['DATABASE_URL'], connect_args={'sslmode': 'verify-full'})",
    ],
    [
      'URL from the environment alone: not in code',
      engine({ env: 'DATABASE_URL' }),
      ['tls-unresolved databaseUrlFromVariable'],
      undefined,
    ],
    [
      'PyMySQL without ssl_ca',
      engine('mysql+pymysql://app@mysql.example.com/app'),
      ['tls-off pymysqlUrlWithoutCa'],
      undefined,
    ],
    [
      'PyMySQL with ssl_ca verifies',
      engine('mysql+pymysql://app@mysql.example.com/app?ssl_ca=/ca.pem'),
      [],
      undefined,
    ],
    [
      'PyMySQL with ssl_ca but no host check',
      engine('mysql+pymysql://app@mysql.example.com/app?ssl_ca=/ca.pem&ssl_check_hostname=false'),
      ['host-unchecked settingDisablesHostCheck'],
      undefined,
    ],
    [
      'PyMySQL connect_args ssl: its own dict',
      engine('mysql+pymysql://app@mysql.example.com/app', { ssl: { dict: { ca: '/ca.pem' } } }),
      [],
      undefined,
    ],
    [
      'mysqlclient URL ssl_mode REQUIRED',
      engine('mysql://app@mysql.example.com/app?ssl_mode=REQUIRED'),
      ['weak-sslmode sslmodeRequire'],
      undefined,
    ],
  ])('%s', (_name, call, said, fixed) => {
    const result = read(call);
    expect(result.said).toEqual(said);
    expect(result.fixed).toBe(fixed);
  });
});

describe('python clients: redis-py TLS keys', () => {
  it.each<[string, Call, string[], string | undefined]>([
    [
      'ssl_cert_reqs=None',
      redis({ host: 'r.example.com', ssl: true, ssl_cert_reqs: null }),
      ['verification-disabled settingDisablesVerification'],
      "redis.Redis(host='r.example.com', ssl=True, ssl_cert_reqs='required')",
    ],
    [
      "ssl_cert_reqs='none'",
      redis({ ssl_cert_reqs: 'none' }),
      ['verification-disabled settingDisablesVerification'],
      "redis.Redis(ssl_cert_reqs='required')",
    ],
    [
      'ssl.CERT_NONE (no fix: the constant is the module’s)',
      redis({ ssl_cert_reqs: { const: 'CERT_NONE' } }),
      ['verification-disabled settingDisablesVerification'],
      undefined,
    ],
    ['ssl.CERT_REQUIRED', redis({ ssl_cert_reqs: { const: 'CERT_REQUIRED' } }), [], undefined],
    [
      "'optional' is required on a client socket",
      redis({ ssl_cert_reqs: 'optional' }),
      [],
      undefined,
    ],
    [
      'ssl_check_hostname=False',
      redis({ ssl_check_hostname: false }),
      ['host-unchecked settingDisablesHostCheck'],
      'redis.Redis(ssl_check_hostname=True)',
    ],
    [
      'loopback host',
      redis({ host: '127.0.0.1', ssl_cert_reqs: null }),
      ['verification-disabled settingDisablesVerification (loopback)'],
      "redis.Redis(host='127.0.0.1', ssl_cert_reqs='required')",
    ],
    [
      'NetBox INSECURE_SKIP_TLS_VERIFY',
      new Call('tls-keys', 'dict', undefined, { INSECURE_SKIP_TLS_VERIFY: true }),
      ['verification-disabled settingDisablesVerification'],
      'dict(INSECURE_SKIP_TLS_VERIFY=False)',
    ],
  ])('%s', (_name, call, said, fixed) => {
    const result = read(call);
    expect(result.said).toEqual(said);
    expect(result.fixed).toBe(fixed);
  });
});
