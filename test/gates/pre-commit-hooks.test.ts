/**
 * .pre-commit-hooks.yaml and what installing it from a git revision needs: the `files`
 * regex names every file a scanner front-end reads (identify gives `.env` no type), the
 * `prepare` script builds dist/, `npm pack` keeps its stdout to the tarball name (.npmrc),
 * and the package ships what the bin needs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FRONTENDS } from '../../src/scanner/frontends.js';
import { git, gitEnv, REPO } from './helpers.js';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  types: string[];
  pass_filenames: boolean;
  require_serial: boolean;
  minimum_pre_commit_version: string;
}

const HOOKS = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

/** pre-commit's Python regex, searched (re.search) against the repository-relative path. */
function filesRegex(hook: Hook): RegExp {
  expect(hook.files.startsWith('(?i)')).toBe(true);
  return new RegExp(hook.files.slice(4), 'i');
}

const READ = [
  '.env',
  '.envrc',
  '.env.production',
  '.env.production.local',
  'config/.env.local',
  '.env-sample',
  'env.example',
  'production.env',
  'deploy/sample.env',
  'settings.py',
  'app/settings.py',
  'local_settings.py',
  'settings_prod.py',
  'app/settings/production.py',
  'proj/settings/base.py',
  'src/db.py',
  'netbox/configuration.py',
  'docker-compose.yml',
  'k8s/deploy.yaml',
  'config/database.json',
  'ormconfig.json',
  'prisma/schema.prisma',
  'postgresql.conf',
  'pg_hba.conf',
  'docker/postgres/conf.d/ssl.conf',
  'postgresql.auto.conf',
  'src/db.js',
  'a.cjs',
  'a.mjs',
  'a.jsx',
  'src/db.ts',
  'a.cts',
  'a.mts',
  'a.tsx',
];
const NOT_READ = ['README.md', 'logo.png', 'Makefile', 'environment.md'];

describe('.pre-commit-hooks.yaml', () => {
  it('declares the per-file hook and the whole-project hook', () => {
    expect(HOOKS.map((h) => h.id)).toEqual(['secure-db', 'secure-db-project']);
    const [file, project] = HOOKS as [Hook, Hook];
    // One scan of the index each: never chunked file lists, never untracked or unstaged files.
    expect(file).toMatchObject({
      name: 'secure-db (database TLS and credentials)',
      entry: 'secure-db scan --staged --no-warn-ignored',
      language: 'node',
      types: ['text'],
      pass_filenames: false,
      require_serial: true,
    });
    expect(project).toMatchObject({
      entry: 'secure-db scan --staged',
      language: 'node',
      pass_filenames: false,
      require_serial: true,
    });
    for (const hook of HOOKS) expect(hook.minimum_pre_commit_version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(project.files).toBe(file.files);
  });

  it('`files` covers every file a front-end reads', () => {
    const regex = filesRegex(HOOKS[0]!);
    for (const path of READ) expect(regex.test(path), path).toBe(true);
    for (const path of NOT_READ) expect(regex.test(path), path).toBe(false);
    // Every path a front-end accepts, from the synthetic list and this repository's examples.
    const examples = git(REPO, gitEnv(), 'ls-files', 'examples')
      .stdout.split('\n')
      .filter(Boolean)
      .map((p) => p.slice('examples/'.length));
    for (const path of [...READ, ...NOT_READ, ...examples]) {
      if (FRONTENDS.some((f) => f.matches(path)))
        expect(regex.test(path), `${path} is read by a front-end`).toBe(true);
    }
  });

  it('installing from a git revision builds dist/: prepare, a quiet npm pack, and files', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      files: string[];
      bin: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(pkg.devDependencies.typescript).toBeDefined(); // pre-commit's npm install includes devDependencies
    expect(pkg.bin['secure-db']).toBe('./dist/src/cli/bin.js');
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'docs']));
    // npm pack prints the prepare banner on stdout unless scripts run in the background;
    // pre-commit takes all of npm pack's stdout as the tarball's name.
    expect(readFileSync(join(REPO, '.npmrc'), 'utf8')).toMatch(/^foreground-scripts=false$/m);
  });
});
