/**
 * One parse per file per scan: the URL-consumer facts (pass 1), the cross-file pass and the
 * per-file analysis (pass 2) all read the same tree. The scanner releases a file's tree
 * once pass 2 is done with it, so at most the gated JS/TS files' trees live at once.
 *
 * The scanner parses with oxc-parser (native, ESTree / TS-ESTree output; issue 11): about
 * ten times faster than the TypeScript compiler, and it loads in milliseconds where
 * TypeScript takes a third of a second. `parse-adapter.ts` turns its tree into the one
 * ESLint's parsers give, so the findings are the same (parity test). When oxc-parser cannot
 * load (a platform without a prebuilt binding), or `SECURE_DB_PARSER=espree` asks for it,
 * the scanner parses as ESLint does by default: espree for JavaScript, typescript-estree
 * for TypeScript, each loaded on its first file. A file oxc rejects is parsed again that way
 * too, so a syntax error is reported in the same words whichever parser ran.
 */
import { createRequire } from 'node:module';
import type * as TypeScriptEstreeModule from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import type * as EspreeModule from 'espree';
import type * as OxcParserModule from 'oxc-parser';
import type { SourceFile } from '../types.js';
import { adaptOxcProgram } from './parse-adapter.js';

type TypeScriptEstree = typeof TypeScriptEstreeModule;
type Espree = typeof EspreeModule;
type OxcParser = typeof OxcParserModule;

/** Which parser reads the scanner's JS/TS: `oxc` (the default) or ESLint's defaults. */
export type ScannerParser = 'oxc' | 'espree';

const requireModule = createRequire(import.meta.url);
let typescriptEstree: TypeScriptEstree | undefined;
let espree: Espree | undefined;
/** oxc-parser once loaded; null when it could not be, or was not wanted. */
let oxc: OxcParser | null | undefined;

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
  espree ??= requireModule('espree') as Espree;
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

/** ESLint's default parsers: espree for JavaScript, typescript-estree for TypeScript. */
function parseAsEslint(source: SourceFile): TSESTree.Program {
  return TYPESCRIPT.test(source.relativePath) ? parseTypeScript(source) : parseJavaScript(source);
}

function loadOxc(): OxcParser | null {
  if (oxc !== undefined) return oxc;
  if (process.env.SECURE_DB_PARSER === 'espree') return (oxc = null);
  try {
    oxc = requireModule('oxc-parser') as OxcParser;
  } catch (error) {
    oxc = null;
    const code = (error as { code?: unknown }).code;
    process.stderr.write(
      `secure-db: oxc-parser could not be loaded${typeof code === 'string' ? ` (${code})` : ''}; parsing JS/TS with espree and typescript-estree instead (slower)\n`,
    );
  }
  return oxc;
}

function langOf(path: string): 'js' | 'jsx' | 'ts' | 'tsx' {
  if (path.endsWith('.tsx')) return 'tsx';
  // JavaScript files may hold JSX, as espree's `ecmaFeatures.jsx` allows.
  return TYPESCRIPT.test(path) ? 'ts' : 'jsx';
}

function parseWithOxc(parser: OxcParser, source: SourceFile): TSESTree.Program | undefined {
  const path = source.relativePath;
  const lang = langOf(path);
  const parse = (sourceType: 'module' | 'script' | 'commonjs') =>
    parser.parseSync(path, source.text, { lang, sourceType, range: true, preserveParens: false });
  let result = parse(path.endsWith('.cjs') ? 'commonjs' : 'module');
  // A sloppy-mode script (`with`, octal literals) is not a module, as in parseJavaScript.
  if (result.errors.length > 0 && lang === 'jsx') result = parse('script');
  if (result.errors.length > 0) return undefined;
  return adaptOxcProgram(result.program, result.comments, source.text, lang);
}

/**
 * The tree of a JS/TS file, as the scanner's passes read it (ranges, no locations).
 * `parser` picks one for the parity test; by default oxc-parser when it loads.
 */
export function parseProgram(source: SourceFile, parser?: ScannerParser): TSESTree.Program {
  const fast = parser === 'espree' ? null : loadOxc();
  // A file oxc rejects (or accepts with errors) gets the reference parser's verdict.
  return (fast && parseWithOxc(fast, source)) ?? parseAsEslint(source);
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

/** The file's tree if a pass has parsed it (and it parsed); never parses. */
export function parsedProgram(source: SourceFile): TSESTree.Program | undefined {
  const entry = programs.get(source);
  return entry && !('error' in entry) ? entry : undefined;
}

export function releaseProgram(source: SourceFile): void {
  programs.delete(source);
}
