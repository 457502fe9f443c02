/**
 * sequelize-cli's `.sequelizerc` moves its configuration (`config: path.resolve('db',
 * 'sequelize.json')`): the file it names is a sequelize-cli config wherever it sits. Read
 * as text, never run (the scanner executes no scanned code): the `config` key's string
 * literal, or the string arguments of `path.resolve` / `path.join` (`__dirname` and
 * `process.cwd()` are the file's directory, where sequelize-cli runs).
 */
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import type { DiscoveredFile } from './discover.js';

const CONFIG_ENTRY =
  /(?:^|[\s,{])['"]?config['"]?\s*:\s*(?:['"]([^'"\n]{1,300})['"]|path\.(?:resolve|join)\(([^()]{0,300})\))/m;
const STRING_ARGUMENT = /['"]([^'"\n]{1,200})['"]/g;

/** Relative paths (POSIX, as discovery gives them) that `.sequelizerc` files name as config. */
export function sequelizeConfigPaths(files: readonly DiscoveredFile[]): Set<string> {
  const out = new Set<string>();
  for (const file of files) {
    if (posix.basename(file.relativePath) !== '.sequelizerc') continue;
    let text: string;
    try {
      text = readFileSync(file.path, 'utf8').slice(0, 64 * 1024);
    } catch {
      continue; // an unreadable .sequelizerc is reported by the scan that reads it, if any
    }
    // `process.cwd()` is where sequelize-cli runs, like `__dirname`: neither is a path part.
    const match = CONFIG_ENTRY.exec(text.replaceAll('process.cwd()', '__dirname'));
    if (!match) continue;
    const parts =
      match[1] !== undefined
        ? [match[1]]
        : [...(match[2] ?? '').matchAll(STRING_ARGUMENT)].map((m) => m[1]!);
    if (parts.length === 0 || parts.some((p) => posix.isAbsolute(p))) continue;
    const target = posix.normalize(posix.join(posix.dirname(file.relativePath), ...parts));
    if (!target.startsWith('../')) out.add(target);
  }
  return out;
}
