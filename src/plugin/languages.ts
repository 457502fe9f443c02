/**
 * The plugin's ESLint languages (ESLint 9.15+ and 10; ESLint 8 has no languages): one per
 * scanner front-end that reads non-JavaScript files, and the files each reads by default.
 *
 * A language object here is a shell: ESLint's `parse()` is synchronous, and the parsing
 * itself (src/languages, with the YAML library and the Python parser) is loaded on the first
 * file a language parses, with a synchronous `require` of the ES module (Node 20.19+, the
 * versions this package supports). Projects that lint only JavaScript never load it.
 * `loadLanguageSupport()` loads it ahead, for hosts that run from the TypeScript sources.
 */
import { createRequire } from 'node:module';
import type * as Implementation from '../languages/index.js';
import { VISITOR_KEYS, type LanguageName } from '../languages/ast.js';

type LanguageImplementation = typeof Implementation;

let implementation: LanguageImplementation | undefined;

function load(): LanguageImplementation {
  implementation ??= createRequire(import.meta.url)(
    '../languages/index.js',
  ) as LanguageImplementation;
  return implementation;
}

/**
 * Loads the languages' parsing (and the Python parser) now. ESLint does not need it: the
 * first file loads what it needs. Tests that run the TypeScript sources do, since a
 * synchronous `require` reaches only the built JavaScript.
 */
export async function loadLanguageSupport(): Promise<void> {
  implementation ??= await import('../languages/index.js');
  const { loadPythonParser } = await import('../frontends/python/parser.js');
  await loadPythonParser();
}

/** The files each language reads when a `*-all-files` config turns it on (the scanner's choice). */
export const LANGUAGE_FILES: Record<LanguageName, { files: string[]; ignores?: string[] }> = {
  dotenv: {
    // frontends/dotenv `isEnvFile`: `.env`, `.env.*`, `.env-*`, `.env_*`, `*.env`, `.envrc`,
    // `env.example` and the like; code and data files named `.env.*` are other languages'.
    files: [
      '**/.env',
      '**/.envrc',
      '**/.env.*',
      '**/.env-*',
      '**/.env_*',
      '**/*.env',
      '**/env.{sample,example,template,dist,local,production,development,test}',
    ],
    ignores: [
      '**/.env[._-]*.{js,cjs,mjs,jsx,ts,cts,mts,tsx,json,json5,yml,yaml,toml,py,rb,sh,bash,zsh,ps1,md,txt,vault,gpg,enc,age,lock}',
    ],
  },
  yaml: {
    files: ['**/*.yml', '**/*.yaml'],
    ignores: ['**/pnpm-lock.yaml', '**/.yarnrc.yml'],
  },
  json: {
    files: ['**/ormconfig.json', '**/config/*.json', '**/database.json'],
  },
  python: {
    // frontends/python `isPythonModule`: every module but virtualenvs, tool caches and Django
    // migrations; a keyword gate keeps modules that mention no database unparsed.
    files: ['**/*.py'],
    ignores: [
      '**/{site-packages,dist-packages,__pycache__,.tox,.nox,.venv,venv,.eggs,migrations}/**',
    ],
  },
  prisma: { files: ['**/*.prisma'] },
  'postgres-conf': {
    files: [
      '**/pg_hba.conf',
      '**/pg_hba[._-]*.conf',
      '**/postgres.conf',
      '**/postgresql.conf',
      '**/postgres[._-]*.conf',
      '**/postgresql[._-]*.conf',
      '**/{postgres,postgresql,pg,pgsql}/**/conf.d/*.conf',
    ],
  },
};

export const LANGUAGE_NAMES = Object.keys(LANGUAGE_FILES) as LanguageName[];

/** ESLint's `Language` for one front-end (see `@eslint/core`'s `Language`). */
export class SecureDbLanguage {
  readonly fileType = 'text' as const;
  readonly lineStart = 1 as const;
  readonly columnStart = 1 as const;
  readonly nodeTypeKey = 'type';
  readonly visitorKeys = VISITOR_KEYS;

  constructor(readonly name: LanguageName) {}

  /**
   * The languages take no options. Options meant for other languages (a `languageOptions`
   * block without `files` reaches every file) are ignored, as `@eslint/json` ignores them.
   */
  validateLanguageOptions(): void {}

  parse(file: Implementation.LanguageFile): ReturnType<LanguageImplementation['parseFile']> {
    return load().parseFile(this.name, file);
  }

  createSourceCode(
    file: Implementation.LanguageFile,
    parsed: Extract<ReturnType<LanguageImplementation['parseFile']>, { ok: true }>,
  ): ReturnType<LanguageImplementation['createSourceCode']> {
    return load().createSourceCode(file, parsed);
  }
}

export function createLanguages(): Record<LanguageName, SecureDbLanguage> {
  return Object.fromEntries(
    LANGUAGE_NAMES.map((name) => [name, new SecureDbLanguage(name)]),
  ) as Record<LanguageName, SecureDbLanguage>;
}
