/**
 * Issue 12: 25,000 Python comment lines took 22 s (tree-sitter-python's scanner re-reads
 * every following comment line at each line break). Comment and blank lines are now left
 * out of the parse and read by a linear scan; their secrets are still found.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzePython } from '../../src/frontends/python/analyze.js';
import { lineComments, loadPythonParser, parsePython } from '../../src/frontends/python/parser.js';
import { copyTree } from '../../src/frontends/python/tree.js';
import { expectLinear } from './algo-growth.js';

beforeAll(loadPythonParser);

const COMMENT = '# password = Zq8#line-comment-pass\n';

function passwordsOf(text: string): string[] {
  const tree = parsePython(text);
  try {
    const model = analyzePython({
      root: copyTree(tree, text),
      text,
      file: { path: '/p/settings.py', environment: 'unknown', isTest: false, isExample: false },
    });
    return (model.passwords ?? []).map((p) => p.secret);
  } finally {
    tree.delete();
  }
}

describe('Python comment lines', () => {
  for (const line of [COMMENT, '    # indented\n', '        \n', '\t\n'])
    it(`parse in linear time (lines of ${JSON.stringify(line)})`, () => {
      expectLinear(
        (text) => parsePython(text).delete(),
        (size) =>
          `if x:\n    x = 1\n${line.repeat(Math.ceil(size / line.length))}    y = 2\nz = 3\n`,
      );
    });

  it('still yield their secrets, inside blocks and after 25,000 of them', () => {
    const text = `import psycopg2\nif True:\n    # password = Zq8#in-block-pass-1\n    x = 1\n${'# filler\n'.repeat(25_000)}${COMMENT}`;
    expect(passwordsOf(text)).toEqual(['Zq8#in-block-pass-1', 'Zq8#line-comment-pass']);
  });

  it('are told from `#` inside strings, triple-quoted strings and brackets', () => {
    const text = [
      "a = '# not a comment'",
      '"""',
      '# inside a docstring',
      '"""',
      "b = r'\\' # still in the string'",
      'c = {',
      '    # in brackets: left to tree-sitter',
      '}',
      '  # indented comment',
      'd = 1  # trailing comment',
    ].join('\n');
    const starts = lineComments(text).map(([start, end]) => text.slice(start, end));
    expect(starts).toEqual(['# indented comment']);
  });

  it('do not change the tree: a syntax error stays one, code after comments is read', () => {
    const text = `def f():\n    # comment\n    return 1\n# top\nDATABASES = {'default': {'PASSWORD': 'Zq8#after-comments-9'}}\n`;
    const tree = parsePython(text);
    expect(tree.rootNode.hasError).toBe(false);
    const last = tree.rootNode.lastNamedChild!;
    expect([last.startPosition.row, text.slice(last.startIndex, last.endIndex)]).toEqual([
      4,
      "DATABASES = {'default': {'PASSWORD': 'Zq8#after-comments-9'}}",
    ]);
    tree.delete();
    const broken = parsePython('def f(:\n# comment\n');
    expect(broken.rootNode.hasError).toBe(true);
    broken.delete();
  });
});
