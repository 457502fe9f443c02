/**
 * One parse per file per scan: the URL-consumer facts (pass 1), the cross-file pass and the
 * per-file analysis (pass 2) all read the same tree. The scanner releases a file's tree
 * once pass 2 is done with it, so at most the gated JS/TS files' trees live at once.
 *
 * JavaScript is parsed with espree, as ESLint parses it by default (same trees, so the
 * same findings, and several times faster); TypeScript with typescript-estree, loaded on
 * the first TypeScript file only, since loading TypeScript itself costs a third of a second.
 */
import { createRequire } from 'node:module';
import type * as TypeScriptEstreeModule from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import * as espree from 'espree';
import type { SourceFile } from '../types.js';

type TypeScriptEstree = typeof TypeScriptEstreeModule;

const requireModule = createRequire(import.meta.url);
let typescriptEstree: TypeScriptEstree | undefined;

const TYPESCRIPT = /\.(?:[cm]?ts|tsx)$/;

function parseTypeScript(source: SourceFile): TSESTree.Program {
  typescriptEstree ??= requireModule('@typescript-eslint/typescript-estree') as TypeScriptEstree;
  return typescriptEstree.parse(source.text, {
    range: true,
    loc: false, // nothing reads locations (offsets only): half the parse's allocations
    comment: true,
    jsx: source.relativePath.endsWith('.tsx'),
    filePath: source.relativePath,
  });
}

function parseJavaScript(source: SourceFile): TSESTree.Program {
  // No `loc`: the scanner's passes read ranges only, and without locations espree parses
  // in about half the time (parse errors still carry their line and column).
  const options = {
    range: true,
    loc: false,
    comment: true,
    ecmaVersion: 'latest' as const,
    ecmaFeatures: { jsx: true },
  };
  const sourceType = source.relativePath.endsWith('.cjs') ? 'commonjs' : 'module';
  try {
    return espree.parse(source.text, { ...options, sourceType }) as unknown as TSESTree.Program;
  } catch (error) {
    // Sloppy-mode scripts (`with`, octal literals) are not modules; report the module error if neither parses.
    try {
      return espree.parse(source.text, {
        ...options,
        sourceType: 'script',
      }) as unknown as TSESTree.Program;
    } catch {
      throw error;
    }
  }
}

/** The tree of a JS/TS file, as the scanner's passes read it. */
export function parseProgram(source: SourceFile): TSESTree.Program {
  return TYPESCRIPT.test(source.relativePath) ? parseTypeScript(source) : parseJavaScript(source);
}

const programs = new WeakMap<SourceFile, TSESTree.Program | { error: unknown }>();

/** The file's tree, parsed on first use; throws the parse error (every time) when it does not parse. */
export function programOf(source: SourceFile): TSESTree.Program {
  let entry = programs.get(source);
  if (!entry) {
    try {
      entry = parseProgram(source);
    } catch (error) {
      entry = { error };
    }
    programs.set(source, entry);
  }
  if ('error' in entry) throw entry.error;
  return entry;
}

export function releaseProgram(source: SourceFile): void {
  programs.delete(source);
}
