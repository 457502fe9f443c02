/**
 * Every temporary file and directory of a test run goes under one directory, removed when
 * the run ends: the tests create thousands (projects on disk, git repositories, database
 * clusters), and a developer's /tmp should not keep them. Workers inherit TMPDIR, which
 * `os.tmpdir()` reads on each call.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'secure-db-tests-'));
  // As /tmp itself: the database tests run their servers as other users (postgres, mysql),
  // and those write temporary files here.
  chmodSync(dir, 0o1777);
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
