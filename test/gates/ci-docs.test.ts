/**
 * The GitLab job, the generic shell recipe and the baseline adoption of docs/ci.md, read out
 * of the doc and run in temporary projects (`npx secure-db` resolves to this build, as after
 * `npm ci` in a project that depends on eslint-plugin-secure-db).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonReport } from '../cli/helpers.js';
import {
  BIN,
  CODE_QUALITY_SCHEMA,
  git,
  gitEnv,
  initRepo,
  installDevTools,
  sh,
  snippet,
  tempDir,
  write,
} from './helpers.js';

const INSECURE_ENV = 'PGSSLMODE=disable\n';
const SECURE_ENV = 'PGSSLMODE=verify-full\n';
const env = gitEnv();

function app(files: Record<string, string>, root = tempDir('ci-app')): string {
  write(root, { 'package.json': '{ "name": "app", "private": true }\n', ...files });
  installDevTools(root);
  return root;
}

beforeAll(() => {
  if (!existsSync(BIN))
    throw new Error('run `npm run build` first: the gate tests run dist/src/cli/bin.js');
});

describe('docs/ci.md', () => {
  it.each(['ci.md', '../README.md'])(
    'the GitLab job of %s: fails on findings and writes a Code Quality report for the widget',
    { timeout: 60_000 },
    (doc) => {
      const job = (
        parse(snippet(doc, 'gitlab-ci')) as Record<
          string,
          { script: string[]; artifacts: { when: string; reports: { codequality: string } } }
        >
      )['secure-db']!;
      expect(job.artifacts.when).toBe('always');
      const report = job.artifacts.reports.codequality;
      // GitLab runs the script lines in one shell that stops at the first failing line;
      // `npm ci` is what installDevTools stands in for.
      const lines = job.script.filter((line) => line !== 'npm ci');
      expect(lines).toHaveLength(job.script.length - 1);
      const script = `set -eo pipefail\n${lines.join('\n')}\n`;
      const validate = new Ajv.default({ allErrors: true, strict: true }).compile(
        CODE_QUALITY_SCHEMA,
      );

      const bad = app({ '.env.production': INSECURE_ENV });
      const failed = sh(bad, 'bash', ['-c', script], env);
      expect(failed.status, failed.output_).toBe(1);
      expect(failed.stdout).toContain('secure-db/require-ssl'); // the readable log
      const issues = JSON.parse(readFileSync(join(bad, report), 'utf8')) as {
        check_name: string;
      }[];
      expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
      expect(issues.map((i) => i.check_name)).toEqual(['secure-db/require-ssl']);

      const good = app({ '.env.production': SECURE_ENV });
      const passed = sh(good, 'bash', ['-c', script], env);
      expect(passed.status, passed.output_).toBe(0);
      expect(JSON.parse(readFileSync(join(good, report), 'utf8'))).toEqual([]);
    },
  );

  it(
    'the generic shell recipe: the exit code is the gate, the JSON report an artifact',
    { timeout: 60_000 },
    () => {
      const recipe = snippet('ci.md', 'shell');
      const bad = app({ 'config/.env.production': INSECURE_ENV });
      const failed = sh(bad, 'sh', ['-c', recipe], env);
      expect(failed.status, failed.output_).toBe(1);
      expect(jsonReport(readFileSync(join(bad, 'secure-db.json'), 'utf8')).results).toHaveLength(1);
      const good = app({ 'config/.env.production': SECURE_ENV });
      expect(sh(good, 'sh', ['-c', recipe], env).status).toBe(0);
      // A broken configuration is exit 2, not a pass.
      const broken = app({ 'config/.env.production': SECURE_ENV });
      write(broken, { 'package.json': '{ "name": "app", "secure-db": { "profile": "loose" } }\n' });
      expect(sh(broken, 'sh', ['-c', recipe], env).status).toBe(2);
    },
  );

  it(
    'diff-aware: a pull request branch is blamed only for its own new findings',
    { timeout: 60_000 },
    () => {
      const INSECURE_JS =
        "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });\n";
      const origin = app(
        {
          '.gitignore': 'node_modules/\n',
          '.env.production': INSECURE_ENV,
          'src/db.js': INSECURE_JS,
        },
        initRepo('ci-origin', env),
      );
      for (const args of [
        ['add', '-A'],
        ['commit', '-q', '-m', 'old code'],
      ])
        expect(git(origin, env, ...args).status).toBe(0);
      const clone = tempDir('ci-clone');
      expect(git(clone, env, 'clone', '-q', origin, '.').status).toBe(0);
      installDevTools(clone);
      expect(git(clone, env, 'checkout', '-q', '-b', 'feature').status).toBe(0);
      const recipe = snippet('ci.md', 'diff-aware');
      // Touch an old file elsewhere: its old finding is not this branch's.
      write(clone, { 'src/db.js': `${INSECURE_JS}export const unrelated = 1;\n` });
      const passed = sh(clone, 'bash', ['-e', '-c', recipe], env);
      expect(passed.status, passed.output_).toBe(0);
      write(clone, { 'config/.env.production': INSECURE_ENV });
      const failed = sh(clone, 'bash', ['-e', '-c', recipe], env);
      expect(failed.status, failed.output_).toBe(1);
      expect(failed.stdout).toContain('config/.env.production');
      expect(failed.stdout).not.toContain('src/db.js');
    },
  );

  it(
    'adopting the gate with a baseline: old findings pass, new ones fail, fixed ones must be pruned',
    { timeout: 60_000 },
    () => {
      const root = app(
        {
          '.env.production': INSECURE_ENV,
          'src/db.js':
            "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });\n",
        },
        initRepo('ci-baseline', env),
      );
      write(root, { '.gitignore': 'node_modules/\n' });
      git(root, env, 'add', '-A');
      git(root, env, 'commit', '-q', '-m', 'old code');
      const scan = () => sh(root, 'npx', ['secure-db', 'scan'], env);
      expect(scan().status).toBe(1);

      const adopt = sh(root, 'bash', ['-e', '-c', snippet('ci.md', 'baseline-adopt')], env);
      expect(adopt.status, adopt.output_).toBe(0);
      expect(git(root, env, 'show', '--stat', 'HEAD').stdout).toContain('secure-db-baseline.json');
      expect(scan().status).toBe(0);

      write(root, { 'config/.env.production': INSECURE_ENV });
      const added = scan();
      expect(added.status).toBe(1);
      expect(added.stdout).toContain('config/.env.production');
      expect(added.stdout).not.toContain('src/db.js');

      write(root, { 'config/.env.production': SECURE_ENV, '.env.production': SECURE_ENV });
      expect(scan().status).toBe(2); // an unused baseline entry
      expect(sh(root, 'npx', ['secure-db', 'scan', '--prune-baseline'], env).status).toBe(0);
      expect(scan().status).toBe(0);
    },
  );
});
