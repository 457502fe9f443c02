/**
 * docs/rules/<id>.md stay true (typescript-eslint's `tests/docs.test.mts`, ECOSYSTEM.md §1.2, §3.6).
 *
 * Every rule has exactly one doc and every doc has a rule. Each doc must look like this:
 *
 *   # secure-db/<id>
 *
 *   > <meta.docs.description, verbatim, on one line>
 *
 *   ## Rule details
 *   ## Examples        (with `### Incorrect` and `### Correct`, each holding at least one example)
 *   ## Environments
 *   ## Options         (a `### \`<name>\`` heading per schema option, and no others; a rule
 *                       without options says "This rule has no options")
 *   ## Fixes and suggestions
 *   ## When not to use it
 *   ## Further reading
 *
 * Code blocks. A fenced block whose language is `js`, `javascript`, `ts` or `typescript` is an
 * *example* when one of its enclosing headings (any level) is exactly `Incorrect` or `Correct`.
 * Examples are linted by real ESLint 10 (`Linter`, flat config) with the plugin loaded from the
 * TypeScript sources and only this rule enabled at `error`; `ts` blocks use
 * `@typescript-eslint/parser`. An Incorrect example must report this rule at least once; a
 * Correct example must report nothing (and neither may fail to parse). The info string may carry
 * attributes after the language, separated by spaces:
 *
 *   filename=config/production.js         the file name ESLint sees (default `src/db.js` / `src/db.ts`);
 *                                         it decides test files, example files and file-name environments
 *   settings={"secure-db":{"profile":"strict"}}   ESLint shared settings (JSON, no spaces outside strings)
 *   options=[{"minimum":"require"}]       the rule's options (JSON array)
 *   nolint                                a js/ts block outside Incorrect/Correct that is not an example
 *                                         (an ESLint config, a shell line); any other js/ts block
 *                                         outside those headings is an error, so nothing goes unchecked
 *
 * Blocks of other languages (`conf`, `env`, `yaml`, `python`…) are examples too when their
 * `filename=` names a file a secure-db language reads (`pg_hba.conf`, `.env`): they are
 * linted the same way, with that language (`secure-db/postgres-conf`, `secure-db/dotenv`).
 *
 * Secrets: POLICY "Output" says a password is never printed. For every example, the passwords
 * written in it (`password: '…'`, `user:pass@` in URLs, `|| '…'` fallbacks, Sequelize's third
 * argument, `password: …` in comments) must not appear in any message or suggestion text that
 * any of the plugin's rules produce for it.
 *
 * Also: relative links between docs (with `#anchors`, GitHub's slugs) resolve, and
 * docs/configuration.md names every config and every `settings['secure-db']` key.
 * Fake passwords used in the docs are obviously fake (`Vx9#kq2LmP7w`, `Tr0ub4dor&3x` …).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { beforeAll } from 'vitest';
import plugin, { loadLanguageSupport } from '../src/plugin/index.js';
import { dotenvFrontend } from '../src/frontends/dotenv/index.js';
import { jsonFrontend } from '../src/frontends/json/index.js';
import { postgresConfFrontend } from '../src/frontends/postgres-conf/index.js';
import { prismaFrontend } from '../src/frontends/prisma/index.js';
import { pythonFrontend } from '../src/frontends/python/index.js';
import { yamlFrontend } from '../src/frontends/yaml/index.js';
import type { Frontend } from '../src/frontends/types.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const DOCS_DIR = path.join(REPO_ROOT, 'docs', 'rules');

const REQUIRED_SECTIONS = [
  'Rule details',
  'Examples',
  'Environments',
  'Options',
  'Fixes and suggestions',
  'When not to use it',
  'Further reading',
] as const;

const LINTED_LANGUAGES = new Set(['js', 'javascript', 'ts', 'typescript']);

/** The front-ends whose files the secure-db languages read (a language is named after its front-end). */
const LANGUAGE_FRONTENDS: readonly Frontend[] = [
  dotenvFrontend,
  yamlFrontend,
  jsonFrontend,
  pythonFrontend,
  prismaFrontend,
  postgresConfFrontend,
];

/** The secure-db language that reads a block's `filename=`, for blocks that are not js/ts. */
function secureDbLanguage(block: CodeBlock): string | undefined {
  if (LINTED_LANGUAGES.has(block.lang) || !block.attrs.filename) return undefined;
  return LANGUAGE_FRONTENDS.find((f) => f.matches(block.attrs.filename!))?.name;
}

/** A block that is linted: js/ts, or a file a secure-db language reads. */
function isLinted(block: CodeBlock): boolean {
  return LINTED_LANGUAGES.has(block.lang) || secureDbLanguage(block) !== undefined;
}

// The languages load their parsing synchronously from the built JavaScript only; from the
// TypeScript sources it is loaded ahead.
beforeAll(loadLanguageSupport);

// ---------------------------------------------------------------------------------------
// Markdown: headings and fenced blocks (enough of CommonMark for our docs).

interface Heading {
  level: number;
  text: string;
  line: number;
}

interface CodeBlock {
  lang: string;
  attrs: Record<string, string>;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** Headings enclosing the block, outermost first. */
  path: Heading[];
}

interface ParsedDoc {
  lines: string[];
  headings: Heading[];
  blocks: CodeBlock[];
}

/** `js filename=a.js settings={"x":{"y":1}} nolint` → lang and attributes (JSON values may nest). */
function parseInfoString(info: string): { lang: string; attrs: Record<string, string> } {
  const trimmed = info.trim();
  const space = trimmed.search(/\s/);
  const lang = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const attrs: Record<string, string> = {};
  let rest = space === -1 ? '' : trimmed.slice(space);
  while ((rest = rest.trimStart()) !== '') {
    const m = /^([A-Za-z][\w-]*)(=?)/.exec(rest);
    if (!m) throw new Error(`cannot parse code block attributes at: ${rest}`);
    const name = m[1] as string;
    rest = rest.slice(m[0].length);
    if (m[2] !== '=') {
      attrs[name] = 'true';
      continue;
    }
    let value: string;
    if (rest.startsWith('{') || rest.startsWith('[')) {
      value = takeBalanced(rest);
    } else {
      const end = rest.search(/\s/);
      value = end === -1 ? rest : rest.slice(0, end);
    }
    attrs[name] = value;
    rest = rest.slice(value.length);
  }
  return { lang, attrs };
}

/** The JSON object or array at the start of `text` (brackets balanced, strings skipped). */
function takeBalanced(text: string): string {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return text.slice(0, i + 1);
    }
  }
  throw new Error(`unbalanced JSON in code block attributes: ${text}`);
}

function parseMarkdown(source: string): ParsedDoc {
  const lines = source.split(/\r?\n/);
  const headings: Heading[] = [];
  const blocks: CodeBlock[] = [];
  const stack: Heading[] = [];
  let fence:
    | { marker: string; lang: string; attrs: Record<string, string>; line: number; body: string[] }
    | undefined;
  lines.forEach((text, index) => {
    const lineNo = index + 1;
    if (fence) {
      if (text.trim().startsWith(fence.marker) && text.trim().replace(/[`~]/g, '') === '') {
        blocks.push({
          lang: fence.lang,
          attrs: fence.attrs,
          code: fence.body.join('\n') + '\n',
          line: fence.line,
          path: [...stack],
        });
        fence = undefined;
      } else {
        fence.body.push(text);
      }
      return;
    }
    const open = /^\s{0,3}(`{3,}|~{3,})(.*)$/.exec(text);
    if (open) {
      const { lang, attrs } = parseInfoString(open[2] ?? '');
      fence = { marker: open[1] as string, lang, attrs, line: lineNo, body: [] };
      return;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(text);
    if (heading) {
      const h: Heading = {
        level: (heading[1] as string).length,
        text: heading[2] as string,
        line: lineNo,
      };
      while (stack.length > 0 && (stack.at(-1) as Heading).level >= h.level) stack.pop();
      stack.push(h);
      headings.push(h);
    }
  });
  if (fence) throw new Error(`unclosed code fence opened on line ${fence.line}`);
  return { lines, headings, blocks };
}

/** Headings one level below `parent`, up to the next heading of the parent's level or higher. */
function childHeadings(doc: ParsedDoc, parent: Heading): Heading[] {
  const start = doc.headings.indexOf(parent);
  const out: Heading[] = [];
  for (const h of doc.headings.slice(start + 1)) {
    if (h.level <= parent.level) break;
    if (h.level === parent.level + 1) out.push(h);
  }
  return out;
}

/** Text of a section (lines after its heading up to the next heading of the same or higher level). */
function sectionText(doc: ParsedDoc, heading: Heading): string {
  const next = doc.headings.find((h) => h.line > heading.line && h.level <= heading.level);
  return doc.lines.slice(heading.line, next ? next.line - 1 : undefined).join('\n');
}

function exampleKind(block: CodeBlock): 'incorrect' | 'correct' | undefined {
  for (const h of [...block.path].reverse()) {
    if (h.text === 'Incorrect') return 'incorrect';
    if (h.text === 'Correct') return 'correct';
  }
  return undefined;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

// ---------------------------------------------------------------------------------------
// Linting an example.

const RULE_IDS = Object.keys(plugin.rules).sort();

const linter = new Linter({ configType: 'flat', cwd: REPO_ROOT });

interface ExampleRun {
  filename: string;
  messages: Linter.LintMessage[];
}

function lintExample(block: CodeBlock, rules: Linter.RulesRecord): ExampleRun {
  const isTs = block.lang === 'ts' || block.lang === 'typescript';
  const filename = block.attrs.filename ?? (isTs ? 'src/db.ts' : 'src/db.js');
  const settings = block.attrs.settings
    ? (JSON.parse(block.attrs.settings) as Record<string, unknown>)
    : {};
  const language = secureDbLanguage(block);
  if (language) {
    const config: Linter.Config = {
      files: [filename],
      language: `secure-db/${language}`,
      plugins: { 'secure-db': plugin },
      rules,
      settings,
    };
    return { filename, messages: linter.verify(block.code, [config], { filename }) };
  }
  const config: Linter.Config = {
    files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      ...(isTs ? { parser: tsParser } : {}),
    },
    plugins: { 'secure-db': plugin },
    rules,
    settings,
  };
  return { filename, messages: linter.verify(block.code, [config], { filename }) };
}

function ruleEntry(block: CodeBlock): Linter.RuleEntry {
  const options = block.attrs.options ? (JSON.parse(block.attrs.options) as unknown[]) : [];
  if (!Array.isArray(options)) throw new Error('options= must be a JSON array');
  return ['error', ...options];
}

function describeMessages(messages: Linter.LintMessage[]): string {
  return (
    messages
      .map((m) => `  ${m.line}:${m.column} ${m.ruleId ?? '(fatal)'} ${m.message}`)
      .join('\n') || '  (none)'
  );
}

// ---------------------------------------------------------------------------------------
// Secrets written in an example.

/** Passwords written literally in `code` (placeholders and environment reads excluded). */
function passwordsIn(code: string): string[] {
  const found = new Set<string>();
  const add = (raw: string | undefined): void => {
    if (!raw) return;
    for (const value of new Set([raw, safeDecode(raw)])) {
      if (
        value.length < 3 ||
        /^\$\{|^process\.env|^<|^\*+$/.test(value) ||
        /^[A-Z][A-Z0-9_]*$/.test(value)
      )
        continue;
      found.add(value);
    }
  };
  const patterns: RegExp[] = [
    // password: 'x', password = "x", PASSWORD: `x`
    /\b(?:password|passwd|pwd|pass)\b['"]?\s*[:=]\s*(['"`])((?:(?!\1)[^\n])+)\1/gi,
    // process.env.DB_PASSWORD || 'x', ?? 'x' (literal fallback of a password read)
    /(?:PASS|PWD|SECRET)\w*['"\]]*\)?\s*(?:\|\||\?\?)\s*(['"`])((?:(?!\1)[^\n])+)\1/gi,
    // new Sequelize('db', 'user', 'x', …)
    /new\s+Sequelize\(\s*(['"`])[^'"`\n]*\1\s*,\s*(['"`])[^'"`\n]*\2\s*,\s*(['"`])((?:(?!\3)[^\n])+)\3/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) add(m[m.length - 1]);
  // scheme://user:password@host
  for (const m of code.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"`]*:([^\s@/'"`]+)@/gi)) add(m[1]);
  // `password: x` in a comment (unquoted)
  for (const m of code.matchAll(/(?:\/\/|\/\*|\*).*?\bpassword\b\s*[:=]\s*([^\s'"`,;]+)/gi))
    add(m[1]);
  return [...found];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Does `text` show `secret`? The whole secret as a token always counts; for secrets that mix
 * character classes (so that no English word or driver name contains a piece of them), any six
 * consecutive characters count too (a mask may show the first character and the length).
 */
function leaks(text: string, secret: string): boolean {
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`(?<![A-Za-z0-9])${escape(secret)}(?![A-Za-z0-9])`).test(text)) return true;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) =>
    re.test(secret),
  ).length;
  if (classes < 2 || secret.length < 6) return false;
  for (let i = 0; i + 6 <= secret.length; i++)
    if (text.includes(secret.slice(i, i + 6))) return true;
  return false;
}

// ---------------------------------------------------------------------------------------

const docFiles = readdirSync(DOCS_DIR).filter((f) => f.endsWith('.md') || f.endsWith('.mdx'));

describe('rule docs', () => {
  it('has exactly one doc per rule and no doc without a rule', () => {
    expect(docFiles.filter((f) => !f.endsWith('.md'))).toEqual([]);
    expect(docFiles.map((f) => f.replace(/\.md$/, '')).sort()).toEqual([...RULE_IDS].sort());
  });

  it('parses code block attributes', () => {
    expect(
      parseInfoString(
        'js filename=config/production.js settings={"secure-db":{"profile":"strict"}} nolint',
      ),
    ).toEqual({
      lang: 'js',
      attrs: {
        filename: 'config/production.js',
        settings: '{"secure-db":{"profile":"strict"}}',
        nolint: 'true',
      },
    });
    expect(parseInfoString('ts options=[{"minimum":"TLSv1.3"}]')).toEqual({
      lang: 'ts',
      attrs: { options: '[{"minimum":"TLSv1.3"}]' },
    });
  });

  it('finds the passwords written in an example', () => {
    expect(passwordsIn(`new Pool({ password: 'Vx9#kq2LmP7w' })`)).toEqual(['Vx9#kq2LmP7w']);
    expect(passwordsIn(`'postgres://app:Qz8%21vLm@db/app'`).sort()).toEqual([
      'Qz8!vLm',
      'Qz8%21vLm',
    ]);
    expect(passwordsIn(`password: process.env.DB_PASSWORD || 'root'`)).toEqual(['root']);
    expect(
      passwordsIn(`password: process.env.DB_PASSWORD, url: 'postgres://app:\${DB_PASSWORD}@h/db'`),
    ).toEqual([]);
    expect(leaks('a password (V*** (12 chars)) is hardcoded', 'Vx9#kq2LmP7w')).toBe(false);
    expect(leaks('the password kq2LmP is hardcoded', 'Vx9#kq2LmP7w')).toBe(true);
    expect(leaks('a password (r***) in postgres.js', 'root')).toBe(false);
  });

  it('has only relative links that resolve, anchors included', () => {
    const files = [
      ...docFiles.map((f) => path.join(DOCS_DIR, f)),
      path.join(REPO_ROOT, 'docs', 'configuration.md'),
    ];
    const broken: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(
        /^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm,
        '',
      );
      for (const m of text.matchAll(/\]\((?!https?:|mailto:)([^)#\s]*)(?:#([^)\s]+))?\)/g)) {
        const target = m[1] ? path.resolve(path.dirname(file), m[1]) : file;
        if (!existsSync(target)) {
          broken.push(`${path.relative(REPO_ROOT, file)}: ${m[0]}`);
          continue;
        }
        if (
          m[2] &&
          !parseMarkdown(readFileSync(target, 'utf8')).headings.some((h) => slug(h.text) === m[2])
        ) {
          broken.push(`${path.relative(REPO_ROOT, file)}: ${m[0]}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('docs/configuration.md shows every config and every shared setting', () => {
    const text = readFileSync(path.join(REPO_ROOT, 'docs', 'configuration.md'), 'utf8');
    for (const name of Object.keys(plugin.configs)) expect(text).toContain(`\`${name}\``);
    for (const key of ['profile', 'minimumSslmode', 'environments', 'autofix'])
      expect(text).toMatch(new RegExp(`^\\| \`${key}\` \\|`, 'm'));
    expect(text).toContain("extends: ['secure-db/recommended']");
    expect(text).toContain('"extends": ["plugin:secure-db/legacy-recommended"]');
    expect(text).toContain('...secureDb.configs.recommended');
  });

  describe.each(RULE_IDS)('%s', (id) => {
    // Typed loosely on purpose: what the docs need from meta, for any rule shape.
    const meta = (
      plugin.rules[id] as
        { meta?: { docs?: { description?: string; url?: string }; schema?: unknown } } | undefined
    )?.meta;
    const file = path.join(DOCS_DIR, `${id}.md`);
    // A missing doc fails the tests below (and the one-doc-per-rule test), not the collection.
    const doc = parseMarkdown(existsSync(file) ? readFileSync(file, 'utf8') : '');
    const sections = doc.headings.filter((h) => h.level === 2);
    const section = (name: string): Heading | undefined => sections.find((h) => h.text === name);

    it('has the title, the summary from meta.docs.description and the docs url', () => {
      expect(doc.lines[0]).toBe(`# secure-db/${id}`);
      const firstParagraph = doc.lines.slice(1).find((l) => l.trim() !== '');
      const description = meta?.docs?.description;
      expect(description).toEqual(expect.any(String));
      expect(firstParagraph).toBe(`> ${description}`);
      expect(doc.headings.filter((h) => h.level === 1)).toHaveLength(1);
      expect(meta?.docs?.url).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
    });

    it('has the required sections, in order', () => {
      expect(sections.map((h) => h.text)).toEqual([...REQUIRED_SECTIONS]);
      const examples = section('Examples') as Heading;
      expect(childHeadings(doc, examples).map((h) => h.text)).toEqual(['Incorrect', 'Correct']);
    });

    it('documents every option under "Options" and only those', () => {
      const options = section('Options') as Heading;
      const schema = (Array.isArray(meta?.schema) ? meta.schema : []) as Array<{
        properties?: Record<string, unknown>;
      }>;
      const names = schema.flatMap((s) => Object.keys(s.properties ?? {})).sort();
      const documented = childHeadings(doc, options)
        .map((h) => /^`([^`]+)`$/.exec(h.text)?.[1])
        .filter((n): n is string => n !== undefined)
        .sort();
      expect(documented).toEqual(names);
      if (names.length === 0)
        expect(sectionText(doc, options)).toContain('This rule has no options');
    });

    it('has at least one Incorrect and one Correct example, and no unchecked js/ts block', () => {
      const linted = doc.blocks.filter(isLinted);
      const examples = section('Examples') as Heading;
      const underExamples = (b: CodeBlock): boolean => b.path.includes(examples);
      expect(
        linted.filter((b) => underExamples(b) && exampleKind(b) === 'incorrect').length,
      ).toBeGreaterThan(0);
      expect(
        linted.filter((b) => underExamples(b) && exampleKind(b) === 'correct').length,
      ).toBeGreaterThan(0);
      const unchecked = linted.filter(
        (b) => exampleKind(b) === undefined && b.attrs.nolint === undefined,
      );
      expect(unchecked.map((b) => `line ${b.line}`)).toEqual([]);
      const misplacedNolint = linted.filter(
        (b) => exampleKind(b) !== undefined && b.attrs.nolint !== undefined,
      );
      expect(misplacedNolint.map((b) => `line ${b.line}`)).toEqual([]);
    });

    const examples = doc.blocks.filter((b) => isLinted(b) && exampleKind(b) !== undefined);
    const allRules: Linter.RulesRecord = Object.fromEntries(
      RULE_IDS.map((r) => [`secure-db/${r}`, 'error']),
    );

    it.each(examples.map((b) => [`${exampleKind(b)} example at ${id}.md:${b.line}`, b] as const))(
      '%s',
      (_, block) => {
        const kind = exampleKind(block);
        const { filename, messages } = lintExample(block, {
          [`secure-db/${id}`]: ruleEntry(block),
        });
        const fatal = messages.filter((m) => m.fatal || m.ruleId === null);
        expect(fatal, `parse error in ${filename}:\n${describeMessages(fatal)}`).toEqual([]);
        const own = messages.filter((m) => m.ruleId === `secure-db/${id}`);
        if (kind === 'incorrect') {
          expect(
            own.length,
            `expected secure-db/${id} to report ${filename}, got:\n${describeMessages(messages)}`,
          ).toBeGreaterThan(0);
        } else {
          expect(
            own,
            `expected no secure-db/${id} report for ${filename}, got:\n${describeMessages(own)}`,
          ).toEqual([]);
        }

        // Secrets: nothing any rule prints may show a password written in the example.
        const secrets = passwordsIn(block.code);
        if (id === 'no-hardcoded-credentials' && kind === 'incorrect') {
          expect(
            secrets.length,
            'the secret check found no password in this example',
          ).toBeGreaterThan(0);
        }
        const everything = lintExample(block, {
          ...allRules,
          [`secure-db/${id}`]: ruleEntry(block),
        }).messages;
        const texts = everything.flatMap((m) => [
          m.message,
          ...(m.suggestions ?? []).map((s) => s.desc),
        ]);
        for (const secret of secrets) {
          const shown = texts.filter((t) => leaks(t, secret));
          expect(shown, `a message shows the password ${JSON.stringify(secret)}`).toEqual([]);
        }
      },
    );
  });
});
