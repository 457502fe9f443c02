/**
 * `secure-db init [--eslint] [--pre-commit] [--husky] [--force]`: starter configuration, the
 * same text as the snippets of docs/pre-commit.md.
 *
 * - `--eslint` (the default): `eslint.config.js`, unless an ESLint flat config exists; then
 *   the lines to add are printed on stdout instead (exit 0). `--force` overwrites an
 *   existing `eslint.config.js` (never another config file).
 * - `--pre-commit`: `.pre-commit-config.yaml`; when it exists, the entry to add is printed
 *   (or nothing, when it already names secure-db), unless `--force` overwrites it.
 * - `--husky`: `.husky/pre-commit` (runs lint-staged) and `.lintstagedrc.json`. An existing
 *   one is never overwritten without `--force`: exit 2 naming the file, nothing written.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FLAT_CONFIG_FILES } from '../scanner/eslint-config-files.js';
import { EXIT, type ExitCode } from './exit-codes.js';

export interface InitRequest {
  eslint: boolean;
  preCommit: boolean;
  husky: boolean;
  force: boolean;
}

export interface InitIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
}

export const ESLINT_CONFIG = `import { defineConfig } from 'eslint/config';
import secureDb from 'eslint-plugin-secure-db';

export default defineConfig([
  { plugins: { 'secure-db': secureDb }, extends: ['secure-db/recommended'] },
]);
`;

const ESLINT_LINES = `import secureDb from 'eslint-plugin-secure-db';
// in the exported array:
  { plugins: { 'secure-db': secureDb }, extends: ['secure-db/recommended'] },
`;

export function preCommitConfig(version: string): string {
  return `repos:\n${preCommitEntry(version)}`;
}

function preCommitEntry(version: string): string {
  return `  - repo: https://github.com/secure-db/secure-db\n    rev: v${version}\n    hooks:\n      - id: secure-db\n`;
}

export const HUSKY_PRE_COMMIT = 'npx lint-staged --continue-on-error\n';

export const LINTSTAGEDRC = `{
  "*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}": "eslint --max-warnings=0 --no-warn-ignored",
  "{.env,.env.*,*.env,*.{yml,yaml,json,prisma},*.py,postgresql.conf,pg_hba.conf}": "secure-db scan --no-warn-ignored"
}
`;

export function runInit(request: InitRequest, io: InitIo, version: string): ExitCode {
  const say = (message: string) => io.stderr.write(`secure-db: ${message}\n`);
  const at = (file: string) => join(io.cwd, file);
  const writes: { file: string; text: string; executable?: boolean }[] = [];
  const prints: string[] = [];

  if (request.husky) {
    const files = [
      { file: '.husky/pre-commit', text: HUSKY_PRE_COMMIT, executable: true },
      { file: '.lintstagedrc.json', text: LINTSTAGEDRC },
    ];
    const existing = files.find((f) => existsSync(at(f.file)));
    if (existing && !request.force) {
      say(
        `${existing.file} already exists; nothing was written (merge it by hand, or use --force to overwrite it)`,
      );
      return EXIT.error;
    }
    writes.push(...files);
  }
  if (request.eslint) {
    const existing = FLAT_CONFIG_FILES.find((f) => existsSync(at(f)));
    if (existing && !(request.force && existing === 'eslint.config.js'))
      prints.push(`Add to ${existing}:\n\n${ESLINT_LINES}`);
    else writes.push({ file: 'eslint.config.js', text: ESLINT_CONFIG });
  }
  if (request.preCommit) {
    const file = '.pre-commit-config.yaml';
    if (existsSync(at(file)) && !request.force) {
      if (readFileSync(at(file), 'utf8').includes('secure-db/secure-db'))
        say(`${file} already has the secure-db hook`);
      else prints.push(`Add to the repos: list of ${file}:\n\n${preCommitEntry(version)}`);
    } else writes.push({ file, text: preCommitConfig(version) });
  }

  for (const w of writes) {
    try {
      mkdirSync(dirname(at(w.file)), { recursive: true });
      writeFileSync(at(w.file), w.text);
      if (w.executable) chmodSync(at(w.file), 0o755);
    } catch (error) {
      say(`cannot write ${w.file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return EXIT.error;
    }
    say(`wrote ${w.file}`);
  }
  if (request.husky)
    say(
      'install the hook with "npx husky" (and "prepare": "husky" in package.json); it needs the husky and lint-staged packages',
    );
  if (request.preCommit && writes.some((w) => w.file === '.pre-commit-config.yaml'))
    say('install the hook with "pre-commit install"');
  io.stdout.write(prints.join('\n'));
  return EXIT.clean;
}
