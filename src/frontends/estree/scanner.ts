/**
 * The scanner's JS/TS front-end: the same estree analysis the ESLint rules run, on the
 * trees ESLint's parsers give (program-cache.ts), so a file gives the same findings in both
 * (parity test).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { DRIVER_MODULES } from '../../core/drivers/table.js';
import { fileMayConcernDatabases, mayWeakenTlsVersion } from '../../core/keywords.js';
import type { Frontend, FrontendOutput, ProjectFacts } from '../types.js';
import { javascriptPrinter } from '../../core/fixes.js';
import { lowerEstree } from './analyze.js';
import { programOf } from './program-cache.js';
import { bindingsOf } from './bindings.js';
import { Evaluator } from './static-value.js';
import { staticPropertyName, unwrap, walk } from './walk.js';

const JS_TS = /\.(?:[cm]?[jt]s|[jt]sx)$/;
/** acorn's "Not enough stack space to parse input", V8's "Maximum call stack size exceeded". */
const OUT_OF_STACK = /stack space|call stack/i;

export const estreeFrontend: Frontend = {
  name: 'estree',
  commentToken: '//',
  matches: (path) => JS_TS.test(path) && !path.endsWith('.d.ts'),
  printer: (source) => javascriptPrinter(source.text),
  collectFacts(source, facts) {
    // Only a driver call reading process.env names a URL consumer.
    if (!source.text.includes('process.env') || !fileMayConcernDatabases(source)) return;
    let program: TSESTree.Program;
    try {
      program = programOf(source);
    } catch {
      return; // reported by analyze
    }
    recordUrlConsumers(program, source.text, facts);
  },
  analyze(source, context): FrontendOutput {
    // Most files of a project concern no database: skip the parse, not just the analysis.
    // A test file reports only a weak TLS version (POLICY "Test files"): most have none.
    if (
      !fileMayConcernDatabases(source) ||
      (context.file.isTest && !mayWeakenTlsVersion(source.text))
    )
      return { model: {}, diagnostics: [] };
    let program: TSESTree.Program;
    try {
      program = programOf(source);
    } catch (error) {
      const e = error as { message?: string; lineNumber?: number; column?: number };
      // Where a parser ran out of stack depends on the stack it was called with, not on the
      // file: such a position differed between two scans (found by the long fuzz run).
      const position = Boolean(e.lineNumber) && !OUT_OF_STACK.test(e.message ?? '');
      const where = position ? ` (line ${e.lineNumber}, column ${e.column ?? 0})` : '';
      // Parser messages describe syntax, never echo the text; keep only the first line.
      return {
        model: {},
        diagnostics: [
          {
            file: source.relativePath,
            message: `Parsing error${where}: ${(e.message ?? 'unknown').split('\n')[0]}`,
          },
        ],
      };
    }
    const model = lowerEstree({
      program,
      text: source.text,
      comments: program.comments ?? [],
      file: context.file,
    });
    return { model, diagnostics: [] };
  },
};

/** `new Pool({ connectionString: process.env.DATABASE_URL })`: DATABASE_URL is read by pg. */
function recordUrlConsumers(program: TSESTree.Program, text: string, facts: ProjectFacts): void {
  const evaluator = new Evaluator(bindingsOf(program), text);
  walk(program, (node) => {
    if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return;
    const ref = evaluator.bindings.moduleOf(node.callee);
    const row = ref ? DRIVER_MODULES.get(ref.module) : undefined;
    if (!row) return;
    const layout = row.layouts['*'] ?? Object.values(row.layouts)[0];
    if (!layout?.urlSemantics) return;
    for (const arg of node.arguments) {
      const a = unwrap(arg);
      const candidates =
        a.type === 'ObjectExpression'
          ? a.properties
              .filter(
                (p): p is TSESTree.Property =>
                  p.type === 'Property' &&
                  ['connectionString', 'url', 'uri'].includes(staticPropertyName(p) ?? ''),
              )
              .map((p) => p.value)
          : [a];
      for (const c of candidates) {
        const name = evaluator.envRead(c);
        if (name && !facts.urlConsumers.has(name))
          facts.urlConsumers.set(name, { semantics: layout.urlSemantics, driver: layout.label });
      }
    }
  });
}
