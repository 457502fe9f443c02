/**
 * The files compose reads without `-f`: a base file, and an override file beside it that it
 * merges in. One list for the YAML analysis (pass 1 and 2) and the scanner's partial-scan
 * supplement (scanner/project-facts.ts); kept out of analyze.ts, which loads the YAML package.
 */

/** Base file names, in compose's order of preference. */
export const COMPOSE_BASE_NAMES: readonly string[] = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yaml',
  'docker-compose.yml',
];

const OVERRIDE = /^(?:docker-)?compose\.override\.ya?ml$/;

/** The path's directory (POSIX, `''` at the root) and file name. */
export function splitComposePath(relativePath: string): { directory: string; name: string } {
  const segments = relativePath.replaceAll('\\', '/').split('/');
  const name = segments.pop() ?? '';
  return { directory: segments.join('/'), name };
}

export const isComposeBase = (name: string): boolean => COMPOSE_BASE_NAMES.includes(name);
export const isComposeOverride = (name: string): boolean => OVERRIDE.test(name);
