/**
 * `--fix` converges in one run (issue 8, POLICY "Fixes"): after it, nothing auto-fixable is
 * left, and a second `--fix` changes no byte. Checked on every front-end's fixtures, on
 * `examples/`, and on one tree holding all of them together (cross-file facts and env-var
 * consumers then come from other front-ends' files).
 */
import {
  cpSync,
  mkdtempSync,
  writeFileSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAutoFixable } from '../../src/fix/index.js';
import { fixProject } from '../../src/scanner/fix-project.js';
import { scan } from '../../src/scanner/scan.js';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'frontends', 'fixtures');
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function copyOf(sources: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'secure-db-converge-'));
  made.push(dir);
  for (const [to, from] of Object.entries(sources))
    cpSync(from, join(dir, to), { recursive: true });
  return dir;
}

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

async function fixableLeft(cwd: string): Promise<string[]> {
  const result = await scan({ cwd, keepSources: true, baseline: false });
  const left: string[] = [];
  for (const [file, { findings }] of result.sources ?? [])
    for (const f of findings.filter(isAutoFixable)) left.push(`${file}: ${f.messageId}`);
  return left;
}

async function expectConverges(dir: string): Promise<number> {
  const first = await fixProject({ cwd: dir, mode: 'write', baseline: false });
  expect(first.errors).toEqual([]);
  expect(await fixableLeft(dir), 'nothing auto-fixable is left after one --fix').toEqual([]);
  const after = snapshot(dir);
  const second = await fixProject({ cwd: dir, mode: 'write', baseline: false });
  expect(second.applied, 'a second --fix applies nothing').toBe(0);
  expect(snapshot(dir), 'a second --fix changes no byte').toEqual(after);
  return first.applied;
}

/** `minVersion`'s new value ends where mysql2's `verifyIdentity` goes in. */
const ADJACENT =
  "const mysql = require('mysql2');\nexport const conn = mysql.createConnection({ host: 'db.example.com', ssl: { rejectUnauthorized: false, minVersion: 'TLSv1.1'} });\n";

const frontendDirs = readdirSync(fixtures).filter((d) => statSync(join(fixtures, d)).isDirectory());

describe('--fix converges in one run', () => {
  it.each(frontendDirs)('on the %s fixtures', async (name) => {
    const dir = copyOf({ [name]: join(fixtures, name) });
    await expectConverges(dir);
  });

  // Run where `npm run example` runs it: under an `examples/` directory they are example files.
  it('on examples/', async () => {
    const dir = copyOf({ '.': join(root, 'examples') });
    expect(await expectConverges(dir)).toBeGreaterThan(0);
  });

  it('on one tree of every fixture and the examples together', async () => {
    const dir = copyOf({
      ...Object.fromEntries(frontendDirs.map((d) => [d, join(fixtures, d)])),
      app: join(root, 'examples'),
    });
    expect(await expectConverges(dir)).toBeGreaterThan(10);
  });

  it('a fix that touches another waits for the next round of the same run', async () => {
    // `minVersion`'s new value ends where mysql2's `verifyIdentity` goes in: two findings,
    // adjacent edits, so one round could apply only one of them.
    const dir = mkdtempSync(join(tmpdir(), 'secure-db-converge-'));
    made.push(dir);
    writeFileSync(join(dir, 'db.js'), ADJACENT);
    expect(await expectConverges(dir)).toBe(2);
    expect(readFileSync(join(dir, 'db.js'), 'utf8')).toContain(
      "ssl: { rejectUnauthorized: true, minVersion: 'TLSv1.2', verifyIdentity: true}",
    );
  });

  it('a dry run shows the converged result: applying it leaves the same files as --fix', async () => {
    const a = copyOf({ '.': join(root, 'examples') });
    const b = copyOf({ '.': join(root, 'examples') });
    for (const d of [a, b]) writeFileSync(join(d, 'adjacent.js'), ADJACENT);
    const dry = await fixProject({ cwd: a, mode: 'dry-run', baseline: false });
    const written = await fixProject({ cwd: b, mode: 'write', baseline: false });
    expect(dry.applied).toBeGreaterThan(0);
    expect(dry.applied).toBe(written.applied);
    expect(dry.files).toEqual(written.files);
    expect(dry.diff).toContain(
      "+export const conn = mysql.createConnection({ host: 'db.example.com', ssl: { rejectUnauthorized: true, minVersion: 'TLSv1.2', verifyIdentity: true} });",
    );
    const untouched = copyOf({ '.': join(root, 'examples') });
    writeFileSync(join(untouched, 'adjacent.js'), ADJACENT);
    expect(snapshot(a), 'a dry run writes nothing').toEqual(snapshot(untouched));
  });
});
