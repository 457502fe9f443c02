/**
 * The ESLint configuration read as data (the scanner's default) agrees with the one the
 * project's real ESLint computes (`--eslint-config`), file by file, on the shapes projects
 * write: flat configs with `files`, `ignores`, global ignores, spreads, constants,
 * `defineConfig` and typescript-eslint's `config`, numeric and array severities, nested
 * configs; eslintrc with `extends`, `overrides`, `ignorePatterns`, `.eslintignore`, YAML,
 * `package.json#eslintConfig` and a cascade of folders.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveSettings } from '../../src/scanner/effective-settings.js';
import { EslintConfigs } from '../../src/scanner/eslint-config.js';
import type { EslintSettingsSource } from '../../src/scanner/eslint-config.js';
import {
  pluginConfigsAsData,
  StaticEslintConfigs,
} from '../../src/scanner/eslint-config-static.js';
import plugin from '../../src/plugin/index.js';
import { project } from '../cli/helpers.js';
import { eslintProject, FLAT_MODULE } from '../cli/eslint-projects.js';

const REPO = join(import.meta.dirname, '../..');
const CODE = 'export const pool = new Pool({ ssl: { rejectUnauthorized: false } });\n';
const RULE = 'secure-db/no-disabled-cert-verification';
const IMPORT = "import secureDb from 'eslint-plugin-secure-db';";

interface Case {
  name: string;
  versions: (8 | 9 | 10)[];
  files: Record<string, string>;
  /** The JS/TS files whose settings are compared. */
  targets: string[];
  /** Link typescript-eslint into the project. */
  tseslint?: boolean;
}

const flat = (...lines: string[]) => [IMPORT, ...lines, ''].join('\n');

const CASES: Case[] = [
  {
    name: 'a rule turned off after the recommended config',
    versions: [8, 9, 10],
    files: {
      'eslint.config.js': flat(
        'export default [',
        "  { ...secureDb.configs.recommended, files: ['**/*.js'] },",
        `  { rules: { '${RULE}': 'off' } },`,
        '];',
      ),
      'src/db.js': CODE,
    },
    targets: ['src/db.js', 'eslint.config.js'],
  },
  {
    name: 'files, entry ignores, global ignores with a negation, numeric and array severities',
    versions: [9, 10],
    files: {
      'eslint.config.js': flat(
        'export default [',
        "  { ignores: ['build/**/*', '!build/keep.js', 'vendor/'] },",
        '  secureDb.configs.strict,',
        `  { files: ['src/legacy/**'], ignores: ['**/*.spec.js'], rules: { '${RULE}': 1, 'secure-db/require-ssl': [0] } },`,
        "  { files: ['**/*.spec.js'], rules: { 'secure-db/no-hardcoded-credentials': ['warn'] } },",
        '];',
      ),
      'src/legacy/old.js': CODE,
      'src/legacy/old.spec.js': CODE,
      'src/app.mjs': CODE,
      'build/out.js': CODE,
      'build/keep.js': CODE,
      'vendor/lib.js': CODE,
    },
    targets: [
      'src/legacy/old.js',
      'src/legacy/old.spec.js',
      'src/app.mjs',
      'build/out.js',
      'build/keep.js',
      'vendor/lib.js',
    ],
  },
  {
    name: 'TypeScript files only where a files pattern names them; settings merged deeply',
    versions: [9, 10],
    files: {
      'eslint.config.js': flat(
        'export default [',
        '  secureDb.configs.strict,',
        "  { files: ['src/**/*.ts'], settings: { 'secure-db': { minimumSslmode: 'verify-ca' } } },",
        "  { files: ['**/*.ts'], settings: { 'secure-db': { environments: { development: ['scripts/**'] } } } },",
        '];',
      ),
      'src/db.ts': CODE,
      'other/db.cts': CODE,
      'src/db.js': CODE,
    },
    targets: ['src/db.ts', 'other/db.cts', 'src/db.js'],
  },
  {
    name: 'constants, spreads of constants, destructured configs, CommonJS',
    versions: [9, 10],
    files: {
      'package.json': '{ "type": "commonjs" }',
      'eslint.config.cjs': [
        "const secureDb = require('eslint-plugin-secure-db');",
        'const { configs } = secureDb;',
        `const relaxed = { '${RULE}': 'warn' };`,
        "const files = ['lib/**/*.js'];",
        'const shared = { settings: { "secure-db": { profile: "strict" } } };',
        'module.exports = [',
        '  configs.recommended,',
        '  { ...shared, files, rules: { ...relaxed } },',
        '];',
        '',
      ].join('\n'),
      'lib/db.js': CODE,
      'index.js': CODE,
    },
    targets: ['lib/db.js', 'index.js'],
  },
  {
    name: "defineConfig with extends: ['secure-db/strict'] and globalIgnores-style objects",
    versions: [9, 10],
    files: {
      'eslint.config.js': [
        "import { defineConfig } from 'eslint/config';",
        IMPORT,
        'export default defineConfig([',
        "  { ignores: ['generated/**'] },",
        "  { files: ['src/**/*.js'], plugins: { 'secure-db': secureDb }, extends: ['secure-db/strict'], rules: { 'secure-db/min-tls-version': 'off' } },",
        ']);',
        '',
      ].join('\n'),
      'src/db.js': CODE,
      'tools/db.js': CODE,
      'generated/db.js': CODE,
    },
    targets: ['src/db.js', 'tools/db.js', 'generated/db.js'],
  },
  {
    name: "typescript-eslint's config() with extends",
    versions: [10],
    tseslint: true,
    files: {
      'eslint.config.js': [
        "import tseslint from 'typescript-eslint';",
        IMPORT,
        'export default tseslint.config(',
        '  { files: ["**/*.ts"], extends: [secureDb.configs.strict], rules: { "secure-db/require-ssl": "warn" } },',
        '  { files: ["**/*.js"], ...secureDb.configs.recommended },',
        ');',
        '',
      ].join('\n'),
      'src/db.ts': CODE,
      'src/db.js': CODE,
    },
    targets: ['src/db.ts', 'src/db.js'],
  },
  {
    name: 'a nested flat config applies below its folder (ESLint 10 looks it up from the file)',
    versions: [10],
    files: {
      'eslint.config.js': flat('export default [secureDb.configs.recommended];'),
      'packages/api/eslint.config.js': flat(
        `export default [secureDb.configs.strict, { rules: { '${RULE}': 'off' } }];`,
      ),
      'packages/api/db.js': CODE,
      'packages/web/db.js': CODE,
    },
    targets: ['packages/api/db.js', 'packages/web/db.js'],
  },
  {
    name: 'eslintrc: extends, overrides with file-name patterns and excludedFiles, ignorePatterns, .eslintignore, dotfiles',
    versions: [8, 9],
    files: {
      '.eslintrc.json': JSON.stringify({
        root: true,
        parserOptions: { ecmaVersion: 'latest', sourceType: 'module' },
        extends: ['eslint:recommended', 'plugin:secure-db/legacy-strict'],
        ignorePatterns: ['dist/'],
        rules: { [RULE]: 'warn' },
        overrides: [
          {
            files: ['*.test.js'],
            excludedFiles: ['keep/*.test.js'],
            rules: { 'secure-db/require-ssl': 'off' },
          },
          { files: ['scripts/**/*.js'], settings: { 'secure-db': { profile: 'default' } } },
        ],
      }),
      '.eslintignore': 'tmp/\n',
      'src/db.js': CODE,
      'src/db.test.js': CODE,
      'keep/db.test.js': CODE,
      'scripts/migrate.js': CODE,
      'dist/db.js': CODE,
      'tmp/db.js': CODE,
      '.hidden.js': CODE,
    },
    targets: [
      'src/db.js',
      'src/db.test.js',
      'keep/db.test.js',
      'scripts/migrate.js',
      'dist/db.js',
      'tmp/db.js',
      '.hidden.js',
    ],
  },
  {
    name: 'eslintrc: a cascade of folders, root: true, YAML, package.json, a local extends',
    versions: [8, 9],
    files: {
      '.eslintrc.yml': [
        'root: true',
        'parserOptions: { ecmaVersion: latest, sourceType: module }',
        'extends: [plugin:secure-db/legacy-recommended, ./eslint/base.json]',
        '',
      ].join('\n'),
      'eslint/base.json': JSON.stringify({ rules: { 'secure-db/min-tls-version': 'warn' } }),
      'packages/a/package.json': JSON.stringify({
        name: 'a',
        eslintConfig: { rules: { [RULE]: 'off' } },
      }),
      'packages/a/db.js': CODE,
      'packages/b/.eslintrc.cjs': `module.exports = { root: true, parserOptions: { ecmaVersion: 'latest' }, settings: { 'secure-db': { profile: 'strict' } } };\n`,
      'packages/b/db.js': CODE,
      'db.js': CODE,
    },
    targets: ['packages/a/db.js', 'packages/b/db.js', 'db.js'],
  },
];

function linkTypescriptEslint(root: string): void {
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  symlinkSync(
    join(REPO, 'node_modules/typescript-eslint'),
    join(root, 'node_modules/typescript-eslint'),
  );
}

async function settingsOf(source: EslintSettingsSource, root: string, targets: string[]) {
  const files = targets.map((t) => ({ path: join(root, t), relativePath: t }));
  await source.load(files);
  // Plain, sorted objects: readable diffs.
  return Object.fromEntries(
    targets.map((t) => {
      const settings = source.get(join(root, t));
      return [
        t,
        settings && {
          ...settings,
          rules: Object.fromEntries([...settings.rules].sort(([a], [b]) => a.localeCompare(b))),
        },
      ];
    }),
  );
}

describe('the ESLint configuration read as data agrees with ESLint', () => {
  const runs = CASES.flatMap((c) =>
    c.versions.map((v) => [`${c.name} (ESLint ${v})`, c, v] as const),
  );
  it.each(runs)('%s', async (_, c, version) => {
    const isFlat = Object.keys(c.files).some((f) => f.includes('eslint.config.'));
    const root = eslintProject(version, {
      ...(isFlat ? { 'package.json': FLAT_MODULE } : {}),
      ...c.files,
    });
    if (c.tseslint) linkTypescriptEslint(root);
    const computed = new EslintConfigs(root);
    const expected = await settingsOf(computed, root, c.targets);
    expect(computed.problems).toEqual([]);
    expect(computed.used).toBe(true);
    const read = new StaticEslintConfigs(root);
    const actual = await settingsOf(read, root, c.targets);
    expect(read.problems).toEqual([]);
    expect(actual).toEqual(expected);
  });
});

describe('a configuration that names nothing of secure-db', () => {
  it('ends the lookup below its folder without being parsed, and gives what ESLint gives', async () => {
    const root = eslintProject(10, {
      'package.json': FLAT_MODULE,
      'eslint.config.js': flat('export default [secureDb.configs.strict];'),
      // Nearest to its files (ESLint 10 looks configs up from the file); it does not even
      // parse, which the scanner never finds out: it has no reason to parse it.
      'packages/web/eslint.config.js': "export default [{ rules: { 'no-console': 'off' } }];\n}{\n",
      'packages/web/db.js': CODE,
      'packages/api/db.js': CODE,
    });
    const targets = ['packages/web/db.js', 'packages/api/db.js'];
    const read = new StaticEslintConfigs(root);
    const actual = await settingsOf(read, root, targets);
    expect(read.problems).toEqual([]);
    expect(actual['packages/web/db.js']).toBeUndefined();
    expect(actual['packages/api/db.js']).toMatchObject({ profile: 'strict' });
    // What ESLint computes, once the nested config parses: no secure-db rule or setting
    // there, so the scan's settings are its own, as with the static reading.
    writeFileSync(
      join(root, 'packages/web/eslint.config.js'),
      "export default [{ rules: { 'no-console': 'off' } }];\n",
    );
    const computed = new EslintConfigs(root);
    await settingsOf(computed, root, targets);
    for (const target of targets) {
      const path = join(root, target);
      expect(effectiveSettings({}, read.get(path))).toEqual(
        effectiveSettings({}, computed.get(path)),
      );
    }
  });
});

describe('what cannot be read without running it', () => {
  it('a condition around secure-db settings is a diagnostic; the parts it can read still apply', async () => {
    const root = project({
      'eslint.config.js': flat(
        "const ci = process.env.CI === 'true';",
        'export default [',
        '  secureDb.configs.strict,',
        `  { rules: { '${RULE}': 'warn', ...(ci ? { 'secure-db/require-ssl': 'off' } : {}) } },`,
        '];',
      ),
      'src/db.js': CODE,
    });
    const read = new StaticEslintConfigs(root);
    await read.load([{ path: join(root, 'src/db.js'), relativePath: 'src/db.js' }]);
    expect(read.problems.map((p) => p.message)).toEqual([
      "ESLint configuration: `ci ? { 'secure-db/require-ssl': 'off' } : {}` is known only by running the file; the scanner's own settings apply there (--eslint-config runs the file)",
    ]);
    const settings = read.get(join(root, 'src/db.js'));
    expect(settings?.profile).toBe('strict');
    expect(settings?.rules.get('no-disabled-cert-verification')).toBe('warn');
  });

  it('configs of other packages and code that names nothing of secure-db are read silently', async () => {
    const root = project({
      'eslint.config.js': [
        "import js from '@eslint/js';",
        "import globals from 'globals';",
        IMPORT,
        'export default [',
        '  js.configs.recommended,',
        '  { languageOptions: { globals: { ...globals.node } }, rules: { "no-console": process.env.CI ? "error" : "off" } },',
        '  secureDb.configs.recommended,',
        '];',
        '',
      ].join('\n'),
      'src/db.js': CODE,
    });
    const read = new StaticEslintConfigs(root);
    await read.load([{ path: join(root, 'src/db.js'), relativePath: 'src/db.js' }]);
    expect(read.problems).toEqual([]);
    expect(read.get(join(root, 'src/db.js'))?.profile).toBe('default');
  });

  it('an eslint.config.ts is read as TypeScript, with its type assertions', async () => {
    const root = project({
      'eslint.config.ts': [
        "import type { Linter } from 'eslint';",
        IMPORT,
        "const relaxed = { 'secure-db/require-ssl': 'warn' } satisfies Linter.RulesRecord;",
        'export default [secureDb.configs.strict, { rules: relaxed } as Linter.Config] as Linter.Config[];',
        '',
      ].join('\n'),
      'src/db.ts': CODE,
    });
    const read = new StaticEslintConfigs(root);
    await read.load([{ path: join(root, 'src/db.ts'), relativePath: 'src/db.ts' }]);
    expect(read.problems).toEqual([]);
    // A .ts file is linted only when a files pattern names it: the defaults do not.
    expect(read.get(join(root, 'src/db.ts'))).toBeUndefined();
    await read.load([{ path: join(root, 'eslint.config.ts'), relativePath: 'eslint.config.ts' }]);
    expect(read.get(join(root, 'eslint.config.ts'))).toBeUndefined();
  });

  it('a configuration that does not parse, or exports a function, is one diagnostic', async () => {
    for (const text of [
      `${IMPORT}\nexport default [ {`,
      "export default async () => [(await import('eslint-plugin-secure-db')).configs.strict];",
    ]) {
      const root = project({ 'eslint.config.js': text, 'src/db.js': CODE });
      const read = new StaticEslintConfigs(root);
      await read.load([{ path: join(root, 'src/db.js'), relativePath: 'src/db.js' }]);
      expect(read.problems).toHaveLength(1);
      expect(read.problems[0]!.message).toMatch(
        /^ESLint configuration( does not parse \(.*\): not read|: `async .*` is known only by running the file)/,
      );
      expect(read.get(join(root, 'src/db.js'))).toBeUndefined();
    }
  });

  it('a configuration that names nothing of secure-db is silent, whatever its shape', async () => {
    const root = project({
      'eslint.config.mjs':
        "import config from '@company/eslint-config';\nexport default config({ strict: true });\n",
      'src/db.js': CODE,
    });
    const read = new StaticEslintConfigs(root);
    await read.load([{ path: join(root, 'src/db.js'), relativePath: 'src/db.js' }]);
    expect(read.problems).toEqual([]);
    expect(read.get(join(root, 'src/db.js'))).toBeUndefined();
  });

  it('never runs the configuration', async () => {
    const root = project({
      'eslint.config.js': [
        "import { writeFileSync } from 'node:fs';",
        "writeFileSync(new URL('./ran', import.meta.url), 'yes');",
        IMPORT,
        'export default [secureDb.configs.strict];',
        '',
      ].join('\n'),
      'src/db.js': CODE,
    });
    const read = new StaticEslintConfigs(root);
    await read.load([{ path: join(root, 'src/db.js'), relativePath: 'src/db.js' }]);
    expect(read.get(join(root, 'src/db.js'))?.profile).toBe('strict');
    expect(existsSync(join(root, 'ran'))).toBe(false);
  });
});

describe("the plugin's configs as data", () => {
  it('equal the rules and settings of the real configs', () => {
    const data = pluginConfigsAsData().configs as Record<string, unknown>;
    const real = plugin.configs as unknown as Record<string, unknown>;
    const part = (config: unknown) => {
      const c = (Array.isArray(config) ? config[0] : config) as {
        rules: unknown;
        settings: unknown;
      };
      return { rules: c.rules, settings: c.settings };
    };
    expect(Object.keys(data).sort()).toEqual(Object.keys(real).sort());
    for (const name of Object.keys(real)) expect(part(data[name])).toEqual(part(real[name]));
  });
});

describe('hostile configuration files', () => {
  const load = async (text: string) => {
    const root = project({ 'eslint.config.js': text, 'src/db.js': CODE });
    const read = new StaticEslintConfigs(root);
    await read.load([{ path: join(root, 'src/db.js'), relativePath: 'src/db.js' }]);
    return {
      problems: read.problems.map((p) => p.message),
      settings: read.get(join(root, 'src/db.js')),
    };
  };

  it('a value that doubles at each constant is refused, not walked 2^40 times', async () => {
    const doubling = Array.from(
      { length: 40 },
      (_, i) => `const c${i} = [c${i + 1}, c${i + 1}, { rules: { '${RULE}': 'off' } }];`,
    );
    const { problems, settings } = await load(
      [IMPORT, ...doubling, 'const c40 = secureDb.configs.strict;', 'export default c0;', ''].join(
        '\n',
      ),
    );
    expect(problems).toEqual([
      "ESLint configuration is too large to read as data (more than 100,000 values): not read, the scanner's own settings apply",
    ]);
    expect(settings).toBeUndefined();
  });

  it('a 200,000-line .eslintignore is read as bounded rules, as .gitignore files are', async () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `generated/file-${i}.js`);
    const root = project({
      '.eslintrc.json': JSON.stringify({ root: true, rules: { [RULE]: 'off' } }),
      '.eslintignore': `${lines.join('\n')}\nvendor/**\n`,
      'generated/file-7.js': CODE,
      'vendor/lib.js': CODE,
      'src/db.js': CODE,
    });
    const read = new StaticEslintConfigs(root);
    const files = ['generated/file-7.js', 'vendor/lib.js', 'src/db.js'];
    await read.load(files.map((f) => ({ path: join(root, f), relativePath: f })));
    expect(
      files.map((f) => read.get(join(root, f))?.rules.get('no-disabled-cert-verification')),
    ).toEqual([undefined, undefined, 'off']);
  });

  it('a FIFO in place of a configuration file is reported, never read (no hang)', async () => {
    const root = project({ 'src/db.js': CODE });
    expect(spawnSync('mkfifo', [join(root, '.eslintrc.json')]).status).toBe(0);
    const read = new StaticEslintConfigs(root);
    await read.load([{ path: join(root, 'src/db.js'), relativePath: 'src/db.js' }]);
    expect(read.problems).toEqual([
      {
        file: '.eslintrc.json',
        message:
          "ESLint configuration is not a regular file (a FIFO): not read, the scanner's own settings apply",
      },
    ]);
    expect(read.get(join(root, 'src/db.js'))).toBeUndefined();
  });

  it('5,000 levels of nesting are cut at a depth; the rest is read', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const { settings } = await load(`export default [${deep}, { rules: { '${RULE}': 'off' } }];\n`);
    expect(settings?.rules.get('no-disabled-cert-verification')).toBe('off');
  });
});
