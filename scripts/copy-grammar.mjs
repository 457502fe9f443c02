/**
 * Part of `npm run build`: copies tree-sitter-python's prebuilt grammar (a `.wasm` file and
 * its licence) into dist/grammars/, so the published package carries the one file it needs
 * instead of depending on tree-sitter-python, whose install script builds a native addon
 * that web-tree-sitter never loads.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const grammar = dirname(require.resolve('tree-sitter-python/package.json'));
const target = join(import.meta.dirname, '../dist/grammars');
mkdirSync(target, { recursive: true });
copyFileSync(join(grammar, 'tree-sitter-python.wasm'), join(target, 'tree-sitter-python.wasm'));
copyFileSync(join(grammar, 'LICENSE'), join(target, 'tree-sitter-python.LICENSE'));
