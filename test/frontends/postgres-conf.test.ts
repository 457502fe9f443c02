import { runFrontend } from '../../src/scanner/run-frontend.js';
import { fileURLToPath } from 'node:url';
import { classifyFile } from '../../src/core/environment.js';
import { DEFAULT_POLICY_OPTIONS, type PolicyOptions } from '../../src/core/model.js';
import { formatMessage } from '../../src/core/messages.js';
import {
  confKind,
  hbaRecords,
  parseConf,
  postgresConfFrontend,
} from '../../src/frontends/postgres-conf/index.js';
import { isLoopbackAddress } from '../../src/core/readers/pg-hba.js';
import { runFixtures } from './fixture-runner.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/postgres-conf/', import.meta.url));
const SECRETS = ['Xk9#mQ2vLp7Rz'];

describe('postgres-conf front-end: fixtures', () => {
  runFixtures(postgresConfFrontend, FIXTURES, { secrets: SECRETS, filter: /^(?!strict\/)/ });
});
describe('postgres-conf front-end: fixtures (strict)', () => {
  runFixtures(postgresConfFrontend, FIXTURES, {
    secrets: SECRETS,
    filter: /^strict\//,
    options: { profile: 'strict' },
  });
});

function run(relativePath: string, text: string, options: Partial<PolicyOptions> = {}) {
  return runFrontend(
    postgresConfFrontend,
    { path: `/r/${relativePath}`, relativePath, text, bom: false },
    {
      file: classifyFile(relativePath),
      options: { ...DEFAULT_POLICY_OPTIONS, ...options },
      project: { urlConsumers: new Map() },
    },
  );
}

describe('postgres-conf front-end', () => {
  it.each([
    ['postgresql.conf', 'conf'],
    ['docker/postgres/postgresql.conf', 'conf'],
    ['postgresql.auto.conf', 'conf'],
    ['config/postgresql-prod.conf', 'conf'],
    ['pg_hba.conf', 'hba'],
    ['pg_hba.prod.conf', 'hba'],
    ['etc/postgresql/16/main/conf.d/ssl.conf', 'conf'],
    ['nginx/conf.d/site.conf', undefined],
    ['my.cnf', undefined],
  ])('%s is %s', (path, kind) => {
    expect(confKind(path)).toBe(kind);
  });

  it('parses quotes, escapes, both separators and comments exactly', () => {
    const text = "a = 'x''y' # c\nB\t'on'\nc=1#x\nd = 'it\\'s'\n# e = 1\n";
    const settings = parseConf(text);
    expect(settings.map((s) => [s.name, s.value])).toEqual([
      ['a', "x'y"],
      ['b', 'on'],
      ['c', '1'],
      ['d', "it's"],
    ]);
    expect(text.slice(...settings[1]!.valueRange)).toBe("'on'");
  });

  it('splits pg_hba records with quotes and continuations', () => {
    const records = hbaRecords('host "a b" all 10.0.0.0/8 \\\n md5 # c\nlocal all all peer');
    expect(records.map((r) => r.map((f) => f.text))).toEqual([
      ['host', 'a b', 'all', '10.0.0.0/8', 'md5'],
      ['local', 'all', 'all', 'peer'],
    ]);
  });

  it.each([
    ['127.0.0.1/32', undefined, true],
    ['127.0.0.0/8', undefined, true],
    ['127.0.0.1', '255.255.255.255', true],
    ['127.0.0.1', '0.0.0.0', false],
    ['127.0.0.1/0', undefined, false],
    ['::1/128', undefined, true],
    ['::1/64', undefined, false],
    ['samehost', undefined, true],
    ['samenet', undefined, false],
    ['0.0.0.0/0', undefined, false],
    ['all', undefined, false],
  ])('%s %s loopback: %s', (address, mask, expected) => {
    expect(isLoopbackAddress(address, mask)).toBe(expected);
  });

  it('fixes: ssl_min_protocol_version is raised safely; ssl, password_encryption and pg_hba are suggestions', () => {
    const text =
      "listen_addresses = '*'\nssl = off\nssl_min_protocol_version = 'TLSv1'\npassword_encryption = md5\n";
    const { findings } = run('postgresql.conf', text);
    const safe = findings.flatMap((f) => f.fixes.filter((x) => x.safe));
    expect(safe.map((f) => f.description)).toEqual(["Set ssl_min_protocol_version = 'TLSv1.2'"]);
    const edit = safe[0]!.edits[0]!;
    const fixed = text.slice(0, edit.range[0]) + edit.text + text.slice(edit.range[1]);
    expect(fixed).toContain("ssl_min_protocol_version = 'TLSv1.2'");
    expect(
      run('postgresql.conf', fixed).findings.filter((f) => f.ruleId === 'min-tls-version'),
    ).toEqual([]);
    const hba = run('pg_hba.conf', 'host all all 0.0.0.0/0 md5\n').findings;
    expect(hba.every((f) => f.fixes.every((x) => !x.safe))).toBe(true);
  });

  it('minimumTlsVersion TLSv1.3 also reports TLSv1.2', () => {
    expect(
      run('postgresql.conf', "ssl = on\nssl_min_protocol_version = 'TLSv1.2'\n", {
        minimumTlsVersion: 'TLSv1.3',
      }).findings.map((f) => f.ruleId),
    ).toEqual(['min-tls-version']);
  });

  it('messages are complete and never show the secret', () => {
    const { findings } = run(
      'postgresql.conf',
      "ssl = on\nprimary_conninfo = 'host=db.example.com password=Xk9#mQ2vLp7Rz sslmode=verify-full'\n",
    );
    expect(findings.map((f) => f.ruleId)).toEqual(['no-hardcoded-credentials']);
    expect(formatMessage(findings[0]!.messageId, findings[0]!.data)).not.toContain('Xk9#mQ2vLp7Rz');
  });

  it('bad input never throws', () => {
    expect(
      run('pg_hba.conf', 'host\nhost all\nhost all all\n"host" all all 0.0.0.0/0 trust\n\\\n')
        .findings,
    ).toEqual([]);
    expect(run('postgresql.conf', 'ssl = on\n' + '#'.repeat(5_000_000)).findings).toEqual([]);
    expect(run('pg_hba.conf', '\u0000\u0001binary').diagnostics).toHaveLength(1);
    expect(run('postgresql.conf', "ssl = 'on\nx = '").findings).toBeDefined();
  });
});
