/**
 * Issue 12: 200,000 ignore patterns exhausted Node's heap (exit 134): picomatch compiles
 * every pattern into a regular expression. Plain paths and `dir/**` are now a set, looked
 * up once per path segment; real globs are limited, with a clear error past the limit.
 */
import { describe, expect, it } from 'vitest';
import { IgnorePatternsError, MAX_IGNORE_GLOBS } from '../../src/scanner/discover.js';
import { scan } from '../../src/scanner/scan.js';
import { project, run } from '../cli/helpers.js';

const SECRET_ENV = 'DB_PASSWORD=Zq8#ignored-pass-4411\n';

describe('ignore patterns at scale', () => {
  const root = project({ 'kept/.env': SECRET_ENV, 'x7/.env': SECRET_ENV, 'y/z/.env': SECRET_ENV });

  it('200,000 plain and directory patterns are applied', async () => {
    const ignores = Array.from({ length: 200_000 }, (_, i) =>
      i % 2 === 0 ? `x${i + 1}/**` : `y${i}/`,
    );
    ignores.push('y/z');
    const result = await scan({ cwd: root, baseline: false, ignores });
    expect(result.files).toEqual(['kept/.env']);
  });

  it('globs are limited, with an error that says so', async () => {
    const globs = Array.from({ length: MAX_IGNORE_GLOBS + 1 }, (_, i) => `g${i}/*.env`);
    await expect(scan({ cwd: root, baseline: false, ignores: globs })).rejects.toThrow(
      IgnorePatternsError,
    );
    const within = await scan({
      cwd: root,
      baseline: false,
      ignores: [...globs.slice(2), 'x*/**'],
    });
    expect(within.files).toEqual(['kept/.env', 'y/z/.env']);
  });

  it('the CLI exits 2 with the limit named, not a crash', () => {
    const cli = project({
      '.env': SECRET_ENV,
      'package.json': JSON.stringify({
        'secure-db': { ignores: Array.from({ length: 20_000 }, (_, i) => `d${i}/*.js`) },
      }),
    });
    const out = run(cli, ['scan', '.']);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      'secure-db: 20000 ignore glob patterns; at most 10000 are read (plain paths and `dir/**` are not limited)\n',
    );
  });
});
