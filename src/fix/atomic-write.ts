/**
 * Writes a file without ever leaving it half-written (fixes and the baseline alike): a
 * temporary file in the target's directory, flushed, given the target's mode and owner,
 * then renamed over it. On any failure (a full disk) the old file is untouched and the
 * temporary file removed.
 *
 * What is refused, with a reason and without writing (docs/reliability.md, "What is
 * written"):
 * - a file that changed on disk since it was read (`expected`);
 * - a symbolic link whose target leaves the project root (`root`); a link inside it is
 *   written through: its target is replaced, the link stays a link;
 * - a file with more than one hard link: a rename would split them, and writing in place
 *   could leave every name half-written;
 * - a read-only file (no owner write bit), whatever our privileges;
 * - a file owned by another user or group when we cannot give the new file that owner.
 *
 * Temporary files are named `.secure-db-<random>.tmp`, so one pattern
 * (`.secure-db-*.tmp`) ignores whatever a `kill -9` leaves; on SIGINT, SIGTERM and SIGHUP
 * during `guardSignals` they are removed before the process exits.
 */
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { realpathSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';

/** The write was refused before anything was written; the message says why, never what. */
export class WriteRefusedError extends Error {}

class FileChangedError extends WriteRefusedError {
  constructor(path: string) {
    super(`${basename(path)} changed on disk since it was read; not overwritten`);
  }
}

/** What ignore files should list for the temporary files (documented). */
export const TEMP_FILE_PATTERN = '.secure-db-*.tmp';

export interface AtomicWriteOptions {
  /** The bytes the file held when read: the write is refused when it holds others now. */
  expected?: Buffer;
  /** The project root, a real path: a link whose target leaves it is refused. */
  root?: string;
  /** The mode of a file that does not exist yet (default 0o644). */
  newFileMode?: number;
}

/** Temporary files not yet renamed or removed, for the signal handlers. */
const liveTempFiles = new Set<string>();

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function realTarget(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function writeFileAtomic(
  path: string,
  content: Buffer,
  options: AtomicWriteOptions = {},
): void {
  const name = basename(path);
  // Through a link: the target is what gets replaced, and the link stays.
  const existing = realTarget(path);
  const target = existing ?? path;
  if (options.root !== undefined && !isInside(options.root, target))
    throw new WriteRefusedError(`${name} is a symbolic link to outside the project root`);
  const stat = existing === undefined ? undefined : statSync(existing);
  if (stat) {
    if (!stat.isFile()) throw new WriteRefusedError(`${name} is not a regular file`);
    if (stat.nlink > 1)
      throw new WriteRefusedError(
        `${name} has ${stat.nlink} hard links; replacing it would split them`,
      );
    if ((stat.mode & 0o200) === 0) throw new WriteRefusedError(`${name} is read-only`);
    if (options.expected && !readFileSync(existing!).equals(options.expected))
      throw new FileChangedError(path);
  } else if (options.expected) throw new FileChangedError(path);

  // node:crypto on first use: the scan that shares this module's chunk rarely writes.
  const random = process.getBuiltinModule('node:crypto').randomBytes(8).toString('hex');
  const temp = join(dirname(target), `.secure-db-${random}.tmp`);
  // Owner-only until it holds the right mode: a copy of a secret is never world-readable.
  const fd = openSync(temp, 'wx', 0o600);
  liveTempFiles.add(temp);
  try {
    try {
      writeAll(fd, content);
      if (stat) {
        fchmodSync(fd, stat.mode & 0o7777);
        // POSIX only: a new file belongs to whoever writes it.
        if (process.getuid && (stat.uid !== process.getuid() || stat.gid !== process.getgid!()))
          giveOwner(fd, stat.uid, stat.gid, name);
      } else fchmodSync(fd, options.newFileMode ?? 0o644);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
    liveTempFiles.delete(temp);
  } catch (error) {
    removeTemp(temp);
    throw error;
  }
  syncDirectory(dirname(target));
}

function writeAll(fd: number, content: Buffer): void {
  for (let offset = 0; offset < content.length;)
    offset += writeSync(fd, content, offset, content.length - offset);
}

function giveOwner(fd: number, uid: number, gid: number, name: string): void {
  try {
    fchownSync(fd, uid, gid);
  } catch {
    throw new WriteRefusedError(
      `${name} is owned by another user; writing it would change its owner`,
    );
  }
}

function removeTemp(temp: string): void {
  liveTempFiles.delete(temp);
  try {
    unlinkSync(temp);
  } catch {
    // already gone
  }
}

/** The rename itself survives a crash only once the directory is flushed (best effort). */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // not supported everywhere (Windows)
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs `work` (synchronous writes) with SIGINT, SIGTERM and SIGHUP held off: without a
 * listener Node dies at once, mid-write, leaving a temporary file; with one, the signal
 * waits until `work` returns. Then any temporary file left is removed and, if nothing else
 * listens, the process ends by the same signal. The listeners stay until the next turn of
 * the event loop, so a signal that arrived during `work` still finds them.
 */
export function guardSignals<T>(work: () => T): T {
  const onSignal = (signal: NodeJS.Signals) => {
    for (const temp of [...liveTempFiles]) removeTemp(temp);
    release();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const release = () => {
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  try {
    return work();
  } finally {
    setImmediate(release);
  }
}

/** The bytes to write for fixed text: the BOM is kept when the file had one. */
export function encode(text: string, bom: boolean): Buffer {
  return Buffer.from((bom ? '\uFEFF' : '') + text, 'utf8');
}
