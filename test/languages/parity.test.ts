/**
 * Issue 10 §2: real ESLint 9 and 10 with `recommended-all-files` / `strict-all-files` on
 * every non-JavaScript front-end's fixtures and on examples/ give the findings
 * `secure-db scan` gives for the same file — rule, position and message — and a file the
 * scanner cannot read is a fatal "Parsing error" with the scanner's words.
 *
 * ESLint lints one file at a time, so the scanner runs per file here too. A whole-project
 * scan may know more (which driver reads an environment variable's URL, from schema.prisma,
 * a JS driver call or a sequelize config.json): the files where that changes a finding are
 * listed below and in docs/languages.md, and the test holds the list exact.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ESLINT_VERSIONS,
  key,
  languageFiles,
  REPO_ROOT,
  runEslint,
  scanFiles,
  scannerFindings,
  type EslintAnswer,
} from './helpers.js';

const DIRS = [
  'test/frontends/fixtures/dotenv',
  'test/frontends/fixtures/yaml',
  'test/frontends/fixtures/json',
  'test/frontends/fixtures/python',
  'test/frontends/fixtures/prisma',
  'test/frontends/fixtures/postgres-conf',
  'examples',
];
const PROFILES = [
  { config: 'recommended-all-files', profile: 'default' },
  { config: 'strict-all-files', profile: 'strict' },
] as const;

/**
 * Files whose findings in a whole-project scan differ from the file scanned alone, because
 * another file of the project says which driver reads a variable's connection string.
 */
const CROSS_FILE: Record<string, string[]> = {
  // schema.prisma reads env("DATABASE_URL"): the project scan judges DATABASE_URL as Prisma
  // reads it; alone (and in ESLint) the file's URL is read as libpq reads it.
  'examples default': ['.env.production'],
  'examples strict': ['.env.production'],
  // An override file reaches the services of the base file beside it (compose merges the
  // two): the project scan reads the base file; the override alone does not know them.
  'test/frontends/fixtures/yaml default': ['override/docker-compose.override.yml'],
};

function apply(
  text: string,
  edits: readonly { range: readonly [number, number]; text: string }[],
): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range[0] - a.range[0]))
    out = out.slice(0, e.range[0]) + e.text + out.slice(e.range[1]);
  return out;
}

const JAVASCRIPT = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const TIMEOUT = 120_000;

interface Expected {
  /** file → findings, the scanner on that file alone. */
  perFile: Map<string, string[]>;
  /** file → each fix of each finding, applied to the file (`description⏎text`). */
  fixes: Map<string, string[]>;
  /** file → the scanner's input problems for it. */
  errors: Map<string, string[]>;
  /** file → findings in a scan of the whole folder. */
  project: Map<string, string[]>;
}

const eslintRuns = new Map<string, EslintAnswer[]>();
const expected = new Map<string, Expected>();
const jobs = DIRS.flatMap((dir) => PROFILES.map((p) => ({ dir, ...p, cwd: join(REPO_ROOT, dir) })));

beforeAll(async () => {
  for (const version of ESLINT_VERSIONS)
    eslintRuns.set(
      version.name,
      runEslint(
        version.module,
        jobs.map((j) => ({ cwd: j.cwd, config: j.config })),
      ),
    );
  for (const job of jobs) {
    const files = languageFiles(job.cwd);
    const perFile = new Map<string, string[]>();
    const fixes = new Map<string, string[]>();
    const errors = new Map<string, string[]>();
    for (const file of files) {
      // ESLint lints one file with no view of the others: the scanner's one-file view.
      const result = await scanFiles(job.cwd, [file], {
        profile: job.profile,
        keepSources: true,
        projectFacts: false,
      });
      perFile.set(file, scannerFindings(result).get(file) ?? []);
      const kept = result.sources?.get(file);
      fixes.set(
        file,
        (kept?.findings ?? [])
          .flatMap((f) =>
            f.fixes.map((fix) => `${fix.description}.\n${apply(kept!.source.text, fix.edits)}`),
          )
          .sort(),
      );
      if (result.errors.length > 0)
        errors.set(
          file,
          result.errors.map((e) => e.message),
        );
    }
    const project = scannerFindings(await scanFiles(job.cwd, ['.'], { profile: job.profile }));
    expected.set(`${job.dir} ${job.profile}`, { perFile, fixes, errors, project });
  }
}, TIMEOUT * 2);

describe.each(ESLINT_VERSIONS.map((v) => [v.name] as const))('%s', (version) => {
  describe.each(jobs.map((j) => [`${j.dir} (${j.config})`, j] as const))('%s', (_, job) => {
    it('lints exactly the files the scanner reads with a non-JavaScript front-end', () => {
      const answer = eslintRuns.get(version)![jobs.indexOf(job)]!;
      expect(answer.error).toBeUndefined();
      const linted = answer
        .results!.map((r) => r.file)
        .filter((f) => !JAVASCRIPT.test(f))
        .sort();
      expect(linted).toEqual(languageFiles(job.cwd));
    });

    it('reports what the scanner reports in each file, rule, position and message', () => {
      const answer = eslintRuns.get(version)![jobs.indexOf(job)]!;
      const want = expected.get(`${job.dir} ${job.profile}`)!;
      let compared = 0;
      for (const result of answer.results!) {
        if (JAVASCRIPT.test(result.file)) continue;
        const errors = want.errors.get(result.file);
        const fatal = result.messages.filter((m) => m.fatal);
        if (errors) {
          // An input problem: ESLint's fatal parse error in the scanner's words.
          expect(fatal.map((m) => m.message)).toEqual(errors.map((e) => `Parsing error: ${e}`));
          continue;
        }
        expect(fatal, result.file).toEqual([]);
        const got = result.messages
          .filter((m) => m.ruleId?.startsWith('secure-db/'))
          .map(key)
          .sort();
        expect({ file: result.file, findings: got }).toEqual({
          file: result.file,
          findings: want.perFile.get(result.file) ?? [],
        });
        compared += got.length;
      }
      expect(compared, 'the comparison is not vacuous').toBeGreaterThan(0);
    });

    it("offers the scanner's fixes as suggestions, with the same edits", () => {
      const answer = eslintRuns.get(version)![jobs.indexOf(job)]!;
      const want = expected.get(`${job.dir} ${job.profile}`)!;
      for (const result of answer.results!) {
        if (JAVASCRIPT.test(result.file) || want.errors.has(result.file)) continue;
        const text = readFileSync(join(job.cwd, result.file), 'utf8').replace(/^\uFEFF/, '');
        const got = result.messages
          .filter((m) => m.ruleId?.startsWith('secure-db/'))
          .flatMap((m) => (m.suggestions ?? []).map((s) => `${s.desc}\n${apply(text, [s.fix])}`))
          .sort();
        expect({ file: result.file, fixes: got }).toEqual({
          file: result.file,
          fixes: want.fixes.get(result.file) ?? [],
        });
      }
    });
  });
});

describe('the scanner alone', () => {
  it.each(jobs.map((j) => [`${j.dir} (${j.profile})`, j] as const))(
    '%s: a whole-project scan differs from per-file scans only in the listed files',
    (_, job) => {
      const want = expected.get(`${job.dir} ${job.profile}`)!;
      const differing = [...want.perFile.keys()].filter(
        (file) =>
          JSON.stringify(want.project.get(file) ?? []) !==
          JSON.stringify(want.perFile.get(file) ?? []),
      );
      expect(differing).toEqual(CROSS_FILE[`${job.dir} ${job.profile}`] ?? []);
    },
  );
});
