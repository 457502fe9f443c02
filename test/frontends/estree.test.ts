import { join } from 'node:path';
import { describe } from 'vitest';
import { estreeFrontend } from '../../src/frontends/estree/scanner.js';
import { runFixtures } from './fixture-runner.js';

describe('estree front-end fixtures', () => {
  runFixtures(estreeFrontend, join(import.meta.dirname, 'fixtures/estree'));
});
