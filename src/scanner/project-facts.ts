/**
 * Facts a partial scan takes from the rest of the project (POLICY "Results that do not
 * depend on which files are scanned"): when `secure-db scan .env` or a pre-commit run reads
 * a `DATABASE_URL` line, its reader (Prisma, a pg pool, `dj_database_url.config()`) usually
 * lives in a file the scan was not given. Only then, and only for the variables still
 * unclaimed, the project's other files are discovered and the ones that name such a
 * variable run pass 1 (`collectFacts`); nothing else of them is analysed or reported.
 * Likewise a compose override file's base file, whose services the override can reach.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareStrings, discover, type DiscoveredFile } from './discover.js';
import { fileHoldsAny, readSourceSync } from './read-source.js';
import { releaseProgram } from '../frontends/estree/program-cache.js';
import {
  COMPOSE_BASE_NAMES,
  isComposeOverride,
  splitComposePath,
} from '../frontends/yaml/compose-files.js';
import type { Frontend, ProjectFacts, ReadSourceFile } from '../frontends/types.js';

/** A reader is a short module; a larger file is data, read for nothing. */
const MAX_READER_BYTES = 512 * 1024;

/** Assignments of URL-named variables in env files, compose and Kubernetes YAML. */
const URL_VARIABLE =
  /(?:^|[\s"'{,-])([A-Z][A-Z0-9_]{0,80}_(?:URL|URI|DSN)|DATABASE_URL|DB_URL)\s*["']?\s*[=:]/gm;

/** Python modules name a variable implicitly: `dj_database_url.config()`, `env.db()`. */
const IMPLICIT_DATABASE_URL = /dj_database_url\.config\(|\benv\.db\(/;
/** Words every match of IMPLICIT_DATABASE_URL holds, for the byte prefilter. */
const IMPLICIT_DATABASE_URL_WORDS = ['dj_database_url.config(', 'env.db('];

export interface SupplementInput {
  cwd: string;
  ignores: readonly string[];
  /** Files the scan itself read, with their front-ends (pass 1 has run on them). */
  scanned: readonly { source: ReadSourceFile; frontends: readonly Frontend[] }[];
  project: ProjectFacts;
  /** Front-ends for discovered paths (the scan's assignment); files no front-end reads are left out. */
  frontendsOf: (
    files: readonly DiscoveredFile[],
  ) => { file: DiscoveredFile; frontends: readonly Frontend[] }[];
}

/** URL variables the scanned env and YAML files assign and no scanned file reads. */
function unclaimedUrlVariables(input: SupplementInput): Set<string> {
  const names = new Set<string>();
  for (const { source, frontends } of input.scanned) {
    if (!frontends.some((fe) => fe.name === 'dotenv' || fe.name === 'yaml')) continue;
    for (const m of source.text.matchAll(URL_VARIABLE))
      if (!input.project.urlConsumers.has(m[1]!)) names.add(m[1]!);
  }
  return names;
}

/**
 * Adds the readers of unclaimed URL variables found elsewhere in the project. Pass 1 then
 * runs again over the scanned files and the readers together, in path order, as a full
 * scan's would: where two readers claim one variable, the same one wins.
 */
export async function supplementProjectFacts(input: SupplementInput): Promise<void> {
  await supplementComposeBases(input);
  const wanted = unclaimedUrlVariables(input);
  if (wanted.size === 0) return;
  const scanned = new Map(input.scanned.map((s) => [s.source.relativePath, s]));
  const { files } = await discover({ cwd: input.cwd, paths: ['.'], ignores: input.ignores });
  // The names as bytes: most files name none, and are never decoded (fileHoldsAny).
  const needles = [
    ...wanted,
    ...(wanted.has('DATABASE_URL') ? IMPLICIT_DATABASE_URL_WORDS : []),
  ].map((word) => Buffer.from(word, 'latin1'));
  const readers: { source: ReadSourceFile; frontends: readonly Frontend[] }[] = [];
  for (const { file, frontends } of input.frontendsOf(
    files.filter((f) => !scanned.has(f.relativePath)),
  )) {
    if (!frontends.some((fe) => fe.collectFacts !== undefined)) continue;
    if (!fileHoldsAny(file.path, needles, MAX_READER_BYTES)) continue;
    const outcome = readSourceSync(file.path, file.relativePath, { maxBytes: MAX_READER_BYTES });
    // A problem with a file the user did not ask about is reported by its own scan.
    if (outcome.kind !== 'ok') continue;
    const text = outcome.source.text;
    const names = [...wanted].some((n) => text.includes(n));
    if (names || (wanted.has('DATABASE_URL') && IMPLICIT_DATABASE_URL.test(text)))
      readers.push({ source: outcome.source, frontends });
  }
  if (readers.length === 0) return;
  const all = [...input.scanned, ...readers].sort((a, b) =>
    compareStrings(a.source.relativePath, b.source.relativePath),
  );
  input.project.urlConsumers.clear();
  for (const { source, frontends } of all)
    for (const fe of frontends) {
      // Pass 1 needs no front-end load (the Python one is a text scan).
      if (!fe.collectFacts) continue;
      try {
        fe.collectFacts(source, input.project);
      } catch {
        // reported by the file's own analysis (scanned) or its own scan (the others)
      } finally {
        if (fe.name === 'estree' && !scanned.has(source.relativePath)) releaseProgram(source);
      }
    }
}

/**
 * A compose override file runs merged with the base file beside it, whose services are
 * then on the same host (yaml `collectComposeHosts`). When the scan read the override but
 * not its base (`secure-db scan docker-compose.override.yml`, a pre-commit run), the base
 * is read for that fact alone, as a full scan would have; an ignored base is not.
 */
async function supplementComposeBases(input: SupplementInput): Promise<void> {
  const scanned = new Set(input.scanned.map((s) => s.source.relativePath));
  const paths = new Set<string>();
  for (const { source } of input.scanned) {
    const { directory, name } = splitComposePath(source.relativePath);
    if (!isComposeOverride(name)) continue;
    const bases = COMPOSE_BASE_NAMES.map((base) => (directory ? `${directory}/${base}` : base));
    if (bases.some((base) => scanned.has(base))) continue;
    for (const base of bases) if (existsSync(resolve(input.cwd, base))) paths.add(base);
  }
  if (paths.size === 0) return;
  const { files } = await discover({ cwd: input.cwd, paths: [...paths], ignores: input.ignores });
  for (const { file, frontends } of input.frontendsOf(files)) {
    const outcome = readSourceSync(file.path, file.relativePath, { maxBytes: MAX_READER_BYTES });
    if (outcome.kind !== 'ok') continue;
    for (const fe of frontends)
      try {
        if (fe.name === 'yaml') fe.collectFacts?.(outcome.source, input.project);
      } catch {
        // reported by the base file's own scan
      }
  }
}
