/**
 * Package invariants (unicorn's test/package.js, typescript-eslint's index and configs
 * tests): rules, docs, tests and configs stay in step; the plugin entry stays light;
 * the policy engine imports no parser.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../src/plugin/index.js';
import { rules } from '../rules/index.js';
import { RULE_POLICIES } from '../src/core/policy.js';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const ruleFiles = readdirSync(join(root, 'rules'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

describe('rules', () => {
  it('rules/index.ts lists exactly the rule files', () => {
    expect(Object.keys(rules).sort()).toEqual(ruleFiles);
  });

  it('every POLICY rule id is a rule (no-weak-db-auth through the languages)', () => {
    expect(ruleFiles).toEqual(Object.keys(RULE_POLICIES).sort());
  });

  for (const id of ruleFiles) {
    describe(id, () => {
      const rule = rules[id as keyof typeof rules];
      it('has a doc page and a test file', () => {
        expect(existsSync(join(root, 'docs/rules', `${id}.md`))).toBe(true);
        expect(existsSync(join(root, 'test/rules', `${id}.test.ts`))).toBe(true);
      });
      it('has problem type, docs URL to its page, described schema, messages ending with a period', () => {
        expect(rule.meta.type).toBe('problem');
        expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
        expect(rule.meta.docs?.description).toBe(
          RULE_POLICIES[id as keyof typeof RULE_POLICIES].description,
        );
        for (const message of Object.values(rule.meta.messages)) expect(message).toMatch(/\.$/);
        for (const schema of rule.meta.schema as unknown as {
          properties?: Record<string, { description?: string }>;
        }[]) {
          for (const property of Object.values(schema.properties ?? {}))
            expect(property.description).toBeTruthy();
        }
        expect(rule.meta.hasSuggestions).toBe(true);
        // Options default through meta.defaultOptions only: RuleCreator applies it on every
        // ESLint (8.57 included) and ESLint 9+ reads it too; the top-level copy is deprecated.
        expect(Array.isArray(rule.meta.defaultOptions)).toBe(true);
        expect(rule).not.toHaveProperty('defaultOptions', expect.anything());
      });
    });
  }
});

describe('plugin object', () => {
  it('carries meta from package.json and the namespace', () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'secure-db' });
  });

  it('configs equal what rule meta derives, flat and legacy alike', () => {
    // no-weak-db-auth judges server files only: the JavaScript configs stay as they were.
    const javascript = Object.entries(rules).filter(([id]) => id !== 'no-weak-db-auth');
    const recommended = Object.fromEntries(
      javascript
        .filter(([, r]) => r.meta.docs?.recommended === 'recommended')
        .map(([id]) => [`secure-db/${id}`, 'error']),
    );
    const strict = Object.fromEntries(javascript.map(([id]) => [`secure-db/${id}`, 'error']));
    expect(plugin.configs.recommended.rules).toEqual(recommended);
    expect(plugin.configs['legacy-recommended'].rules).toEqual(recommended);
    expect(plugin.configs.strict.rules).toEqual(strict);
    expect(plugin.configs['legacy-strict'].rules).toEqual(strict);
    expect(plugin.configs.recommended.plugins['secure-db']).toBe(plugin);
    expect(plugin.configs.recommended.name).toBe('secure-db/recommended');
    expect(plugin.configs['legacy-recommended'].plugins).toEqual(['secure-db']);
    expect(plugin.configs.strict.settings['secure-db'].profile).toBe('strict');
    expect(plugin.configs['legacy-strict'].settings['secure-db'].profile).toBe('strict');
  });

  it('the all-files configs are the flat config plus one block per language, with every rule', () => {
    for (const level of ['recommended', 'strict'] as const) {
      const [javascript, ...languages] = plugin.configs[`${level}-all-files`];
      expect(javascript).toEqual({
        ...plugin.configs[level],
        name: `secure-db/${level}-all-files`,
      });
      expect(languages.map((c) => c.language).sort()).toEqual(
        Object.keys(plugin.languages)
          .map((name) => `secure-db/${name}`)
          .sort(),
      );
      const every = Object.fromEntries(
        Object.entries(rules)
          .filter(([, r]) => level === 'strict' || r.meta.docs?.recommended === 'recommended')
          .map(([id]) => [`secure-db/${id}`, 'error']),
      );
      for (const block of languages) {
        expect(block.rules).toEqual(every);
        expect(block.plugins['secure-db']).toBe(plugin);
        expect(block.files.length).toBeGreaterThan(0);
        expect(block.name).toBe(`${javascript.name}/${block.language.slice('secure-db/'.length)}`);
      }
    }
  });
});

describe('imports', () => {
  it('the built plugin entry loads no parser, no scanner dependency, not ESLint itself', () => {
    // Run in a fresh process: every `--concurrency` worker and editor pays this import.
    const script = `
      import { createRequire } from 'node:module';
      await import(${JSON.stringify(join(root, 'dist/src/plugin/index.js'))});
      const require = createRequire(import.meta.url);
      const names = new Set(Object.keys(require.cache).map((k) => (k.match(/node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/) || [])[1]).filter(Boolean));
      console.log(JSON.stringify([...names]));`;
    const loaded = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
    ) as string[];
    expect(loaded.sort()).toEqual(['@typescript-eslint/utils', 'picomatch']);
  });

  it('src/core imports no parser and no front-end', () => {
    const files = listTs(join(root, 'src/core'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const specifiers = [...text.matchAll(/^\s*import\s[^;]*?from\s+'([^']+)'/gm)].map(
        (m) => m[1]!,
      );
      for (const specifier of specifiers) {
        expect(specifier, `${file} imports ${specifier}`).not.toMatch(
          /^(?:@typescript-eslint\/(?:parser|typescript-estree)|espree|typescript|ts-morph|globby|yaml|web-tree-sitter|eslint)$|frontends|plugin\//,
        );
      }
    }
  });
});

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listTs(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}
