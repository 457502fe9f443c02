/**
 * `--format gitlab`: GitLab Code Quality JSON, checked against the fields GitLab documents
 * for a Code Quality report artifact (docs.gitlab.com, "Code Quality report format"): an
 * array of objects with `description`, `check_name`, `fingerprint` (unique), `severity`
 * (`info`, `minor`, `major`, `critical`, `blocker`), `location.path` (relative) and
 * `location.lines.begin` (`lines.end` is from the Code Climate spec GitLab's format is a
 * subset of). Nothing else is emitted (GitLab ignores other fields), and never a secret.
 */
import { existsSync } from 'node:fs';
import Ajv from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, CLEAN_JS, project, run, SECRETS, WEAK_JS } from '../cli/helpers.js';
import { CODE_QUALITY_SCHEMA } from './helpers.js';

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end: number } };
}

const validate = new Ajv.default({ allErrors: true, strict: true }).compile(CODE_QUALITY_SCHEMA);

function codeQuality(stdout: string): Issue[] {
  const report = JSON.parse(stdout) as unknown;
  const ok = validate(report);
  expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
  expect(ok).toBe(true);
  return report as Issue[];
}

beforeAll(() => {
  if (!existsSync(BIN))
    throw new Error('run `npm run build` first: the gate tests spawn dist/src/cli/bin.js');
});

describe('--format gitlab', () => {
  it('an empty array on a clean project (exit 0)', () => {
    const r = run(project({ 'a.js': CLEAN_JS }), ['scan', '--format', 'gitlab']);
    expect(r.code).toBe(0);
    expect(codeQuality(r.stdout)).toEqual([]);
  });

  it('documented fields only; severity by rule; our fingerprints; paths relative; exit 1', () => {
    const root = project({
      'src/db.js': WEAK_JS,
      'src/tls.js':
        "import { Pool } from 'pg';\nexport const pool = new Pool({ host: process.env.DB_HOST, ssl: { rejectUnauthorized: true, minVersion: 'TLSv1' } });\n",
      // An unused directive: a warning.
      'src/quiet.js':
        '// secure-db-disable-next-line require-ssl -- nothing here\nexport const answer = 42;\n',
      '.env.production':
        'DATABASE_URL=postgres://app:Zq8%23cli-URL-pass-8812@db.example.com/app?sslmode=disable\n',
      // Unparsable: an input diagnostic.
      'src/broken.js': "import { Pool } from 'pg';\nconst x = {;\n",
    });
    const r = run(root, ['scan', '--format', 'gitlab']);
    expect(r.code).toBe(1);
    const issues = codeQuality(r.stdout);
    const json = JSON.parse(run(root, ['scan', '--format', 'json']).stdout) as {
      results: {
        ruleId: string;
        file: string;
        line: number;
        endLine: number;
        message: string;
        fingerprint: string;
        severity: string;
      }[];
    };

    const results = issues.filter((i) => !i.check_name.endsWith('-error'));
    expect(results).toHaveLength(json.results.length);
    for (const [index, expected] of json.results.entries()) {
      // The severity depends on the rule: checked below.
      const { severity: _severity, ...issue } = results[index]!;
      expect(issue).toEqual({
        description: expected.message,
        check_name: expected.ruleId,
        fingerprint: expected.fingerprint,
        location: { path: expected.file, lines: { begin: expected.line, end: expected.endLine } },
      });
    }
    const severity = (rule: string) => [
      ...new Set(
        results.filter((i) => i.check_name === `secure-db/${rule}`).map((i) => i.severity),
      ),
    ];
    expect(severity('no-disabled-cert-verification')).toEqual(['critical']);
    expect(severity('no-hardcoded-credentials')).toEqual(['critical']);
    expect(severity('min-tls-version')).toEqual(['major']);
    expect(severity('disable-directive')).toEqual(['minor']);
    expect(results.some((i) => i.location.path === '.env.production')).toBe(true);

    // Unique fingerprints (GitLab shows only the first issue of a fingerprint).
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    // Diagnostics with a file are info issues that name the problem, not the bytes.
    const diagnostics = issues.filter((i) => i.check_name === 'secure-db/input-error');
    expect(diagnostics).toHaveLength(1);
    const { description, fingerprint, ...diagnostic } = diagnostics[0]!;
    expect(description).toMatch(/^Parsing error/);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(diagnostic).toEqual({
      check_name: 'secure-db/input-error',
      severity: 'info',
      location: { path: 'src/broken.js', lines: { begin: 1, end: 1 } },
    });
    for (const secret of SECRETS) expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('fingerprints do not change when lines move', () => {
    const root = project({ 'src/db.js': WEAK_JS });
    const before = codeQuality(run(root, ['scan', '-f', 'gitlab']).stdout);
    const moved = project({ 'src/db.js': `// a comment\n\n${WEAK_JS}` });
    const after = codeQuality(run(moved, ['scan', '-f', 'gitlab']).stdout);
    expect(after.map((i) => i.fingerprint)).toEqual(before.map((i) => i.fingerprint));
    expect(after.map((i) => i.location.lines.begin)).toEqual(
      before.map((i) => i.location.lines.begin + 2),
    );
  });

  it('-o writes the report for `artifacts: reports: codequality`', () => {
    const root = project({ 'src/db.js': WEAK_JS });
    const r = run(root, ['scan', '--format', 'gitlab', '-o', 'gl-code-quality-report.json']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: '' });
  });
});
