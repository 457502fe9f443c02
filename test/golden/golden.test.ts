/**
 * Findings do not move by accident: the scanner's results (everything the JSON contract
 * carries but the fingerprint) and the `--fix-dry-run` diffs on `examples/` and on every
 * front-end's fixture folder, in both profiles, are held equal to the recorded files in
 * `test/golden/`. A change that means to move a finding rewrites them with
 * `UPDATE_GOLDEN=1 npx vitest run test/golden` and says why in its commit.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixSource } from '../../src/fix/index.js';
import { scan } from '../../src/scanner/index.js';

const root = join(import.meta.dirname, '../..');
const fixtures = join(root, 'test/frontends/fixtures');
const recorded = join(import.meta.dirname, 'recorded');

const TREES: readonly [name: string, dir: string][] = [
  ['examples', join(root, 'examples')],
  ...['cross-file', 'dotenv', 'estree', 'json', 'postgres-conf', 'prisma', 'python', 'yaml'].map(
    (name): [string, string] => [name, join(fixtures, name)],
  ),
];

/** Every message the default-profile runs printed, for the length check below. */
const messages: string[] = [];

async function snapshot(dir: string, profile: 'default' | 'strict'): Promise<string> {
  const result = await scan({ cwd: dir, profile, baseline: false, keepSources: true });
  if (profile === 'default') messages.push(...result.results.map((r) => r.message));
  const results = result.results.map(({ fingerprint: _fingerprint, ...rest }) => rest);
  const diffs: string[] = [];
  for (const { source, findings } of result.sources?.values() ?? []) {
    const diff = fixSource(source, findings, 'dry-run').diff;
    if (diff) diffs.push(diff);
  }
  return `${JSON.stringify({ results, errors: result.errors }, null, 2)}\n${diffs.join('\n')}`;
}

describe('golden: findings and fixes are unchanged', () => {
  for (const [name, dir] of TREES) {
    for (const profile of ['default', 'strict'] as const) {
      it(`${name} (${profile})`, async () => {
        const file = join(recorded, `${name}.${profile}.txt`);
        const actual = await snapshot(dir, profile);
        if (process.env.UPDATE_GOLDEN === '1') {
          mkdirSync(recorded, { recursive: true });
          writeFileSync(file, actual);
        }
        expect(existsSync(file), `${file} is missing: record it with UPDATE_GOLDEN=1`).toBe(true);
        expect(actual).toBe(readFileSync(file, 'utf8'));
      });
    }
  }
});

// Issue 8: messages stay under 160 characters in the common case; what a sentence cannot
// hold is in the rule's docs page. Measured on every finding of the runs above.
describe('message length', () => {
  it('half the messages are under 160 characters and nine in ten under 200', () => {
    expect(messages.length).toBeGreaterThan(200);
    const lengths = messages.map((m) => m.length).sort((a, b) => a - b);
    const at = (q: number) => lengths[Math.floor(q * (lengths.length - 1))]!;
    expect(at(0.5)).toBeLessThan(160);
    expect(at(0.9)).toBeLessThan(200);
  });
});
