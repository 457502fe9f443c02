/** Fix intents as text edits on the model's ranges (POLICY "Fixes"). */
import type { FixIntent, LiteralValue, ObjectValue, Range, TextEdit, Value } from './model.js';
import { getProperty } from './values.js';

/** Replace a whole value (`false` → `true`). */
export function replaceValue(range: Range, text: string, description: string): FixIntent {
  return { description, edits: [{ range, text }], safe: true };
}

/**
 * Set `path` (relative to `object`) to `text`: replaces the value when the key exists,
 * otherwise inserts the missing keys into the deepest object literal that exists.
 */
export function setPath(
  object: ObjectValue,
  path: readonly string[],
  text: string,
  description: string,
): FixIntent | undefined {
  const existing = getProperty(object, path);
  if (existing) return replaceValue(existing.value.range, text, description);
  let container: ObjectValue = object;
  let index = 0;
  for (; index < path.length - 1; index++) {
    const next = getProperty(container, [path[index]!]);
    if (!next) break;
    if (next.value.kind !== 'object') return undefined;
    container = next.value;
  }
  if (!container.insertion) return undefined;
  let property = `${path.at(-1)!}: ${text}`;
  for (let i = path.length - 2; i >= index; i--) property = `${path[i]!}: { ${property} }`;
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
  literal: Value,
  url: {
    params: ReadonlyMap<string, { value: string; start: number; end: number }>;
    paramsStart?: number;
    format?: string;
  },
  params: readonly [string, string][],
  description: string,
): FixIntent | undefined {
  if (literal.kind !== 'literal' || typeof literal.value !== 'string' || url.format !== 'url')
    return undefined;
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
    const hash = text.indexOf('#');
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
