/**
 * tree-sitter-python through web-tree-sitter: loaded lazily, once per process, from the
 * `.wasm` files shipped in the two npm packages (no network at run time).
 */
import { createRequire } from 'node:module';
import type { Language as LanguageType, Parser as ParserType, Tree } from 'web-tree-sitter';

let loading: Promise<ParserType> | undefined;

async function load(): Promise<ParserType> {
  const { Parser, Language } = await import('web-tree-sitter');
  const require = createRequire(import.meta.url);
  await Parser.init();
  const language: LanguageType = await Language.load(
    require.resolve('tree-sitter-python/tree-sitter-python.wasm'),
  );
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** The shared parser. A failed load is not cached, so a later call retries. */
export function pythonParser(): Promise<ParserType> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Parses `text`; the caller must `delete()` the tree. */
export async function parsePython(text: string): Promise<Tree> {
  const parser = await pythonParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
