/**
 * Worker threads change nothing but the time: the same generated project scanned in one
 * thread and with workers gives byte-identical JSON and the same exit code, and a worker
 * that fails (a front-end that throws, a thread that dies) becomes diagnostics, never a
 * crashed or hanging scan.
 *
 * Worker threads run compiled code, so these tests use dist/ (`npm run build` first, as
 * `npm test` does).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerCount } from '../../src/scanner/parallel.js';
import type * as ScanModule from '../../src/scanner/scan.js';
// @ts-expect-error: a plain .mjs script without types
import { generate } from '../../bench/generate.mjs';

const repo = join(import.meta.dirname, '../..');
const bin = join(repo, 'dist/src/cli/bin.js');
const built = existsSync(join(repo, 'dist/src/scanner/scan-worker.js'));
const FILES = 3000;

/**
 * What the generated trees lack: URL consumers from several files (one variable claimed
 * twice, first file wins), a sequelize `use_env_variable`, a Prisma schema, env files that
 * read them, and a config imported by a driver call (the cross-file pass).
 */
const CROSS_FILE_AND_FACTS: Record<string, string> = {
  'a-first/db.js':
    "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.SHARED_URL });\n",
  'z-last/db.js':
    "import mysql from 'mysql2/promise';\nexport const db = mysql.createPool({ uri: process.env.SHARED_URL });\n",
  'config/config.json': JSON.stringify(
    { production: { use_env_variable: 'SEQ_URL', dialect: 'postgres' } },
    null,
    2,
  ),
  'prisma/schema.prisma':
    'datasource db {\n  provider = "postgresql"\n  url      = env("PRISMA_URL")\n}\n',
  'services/facts/.env.production':
    'SHARED_URL=postgres://app@db.example.com/app?sslmode=require\nSEQ_URL=postgres://app@db.example.com/app?sslmode=disable\nPRISMA_URL=postgresql://app@db.example.com/app?sslmode=prefer\n',
  'deploy/facts/docker-compose.yml':
    'services:\n  api:\n    environment:\n      SHARED_URL: postgres://app@db.example.com/app?sslmode=prefer\n',
  'src/cross/config.js':
    "export const dbConfig = { host: 'db.example.com', ssl: false };\nexport const url = 'postgres://app@db.example.com/app?sslmode=require';\n",
  'src/cross/db.js':
    "import { Pool } from 'pg';\nimport { dbConfig, url } from './config.js';\nexport const a = new Pool(dbConfig);\nexport const b = new Pool({ connectionString: url });\n",
  'src/cross/suppressed.js':
    "import { Pool } from 'pg';\n// secure-db-disable-next-line require-ssl -- test double\nexport const c = new Pool({ host: 'db.example.com', ssl: false });\n",
};

let scan: typeof ScanModule.scan;
let estreeFrontend: { analyze: (...args: never[]) => unknown };

/**
 * Runs `run` with the main thread's JS/TS analysis held until `marker` exists, i.e. until the
 * worker has claimed files and reached its (sabotaged) analysis. Without it, a worker that
 * starts slowly on a loaded machine may find every chunk already taken by the main thread,
 * and the failure under test would never happen.
 */
async function whileMainThreadWaitsFor<T>(marker: string, run: () => Promise<T>): Promise<T> {
  rmSync(marker, { force: true });
  const original = estreeFrontend.analyze;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  estreeFrontend.analyze = (...args) => {
    const deadline = Date.now() + 60_000;
    while (!existsSync(marker) && Date.now() < deadline) Atomics.wait(pause, 0, 0, 5);
    return original(...args);
  };
  try {
    return await run();
  } finally {
    estreeFrontend.analyze = original;
  }
}
const roots: Record<string, string> = {};
let scratch = '';

beforeAll(async () => {
  if (!built) return;
  ({ scan } = (await import(
    pathToFileURL(join(repo, 'dist/src/scanner/scan.js')).href
  )) as typeof ScanModule);
  ({ estreeFrontend } = (await import(
    pathToFileURL(join(repo, 'dist/src/frontends/estree/scanner.js')).href
  )) as { estreeFrontend: typeof estreeFrontend });
  scratch = mkdtempSync(join(tmpdir(), 'secure-db-parallel-'));
  for (const profile of ['realistic', 'dense']) {
    roots[profile] = join(scratch, profile);
    (generate as (root: string, count: number, seed: number, profile: string) => unknown)(
      roots[profile],
      FILES,
      7,
      profile,
    );
    for (const [path, text] of Object.entries(CROSS_FILE_AND_FACTS)) {
      mkdirSync(dirname(join(roots[profile], path)), { recursive: true });
      writeFileSync(join(roots[profile], path), text);
    }
  }
}, 120_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The CLI with `SECURE_DB_WORKERS` set to `workers`, or unset (the default: the helper thread). */
function cli(cwd: string, workers: string | undefined): { status: number | null; report: string } {
  const out = join(scratch, `report-${workers ?? 'default'}.json`);
  const env = { ...process.env, SECURE_DB_WORKERS: workers };
  if (workers === undefined) delete env.SECURE_DB_WORKERS;
  const r = spawnSync(process.execPath, [bin, 'scan', '.', '--format', 'json', '-o', out], {
    cwd,
    encoding: 'utf8',
    env,
  });
  return { status: r.status, report: readFileSync(out, 'utf8') };
}

describe.skipIf(!built)('parallel scan', () => {
  for (const profile of ['realistic', 'dense']) {
    it(`gives the serial scan's JSON, byte for byte, and its exit code (${profile} tree)`, () => {
      const serial = cli(roots[profile]!, '0');
      const parallel = cli(roots[profile]!, '2');
      const files = new Set(
        (JSON.parse(serial.report) as { results: { file: string }[] }).results.map((r) => r.file),
      );
      expect(files.size).toBeGreaterThan(10);
      // The facts and the cross-file pass were exercised (a finding in the imported config).
      expect(files).toContain('src/cross/config.js');
      expect(files).toContain('services/facts/.env.production');
      expect(parallel.status).toBe(serial.status);
      expect(parallel.report).toBe(serial.report);
    }, 120_000);
  }

  it('scan() with workers returns what it returns without them, in the strict profile too', async () => {
    for (const profile of ['strict', 'default'] as const) {
      const serial = await scan({ cwd: roots.dense!, workers: 0, profile, baseline: false });
      const parallel = await scan({ cwd: roots.dense!, workers: 2, profile, baseline: false });
      expect(JSON.stringify(parallel)).toBe(JSON.stringify(serial));
    }
  }, 120_000);

  it('turns a front-end that throws inside a worker into per-file internal errors', async () => {
    const preload = join(scratch, 'throwing.mjs');
    const registry = pathToFileURL(join(repo, 'dist/src/scanner/frontends.js')).href;
    const marker = join(scratch, 'throwing.started');
    writeFileSync(
      preload,
      `import { writeFileSync } from 'node:fs';\nimport { FRONTENDS } from ${JSON.stringify(registry)};\nfor (const fe of FRONTENDS) fe.analyze = () => { writeFileSync(${JSON.stringify(marker)}, ''); throw new Error('boom'); };\n`,
    );
    const serial = await scan({ cwd: roots.dense!, workers: 0, baseline: false });
    const parallel = await whileMainThreadWaitsFor(marker, () =>
      scan({
        cwd: roots.dense!,
        workers: 1,
        baseline: false,
        workerPreload: pathToFileURL(preload).href,
      }),
    );
    const internal = parallel.errors.filter((e) => e.kind === 'internal');
    // The worker took a share of the files; the main thread scanned the rest as usual.
    expect(internal.length).toBeGreaterThan(0);
    expect(
      internal.every((e) =>
        /^internal error in the \w+ front-end; this file was not fully scanned$/.test(e.message),
      ),
    ).toBe(true);
    const failed = new Set(internal.map((e) => e.file));
    const keep = (r: { file: string }) => !failed.has(r.file);
    expect(parallel.results.filter(keep)).toEqual(serial.results.filter(keep));
    expect(JSON.stringify(parallel.errors)).not.toContain('boom');
  }, 120_000);

  it('survives a worker thread that dies mid-scan: its files become internal errors, the rest is scanned', async () => {
    const preload = join(scratch, 'dying.mjs');
    const estree = pathToFileURL(join(repo, 'dist/src/frontends/estree/scanner.js')).href;
    const marker = join(scratch, 'dying.started');
    writeFileSync(
      preload,
      `import { writeFileSync } from 'node:fs';\nimport { estreeFrontend } from ${JSON.stringify(estree)};\nestreeFrontend.analyze = () => { writeFileSync(${JSON.stringify(marker)}, ''); process.exit(3); };\n`,
    );
    const serial = await scan({ cwd: roots.dense!, workers: 0, baseline: false });
    const parallel = await whileMainThreadWaitsFor(marker, () =>
      scan({
        cwd: roots.dense!,
        workers: 1,
        baseline: false,
        workerPreload: pathToFileURL(preload).href,
      }),
    );
    const internal = parallel.errors.filter((e) => e.kind === 'internal');
    expect(internal.length).toBeGreaterThan(0);
    const failed = new Set(internal.map((e) => e.file));
    const keep = (r: { file: string }) => !failed.has(r.file);
    expect(parallel.results.filter(keep)).toEqual(serial.results.filter(keep));
    expect(parallel.results.length).toBeGreaterThan(0);
    expect(parallel.files).toEqual(serial.files);
  }, 120_000);

  it('stays in one thread below the threshold and with workers: 0', async () => {
    const small = join(scratch, 'small');
    (generate as (root: string, count: number, seed: number, profile: string) => unknown)(
      small,
      200,
      3,
      'dense',
    );
    const a = await scan({ cwd: small, baseline: false });
    const b = await scan({ cwd: small, workers: 0, baseline: false });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  }, 60_000);
});

// The helper starts only on a machine with a second core (as it does for users).
describe.skipIf(!built || availableParallelism() < 2)(
  'helper thread for Python and YAML files (the default)',
  () => {
    let stats: { started: number; delivered: number };
    beforeAll(async () => {
      ({ offloadStats: stats } = (await import(
        pathToFileURL(join(repo, 'dist/src/scanner/offload.js')).href
      )) as { offloadStats: typeof stats });
    });

    for (const profile of ['realistic', 'dense']) {
      it(`the CLI gives the one-thread JSON, byte for byte, and its exit code (${profile} tree)`, () => {
        const serial = cli(roots[profile]!, '0');
        const helped = cli(roots[profile]!, undefined);
        const files = (JSON.parse(serial.report) as { results: { file: string }[] }).results.map(
          (r) => r.file,
        );
        // Python and YAML findings are among them, and a compose file judged with a JS consumer's facts.
        expect(files.some((f) => f.endsWith('.py'))).toBe(true);
        expect(files.some((f) => f.endsWith('.yml'))).toBe(true);
        expect(files).toContain('deploy/facts/docker-compose.yml');
        expect(helped.status).toBe(serial.status);
        expect(helped.report).toBe(serial.report);
      }, 120_000);
    }

    it('scan() with the helper returns what it returns without, in the strict profile too', async () => {
      for (const profile of ['strict', 'default'] as const) {
        const before = stats.delivered;
        const helped = await scan({ cwd: roots.realistic!, profile, baseline: false });
        expect(stats.delivered).toBeGreaterThan(before); // the helper did the work
        const serial = await scan({ cwd: roots.realistic!, workers: 0, profile, baseline: false });
        expect(JSON.stringify(helped)).toBe(JSON.stringify(serial));
      }
    }, 120_000);

    it('a helper that dies costs time, never results: its files are done in the main thread', async () => {
      const preload = join(scratch, 'dying-helper.mjs');
      const python = pathToFileURL(join(repo, 'dist/src/frontends/python/index.js')).href;
      writeFileSync(
        preload,
        `import { pythonFrontend } from ${JSON.stringify(python)};\npythonFrontend.analyze = () => process.exit(4);\n`,
      );
      const started = stats.started;
      const helped = await scan({
        cwd: roots.realistic!,
        baseline: false,
        workerPreload: pathToFileURL(preload).href,
      });
      expect(stats.started).toBe(started + 1);
      const serial = await scan({ cwd: roots.realistic!, workers: 0, baseline: false });
      expect(JSON.stringify(helped)).toBe(JSON.stringify(serial));
      expect(helped.errors.filter((e) => e.kind === 'internal')).toEqual([]);
    }, 120_000);

    it('a front-end that throws in the helper gives the per-file internal errors a one-thread scan gives', async () => {
      const preload = join(scratch, 'throwing-helper.mjs');
      const yaml = pathToFileURL(join(repo, 'dist/src/frontends/yaml/index.js')).href;
      writeFileSync(
        preload,
        `import { yamlFrontend } from ${JSON.stringify(yaml)};\nyamlFrontend.analyze = () => { throw new Error('boom'); };\n`,
      );
      const helped = await scan({
        cwd: roots.realistic!,
        baseline: false,
        workerPreload: pathToFileURL(preload).href,
      });
      const internal = helped.errors.filter((e) => e.kind === 'internal');
      expect(internal.length).toBeGreaterThan(0);
      expect(
        internal.every(
          (e) =>
            e.file.endsWith('.yml') &&
            e.message === 'internal error in the yaml front-end; this file was not fully scanned',
        ),
      ).toBe(true);
      expect(JSON.stringify(helped.errors)).not.toContain('boom');
      const serial = await scan({ cwd: roots.realistic!, workers: 0, baseline: false });
      const failed = new Set(internal.map((e) => e.file));
      const keep = (r: { file: string }) => !failed.has(r.file);
      expect(helped.results.filter(keep)).toEqual(serial.results.filter(keep));
      expect(serial.results.some((r) => failed.has(r.file))).toBe(true); // the fault did hide findings
    }, 120_000);
  },
);

describe('workerCount', () => {
  it('takes the option, then SECURE_DB_WORKERS, else none (opt-in)', () => {
    expect(workerCount(0, { SECURE_DB_WORKERS: '3' })).toBe(0);
    expect(workerCount(undefined, { SECURE_DB_WORKERS: '2' })).toBe(2);
    expect(workerCount(undefined, { SECURE_DB_WORKERS: '0' })).toBe(0);
    expect(workerCount(undefined, { SECURE_DB_WORKERS: 'many' })).toBe(0);
    expect(workerCount(undefined, {})).toBe(0);
  });
});
