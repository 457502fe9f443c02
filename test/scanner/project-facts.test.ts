import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scanner/scan.js';
import { project } from '../cli/helpers.js';
import { stagedSource } from '../../src/scanner/git-staged.js';

const ENV =
  'DATABASE_URL=postgres://app@db.example.com/app\n' +
  'REPORTS_URL=postgres://app@reports.example.com/reports\n' +
  'ANALYTICS_DSN=postgresql://app@warehouse.example.com/a\n';

const READERS = {
  'prisma/schema.prisma':
    'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
  'app/settings.py':
    'import dj_database_url\n' +
    'DATABASES = {"reports": dj_database_url.config(env="REPORTS_URL")}\n',
  'jobs/warehouse.py':
    'import os\nfrom sqlalchemy import create_engine\n' +
    'engine = create_engine(os.environ["ANALYTICS_DSN"])\n',
  // A finding of its own: never reported by a scan that was not given this file.
  'src/db.ts':
    "import { Pool } from 'pg';\n" +
    'export const pool = new Pool({ connectionString: process.env.DATABASE_URL, ssl: { rejectUnauthorized: false } });\n',
};

async function messagesOf(cwd: string, paths: string[]): Promise<string[]> {
  const result = await scan({ cwd, paths, baseline: false });
  return result.results.filter((r) => r.file === '.env').map((r) => r.message);
}

describe('URL readers come from the whole project (POLICY: results do not depend on the files scanned)', () => {
  it('a scan of the .env file alone names the readers a full scan names', async () => {
    const root = project({ '.env': ENV, ...READERS });
    const full = await messagesOf(root, ['.']);
    const partial = await messagesOf(root, ['.env']);
    expect(partial).toEqual(full);
    expect(partial.join('\n')).toContain('Prisma (DATABASE_URL)');
    expect(partial.join('\n')).toContain('Django (dj-database-url) (REPORTS_URL)');
    expect(partial.join('\n')).toContain('SQLAlchemy (ANALYTICS_DSN)');
    expect(partial.join('\n')).not.toContain('read as');
  });

  it('reports nothing of the files it only read for their readers', async () => {
    const root = project({ '.env': ENV, ...READERS });
    const result = await scan({ cwd: root, paths: ['.env'], baseline: false });
    expect(new Set(result.results.map((r) => r.file))).toEqual(new Set(['.env']));
    expect(result.errors).toEqual([]);
  });

  it('django-environ env.db() and a pg pool in an unscanned module claim their variables', async () => {
    const root = project({
      '.env':
        'DATABASE_URL=postgres://app@db.example.com/app\nCACHE_DB_URL=postgres://c@cache.example.com/c\n',
      'site/settings.py':
        'import environ\nenv = environ.Env()\nDATABASES = {"default": env.db()}\n',
      'src/cache.js':
        "const { Pool } = require('pg');\nmodule.exports = new Pool({ connectionString: process.env.CACHE_DB_URL });\n",
    });
    const partial = (await messagesOf(root, ['.env'])).join('\n');
    expect(partial).toContain('Django (django-environ) (DATABASE_URL)');
    expect(partial).toContain('(CACHE_DB_URL)');
    expect(partial).not.toContain('read as');
    expect(await messagesOf(root, ['.env'])).toEqual(await messagesOf(root, ['.']));
  });

  it('without a reader anywhere, the URL is read by its scheme', async () => {
    const root = project({ '.env': ENV, 'src/index.js': 'console.log(1);\n' });
    const partial = (await messagesOf(root, ['.env'])).join('\n');
    expect(partial).toContain('DATABASE_URL (read as libpq)');
  });

  it('a pre-commit run on the staged .env names the same reader', async () => {
    const root = project({ '.env': ENV, ...READERS });
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: root,
        stdio: 'pipe',
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
      });
    git('init', '-q');
    git('add', '.env');
    const source = stagedSource({ cwd: root });
    const result = await scan({ cwd: root, source, baseline: false });
    const staged = result.results.filter((r) => r.file === '.env').map((r) => r.message);
    expect(staged).toEqual(await messagesOf(root, ['.']));
  });
});

describe('a compose override file is read with its base file (compose merges them)', () => {
  const files = {
    'deploy/docker-compose.yml':
      'services:\n  mongodb:\n    image: mongo:7\n    container_name: app-mongodb\n  db:\n    image: postgres:16\n',
    'deploy/docker-compose.override.yml':
      'services:\n  worker:\n    image: example/worker:1\n    environment:\n' +
      '      MONGO_URL: mongodb://app@app-mongodb:27017/app\n' +
      '      DATABASE_URL: postgres://app@db:5432/app?sslmode=disable\n' +
      '      REPORTS_URL: postgres://app@reports.example.com/app?sslmode=disable\n',
  };
  const override = 'deploy/docker-compose.override.yml';
  const linesOf = async (cwd: string, paths: string[], ignores?: string[]) =>
    (await scan({ cwd, paths, baseline: false, ...(ignores ? { ignores } : {}) })).results
      .filter((r) => r.file === override)
      .map((r) => `${r.line} ${r.ruleId}`);

  it('reaches the base services by name and container name, in a full scan and alone', async () => {
    const root = project(files);
    const full = await linesOf(root, ['.']);
    expect(full).toEqual(['7 secure-db/require-ssl']);
    expect(await linesOf(root, [override])).toEqual(full);
  });

  it('does not read a base file the configuration ignores, nor one that is absent', async () => {
    const root = project(files);
    expect(await linesOf(root, [override], ['deploy/docker-compose.yml'])).toHaveLength(3);
    const alone = project({ [override]: files[override] });
    expect(await linesOf(alone, [override])).toHaveLength(3);
  });
});
