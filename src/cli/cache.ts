/**
 * `secure-db scan --cache`: the per-file analyses of the last runs, in one JSON file.
 *
 * The file records the tool version and a digest of the configuration; either changing
 * discards it whole. Each entry is keyed (in `scan`) on the file's path, content,
 * front-ends, settings and the project facts, so an entry is reused only where a fresh
 * analysis would give the same result. Entries hold findings (masked data, fix edits without
 * any password the file holds) and diagnostics: never file content.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { AnalysisCache, CachedAnalysis } from '../scanner/scan.js';

const FORMAT = 1;
const FILE_NAME = 'scan-cache.json';

interface CacheFile {
  format: number;
  version: string;
  config: string;
  entries: Record<string, { key: string; analysis: CachedAnalysis }>;
}

/**
 * Where the cache lives: `--cache-location` (a directory — existing, or written with a
 * trailing slash — gets `scan-cache.json` inside; anything else is the file), else
 * `node_modules/.cache/secure-db/` when the project has `node_modules`, else
 * `.secure-db-cache`.
 */
export function cachePath(cwd: string, location: string | undefined): string {
  if (location !== undefined) {
    const path = resolve(cwd, location);
    const directory = /[\\/]$/.test(location) || (existsSync(path) && statSync(path).isDirectory());
    return directory ? join(path, FILE_NAME) : path;
  }
  return existsSync(join(cwd, 'node_modules'))
    ? join(cwd, 'node_modules/.cache/secure-db', FILE_NAME)
    : join(cwd, '.secure-db-cache');
}

export class FileCache implements AnalysisCache {
  readonly #path: string;
  readonly #header: Omit<CacheFile, 'entries'>;
  readonly #entries: CacheFile['entries'];
  /** Something to write: an entry set or dropped, or a stale file discarded. */
  #changed = false;
  hits = 0;

  constructor(path: string, version: string, config: string) {
    this.#path = path;
    this.#header = { format: FORMAT, version, config };
    this.#entries = this.#read();
  }

  #read(): CacheFile['entries'] {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.#path, 'utf8'));
    } catch {
      return {}; // none yet, or unreadable: start afresh
    }
    const file = raw as Partial<CacheFile> | null;
    const current =
      file?.format === FORMAT &&
      file.version === this.#header.version &&
      file.config === this.#header.config &&
      typeof file.entries === 'object' &&
      file.entries !== null;
    if (!current) this.#changed = true;
    return current ? { ...file.entries } : {};
  }

  get(relativePath: string, key: string): CachedAnalysis | undefined {
    const entry = Object.hasOwn(this.#entries, relativePath)
      ? this.#entries[relativePath]
      : undefined;
    if (entry?.key !== key) return undefined;
    this.hits++;
    return entry.analysis;
  }

  set(relativePath: string, key: string, analysis: CachedAnalysis): void {
    this.#entries[relativePath] = { key, analysis };
    this.#changed = true;
  }

  /**
   * Writes the cache (atomically: a reader never sees half a file), without the entries of
   * files that no longer exist. A cache that cannot be written is only slower next time.
   */
  save(cwd: string): void {
    for (const file of Object.keys(this.#entries))
      if (!existsSync(resolve(cwd, file))) {
        delete this.#entries[file];
        this.#changed = true;
      }
    if (!this.#changed) return;
    const body: CacheFile = { ...this.#header, entries: this.#entries };
    try {
      mkdirSync(dirname(this.#path), { recursive: true });
      const temporary = `${this.#path}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(body));
      renameSync(temporary, this.#path);
    } catch {
      // best effort
    }
  }
}
