import { runFrontend } from '../../src/scanner/run-frontend.js';
import { fileURLToPath } from 'node:url';
import { classifyFile } from '../../src/core/environment.js';
import { DEFAULT_POLICY_OPTIONS, type Finding, type PolicyOptions } from '../../src/core/model.js';
import { formatMessage } from '../../src/core/messages.js';
import {
  isPythonModule,
  isSettingsFile,
  mayConcernDatabases,
  pythonFrontend,
} from '../../src/frontends/python/index.js';
import { runFixtures } from './fixture-runner.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/python/', import.meta.url));
/** Distinctive fake secrets written in the fixtures: never in a message or fix description. */
const SECRETS = [
  'Xk9#mQ2vLp7Rz',
  'Tq4$wN8bVc1Jd',
  'Hf6!pL3sKd9Wq',
  'Zr5%yU2nBx8Mv',
  'Gm7&tE4cQw1Ps',
  'Nb3*kJ9fRt6Ly',
  'Wd8^hP5zXq2Ke',
];

describe('python front-end: fixtures (default profile)', () => {
  runFixtures(pythonFrontend, FIXTURES, { secrets: SECRETS, filter: /^(?!strict\/|require\/)/ });
});

describe('python front-end: fixtures (strict profile)', () => {
  runFixtures(pythonFrontend, FIXTURES, {
    secrets: SECRETS,
    filter: /^strict\//,
    options: { profile: 'strict' },
  });
});

describe('python front-end: fixtures (minimumSslmode require)', () => {
  runFixtures(pythonFrontend, FIXTURES, {
    secrets: SECRETS,
    filter: /^require\//,
    options: { minimumSslmode: 'require' },
  });
});

export async function analyze(
  relativePath: string,
  text: string,
  options: Partial<PolicyOptions> = {},
) {
  await pythonFrontend.load!();
  return runFrontend(
    pythonFrontend,
    { path: `/repo/${relativePath}`, relativePath, text, bom: false },
    {
      file: classifyFile(relativePath),
      options: { ...DEFAULT_POLICY_OPTIONS, ...options },
      project: { urlConsumers: new Map() },
    },
  );
}

export function applyFixes(text: string, findings: readonly Finding[], safeOnly = true): string {
  const edits = findings.flatMap((f) =>
    f.fixes
      .filter((x) => !safeOnly || x.safe)
      .slice(0, 1)
      .flatMap((x) => x.edits),
  );
  edits.sort((a, b) => b.range[0] - a.range[0] || b.range[1] - a.range[1]);
  let out = text;
  let lastStart = Infinity;
  for (const e of edits) {
    if (e.range[1] > lastStart) continue; // overlapping: the next run picks it up
    out = out.slice(0, e.range[0]) + e.text + out.slice(e.range[1]);
    lastStart = e.range[0];
  }
  return out;
}

describe('python front-end: file names', () => {
  it.each([
    ['settings.py', true],
    ['mysite/settings.py', true],
    ['config/settings/production.py', true],
    ['config/settings/__init__.py', true],
    ['mysite/local_settings.py', true],
    ['mysite/prod_settings.py', true],
    ['mysite/settings_dev.py', true],
    ['mysite/settings.prod.py', true],
    ['mysite/test_settings.py', true],
    ['mysite/views.py', false],
    ['mysite/mysettings.py', false],
    ['settings.pyc', false],
  ])('%s → %s', (path, expected) => {
    expect(isSettingsFile(path)).toBe(expected);
  });
});

describe('python front-end: which modules are read and parsed', () => {
  it.each([
    ['app/db.py', true],
    ['netbox/configuration.py', true],
    ['.venv/lib/python3.12/site-packages/psycopg2/__init__.py', false],
    ['venv/lib/python3.11/site-packages/redis/client.py', false],
    ['/usr/lib/python3/dist-packages/sqlalchemy/engine/create.py', false],
    ['app/__pycache__/db.py', false],
    ['app/migrations/0001_initial.py', false],
    ['.tox/py312/lib/x.py', false],
    ['app/db.pyc', false],
  ])('%s → %s', (path, expected) => {
    expect(isPythonModule(path)).toBe(expected);
  });

  it.each([
    ["DATABASES = {'default': {}}", true],
    ["DATABASE = {'NAME': 'netbox'}", true],
    ['import dj_database_url', true],
    ["db = env.db('DATABASE_URL')", true],
    ['import psycopg2', true],
    ['from sqlalchemy import create_engine', true],
    ['r = Redis(ssl_cert_reqs=None)', true],
    ["URL = 'rediss://cache:6380/0'", true],
    ["DB_PASS = 'x'", true],
    ["PASSWORD_HASHERS = ['x']", true],
    ['def view(request):\n    pass\n', false],
    ["HOMEPAGE = 'https://example.com/database'", false],
    ['class Database: pass', false],
  ])('%s → parsed: %s', (text, expected) => {
    expect(mayConcernDatabases(text)).toBe(expected);
  });
});

describe('python front-end: fixes', () => {
  const transportRules = new Set([
    'require-ssl',
    'no-weak-sslmode',
    'min-tls-version',
    'no-disabled-cert-verification',
  ]);
  const cases: [string, string, string][] = [
    [
      'inserts OPTIONS on its own line, in the dict style',
      "DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.postgresql',\n        'HOST': 'db.example.com'\n    }\n}\n",
      "DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.postgresql',\n        'HOST': 'db.example.com',\n        'OPTIONS': {'sslmode': 'verify-full'},\n    }\n}\n",
    ],
    [
      'keeps double quotes, trailing commas and CRLF',
      'DATABASES = {\r\n    "default": {\r\n        "ENGINE": "django.db.backends.postgresql",\r\n        "HOST": "db.example.com",  # primary\r\n    },\r\n}\r\n',
      'DATABASES = {\r\n    "default": {\r\n        "ENGINE": "django.db.backends.postgresql",\r\n        "HOST": "db.example.com",  # primary\r\n        "OPTIONS": {"sslmode": "verify-full"},\r\n    },\r\n}\r\n',
    ],
    [
      'inline dicts stay inline',
      "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.example.com'}}\n",
      "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.example.com', 'OPTIONS': {'sslmode': 'verify-full'}}}\n",
    ],
    [
      'adds sslmode to an existing OPTIONS',
      "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.example.com', 'OPTIONS': {'connect_timeout': 5}}}\n",
      "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.example.com', 'OPTIONS': {'connect_timeout': 5, 'sslmode': 'verify-full'}}}\n",
    ],
    [
      'raises a weak sslmode and a weak minimum version in place',
      "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.example.com', 'OPTIONS': {'sslmode': 'require', 'ssl_min_protocol_version': 'TLSv1'}}}\n",
      "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.example.com', 'OPTIONS': {'sslmode': 'verify-full', 'ssl_min_protocol_version': 'TLSv1.2'}}}\n",
    ],
    [
      'MySQL: ssl_mode VERIFY_IDENTITY',
      "DATABASES = {'default': {'ENGINE': 'django.db.backends.mysql', 'HOST': 'db.example.com', 'OPTIONS': {'ssl_mode': 'REQUIRED'}}, 'b': {'ENGINE': 'django.db.backends.mysql', 'HOST': 'db.example.com'}}\n",
      "DATABASES = {'default': {'ENGINE': 'django.db.backends.mysql', 'HOST': 'db.example.com', 'OPTIONS': {'ssl_mode': 'VERIFY_IDENTITY'}}, 'b': {'ENGINE': 'django.db.backends.mysql', 'HOST': 'db.example.com', 'OPTIONS': {'ssl_mode': 'VERIFY_IDENTITY'}}}\n",
    ],
    [
      'dj-database-url literal URL: sslmode=verify-full',
      "import dj_database_url\nDATABASES = {'default': dj_database_url.parse('postgres://app@db.example.com/app?sslmode=prefer')}\n",
      "import dj_database_url\nDATABASES = {'default': dj_database_url.parse('postgres://app@db.example.com/app?sslmode=verify-full')}\n",
    ],
    [
      'psycopg2.connect: sslmode keyword added after the last argument',
      "import psycopg2\nconn = psycopg2.connect(host='db.example.com', dbname='app')\n",
      "import psycopg2\nconn = psycopg2.connect(host='db.example.com', dbname='app', sslmode='verify-full')\n",
    ],
    [
      'psycopg2.connect over several lines keeps its indentation and trailing comma',
      'import psycopg2\nconn = psycopg2.connect(\n    host="db.example.com",\n    dbname="app",\n)\n',
      'import psycopg2\nconn = psycopg2.connect(\n    host="db.example.com",\n    dbname="app",\n    sslmode=\'verify-full\',\n)\n',
    ],
    [
      'psycopg: a weak sslmode keyword replaced in place, protocol bound raised',
      "import psycopg\nconn = psycopg.connect('postgresql://app@db.example.com/app', sslmode=\"prefer\", ssl_min_protocol_version='TLSv1.1')\n",
      "import psycopg\nconn = psycopg.connect('postgresql://app@db.example.com/app', sslmode=\"verify-full\", ssl_min_protocol_version='TLSv1.2')\n",
    ],
    [
      'psycopg conninfo URL without sslmode: sslmode=verify-full in the URL',
      "import psycopg\nconn = psycopg.connect('postgresql://app@db.example.com/app')\n",
      "import psycopg\nconn = psycopg.connect('postgresql://app@db.example.com/app?sslmode=verify-full')\n",
    ],
    [
      'SQLAlchemy: sslmode in connect_args replaced; a URL without sslmode gets one',
      "from sqlalchemy import create_engine\na = create_engine('postgresql+psycopg2://app@db.example.com/app', connect_args={'sslmode': 'require'})\nb = create_engine('postgresql://app@db.example.com/app')\n",
      "from sqlalchemy import create_engine\na = create_engine('postgresql+psycopg2://app@db.example.com/app', connect_args={'sslmode': 'verify-full'})\nb = create_engine('postgresql://app@db.example.com/app?sslmode=verify-full')\n",
    ],
    [
      'psycopg_pool kwargs dict: sslmode added in its own quote style',
      'from psycopg_pool import ConnectionPool\npool = ConnectionPool("host=db.example.com dbname=app", kwargs={"application_name": "app"})\n',
      'from psycopg_pool import ConnectionPool\npool = ConnectionPool("host=db.example.com dbname=app", kwargs={"application_name": "app", "sslmode": "verify-full"})\n',
    ],
    [
      "redis-py: ssl_cert_reqs None and 'none' become 'required', ssl_check_hostname True",
      "import redis\nr = redis.Redis(host='r.example.com', ssl=True, ssl_cert_reqs=None, ssl_check_hostname=False)\nCACHES = {'default': {'OPTIONS': {'CONNECTION_POOL_KWARGS': {'ssl_cert_reqs': \"none\"}}}}\nu = redis.from_url('rediss://r.example.com:6380/0?ssl_cert_reqs=none')\n",
      "import redis\nr = redis.Redis(host='r.example.com', ssl=True, ssl_cert_reqs='required', ssl_check_hostname=True)\nCACHES = {'default': {'OPTIONS': {'CONNECTION_POOL_KWARGS': {'ssl_cert_reqs': \"required\"}}}}\nu = redis.from_url('rediss://r.example.com:6380/0?ssl_cert_reqs=required')\n",
    ],
    [
      'NetBox DATABASE: OPTIONS added; REDIS INSECURE_SKIP_TLS_VERIFY turned off',
      "DATABASE = {'NAME': 'netbox', 'HOST': 'db.example.com'}\nREDIS = {'tasks': {'HOST': 'r.example.com', 'SSL': True, 'INSECURE_SKIP_TLS_VERIFY': True}}\n",
      "DATABASE = {'NAME': 'netbox', 'HOST': 'db.example.com', 'OPTIONS': {'sslmode': 'verify-full'}}\nREDIS = {'tasks': {'HOST': 'r.example.com', 'SSL': True, 'INSECURE_SKIP_TLS_VERIFY': False}}\n",
    ],
  ];
  it.each(cases)('%s', async (_name, before, after) => {
    const first = await analyze('settings.py', before);
    const fixed = applyFixes(before, first.findings);
    expect(fixed).toBe(after);
    const second = await analyze('settings.py', fixed);
    expect(second.diagnostics).toEqual([]);
    expect(second.findings.filter((f) => transportRules.has(f.ruleId))).toEqual([]);
    expect(second.findings).toEqual([]);
    expect(applyFixes(fixed, second.findings)).toBe(fixed); // idempotent
  });

  it('ssl_require=True is a suggestion only: drop it and put sslmode in the URL', async () => {
    const text =
      "import dj_database_url\nDATABASES = {'default': dj_database_url.parse('postgres://app@db.example.com/app', conn_max_age=60, ssl_require=True)}\n";
    const { findings } = await analyze('settings.py', text);
    const finding = findings.find((f) => f.ruleId === 'no-weak-sslmode')!;
    expect(finding.fixes.every((f) => !f.safe)).toBe(true);
    expect(applyFixes(text, findings, false)).toBe(
      "import dj_database_url\nDATABASES = {'default': dj_database_url.parse('postgres://app@db.example.com/app?sslmode=verify-full', conn_max_age=60)}\n",
    );
    expect(applyFixes(text, findings)).toBe(text);
  });

  it('never touches a development site, and never fixes a password', async () => {
    const text =
      "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.example.com', 'PASSWORD': 'Xk9#mQ2vLp7Rz'}}\n";
    const strict = await analyze('settings_dev.py', text, { profile: 'strict' });
    expect(strict.findings.map((f) => f.ruleId).sort()).toEqual([
      'no-hardcoded-credentials',
      'require-ssl',
    ]);
    expect(applyFixes(text, strict.findings)).toBe(text);
    const prod = await analyze('settings.py', text);
    expect(
      prod.findings
        .find((f) => f.ruleId === 'no-hardcoded-credentials')!
        .fixes.filter((f) => f.safe),
    ).toEqual([]);
  });
});

describe('python front-end: bad input', () => {
  it('a syntax error yields a diagnostic and what could still be read', async () => {
    const text =
      "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.example.com'}}\n\ndef broken(:\n    pass\n";
    const out = await analyze('settings.py', text);
    expect(out.diagnostics).toHaveLength(1);
    expect(out.diagnostics[0]!.message).toMatch(/syntax error near line 3/);
    expect(out.findings.map((f) => f.ruleId)).toEqual(['require-ssl']);
  });

  it('binary content is skipped with a diagnostic', async () => {
    const out = await analyze('settings.py', 'DATABASES = {\u0000\u0001\u00ff}');
    expect(out.findings).toEqual([]);
    expect(out.diagnostics[0]!.message).toMatch(/binary/);
  });

  it('a huge single line neither throws nor hangs', async () => {
    const text = `X = '${'a'.repeat(5_000_000)}'\nDATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.example.com'}}\n`;
    const started = Date.now();
    const out = await analyze('settings.py', text);
    expect(out.findings.map((f) => f.ruleId)).toEqual(['require-ssl']);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('deep nesting and garbage do not throw', async () => {
    const nested = `X = ${'['.repeat(3000)}${']'.repeat(3000)}\n`;
    await expect(analyze('settings.py', nested)).resolves.toBeDefined();
    await expect(
      analyze('settings.py', ")))}}}]]] DATABASES[ = = {{ 'default'"),
    ).resolves.toBeDefined();
    await expect(analyze('settings.py', '')).resolves.toEqual({ findings: [], diagnostics: [] });
  });

  it('a very deep tree (a long operator chain) is copied and analysed without recursion', async () => {
    const chain = `X = ${Array.from({ length: 100_000 }, () => '1').join(' + ')}\n`;
    const text = `${chain}DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.example.com'}}\n`;
    const out = await analyze('settings.py', text);
    expect(out.diagnostics).toEqual([]);
    expect(out.findings.map((f) => f.ruleId)).toEqual(['require-ssl']);
  });

  it('messages never contain the secret', async () => {
    const text =
      "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.example.com', 'PASSWORD': 'Xk9#mQ2vLp7Rz', 'OPTIONS': {'sslmode': 'verify-full'}}}\n";
    const { findings } = await analyze('settings.py', text);
    expect(findings).toHaveLength(1);
    const message = formatMessage(findings[0]!.messageId, findings[0]!.data);
    expect(message).not.toContain('Xk9#mQ2vLp7Rz');
    expect(message).toContain('X*** (13 chars)');
  });
});
