/**
 * An OpenAPI document is searched line by line for comments, never parsed: linear in its
 * size, whatever its lines hold (quotes, `#` in references, long unterminated quotes).
 */
import { describe, it } from 'vitest';
import { classifyFile } from '../../src/core/environment.js';
import { DEFAULT_POLICY_OPTIONS } from '../../src/core/model.js';
import { analyzeYaml } from '../../src/frontends/yaml/analyze.js';
import { expectLinear, run } from './algo-growth.js';

function analyse(text: string): void {
  analyzeYaml(
    { path: '/openapi.yaml', relativePath: 'openapi.yaml', text, bom: false },
    {
      file: classifyFile('openapi.yaml'),
      options: DEFAULT_POLICY_OPTIONS,
      project: { urlConsumers: new Map() },
    },
  );
}

describe('OpenAPI documents are read in linear time', () => {
  for (const unit of [
    "  $ref: '#/components/schemas/Password' # see postgres://u:p@h\n",
    "  description: it's a 'quote\n",
    '"'.repeat(7),
    ' #',
  ])
    it(`on a run of ${JSON.stringify(unit)}`, () => {
      expectLinear(analyse, (size) => `openapi: 3.0.3\n${run(unit)(size)}`);
    });
});
