/**
 * No terminal escape from the scanned project reaches the terminal: file names (and the
 * messages and diagnostics that quote them) with ESC sequences, BEL, C1 controls and bidi
 * overrides are shown escaped in stylish output and on stderr; JSON and SARIF keep the
 * real name as data, never a raw ESC.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeTerminalText } from '../../src/report/terminal-text.js';
import { project, run } from '../cli/helpers.js';

const WEAK = 'DATABASE_URL=postgres://app@db.example.com/app?sslmode=disable\n';
/** Retitles the terminal, clears the screen, and a right-to-left override. */
const EVIL = 'a\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202egnp.env';

const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const root = project({ [EVIL]: WEAK, [`${EVIL}.binary.env`]: 'A=\u0000\n' });
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('terminal output', () => {
  it('escapes control characters in file names, results and diagnostics', () => {
    const out = run(root, ['scan', EVIL, `${EVIL}.binary.env`, 'missing\u001b[31m']);
    expect(out.stdout + out.stderr).not.toMatch(RAW);
    expect(out.stderr).toContain('no files matching "missing\\x1b[31m"');
    const shown = run(root, ['scan']);
    expect(shown.code).toBe(1);
    expect(shown.stdout).not.toMatch(RAW);
    expect(shown.stdout).toContain(escapeTerminalText(EVIL));
    expect(shown.stdout).toContain('a\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202egnp.env');
    expect(shown.stdout).toContain(`${escapeTerminalText(EVIL)}.binary.env`);
  });

  it('keeps the real name as data in JSON and SARIF, with no raw ESC', () => {
    const json = run(root, ['scan', '--format', 'json']);
    expect(json.stdout).not.toContain('\u001b');
    const report = JSON.parse(json.stdout) as { results: { file: string }[] };
    expect(report.results.map((r) => r.file)).toContain(EVIL);
    const sarif = run(root, ['scan', '--format', 'sarif']);
    expect(sarif.stdout).not.toContain('\u001b');
    expect(sarif.stdout.length).toBeGreaterThan(0);
  });

  it('GitHub annotations escape every control character, not only the workflow-command ones', () => {
    const out = run(root, ['scan', '--format', 'github']);
    expect(out.code).toBe(1);
    expect(out.stdout).not.toMatch(RAW);
    // The name is visible as escapes; `%`, `:` and `,` keep the runner's own escapes.
    expect(out.stdout).toContain(
      `::error file=a\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202egnp.env,line=1`,
    );
    expect(out.stdout).toContain(
      `::warning file=a\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202egnp.env.binary.env,title=secure-db::skipped: binary file`,
    );
  });
});
