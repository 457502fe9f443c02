/**
 * File names that are not valid UTF-8 (docs/reliability.md, "File names are data"): real
 * files created through Buffer paths are scanned, and named exactly in every format —
 * `\xff` in terminal output with a note, the lone surrogate U+DCFF in JSON (as Python's
 * `surrogateescape` reads it back), the percent-encoded bytes in SARIF. Before, Node's
 * lossy decoding (`bad\ufffd.env`) named a file that does not exist: "the file disappeared".
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeFileName, encodeFileName, hasEscapedBytes } from '../../src/report/file-names.js';
import { jsonReport, project, run, sarifLog } from '../cli/helpers.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const WEAK = 'DATABASE_URL=postgres://app@db.example.com/app?sslmode=disable\n';
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

/** `bad\xff\xfe.env` and `dir\xe9/x.env` (Latin-1 `é`), each with one finding. */
function nonUtf8Project(): string {
  const root = project({});
  roots.push(root);
  writeFileSync(bytes(root, '/bad', [0xff, 0xfe], '.env'), WEAK);
  mkdirSync(bytes(root, '/dir', [0xe9]));
  writeFileSync(bytes(root, '/dir', [0xe9], '/x.env'), WEAK);
  return root;
}

const BAD = 'bad\udcff\udcfe.env';
const IN_DIR = 'dir\udce9/x.env';

describe('file names that are not UTF-8', () => {
  it('are scanned, in a directory walk and through a directory so named', () => {
    const root = nonUtf8Project();
    const out = run(root, ['scan', '-f', 'json']);
    expect(out.code).toBe(1);
    const report = jsonReport(out.stdout);
    expect(report.errors).toEqual([]);
    expect(report.results.map((r) => r.file)).toEqual([BAD, IN_DIR]);
    // JSON spells the escaped bytes as lone surrogates: exact and reversible.
    expect(out.stdout).toContain('"file": "bad\\udcff\\udcfe.env"');
    expect(encodeFileName(BAD)).toEqual(bytes('bad', [0xff, 0xfe], '.env'));
  });

  it('stylish and GitHub show the bytes as \\xNN, with a note; SARIF percent-encodes them', () => {
    const root = nonUtf8Project();
    const stylish = run(root, ['scan']).stdout;
    expect(stylish).toContain('\nbad\\xff\\xfe.env\n');
    expect(stylish).toContain('\ndir\\xe9/x.env\n');
    expect(stylish).toContain('A file name that is not valid UTF-8 shows each such byte as \\xNN.');
    expect(stylish).not.toContain('\ufffd');
    const github = run(root, ['scan', '-f', 'github']).stdout;
    expect(github).toContain('::error file=bad\\xff\\xfe.env,line=1');
    const sarif = sarifLog(run(root, ['scan', '-f', 'sarif']).stdout);
    const uris = sarif.runs[0]!.results.map(
      (r) => r.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    expect(uris).toEqual(['bad%FF%FE.env', 'dir%E9/x.env']);
  });

  it('glob arguments reach them, through a directory so named too', () => {
    const root = nonUtf8Project();
    const out = run(root, ['scan', '-f', 'json', 'b*.env', 'dir*/*.env']);
    expect(out.code).toBe(1);
    expect(jsonReport(out.stdout).results.map((r) => r.file)).toEqual([BAD, IN_DIR]);
    const everything = run(root, ['scan', '-f', 'json', '**/*.env']);
    expect(jsonReport(everything.stdout).results.map((r) => r.file)).toEqual([BAD, IN_DIR]);
  });

  it('is not confused with the name Node would decode it to (U+FFFD)', () => {
    const root = project({ 'bad\ufffd.env': 'PGSSLMODE=verify-full\n' });
    roots.push(root);
    writeFileSync(bytes(root, '/bad', [0xff], '.env'), WEAK);
    const report = jsonReport(run(root, ['scan', '-f', 'json']).stdout);
    expect(report.results.map((r) => r.file)).toEqual(['bad\udcff.env']);
    expect(report.errors).toEqual([]);
  });

  it('the baseline keeps the exact name', () => {
    const root = nonUtf8Project();
    expect(run(root, ['scan', '--update-baseline']).code).toBe(0);
    expect(readFileSync(join(root, 'secure-db-baseline.json'), 'utf8')).toContain(
      '"bad\\udcff\\udcfe.env"',
    );
    expect(run(root, ['scan']).code).toBe(0);
  });

  it('--fix refuses them with a reason, and writes no file', () => {
    const root = nonUtf8Project();
    const before = readdirSync(root, { encoding: 'buffer' }).map(String).sort();
    const out = run(root, ['scan', '--fix', '-f', 'json']);
    expect(out.code).toBe(1);
    expect(jsonReport(out.stdout).errors).toContainEqual({
      file: BAD,
      message:
        'not fixed: the file name is not valid UTF-8 (fixes are written to such files by hand)',
    });
    expect(readdirSync(root, { encoding: 'buffer' }).map(String).sort()).toEqual(before);
    expect(readFileSync(bytes(root, '/bad', [0xff, 0xfe], '.env'), 'utf8')).toBe(WEAK);
    expect(existsSync(join(root, 'bad\ufffd\ufffd.env'))).toBe(false);
  });
});

describe('decodeFileName / encodeFileName', () => {
  it.each([
    ['valid UTF-8', [0x63, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], 'cé€😀'],
    ['a lone byte', [0x61, 0xff, 0x62], 'a\udcffb'],
    ['a truncated sequence', [0x61, 0xe2, 0x82], 'a\udce2\udc82'],
    ['an overlong slash', [0xc0, 0xaf], '\udcc0\udcaf'],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], '\udced\udca0\udc80'],
    ['a leading byte order mark', [0xef, 0xbb, 0xbf, 0x78, 0xff], '\ufeffx\udcff'],
  ])('%s round-trips', (_what, input, decoded) => {
    const name = decodeFileName(Buffer.from(input));
    expect(name).toBe(decoded);
    expect(encodeFileName(name)).toEqual(Buffer.from(input));
  });

  it('tells escaped bytes from a valid pair holding the same code unit', () => {
    // U+10080 is the pair D800 DC80: a valid character, not an escaped byte.
    expect(hasEscapedBytes('\ud800\udc80')).toBe(false);
    expect(hasEscapedBytes('\udc80')).toBe(true);
  });
});
