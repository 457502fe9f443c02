/**
 * An open defect found by the long fuzz run (docs/reliability.md, "Fuzzing"): this 8.7 KB
 * mutated settings module (seed 20261203, Python input 9,962) makes tree-sitter's
 * WebAssembly trap ("memory access out of bounds" inside its malloc), and the module stays
 * broken for the rest of the process: every later Python file is "Python parser
 * unavailable". The scan says so — an internal error per file, exit 2 — never a silent pass.
 *
 * `it.fails`: passes while the defect is there; once it is fixed, this fails, and becomes
 * an ordinary test. Its own file, so the broken parser stays in this test's process.
 */
import { readFileSync } from 'node:fs';
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
  it('is never silent: the next file gives its finding or an internal error', async () => {
    await scanText(input.relativePath, input.text);
    const next = await scanText('settings.py', NEXT);
    const found = next.results.map((r) => r.ruleId).includes('secure-db/require-ssl');
    const internal = next.errors.some((e) => e.kind === 'internal' && e.file === 'settings.py');
    expect(found || internal).toBe(true);
  });

  it.fails('parses it, and the next file, without an internal error', async () => {
    const trapped = await scanText(input.relativePath, input.text);
    expect(trapped.errors.filter((e) => e.kind === 'internal')).toEqual([]);
    const next = await scanText('settings.py', NEXT);
    expect(next.errors).toEqual([]);
    expect(next.results.map((r) => r.ruleId)).toEqual(['secure-db/require-ssl']);
  });
});
