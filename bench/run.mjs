/**
 * `npm run bench`: the scanner against the floor, in one run on one generated tree.
 *
 * The floor is a plain Node loop that lists and reads every file. The scanner is the real
 * CLI (`secure-db scan --format json`). Each runs in its own Node process and is timed from
 * spawn to exit (so both pay Node's start-up); both report peak RSS. The figures that
 * matter are the ratios, since machines are noisy: the two sides alternate (five pairs by
 * default, `BENCH_RUNS`), and the median of the per-pair ratios counts.
 * Targets (issue 3): wall-time ratio ≤ 4, scanner peak RSS < 400 MB, judged on the
 * `realistic` tree (an application monorepo: a few hundred database-related files among
 * 20,000). The `dense` tree, where about a third of the files concern a database, is a
 * stress figure reported alongside.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from './generate.mjs';

const root = join(import.meta.dirname, '..');
const count = Number(process.env.BENCH_FILES ?? 20000);

function treeFor(profile) {
  const tree = join(tmpdir(), `secure-db-bench-${profile}-${count}`);
  const marker = join(tree, '.bench-tree');
  const stamp = `${count}:42:${profile}:v3`;
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== stamp) {
    const { bytes } = generate(tree, count, 42, profile);
    writeFileSync(marker, stamp);
    console.log(
      `generated the ${profile} tree: ${count} files (${(bytes / 1e6).toFixed(1)} MB) in ${tree}`,
    );
  }
  return tree;
}

// Both sides are timed the same way: the wall time of a whole Node process, spawn to exit.
function floor(tree) {
  const start = performance.now();
  const r = spawnSync(process.execPath, [join(import.meta.dirname, 'floor.mjs'), tree], {
    encoding: 'utf8',
  });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`floor failed: ${r.stderr}`);
  const { files, maxRssKb } = JSON.parse(r.stdout);
  return { files, ms, rssMb: maxRssKb / 1024 };
}

function scanner(tree) {
  const out = mkdtempSync(join(tmpdir(), 'secure-db-bench-out-'));
  const start = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      join(import.meta.dirname, 'rss-on-exit.mjs'),
      join(root, 'dist/src/cli/bin.js'),
      'scan',
      '.',
      '--format',
      'json',
      '-o',
      join(out, 'report.json'),
    ],
    {
      cwd: tree,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const ms = performance.now() - start;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`scanner exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const rssKb = Number(/__BENCH_RSS_KB__=(\d+)/.exec(r.stderr)?.[1]);
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  rmSync(out, { recursive: true, force: true });
  return { ms, rssMb: rssKb / 1024, findings: report.results.length, errors: report.errors.length };
}

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/**
 * Floor and scanner alternate, so both see the same machine (a busy neighbour slows a pair,
 * not one side). Each pair gives a ratio; the median pair ratio is the figure, and the
 * medians of each side are shown with it.
 */
function measure(profile) {
  const tree = treeFor(profile);
  floor(tree); // warm the page cache so neither side pays for the first disk read
  const pairs = [];
  for (let i = 0; i < RUNS; i++) {
    const f = floor(tree);
    const s = scanner(tree);
    pairs.push({ f, s, ratio: s.ms / f.ms });
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const f = { ms: median(pairs.map((p) => p.f.ms)), rssMb: median(pairs.map((p) => p.f.rssMb)) };
  const s = {
    ms: median(pairs.map((p) => p.s.ms)),
    rssMb: Math.max(...pairs.map((p) => p.s.rssMb)),
    findings: pairs[0].s.findings,
    errors: pairs[0].s.errors,
  };
  return {
    profile,
    f,
    s,
    ratio: median(pairs.map((p) => p.ratio)),
    ratios: pairs.map((p) => p.ratio),
  };
}

const runs = [measure('realistic'), measure('dense')];
const rows = [
  [
    'tree',
    'floor (read every file)',
    'secure-db scan',
    'ratio',
    'ratio per pair',
    'scan peak RSS',
    'findings',
  ],
];
for (const { profile, f, s, ratio, ratios } of runs) {
  rows.push([
    profile,
    `${f.ms.toFixed(0)} ms, ${f.rssMb.toFixed(0)} MB`,
    `${s.ms.toFixed(0)} ms`,
    ratio.toFixed(2),
    ratios.map((r) => r.toFixed(2)).join(' '),
    `${s.rssMb.toFixed(0)} MB`,
    `${s.findings} (${s.errors} diagnostics)`,
  ]);
}
const width = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(width[i])).join('   '));
const target = runs[0];
const ok = target.ratio <= 4 && target.s.rssMb < 400;
console.log(
  `\ntargets on the realistic tree: ratio ≤ 4 (${target.ratio.toFixed(2)}), peak RSS < 400 MB (${target.s.rssMb.toFixed(0)} MB): ${ok ? 'met' : 'MISSED'}`,
);
process.exitCode = ok ? 0 : 1;
