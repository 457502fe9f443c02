/**
 * The packed package installed the strictest way users install it: pnpm with an isolated
 * node_modules and no hoisting at all, so a module can load only what its package.json
 * declares. Then `secure-db scan` reads every kind of file (JS, TypeScript through
 * typescript-estree, an env file, YAML, Python through web-tree-sitter and the shipped
 * grammar) and ESLint runs the plugin with its languages. An undeclared import fails here.
 *
 * pnpm is a devDependency (node_modules/.bin/pnpm); packages come from the npm registry into
 * a store kept in the temporary directory between runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const PNPM = join(ROOT, 'node_modules/.bin/pnpm');
const ESLINT_VERSION = (
  JSON.parse(
    execFileSync(process.execPath, ['-p', 'JSON.stringify(require("eslint/package.json"))'], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  ) as { version: string }
).version;

const FILES: Record<string, string> = {
  'src/db.js':
    "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });\n",
  'src/db.ts':
    "import { Pool } from 'pg';\nconst config = { host: 'db.example.com', ssl: false as const };\nexport const pool = new Pool(config);\n",
  'config/.env.production': 'PGSSLMODE=disable\n',
  'docker-compose.yml':
    'services:\n  api:\n    image: app\n    environment:\n      DATABASE_URL: postgres://app@db.example.com/app?sslmode=disable\n',
  'app/settings.py':
    'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db.example.com", "OPTIONS": {"sslmode": "disable"}}}\n',
  'eslint.config.js':
    "import secureDb from 'eslint-plugin-secure-db';\nexport default [...secureDb.configs['recommended-all-files']];\n",
};

let project = '';

function run(command: string, args: string[]) {
  const r = spawnSync(command, args, {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 240_000,
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}`, stdout: r.stdout };
}

beforeAll(() => {
  const work = mkdtempSync(join(tmpdir(), 'secure-db-pnpm-'));
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
  project = join(work, 'app');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'strict-app',
      private: true,
      type: 'module',
      devDependencies: {
        eslint: ESLINT_VERSION,
        'eslint-plugin-secure-db': `file:../${tarball}`,
      },
    }),
  );
  // pnpm 10+ reads its settings from pnpm-workspace.yaml.
  writeFileSync(
    join(project, 'pnpm-workspace.yaml'),
    `nodeLinker: isolated\nhoist: false\npublicHoistPattern: []\nstoreDir: ${JSON.stringify(join(tmpdir(), 'secure-db-pnpm-store'))}\n`,
  );
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
  const install = run(PNPM, ['install', '--reporter=append-only']);
  expect(install.status, install.output).toBe(0);
}, 300_000);

describe('pnpm, isolated and not hoisted', () => {
  it('installs nothing hoisted: only the two direct dependencies are visible', () => {
    expect(
      readdirSync(join(project, 'node_modules'))
        .filter((n) => !n.startsWith('.'))
        .sort(),
    ).toEqual(['eslint', 'eslint-plugin-secure-db']);
    expect(existsSync(join(project, 'node_modules/.pnpm/node_modules'))).toBe(false);
  });

  it('secure-db scan reads JS, TypeScript, env, YAML and Python files', () => {
    const r = run(join(project, 'node_modules/.bin/secure-db'), ['scan', '.', '--format', 'json']);
    expect(r.status, r.output).toBe(1);
    const report = JSON.parse(r.stdout) as { results: { file: string; ruleId: string }[] };
    expect([...new Set(report.results.map((f) => f.file))].sort()).toEqual([
      'app/settings.py',
      'config/.env.production',
      'docker-compose.yml',
      'src/db.js',
      'src/db.ts',
    ]);
  });

  it('ESLint runs the plugin and its languages', () => {
    const r = run(join(project, 'node_modules/.bin/eslint'), ['.', '--format', 'json']);
    expect(r.status, r.output).toBe(1);
    const files = (
      JSON.parse(r.stdout) as {
        filePath: string;
        messages: { ruleId: string | null; fatal?: boolean }[];
      }[]
    ).filter((f) => f.messages.length > 0);
    for (const file of files)
      for (const m of file.messages) expect(m.fatal, JSON.stringify(m)).toBeUndefined();
    expect(files.map((f) => f.filePath.slice(project.length + 1)).sort()).toEqual([
      'app/settings.py',
      'config/.env.production',
      'docker-compose.yml',
      'src/db.js',
    ]);
  });
});
