import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeSource,
  detectLineEnding,
  fileHoldsAny,
  readSource,
} from '../../src/scanner/read-source.js';

const dir = mkdtempSync(join(tmpdir(), 'secure-db-read-'));

describe('readSource', () => {
  it('strips and remembers a BOM and the line ending', async () => {
    writeFileSync(
      join(dir, 'bom.js'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a\r\nb\r\n')]),
    );
    const out = await readSource(join(dir, 'bom.js'), 'bom.js');
    expect(out.kind).toBe('ok');
    if (out.kind !== 'ok') return;
    expect(out.source.bom).toBe(true);
    expect(out.source.text).toBe('a\r\nb\r\n');
    expect(out.source.lineEnding).toBe('\r\n');
    expect(out.diagnostic).toBeUndefined();
  });

  it('skips binary files with a diagnostic', () => {
    const out = decodeSource(new Uint8Array([0x61, 0, 0x62]), '/x/a.js', 'a.js');
    expect(out).toMatchObject({ kind: 'skipped', diagnostic: { file: 'a.js' } });
    expect(out.diagnostic?.message).toMatch(/binary/);
  });

  it('decodes invalid UTF-8 with replacement and says so', () => {
    const out = decodeSource(new Uint8Array([0x61, 0xff, 0x62]), '/x/a.js', 'a.js');
    expect(out.kind).toBe('ok');
    if (out.kind !== 'ok') return;
    expect(out.source.text).toBe('a\uFFFDb');
    expect(out.source.replacedInvalidUtf8).toBe(true);
    expect(out.diagnostic?.message).toMatch(/invalid UTF-8/);
  });

  it('skips files over the size limit, and keeps one exactly at it', async () => {
    writeFileSync(join(dir, 'big.js'), 'x'.repeat(2048));
    const out = await readSource(join(dir, 'big.js'), 'big.js', { maxBytes: 1024 });
    expect(out).toEqual({
      kind: 'skipped',
      diagnostic: {
        file: 'big.js',
        kind: 'budget',
        message:
          'not scanned: larger than the size budget of 1 KB per file (raise it with --max-file-size or "maxFileSize")',
      },
    });
    writeFileSync(join(dir, 'edge.js'), 'y'.repeat(1024));
    const edge = await readSource(join(dir, 'edge.js'), 'edge.js', { maxBytes: 1024 });
    expect(edge.kind === 'ok' && edge.source.text.length).toBe(1024);
    // Larger than the read buffer, and far larger than the limit: never read whole.
    writeFileSync(join(dir, 'huge.js'), 'z'.repeat(3 * 1024 * 1024));
    expect((await readSource(join(dir, 'huge.js'), 'huge.js', { maxBytes: 100_000 })).kind).toBe(
      'skipped',
    );
  });

  it('reads files of every size whole, across buffer boundaries', async () => {
    for (const size of [0, 1, 65_535, 65_536, 65_537, 131_072, 1_000_003]) {
      const text = Array.from({ length: size }, (_, i) => String.fromCharCode(97 + (i % 26))).join(
        '',
      );
      writeFileSync(join(dir, `s${size}.js`), text);
      const out = await readSource(join(dir, `s${size}.js`), `s${size}.js`);
      expect(out.kind === 'ok' && out.source.text).toBe(text);
    }
  });

  it('turns unreadable paths into diagnostics', async () => {
    mkdirSync(join(dir, 'a-dir.js'), { recursive: true });
    expect(await readSource(join(dir, 'a-dir.js'), 'a-dir.js')).toEqual({
      kind: 'skipped',
      diagnostic: { file: 'a-dir.js', message: 'unreadable: a directory, not a file' },
    });
    const gone = await readSource(join(dir, 'missing.js'), 'missing.js');
    expect(gone).toMatchObject({ kind: 'skipped', diagnostic: { file: 'missing.js' } });
    expect(gone.diagnostic?.message).toMatch(/^unreadable/);
  });

  it('detects line endings', () => {
    expect(detectLineEnding('a\nb')).toBe('\n');
    expect(detectLineEnding('a\r\nb')).toBe('\r\n');
    expect(detectLineEnding('a\rb')).toBe('\r');
    expect(detectLineEnding('ab')).toBe('\n');
  });
});

describe('fileHoldsAny (the byte prefilter of a partial scan)', () => {
  const words = ['DATABASE_URL', 'env.db('].map((w) => Buffer.from(w, 'latin1'));

  it('finds an ASCII word wherever the decoded text has it', () => {
    writeFileSync(join(dir, 'reader.js'), 'const url = process.env.DATABASE_URL;\n');
    // Invalid UTF-8 and a BOM around the word: decoding keeps ASCII bytes as they are.
    writeFileSync(
      join(dir, 'odd.py'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xff]), Buffer.from('x = env.db()\n')]),
    );
    writeFileSync(join(dir, 'plain.js'), 'export const answer = 42;\n');
    // Past the scratch buffer's first 64 KB.
    writeFileSync(
      join(dir, 'late.js'),
      `${'// filler\n'.repeat(10_000)}process.env.DATABASE_URL\n`,
    );
    expect(fileHoldsAny(join(dir, 'reader.js'), words, 1024)).toBe(true);
    expect(fileHoldsAny(join(dir, 'odd.py'), words, 1024)).toBe(true);
    expect(fileHoldsAny(join(dir, 'plain.js'), words, 1024)).toBe(false);
    expect(fileHoldsAny(join(dir, 'late.js'), words, 1024 * 1024)).toBe(true);
  });

  it('is false, without blocking or throwing, for what readSource refuses', () => {
    writeFileSync(join(dir, 'large.js'), `process.env.DATABASE_URL\n${'x'.repeat(4096)}`);
    mkdirSync(join(dir, 'a-directory.js'), { recursive: true });
    expect(fileHoldsAny(join(dir, 'large.js'), words, 1024)).toBe(false);
    expect(fileHoldsAny(join(dir, 'a-directory.js'), words, 1024)).toBe(false);
    expect(fileHoldsAny(join(dir, 'missing.js'), words, 1024)).toBe(false);
    // A FIFO with no writer: an ordinary open would wait forever.
    const fifo = join(dir, 'pipe.js');
    if (spawnSync('mkfifo', [fifo]).status === 0)
      expect(fileHoldsAny(fifo, words, 1024)).toBe(false);
  });
});
