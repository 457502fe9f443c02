import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/scanner/locations.js';
import {
  applyDirectives,
  parseDirectives,
  type DirectiveSyntax,
  type SuppressionTarget,
} from '../../src/scanner/suppressions.js';

function run(
  text: string,
  syntax: DirectiveSyntax,
  targets: { ruleId: string; line: number }[],
  strict = false,
) {
  const lines = new LineIndex(text, syntax === 'js');
  const directives = parseDirectives(text, syntax, lines);
  const t: SuppressionTarget[] = targets.map((x) => ({ ...x, offset: lines.starts[x.line - 1]! }));
  return applyDirectives(directives, t, { strict });
}

describe('inline suppressions', () => {
  it('# next-line and same-line, ids with or without the prefix', () => {
    const text = [
      '# secure-db-disable-next-line require-ssl -- local only',
      'DB_SSL=false',
      'PGSSLMODE=disable # secure-db-disable-line secure-db/no-weak-sslmode, require-ssl',
    ].join('\n');
    const out = run(text, '#', [
      { ruleId: 'require-ssl', line: 2 },
      { ruleId: 'no-weak-sslmode', line: 3 },
    ]);
    expect([...out.suppressed]).toEqual([
      [0, 'local only'],
      [1, ''],
    ]);
    // require-ssl on line 3 suppressed nothing.
    expect(out.problems.map((p) => p.message)).toEqual([
      "Unused secure-db-disable-line directive (no problem from 'secure-db/require-ssl' was reported).",
    ]);
  });

  it('// for Prisma, and no match inside URLs', () => {
    const text = [
      'url = "postgres://h/db" // secure-db-disable-line require-ssl',
      'x = "http://a#secure-db-disable-line"',
    ].join('\n');
    const out = run(text, '//', [{ ruleId: 'require-ssl', line: 1 }]);
    expect(out.suppressed.size).toBe(1);
    expect(out.problems).toEqual([]);
    expect(parseDirectives('a = "http://x"', '//', new LineIndex('a'))).toEqual([]);
  });

  it('unknown ids are reported', () => {
    const out = run('# secure-db-disable-next-line no-such-rule\nX=1', '#', []);
    expect(out.problems.map((p) => p.messageId)).toEqual(['unknownRule']);
  });

  it('strict: a directive without a reason suppresses nothing and is reported', () => {
    const out = run(
      '# secure-db-disable-next-line require-ssl\nDB_SSL=false',
      '#',
      [{ ruleId: 'require-ssl', line: 2 }],
      true,
    );
    expect(out.suppressed.size).toBe(0);
    expect(out.problems.map((p) => p.messageId)).toEqual(['missingReason']);
    const ok = run(
      '# secure-db-disable-next-line require-ssl -- reviewed\nDB_SSL=false',
      '#',
      [{ ruleId: 'require-ssl', line: 2 }],
      true,
    );
    expect(ok.suppressed.size).toBe(1);
  });

  it('JS: ESLint directives for secure-db rules, other plugins ignored', () => {
    const text = [
      '// eslint-disable-next-line secure-db/require-ssl -- legacy',
      'a();',
      'b(); // eslint-disable-line no-console',
      '/* eslint-disable secure-db/no-weak-sslmode */',
      'c();',
      '/* eslint-enable secure-db/no-weak-sslmode */',
      'd();',
      'const s = "// secure-db-disable-line require-ssl";',
      'e(); /* secure-db-disable-line */',
    ].join('\n');
    const out = run(text, 'js', [
      { ruleId: 'require-ssl', line: 2 },
      { ruleId: 'no-weak-sslmode', line: 5 },
      { ruleId: 'no-weak-sslmode', line: 7 },
      { ruleId: 'require-ssl', line: 8 },
      { ruleId: 'min-tls-version', line: 9 },
    ]);
    expect([...out.suppressed.keys()]).toEqual([0, 1, 4]);
    expect(out.problems).toEqual([]);
  });

  it('JS: a bare eslint-disable suppresses ours too but is never reported as unused', () => {
    const out = run('/* eslint-disable */\na();', 'js', [{ ruleId: 'require-ssl', line: 2 }]);
    expect(out.suppressed.size).toBe(1);
    expect(run('/* eslint-disable */\na();', 'js', []).problems).toEqual([]);
  });
});
