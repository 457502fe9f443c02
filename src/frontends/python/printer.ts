/**
 * Fix values spelled in Python: `True` / `False`, dicts as `{'key': value}`, strings in the
 * quote of the dict they go into (`insertion.quote`, recorded by the lowering) or, when one
 * replaces a string literal, in that literal's own delimiters (prefix and quotes kept).
 * Python has no expression a fix writes for an environment read, so there is none.
 */
import type { FixPrinter, FixValue } from '../../core/fixes.js';
import type { LiteralValue } from '../../core/model.js';

type Quote = "'" | '"';

export function pythonPrinter(text: string, quote: Quote = "'"): FixPrinter {
  const print = (value: FixValue): string => {
    if (typeof value === 'string') return quoted(value, quote);
    if (typeof value === 'boolean') return value ? 'True' : 'False';
    if (typeof value === 'number') return String(value);
    const entries = Object.entries(value).map(([k, v]) => `${quoted(k, quote)}: ${print(v)}`);
    return `{${entries.join(', ')}}`;
  };
  return {
    value: (value, like) =>
      typeof value === 'string' && like ? inDelimitersOf(like, value, text, quote) : print(value),
    entry: (key, valueText) => `${quoted(key, quote)}: ${valueText}`,
    object: (entry) => `{${entry}}`,
    forObject: (object) => pythonPrinter(text, object.insertion?.quote ?? quote),
    secretRemedy: (name) => `read it from os.environ[${quoted(name, quote)}]`,
  };
}

/** `value` between `like`'s own delimiters (`u'…'`, `"…"`, `'''…'''`), when they can hold it. */
function inDelimitersOf(like: LiteralValue, value: string, text: string, otherwise: Quote): string {
  const start = like.contentStart;
  if (!like.verbatim || start === undefined || typeof like.value !== 'string')
    return quoted(value, otherwise);
  const open = text.slice(like.range[0], start);
  const close = text.slice(start + like.value.length, like.range[1]);
  const raw = /r/i.test(open.replace(/['"]+$/, ''));
  const quote = close[0] === '"' ? '"' : "'";
  // A raw string cannot escape its quote or a trailing backslash.
  if (raw && (value.includes(quote) || value.includes('\\'))) return quoted(value, quote);
  return open + (raw ? value : escaped(value, quote)) + close;
}

function quoted(value: string, quote: Quote): string {
  return quote + escaped(value, quote) + quote;
}

function escaped(value: string, quote: Quote): string {
  return value.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`);
}
