/**
 * The JS/TS analysis grows linearly with the shapes generated and bundled code takes: an
 * object literal of thousands of string properties (a generated map of pages to dates) and
 * a function body of thousands of statements past early returns (a bundled module). Each
 * string asked its environment of every sibling before (Medusa's 375 KB generated module
 * took 2.3 s).
 */
import { describe, it } from 'vitest';
import { classifyFile } from '../../src/core/environment.js';
import { DEFAULT_POLICY_OPTIONS } from '../../src/core/model.js';
import { releaseProgram } from '../../src/frontends/estree/program-cache.js';
import { estreeFrontend } from '../../src/frontends/estree/scanner.js';
import { runFrontend } from '../../src/scanner/run-frontend.js';
import { expectLinear } from './algo-growth.js';

/** `lines` repeated to about `size` characters, after a header that passes the keyword gate. */
const generated =
  (open: string, line: (i: number) => string, close: string) =>
  (size: number): string => {
    const lines = [`// ssl: generated\n${open}`];
    for (let i = 0, length = 0; length < size; i++) {
      const text = line(i);
      lines.push(text);
      length += text.length + 1;
    }
    return `${lines.join('\n')}\n${close}\n`;
  };

function analyse(text: string): void {
  const source = { path: '/generated.mjs', relativePath: 'generated.mjs', text, bom: false };
  runFrontend(estreeFrontend, source, {
    file: classifyFile('generated.mjs'),
    options: DEFAULT_POLICY_OPTIONS,
    project: { urlConsumers: new Map() },
  });
  releaseProgram(source);
}

describe('the JS/TS analysis is linear in generated and bundled shapes', () => {
  it('an object literal of string properties', () => {
    expectLinear(
      analyse,
      generated(
        'export const editDates = {',
        (i) => `  "app/page-${i}/page.mdx": "2024-10-08T07:35:59.167Z",`,
        '};',
      ),
    );
  });

  it('a function body of statements past early returns', () => {
    expectLinear(
      analyse,
      generated(
        'export function run(flags, out) {',
        (i) => `  if (flags[${i}]) return "step-${i}";\n  out.push("value-${i}");`,
        '}',
      ),
    );
  });
});
