/**
 * tree-sitter-python through web-tree-sitter: loaded lazily, once per process, from
 * web-tree-sitter's `.wasm` and the grammar's (no network at run time). Loading is
 * asynchronous (`loadPythonParser`, the front-end's `load()`); parsing is synchronous.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
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

async function load(): Promise<ParserType> {
  const { Parser, Language } = await import('web-tree-sitter');
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

/** Parses `text` (after `loadPythonParser`); the caller must `delete()` the tree. */
export function parsePython(text: string): Tree {
  if (!loaded) throw new Error('the Python parser is not loaded');
  const tree = loaded.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
