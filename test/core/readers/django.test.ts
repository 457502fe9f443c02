/**
 * The Django reader (src/core/readers/django.ts, mysqlclient.ts) on its own: models built
 * here, as the Python front-end would lower them, with the text they stand for, so each
 * row shows the message, the sslmode the check compares and what the fix writes.
 */
import { describe, expect, it } from 'vitest';
import type {
  Environment,
  LiteralValue,
  ObjectValue,
  Property,
  Range,
  Test,
  Value,
} from '../../../src/core/model.js';
import {
  engineReader,
  readDjangoDatabase,
  type DjangoDatabase,
  type DjangoUrlSource,
} from '../../../src/core/readers/django.js';
import type { Verdict } from '../../../src/core/verdicts.js';
import { pythonPrinter } from '../../../src/frontends/python/printer.js';

/** What a setting is written as: a literal, an environment read (with a default), a branch on DEBUG, a dict. */
type Written =
  | string
  | boolean
  | { env: string; default?: string }
  | { debug: string; otherwise: string }
  | { dict: Record<string, Written> }
  | { call: string };

const DEBUG: Test = { kind: 'environment', whenTrue: 'development', whenFalse: 'production' };
const NOT_DEBUG: Test = { kind: 'environment', whenTrue: 'production', whenFalse: 'development' };

/** Writes Python source and the values it lowers to, with their ranges. */
class Source {
  text = '';

  write(written: Written): Value {
    const start = this.text.length;
    if (typeof written === 'string') return this.#string(written);
    if (typeof written === 'boolean') {
      this.text += written ? 'True' : 'False';
      return { kind: 'literal', value: written, range: [start, this.text.length] };
    }
    if ('env' in written) {
      this.text += `os.environ.get('${written.env}'`;
      if (written.default === undefined) {
        this.text += ')';
        return { kind: 'env', name: written.env, range: [start, this.text.length] };
      }
      this.text += ', ';
      const fallback = this.#string(written.default);
      this.text += ')';
      return { ...fallback, fromEnv: { name: written.env, how: 'fallback' } };
    }
    if ('debug' in written) {
      const consequent = this.#string(written.debug);
      this.text += ' if DEBUG else ';
      const alternate = this.#string(written.otherwise);
      const range: Range = [start, this.text.length];
      return { kind: 'conditional', test: DEBUG, testRange: range, consequent, alternate, range };
    }
    if ('call' in written) {
      this.text += `${written.call}()`;
      return { kind: 'unknown', range: [start, this.text.length] };
    }
    return this.dict(written.dict);
  }

  dict(entries: Record<string, Written>, open = false): ObjectValue {
    const start = this.text.length;
    this.text += '{';
    const properties: Property[] = [];
    for (const [key, written] of Object.entries(entries)) {
      if (properties.length > 0) this.text += ', ';
      const keyStart = this.text.length;
      this.text += `'${key}': `;
      const value = this.write(written);
      properties.push({
        key,
        keyRange: [keyStart, keyStart + key.length + 2],
        value,
        range: [keyStart, this.text.length],
      });
    }
    const last = properties.at(-1);
    this.text += '}';
    return {
      kind: 'object',
      properties,
      open,
      range: [start, this.text.length],
      insertion: last
        ? { at: last.range[1], prefix: ', ', suffix: '', quote: "'" }
        : { at: start + 1, prefix: '', suffix: '', quote: "'" },
    };
  }

  #string(value: string): LiteralValue {
    const start = this.text.length;
    this.text += `'${value}'`;
    return {
      kind: 'literal',
      value,
      range: [start, this.text.length],
      contentStart: start + 1,
      verbatim: true,
    };
  }
}

interface EntrySpec {
  settings?: Record<string, Written>;
  environment?: Environment;
  open?: boolean;
  orphan?: boolean;
  live?: boolean;
  maybeChanged?: string[];
  passwords?: string[];
}

/** `{'ENGINE': …, 'HOST': …, 'OPTIONS': {…}}` as a lowered entry. */
function entry(spec: EntrySpec, source = new Source()): { database: DjangoDatabase; text: string } {
  const settings = source.dict(spec.settings ?? {}, spec.open);
  const database: DjangoDatabase = {
    alias: 'default',
    environment: spec.environment ?? 'production',
    explicit: false,
    range: settings.range,
    settings,
    passwords: (spec.passwords ?? []).map((p) => source.write(p)),
    maybeChanged: spec.maybeChanged ?? [],
    orphan: spec.orphan ?? false,
    live: spec.live ?? true,
  };
  return { database, text: source.text };
}

interface CallSpec {
  how?: DjangoUrlSource['how'];
  url?: string;
  envName?: string;
  sslRequire?: true | false | 'not DEBUG';
  engine?: string;
  settings?: Record<string, Written>;
  optionsBefore?: string[];
  optionsReplaced?: boolean;
}

/** `dj_database_url.config(default='…', ssl_require=True)` as the entry's source. */
function call(spec: CallSpec): { database: DjangoDatabase; text: string } {
  const source = new Source();
  const start = source.text.length;
  source.text += 'dj_database_url.config(';
  let url: LiteralValue | undefined;
  if (spec.url !== undefined) {
    source.text += 'default=';
    url = source.write(spec.url) as LiteralValue;
  }
  let sslRequire: DjangoUrlSource['sslRequire'];
  if (spec.sslRequire !== undefined) {
    const separator = source.text.length;
    if (url) source.text += ', ';
    const keywordStart = source.text.length;
    source.text += 'ssl_require=';
    const valueStart = source.text.length;
    const condition = spec.sslRequire === 'not DEBUG';
    source.text += condition ? 'not DEBUG' : spec.sslRequire ? 'True' : 'False';
    const valueRange: Range = [valueStart, source.text.length];
    sslRequire = {
      range: [keywordStart, source.text.length],
      value: condition
        ? { kind: 'unknown', range: valueRange }
        : { kind: 'literal', value: spec.sslRequire === true, range: valueRange },
      ...(condition ? { test: NOT_DEBUG } : {}),
      removal: [url ? separator : keywordStart, source.text.length],
    };
  }
  source.text += ')';
  const range: Range = [start, source.text.length];
  source.text += '\n';
  const { database } = entry({ settings: spec.settings ?? {} }, source);
  database.range = range;
  database.source = {
    how: spec.how ?? 'dj-database-url',
    range,
    ...(url ? { url } : {}),
    ...(spec.envName ? { envName: spec.envName } : {}),
    ...(spec.engine ? { engine: spec.engine } : {}),
    ...(sslRequire ? { sslRequire } : {}),
    optionsBefore: spec.optionsBefore ?? [],
    optionsReplaced: spec.optionsReplaced ?? false,
  };
  return { database, text: source.text };
}

/** What a row expects of the first verdict: its message id, data, sslmode and the fixed text. */
interface Expected {
  id: string;
  data?: Record<string, string>;
  sslmode?: string;
  /** The text after the first fix, or null for no fix. */
  fixed?: string | null;
  safe?: boolean;
}

function read(model: { database: DjangoDatabase; text: string }, minimumTlsVersion = 'TLSv1.2') {
  return readDjangoDatabase(model.database, {
    printer: pythonPrinter(model.text),
    minimumTlsVersion: minimumTlsVersion as 'TLSv1.2' | 'TLSv1.3',
  });
}

function applied(text: string, verdict: Verdict): string | null {
  const fix = verdict.fixes[0];
  if (!fix) return null;
  let out = text;
  for (const edit of [...fix.edits].sort((a, b) => b.range[0] - a.range[0]))
    out = out.slice(0, edit.range[0]) + edit.text + out.slice(edit.range[1]);
  return out;
}

function expectVerdicts(
  model: { database: DjangoDatabase; text: string },
  expected: readonly Expected[],
): void {
  const { verdicts } = read(model);
  expect(verdicts.map((v) => v.message.id)).toEqual(expected.map((e) => e.id));
  expected.forEach((e, i) => {
    const verdict = verdicts[i]!;
    if (e.data) expect(verdict.message.data).toMatchObject(e.data);
    if (e.sslmode !== undefined) expect(verdict.sslmode).toBe(e.sslmode);
    if (e.fixed !== undefined) expect(applied(model.text, verdict)).toBe(e.fixed);
    if (e.safe !== undefined) expect(verdict.fixes.every((f) => f.safe === e.safe)).toBe(true);
  });
}

const PG = 'django.db.backends.postgresql';
const MYSQL = 'django.db.backends.mysql';
const HOST = 'db.example.com';
const PG_ENTRY = `'ENGINE': '${PG}', 'HOST': '${HOST}'`;
const MYSQL_ENTRY = `'ENGINE': '${MYSQL}', 'HOST': '${HOST}'`;

describe('engines: which reader reads OPTIONS', () => {
  it.each([
    ['django.db.backends.postgresql', 'libpq'],
    ['django.db.backends.postgresql_psycopg2', 'libpq'],
    ['django.contrib.gis.db.backends.postgis', 'libpq'],
    ['django_cockroachdb', 'libpq'],
    ['timescale.db.backends.postgresql', 'libpq'],
    ['django_redshift_backend', 'libpq'],
    [' Django.DB.Backends.PostgreSQL ', 'libpq'],
    ['django.db.backends.mysql', 'mysqlclient'],
    ['django.contrib.gis.db.backends.mysql', 'mysqlclient'],
    ['mysql.connector.django', 'none'],
    ['django.db.backends.sqlite3', 'none'],
    ['django.db.backends.oracle', 'none'],
    ['django.db.backends.dummy', 'none'],
    ['', 'unknown'],
    ['  ', 'unknown'],
  ])('%j → %s', (engine, reader) => {
    expect(engineReader(engine)).toBe(reader);
  });
});

describe('libpq: OPTIONS of a PostgreSQL engine', () => {
  const driver = "Django PostgreSQL database 'default'";
  const rows: [string, Record<string, Written> | undefined, Expected[]][] = [
    [
      'no OPTIONS',
      undefined,
      [
        {
          id: 'djangoWithoutSslmode',
          data: { driver },
          fixed: `{${PG_ENTRY}, 'OPTIONS': {'sslmode': 'verify-full'}}`,
          safe: true,
        },
      ],
    ],
    [
      'empty OPTIONS',
      {},
      [
        {
          id: 'djangoWithoutSslmode',
          fixed: `{${PG_ENTRY}, 'OPTIONS': {'sslmode': 'verify-full'}}`,
        },
      ],
    ],
    [
      'OPTIONS without sslmode',
      { connect_timeout: '5' },
      [
        {
          id: 'djangoWithoutSslmode',
          fixed: `{${PG_ENTRY}, 'OPTIONS': {'connect_timeout': '5', 'sslmode': 'verify-full'}}`,
        },
      ],
    ],
    [
      'disable',
      { sslmode: 'disable' },
      [
        {
          id: 'settingTurnsTlsOff',
          data: { driver, setting: "sslmode 'disable'", secure: '"sslmode": "verify-full"' },
          fixed: `{${PG_ENTRY}, 'OPTIONS': {'sslmode': 'verify-full'}}`,
        },
      ],
    ],
    ['allow', { sslmode: 'allow' }, [{ id: 'sslmodeAllow', sslmode: 'allow' }]],
    ['prefer', { sslmode: 'prefer' }, [{ id: 'sslmodePrefer', sslmode: 'prefer' }]],
    [
      'require',
      { sslmode: 'require' },
      [
        {
          id: 'sslmodeRequire',
          data: { setting: "sslmode 'require'" },
          sslmode: 'require',
          fixed: `{${PG_ENTRY}, 'OPTIONS': {'sslmode': 'verify-full'}}`,
        },
      ],
    ],
    [
      'require with a root certificate verifies the chain',
      { sslmode: 'require', sslrootcert: '/ca.pem' },
      [{ id: 'sslmodeRequireWithRootCert', sslmode: 'verify-ca' }],
    ],
    [
      'require with an empty sslrootcert',
      { sslmode: 'require', sslrootcert: '' },
      [{ id: 'sslmodeRequire', sslmode: 'require' }],
    ],
    ['verify-ca', { sslmode: 'verify-ca' }, [{ id: 'sslmodeVerifyCa', sslmode: 'verify-ca' }]],
    ['verify-full', { sslmode: 'verify-full' }, []],
    [
      'no-verify is not libpq',
      { sslmode: 'no-verify' },
      [{ id: 'invalidDjangoSslmode', data: { value: 'no-verify' } }],
    ],
    [
      'libpq is case-sensitive',
      { sslmode: 'REQUIRE' },
      [{ id: 'invalidDjangoSslmode', data: { value: 'REQUIRE' } }],
    ],
    ['not an sslmode', { sslmode: 'on' }, [{ id: 'invalidDjangoSslmode' }]],
    [
      'from a variable',
      { sslmode: { env: 'PGSSLMODE' } },
      [{ id: 'sslmodeFromVariable', data: { env: 'PGSSLMODE' }, fixed: null }],
    ],
    [
      'a weak default of a variable',
      { sslmode: { env: 'PGSSLMODE', default: 'prefer' } },
      [
        {
          id: 'sslmodePreferUnlessSet',
          data: { env: 'PGSSLMODE' },
          sslmode: 'prefer',
          fixed: `{${PG_ENTRY}, 'OPTIONS': {'sslmode': os.environ.get('PGSSLMODE', 'verify-full')}}`,
        },
      ],
    ],
    [
      'disable unless set',
      { sslmode: { env: 'PGSSLMODE', default: 'disable' } },
      [{ id: 'settingTurnsTlsOffUnlessSet' }],
    ],
    [
      'invalid unless set',
      { sslmode: { env: 'PGSSLMODE', default: 'bogus' } },
      [{ id: 'invalidDjangoSslmodeUnlessSet' }],
    ],
    [
      'require unless set, with a root certificate',
      { sslmode: { env: 'PGSSLMODE', default: 'require' }, sslrootcert: '/ca.pem' },
      [{ id: 'sslmodeRequireWithRootCertUnlessSet', sslmode: 'verify-ca' }],
    ],
    [
      'each branch of DEBUG',
      { sslmode: { debug: 'disable', otherwise: 'prefer' } },
      [{ id: 'settingTurnsTlsOff' }, { id: 'sslmodePrefer' }],
    ],
    ['a call', { sslmode: { call: 'get_sslmode' } }, []],
    [
      'a minimum version below TLS 1.2',
      { sslmode: 'verify-full', ssl_min_protocol_version: 'TLSv1' },
      [
        {
          id: 'djangoVersionAllows',
          data: { key: 'ssl_min_protocol_version', version: 'TLSv1' },
          fixed: `{${PG_ENTRY}, 'OPTIONS': {'sslmode': 'verify-full', 'ssl_min_protocol_version': 'TLSv1.2'}}`,
        },
      ],
    ],
    [
      'a minimum of TLS 1.2 (the check compares it with the project minimum)',
      { sslmode: 'verify-full', ssl_min_protocol_version: 'TLSv1.2' },
      [{ id: 'djangoVersionAllows', fixed: null }],
    ],
    [
      'a maximum below TLS 1.2',
      { sslmode: 'verify-full', ssl_max_protocol_version: 'TLSv1.1' },
      [{ id: 'djangoVersionForces', data: { version: 'TLSv1.1' }, fixed: null }],
    ],
    ['a maximum of TLS 1.2', { sslmode: 'verify-full', ssl_max_protocol_version: 'TLSv1.2' }, []],
    [
      'versions are read before sslmode',
      { sslmode: 'prefer', ssl_min_protocol_version: 'TLSv1.1' },
      [{ id: 'djangoVersionAllows' }, { id: 'sslmodePrefer' }],
    ],
  ];
  it.each(rows)('%s', (_name, options, expected) => {
    const settings: Record<string, Written> = { ENGINE: PG, HOST };
    if (options) settings.OPTIONS = { dict: options };
    expectVerdicts(entry({ settings }), expected);
  });

  it.each([
    ['django.contrib.gis.db.backends.postgis'],
    ['django_cockroachdb'],
    ['django.db.backends.postgresql_psycopg2'],
  ])('%s reads OPTIONS the same way', (engine) => {
    const { verdicts } = read(entry({ settings: { ENGINE: engine, HOST } }));
    expect(verdicts.map((v) => v.message.id)).toEqual(['djangoWithoutSslmode']);
  });
});

describe('mysqlclient: OPTIONS of a MySQL engine', () => {
  const driver = "Django MySQL database 'default'";
  const secure = '"OPTIONS": {"ssl_mode": "VERIFY_IDENTITY"}';
  const rows: [string, Record<string, Written> | undefined, Expected[]][] = [
    [
      'no OPTIONS',
      undefined,
      [
        {
          id: 'mysqlclientWithoutSslMode',
          data: { driver, secure },
          fixed: `{${MYSQL_ENTRY}, 'OPTIONS': {'ssl_mode': 'VERIFY_IDENTITY'}}`,
        },
      ],
    ],
    [
      'DISABLED',
      { ssl_mode: 'DISABLED' },
      [
        {
          id: 'settingTurnsTlsOff',
          data: { setting: "ssl_mode 'DISABLED'" },
          fixed: `{${MYSQL_ENTRY}, 'OPTIONS': {'ssl_mode': 'VERIFY_IDENTITY'}}`,
        },
      ],
    ],
    ['PREFERRED', { ssl_mode: 'PREFERRED' }, [{ id: 'sslmodePrefer', sslmode: 'prefer' }]],
    ['REQUIRED', { ssl_mode: 'REQUIRED' }, [{ id: 'sslmodeRequire', sslmode: 'require' }]],
    ['VERIFY_CA', { ssl_mode: 'VERIFY_CA' }, [{ id: 'sslmodeVerifyCa', sslmode: 'verify-ca' }]],
    ['verify_ca (case-insensitive)', { ssl_mode: 'verify_ca' }, [{ id: 'sslmodeVerifyCa' }]],
    ['VERIFY_IDENTITY', { ssl_mode: 'VERIFY_IDENTITY' }, []],
    ['not a MySQL ssl-mode', { ssl_mode: 'ON' }, [{ id: 'invalidMysqlSslMode' }]],
    [
      'ssl=True is REQUIRED',
      { ssl: true },
      [
        {
          id: 'mysqlclientSslTrue',
          sslmode: 'require',
          fixed: `{${MYSQL_ENTRY}, 'OPTIONS': {'ssl': True, 'ssl_mode': 'VERIFY_IDENTITY'}}`,
        },
      ],
    ],
    [
      'an ssl dict with a CA',
      { ssl: { dict: { ca: '/ca.pem' } } },
      [{ id: 'mysqlclientSslCaWithoutMode', sslmode: 'verify-ca' }],
    ],
    [
      'an ssl dict without a CA',
      { ssl: { dict: { cert: '/c.pem' } } },
      [{ id: 'mysqlclientSslWithoutCa', sslmode: 'require' }],
    ],
    ['ssl from elsewhere', { ssl: { call: 'ssl_options' } }, []],
    ['ssl=False', { ssl: false }, [{ id: 'mysqlclientWithoutSslMode' }]],
    ['ssl_mode decides over ssl', { ssl: true, ssl_mode: 'VERIFY_IDENTITY' }, []],
  ];
  it.each(rows)('%s', (_name, options, expected) => {
    const settings: Record<string, Written> = { ENGINE: MYSQL, HOST };
    if (options) settings.OPTIONS = { dict: options };
    expectVerdicts(entry({ settings }), expected);
  });
});

describe('engines without a TLS reader', () => {
  it.each([
    ['django.db.backends.sqlite3'],
    ['django.db.backends.oracle'],
    ['mysql.connector.django'],
  ])('%s: nothing', (engine) => {
    for (const options of [{}, { sslmode: 'disable' }, { ssl_mode: 'DISABLED' }] as Record<
      string,
      Written
    >[])
      expect(
        read(entry({ settings: { ENGINE: engine, HOST, OPTIONS: { dict: options } } })).verdicts,
      ).toEqual([]);
  });

  it('without ENGINE, the OPTIONS keys name the reader', () => {
    expect(
      read(entry({ settings: { HOST, OPTIONS: { dict: { sslmode: 'prefer' } } } })).verdicts[0]
        ?.message.data,
    ).toMatchObject({ driver: "Django PostgreSQL database 'default'" });
    expect(
      read(entry({ settings: { HOST, OPTIONS: { dict: { ssl: true } } } })).verdicts[0]?.message.id,
    ).toBe('mysqlclientSslTrue');
    expect(read(entry({ settings: { HOST } })).verdicts).toEqual([]);
  });

  it('an ENGINE that cannot be read names no reader', () => {
    const model = entry({
      settings: { ENGINE: { env: 'DB_ENGINE' }, HOST, OPTIONS: { dict: { sslmode: 'prefer' } } },
    });
    expect(read(model).verdicts).toEqual([]);
  });
});

describe('what may hide OPTIONS: a missing sslmode is reported only when nothing unseen sets it', () => {
  it.each<[string, EntrySpec, boolean]>([
    ['a closed entry', {}, true],
    ['an open entry (a splat, a call)', { open: true }, false],
    ['an entry only changed here', { orphan: true }, false],
    ['an entry a later definition replaced', { live: false }, false],
    ['OPTIONS changed in a branch that may not run', { maybeChanged: ['OPTIONS'] }, false],
  ])('%s', (_name, spec, reported) => {
    const model = entry({ ...spec, settings: { ENGINE: PG, HOST } });
    expect(read(model).verdicts.length > 0).toBe(reported);
  });

  it('an open OPTIONS', () => {
    const source = new Source();
    const model = entry({ settings: { ENGINE: PG, HOST } }, source);
    const options = { ...source.dict({}, true), insertion: undefined };
    model.database.settings.properties.push({
      key: 'OPTIONS',
      keyRange: options.range,
      range: options.range,
      value: options,
    });
    expect(read(model).verdicts).toEqual([]);
  });

  it('a literal sslmode is judged even in a replaced entry', () => {
    const model = entry({
      live: false,
      settings: { ENGINE: PG, HOST, OPTIONS: { dict: { sslmode: 'prefer' } } },
    });
    expect(read(model).verdicts.map((v) => v.message.id)).toEqual(['sslmodePrefer']);
  });
});

describe('loopback and environment', () => {
  it.each<[string, Written | undefined, EntrySpec, boolean]>([
    ['localhost', 'localhost', {}, true],
    ['127.0.0.1', '127.0.0.1', {}, true],
    ['a socket path', '/var/run/postgresql', {}, true],
    ["'' (the local socket)", '', {}, true],
    ['no HOST (the local socket)', undefined, {}, true],
    ['no HOST, but the entry is open', undefined, { open: true }, false],
    ['no HOST, but a branch may set it', undefined, { maybeChanged: ['HOST'] }, false],
    ['a remote host', 'db.example.com', {}, false],
    [
      'an environment read with a loopback default',
      { env: 'DB_HOST', default: 'localhost' },
      {},
      false,
    ],
  ])('%s', (_name, host, spec, loopback) => {
    // A weak sslmode is reported whatever else the entry holds: its verdict says where it connects.
    const settings: Record<string, Written> = {
      ENGINE: PG,
      OPTIONS: { dict: { sslmode: 'prefer' } },
    };
    if (host !== undefined) settings.HOST = host;
    const { verdicts } = read(entry({ ...spec, settings }));
    expect(verdicts.map((v) => v.loopback)).toEqual([loopback]);
  });

  it('verdicts carry the entry environment and whether it is explicit', () => {
    const model = entry({ environment: 'development', settings: { ENGINE: PG, HOST } });
    model.database.explicit = true;
    const [verdict] = read(model).verdicts;
    expect(verdict).toMatchObject({ environment: 'development', explicit: true, literal: true });
  });
});

describe('passwords', () => {
  it('every PASSWORD written, with the user for the default-word check', () => {
    const model = entry({
      settings: {
        ENGINE: PG,
        HOST: 'localhost',
        USER: 'admin',
        OPTIONS: { dict: { sslmode: 'verify-full' } },
      },
      passwords: ['admin', 'Xk9#mQ2vLp7Rz'],
    });
    const { passwords } = read(model);
    expect(passwords.map((p) => [p.secret, p.holder, p.driver, p.loopback, p.user])).toEqual([
      [
        'admin',
        { kind: 'setting', key: 'PASSWORD' },
        "Django PostgreSQL database 'default'",
        true,
        'admin',
      ],
      [
        'Xk9#mQ2vLp7Rz',
        { kind: 'setting', key: 'PASSWORD' },
        "Django PostgreSQL database 'default'",
        true,
        'admin',
      ],
    ]);
  });

  it("a URL's password, by where the URL is written", () => {
    const { passwords, claimedUrl } = read(
      call({ url: 'postgres://app:Xk9#mQ2vLp7Rz@db.example.com/app?sslmode=verify-full' }),
    );
    expect(passwords.map((p) => [p.secret, p.holder, p.driver, p.user])).toEqual([
      ['Xk9#mQ2vLp7Rz', { kind: 'database-url' }, 'dj-database-url', 'app'],
    ]);
    expect(claimedUrl?.value).toMatch(/^postgres:/);
  });
});

describe('dj-database-url and django-environ', () => {
  const call_ = "dj_database_url.config(default='postgres://app@db.example.com/app";
  const rows: [string, CallSpec, Expected[]][] = [
    [
      'a literal URL without sslmode, read by libpq',
      { url: 'postgres://app@db.example.com/app' },
      [
        {
          id: 'libpqUrlWithoutSslmode',
          data: { driver: 'dj-database-url URL' },
          fixed: `${call_}?sslmode=verify-full')\n{}`,
        },
      ],
    ],
    [
      'a weak sslmode in the URL',
      { url: 'postgres://app@db.example.com/app?sslmode=prefer' },
      [{ id: 'sslmodePrefer', fixed: `${call_}?sslmode=verify-full')\n{}` }],
    ],
    ['a verified URL', { url: 'postgres://app@db.example.com/app?sslmode=verify-full' }, []],
    [
      'from the environment',
      { envName: 'DATABASE_URL' },
      [
        {
          id: 'databaseUrlFromVariable',
          data: { driver: "Django database 'default' (dj-database-url)", env: 'DATABASE_URL' },
        },
      ],
    ],
    [
      'ssl_require=True: a suggestion drops it and puts sslmode in the URL',
      { url: 'postgres://app@db.example.com/app', sslRequire: true },
      [
        {
          id: 'djangoSslRequire',
          sslmode: 'require',
          data: { driver: "Django PostgreSQL database 'default' (dj-database-url)" },
          fixed: `${call_}?sslmode=verify-full')\n{}`,
          safe: false,
        },
      ],
    ],
    [
      'ssl_require=True forces require over the URL',
      { url: 'postgres://app@db.example.com/app?sslmode=verify-full', sslRequire: true },
      [{ id: 'djangoSslRequire', sslmode: 'require', fixed: null }],
    ],
    [
      'ssl_require=True with the URL in the environment',
      { envName: 'DATABASE_URL', sslRequire: true },
      [{ id: 'djangoSslRequire', fixed: null }],
    ],
    ['ssl_require=False', { envName: 'DATABASE_URL', sslRequire: false }, []],
    [
      'ssl_require=not DEBUG is true in production',
      { envName: 'DATABASE_URL', sslRequire: 'not DEBUG' },
      [{ id: 'djangoSslRequire' }],
    ],
    [
      'ssl_require on a MySQL URL',
      { url: 'mysql://app@db.example.com/app', sslRequire: true },
      [{ id: 'djangoSslRequireMysql' }],
    ],
    [
      'a MySQL URL without ssl_mode',
      { url: 'mysql://app@db.example.com/app' },
      [{ id: 'mysqlclientUrlWithoutSslMode' }],
    ],
    [
      'a MySQL URL with ssl_mode',
      { url: 'mysql://app@db.example.com/app?ssl_mode=REQUIRED' },
      [{ id: 'sslmodeRequire', data: { setting: "ssl_mode 'REQUIRED'" }, fixed: null }],
    ],
    [
      'a MySQL URL with ssl-ca',
      { url: 'mysql://app@db.example.com/app?ssl-ca=/ca.pem' },
      [{ id: 'mysqlclientSslCa', sslmode: 'verify-ca' }],
    ],
    ['a SQLite URL', { url: 'sqlite:///db.sqlite3', sslRequire: true }, []],
    [
      'sslmode in OPTIONS after the call decides',
      {
        envName: 'DATABASE_URL',
        sslRequire: true,
        settings: { OPTIONS: { dict: { sslmode: 'verify-full' } } },
      },
      [],
    ],
    [
      'sslmode in OPTIONS before the call is replaced by it',
      {
        envName: 'DATABASE_URL',
        sslRequire: true,
        settings: { OPTIONS: { dict: { sslmode: 'verify-full' } } },
        optionsBefore: ['sslmode'],
      },
      [{ id: 'djangoSslRequire' }],
    ],
    [
      'OPTIONS replaced after the call: the call no longer sets TLS',
      {
        url: 'postgres://app@db.example.com/app?sslmode=prefer',
        settings: { ENGINE: PG, OPTIONS: { dict: {} } },
        optionsReplaced: true,
      },
      [{ id: 'djangoWithoutSslmode' }],
    ],
    [
      'engine= names the reader',
      { envName: 'DATABASE_URL', engine: MYSQL },
      [
        {
          id: 'databaseUrlFromVariable',
          data: { driver: "Django database 'default' (dj-database-url)" },
        },
      ],
    ],
    [
      'django-environ',
      { how: 'django-environ', envName: 'DATABASE_URL' },
      [
        {
          id: 'databaseUrlFromVariable',
          data: { driver: "Django database 'default' (django-environ)" },
        },
      ],
    ],
  ];
  it.each(rows)('%s', (_name, spec, expected) => {
    expectVerdicts(call(spec), expected);
  });

  it('a loopback URL is loopback; one read from the environment is not', () => {
    const local = read(call({ url: 'postgres://app@localhost/app' })).verdicts;
    expect(local.map((v) => v.loopback)).toEqual([true]);
    const unresolved = read(call({ envName: 'DATABASE_URL' })).verdicts;
    expect(unresolved.map((v) => [v.loopback, v.literal])).toEqual([[false, false]]);
  });
});
