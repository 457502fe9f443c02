/**
 * The front-end registry: one front-end per file kind. Importing them is cheap; each loads
 * its heavy parser (web-tree-sitter for Python) on first use, so a scan pays only for the
 * kinds of files it meets.
 */
import { dotenvFrontend } from '../frontends/dotenv/index.js';
import { estreeFrontend } from '../frontends/estree/scanner.js';
import { jsonFrontend } from '../frontends/json/index.js';
import { postgresConfFrontend } from '../frontends/postgres-conf/index.js';
import { prismaFrontend } from '../frontends/prisma/index.js';
import { pythonFrontend } from '../frontends/python/index.js';
import { yamlFrontend } from '../frontends/yaml/index.js';
import type { Frontend } from './types.js';

export const FRONTENDS: readonly Frontend[] = [
  estreeFrontend,
  dotenvFrontend,
  yamlFrontend,
  jsonFrontend,
  pythonFrontend,
  prismaFrontend,
  postgresConfFrontend,
];

/** The front-ends that read at least one of `relativePaths`, estree first. */
export async function frontendsFor(
  relativePaths: readonly string[],
  onLoadError: (name: string) => void = () => undefined,
): Promise<Frontend[]> {
  return FRONTENDS.filter((frontend) => {
    try {
      return relativePaths.some((p) => frontend.matches(p));
    } catch {
      onLoadError(frontend.name);
      return false;
    }
  });
}

/** Every front-end (for listings and tests). */
export async function availableFrontends(): Promise<Frontend[]> {
  return [...FRONTENDS];
}
