/**
 * Safe reading of one input file. Nothing here ever puts file content into a diagnostic:
 * messages name the problem (an errno code, a size), never the bytes.
 *
 * - unreadable (permissions, vanished, a directory): diagnostic, the scan goes on;
 * - larger than `MAX_FILE_BYTES` (10 MB): diagnostic "skipped: larger than 10 MB";
 * - binary (a NUL byte in the first 8 KB, git's heuristic): diagnostic "skipped: binary
 *   file". Discovery only hands us files whose *name* a front-end reads (`.env`, `*.ts`),
 *   so a binary one is unexpected and worth a line rather than silence;
 * - invalid UTF-8: decoded with U+FFFD replacement characters and a diagnostic (findings
 *   are still reported; the fix engine must not write such a file back);
 * - a UTF-8 byte order mark is stripped (`bom: true`) and the dominant line ending is
 *   remembered for fixes.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { Diagnostic, LineEnding, ReadSourceFile } from '../frontends/types.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const BINARY_PROBE_BYTES = 8 * 1024;

export type ReadOutcome =
  | { kind: 'ok'; source: ReadSourceFile; diagnostic?: Diagnostic }
  | { kind: 'skipped'; diagnostic: Diagnostic };

export interface ReadOptions {
  maxBytes?: number;
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'unreadable: permission denied';
    case 'ENOENT':
      return 'unreadable: the file disappeared during the scan';
    case 'EISDIR':
      return 'unreadable: a directory, not a file';
    case 'ELOOP':
      return 'unreadable: too many levels of symbolic links';
    default:
      return `unreadable: ${code ?? 'I/O error'}`;
  }
}

function formatSize(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}

export function detectLineEnding(text: string): LineEnding {
  const i = text.search(/[\r\n]/);
  if (i < 0) return '\n';
  if (text[i] === '\n') return '\n';
  return text[i + 1] === '\n' ? '\r\n' : '\r';
}

const fatalDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Decodes bytes already in memory (exported for tests and for the git-index reader). */
export function decodeSource(bytes: Uint8Array, path: string, relativePath: string): ReadOutcome {
  const nul = bytes.indexOf(0);
  if (nul !== -1 && nul < BINARY_PROBE_BYTES) {
    return {
      kind: 'skipped',
      diagnostic: {
        file: relativePath,
        message: 'skipped: binary file (a NUL byte in the first 8 KB)',
      },
    };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  let text: string;
  let replaced = false;
  try {
    text = fatalDecoder.decode(body);
  } catch {
    text = lenientDecoder.decode(body);
    replaced = true;
  }
  const source: ReadSourceFile = {
    path,
    relativePath,
    text,
    bom,
    lineEnding: detectLineEnding(text),
    replacedInvalidUtf8: replaced,
  };
  return replaced
    ? {
        kind: 'ok',
        source,
        diagnostic: {
          file: relativePath,
          message:
            'invalid UTF-8: decoded with replacement characters; fixes are not written to this file',
        },
      }
    : { kind: 'ok', source };
}

/**
 * One buffer for every read (the text is decoded out of it), not one per file: thousands
 * of short-lived buffers cost more in garbage collection than the reads themselves.
 */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * The whole file through the scratch buffer; undefined when it holds more than `maxBytes`.
 * No `fstat`: a read that returns less than it was offered is the end of a regular file
 * (as for `fs.readFileSync`), so a small file costs one `read`; a file larger than
 * `maxBytes` is known after `maxBytes + 1` bytes.
 */
function readAll(fd: number, maxBytes: number): Uint8Array | undefined {
  let total = 0;
  for (;;) {
    if (total === scratch.length) {
      if (total > maxBytes) return undefined;
      const bigger = Buffer.allocUnsafe(Math.min(scratch.length * 2, maxBytes + 1));
      scratch.copy(bigger, 0, 0, total);
      scratch = bigger;
    }
    const offered = scratch.length - total;
    const n = readSync(fd, scratch, total, offered, null);
    total += n;
    if (n < offered) break;
  }
  return total > maxBytes ? undefined : scratch.subarray(0, total);
}

/**
 * Synchronous on purpose: for thousands of small files, sync reads cost a fraction of the
 * promise-based ones (no per-file handle objects, no event-loop round trips).
 */
export function readSourceSync(
  path: string,
  relativePath: string,
  options: ReadOptions = {},
): ReadOutcome {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    return { kind: 'skipped', diagnostic: { file: relativePath, message: describeError(error) } };
  }
  try {
    // A directory opens, and its first read fails with EISDIR (reported below).
    const bytes = readAll(fd, maxBytes);
    if (!bytes)
      return {
        kind: 'skipped',
        diagnostic: { file: relativePath, message: `skipped: larger than ${formatSize(maxBytes)}` },
      };
    return decodeSource(bytes, path, relativePath);
  } catch (error) {
    return { kind: 'skipped', diagnostic: { file: relativePath, message: describeError(error) } };
  } finally {
    closeSync(fd);
  }
}

/** `readSourceSync` as a promise, for the public API; it never rejects (problems are outcomes). */
export function readSource(
  path: string,
  relativePath: string,
  options: ReadOptions = {},
): Promise<ReadOutcome> {
  return Promise.resolve(readSourceSync(path, relativePath, options));
}
