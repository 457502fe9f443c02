/**
 * What is written (docs/reliability.md): `--fix` writes through links that stay in the
 * project and refuses others, refuses hard-linked and read-only files with a reason, keeps
 * mode and owner; the baseline is replaced atomically (a full disk leaves the old one
 * whole); temporary files are `.secure-db-<random>.tmp`, removed on SIGTERM, and a
 * `kill -9` leaves nothing that pattern misses. Real files, real links, real processes.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  linkSync,
  lstatSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { afterAll, describe, expect, it } from 'vitest';
import { TEMP_FILE_PATTERN } from '../../src/fix/index.js';
import { fixProject } from '../../src/scanner/fix-project.js';
import { BIN, project, run } from '../cli/helpers.js';

const WEAK = 'DATABASE_URL=postgres://app@db.example.com/app?sslmode=disable\n';
const FIXED = 'DATABASE_URL=postgres://app@db.example.com/app?sslmode=verify-full\n';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});
function tree(files: Record<string, string>): string {
  const root = project(files);
  roots.push(root);
  return root;
}

const fix = (cwd: string) => fixProject({ cwd, mode: 'write', baseline: false });
const notFixed = (errors: { file: string; message: string }[]) =>
  Object.fromEntries(errors.map((e) => [e.file, e.message]));

describe('--fix', () => {
  it('writes through a link inside the project; the link stays a link', async () => {
    const root = tree({ 'real/db.env': WEAK });
    symlinkSync('real/db.env', join(root, 'link.env'));
    const out = await fix(root);
    expect(out.errors).toEqual([]);
    expect(lstatSync(join(root, 'link.env')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, 'real/db.env'), 'utf8')).toBe(FIXED);
  });

  it('refuses hard-linked and read-only files with a reason, and leaves them as they were', async () => {
    const root = tree({ 'a.env': WEAK, 'locked.env': WEAK });
    linkSync(join(root, 'a.env'), join(root, 'b.env'));
    chmodSync(join(root, 'locked.env'), 0o444);
    const out = await fix(root);
    expect(notFixed(out.errors)).toEqual({
      'a.env': 'not fixed: a.env has 2 hard links; replacing it would split them',
      'b.env': 'not fixed: b.env has 2 hard links; replacing it would split them',
      'locked.env': 'not fixed: locked.env is read-only',
    });
    expect(statSync(join(root, 'a.env')).ino).toBe(statSync(join(root, 'b.env')).ino);
    expect(readFileSync(join(root, 'a.env'), 'utf8')).toBe(WEAK);
    expect(readFileSync(join(root, 'locked.env'), 'utf8')).toBe(WEAK);
    expect(statSync(join(root, 'locked.env')).mode & 0o777).toBe(0o444);
  });

  it('keeps the mode (and, where it may, the owner)', async () => {
    const root = tree({ 'private.env': WEAK });
    const file = join(root, 'private.env');
    chmodSync(file, 0o640);
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(file, 4321, 4322);
    const out = await fix(root);
    const stat = statSync(file);
    expect(readFileSync(file, 'utf8')).toBe(FIXED);
    expect(out.errors).toEqual([]);
    expect(stat.mode & 0o7777).toBe(0o640);
    if (asRoot) expect([stat.uid, stat.gid]).toEqual([4321, 4322]);
  });
});

/** Many fixable files, so a signal lands during the writes. */
function manyFixable(count: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`svc${String(i).padStart(3, '0')}/.env`] = WEAK;
  return tree(files);
}

/** Every file under `root` (relative paths), but the originals. */
function strays(root: string, count: number): string[] {
  const out: string[] = [];
  for (const dir of readdirSync(root)) {
    const entries = readdirSync(join(root, dir));
    for (const name of entries) if (name !== '.env') out.push(`${dir}/${name}`);
    if (entries.length === 0) out.push(`${dir}/`);
  }
  expect(readdirSync(root)).toHaveLength(count);
  return out;
}

/**
 * Spawns `--fix` and sends `signal` `afterMs` after the first file was written (polled, so
 * the signal lands during the writes however loaded the machine); resolves when the
 * process is gone, with how many files were fixed by then.
 */
function fixAndSignal(root: string, signal: NodeJS.Signals, afterMs: number): Promise<void> {
  const first = join(root, 'svc000/.env');
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, 'scan', '--fix'], {
      cwd: root,
      stdio: 'ignore',
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    });
    const poll = setInterval(() => {
      if (!readFileSync(first, 'utf8').includes('verify-full')) return;
      clearInterval(poll);
      setTimeout(() => child.kill(signal), afterMs);
    }, 1);
    child.on('exit', () => {
      clearInterval(poll);
      done();
    });
  });
}

describe('temporary files', () => {
  const isTemp = picomatch(TEMP_FILE_PATTERN, { dot: true });

  it('a kill -9 leaves only files the documented pattern ignores, and no half-written file', async () => {
    const COUNT = 120;
    for (const delay of [0, 0, 1, 2, 5, 10]) {
      const root = manyFixable(COUNT);
      await fixAndSignal(root, 'SIGKILL', delay);
      for (const stray of strays(root, COUNT)) expect(isTemp(stray.split('/').pop()!)).toBe(true);
      for (let i = 0; i < COUNT; i++) {
        const text = readFileSync(join(root, `svc${String(i).padStart(3, '0')}/.env`), 'utf8');
        expect([WEAK, FIXED]).toContain(text);
      }
      // The scanner reads no leftover either.
      const scanned = run(root, ['scan', '--format', 'json']);
      expect(
        (JSON.parse(scanned.stdout) as { results: { file: string }[] }).results.every((r) =>
          r.file.endsWith('/.env'),
        ),
      ).toBe(true);
    }
  }, 120_000);

  it('SIGTERM during the writes leaves no temporary file at all', async () => {
    const COUNT = 120;
    for (const delay of [0, 0, 1, 2, 5]) {
      const root = manyFixable(COUNT);
      await fixAndSignal(root, 'SIGTERM', delay);
      expect(strays(root, COUNT)).toEqual([]);
    }
  }, 120_000);
});

describe('the baseline', () => {
  it('on a full disk, the old baseline stays whole', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`service-with-a-long-name-${i}/.env`] = WEAK;
    const root = tree(files);
    const old =
      '{\n  "service-with-a-long-name-0/.env": {\n    "secure-db/require-ssl": {\n      "count": 1\n    }\n  }\n}\n';
    writeFileSync(join(root, 'secure-db-baseline.json'), old);
    // A 1 KB file size limit: the new baseline (about 4 KB) cannot be written, as on a full disk.
    const out = spawnSync(
      'bash',
      [
        '-c',
        `trap '' XFSZ; ulimit -f 1; exec "${process.execPath}" "${BIN}" scan --update-baseline`,
      ],
      { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } },
    );
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/cannot write the baseline file .*\(EFBIG\)/);
    expect(readFileSync(join(root, 'secure-db-baseline.json'), 'utf8')).toBe(old);
    expect(readdirSync(root).filter((name) => isTempName(name))).toEqual([]);
  });
});

const isTempName = picomatch(TEMP_FILE_PATTERN, { dot: true });
