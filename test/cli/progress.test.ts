/**
 * The progress line, on a real terminal: the built CLI runs under `script` (util-linux,
 * essential in Debian), which gives it a pseudo-terminal, so `process.stderr.isTTY` is true
 * as it is for a user at a shell. `SECURE_DB_PROGRESS_AFTER_MS=0` lets a small scan show the
 * line that a large one shows after a second.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, project, run, WEAK_JS } from './helpers.js';

const SECRET = 'Zq8#cli-PG-pass-2291';
/** Carriage return, then ANSI "erase to end of line". */
const ERASE = '\r\u001b[K';
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

function tree(): string {
  const files: Record<string, string> = { 'src/db.js': WEAK_JS };
  for (let i = 0; i < 300; i++)
    files[`src/components/c${i}.js`] = `export const c${i} = () => ${i};\n`;
  return project(files);
}

/** Runs the CLI with stdout and stderr on a pseudo-terminal; returns what the terminal received. */
function onTerminal(
  cwd: string,
  args: string[],
  env: Record<string, string>,
): { code: number | null; screen: string } {
  const command = [process.execPath, BIN, ...args]
    .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
    .join(' ');
  const out = spawnSync('script', ['-qefc', command, '/dev/null'], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TERM: 'xterm', ...env },
    timeout: 60_000,
  });
  return { code: out.status, screen: out.stdout };
}

describe.skipIf(!hasScript)('progress line on a terminal', () => {
  it('draws "scanned N/M files" on stderr, erases it before the report, and never shows a secret', () => {
    const cwd = tree();
    const { code, screen } = onTerminal(
      cwd,
      ['scan', '.', '--format', 'json', '-o', 'report.json'],
      { SECURE_DB_PROGRESS_AFTER_MS: '0' },
    );
    expect(code).toBe(1); // the weak pool is an error-level finding
    const lines = screen
      .split(ERASE)
      .map((segment) => /^secure-db: scanned (\d+)\/(\d+) files$/.exec(segment))
      .filter((m) => m !== null);
    expect(lines.length).toBeGreaterThan(0);
    for (const [, done, total] of lines) {
      expect(Number(total)).toBe(301);
      expect(Number(done)).toBeLessThanOrEqual(301);
    }
    // The last thing drawn is the erase sequence: the terminal is left clean.
    expect(screen.endsWith(ERASE)).toBe(true);
    expect(screen).not.toContain(SECRET);
    const report = JSON.parse(readFileSync(join(cwd, 'report.json'), 'utf8')) as {
      results: { ruleId: string }[];
    };
    expect(report.results.map((r) => r.ruleId)).toContain(
      'secure-db/no-disabled-cert-verification',
    );
  });

  it('stays silent for a scan quicker than the delay (default: one second)', () => {
    const cwd = tree();
    const { code, screen } = onTerminal(
      cwd,
      ['scan', '.', '--format', 'json', '-o', 'report.json'],
      { SECURE_DB_PROGRESS_AFTER_MS: '600000' },
    );
    expect(code).toBe(1);
    expect(screen).not.toContain('scanned');
    expect(existsSync(join(cwd, 'report.json'))).toBe(true);
  });

  it('stylish on a terminal: the report follows an erased progress line', () => {
    const cwd = tree();
    const { screen } = onTerminal(cwd, ['scan', '.'], { SECURE_DB_PROGRESS_AFTER_MS: '0' });
    const erased = screen.lastIndexOf(ERASE);
    expect(erased).toBeGreaterThan(-1);
    expect(screen.slice(erased)).toContain('src/db.js');
    expect(screen).not.toContain(SECRET);
  });

  it('draws nothing when stderr is not a terminal', () => {
    const cwd = tree();
    const out = run(cwd, ['scan', '.', '--format', 'json', '-o', 'report.json'], {
      SECURE_DB_PROGRESS_AFTER_MS: '0',
    });
    expect(out.code).toBe(1);
    expect(out.stderr).not.toContain('scanned');
  });
});
