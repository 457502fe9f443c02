import { runFrontend } from '../../src/scanner/run-frontend.js';
import { join } from 'node:path';
import { dotenvFrontend, isEnvFile, parseDotenv } from '../../src/frontends/dotenv/index.js';
import { classifyFile } from '../../src/core/environment.js';
import { DEFAULT_POLICY_OPTIONS } from '../../src/core/model.js';
import { formatMessage } from '../../src/core/messages.js';
import type { ProjectFacts } from '../../src/frontends/types.js';
import type { FrontendFindings } from '../../src/scanner/run-frontend.js';
import { applyFix, runFixtures } from './fixture-runner.js';

const dir = join(import.meta.dirname, 'fixtures/dotenv');
const SECRETS = [
  'Zq8vR2pL5wN!x',
  'Tr0ub4dor&3xK',
  'Mssql-Sa-9xQ!',
  'Redis-7kP!wq',
  'Mk9!orm-Pass',
  'Db#Pass-42x',
  'Fallback9Secret',
  'Pg!Secr3t-9x',
  'Old!Pa55w0rd-x',
  'Qm7$wPz2!kR9',
  'Dv8!kLq2Zx4m',
  'Ts7!kLq2Zx4m',
  'Ex4mple!Leaked',
  'Sampl3!Real-one',
  'Dash-Sampl3!x',
  'Envrc-S3cret!',
  'Lp9!xQ2wRt7z',
  'Nd3v!Still-Real',
  'Crlf-Secr3t!x',
  'hunter22',
  'letmein',
  'changeme',
];
const prisma: ProjectFacts = {
  urlConsumers: new Map([
    ['DATABASE_URL', { semantics: 'prisma', driver: 'Prisma' }],
    ['DIRECT_URL', { semantics: 'prisma', driver: 'Prisma' }],
    ['SHADOW_DATABASE_URL', { semantics: 'prisma', driver: 'Prisma' }],
    ['SLONIK_DSN', { semantics: 'slonik', driver: 'Slonik' }],
  ]),
};

function analyze(
  relativePath: string,
  text: string,
  project: ProjectFacts = { urlConsumers: new Map() },
): FrontendFindings {
  return runFrontend(
    dotenvFrontend,
    { path: `/repo/${relativePath}`, relativePath, text, bom: false },
    { file: classifyFile(relativePath), options: DEFAULT_POLICY_OPTIONS, project },
  );
}

describe('dotenv fixtures', () => {
  runFixtures(dotenvFrontend, dir, {
    filter: /^(?!strict\/|minimum\/|consumers\/)/,
    secrets: SECRETS,
  });
  runFixtures(dotenvFrontend, dir, {
    filter: /^strict\//,
    options: { profile: 'strict' },
    secrets: SECRETS,
  });
  runFixtures(dotenvFrontend, dir, {
    filter: /^minimum\//,
    options: { minimumSslmode: 'require' },
  });
  runFixtures(dotenvFrontend, dir, { filter: /^consumers\//, project: prisma });
});

describe('dotenv file names', () => {
  it.each([
    '.env',
    '.env.production',
    '.env.local',
    '.env-sample',
    '.env_sample',
    'env.sample',
    'env.example',
    'sample.env',
    'prod.env',
    'config/.env.test',
    '.envrc',
  ])('reads %s', (path) => {
    expect(isEnvFile(path)).toBe(true);
  });
  it.each([
    '.env.js',
    '.env.ts',
    '.env.json',
    '.env.yml',
    'src/env.ts',
    'environment.ts',
    '.environment',
    'dotenv.md',
    '.env.vault',
  ])('leaves %s to others', (path) => {
    expect(isEnvFile(path)).toBe(false);
  });
});

describe('dotenv parser', () => {
  it('gives exact value ranges for every quoting style', () => {
    const text = 'A=plain # c\nexport B="dq"\nC=\'sq\'\nD=`bt`\nE: colon\n  F = spaced  \n';
    const { assignments } = parseDotenv(text);
    expect(
      assignments.map((a) => [
        a.name,
        a.value.value,
        text.slice(a.value.contentStart, a.value.contentStart! + String(a.value.value).length),
      ]),
    ).toEqual([
      ['A', 'plain', 'plain'],
      ['B', 'dq', 'dq'],
      ['C', 'sq', 'sq'],
      ['D', 'bt', 'bt'],
      ['E', 'colon', 'colon'],
      ['F', 'spaced', 'spaced'],
    ]);
    expect(assignments.every((a) => a.value.verbatim)).toBe(true);
  });

  it('reads multi-line double-quoted values and escapes', () => {
    const { assignments } = parseDotenv('KEY="a\nb"\nNEXT="x\\ny"\nLAST=1\n');
    expect(assignments.map((a) => [a.name, a.value.value, a.value.verbatim])).toEqual([
      ['KEY', 'a\nb', true],
      ['NEXT', 'x\ny', false],
      ['LAST', '1', true],
    ]);
  });

  it('keeps a `#` that is not preceded by whitespace, and an unclosed quote as text', () => {
    const { assignments } = parseDotenv('P=ab#cd # comment\nQ="open\n');
    expect(assignments.map((a) => a.value.value)).toEqual(['ab#cd', '"open']);
  });

  it('handles CRLF', () => {
    const { assignments } = parseDotenv('A=1\r\nB="two"\r\n');
    expect(assignments.map((a) => a.value.value)).toEqual(['1', 'two']);
  });
});

describe('dotenv fixes', () => {
  it('sets PGSSLMODE to verify-full, keeping quotes and line endings, and a second run finds nothing', () => {
    const text = 'PGSSLMODE="require"\r\nDB_SSL_REJECT_UNAUTHORIZED=FALSE\r\n';
    const first = analyze('.env', text).findings;
    expect(first.map((f) => [f.ruleId, f.fixes[0]?.safe])).toEqual([
      ['no-weak-sslmode', true],
      ['no-disabled-cert-verification', true],
    ]);
    let fixed = applyFix(text, first[1]!);
    fixed = applyFix(fixed, analyze('.env', fixed).findings[0]!);
    expect(fixed).toBe('PGSSLMODE="verify-full"\r\nDB_SSL_REJECT_UNAUTHORIZED=TRUE\r\n');
    expect(analyze('.env', fixed).findings).toEqual([]);
  });

  it('adds sslmode=verify-full to a URL without one', () => {
    const text = 'DATABASE_URL=postgres://app@db.example.com/app\n';
    const [finding] = analyze('.env', text).findings;
    const fixed = applyFix(text, finding!);
    expect(fixed).toBe('DATABASE_URL=postgres://app@db.example.com/app?sslmode=verify-full\n');
    expect(analyze('.env', fixed).findings).toEqual([]);
  });

  it("writes the consumer's secure value: Prisma gets sslmode=require&sslaccept=strict", () => {
    const text = 'DATABASE_URL=postgresql://app@db.example.com/app?sslmode=verify-full\n';
    const [finding] = analyze('.env', text, prisma).findings;
    const fixed = applyFix(text, finding!);
    expect(fixed).toBe(
      'DATABASE_URL=postgresql://app@db.example.com/app?sslmode=require&sslaccept=strict\n',
    );
    expect(analyze('.env', fixed, prisma).findings).toEqual([]);
  });

  it('only suggests removing NODE_TLS_REJECT_UNAUTHORIZED (not safe to apply unattended)', () => {
    const text = 'A=1\nNODE_TLS_REJECT_UNAUTHORIZED=0\nB=2\n';
    const [finding] = analyze('.env', text).findings;
    expect(finding!.fixes).toHaveLength(1);
    expect(finding!.fixes[0]!.safe).toBe(false);
    expect(applyFix(text, finding!)).toBe('A=1\nB=2\n');
  });

  it('offers app switches as suggestions only, never fixes a development file, never fixes a password', () => {
    expect(analyze('.env', 'DB_SSL=false\n').findings[0]!.fixes.every((f) => !f.safe)).toBe(true);
    const dev = analyze('.env.development', 'NODE_OPTIONS=--tls-min-v1.0\n').findings;
    expect(dev).toHaveLength(1);
    expect(dev[0]!.fixes.every((f) => !f.safe)).toBe(true);
    expect(analyze('.env', 'DB_PASSWORD=Zq8vR2pL5wN!x\n').findings[0]!.fixes).toEqual([]);
  });
});

describe('dotenv messages', () => {
  it('names the consumer of a URL and masks secrets', () => {
    const [weak] = analyze(
      '.env',
      'DATABASE_URL=postgres://app@db.example.com/app?sslmode=require\n',
    ).findings;
    expect(formatMessage(weak!.messageId, weak!.data)).toMatch(/DATABASE_URL \(read as libpq\)/);
    const [secret] = analyze('.env', 'DB_PASSWORD=Zq8vR2pL5wN!x\n').findings;
    const message = formatMessage(secret!.messageId, secret!.data);
    expect(message).toContain('Z*** (13 chars)');
    expect(message).not.toContain('Zq8vR2pL5wN!x');
  });
});

describe('dotenv bad input', () => {
  it('reports a binary file as a diagnostic without its content', () => {
    const output = analyze('.env', 'PGSSLMODE=disable\u0000\u0001\u0002 Zq8vR2pL5wN!x');
    expect(output.findings).toEqual([]);
    expect(output.diagnostics).toHaveLength(1);
    expect(output.diagnostics[0]!.message).not.toContain('Zq8vR2pL5wN');
  });

  it('parses a 5 MB single-line value', () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    expect(analyze('.env', `DB_PASSWORD=${big}\n`).diagnostics).toEqual([]);
    expect(analyze('.env', `NOTE="${big}`).findings).toEqual([]);
    expect(analyze('.env', `NODE_OPTIONS=${'--a '.repeat(1024 * 1024)}\n`).findings).toEqual([]);
  });

  it('stays linear with many unclosed quotes', () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `K${i}="unclosed ${i}`).join('\n');
    expect(analyze('.env', lines).diagnostics).toEqual([]);
  });
});
