/**
 * CLI comforts, with the built CLI on real directories: "did you mean" for unknown flags,
 * `--stdin --stdin-filename`, `--explain`, the baseline summary line, `--print-config`,
 * and stylish wrapped to a real terminal's width (a pseudo-terminal from util-linux
 * `script`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, jsonReport, project, run, SECRETS, WEAK_JS } from './helpers.js';
import { eslintProject, FLAT_MODULE, VERIFY_OFF_JS } from './eslint-projects.js';

beforeAll(() => {
  if (!existsSync(BIN))
    throw new Error('run `npm run build` first: the CLI tests spawn dist/src/cli/bin.js');
});

function runWithStdin(cwd: string, args: string[], input: string) {
  const out = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

describe('unknown flags', () => {
  it.each([
    ['--formt', 'unknown option --formt. Did you mean --format?'],
    ['--explian', 'unknown option --explian. Did you mean --explain?'],
    ['--eslintconfig', 'unknown option --eslintconfig. Did you mean --eslint-config?'],
    ['--zzzzzzzz', 'unknown option --zzzzzzzz.'],
  ])('%s: one line, exit 2', (flag, message) => {
    expect(run(project({}), ['scan', flag])).toEqual({
      code: 2,
      stdout: '',
      stderr: `secure-db: ${message} (secure-db --help shows the usage)\n`,
    });
  });
});

describe('--stdin --stdin-filename', () => {
  const JS =
    "import { Pool } from 'pg';\nexport const p = new Pool({ host: 'db.example.com', ssl: false });\n";

  it('takes the file type and the environment from the name, never reading the disk', () => {
    const root = project({ 'config/production.js': 'export {};\n' });
    const r = runWithStdin(
      root,
      ['scan', '--stdin', '--stdin-filename', 'config/production.js', '--format', 'json'],
      JS,
    );
    expect(r.code).toBe(1);
    const [result, ...rest] = jsonReport(r.stdout).results;
    expect(rest).toEqual([]);
    expect(result).toMatchObject({
      file: 'config/production.js',
      ruleId: 'secure-db/require-ssl',
      line: 2,
      environment: 'production',
    });
    // The same text named as an env file is not JavaScript: nothing to read.
    const asEnv = runWithStdin(root, ['scan', '--stdin', '--stdin-filename', '.env'], JS);
    expect(asEnv).toEqual({ code: 0, stdout: '', stderr: '' });
    const env = runWithStdin(
      root,
      ['scan', '--stdin', '--stdin-filename', '.env.development'],
      'PGSSLMODE=disable\n',
    );
    expect(env.code).toBe(0); // development: quiet in the default profile
    const prod = runWithStdin(
      root,
      ['scan', '--stdin', '--stdin-filename', '.env.production'],
      'PGSSLMODE=disable\n',
    );
    expect(prod.code).toBe(1);
    expect(prod.stdout).toContain('.env.production');
  });

  it('--fix is refused (ESLint’s rule for piped text); --fix-dry-run prints the masked diff', () => {
    const root = project({});
    const fix = runWithStdin(root, ['scan', '--stdin', '--stdin-filename', 'db.js', '--fix'], JS);
    expect(fix).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'secure-db: --fix cannot write to stdin; use --fix-dry-run to see the fixes as a diff\n',
    });
    const dry = runWithStdin(
      root,
      ['scan', '--stdin', '--stdin-filename', 'db.js', '--fix-dry-run'],
      WEAK_JS,
    );
    expect(dry.stdout).toContain('+++ b/db.js');
    expect(dry.stdout).toContain('rejectUnauthorized: true');
    for (const secret of SECRETS) expect(dry.stdout + dry.stderr).not.toContain(secret);
  });

  it('an ignored name says so (like ESLint) and reports nothing; bad combinations are usage errors', () => {
    const root = project({
      'package.json': JSON.stringify({ 'secure-db': { ignores: ['legacy/'] } }),
    });
    expect(runWithStdin(root, ['scan', '--stdin', '--stdin-filename', 'legacy/db.js'], JS)).toEqual(
      {
        code: 0,
        stdout: '',
        stderr:
          'secure-db: legacy/db.js is ignored because of a matching ignore pattern (use --no-warn-ignored to hide this)\n',
      },
    );
    for (const args of [
      ['scan', '--stdin'],
      ['scan', '--stdin-filename', 'a.js'],
      ['scan', '--stdin', '--stdin-filename', 'a.js', 'src'],
      ['scan', '--stdin', '--stdin-filename', 'a.js', '--staged'],
    ])
      expect(runWithStdin(root, args, JS).code, args.join(' ')).toBe(2);
  });
});

describe('--explain', () => {
  it('says why each finding has its environment, loopback status and driver', () => {
    const root = project({
      'config/production.js': VERIFY_OFF_JS,
      'src/app.js':
        "import { Pool } from 'pg';\nexport const p = new Pool({ host: 'localhost', ssl: false });\n",
    });
    const json = run(root, ['scan', '--explain', '--profile', 'strict', '--format', 'json']);
    const explanations = jsonReport(json.stdout).results.map((r) => [r.file, r.explanation]);
    expect(explanations).toEqual([
      [
        'config/production.js',
        {
          environment: 'production',
          because: 'file name `production.js`',
          loopback: false,
          driver: 'node-postgres (pg)',
        },
      ],
      ['src/app.js', { environment: 'unknown', loopback: true, driver: 'node-postgres (pg)' }],
    ]);
    const stylish = run(root, ['scan', '--explain']);
    expect(stylish.stdout).toContain(
      'why: production (file name `production.js`); not a loopback host; driver node-postgres (pg)',
    );
    // Without --explain, the JSON contract is unchanged.
    expect(run(root, ['scan', '--format', 'json']).stdout).not.toContain('explanation');
  });
});

describe('baseline summary', () => {
  it('a clean stylish report says how many findings the baseline hides', () => {
    const root = project({ 'src/db.js': WEAK_JS });
    expect(run(root, ['scan', '--update-baseline']).code).toBe(0);
    expect(run(root, ['scan'])).toEqual({
      code: 0,
      stdout: '2 findings hidden by the baseline\n',
      stderr: '',
    });
    // Machine formats stay pure.
    expect(jsonReport(run(root, ['scan', '--format', 'json']).stdout).results).toEqual([]);
  });
});

describe('--print-config', () => {
  it('shows the effective settings, where each comes from, and the consumer of each URL variable', () => {
    const root = eslintProject(10, {
      'package.json': JSON.stringify({
        type: 'module',
        'secure-db': { minimumSslmode: 'verify-ca', ignores: ['legacy/'] },
      }),
      'eslint.config.js': [
        "import secureDb from 'eslint-plugin-secure-db';",
        'export default [',
        "  { ...secureDb.configs.strict, files: ['**/*.js'] },",
        "  { files: ['**/*.js'], rules: { 'secure-db/min-tls-version': 'warn' } },",
        '];',
      ].join('\n'),
      'src/db.js': VERIFY_OFF_JS,
      '.env': 'DATABASE_URL=postgresql://db.example.com/app\n',
      'prisma/schema.prisma':
        'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n',
    });
    const project_ = JSON.parse(
      run(root, ['scan', '--print-config', '--eslint-config', '--format', 'json']).stdout,
    ) as unknown;
    expect(project_).toMatchObject({
      configFile: 'package.json',
      eslint: { version: expect.stringMatching(/^10\./) as unknown },
      file: null,
      profile: { value: 'default', source: 'default' },
      minimumSslmode: { value: 'verify-ca', source: 'flag or scanner configuration' },
      ignores: { configured: ['legacy/'] },
      environmentVariables: { DATABASE_URL: { consumer: 'Prisma' } },
    });
    const file = run(root, [
      'scan',
      '--print-config',
      'src/db.js',
      '--eslint-config',
      '--format',
      'json',
    ]);
    expect(JSON.parse(file.stdout)).toMatchObject({
      file: { path: 'src/db.js', environment: 'unknown', readBy: ['estree'] },
      profile: { value: 'strict', source: 'ESLint configuration' },
      minimumSslmode: { value: 'verify-ca', source: 'flag or scanner configuration' },
      rules: {
        'secure-db/min-tls-version': { severity: 'warn', source: 'ESLint configuration' },
        'secure-db/no-weak-db-auth': { severity: 'error', source: 'default' },
      },
    });
    const text = run(root, [
      'scan',
      '--print-config',
      'src/db.js',
      '--eslint-config',
      '--profile',
      'default',
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/profile +default +\(flag or scanner configuration\)/);
    expect(text.stdout).toMatch(/DATABASE_URL +Prisma/);
    expect(text.stdout).toMatch(/secure-db\/min-tls-version +warn +\(ESLint configuration\)/);
    // By default the configuration is read as data, with the same result.
    const asData = JSON.parse(
      run(root, ['scan', '--print-config', 'src/db.js', '--format', 'json']).stdout,
    ) as { eslint: unknown; profile: unknown; rules: unknown };
    const computed = JSON.parse(file.stdout) as typeof asData;
    expect(asData.eslint).toEqual({ read: 'static', version: null, files: ['eslint.config.js'] });
    expect(computed.eslint).toMatchObject({ read: 'evaluated', files: [] });
    expect([asData.profile, asData.rules]).toEqual([computed.profile, computed.rules]);
    expect(run(root, ['scan', '--print-config', 'src/db.js']).stdout).toContain(
      'ESLint configuration read as data from eslint.config.js for JS/TS files',
    );
  });

  it('without ESLint: the scanner settings alone', () => {
    const root = project({ 'a.js': '' });
    const r = run(root, ['scan', '--print-config']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ESLint configuration not read');
    expect(r.stdout).toContain('(none found)');
  });
});

describe('stylish and the terminal width', () => {
  const hasScript = spawnSync('script', ['--version']).status === 0;

  it.skipIf(!hasScript)('wraps every line to the columns of a terminal, not in a pipe', () => {
    const root = project({
      'src/db.js': VERIFY_OFF_JS,
      // A file that does not parse: a line under "Not fully scanned".
      'src/a-rather-long-directory-name/broken-database-config.js':
        "import { Pool } from 'pg';\nexport const pool = new Pool({ ssl: { rejectUnauthorized: false } ;\n",
      'package.json': FLAT_MODULE,
    });
    const tty = spawnSync(
      'script',
      ['-qec', `stty cols 60; "${process.execPath}" "${BIN}" scan`, '/dev/null'],
      { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } },
    );
    const lines = tty.stdout.replace(/\r/g, '').split('\n');
    expect(lines.some((l) => l.includes('secure-db/no-disabled-cert-verification'))).toBe(true);
    expect(lines).toContain('Not fully scanned:');
    expect(lines.some((l) => l.startsWith('\u2716 1 problem'))).toBe(true);
    expect(lines.some((l) => l.includes('--fix'))).toBe(true);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(60);
    const piped = run(root, ['scan']);
    expect(piped.stdout.split('\n').some((l) => l.length > 120)).toBe(true);
  });
});
