/** Fix values spelled in Python (src/frontends/python/printer.ts). */
import { describe, expect, it } from 'vitest';
import type { LiteralValue, ObjectValue } from '../../src/core/model.js';
import { pythonPrinter } from '../../src/frontends/python/printer.js';

/** The string literal `open` + `value` + its closing quote, as found in `text`. */
function literal(text: string, open: string, value: string): LiteralValue {
  const start = text.indexOf(open + value);
  const contentStart = start + open.length;
  const end = contentStart + value.length + open.replace(/^[a-z]+/i, '').length;
  return { kind: 'literal', value, range: [start, end], contentStart, verbatim: true };
}

describe('python printer', () => {
  it.each([
    [true, 'True'],
    [false, 'False'],
    [5, '5'],
    ['verify-full', "'verify-full'"],
    [{ sslmode: 'verify-full' }, "{'sslmode': 'verify-full'}"],
    ["it's", "'it\\'s'"],
  ])('%j → %s', (value, printed) => {
    expect(pythonPrinter('').value(value)).toBe(printed);
  });

  it.each([
    ["X = u'require'", "u'", "u'verify-full'"],
    ['X = "require"', '"', '"verify-full"'],
    ["X = '''require'''", "'''", "'''verify-full'''"],
    ["X = r'require'", "r'", "r'verify-full'"],
  ])('a replaced string keeps its delimiters: %s', (text, open, printed) => {
    const like = literal(text, open, 'require');
    expect(pythonPrinter(text).value('verify-full', like)).toBe(printed);
  });

  it("an inserted key takes the dict's key quote", () => {
    const dict: ObjectValue = {
      kind: 'object',
      properties: [],
      open: false,
      range: [0, 2],
      insertion: { at: 1, prefix: '', suffix: '', quote: '"' },
    };
    const printer = pythonPrinter('{}').forObject!(dict);
    expect(
      printer.entry(
        'OPTIONS',
        printer.object(printer.entry('sslmode', printer.value('verify-full'))),
      ),
    ).toBe('"OPTIONS": {"sslmode": "verify-full"}');
  });

  it('writes no environment read', () => {
    expect(pythonPrinter('').environmentRead).toBeUndefined();
  });
});
