/**
 * The secure-db languages under real ESLint 9 and 10 (a child process with the built
 * plugin, as in an editor or CI): input problems are fatal parse errors with a clear text,
 * not crashes; inline directives (ESLint's and the scanner's) work; `--fix` with
 * `autofix: true` writes what `secure-db scan --fix` writes; the JavaScript-only configs
 * lint no other file; ESLint 8, which has no languages, rejects the all-files configs with
 * ESLint's own configuration error.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixProject } from '../../src/scanner/index.js';
import {
  ESLINT_VERSIONS,
  key,
  REPO_ROOT,
  runEslint,
  scanFiles,
  type EslintMessage,
} from './helpers.js';

const TIMEOUT = 60_000;
const EXAMPLES = join(REPO_ROOT, 'examples');
const TMP = join(REPO_ROOT, '.tmp');
const temporary: string[] = [];

function tempDir(): string {
  mkdirSync(TMP, { recursive: true });
  const dir = mkdtempSync(join(TMP, 'languages-'));
  temporary.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** Files that the scanner cannot read, and the scanner's words for them. */
const BROKEN: { filePath: string; text: string; line: number; column: number }[] = [
  {
    filePath: 'docker-compose.yml',
    text: 'services:\n  db: [unclosed\n  password: x\n',
    // The scanner's message gives no position for this error: the start of the file.
    line: 1,
    column: 1,
  },
  { filePath: 'config/production.json', text: '{ "password": "x", }}\n', line: 1, column: 21 },
  { filePath: '.env', text: 'DB_PASSWORD=x\u0000\u0000\n', line: 1, column: 1 },
  { filePath: 'schema.prisma', text: 'datasource db {\u0000}\n', line: 1, column: 1 },
  { filePath: 'pg_hba.conf', text: 'host all all 0.0.0.0/0 md5\u0000\n', line: 1, column: 1 },
];

describe.each(ESLINT_VERSIONS.map((v) => [v.name, v.module] as const))('%s', (_, module) => {
  it(
    "reports a file the scanner cannot read as a fatal parse error in the scanner's words",
    { timeout: TIMEOUT },
    async () => {
      const cwd = tempDir();
      const answers = runEslint(
        module,
        BROKEN.map((b) => ({
          cwd,
          config: 'recommended-all-files',
          text: b.text,
          filePath: b.filePath,
        })),
      );
      for (const [i, broken] of BROKEN.entries()) {
        const answer = answers[i]!;
        expect(answer.error, broken.filePath).toBeUndefined();
        const messages = answer.results![0]!.messages;
        writeFileSync(join(cwd, broken.filePath.replace('config/', '')), broken.text);
        mkdirSync(join(cwd, 'config'), { recursive: true });
        writeFileSync(join(cwd, broken.filePath), broken.text);
        const scanned = await scanFiles(cwd, [broken.filePath]);
        expect(scanned.errors.length, broken.filePath).toBe(1);
        expect(messages.map((m) => [m.fatal, m.ruleId, m.message, m.line, m.column])).toEqual([
          [true, null, `Parsing error: ${scanned.errors[0]!.message}`, broken.line, broken.column],
        ]);
      }
    },
  );

  it(
    'stops at a Python syntax error with a fatal parse error (the scanner judges the rest)',
    { timeout: TIMEOUT },
    () => {
      const [answer] = runEslint(module, [
        {
          cwd: tempDir(),
          config: 'recommended-all-files',
          filePath: 'settings.py',
          text: "DATABASES = {\n    'default': {'ENGINE': 'django.db.backends.postgresql',\n}\nx = (\n",
        },
      ]);
      const messages = answer!.results![0]!.messages;
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        fatal: true,
        ruleId: null,
        message: 'Parsing error: Python syntax error',
      });
    },
  );

  it(
    'does not parse a Python module that mentions no database (the keyword gate)',
    { timeout: TIMEOUT },
    () => {
      const [answer] = runEslint(module, [
        {
          cwd: tempDir(),
          config: 'recommended-all-files',
          filePath: 'app/views.py',
          // A syntax error a parse would report: the gate keeps the parser away.
          text: 'def index(request):\n    return render(request, (\n',
        },
      ]);
      expect(answer!.results![0]!.messages).toEqual([]);
    },
  );

  it(
    'honours eslint-disable and secure-db-disable comments, and reports unused ones',
    { timeout: TIMEOUT },
    () => {
      const text = [
        'DB_SSL=false',
        '# eslint-disable-next-line secure-db/require-ssl -- local proxy, ticket OPS-1',
        'DB_SSL=false',
        'DB_SSL=false # secure-db-disable-line require-ssl -- same proxy',
        '# secure-db-disable-next-line no-weak-sslmode',
        'PGSSLMODE=disable',
        '# eslint-disable-next-line secure-db/min-tls-version',
        'DB_HOST=db.internal',
        '',
      ].join('\n');
      const [answer] = runEslint(module, [
        { cwd: tempDir(), config: 'recommended-all-files', filePath: '.env.production', text },
      ]);
      const messages = answer!.results![0]!.messages.map((m: EslintMessage) => [
        m.line,
        m.ruleId,
        m.severity,
      ]);
      expect(messages).toEqual([
        [1, 'secure-db/require-ssl', 2],
        // The directive names another rule than the one reported on the next line.
        [5, null, 1],
        [6, 'secure-db/require-ssl', 2],
        [7, null, 1],
      ]);
    },
  );

  it(
    "applies the scanner's safe fixes with --fix when autofix is on, and the same edits",
    { timeout: TIMEOUT },
    async () => {
      const eslintCopy = tempDir();
      const scannerCopy = tempDir();
      const files = [
        '.env.production',
        'postgres/postgresql.conf',
        'postgres/pg_hba.conf',
        'deploy/docker-compose.yml',
        'django/settings/production.py',
        'prisma/schema.prisma',
      ];
      for (const copy of [eslintCopy, scannerCopy])
        for (const file of files) {
          mkdirSync(join(copy, file, '..'), { recursive: true });
          cpSync(join(EXAMPLES, file), join(copy, file));
        }
      const [answer] = runEslint(module, [
        {
          cwd: eslintCopy,
          config: 'recommended-all-files',
          files,
          fix: true,
          settings: { 'secure-db': { autofix: true } },
        },
      ]);
      expect(answer!.error).toBeUndefined();
      // One file at a time, as ESLint sees them (docs/languages.md: schema.prisma would tell
      // a project scan that Prisma reads DATABASE_URL).
      for (const file of files)
        await fixProject({ cwd: scannerCopy, paths: [file], baseline: false, mode: 'write' });
      let changed = 0;
      for (const result of answer!.results!) {
        const fixedByScanner = readFileSync(join(scannerCopy, result.file), 'utf8');
        const original = readFileSync(join(EXAMPLES, result.file), 'utf8');
        expect({ file: result.file, text: result.output ?? original }).toEqual({
          file: result.file,
          text: fixedByScanner,
        });
        if (fixedByScanner !== original) changed++;
      }
      expect(changed, 'some file had a safe fix').toBeGreaterThan(0);
    },
  );

  it(
    'JavaScript-only configs lint no .env, YAML, Python, Prisma or PostgreSQL file',
    { timeout: TIMEOUT },
    () => {
      const [recommended, strict] = runEslint(module, [
        { cwd: EXAMPLES, config: 'recommended' },
        { cwd: EXAMPLES, config: 'strict' },
      ]);
      for (const answer of [recommended!, strict!]) {
        const linted = answer.results!.map((r) => r.file);
        expect(linted.length).toBeGreaterThan(0);
        expect(linted.filter((f) => !/\.(?:[cm]?js|ts)$/.test(f))).toEqual([]);
      }
    },
  );
});

describe('ESLint 10 with --concurrency', () => {
  it(
    'gives the same findings with 2 threads as with none (each thread starts its own Python worker)',
    { timeout: TIMEOUT },
    () => {
      // Under the repository, so that `import 'eslint-plugin-secure-db'` resolves to this build.
      const cwd = tempDir();
      cpSync(EXAMPLES, cwd, { recursive: true });
      writeFileSync(
        join(cwd, 'eslint.config.js'),
        "import secureDb from 'eslint-plugin-secure-db';\n" +
          "export default [...secureDb.configs['recommended-all-files'], { ignores: ['**/*.ts'] }];\n",
      );
      const [serial, concurrent] = runEslint('eslint', [
        { cwd, config: 'file' },
        { cwd, config: 'file', concurrency: 2 },
      ]);
      const findings = (answer: typeof serial) =>
        answer!.results!.flatMap((r) => r.messages.map((m) => `${r.file} ${key(m)}`)).sort();
      expect(serial!.error).toBeUndefined();
      expect(findings(serial).some((f) => f.startsWith('django/settings/production.py'))).toBe(
        true,
      );
      expect(findings(concurrent)).toEqual(findings(serial));
    },
  );
});

describe('ESLint 8.57', () => {
  it(
    'has no languages: the all-files configs are a configuration error, the JS configs work',
    { timeout: TIMEOUT },
    () => {
      const [allFiles, javascript] = runEslint('eslint-v8', [
        { cwd: EXAMPLES, config: 'recommended-all-files' },
        { cwd: EXAMPLES, config: 'recommended' },
      ]);
      expect(allFiles!.error).toContain('Unexpected key "language" found');
      expect(javascript!.error).toBeUndefined();
      expect(javascript!.results!.some((r) => r.messages.length > 0)).toBe(true);
    },
  );
});
