/**
 * Issue 12 "Leaks": passwords planted in every position a string can reach output from —
 * parser errors of JS, TS, JSON, YAML and Python (a missing `:` before a password, an
 * invalid regular expression, a percent-encoded URL outside a string), the `-- reason` of a
 * suppression comment, a `--fix-dry-run` context line showing the password under another
 * key — and asserted absent from every format and from stderr. The real CLI, real files.
 */
import { describe, expect, it } from 'vitest';
import { project, run } from '../cli/helpers.js';

/** Each planted password, and a fragment long enough to identify it if cut or masked badly. */
const PLANTED = {
  parse: 'Zq8#leak-PARSE-pass-1101',
  regex: 'Zq8#leak-REGEX-pass-1102',
  encoded: 'Zq8%23leak-ENCODED-pass-1103',
  ts: 'Zq8#leak-TS-pass-1104',
  reason: 'Zq8#leak-REASON-pass-1105',
  context: 'Zq8#leak-CONTEXT-pass-1106',
  json: 'Zq8#leak-JSON-pass-1107',
  yaml: 'Zq8#leak-YAML-pass-1108',
  python: 'Zq8#leak-PYTHON-pass-1109',
};
const FRAGMENTS = Object.values(PLANTED).flatMap((secret) => [
  secret,
  decodeURIComponent(secret),
  secret.slice(4, 18),
]);

const FILES: Record<string, string> = {
  // A missing `:` puts the string into espree's "Unexpected token" message.
  'src/parse.js': `const pg = require('pg');\nconst c = { password '${PLANTED.parse}' };\n`,
  'src/regex.js': `const pg = require('pg');\nconst password = '${PLANTED.regex}';\nconst r = /${PLANTED.regex}(/;\n`,
  'src/encoded.js': `const pg = require('pg');\nconst url = postgres://app:${PLANTED.encoded}@db.example.com/app;\n`,
  'src/typed.ts': `import { Pool } from 'pg';\nconst c: { password: string } = { password '${PLANTED.ts}' };\n`,
  // A suppressed finding whose reason repeats the password.
  'src/suppressed.js': [
    "const { Pool } = require('pg');",
    `// secure-db-disable-next-line no-hardcoded-credentials -- rotated, old value ${PLANTED.reason}`,
    `export const a = new Pool({ host: 'db.example.com', password: '${PLANTED.reason}', ssl: true });`,
    '',
  ].join('\n'),
  // A fixable finding next to the same password under a key no rule reads.
  'src/context.js': [
    "const { Pool } = require('pg');",
    `const backup = { token: '${PLANTED.context}' };`,
    `export const pool = new Pool({ host: 'db.example.com', password: '${PLANTED.context}', ssl: { rejectUnauthorized: false } });`,
    `const copy = { apiToken: '${PLANTED.context}' };`,
    '',
  ].join('\n'),
  'config/database.json': `{"production": {"dialect": "postgres", "password" "${PLANTED.json}"}}\n`,
  'docker-compose.yml': `services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: "${PLANTED.yaml}" x: [\n`,
  'settings.py': `DATABASES = {'default': {'PASSWORD' '${PLANTED.python}' (}}\n`,
};

function expectClean(label: string, text: string): void {
  for (const fragment of FRAGMENTS)
    expect(text.includes(fragment), `${label} shows ${fragment}`).toBe(false);
}

describe('no planted password reaches any output', () => {
  const root = project(FILES);

  for (const format of ['stylish', 'json', 'sarif', 'github', 'gitlab'])
    it(`scan -f ${format} --include-suppressed`, () => {
      const out = run(root, ['scan', '.', '-f', format, '--include-suppressed']);
      expect(out.code, out.stderr).toBe(1);
      expect(out.stdout.length).toBeGreaterThan(0);
      expectClean(`${format} stdout`, out.stdout);
      expectClean(`${format} stderr`, out.stderr);
    });

  it('the parse errors are still reported, with the password masked', () => {
    const out = run(root, ['scan', '.', '-f', 'json']);
    const errors = (JSON.parse(out.stdout) as { errors: { file: string; message: string }[] })
      .errors;
    const parse = errors.find((e) => e.file === 'src/parse.js');
    expect(parse?.message).toMatch(/^Parsing error .*Unexpected token 'Z\*\*\* \(\d+ chars\)'/);
    expect(errors.map((e) => e.file)).toEqual(
      expect.arrayContaining(['src/parse.js', 'src/encoded.js', 'src/typed.ts']),
    );
  });

  it('the suppression reason is kept, with the password masked', () => {
    const out = run(root, ['scan', '.', '-f', 'json', '--include-suppressed']);
    expect(out.stdout).toMatch(/rotated, old value Z\*\*\* \(\d+ chars\)/);
  });

  it('--fix-dry-run context lines', () => {
    const out = run(root, ['scan', 'src/context.js', '--fix-dry-run']);
    expect(out.stdout).toContain('rejectUnauthorized: true');
    expect(out.stdout).toMatch(/token: 'Z\*\*\* \(\d+ chars\)'/);
    expectClean('fix preview', out.stdout);
    expectClean('fix preview stderr', out.stderr);
  });
});

describe('quoted secrets in diagnostics', () => {
  it('are masked after an apostrophe, between slashes, and not elsewhere', async () => {
    const { maskQuotedSecrets } = await import('../../src/core/secrets.js');
    expect(maskQuotedSecrets("can't parse 'Zq8#quoted-pass-77'")).toBe(
      "can't parse 'Z*** (18 chars)'",
    );
    expect(maskQuotedSecrets('Invalid regular expression: /Zq8#regex-pass-7(/: x')).toBe(
      'Invalid regular expression: /Z*** (17 chars)/: x',
    );
    const plain = 'JSON nested deeper than 256 levels (see "Limits" in docs/reliability.md)';
    expect(maskQuotedSecrets(plain)).toBe(plain);
  });
});
