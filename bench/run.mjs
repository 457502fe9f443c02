/**
 * `npm run bench`: start-up and throughput of `secure-db scan`, as ratios to a floor
 * measured alongside (issue 11). Every figure is the median of per-pair ratios of
 * alternating runs (`BENCH_RUNS`, default 5), each a whole Node process timed from spawn to
 * exit, so a busy neighbour slows a pair, not one side. docs/performance.md explains the
 * method and records the figures.
 *
 * - Trees, against the read-every-file floor (bench/floor.mjs): `realistic` (an application
 *   monorepo of 20,000 files, a few hundred database-related), `application` (one
 *   TypeScript service of 2,500 files, about 10 % of them importing a database module or
 *   config) and the same at four times the size (the scan should stay linear), and `dense`
 *   (a stress tree, reported only).
 * - Pre-commit: what the hook runs, `secure-db scan --staged`, in a git repository where
 *   five files of different kinds are staged (.env, settings.py, knexfile.js, compose, one
 *   .ts), in a cold process, against bare `node -e 0`; and the same five files named as
 *   paths (`secure-db scan <files>`, as lint-staged passes them).
 * - `secure-db --version` against bare `node -e 0`.
 * - `BENCH_APPS=dir[,dir]`: real applications (see docs/performance.md), against the floor.
 * - `BENCH_BASELINE=path/to/bin.js`: the pre-commit run of this build against another build
 *   of the CLI (before/after a change), alternating like every other pair.
 *
 * `BENCH_ONLY=startup` or `BENCH_ONLY=trees` runs one half.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from './generate.mjs';

const root = join(import.meta.dirname, '..');
const BIN = join(root, 'dist/src/cli/bin.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ONLY = process.env.BENCH_ONLY;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function treeFor(profile, count) {
  const tree = join(tmpdir(), `secure-db-bench-${profile}-${count}`);
  const marker = join(tree, '.bench-tree');
  const stamp = `${count}:42:${profile}:v4`;
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== stamp) {
    const { files, bytes } = generate(tree, count, 42, profile);
    writeFileSync(marker, stamp);
    console.log(`generated the ${profile} tree: ${files} files (${(bytes / 1e6).toFixed(1)} MB)`);
  }
  return tree;
}

/** Runs a Node process; returns its wall time (spawn to exit) and its result. */
function timed(args, options = {}) {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
  return { ms: performance.now() - start, r };
}

function floor(tree) {
  const { ms, r } = timed([join(import.meta.dirname, 'floor.mjs'), tree]);
  if (r.status !== 0) throw new Error(`floor failed: ${r.stderr}`);
  return { ms };
}

function scanner(tree) {
  const out = mkdtempSync(join(tmpdir(), 'secure-db-bench-out-'));
  const report = join(out, 'report.json');
  const { ms, r } = timed(
    [
      '--import',
      join(import.meta.dirname, 'rss-on-exit.mjs'),
      BIN,
      'scan',
      '.',
      '--format',
      'json',
      '-o',
      report,
    ],
    { cwd: tree },
  );
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`scanner exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const rssMb = Number(/__BENCH_RSS_KB__=(\d+)/.exec(r.stderr)?.[1]) / 1024;
  const { results, errors } = JSON.parse(readFileSync(report, 'utf8'));
  rmSync(out, { recursive: true, force: true });
  return { ms, rssMb, findings: results.length, errors: errors.length };
}

/** `RUNS` alternating pairs of `a` and `b`; the median per-pair ratio b/a and each side's median. */
function pairs(a, b) {
  a(); // warm the page cache and the disk
  const list = [];
  for (let i = 0; i < RUNS; i++) {
    const x = a();
    const y = b();
    list.push({ x, y, ratio: y.ms / x.ms });
  }
  return {
    a: median(list.map((p) => p.x.ms)),
    b: median(list.map((p) => p.y.ms)),
    ratio: median(list.map((p) => p.ratio)),
    ratios: list.map((p) => p.ratio),
    last: list.map((p) => p.y),
  };
}

function tree(label, dir) {
  const m = pairs(
    () => floor(dir),
    () => scanner(dir),
  );
  return {
    label,
    ...m,
    rssMb: Math.max(...m.last.map((s) => s.rssMb)),
    findings: m.last[0].findings,
    errors: m.last[0].errors,
  };
}

const bare = () => timed(['-e', '0']);

function precommitFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'secure-db-bench-precommit-'));
  const files = {
    '.env':
      'NODE_ENV=production\nDATABASE_URL=postgres://app:${DB_PASSWORD}@db.internal/app?sslmode=require\n',
    'settings.py':
      'import os\n\nDATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.postgresql",\n        "HOST": "db.internal",\n        "PASSWORD": os.environ["DB_PASSWORD"],\n        "OPTIONS": {"sslmode": "verify-full"},\n    }\n}\n',
    'knexfile.js':
      "module.exports = {\n  client: 'pg',\n  connection: { host: 'db.internal', password: process.env.DB_PASSWORD, ssl: { rejectUnauthorized: true } },\n};\n",
    'docker-compose.yml':
      'services:\n  api:\n    image: example/api\n    environment:\n      PGSSLMODE: verify-full\n      DB_PASSWORD: ${DB_PASSWORD}\n',
    'src/db.ts':
      "import { Pool } from 'pg';\n\nexport const pool = new Pool({ host: 'db.internal', ssl: { rejectUnauthorized: false } });\n",
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  // Staged in a repository of their own, as a commit would have them.
  for (const args of [
    ['init', '-q'],
    ['add', '-A'],
  ]) {
    const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args[0]} failed: ${r.stderr}`);
  }
  return { dir, paths: Object.keys(files) };
}

/** One pre-commit run: exit 1, for the finding the files hold. */
function precommitRun(bin, dir, args) {
  const t = timed([bin, 'scan', ...args], { cwd: dir });
  if (t.r.status !== 1) throw new Error(`pre-commit scan exited ${t.r.status}: ${t.r.stderr}`);
  return t;
}

function startup() {
  const { dir, paths } = precommitFiles();
  const precommit = pairs(bare, () => precommitRun(BIN, dir, ['--staged']));
  const precommitPaths = pairs(bare, () => precommitRun(BIN, dir, paths));
  rmSync(dir, { recursive: true, force: true });
  const version = pairs(bare, () => timed([BIN, '--version']));
  // Before/after: the same pre-commit run against another build, alternating.
  const baseline = process.env.BENCH_BASELINE
    ? (() => {
        const again = precommitFiles();
        const run = (bin) => () => precommitRun(bin, again.dir, ['--staged']);
        const m = pairs(run(process.env.BENCH_BASELINE), run(BIN));
        rmSync(again.dir, { recursive: true, force: true });
        return m;
      })()
    : undefined;
  return { precommit, precommitPaths, version, baseline };
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const results = { load: [load()] };
const rows = [
  ['measure', 'floor', 'secure-db', 'ratio (median)', 'per pair', 'peak RSS', 'findings'],
];
const row = (t) =>
  rows.push([
    t.label,
    `${t.a.toFixed(0)} ms`,
    `${t.b.toFixed(0)} ms`,
    `${t.ratio.toFixed(2)}×`,
    t.ratios.map((r) => r.toFixed(2)).join(' '),
    t.rssMb ? `${t.rssMb.toFixed(0)} MB` : '',
    t.findings === undefined ? '' : `${t.findings} (${t.errors} diagnostics)`,
  ]);
const checks = [];

if (ONLY !== 'trees') {
  const { precommit, precommitPaths, version, baseline } = startup();
  row({ label: 'pre-commit, 5 staged files, --staged (vs node -e 0)', ...precommit });
  row({ label: 'the same 5 files as paths (vs node -e 0)', ...precommitPaths });
  row({ label: '--version (vs node -e 0)', ...version });
  if (baseline) row({ label: 'pre-commit (vs BENCH_BASELINE)', ...baseline });
  checks.push([
    `pre-commit (--staged) median ≤ 250 ms (${precommit.b.toFixed(0)} ms)`,
    precommit.b <= 250,
  ]);
  checks.push([
    `pre-commit (paths) median ≤ 250 ms (${precommitPaths.b.toFixed(0)} ms)`,
    precommitPaths.b <= 250,
  ]);
  checks.push([`--version ≤ 1.3× bare Node (${version.ratio.toFixed(2)}×)`, version.ratio <= 1.3]);
  results.load.push(load());
}

if (ONLY !== 'startup') {
  const count = Number(process.env.BENCH_FILES ?? 20000);
  const app = Number(process.env.BENCH_APP_FILES ?? 2500);
  const realistic = tree(`realistic tree, ${count} files`, treeFor('realistic', count));
  row(realistic);
  const application = tree(`application, ${app} files`, treeFor('application', app));
  row(application);
  const larger = tree(`application, ${app * 4} files`, treeFor('application', app * 4));
  row(larger);
  row(tree(`dense tree, ${count} files (stress)`, treeFor('dense', count)));
  for (const dir of (process.env.BENCH_APPS ?? '').split(',').filter(Boolean))
    row(tree(`real app: ${dir}`, dir));
  const growth = larger.b / application.b;
  checks.push([`realistic ≤ 2× the floor (${realistic.ratio.toFixed(2)}×)`, realistic.ratio <= 2]);
  checks.push([
    `application ≤ 4× the floor (${application.ratio.toFixed(2)}×)`,
    application.ratio <= 4,
  ]);
  checks.push([
    `application peak RSS ≤ 250 MB (${application.rssMb.toFixed(0)} MB)`,
    application.rssMb <= 250,
  ]);
  checks.push([`4× the files ≤ 4.4× the time (${growth.toFixed(2)}×)`, growth <= 4.4]);
  results.load.push(load());
}

const width = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(width[i])).join('   '));
console.log(
  `\nload average (1, 5, 15 min) at start and after each half: ${results.load.join(' | ')}`,
);
for (const [text, ok] of checks) console.log(`${ok ? 'met   ' : 'MISSED'}  ${text}`);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
