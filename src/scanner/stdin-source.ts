/**
 * `secure-db scan --stdin --stdin-filename <path>`: one file's bytes from an editor, as a
 * `SourceProvider`. The name decides the front-ends (file type) and the environment, as a
 * file of that name on disk would; the disk is not read for it.
 */
import { relative, resolve } from 'node:path';
import { isIgnoredBy } from './discover.js';
import { decodeSource, MAX_FILE_BYTES, sizeBudgetDiagnostic } from './read-source.js';
import type { SourceProvider } from './scan.js';

export interface StdinSource {
  /** Undefined when the name is ignored (built-in or configured ignores). */
  source: SourceProvider | undefined;
  relativePath: string;
}

export function stdinSource(
  cwd: string,
  filename: string,
  bytes: Uint8Array,
  ignores: readonly string[],
): StdinSource {
  const path = resolve(cwd, filename);
  const relativePath = relative(cwd, path).replaceAll('\\', '/');
  if (isIgnoredBy(ignores)(relativePath)) return { source: undefined, relativePath };
  const file = { path, relativePath };
  return {
    relativePath,
    source: {
      files: [file],
      read: (_files, maxBytes = MAX_FILE_BYTES) => [
        bytes.length > maxBytes
          ? { kind: 'skipped', diagnostic: sizeBudgetDiagnostic(relativePath, maxBytes) }
          : decodeSource(bytes, path, relativePath),
      ],
    },
  };
}
