import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';
import { lexComments } from '../../src/scanner/js-comments.js';
import { scan } from '../../src/scanner/scan.js';
import { project as writeProject } from '../cli/helpers.js';

const root = join(import.meta.dirname, '../..');

/** JS/TS files of this repository and of a few real libraries (pg, knex, yaml, mysql2). */
function realFiles(): string[] {
  const out: string[] = [];
  const visit = (dir: string, limit: number) => {
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (out.length >= limit) return;
      const path = join(entry.parentPath, entry.name);
      if (
        entry.isFile() &&
        /\.(?:[cm]?[jt]s|[jt]sx)$/.test(entry.name) &&
        !path.includes('/node_modules/.')
      )
        out.push(path);
    }
  };
  for (const dir of ['src', 'test', 'examples', 'bench', 'rules']) visit(join(root, dir), Infinity);
  for (const lib of ['pg/lib', 'knex/lib', 'yaml/dist', 'mysql2/lib', 'espree/dist'])
    visit(join(root, 'node_modules', lib), out.length + 150);
  return out;
}

const parsedComments = (text: string, path: string) => {
  try {
    return parse(text, { comment: true, range: true, jsx: !path.endsWith('.ts') }).comments.map(
      (c) => ({ type: c.type, value: c.value, range: c.range }),
    );
  } catch {
    return undefined; // a file that does not parse (a fixture on purpose) has no reference
  }
};

describe('the JS/TS comment lexer', () => {
  it('reads the same comments as a parse, on real files', () => {
    const files = realFiles();
    expect(files.length).toBeGreaterThan(300);
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const expected = parsedComments(text, file);
      if (!expected) continue;
      compared++;
      expect({ file: relative(root, file), comments: lexComments(text) }).toEqual({
        file: relative(root, file),
        comments: expected,
      });
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('is not fooled by strings, templates and regular expressions', () => {
    const text = [
      'const a = \'// not a comment\', b = "/* nor this */";',
      'const t = `${x /* in code */}// in text ${`${y}`} /* text */`; // after',
      'const r = /\\/\\/[/*]/g.test(s) ? a / b / c : 0; /* end */',
      'if (ok) return /x\\//;',
    ].join('\n');
    expect(lexComments(text).map((c) => c.value)).toEqual([' in code ', ' after', ' end ']);
  });
});

describe('directives in files that fail the keyword gate', () => {
  it('are read without a parse: unused ones are reported even where the file does not parse', async () => {
    const cwd = writeProject({
      // No database keyword, and not valid JavaScript: a parse would find no comment at all.
      'src/broken.js':
        'function (\n// eslint-disable-next-line secure-db/no-hardcoded-credentials -- was a secret\nconst x = 1;\n',
    });
    const result = await scan({ cwd, baseline: false });
    expect(result.errors).toEqual([]);
    expect(result.results.map((r) => [r.file, r.line, r.ruleId, r.message])).toEqual([
      [
        'src/broken.js',
        2,
        'secure-db/disable-directive',
        "Unused eslint-disable-next-line directive (no problem from 'secure-db/no-hardcoded-credentials' was reported).",
      ],
    ]);
  });
});
