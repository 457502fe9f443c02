/**
 * How a dict literal is laid out, for fixes that add a key in its own style, and the
 * characters that remove a keyword argument. Both are syntax, so the lowering records them;
 * the core decides what to write.
 */
import type { ObjectValue, Range } from '../../core/model.js';
import type { SyntaxNode } from './tree.js';

type Insertion = NonNullable<ObjectValue['insertion']>;

/**
 * Where a new last entry goes: on its own line with the entries' indentation and
 * trailing-comma style when the dict spans lines (before a closing brace that has its own
 * line, else after the last entry), inline otherwise. `eol` is the file's line ending;
 * `quote` the dict keys' quote (`keyQuote`). Undefined for a dict without a closing brace.
 */
export function dictInsertion(
  dict: SyntaxNode,
  text: string,
  eol: string,
  quote: "'" | '"',
): Insertion | undefined {
  const children = dict.children;
  const close = children.at(-1);
  if (!close || close.type !== '}') return undefined;
  const last = children.findLast((c) => c.type === 'pair' || c.type === 'dictionary_splat');
  if (!last) return { at: dict.startIndex + 1, prefix: '', suffix: '', quote };
  const lastIndex = children.indexOf(last);
  const comma = children.slice(lastIndex + 1).find((c) => c.type === ',');
  const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  if (!text.slice(dict.startIndex, last.startIndex).includes('\n'))
    return comma
      ? { at: comma.endIndex, prefix: ' ', suffix: ',', quote }
      : { at: last.endIndex, prefix: ', ', suffix: '', quote };
  const indent =
    /^[ \t]*/.exec(text.slice(lineStart(last.startIndex), last.startIndex))?.[0] ?? '    ';
  const closeLineStart = lineStart(close.startIndex);
  if (/^[ \t]*$/.test(text.slice(closeLineStart, close.startIndex)))
    return {
      at: closeLineStart,
      prefix: indent,
      suffix: `,${eol}`,
      quote,
      ...(comma ? {} : { commaAt: last.endIndex }),
    };
  return comma
    ? { at: comma.endIndex, prefix: `${eol}${indent}`, suffix: ',', quote }
    : { at: last.endIndex, prefix: `,${eol}${indent}`, suffix: '', quote };
}

/** The quote of the dict's first string key written with a single quote character, if any. */
export function keyQuote(dict: SyntaxNode): "'" | '"' | undefined {
  for (const pair of dict.namedChildren) {
    if (pair.type !== 'pair') continue;
    const key = pair.childForFieldName('key');
    if (key?.type !== 'string') continue;
    const start = key.children.find((c) => c.type === 'string_start')?.text ?? '';
    if (start.endsWith("'") && !start.endsWith("'''")) return "'";
    if (start.endsWith('"') && !start.endsWith('"""')) return '"';
  }
  return undefined;
}

/** Removes a keyword argument and the comma that separates it from its neighbour. */
export function keywordRemoval(keyword: SyntaxNode, text: string): Range {
  const siblings = keyword.parent?.children ?? [];
  const i = siblings.findIndex((c) => c.id === keyword.id);
  const before = siblings[i - 1];
  const after = siblings[i + 1];
  if (before?.type === ',') return [before.startIndex, keyword.endIndex];
  if (after?.type === ',') {
    let end = after.endIndex;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
    return [keyword.startIndex, end];
  }
  return [keyword.startIndex, keyword.endIndex];
}

/**
 * Where a new last keyword argument goes (`, sslmode='verify-full'`): after the last argument,
 * on its own line with the arguments' indentation when the call spans lines, keeping a
 * trailing comma. Undefined for an argument list without a closing parenthesis.
 */
export function argumentInsertion(
  args: SyntaxNode,
  text: string,
  eol: string,
): { at: number; prefix: string; suffix: string } | undefined {
  const children = args.children;
  const open = children[0];
  const close = children.at(-1);
  if (!open || open.type !== '(' || !close || close.type !== ')') return undefined;
  const last = children.findLast((c) => c.isNamed && c.type !== 'comment');
  if (!last) return { at: open.endIndex, prefix: '', suffix: '' };
  const lastIndex = children.indexOf(last);
  const comma = children.slice(lastIndex + 1).find((c) => c.type === ',');
  if (!text.slice(open.endIndex, last.startIndex).includes('\n'))
    return comma
      ? { at: comma.endIndex, prefix: ' ', suffix: ',' }
      : { at: last.endIndex, prefix: ', ', suffix: '' };
  const lineStart = text.lastIndexOf('\n', last.startIndex - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, last.startIndex))?.[0] ?? '    ';
  return comma
    ? { at: comma.endIndex, prefix: `${eol}${indent}`, suffix: ',' }
    : { at: last.endIndex, prefix: `,${eol}${indent}`, suffix: '' };
}
