/**
 * A defect found by the long fuzz run (docs/reliability.md, "Fuzzing"): this 8.7 KB mutated
 * settings module (seed 20261203, Python input 9,962) makes tree-sitter's WebAssembly trap
 * ("memory access out of bounds" inside its malloc), and the instance stays corrupt. The
 * file is an internal error (a reader crash: exit 2, named); the parser is then loaded
 * again in a fresh instance, so every other Python file, in the same scan or a later one,
 * is scanned as usual.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scanner/scan.js';
import { decodeSource } from '../../src/scanner/read-source.js';

const input = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures/python-wasm-trap.json'), 'utf8'),
) as { relativePath: string; text: string };

const NEXT =
  "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.example.com'}}\n";

async function scanText(relativePath: string, text: string) {
  const file = { path: join('/nonexistent', relativePath), relativePath };
  return scan({
    cwd: '/nonexistent',
    baseline: false,
    source: {
      files: [file],
      read: () => [decodeSource(Buffer.from(text, 'utf8'), file.path, file.relativePath)],
    },
  });
}

describe('tree-sitter trapping on a fuzzed input', () => {
  it('the trapped file is an internal error; the next scan parses again', async () => {
    const trapped = await scanText(input.relativePath, input.text);
    expect(trapped.errors.map((e) => [e.file, e.kind, e.message])).toEqual([
      [
        input.relativePath,
        'internal',
        'Python parser: tree-sitter crashed on this file (memory access out of bounds); the file was not scanned',
      ],
    ]);
    const next = await scanText('settings.py', NEXT);
    expect(next.errors).toEqual([]);
    expect(next.results.map((r) => r.ruleId)).toEqual(['secure-db/require-ssl']);
  });

  it('in one scan, the files after it are scanned with a fresh parser', async () => {
    const root = mkdtempSync(join(tmpdir(), 'secure-db-trap-'));
    writeFileSync(join(root, 'a_settings.py'), NEXT);
    writeFileSync(join(root, 'b_trap.py'), input.text);
    writeFileSync(join(root, 'c_settings.py'), NEXT);
    const result = await scan({ cwd: root, baseline: false });
    expect(result.errors.map((e) => [e.file, e.kind])).toEqual([['b_trap.py', 'internal']]);
    expect(result.results.map((r) => `${r.file} ${r.ruleId}`)).toEqual([
      'a_settings.py secure-db/require-ssl',
      'c_settings.py secure-db/require-ssl',
    ]);
  });
});
