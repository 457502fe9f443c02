/**
 * One configuration for both faces: the built CLI in projects with a real ESLint 10, 9 or
 * 8.57 installed reads that ESLint's configuration for JS/TS files, so a rule turned off,
 * set to `warn`, or a `settings['secure-db']` in `eslint.config.js` / `.eslintrc.json`
 * means the same to `secure-db scan` as to `eslint` — read as data by default, computed by
 * that ESLint with `--eslint-config`.
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, eslintResults, jsonReport, project, run as runCli } from './helpers.js';
import {
  DEV_TLS_OFF_JS,
  eslintProject,
  FLAT_MODULE,
  runEslint,
  VERIFY_OFF_JS,
} from './eslint-projects.js';

/**
 * `secure-db scan --eslint-config`: ESLint computes the configuration (running
 * eslint.config.js); every scan through `run` asks for it, unless it says otherwise.
 * `runCli` scans as users do by default: the configuration read as data.
 */
function run(root: string, args: string[]) {
  const asked = args[0] === 'scan' && !args.some((a) => a.endsWith('eslint-config'));
  return runCli(root, asked ? [...args, '--eslint-config'] : args);
}

beforeAll(() => {
  if (!existsSync(BIN))
    throw new Error('run `npm run build` first: the CLI tests spawn dist/src/cli/bin.js');
});

const RULE = 'secure-db/no-disabled-cert-verification';

const flatConfig = (extra: string) =>
  [
    "import secureDb from 'eslint-plugin-secure-db';",
    'export default [',
    "  { ...secureDb.configs.recommended, files: ['**/*.js'] },",
    `  ${extra},`,
    '];',
    '',
  ].join('\n');

const legacyConfig = (extra: Record<string, unknown>) =>
  JSON.stringify({
    root: true,
    parserOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    extends: ['plugin:secure-db/legacy-recommended'],
    ...extra,
  });

/** Each ESLint form, with the rule set to `severity`. */
const forms = (severity: string) =>
  [
    {
      name: 'ESLint 10, eslint.config.js',
      root: eslintProject(10, {
        'package.json': FLAT_MODULE,
        'eslint.config.js': flatConfig(`{ rules: { '${RULE}': '${severity}' } }`),
        'src/db.js': VERIFY_OFF_JS,
      }),
    },
    {
      name: 'ESLint 9, eslint.config.js',
      root: eslintProject(9, {
        'package.json': FLAT_MODULE,
        'eslint.config.js': flatConfig(`{ rules: { '${RULE}': ['${severity}'] } }`),
        'src/db.js': VERIFY_OFF_JS,
      }),
    },
    {
      name: 'ESLint 8.57, eslint.config.js',
      root: eslintProject(8, {
        'package.json': FLAT_MODULE,
        'eslint.config.js': flatConfig(`{ rules: { '${RULE}': '${severity}' } }`),
        'src/db.js': VERIFY_OFF_JS,
      }),
    },
    {
      name: 'ESLint 8.57, .eslintrc.json',
      root: eslintProject(8, {
        '.eslintrc.json': legacyConfig({ rules: { [RULE]: severity } }),
        'src/db.js': VERIFY_OFF_JS,
      }),
    },
    {
      name: 'ESLint 9, .eslintrc.json only (read as ESLINT_USE_FLAT_CONFIG=false would)',
      root: eslintProject(9, {
        '.eslintrc.json': legacyConfig({ rules: { [RULE]: severity } }),
        'src/db.js': VERIFY_OFF_JS,
      }),
      eslintEnv: { ESLINT_USE_FLAT_CONFIG: 'false' },
    },
  ] as { name: string; root: string; eslintEnv?: Record<string, string> }[];

describe('secure-db/* severities from the project ESLint configuration', () => {
  it.each(forms('off').map((f) => [f.name, f]))('%s: a rule turned off is off', (_, form) => {
    const eslint = runEslint(form.root, ['src'], form.eslintEnv);
    expect(eslint.stdout).toBe('');
    expect(eslint.code).toBe(0);
    for (const scan of [
      run(form.root, ['scan', '--format', 'json']),
      runCli(form.root, ['scan', '--format', 'json']),
    ]) {
      expect(scan.stderr).toBe('');
      expect(scan.code).toBe(0);
      expect(jsonReport(scan.stdout).results).toEqual([]);
    }
    // Without the ESLint configuration, the scanner's default: an error.
    const alone = run(form.root, ['scan', '--no-eslint-config', '--format', 'json']);
    expect(alone.code).toBe(1);
    expect(jsonReport(alone.stdout).results.map((r: { ruleId: string }) => r.ruleId)).toEqual([
      RULE,
    ]);
  });

  it.each(forms('warn').map((f) => [f.name, f]))('%s: warn is a warning', (_, form) => {
    const eslint = runEslint(form.root, ['src', '--format', 'json'], form.eslintEnv);
    const messages = eslintResults(eslint.stdout)[0]!.messages;
    expect(messages.map((m) => [m.ruleId, m.severity])).toEqual([[RULE, 1]]);
    for (const scanner of [run, runCli]) {
      const scan = scanner(form.root, ['scan', '--format', 'json']);
      expect(scan.code).toBe(0);
      const results = jsonReport(scan.stdout).results;
      expect(
        results.map((r: { ruleId: string; severity: string }) => [r.ruleId, r.severity]),
      ).toEqual([[RULE, 'warning']]);
      expect(results[0]!.line).toBe(messages[0]!.line);
      expect(scanner(form.root, ['scan', '--max-warnings', '0']).code).toBe(1);
    }
  });

  it('a rule ESLint does not name keeps the scanner default; files ESLint ignores keep it too', () => {
    const root = eslintProject(10, {
      'package.json': FLAT_MODULE,
      'eslint.config.js': flatConfig(`{ ignores: ['legacy/**'], rules: { '${RULE}': 'off' } }`),
      'src/db.js': VERIFY_OFF_JS,
      'legacy/db.js': VERIFY_OFF_JS,
      'src/ssl-off.js':
        "import { Pool } from 'pg';\nexport const p = new Pool({ host: 'db.example.com', ssl: false });\n",
    });
    for (const scan of [
      run(root, ['scan', '--format', 'json']),
      runCli(root, ['scan', '--format', 'json']),
    ]) {
      expect(scan.code).toBe(1);
      const found = jsonReport(scan.stdout).results.map(
        (r: { file: string; ruleId: string }) => `${r.file} ${r.ruleId}`,
      );
      expect(found).toEqual([`legacy/db.js ${RULE}`, 'src/ssl-off.js secure-db/require-ssl']);
    }
  });
});

describe("settings['secure-db'] from the project ESLint configuration", () => {
  const strictProject = (scannerConfig?: Record<string, unknown>) =>
    eslintProject(10, {
      'package.json': JSON.stringify({
        type: 'module',
        ...(scannerConfig ? { 'secure-db': scannerConfig } : {}),
      }),
      'eslint.config.js': flatConfig(`{ settings: { 'secure-db': { profile: 'strict' } } }`),
      'src/dev.js': DEV_TLS_OFF_JS,
    });

  it('the profile set in ESLint applies to the scan of that JS file', () => {
    const root = strictProject();
    const eslint = runEslint(root, ['src', '--format', 'json']);
    const eslintRules = eslintResults(eslint.stdout)[0]!.messages.map((m) => m.ruleId);
    expect(eslintRules).toContain('secure-db/require-ssl');
    for (const scan of [
      run(root, ['scan', '--format', 'json']),
      runCli(root, ['scan', '--format', 'json']),
    ])
      expect(jsonReport(scan.stdout).results.map((r: { ruleId: string }) => r.ruleId)).toEqual(
        eslintRules,
      );
    // Not without it: development sites are quiet in the default profile.
    expect(run(root, ['scan', '--no-eslint-config']).code).toBe(0);
  });

  it("the scanner's own configuration and flags win over ESLint's for the same key", () => {
    expect(run(strictProject({ profile: 'default' }), ['scan']).code).toBe(0);
    expect(run(strictProject(), ['scan', '--profile', 'default']).code).toBe(0);
    const ruleOff = strictProject({ rules: { 'secure-db/require-ssl': 'off' } });
    expect(run(ruleOff, ['scan']).code).toBe(0);
    // The configuration key turns the reading on as the flag does; the flag wins.
    expect(runCli(strictProject({ eslintConfig: true }), ['scan']).code).toBe(1);
    expect(run(strictProject({ eslintConfig: true }), ['scan', '--no-eslint-config']).code).toBe(0);
  });

  it("without --eslint-config the project's ESLint configuration is read as data, never run (it is code)", () => {
    const root = eslintProject(10, {
      'package.json': FLAT_MODULE,
      'eslint.config.js': [
        "import { writeFileSync } from 'node:fs';",
        "writeFileSync(new URL('./loaded', import.meta.url), 'yes');",
        'export default [{ rules: {} }];',
      ].join('\n'),
      'src/db.js': VERIFY_OFF_JS,
    });
    expect(runCli(root, ['scan']).code).toBe(1);
    expect(runCli(root, ['scan', '--print-config']).code).toBe(0);
    expect(existsSync(`${root}/loaded`)).toBe(false);
    expect(run(root, ['scan']).code).toBe(1);
    expect(existsSync(`${root}/loaded`)).toBe(true);
  });

  it('an invalid secure-db part of the ESLint configuration is a configuration error in both tools', () => {
    const root = eslintProject(10, {
      'package.json': FLAT_MODULE,
      'eslint.config.js': flatConfig(
        `{ settings: { 'secure-db': { minimumSslmode: 'verify-fulll' } } }`,
      ),
      'src/db.js': VERIFY_OFF_JS,
    });
    const expected = `settings['secure-db']: "minimumSslmode" is "verify-fulll"; allowed: "require", "verify-ca", "verify-full". Did you mean "verify-full"?`;
    const eslint = runEslint(root, ['src']);
    expect(eslint.code).toBe(2);
    expect(eslint.stderr).toContain(expected);
    for (const scan of [run(root, ['scan']), runCli(root, ['scan'])])
      expect(scan).toEqual({
        code: 2,
        stdout: '',
        stderr: `secure-db: configuration error: the ESLint configuration for eslint.config.js: ${expected}\n`,
      });
  });

  it('a configuration ESLint cannot load is one diagnostic; the scanner settings apply', () => {
    const root = eslintProject(10, {
      'package.json': FLAT_MODULE,
      'eslint.config.js':
        "import missing from 'eslint-plugin-not-installed';\nexport default [missing];\n",
      'src/a.js': VERIFY_OFF_JS,
      'src/b.js': VERIFY_OFF_JS,
    });
    const scan = run(root, ['scan', '--format', 'json']);
    expect(scan.code).toBe(1);
    const report = jsonReport(scan.stdout);
    expect(report.results).toHaveLength(2);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]!.message).toMatch(
      /^could not compute the ESLint configuration \(eslint\.config\.js\): .*eslint-plugin-not-installed.*; the scanner settings apply instead$/,
    );
    const printed = JSON.parse(
      run(root, ['scan', '--print-config', '--format', 'json']).stdout,
    ) as { eslint: unknown };
    expect(printed.eslint).toBeNull();
  });

  it('a project without ESLint, or with ESLint but no configuration, scans as before', () => {
    const bare = project({ 'src/db.js': VERIFY_OFF_JS });
    expect(run(bare, ['scan']).code).toBe(1);
    const unconfigured = eslintProject(10, {
      'package.json': FLAT_MODULE,
      'src/db.js': VERIFY_OFF_JS,
    });
    const scan = run(unconfigured, ['scan']);
    expect(scan.stderr).toBe('');
    expect(scan.code).toBe(1);
  });
});
