/**
 * The secure-db languages' parsing: each language is one of the scanner's front-ends, so
 * ESLint reads a file exactly as `secure-db scan` does. `parse()` reports what the scanner
 * reports as an input problem (invalid YAML or JSON, a Python syntax error, binary content)
 * as ESLint's fatal "Parsing error"; the rules then ask the SourceCode for the findings,
 * which the front-end's model and the core's checks give (source-code.ts).
 *
 * This module is loaded on the first file a language parses (src/plugin/languages.ts), so
 * projects that lint only JavaScript never load the YAML library or the Python parser.
 */
import { classifyFile } from '../core/environment.js';
import { DEFAULT_POLICY_OPTIONS } from '../core/model.js';
import { dotenvFrontend } from '../frontends/dotenv/index.js';
import { jsonFrontend } from '../frontends/json/index.js';
import { postgresConfFrontend } from '../frontends/postgres-conf/index.js';
import { prismaFrontend } from '../frontends/prisma/index.js';
import { analyzePython } from '../frontends/python/analyze.js';
import { mayConcernDatabases, pythonFrontend } from '../frontends/python/index.js';
import type { SyntaxNode } from '../frontends/python/lower.js';
import * as yamlAnalysis from '../frontends/yaml/analyze.js';
import { provideYamlAnalysis, yamlFrontend } from '../frontends/yaml/index.js';
import type { Frontend, SourceFile } from '../frontends/types.js';
import { directiveComments, Lines, type ConfigFileNode, type LanguageName } from './ast.js';
import { parsePythonSync } from './python-sync.js';
import { decodeSource } from '../scanner/read-source.js';
import { SecureDbSourceCode, type Lowering } from './source-code.js';

// The YAML front-end loads its analysis with `await import()`; here it is already loaded.
provideYamlAnalysis(yamlAnalysis);

/** ESLint's view of a file (`@eslint/core`'s `File`). */
export interface LanguageFile {
  path: string;
  body: string | Uint8Array;
  bom: boolean;
}

export interface ParseProblem {
  message: string;
  line: number;
  column: number;
}

export type LanguageParse =
  { ok: true; ast: ConfigFileNode; lowering: Lowering } | { ok: false; errors: ParseProblem[] };

const FRONTENDS: Record<Exclude<LanguageName, 'python'>, Frontend> = {
  dotenv: dotenvFrontend,
  yaml: yamlFrontend,
  json: jsonFrontend,
  prisma: prismaFrontend,
  'postgres-conf': postgresConfFrontend,
};

/** Larger Python files are skipped by the scanner's front-end too (frontends/python). */
const PYTHON_MAX_BYTES = 8 * 1024 * 1024;

export function parseFile(language: LanguageName, file: LanguageFile): LanguageParse {
  const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
  const source: SourceFile = { path: file.path, relativePath: file.path, text, bom: file.bom };
  // The scanner's reading rules (binary content) on the text ESLint read.
  const read = decodeSource(new TextEncoder().encode(text), file.path, file.path);
  if (read.kind !== 'ok') return fail(read.diagnostic.message);
  const lines = new Lines(text);
  const parsed =
    language === 'python' ? parsePythonFile(source, lines) : parseWith(language, source);
  if (!parsed.ok) return parsed;
  const frontend = language === 'python' ? pythonFrontend : FRONTENDS[language];
  const range: [number, number] = [0, text.length];
  return {
    ok: true,
    ast: {
      type: 'ConfigFile',
      language,
      range,
      loc: lines.location(range),
      comments: directiveComments(text, frontend.commentToken, lines),
    },
    lowering: parsed.lowering,
  };
}

export function createSourceCode(
  file: LanguageFile,
  parsed: { ast: ConfigFileNode; lowering: Lowering },
): SecureDbSourceCode {
  const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
  return new SecureDbSourceCode({
    text,
    ast: parsed.ast,
    bom: file.bom,
    lowering: parsed.lowering,
  });
}

/**
 * A front-end's input problems, found by running it once: they do not depend on the file's
 * environment or the policy, which only the rules know (the rules run it again with them).
 */
function parseWith(
  language: Exclude<LanguageName, 'python'>,
  source: SourceFile,
): { ok: true; lowering: Lowering } | { ok: false; errors: ParseProblem[] } {
  const frontend = FRONTENDS[language];
  const { diagnostics } = frontend.analyze(source, {
    file: classifyFile(source.path),
    options: DEFAULT_POLICY_OPTIONS,
    project: { urlConsumers: new Map() },
  });
  if (diagnostics.length > 0)
    return { ok: false, errors: diagnostics.map((d) => problemAt(d.message)) };
  return { ok: true, lowering: frontend };
}

/** A diagnostic's message, placed where it says (`line 3, column 7`), else at the start. */
function problemAt(message: string): ParseProblem {
  const at = /\bline (\d+), column (\d+)/.exec(message);
  return { message, line: at ? Number(at[1]) : 1, column: at ? Number(at[2]) : 1 };
}

function parsePythonFile(
  source: SourceFile,
  lines: Lines,
): { ok: true; lowering: Lowering } | { ok: false; errors: ParseProblem[] } {
  // The scanner's front-end gives these problems in these words (frontends/python/index.ts).
  if (source.text.length > PYTHON_MAX_BYTES)
    return fail(`Skipped: larger than ${PYTHON_MAX_BYTES / 1024 / 1024} MB`);
  if (source.text.includes('\u0000'))
    return fail('Skipped: binary content (NUL bytes), not a Python source file');
  // The scanner's keyword gate: a module that mentions no database is not parsed at all.
  if (!mayConcernDatabases(source.text))
    return {
      ok: true,
      lowering: {
        name: pythonFrontend.name,
        printer: pythonFrontend.printer,
        analyze: () => ({ model: {}, diagnostics: [] }),
      },
    };
  const parsed = parsePythonSync(source.text);
  if (!parsed.ok) return fail(`Python parser unavailable: ${parsed.message}`);
  const { root } = parsed;
  if (root.hasError) {
    // ESLint stops at a syntax error, as it does for JavaScript; the scanner judges what
    // parsed and names the file (docs/languages.md).
    const at = lines.position(firstError(root)?.startIndex ?? 0);
    return { ok: false, errors: [{ message: 'Python syntax error', ...at }] };
  }
  return {
    ok: true,
    lowering: {
      name: pythonFrontend.name,
      printer: pythonFrontend.printer,
      analyze: (input, context) => ({
        model: analyzePython({ root, text: input.text, file: context.file }),
        diagnostics: [],
      }),
    },
  };
}

function fail(message: string): { ok: false; errors: ParseProblem[] } {
  return { ok: false, errors: [{ message, line: 1, column: 1 }] };
}

/** The first ERROR or MISSING node in source order. */
function firstError(root: SyntaxNode): SyntaxNode | undefined {
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'ERROR' || n.isMissing) return n;
    if (!n.hasError) continue;
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c) stack.push(c);
    }
  }
  return undefined;
}
