/**
 * Writes a fixed file without ever leaving it half-written: a temporary file next to it,
 * same permissions, flushed, then renamed over the original. A file that changed on disk
 * since it was read is not overwritten.
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  chmodSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export class FileChangedError extends Error {
  constructor(path: string) {
    super(`${basename(path)} changed on disk since it was read; not overwritten`);
  }
}

/**
 * @param original the exact bytes that were read (BOM included); the write is refused
 *   when the file no longer holds them.
 */
export function writeFileAtomic(path: string, content: Buffer, original: Buffer): void {
  const current = readFileSync(path);
  if (!current.equals(original)) throw new FileChangedError(path);
  const mode = statSync(path).mode & 0o7777;
  const temp = join(
    dirname(path),
    `.${basename(path)}.secure-db-${randomBytes(6).toString('hex')}.tmp`,
  );
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  try {
    chmodSync(temp, mode); // the umask may have narrowed it at creation
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw error;
  }
}

/** The bytes to write for fixed text: the BOM is kept when the file had one. */
export function encode(text: string, bom: boolean): Buffer {
  return Buffer.from((bom ? '\uFEFF' : '') + text, 'utf8');
}
