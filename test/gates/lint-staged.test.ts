/**
 * husky 9 + lint-staged 16, the real packages, in a temporary git repository set up as
 * docs/pre-commit.md says (`npx husky init`, then the documented `.husky/pre-commit`,
 * `.lintstagedrc.json` and `eslint.config.js`, read out of the doc, and the same from the
 * README's husky section). node_modules links to
 * this repository and its dependencies instead of installing from the registry.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BIN,
  git,
  gitEnv,
  initRepo,
  installDevTools,
  REPO,
  sh,
  snippet,
  write,
} from './helpers.js';

const SECRET = 'Zq8ls-staged-pass-7730';

beforeAll(() => {
  if (!existsSync(BIN))
    throw new Error('run `npm run build` first: the gate tests run dist/src/cli/bin.js');
});

describe('husky + lint-staged', () => {
  const env = gitEnv();

  /** The documented setup, from docs/pre-commit.md or (`../README.md`) the README's section. */
  function project(doc = 'pre-commit.md'): {
    root: string;
    commit(files: Record<string, string>): {
      status: number | null;
      output: string;
      committed: boolean;
    };
  } {
    const root = initRepo('lint-staged', env);
    write(root, {
      'package.json':
        JSON.stringify({ name: 'app', private: true, type: 'module' }, null, 2) + '\n',
      '.gitignore': 'node_modules/\n',
      '.lintstagedrc.json': snippet(doc, 'lintstagedrc'),
      'eslint.config.js': snippet(
        doc,
        doc === 'pre-commit.md' ? 'eslint-config' : 'eslint-config-js',
      ),
    });
    installDevTools(root);
    // The README's eslint.config.js also parses TypeScript with @typescript-eslint/parser.
    mkdirSync(join(root, 'node_modules/@typescript-eslint'), { recursive: true });
    symlinkSync(
      join(REPO, 'node_modules/@typescript-eslint/parser'),
      join(root, 'node_modules/@typescript-eslint/parser'),
      'dir',
    );
    const init = sh(root, 'npx', ['husky', 'init'], env);
    expect(init.status, init.output_).toBe(0);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.prepare).toBe('husky');
    expect(git(root, env, 'config', 'core.hooksPath').stdout.trim()).toBe('.husky/_');
    write(root, { '.husky/pre-commit': snippet(doc, 'husky-pre-commit') });
    git(root, env, 'add', '-A');
    const first = git(root, env, 'commit', '-q', '-m', 'init');
    expect(first.status, first.output_).toBe(0);
    return {
      root,
      commit(files) {
        const before = git(root, env, 'rev-parse', 'HEAD').stdout.trim();
        write(root, files);
        git(root, env, 'add', '--', ...Object.keys(files));
        const r = git(root, env, 'commit', '-m', 'change');
        return {
          status: r.status,
          output: r.output_,
          committed: git(root, env, 'rev-parse', 'HEAD').stdout.trim() !== before,
        };
      },
    };
  }

  it('blocks an insecure staged config file (secure-db scan), showing the finding', () => {
    const repo = project();
    const r = repo.commit({
      'config/.env.production': `PGSSLMODE=disable\nDATABASE_URL=postgres://app:${SECRET}@db.example.com/app\n`,
    });
    expect(r.committed, r.output).toBe(false);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('secure-db scan --no-warn-ignored');
    expect(r.output).toContain('secure-db/require-ssl');
    expect(r.output).toContain('secure-db/no-hardcoded-credentials');
    expect(r.output).not.toContain(SECRET);
  }, 60_000);

  it('blocks an insecure staged JS file (ESLint with the plugin)', () => {
    const repo = project();
    const r = repo.commit({
      'src/db.js':
        "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });\n",
    });
    expect(r.committed, r.output).toBe(false);
    expect(r.output).toContain('eslint --max-warnings=0 --no-warn-ignored');
    expect(r.output).toContain('secure-db/no-disabled-cert-verification');
  }, 60_000);

  it('a commit failing both tasks shows both reports (ESLint and secure-db scan)', () => {
    const repo = project();
    bothReports(repo);
  }, 60_000);

  it("the README's husky section, as written: both reports, TypeScript included", () => {
    const repo = project('../README.md');
    bothReports(repo);
    const ts = repo.commit({
      'src/pool.ts':
        "import { Pool, type PoolConfig } from 'pg';\nconst config: PoolConfig = { host: 'db.example.com', ssl: false as const };\nexport const pool = new Pool(config);\n",
    });
    expect(ts.committed, ts.output).toBe(false);
    expect(ts.output).toMatch(/src\/pool\.ts\n\s+2:\d+\s+error\s.*secure-db\/require-ssl/);
  }, 60_000);

  function bothReports(repo: ReturnType<typeof project>): void {
    const r = repo.commit({
      'src/db.js':
        "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });\n",
      'config/.env.production': 'PGSSLMODE=disable\n',
    });
    expect(r.committed, r.output).toBe(false);
    // ESLint's report on the JS file and the scanner's on the env file, each with its finding.
    expect(r.output).toMatch(
      /src\/db\.js\n\s+2:\d+\s+error\s.*secure-db\/no-disabled-cert-verification/,
    );
    expect(r.output).toMatch(
      /config\/\.env\.production\n\s+1:\d+\s+error\s.*secure-db\/require-ssl/,
    );
    expect(r.output).not.toContain('KILLED');
  }

  it('husky without lint-staged: `secure-db scan --staged` judges the index, also with `git commit -a`', () => {
    const repo = project();
    write(repo.root, { '.husky/pre-commit': snippet('pre-commit.md', 'husky-staged') });
    git(repo.root, env, 'add', '-A');
    expect(git(repo.root, env, 'commit', '-q', '-m', 'staged hook').status).toBe(0);
    // Insecure staged, fixed in the working tree: blocked.
    write(repo.root, { '.env.production': 'PGSSLMODE=disable\n' });
    git(repo.root, env, 'add', '.env.production');
    write(repo.root, { '.env.production': 'PGSSLMODE=verify-full\n' });
    const blocked = git(repo.root, env, 'commit', '-m', 'insecure staged');
    expect(blocked.status, blocked.output_).not.toBe(0);
    expect(blocked.output_).toContain('secure-db/require-ssl');
    // Secure staged, insecure unstaged: passes.
    git(repo.root, env, 'add', '.env.production');
    write(repo.root, { '.env.production': 'PGSSLMODE=disable\n' });
    const passed = git(repo.root, env, 'commit', '-m', 'secure staged');
    expect(passed.status, passed.output_).toBe(0);
    // `git commit -a` stages into a temporary index (GIT_INDEX_FILE): that is what is judged.
    const all = git(repo.root, env, 'commit', '-a', '-m', 'all');
    expect(all.status, all.output_).not.toBe(0);
    expect(all.output_).toContain('.env.production');
  }, 60_000);

  it('lets secure and development-only files through; judges the staged version', () => {
    const repo = project();
    const ok = repo.commit({
      '.env.production': 'PGSSLMODE=verify-full\n',
      '.env.development': 'PGSSLMODE=disable\n',
      'src/db.ts':
        "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });\n",
      'docker/settings/production.py':
        "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.example.com', 'OPTIONS': {'sslmode': 'verify-full'}}}\n",
      'tsconfig.json': '{ "compilerOptions": {} }\n',
    });
    expect(ok.status, ok.output).toBe(0);
    expect(ok.committed).toBe(true);

    // lint-staged hides unstaged changes while the tasks run: the staged, insecure version is judged.
    write(repo.root, {
      'docker/settings/production.py':
        "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.example.com', 'OPTIONS': {'sslmode': 'disable'}}}\n",
    });
    git(repo.root, env, 'add', 'docker/settings/production.py');
    write(repo.root, {
      'docker/settings/production.py':
        "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.example.com', 'OPTIONS': {'sslmode': 'verify-full'}}}\n",
    });
    const r = git(repo.root, env, 'commit', '-m', 'staged is insecure');
    expect(r.status, r.output_).not.toBe(0);
    expect(r.output_).toContain('docker/settings/production.py');
    expect(readFileSync(join(repo.root, 'docker/settings/production.py'), 'utf8')).toContain(
      "'verify-full'",
    );
  }, 60_000);
});
