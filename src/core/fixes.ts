/**
 * Fix intents (POLICY "Fixes"): a target (a value to replace, a key to set, characters inside
 * a literal) and the secure value as data. Each front-end owns a `FixPrinter` that spells
 * the value in its file's syntax — JS keeps its quote style, JSON is JSON, Python prints a
 * dict — so no reader writes source text of any language.
 */
import type { FixIntent, LiteralValue, ObjectValue, Range, TextEdit } from './model.js';
import { getProperty } from './values.js';

/** A secure value, independent of syntax. */
export type FixValue = boolean | number | string | { readonly [key: string]: FixValue };

/** Spells fix values in one file's syntax; plain functions, as printers are spread and passed unbound. */
export interface FixPrinter {
  /** A value (`{ rejectUnauthorized: true }`, `'verify-full'`); `like` is the literal it replaces. */
  value: (value: FixValue, like?: LiteralValue) => string;
  /** One property: `key: value` in JS, `"key": value` in JSON, `'key': value` in Python. */
  entry: (key: string, valueText: string) => string;
  /** An object holding one property (`{ key: value }`), for keys missing on the way. */
  object: (entryText: string) => string;
  /** Reading an environment variable (`process.env.X`), where the syntax has one. */
  environmentRead?: (name: string) => string;
  /**
   * What to do instead of a hardcoded password, in the file's own terms (POLICY "Output"):
   * `read it from process.env.X`, `read it from os.environ['X']`; without it, "keep it out
   * of the committed file".
   */
  secretRemedy?: (name: string) => string;
  /**
   * The printer for a property inserted into `object`, where the object's own style decides
   * the spelling (a Python dict's key quote, `insertion.quote`); without it, this one.
   */
  forObject?: (object: ObjectValue) => FixPrinter;
}

/**
 * JavaScript and TypeScript (and YAML's flow style, which reads it the same way). With the
 * file's text, strings take the quote the file uses most and a replaced string literal
 * keeps its own; without it, single quotes.
 */
export function javascriptPrinter(text?: string): FixPrinter {
  let preferred: "'" | '"' | undefined;
  const fileQuote = (): "'" | '"' => (preferred ??= dominantQuote(text ?? ''));
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : quoteString(k, fileQuote()));
  const print = (value: FixValue, like?: LiteralValue): string => {
    if (typeof value === 'string') {
      const own = like && text ? text[like.range[0]] : undefined;
      return quoteString(value, own === '"' || own === "'" ? own : fileQuote());
    }
    if (typeof value !== 'object') return String(value);
    const entries = Object.entries(value);
    return entries.length === 0
      ? '{}'
      : `{ ${entries.map(([k, v]) => `${key(k)}: ${print(v)}`).join(', ')} }`;
  };
  return {
    value: print,
    entry: (k, valueText) => `${key(k)}: ${valueText}`,
    object: (entry) => `{ ${entry} }`,
    environmentRead: (name) => `process.env.${name}`,
    secretRemedy: (name) => `read it from process.env.${name}`,
  };
}

/** The quote most string literals of a file start with (a cheap count; ties go to `'`). */
function dominantQuote(text: string): "'" | '"' {
  let single = 0;
  let double = 0;
  for (const m of text.matchAll(/(?<![\w\\])(['"])/g)) {
    if (m[1] === "'") single++;
    else double++;
  }
  return double > single ? '"' : "'";
}

function quoteString(text: string, quote: "'" | '"'): string {
  const escaped = text.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

/** Replaces a whole value (`false` → `{ rejectUnauthorized: true }`) in the file's syntax. */
export function replaceWith(
  printer: FixPrinter,
  range: Range,
  value: FixValue,
  description: string,
  like?: LiteralValue,
): FixIntent {
  return { description, edits: [{ range, text: printer.value(value, like) }], safe: true };
}

/**
 * Sets `path` (relative to `object`) to `value`: replaces the value when the key exists,
 * otherwise inserts the missing keys into the deepest object literal that exists, in that
 * object's own layout (the `insertion` its front-end recorded).
 */
export function setPath(
  printer: FixPrinter,
  object: ObjectValue,
  path: readonly string[],
  value: FixValue,
  description: string,
): FixIntent | undefined {
  const existing = getProperty(object, path);
  if (existing) {
    const like = existing.value.kind === 'literal' ? existing.value : undefined;
    return replaceWith(printer, existing.value.range, value, description, like);
  }
  let container: ObjectValue = object;
  let index = 0;
  for (; index < path.length - 1; index++) {
    const next = getProperty(container, [path[index]!]);
    if (!next) break;
    if (next.value.kind !== 'object') return undefined;
    container = next.value;
  }
  if (!container.insertion) return undefined;
  const style = printer.forObject?.(container) ?? printer;
  let property = style.entry(path.at(-1)!, style.value(value));
  for (let i = path.length - 2; i >= index; i--)
    property = style.entry(path[i]!, style.object(property));
  const { at, prefix, suffix, commaAt } = container.insertion;
  const edits: TextEdit[] = [{ range: [at, at], text: prefix + property + suffix }];
  if (commaAt !== undefined && commaAt !== at)
    edits.unshift({ range: [commaAt, commaAt], text: ',' });
  else if (commaAt !== undefined)
    edits[0] = { range: [at, at], text: ',' + prefix + property + suffix };
  return { description, edits, safe: true };
}

/** An edit inside a string literal's characters, when they map 1:1 onto the source. */
export function editInsideLiteral(
  literal: LiteralValue,
  start: number,
  end: number,
  text: string,
): TextEdit | undefined {
  if (!literal.verbatim || literal.contentStart === undefined) return undefined;
  return { range: [literal.contentStart + start, literal.contentStart + end], text };
}

/** Sets URL query parameters (`sslmode=verify-full`): replaces existing values, appends the rest. */
export function setUrlParams(
  literal: LiteralValue,
  url: {
    params: ReadonlyMap<string, { value: string; start: number; end: number }>;
    paramsStart?: number;
    format?: string;
  },
  params: readonly [string, string][],
  description: string,
): FixIntent | undefined {
  if (typeof literal.value !== 'string' || url.format !== 'url') return undefined;
  const edits: TextEdit[] = [];
  const appended: string[] = [];
  for (const [key, value] of params) {
    const current = url.params.get(key.toLowerCase());
    if (current) {
      const edit = editInsideLiteral(literal, current.start, current.end, value);
      if (!edit) return undefined;
      if (current.value !== value) edits.push(edit);
    } else appended.push(`${key}=${value}`);
  }
  if (appended.length > 0) {
    const text = literal.value;
    // A `#` before the host is part of an unencoded password, not the fragment.
    const hash = text.indexOf('#', url.paramsStart ?? text.lastIndexOf('@') + 1);
    const end = hash === -1 ? text.length : hash;
    const separator =
      url.paramsStart === undefined
        ? '?'
        : end > url.paramsStart + 1 && !text.slice(0, end).endsWith('&')
          ? '&'
          : '';
    const edit = editInsideLiteral(literal, end, end, separator + appended.join('&'));
    if (!edit) return undefined;
    edits.push(edit);
  }
  return edits.length > 0 ? { description, edits, safe: true } : undefined;
}
