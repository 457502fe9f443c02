/**
 * tree-sitter-python through web-tree-sitter: loaded lazily, once per process, from
 * web-tree-sitter's `.wasm` and the grammar's (no network at run time). Loading is
 * asynchronous (`loadPythonParser`, the front-end's `load()`); parsing is synchronous.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as WebTreeSitter from 'web-tree-sitter';
import type { Language as LanguageType, Parser as ParserType, Tree } from 'web-tree-sitter';

/**
 * The package ships the grammar in dist/grammars/ (scripts/copy-grammar.mjs): users install
 * no tree-sitter-python and run no install script. Running from the sources (the tests),
 * the grammar comes from the tree-sitter-python devDependency it is copied from.
 */
function grammarPath(): string {
  const shipped = fileURLToPath(
    new URL('../../../grammars/tree-sitter-python.wasm', import.meta.url),
  );
  if (existsSync(shipped)) return shipped;
  return createRequire(import.meta.url).resolve('tree-sitter-python/tree-sitter-python.wasm');
}

let loading: Promise<ParserType> | undefined;
let loaded: ParserType | undefined;
/** WebAssembly instances discarded after a crash (each stays in memory: a few MB). */
let crashes = 0;
/** Past this many crashes in one process, the parser is not loaded again. */
const MAX_RELOADS = 8;

/**
 * web-tree-sitter keeps one WebAssembly instance per module instance. After a trap
 * (tree-sitter's own bug on a hostile input: "memory access out of bounds") that instance
 * is corrupt, so a reload imports the package again under a new URL: a new module, a new
 * instance.
 */
async function importTreeSitter(): Promise<typeof WebTreeSitter> {
  if (crashes === 0) return import('web-tree-sitter');
  return (await import(
    `${import.meta.resolve('web-tree-sitter')}?instance=${crashes}`
  )) as typeof WebTreeSitter;
}

/**
 * A step the process's owner runs once, before tree-sitter's WebAssembly is first compiled:
 * the CLI sets a V8 flag there (src/cli/bin.ts). The library itself sets none.
 */
let beforeFirstLoad: (() => Promise<void>) | undefined;

export function setBeforeFirstLoad(step: () => Promise<void>): void {
  beforeFirstLoad = step;
}

async function load(): Promise<ParserType> {
  if (crashes > MAX_RELOADS)
    throw new Error(`tree-sitter crashed ${crashes} times in this run; not loaded again`);
  const step = beforeFirstLoad;
  beforeFirstLoad = undefined;
  await step?.();
  const { Parser, Language } = await importTreeSitter();
  await Parser.init();
  const language: LanguageType = await Language.load(grammarPath());
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** Loads the shared parser. A failed load is not cached, so a later call retries. */
export async function loadPythonParser(): Promise<void> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  loaded = await loading;
}

/** Whether `loadPythonParser` has completed in this thread (ESLint's languages ask). */
export function isPythonParserLoaded(): boolean {
  return loaded !== undefined;
}

/**
 * Parses `text` (after `loadPythonParser`); the caller must `delete()` the tree. Lines that
 * hold only white space or a comment, outside brackets and strings, are left out of the
 * parse (tree-sitter's included ranges; offsets and rows are those of `text`): at every
 * line break tree-sitter-python's scanner reads all such lines that follow to find the next
 * indentation, which is quadratic (25,000 comment lines took 22 s). Python ignores those
 * lines, so the tree means the same; their comments are simply not in it (`analyzePython`
 * reads them through `lineComments`).
 */
export function parsePython(text: string): Tree {
  if (!loaded) throw new Error('the Python parser is not loaded');
  const { quiet } = scanLines(text);
  const includedRanges = quiet.length > 0 ? complement(text, quiet) : undefined;
  let tree: Tree | null;
  try {
    tree = loaded.parse(text, null, includedRanges ? { includedRanges } : undefined);
  } catch (error) {
    // WebAssembly.RuntimeError: a trap inside tree-sitter, not a JavaScript mistake.
    if (!(error instanceof Error) || error.name !== 'RuntimeError') throw error;
    // The instance is corrupt from here on: drop it, so the next `loadPythonParser`
    // (the scan calls it before the next Python file) starts a fresh one.
    loaded = undefined;
    loading = undefined;
    crashes++;
    throw new Error(`tree-sitter crashed on this file (${error.message})`, { cause: error });
  }
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** The comments that are a line of their own outside brackets: `[#, end of line)`. */
export function lineComments(text: string): [number, number][] {
  return scanLines(text).comments;
}

/**
 * One linear pass: the lines that hold only white space or a comment outside brackets
 * (`[line start, after its \n)`) and those comments. String literals, triple-quoted ones
 * included, are skipped so that a `#` inside one is never taken for a comment. Only `\n`
 * ends a line, as for tree-sitter.
 */
function scanLines(text: string): { quiet: [number, number][]; comments: [number, number][] } {
  const quiet: [number, number][] = [];
  const comments: [number, number][] = [];
  let depth = 0;
  let lineBegin = 0;
  let onlySpace = true; // only white space (or a comment) since `lineBegin`
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      if (onlySpace && depth === 0) {
        const last = quiet.at(-1);
        if (last && last[1] === lineBegin) last[1] = i + 1;
        else quiet.push([lineBegin, i + 1]);
      }
      lineBegin = i + 1;
      onlySpace = true;
    } else if (c === ' ' || c === '\t' || c === '\f' || c === '\r') {
      // white space keeps `onlySpace`
    } else if (c === '#') {
      const end = lineEnd(text, i);
      if (onlySpace && depth === 0) comments.push([i, end]);
      i = end - 1;
    } else if (c === "'" || c === '"') {
      i = stringEnd(text, i) - 1;
      onlySpace = false;
    } else {
      if (c === '(' || c === '[' || c === '{') depth++;
      else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
      onlySpace = false;
    }
  }
  // The last line, without a line break.
  if (onlySpace && depth === 0 && lineBegin < text.length) {
    const last = quiet.at(-1);
    if (last && last[1] === lineBegin) last[1] = text.length;
    else quiet.push([lineBegin, text.length]);
  }
  return { quiet, comments };
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** Where the string literal opened at `open` ends (after its closing quote, or where it breaks off). */
function stringEnd(text: string, open: number): number {
  const quote = text[open]!;
  const triple = text[open + 1] === quote && text[open + 2] === quote;
  for (let i = open + (triple ? 3 : 1); i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\')
      i++; // escapes the next character, raw strings included
    else if (!triple && c === '\n')
      return i; // unterminated: ends with the line
    else if (c === quote && (!triple || (text[i + 1] === quote && text[i + 2] === quote)))
      return i + (triple ? 3 : 1);
  }
  return text.length;
}

interface IncludedRange {
  startIndex: number;
  endIndex: number;
  startPosition: { row: number; column: number };
  endPosition: { row: number; column: number };
}

/**
 * The ranges of `text` outside the (sorted, whole-line) `excluded` spans, with tree-sitter's
 * positions (rows counted by `\n`, columns in UTF-16 code units like the indices).
 */
function complement(
  text: string,
  excluded: readonly (readonly [number, number])[],
): IncludedRange[] {
  const ranges: IncludedRange[] = [];
  let row = 0;
  let counted = 0;
  const rowAt = (index: number) => {
    for (let i = text.indexOf('\n', counted); i >= 0 && i < index; i = text.indexOf('\n', i + 1))
      row++;
    counted = index;
    return row;
  };
  let start = 0;
  for (const [from, to] of excluded) {
    if (from > start)
      ranges.push({
        startIndex: start,
        endIndex: from,
        startPosition: { row: rowAt(start), column: 0 },
        endPosition: { row: rowAt(from), column: 0 },
      });
    start = to;
  }
  if (start < text.length || ranges.length === 0) {
    const lastBreak = text.lastIndexOf('\n', text.length - 1);
    ranges.push({
      startIndex: start,
      endIndex: text.length,
      startPosition: { row: rowAt(start), column: 0 },
      endPosition: { row: rowAt(text.length), column: text.length - (lastBreak + 1) },
    });
  }
  return ranges;
}
