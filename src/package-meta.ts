/**
 * The package's npm name and version, for the plugin's `meta` (ESLint uses them for `--cache`
 * and debugging) and the CLI's `--version` and report tool version.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function readPackageMeta(): { name: string; version: string } {
  // Walk up from this module: it runs from `src` in tests and `dist/src` when built.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'eslint-plugin-secure-db')
        return { name: pkg.name, version: pkg.version ?? '0.0.0' };
    } catch {
      // not here; keep walking
    }
    dir = dirname(dir);
  }
  return { name: 'eslint-plugin-secure-db', version: '0.0.0' };
}
