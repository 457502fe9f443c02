/**
 * Every JS/TS text the tests know: the fixtures, `examples/` and the JS/TS examples of the
 * docs and README, each with the path it has inside its project (under test/ every file
 * would be a test file). The parser parity and the keyword gate are held on all of it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyzeModel } from '../../src/core/analysis.js';
import { classifyFile } from '../../src/core/environment.js';
import { javascriptPrinter } from '../../src/core/fixes.js';
import type { Finding, PolicyOptions } from '../../src/core/model.js';
import { lowerEstree } from '../../src/frontends/estree/analyze.js';
import { parseProgram, type ScannerParser } from '../../src/frontends/estree/program-cache.js';

export const root = join(import.meta.dirname, '../..');
const JS_TS = /\.(?:[cm]?[jt]s|[jt]sx)$/;

export interface JsCase {
  name: string;
  text: string;
  path: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .map((f) => join(root, dir, f))
    .filter((f) => statSync(f).isFile() && JS_TS.test(f) && !f.endsWith('.d.ts'));
}

/** The JS/TS fenced blocks of a Markdown file, each as a file of its own. */
function docExamples(file: string): JsCase[] {
  const out: JsCase[] = [];
  const fence = /^(`{3,})(js|javascript|jsx|ts|typescript|tsx)\b[^\n]*\n([\s\S]*?)^\1\s*$/gm;
  for (const m of readFileSync(file, 'utf8').matchAll(fence)) {
    const ext = { javascript: 'js', typescript: 'ts' }[m[2]!] ?? m[2]!;
    const line = readFileSync(file, 'utf8').slice(0, m.index).split('\n').length;
    out.push({ name: `${relative(root, file)}:${line}`, text: m[3]!, path: `src/snippet.${ext}` });
  }
  return out;
}

function markdownFiles(): string[] {
  const docs = readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(root, 'docs', f));
  return [join(root, 'README.md'), join(root, 'examples/README.md'), ...docs];
}

export function jsCorpus(): JsCase[] {
  return [
    ...['examples', 'test/frontends/fixtures', 'test/fixtures'].flatMap((dir) =>
      filesUnder(dir).map((file) => ({
        name: relative(root, file),
        text: readFileSync(file, 'utf8'),
        path: relative(root, file).replace(
          /^(?:examples|test\/(?:frontends\/)?fixtures\/[^/]+)\//,
          '',
        ),
      })),
    ),
    ...markdownFiles().flatMap(docExamples),
  ];
}

/**
 * The estree front-end's findings for one text of the corpus, at its path in the project;
 * `does not parse: …` when it does not. `parser`: the scanner's default, or one picked.
 */
export function corpusFindings(
  text: string,
  path: string,
  options: PolicyOptions,
  parser?: ScannerParser,
): Finding[] | string {
  let program;
  try {
    program = parseProgram({ path, relativePath: path, text, bom: false }, parser);
  } catch (error) {
    return `does not parse: ${(error as Error).message}`;
  }
  const file = classifyFile(join(root, path), {}, root);
  const model = lowerEstree({ program, text, comments: program.comments ?? [], file });
  return analyzeModel(model, {
    file,
    options,
    project: { urlConsumers: new Map() },
    printer: javascriptPrinter(text),
  }).findings;
}
