/**
 * The keyword gates in front of the YAML and Python parsers may only skip what has nothing
 * to find: every YAML and Python fixture gives the same results as the same file forced
 * through its gate by a trailing comment that names a TLS word and changes nothing the
 * analysis reads. (The JS/TS gate: test/core/keywords.test.ts.) And the names the gates
 * once missed: a password named `…_PW` or `…_PASS`, `DATABASE_REJECT_UNAUTHORIZED`.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scanner/scan.js';
import { project } from '../cli/helpers.js';

const fixtures = join(import.meta.dirname, '../frontends/fixtures');

/** A copy of a fixture tree; with `force`, each file of `kind` ends in `# sslmode` comment. */
function copy(name: string, kind: RegExp, force: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), `secure-db-gates-${name}-`));
  cpSync(join(fixtures, name), dir, { recursive: true });
  if (force)
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      const path = join(dir, file);
      if (!statSync(path).isFile() || !kind.test(file)) continue;
      const text = readFileSync(path, 'utf8');
      writeFileSync(path, `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}# sslmode\n`);
    }
  return dir;
}

async function results(dir: string) {
  const result = await scan({ cwd: dir, profile: 'strict', baseline: false });
  return result.results.map((r) => `${r.file}:${r.line}:${r.column} ${r.ruleId} ${r.message}`);
}

describe('the YAML and Python gates hide no finding', () => {
  for (const [name, kind] of [
    ['yaml', /\.ya?ml$/],
    ['python', /\.py$/],
  ] as const)
    it(`${name} fixtures`, async () => {
      const gated = await results(copy(name, kind, false));
      expect(gated.length).toBeGreaterThan(20);
      expect(gated).toEqual(await results(copy(name, kind, true)));
    });
});

describe('the test-file gate hides no finding', () => {
  // Every JS/TS fixture placed under `test/` (a test file reports only min-tls-version):
  // parsed only when it names a TLS version or cipher list, it gives the same results as
  // when each file ends in a comment that names one and changes nothing the analysis reads.
  function asTests(name: string, force: boolean): string {
    const dir = mkdtempSync(join(tmpdir(), `secure-db-gates-tests-${name}-`));
    cpSync(join(fixtures, name), join(dir, 'test'), { recursive: true });
    if (force)
      for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        const path = join(dir, file);
        if (!statSync(path).isFile() || !/\.[cm]?[jt]sx?$/.test(file)) continue;
        const text = readFileSync(path, 'utf8');
        writeFileSync(path, `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}// TLSv1\n`);
      }
    return dir;
  }

  it('estree fixtures', async () => {
    const gated = await results(asTests('estree', false));
    expect(gated.filter((r) => r.includes('secure-db/min-tls-version')).length).toBeGreaterThan(2);
    expect(gated).toEqual(await results(asTests('estree', true)));
  });
});

describe('the gates let through every password word and env convention', () => {
  const secret = 'Xk9mP2vQ7zL4wR8t';
  it.each([
    ['docker-compose.yml', `services:\n  api:\n    environment:\n      DB_PW: ${secret}\n`],
    [
      'docker-compose.yml',
      'services:\n  api:\n    environment:\n      DATABASE_REJECT_UNAUTHORIZED: "false"\n',
    ],
    ['app/db.py', `import os\n\nDB = os.environ.get("POSTGRES_PW", "${secret}")\n`],
    ['app/db.py', `import os\n\nDB = os.environ.get("MYSQL_PWD", "${secret}")\n`],
    ['app/db.py', `import os\n\nDB = os.environ.get("db_pass", "${secret}")\n`],
    ['src/db.js', `export const credential = process.env.DB_PASS || '${secret}';\n`],
    ['src/db.js', `export const credential = process.env.MYSQL_PWD || '${secret}';\n`],
    ['src/db.js', `export const credential = process.env.POSTGRES_PW || '${secret}';\n`],
  ])('%s: %s', async (file, text) => {
    const { results } = await scan({ cwd: project({ [file]: text }), baseline: false });
    expect(results.map((r) => r.ruleId)).toHaveLength(1);
  });
});
