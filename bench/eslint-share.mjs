/**
 * `npm run bench:eslint`: the secure-db rules' share of ESLint's time on the generated
 * TypeScript application (issue 11 target: ≤ 2 %), with a typical configuration
 * (@eslint/js and typescript-eslint recommended, then secure-db recommended). ESLint's own
 * `stats` give each rule's time per file; the share is the secure-db rules' total over the
 * whole lint's total (parsing included), for the median of `BENCH_RUNS` runs (default 3).
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import js from '@eslint/js';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import secureDb from '../dist/src/plugin/index.js';
import { generate } from './generate.mjs';

const count = Number(process.env.BENCH_APP_FILES ?? 2500);
const tree = join(tmpdir(), `secure-db-bench-application-${count}`);
const stamp = `${count}:42:application:v4`;
if (
  !existsSync(join(tree, '.bench-tree')) ||
  readFileSync(join(tree, '.bench-tree'), 'utf8') !== stamp
) {
  generate(tree, count, 42, 'application');
  writeFileSync(join(tree, '.bench-tree'), stamp);
}

async function once() {
  const eslint = new ESLint({
    cwd: tree,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts', '**/*.js'] },
      js.configs.recommended,
      ...tseslint.configs.recommended,
      secureDb.configs.recommended,
    ],
    stats: true,
  });
  const start = performance.now();
  const results = await eslint.lintFiles(['src/**/*.ts']);
  const wall = performance.now() - start;
  let total = 0;
  let ours = 0;
  let parse = 0;
  for (const r of results) {
    for (const pass of r.stats?.times.passes ?? []) {
      total += pass.total;
      parse += pass.parse?.total ?? 0;
      for (const [id, t] of Object.entries(pass.rules ?? {}))
        if (id.startsWith('secure-db/')) ours += t.total;
    }
  }
  return { files: results.length, wall, total, parse, ours, share: ours / total };
}

const runs = [];
for (let i = 0; i < Number(process.env.BENCH_RUNS ?? 3); i++) runs.push(await once());
runs.sort((a, b) => a.share - b.share);
const m = runs[Math.floor(runs.length / 2)];
console.log(
  `ESLint on the application tree (${m.files} files): ${m.total.toFixed(0)} ms in passes (parse ${m.parse.toFixed(0)} ms), secure-db rules ${m.ours.toFixed(0)} ms = ${(m.share * 100).toFixed(2)} % (runs: ${runs.map((r) => (r.share * 100).toFixed(2)).join(', ')} %)`,
);
console.log(`${m.share <= 0.02 ? 'met   ' : 'MISSED'}  secure-db rules ≤ 2 % of ESLint's time`);
process.exitCode = m.share <= 0.02 ? 0 : 1;
