/**
 * POLICY "Environments": names, file-name evidence, test and example files.
 * Branch and env-map evidence is found by the front-ends and classified here.
 */
import picomatch from 'picomatch';
import type { Environment, FileInfo, ObjectValue } from './model.js';
import {
  CONNECTION_KEYS,
  DEVELOPMENT_NAMES,
  isEnvironmentKey,
  PRODUCTION_WORDS,
  SITE_CONNECTION_KEYS,
} from './vocabulary.js';

const SEPARATORS = /[\\/._-]+/;

function words(segment: string): string[] {
  return segment.toLowerCase().split(SEPARATORS).filter(Boolean);
}

function posixSegments(path: string): string[] {
  return path.replaceAll('\\', '/').split('/').filter(Boolean);
}

/** Directories that say where their files run, whatever their words (POLICY evidence 4). */
const DIRECTORY_ENVIRONMENTS: Readonly<Record<string, Environment>> = {
  '.devcontainer': 'development',
  // CI definitions run in CI.
  '.circleci': 'development',
  '.buildkite': 'development',
};

/**
 * Path evidence (POLICY evidence 4): the file name, then every directory segment, innermost
 * first (`.env.production`, `settings_dev.py`, `config/env/production/database.js`,
 * `dev/containers/docker-compose.yml`, `.github/workflows/ci.yml`, `.devcontainer/`). A word
 * counts when it is a whole token of a name. Only a path relative to the project counts, so
 * a repository checked out under `/home/dev/` is not "development".
 */
export function environmentFromPath(path: string): Environment {
  return pathEvidence(path).environment;
}

/** An environment and the words that state it (messages name them: POLICY "Output"). */
export interface StatedEnvironment {
  environment: Environment;
  /** `file name \`.env.production\``, `directory \`dev/\``; absent when not stated. */
  because?: string;
}

/** `environmentFromPath` with the name that decided it. */
function pathEvidence(path: string): StatedEnvironment {
  const segments = posixSegments(path);
  const absolute = /^(?:[A-Za-z]:)?[\\/]/.test(path);
  // Outside the project, only the file name and its directory are the project's own.
  const names = (absolute ? segments.slice(-2) : segments).reverse();
  const stated = (environment: Environment, i: number, name = names[i]!): StatedEnvironment => ({
    environment,
    because: i === 0 ? `file name \`${name}\`` : `directory \`${name}/\``,
  });
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!.toLowerCase();
    const known = Object.hasOwn(DIRECTORY_ENVIRONMENTS, name)
      ? DIRECTORY_ENVIRONMENTS[name]
      : undefined;
    if (i > 0 && known) return stated(known, i);
    if (i > 0 && name === 'workflows' && names[i + 1]?.toLowerCase() === '.github')
      return stated('development', i, '.github/workflows');
    for (const word of words(name)) {
      if (DEVELOPMENT_NAMES.has(word)) return stated('development', i);
      if (PRODUCTION_WORDS.has(word)) return stated('production', i);
    }
  }
  return { environment: 'unknown' };
}

const TEST_DIRECTORIES = new Set([
  'test',
  'tests',
  '__tests__',
  'spec',
  'e2e',
  'fixtures',
  '__mocks__',
  // End-to-end test runners' own directories: what runs there is a test stack.
  'cypress',
  'playwright',
]);
/**
 * Words that make a directory a test directory wherever they sit in its name
 * (`integration-tests/`, `__fixtures__/`, `e2e_test/`). Not `spec`: `openapi-spec/` holds
 * a specification, not tests.
 */
const TEST_DIRECTORY_WORDS = new Set(['test', 'tests', 'e2e', 'fixtures', 'mocks']);

/** A test runner's setup module (`jest.setup.ts`, `vitest.setup.js`, `setupTests.ts`). */
const TEST_SETUP_FILE = /^(?:(?:jest|vitest)[.-]setup|setup-?tests?|test-?setup)\.[^.]+$/;

function isTestDirectory(name: string): boolean {
  const lower = name.toLowerCase();
  return TEST_DIRECTORIES.has(lower) || words(lower).some((w) => TEST_DIRECTORY_WORDS.has(w));
}

/** POLICY "Test files". */
export function isTestFile(path: string): boolean {
  const segments = posixSegments(path);
  const base = (segments.at(-1) ?? '').toLowerCase();
  if (
    /\.(?:test|spec)\.[^.]+$/.test(base) ||
    /_test\.[^.]+$/.test(base) ||
    /^test_.*\.py$/.test(base) ||
    TEST_SETUP_FILE.test(base)
  )
    return true;
  const stem = base.replace(/\.[^.]*$/, '');
  if (stem === 'test' || stem === 'tests') return true;
  if (base === '.env.test' || /^docker-compose\.test\.ya?ml$/.test(base)) return true;
  if (segments.at(-2) === 'settings' && base === 'test.py') return true;
  return segments.slice(0, -1).some(isTestDirectory);
}

const EXAMPLE_WORDS: ReadonlySet<string> = new Set(['example', 'sample', 'template', 'dist']);
const EXAMPLE_DIRECTORIES: ReadonlySet<string> = new Set([
  'example',
  'examples',
  'sample',
  'samples',
]);

/**
 * POLICY "Example files": a file name with an `example`, `sample`, `template` or `dist`
 * segment, or a directory named `example(s)` or `sample(s)`, alone or as a word of its name
 * (`devcontainer-example/`, `config_samples/`: folders a reader copies). `templates/` and
 * `dist/` are not among them: a Helm chart's `templates/` and a build's output are deployed.
 */
export function isExampleFile(path: string): boolean {
  const segments = posixSegments(path);
  const base = segments.at(-1) ?? '';
  return (
    words(base).some((w) => EXAMPLE_WORDS.has(w)) ||
    segments.slice(0, -1).some((s) => words(s).some((w) => EXAMPLE_DIRECTORIES.has(w)))
  );
}

export interface EnvironmentPatterns {
  development?: readonly string[];
  production?: readonly string[];
}

/** Classifies a file, honouring the user's extra path patterns first. */
export function classifyFile(
  path: string,
  patterns: EnvironmentPatterns = {},
  cwd?: string,
): FileInfo {
  const relative = toRelative(path, cwd);
  const matches = (globs: readonly string[] | undefined) =>
    globs?.length ? matcherOf(globs)(relative) : false;
  const stated: StatedEnvironment = matches(patterns.development)
    ? { environment: 'development', because: 'path matches the `development` patterns' }
    : matches(patterns.production)
      ? { environment: 'production', because: 'path matches the `production` patterns' }
      : pathEvidence(relative);
  return {
    path,
    environment: stated.environment,
    ...(stated.because ? { because: stated.because } : {}),
    isTest: isTestFile(relative),
    isExample: isExampleFile(relative),
  };
}

/**
 * One compiled matcher per pattern list: a scan classifies every file it judges with the
 * same lists, and picomatch compiles each glob into a regular expression.
 */
const matchers = new WeakMap<readonly string[], (path: string) => boolean>();

function matcherOf(globs: readonly string[]): (path: string) => boolean {
  let matcher = matchers.get(globs);
  if (!matcher) matchers.set(globs, (matcher = picomatch(globs as string[], { dot: true })));
  return matcher;
}

/**
 * The path relative to `cwd`; a file outside it as `../a/db.js`, so that the directories
 * above the project (`/home/dev/`, a checkout under `integration-tests/`) are no evidence.
 */
function toRelative(path: string, cwd: string | undefined): string {
  const posix = path.replaceAll('\\', '/');
  if (!cwd) return posix;
  const base = cwd.replaceAll('\\', '/').replace(/\/$/, '');
  if (posix.startsWith(`${base}/`)) return posix.slice(base.length + 1);
  const absolute = /^(?:\/|[A-Za-z]:\/)/;
  if (!absolute.test(posix) || !absolute.test(base)) return posix;
  const from = base.split('/').filter(Boolean);
  const to = posix.split('/').filter(Boolean);
  let shared = 0;
  while (shared < from.length && shared < to.length && from[shared] === to[shared]) shared++;
  return [...from.slice(shared).map(() => '..'), ...to.slice(shared)].join('/');
}

/**
 * An environment map (knexfile, sequelize `config.json`, POLICY "Environments"): one of its
 * keys is an environment name and every entry but `sharedKeys` (the defaults some maps
 * carry) holds a connection config, after identifiers and spreads are resolved. Then every
 * key is an environment: `staging_postgresql`, `production-ssl-disabled`, `preview`.
 */
export function isEnvironmentMapValue(
  value: ObjectValue,
  sharedKeys: ReadonlySet<string> = new Set(),
): boolean {
  const entries = value.properties.filter((p) => !sharedKeys.has(p.key));
  return (
    entries.some((p) => isEnvironmentKey(p.key)) &&
    entries.every((p) => p.value.kind === 'object' && isConnectionEntry(p.value))
  );
}

/** An env-map entry configures a connection: it names one, or is built from what we cannot see. */
function isConnectionEntry(value: ObjectValue): boolean {
  return (
    value.open ||
    value.properties.some(
      (p) =>
        CONNECTION_KEYS.has(p.key) ||
        SITE_CONNECTION_KEYS.has(p.key) ||
        ENV_MAP_ENTRY_KEYS.has(p.key),
    )
  );
}

/** Keys only an env map's connection entries have (sequelize-cli, TypeORM, MikroORM). */
const ENV_MAP_ENTRY_KEYS: ReadonlySet<string> = new Set([
  'use_env_variable',
  'client',
  'dialect',
  'type',
  'dbName',
  'clientUrl',
]);
