import { runFrontend } from '../../src/scanner/run-frontend.js';
import { join } from 'node:path';
import { classifyFile } from '../../src/core/environment.js';
import { DEFAULT_POLICY_OPTIONS } from '../../src/core/model.js';
import { formatMessage } from '../../src/core/messages.js';
import { isDatabaseJson, jsonFrontend } from '../../src/frontends/json/index.js';
import type { ProjectFacts } from '../../src/frontends/types.js';
import type { FrontendFindings } from '../../src/scanner/run-frontend.js';
import { applyFix, runFixtures } from './fixture-runner.js';

const dir = join(import.meta.dirname, 'fixtures/json');
const SECRETS = [
  'T3st!Json-Secret',
  'Pr0d!Json-Secret',
  'Ur1!Json-Secret',
  '0rm!Json-Secret',
  'N0de!Config-pw',
];

function analyze(relativePath: string, text: string): FrontendFindings {
  return runFrontend(
    jsonFrontend,
    { path: `/repo/${relativePath}`, relativePath, text, bom: false },
    {
      file: classifyFile(relativePath),
      options: DEFAULT_POLICY_OPTIONS,
      project: { urlConsumers: new Map() },
    },
  );
}

describe('json fixtures', () => {
  runFixtures(jsonFrontend, dir, { filter: /^(?!strict\/)/, secrets: SECRETS });
  runFixtures(jsonFrontend, dir, { filter: /^strict\//, options: { profile: 'strict' } });
});

describe('json file names', () => {
  it.each([
    'config/config.json',
    'ormconfig.json',
    'packages/api/ormconfig.json',
    'config/production.json',
    'database.json',
  ])('reads %s', (p) => {
    expect(isDatabaseJson(p)).toBe(true);
  });
  it.each(['package.json', 'tsconfig.json', 'src/data.json', 'node_modules/x/config/config.json'])(
    'leaves %s alone',
    (p) => {
      expect(isDatabaseJson(p)).toBe(false);
    },
  );
});

describe('sequelize-cli use_env_variable', () => {
  it("records the URL variable as read by Sequelize with the dialect's URL semantics", () => {
    const facts: ProjectFacts = { urlConsumers: new Map() };
    const text =
      '{ "production": { "use_env_variable": "DATABASE_URL", "dialect": "postgres" }, "test": { "use_env_variable": "MYSQL_URL", "dialect": "mysql" } }';
    jsonFrontend.collectFacts!(
      { path: '/r/config/config.json', relativePath: 'config/config.json', text, bom: false },
      facts,
    );
    expect(Object.fromEntries(facts.urlConsumers)).toEqual({
      DATABASE_URL: { semantics: 'pg', driver: 'Sequelize (postgres)' },
      MYSQL_URL: { semantics: 'mysql2', driver: 'Sequelize (mysql)' },
    });
  });

  it('does not override a consumer another file established', () => {
    const facts: ProjectFacts = {
      urlConsumers: new Map([['DATABASE_URL', { semantics: 'prisma', driver: 'Prisma' }]]),
    };
    jsonFrontend.collectFacts!(
      {
        path: '/r/config/config.json',
        relativePath: 'config/config.json',
        text: '{"production":{"use_env_variable":"DATABASE_URL","dialect":"postgres"}}',
        bom: false,
      },
      facts,
    );
    expect(facts.urlConsumers.get('DATABASE_URL')!.semantics).toBe('prisma');
  });
});

describe('json fixes', () => {
  it('writes JSON, not JS object syntax, and a second run is clean', () => {
    const text = '{\n  "type": "postgres",\n  "host": "db.example.com",\n  "ssl": false\n}\n';
    const [finding] = analyze('ormconfig.json', text).findings;
    const fixed = applyFix(text, finding!);
    expect(fixed).toBe(
      '{\n  "type": "postgres",\n  "host": "db.example.com",\n  "ssl": { "rejectUnauthorized": true }\n}\n',
    );
    expect(JSON.parse(fixed)).toBeTruthy();
    expect(analyze('ormconfig.json', fixed).findings).toEqual([]);
  });

  it('edits inside a URL string and in rejectUnauthorized', () => {
    const text =
      '{"production": {"dialect": "postgres", "url": "postgres://app@db.example.com/app?sslmode=prefer", "dialectOptions": {"ssl": {"rejectUnauthorized": false}}}}';
    let fixed = text;
    for (let i = 0; i < 2; i++)
      fixed = applyFix(
        fixed,
        analyze('config/config.json', fixed).findings.find((f) => f.fixes.length > 0)!,
      );
    expect(JSON.parse(fixed)).toEqual({
      production: {
        dialect: 'postgres',
        url: 'postgres://app@db.example.com/app?sslmode=verify-full',
        dialectOptions: { ssl: { rejectUnauthorized: true } },
      },
    });
    expect(analyze('config/config.json', fixed).findings).toEqual([]);
  });

  it('never fixes a development entry', () => {
    const text =
      '{"development": {"dialect": "postgres", "host": "db.example.com", "dialectOptions": {"ssl": {"rejectUnauthorized": false}}}}';
    const output = runFrontend(
      jsonFrontend,
      { path: '/r/config/config.json', relativePath: 'config/config.json', text, bom: false },
      {
        file: classifyFile('config/config.json'),
        options: { ...DEFAULT_POLICY_OPTIONS, profile: 'strict' },
        project: { urlConsumers: new Map() },
      },
    );
    expect(output.findings.length).toBeGreaterThan(0);
    // Suggestions at most: nothing `--fix` would write (POLICY "Fixes").
    expect(output.findings.every((f) => f.fixes.every((fix) => !fix.safe))).toBe(true);
  });
});

describe('json messages', () => {
  it('says the top-level ssl is ignored by the pg dialect', () => {
    const [f] = analyze(
      'config/config.json',
      '{"production": {"dialect": "postgres", "host": "db.example.com", "ssl": true}}',
    ).findings;
    expect(f!.ruleId).toBe('require-ssl');
    expect(formatMessage(f!.messageId, f!.data)).toMatch(
      /Sequelize \(postgres\): `ssl` is ignored here/,
    );
  });
});

describe('json bad input', () => {
  it('gives a diagnostic for invalid JSON, without content', () => {
    const output = analyze(
      'config/config.json',
      '{ "production": { "password": "Zq8vR2pL5wN!x", }, oops }',
    );
    expect(output.findings).toEqual([]);
    expect(output.diagnostics).toHaveLength(1);
    expect(output.diagnostics[0]!.message).toMatch(/^Invalid JSON at line 1, column \d+: \w+/);
    expect(output.diagnostics[0]!.message).not.toContain('Zq8v');
  });

  it('gives a diagnostic for binary content', () => {
    const output = analyze('config/config.json', '\u0000\u0001\u0002PNG\u0000');
    expect(output.findings).toEqual([]);
    expect(output.diagnostics).toHaveLength(1);
  });

  it('parses a 5 MB single-line value', () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const output = analyze(
      'config/production.json',
      `{"db": {"host": "db.example.com", "password": "${big}", "url": "postgres://h/${big}"}}`,
    );
    expect(output.diagnostics).toEqual([]);
  });
});
