/**
 * The front-end registry: one front-end per file kind. Importing them is cheap; a front-end
 * with a heavy parser (web-tree-sitter for Python, the `yaml` package) loads it in its
 * `load()`, which a scan awaits only when it reads a file that needs it, so a scan pays only
 * for the kinds of files it meets.
 */
import { dotenvFrontend } from '../frontends/dotenv/index.js';
import { estreeFrontend } from '../frontends/estree/scanner.js';
import { jsonFrontend } from '../frontends/json/index.js';
import { postgresConfFrontend } from '../frontends/postgres-conf/index.js';
import { prismaFrontend } from '../frontends/prisma/index.js';
import { pythonFrontend } from '../frontends/python/index.js';
import { yamlFrontend } from '../frontends/yaml/index.js';
import type { Frontend } from '../frontends/types.js';

export const FRONTENDS: readonly Frontend[] = [
  estreeFrontend,
  dotenvFrontend,
  yamlFrontend,
  jsonFrontend,
  pythonFrontend,
  prismaFrontend,
  postgresConfFrontend,
];

/**
 * The front-ends that read at least one of `relativePaths`, estree first. A promise in the
 * public API, from when front-ends were imported on demand; choosing them is synchronous.
 */
export function frontendsFor(
  relativePaths: readonly string[],
  onLoadError: (name: string) => void = () => undefined,
): Promise<Frontend[]> {
  return Promise.resolve(
    FRONTENDS.filter((frontend) => {
      try {
        return relativePaths.some((p) => frontend.matches(p));
      } catch {
        onLoadError(frontend.name);
        return false;
      }
    }),
  );
}

/** Every front-end (for listings and tests). */
export function availableFrontends(): Promise<Frontend[]> {
  return Promise.resolve([...FRONTENDS]);
}
