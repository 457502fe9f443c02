/**
 * `npm run example`, the README's first command, as the package.json script runs it: each
 * tool's output under its own labelled header, both tools' findings, exit 0. The script's
 * build step is left out here (`npm test` has just built, and rebuilding `dist/` while
 * other test files run the CLI would race them); the test checks it is exactly that step.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '../..');
const BUILD = 'npm run build --silent && ';

it('prints a labelled header per tool, then that tool’s findings, and exits 0', () => {
  const scripts = (
    JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const example = scripts.example!;
  expect(example.startsWith(BUILD)).toBe(true);
  const run = spawnSync('sh', ['-c', example.slice(BUILD.length)], {
    cwd: REPO,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', HOME: process.env.HOME ?? '' },
    timeout: 120_000,
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const lines = run.stdout.split('\n');
  const eslintAt = lines.indexOf('=== ESLint (eslint .) ===');
  const scanAt = lines.indexOf('=== secure-db scan . ===');
  expect(eslintAt).toBe(0);
  expect(scanAt).toBeGreaterThan(eslintAt);
  const section = (from: number, to: number) => lines.slice(from + 1, to).join('\n');
  for (const output of [section(eslintAt, scanAt), section(scanAt, lines.length)]) {
    // Each tool reports the examples' insecure lines with secure-db rule ids, and its totals.
    expect(output).toMatch(/secure-db\/no-disabled-cert-verification/);
    expect(output).toMatch(/secure-db\/no-hardcoded-credentials/);
    expect(output).toMatch(/^\u2716 \d+ problems \(\d+ errors?, \d+ warnings?\)$/m);
  }
  // Files only the scanner reads appear under its header alone.
  expect(section(eslintAt, scanAt)).not.toMatch(/^\.env\.production$/m);
  expect(section(scanAt, lines.length)).toMatch(/^\.env\.production$/m);
});
