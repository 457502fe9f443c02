/**
 * Safe reading of one input file. Nothing here ever puts file content into a diagnostic:
 * messages name the problem (an errno code, a size), never the bytes.
 *
 * - only regular files are read: the file is opened with `O_NONBLOCK` (a FIFO with no
 *   writer cannot block the open) and its descriptor `fstat`ed; a FIFO, socket, device or
 *   directory is a diagnostic "skipped: not a regular file (…)", never read;
 * - unreadable (permissions, vanished): diagnostic, the scan goes on;
 * - larger than the size budget (`maxBytes`, default `MAX_FILE_BYTES`, 10 MB): a `budget`
 *   diagnostic (the scan exits 2: an unscanned file must not pass a gate), known from
 *   `fstat` before any byte is read, and the read itself never goes past the cap (a file
 *   that grows meanwhile is skipped the same way);
 * - binary (a NUL byte in the first 8 KB, git's heuristic): diagnostic "skipped: binary
 *   file". Discovery only hands us files whose *name* a front-end reads (`.env`, `*.ts`),
 *   so a binary one is unexpected and worth a line rather than silence;
 * - invalid UTF-8: decoded with U+FFFD replacement characters and a diagnostic (findings
 *   are still reported; the fix engine must not write such a file back);
 * - a UTF-8 byte order mark is stripped (`bom: true`) and the dominant line ending is
 *   remembered for fixes.
 *
 * Config files (ignore files, package.json, the baseline, eslint-suppressions.json,
 * `--config`) go through `readConfigText`: the same open, checks and cap, plus the symbolic
 * link rule (never out of the project root).
 */
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readSync,
  realpathSync,
  type Stats,
} from 'node:fs';
import { sep } from 'node:path';
import { decodeFileName, fileSystemPath, hasEscapedBytes } from '../report/file-names.js';
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
    case 'ENXIO':
      return 'skipped: not a regular file (a socket)';
    default:
      return `unreadable: ${code ?? 'I/O error'}`;
  }
}

/** `10 MB`, `64 KB`, `1000 bytes`: as `--max-file-size` spells it back. */
function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/**
 * The diagnostic of a file over the size budget: it names the limit and how to raise it.
 * Its kind is `budget`, so the scan exits 2 (docs/cli.md, "Exit codes").
 */
export function sizeBudgetDiagnostic(relativePath: string, maxBytes: number): Diagnostic {
  return {
    file: relativePath,
    kind: 'budget',
    message: `not scanned: larger than the size budget of ${formatSize(maxBytes)} per file (raise it with --max-file-size or "maxFileSize")`,
  };
}

export function detectLineEnding(text: string): LineEnding {
  const i = text.search(/[\r\n]/);
  if (i < 0) return '\n';
  if (text[i] === '\n') return '\n';
  return text[i + 1] === '\n' ? '\r\n' : '\r';
}

const fatalDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
/** Config files are parsed, never written back: their BOM is simply dropped. */
const configDecoder = new TextDecoder('utf-8', { fatal: false });

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
  // A file with CR-only line endings (classic Mac) is read with LF in their place: the same
  // length, so every offset holds, and every front-end's line handling applies. Fixes write
  // the CRs back (src/fix/index.ts).
  const crOnly = text.includes('\r') && !text.includes('\n');
  if (crOnly) text = text.replaceAll('\r', '\n');
  const source: ReadSourceFile = {
    path,
    relativePath,
    text,
    bom,
    lineEnding: crOnly ? '\r' : detectLineEnding(text),
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
 * A read that returns less than it was offered is the end of a regular file (as for
 * `fs.readFileSync`), so a small file costs one `read`; a file that grew past `maxBytes`
 * since its `fstat` is known after `maxBytes + 1` bytes, never more.
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

/** Read-only, and a FIFO without a writer neither blocks the open nor becomes our terminal. */
// Windows has neither flag, which @types/node does not say.
const { O_NONBLOCK, O_NOCTTY } = constants as Partial<typeof constants>;
const OPEN_FLAGS = constants.O_RDONLY | (O_NONBLOCK ?? 0) | (O_NOCTTY ?? 0);

/** What a non-regular file is, in a diagnostic's words. */
function describeSpecialFile(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'a special file';
}

type BytesOutcome =
  | { kind: 'ok'; bytes: Uint8Array }
  | { kind: 'refused'; reason: string; errno?: string; tooLarge?: true };

/**
 * The bytes of a regular file, at most `maxBytes` of them. The returned view is the shared
 * scratch buffer: decode or copy it before the next read.
 */
function readRegularFile(path: string, maxBytes: number): BytesOutcome {
  let fd: number;
  try {
    fd = openSync(fileSystemPath(path), OPEN_FLAGS);
  } catch (error) {
    return { kind: 'refused', reason: describeError(error), errno: errnoOf(error) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile())
      return {
        kind: 'refused',
        reason: stat.isDirectory()
          ? 'unreadable: a directory, not a file'
          : `skipped: not a regular file (${describeSpecialFile(stat)})`,
      };
    const tooLarge = {
      kind: 'refused',
      reason: `skipped: larger than ${formatSize(maxBytes)}`,
      tooLarge: true,
    } as const;
    if (stat.size > maxBytes) return tooLarge;
    const bytes = readAll(fd, maxBytes);
    return bytes ? { kind: 'ok', bytes } : tooLarge;
  } catch (error) {
    return { kind: 'refused', reason: describeError(error), errno: errnoOf(error) };
  } finally {
    closeSync(fd);
  }
}

const errnoOf = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/**
 * Whether a file's bytes hold one of `needles` (ASCII words): a prefilter where many files
 * are read for the few that name something (a partial scan's search for the readers of a
 * URL variable). No `fstat` and no decoding, which are most of a small file's read: the
 * open never blocks (O_NONBLOCK, O_NOCTTY), a directory fails and a FIFO reads nothing, and
 * the read stops past `maxBytes`. A file that matches is then read by `readSourceSync`,
 * under every rule of scanned files. An ASCII word is found in the bytes exactly when the
 * decoded text holds it: decoding never joins or splits ASCII bytes.
 */
export function fileHoldsAny(path: string, needles: readonly Buffer[], maxBytes: number): boolean {
  let fd: number;
  try {
    fd = openSync(fileSystemPath(path), OPEN_FLAGS);
  } catch {
    return false;
  }
  try {
    const bytes = readAll(fd, maxBytes);
    if (!bytes) return false;
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return needles.some((needle) => view.includes(needle));
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
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
  const read = readRegularFile(path, maxBytes);
  if (read.kind === 'refused')
    return {
      kind: 'skipped',
      diagnostic: read.tooLarge
        ? sizeBudgetDiagnostic(relativePath, maxBytes)
        : { file: relativePath, message: read.reason },
    };
  return decodeSource(read.bytes, path, relativePath);
}

/** `readSourceSync` as a promise, for the public API; it never rejects (problems are outcomes). */
export function readSource(
  path: string,
  relativePath: string,
  options: ReadOptions = {},
): Promise<ReadOutcome> {
  return Promise.resolve(readSourceSync(path, relativePath, options));
}

/** Whether `path` (already real: no links) is `root` or below it. */
export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The real path of `path`, or undefined when it does not resolve (dangling, vanished). */
export function realPathOf(path: string): string | undefined {
  try {
    // A name that is not UTF-8 (file-names.ts) resolves through its bytes, and stays exact.
    if (hasEscapedBytes(path))
      return decodeFileName(realpathSync(fileSystemPath(path), { encoding: 'buffer' }));
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

export type ConfigRead =
  | { kind: 'ok'; text: string }
  | { kind: 'missing' }
  /** `reason` completes "<name> is …" / "<name> …": the file is never read. */
  | { kind: 'refused'; reason: string };

export interface ConfigReadOptions {
  /**
   * The project root (a real path): a config file whose real path leaves it is refused.
   * Omitted for a file the user named on the command line.
   */
  root?: string;
  maxBytes?: number;
}

/**
 * A config file's text by the rules of scanned files: regular files only, the size cap,
 * and no link out of `root`. Invalid UTF-8 is decoded with replacement characters (the
 * caller's parser reports what it cannot read).
 */
export function readConfigText(path: string, options: ConfigReadOptions = {}): ConfigRead {
  if (options.root !== undefined) {
    const real = realPathOf(path);
    if (real === undefined) {
      // Missing, or a dangling link: nothing there to read.
      return { kind: 'missing' };
    }
    if (!isInside(options.root, real))
      return { kind: 'refused', reason: 'is a symbolic link to outside the project root' };
  }
  const read = readRegularFile(path, options.maxBytes ?? MAX_FILE_BYTES);
  if (read.kind === 'ok') return { kind: 'ok', text: configDecoder.decode(read.bytes) };
  if (read.errno === 'ENOENT') return { kind: 'missing' };
  return { kind: 'refused', reason: configReason(read.reason) };
}

/** "skipped: not a regular file (a FIFO)" → "is not a regular file (a FIFO)". */
function configReason(reason: string): string {
  if (reason.startsWith('skipped: ')) return `is ${reason.slice('skipped: '.length)}`;
  if (reason.startsWith('unreadable: ')) return `is unreadable (${reason.slice(12)})`;
  return reason;
}
