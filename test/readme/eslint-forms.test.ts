/**
 * The README's ESLint configurations work as written: each marked snippet is copied into a
 * fresh project whose node_modules holds what the README's install line installs (links to
 * this build, to ESLint 8.57 / 9 / 10 and to @typescript-eslint/parser and jiti), and the
 * real ESLint lints a JavaScript and a TypeScript file with it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO, snippet, tempDir, write } from '../gates/helpers.js';

const readme = (name: string) => snippet('../README.md', name);

const ESLINT = {
  '8.57': join(REPO, 'node_modules/eslint-v8'),
  '9': join(REPO, 'node_modules/eslint-v9'),
  '10': join(REPO, 'node_modules/eslint'),
} as const;
type EslintVersion = keyof typeof ESLINT;

/** TypeScript-only syntax (a type annotation, `as const`), so only a TS parser reads it. */
const SOURCES = {
  'src/db.js':
    "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });\n",
  'src/db.ts':
    "import { Pool, type PoolConfig } from 'pg';\nconst config: PoolConfig = { host: 'db.example.com', ssl: false as const };\nexport const pool = new Pool(config);\n",
};

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; fatal?: boolean; message: string }[];
}

/** A project as `npm install --save-dev eslint eslint-plugin-secure-db …` leaves it. */
function project(version: EslintVersion, files: Record<string, string>): string {
  const root = tempDir('readme');
  write(root, {
    'package.json': '{ "name": "app", "private": true, "type": "module" }\n',
    ...SOURCES,
    ...files,
  });
  mkdirSync(join(root, 'node_modules/@typescript-eslint'), { recursive: true });
  symlinkSync(REPO, join(root, 'node_modules/eslint-plugin-secure-db'), 'dir');
  symlinkSync(ESLINT[version], join(root, 'node_modules/eslint'), 'dir');
  for (const name of ['@typescript-eslint/parser', 'jiti'])
    symlinkSync(join(REPO, 'node_modules', name), join(root, 'node_modules', name), 'dir');
  return root;
}

function lint(root: string, version: EslintVersion, env: Record<string, string> = {}) {
  const r = spawnSync(
    process.execPath,
    [join(ESLINT[version], 'bin/eslint.js'), '.', '--format', 'json'],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ...env },
      timeout: 120_000,
    },
  );
  let results: LintResult[] = [];
  try {
    results = JSON.parse(r.stdout) as LintResult[];
  } catch {
    // the assertion below shows stderr
  }
  return { status: r.status, stderr: r.stderr, results };
}

/** Both files linted, no parsing error, the expected rule on each. */
function expectBothFilesReported(run: ReturnType<typeof lint>, root: string): void {
  expect(run.status, run.stderr).toBe(1);
  // The config file itself is linted too (flat configs): clean.
  const byFile = Object.fromEntries(
    run.results
      .filter((r) => r.messages.length > 0)
      .map((r) => [r.filePath.slice(root.length + 1), r.messages]),
  );
  expect(Object.keys(byFile).sort()).toEqual(['src/db.js', 'src/db.ts']);
  for (const messages of Object.values(byFile))
    for (const m of messages) expect(m.fatal, m.message).toBeUndefined();
  expect(byFile['src/db.js']!.map((m) => m.ruleId)).toEqual([
    'secure-db/no-disabled-cert-verification',
  ]);
  expect(byFile['src/db.ts']!.map((m) => m.ruleId)).toEqual(['secure-db/require-ssl']);
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error('run `npm run build` first: the README tests use dist/');
});

describe('README: ESLint configurations, as written', () => {
  for (const version of ['9', '10'] as const) {
    it(
      `eslint.config.js with ESLint ${version}: JavaScript and TypeScript`,
      { timeout: 120_000 },
      () => {
        const root = project(version, { 'eslint.config.js': readme('eslint-config-js') });
        expectBothFilesReported(lint(root, version), root);
      },
    );

    it(`eslint.config.ts with ESLint ${version} (through jiti)`, { timeout: 120_000 }, () => {
      const root = project(version, { 'eslint.config.ts': readme('eslint-config-ts') });
      expectBothFilesReported(lint(root, version), root);
    });
  }

  it('.eslintrc.json with ESLint 8.57', { timeout: 120_000 }, () => {
    const root = project('8.57', { '.eslintrc.json': readme('eslintrc') });
    expectBothFilesReported(lint(root, '8.57'), root);
  });

  it('.eslintrc.json with ESLint 9 and ESLINT_USE_FLAT_CONFIG=false', { timeout: 120_000 }, () => {
    const root = project('9', { '.eslintrc.json': readme('eslintrc') });
    expectBothFilesReported(lint(root, '9', { ESLINT_USE_FLAT_CONFIG: 'false' }), root);
  });

  it(
    'without parserOptions, as the README used to show it, ESLint 8 cannot parse an import',
    { timeout: 120_000 },
    () => {
      const root = project('8.57', {
        '.eslintrc.json': '{ "root": true, "extends": ["plugin:secure-db/legacy-recommended"] }\n',
      });
      const run = lint(root, '8.57');
      const js = run.results.find((r) => r.filePath.endsWith('db.js'))!;
      expect(js.messages[0]!.fatal).toBe(true);
      expect(js.messages[0]!.message).toMatch(/Parsing error/);
    },
  );
});

describe('README: a tested section per form', () => {
  // Each marked snippet is run: the ESLint forms above, pre-commit in
  // test/gates/pre-commit.test.ts, husky + lint-staged in test/gates/lint-staged.test.ts,
  // GitHub in test/gates/action.test.ts and GitLab in test/gates/ci-docs.test.ts.
  it.each([
    'eslint-config-js',
    'eslint-config-ts',
    'eslintrc',
    'pre-commit-config',
    'husky-pre-commit',
    'lintstagedrc',
    'github-workflow',
    'gitlab-ci',
  ])('%s', (name) => {
    expect(readme(name).trim().length).toBeGreaterThan(10);
  });

  it('the configuration page shows the same .eslintrc.json', () => {
    expect(readFileSync(join(REPO, 'docs/configuration.md'), 'utf8')).toContain(readme('eslintrc'));
  });
});
