/**
 * The real pre-commit tool (Debian's `pre-commit`, installed by .ci/run) installs our hook
 * from a git revision, as a user's `.pre-commit-config.yaml` makes it (the snippet of
 * docs/pre-commit.md, with `repo:` and `rev:` pointed at a commit of this working tree),
 * and `git commit` runs it. The install (npm install, the `prepare` build, npm pack, a
 * global install of the tarball) happens once, in a PRE_COMMIT_HOME shared by the cases.
 *
 * Missing pre-commit fails this file; SECURE_DB_SKIP_PRECOMMIT=1 skips it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BIN,
  git,
  gitEnv,
  hookRepository,
  initRepo,
  sh,
  snippet,
  tempDir,
  write,
} from './helpers.js';

const SKIP = process.env.SECURE_DB_SKIP_PRECOMMIT === '1';
const SECRET = 'Zq8pc-hook-pass-5521';

interface Hooked {
  root: string;
  commit(
    files: Record<string, string>,
    message?: string,
  ): { status: number | null; output: string; committed: boolean };
}

describe.skipIf(SKIP)('pre-commit hooks from .pre-commit-hooks.yaml', () => {
  const env = gitEnv({ PRE_COMMIT_HOME: join(tempDir('pre-commit-home'), 'cache') });
  let hook: { url: string; rev: string };

  /** A user repository whose config is the documented snippet, pointed at `hook`. */
  function userRepo(hookIds: string[] = ['secure-db'], doc = 'pre-commit.md'): Hooked {
    const root = initRepo('pre-commit-user', env);
    const documented = snippet(doc, 'pre-commit-config');
    const config = documented
      .replace(/(repo: ).*/, `$1${hook.url}`)
      .replace(/(rev: ).*/, `$1${hook.rev}`)
      .replace(/(hooks:\n)[\s\S]*$/, `$1${hookIds.map((id) => `      - id: ${id}\n`).join('')}`);
    // The documented shape survives the substitution.
    expect(
      (parse(config) as { repos: { hooks: { id: string }[] }[] }).repos[0]!.hooks.map((h) => h.id),
    ).toEqual(hookIds);
    write(root, { '.pre-commit-config.yaml': config, 'README.md': '# app\n' });
    git(root, env, 'add', '-A');
    const first = git(root, env, 'commit', '-q', '-m', 'init');
    expect(first.status, first.output_).toBe(0);
    const install = sh(root, 'pre-commit', ['install'], env);
    expect(install.status, install.output_).toBe(0);
    return {
      root,
      commit(files, message = 'change') {
        const before = git(root, env, 'rev-parse', 'HEAD').stdout.trim();
        write(root, files);
        git(root, env, 'add', '--', ...Object.keys(files));
        const r = git(root, env, 'commit', '-m', message);
        const after = git(root, env, 'rev-parse', 'HEAD').stdout.trim();
        return { status: r.status, output: r.output_, committed: after !== before };
      },
    };
  }

  beforeAll(() => {
    const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
    if (version.error || version.status !== 0) {
      throw new Error(
        'pre-commit is not installed (apt-get install pre-commit; .ci/run installs it). Set SECURE_DB_SKIP_PRECOMMIT=1 to skip these tests.',
      );
    }
    hook = hookRepository(env);
    // Install the hook environment once (pre-commit caches it by repo and rev).
    const root = userRepo().root;
    const install = sh(root, 'pre-commit', ['install-hooks'], env, 600_000);
    expect(install.status, install.output_).toBe(0);
    expect(existsSync(env.PRE_COMMIT_HOME!)).toBe(true);
  }, 660_000);

  it('blocks an insecure .env.production, showing the findings (never the password)', () => {
    const repo = userRepo();
    const r = repo.commit({
      '.env.production': `PGSSLMODE=disable\nNODE_TLS_REJECT_UNAUTHORIZED=0\nDATABASE_URL=postgres://app:${SECRET}@db.example.com/app\n`,
    });
    expect(r.status, r.output).not.toBe(0);
    expect(r.committed).toBe(false);
    expect(r.output).toMatch(/secure-db \(database TLS and credentials\)\.+Failed/);
    expect(r.output).toContain('.env.production');
    expect(r.output).toContain('secure-db/require-ssl');
    expect(r.output).toContain('secure-db/no-disabled-cert-verification');
    expect(r.output).toContain('secure-db/no-hardcoded-credentials');
    expect(r.output).not.toContain(SECRET);
  }, 60_000);

  it("the README's .pre-commit-config.yaml, as written: blocks, then lets the fix through", () => {
    const repo = userRepo(['secure-db'], '../README.md');
    const r = repo.commit({ 'deploy/.env.production': 'PGSSLMODE=disable\n' });
    expect(r.committed, r.output).toBe(false);
    expect(r.output).toMatch(
      /deploy\/\.env\.production\n\s+1:\d+\s+error\s.*secure-db\/require-ssl/,
    );
    const ok = repo.commit({ 'deploy/.env.production': 'PGSSLMODE=verify-full\n' });
    expect(ok.committed, ok.output).toBe(true);
  }, 60_000);

  it('blocks a pg config with rejectUnauthorized: false', () => {
    const repo = userRepo();
    const r = repo.commit({
      'src/db.js':
        "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });\n",
    });
    expect(r.committed, r.output).toBe(false);
    expect(r.output).toMatch(
      /src\/db\.js\n\s+2:\d+\s+error\s+.*rejectUnauthorized.*secure-db\/no-disabled-cert-verification/,
    );
  }, 60_000);

  it('lets a secure commit through', () => {
    const repo = userRepo();
    const r = repo.commit({
      '.env.production': 'PGSSLMODE=verify-full\nDATABASE_URL=${DATABASE_URL}\n',
      'src/db.js':
        "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });\n",
      'docs/notes.md': 'PGSSLMODE=disable is what we never do.\n',
    });
    expect(r.status, r.output).toBe(0);
    expect(r.committed).toBe(true);
    expect(r.output).toMatch(/secure-db \(database TLS and credentials\)\.+Passed/);
  }, 60_000);

  it('lets a development-only file through', () => {
    const repo = userRepo();
    const r = repo.commit({ '.env.development': 'PGSSLMODE=disable\nDB_SSL=false\n' });
    expect(r.status, r.output).toBe(0);
    expect(r.committed).toBe(true);
  }, 60_000);

  it('judges what is staged: an insecure staged file is blocked even when the working tree is fixed', () => {
    const repo = userRepo();
    write(repo.root, { '.env.production': 'PGSSLMODE=disable\n' });
    git(repo.root, env, 'add', '.env.production');
    write(repo.root, { '.env.production': 'PGSSLMODE=verify-full\n' });
    const r = git(repo.root, env, 'commit', '-m', 'staged is insecure');
    expect(r.status, r.output_).not.toBe(0);
    expect(r.output_).toContain('secure-db/require-ssl');
  }, 60_000);

  it('one report for the whole commit, the same as one `secure-db scan --staged` (no chunks)', () => {
    const repo = userRepo();
    // pre-commit splits passed file names into one chunk per CPU; these files must meet in
    // one scan (the config module's finding comes from the cross-file pass) and one report.
    const files: Record<string, string> = {
      'src/config.js':
        "export const cfg = { host: 'db.example.com', ssl: { rejectUnauthorized: false } };\n",
      'src/db.js':
        "import { Pool } from 'pg';\nimport { cfg } from './config.js';\nexport const pool = new Pool(cfg);\n",
    };
    for (let i = 0; i < 12; i++) files[`deploy/app${i}/.env.production`] = 'PGSSLMODE=disable\n';
    write(repo.root, files);
    git(repo.root, env, 'add', '-A');
    const direct = sh(
      repo.root,
      process.execPath,
      [BIN, 'scan', '--staged', '--no-warn-ignored'],
      env,
    );
    expect(direct.status).toBe(1);
    const r = git(repo.root, env, 'commit', '-m', 'many');
    expect(r.status, r.output_).not.toBe(0);
    expect(r.output_.match(/✖ \d+ problems?/g)).toEqual(['✖ 13 problems']);
    expect(r.output_).toContain(direct.stdout.trim());
  }, 60_000);

  it('never judges untracked files or unstaged edits', () => {
    for (const id of ['secure-db', 'secure-db-project']) {
      const repo = userRepo([id]);
      // Untracked: pre-commit leaves it in place; the hook must not read it.
      write(repo.root, { 'scratch/.env.production': 'PGSSLMODE=disable\n' });
      // Staged secure, then an insecure edit left unstaged.
      write(repo.root, { 'src/.env.production': 'PGSSLMODE=verify-full\n' });
      git(repo.root, env, 'add', 'src/.env.production');
      write(repo.root, { 'src/.env.production': 'PGSSLMODE=disable\n' });
      const r = git(repo.root, env, 'commit', '-m', 'secure staged');
      expect(r.status, `${id}: ${r.output_}`).toBe(0);
      expect(r.output_).not.toContain('scratch');
      // The unstaged edit is still there, untouched, for the next commit to judge.
      expect(readFileSync(join(repo.root, 'src/.env.production'), 'utf8')).toBe(
        'PGSSLMODE=disable\n',
      );
    }
  }, 120_000);

  it('secure-db-project: the same single scan of the staged content', () => {
    const repo = userRepo(['secure-db-project']);
    const r = repo.commit({ 'deploy/.env.production': 'PGSSLMODE=disable\n' });
    expect(r.committed, r.output).toBe(false);
    expect(r.output).toMatch(/secure-db \(whole project\)\.+Failed/);
    expect(r.output).toContain('deploy/.env.production');
    const ok = repo.commit({ 'deploy/.env.production': 'PGSSLMODE=verify-full\n' });
    expect(ok.status, ok.output).toBe(0);
  }, 60_000);
});
