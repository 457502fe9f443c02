/**
 * Real ESLint, end to end, on a copy of examples/:
 *   ESLint 10 flat, ESLint 9 flat, ESLint 9 eslintrc, ESLint 8.57 eslintrc.
 *
 * (a) every run gives the same normalized findings;
 * (b) the findings are exactly the `// expect: <rule-id>[, <rule-id>]` markers in the sources;
 * (c) ESLint 10 with `concurrency: 2` gives the same findings as `concurrency: 'off'`;
 * (d) the fake passwords in the examples never appear in a message, a suggestion
 *     description, the stylish output, or the results with source text and fixes stripped.
 *
 * The copy lives under <repo>/.tmp/ (gitignored), not in the OS temp folder, so that
 * `import 'eslint-plugin-secure-db'` (flat) and `plugin:secure-db/legacy-recommended`
 * (eslintrc, resolved relative to the config file's folder) resolve to this repository's
 * build through Node's package self-reference. The plugin must be built first (`npm test` does).
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  rmdirSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadESLint as loadESLint10 } from 'eslint';
import { loadESLint as loadESLint9 } from 'eslint-v9';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// ---------------------------------------------------------------------------------------
// Minimal structural types shared by ESLint 8, 9 and 10 (eslint-v8 ships no types).

interface SuggestionLike {
  desc: string;
  fix?: unknown;
}
interface LintMessageLike {
  ruleId: string | null;
  line: number;
  column: number;
  message: string;
  fatal?: boolean;
  fix?: unknown;
  suggestions?: SuggestionLike[];
}
interface LintResultLike {
  filePath: string;
  messages: LintMessageLike[];
  suppressedMessages?: LintMessageLike[];
  source?: string;
  output?: string;
}
interface FormatterLike {
  format(results: LintResultLike[]): string | Promise<string>;
}
interface ESLintLike {
  lintFiles(patterns: string[]): Promise<LintResultLike[]>;
  loadFormatter(name: string): Promise<FormatterLike>;
}
type ESLintCtor = new (options: Record<string, unknown>) => ESLintLike;

const requireCjs = createRequire(import.meta.url);
const { ESLint: ESLint8 } = requireCjs('eslint-v8') as { ESLint: ESLintCtor };

// ---------------------------------------------------------------------------------------

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
const TMP_ROOT = path.join(REPO_ROOT, '.tmp');
const PLUGIN_ENTRY = path.join(REPO_ROOT, 'dist', 'src', 'plugin', 'index.js');
const LINTED_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts']);
const PLUGIN_PREFIX = 'secure-db/';

/** The distinctive fake passwords written into examples/ (checked to be there, see below). */
const FAKE_SECRETS = [
  'Sup3r-S3cret-Ex4mple!',
  'Hunt3r2-Ex4mple-0nly',
  'N0t-A-R3al-P4ssw0rd',
  'Qz7-Wm8r-Tx2v-Kp5',
  'T3st-Only-Ex4mple#',
];
/** A message may show the first character and the length; no 6 consecutive characters. */
const LEAK_WINDOW = 6;

const RUN_TIMEOUT = 90_000;

interface Finding {
  file: string;
  line: number;
  column: number;
  ruleId: string | null;
  message: string;
}

interface Run {
  eslint: ESLintLike;
  results: LintResultLike[];
  findings: Finding[];
}

interface Engine {
  name: string;
  create(cwd: string): Promise<ESLintLike>;
}

const ESLINT10_FLAT: Engine = {
  name: 'eslint10-flat',
  async create(cwd) {
    const ESLint = (await loadESLint10()) as unknown as ESLintCtor;
    return new ESLint({ cwd, concurrency: 'off' });
  },
};

const ENGINES: Engine[] = [
  ESLINT10_FLAT,
  {
    name: 'eslint9-flat',
    async create(cwd) {
      const ESLint = (await loadESLint9({ useFlatConfig: true })) as unknown as ESLintCtor;
      return new ESLint({ cwd });
    },
  },
  {
    name: 'eslint9-eslintrc',
    async create(cwd) {
      const LegacyESLint = (await loadESLint9({ useFlatConfig: false })) as unknown as ESLintCtor;
      return new LegacyESLint({ cwd });
    },
  },
  {
    name: 'eslint8-eslintrc',
    // ESLint 8's default class is the eslintrc one (useEslintrc: true). It resolves plugins
    // relative to the folder of the config file that names them (examples/.eslintrc.json).
    create(cwd) {
      return Promise.resolve(new ESLint8({ cwd }));
    },
  },
];

const CONCURRENT_ENGINE: Engine = {
  name: 'eslint10-flat-concurrency-2',
  async create(cwd) {
    const ESLint = (await loadESLint10()) as unknown as ESLintCtor;
    // Only cloneable options: cwd and the config file on disk, no plugin objects.
    return new ESLint({ cwd, concurrency: 2 });
  },
};

// ---------------------------------------------------------------------------------------

let workDir = '';
let copyDir = '';
const runs = new Map<string, Promise<Run>>();

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function listSourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (LINTED_EXTENSIONS.has(path.extname(entry.name)))
        out.push(toPosix(path.relative(root, full)));
    }
  };
  walk(root);
  return out.sort();
}

function normalize(results: LintResultLike[], root: string): Finding[] {
  const findings = results.flatMap((result) =>
    result.messages.map((m) => ({
      file: toPosix(path.relative(root, result.filePath)),
      line: m.line,
      column: m.column,
      ruleId: m.ruleId,
      message: m.message,
    })),
  );
  return findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      String(a.ruleId).localeCompare(String(b.ruleId)) ||
      a.message.localeCompare(b.message),
  );
}

/** `file:line ruleId`, one per finding (fatal parse errors show their message instead). */
function findingKeys(findings: Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line} ${f.ruleId ?? `(no rule) ${f.message}`}`).sort();
}

const MARKER = /\/\/\s*expect:\s*([\w/-]+(?:\s*,\s*[\w/-]+)*)\s*$/;
const LOOSE_MARKER = /\/\/.*\bexpect:/;

/** Reads the `// expect:` markers from the example sources. */
function expectedKeys(root: string): string[] {
  const keys: string[] = [];
  for (const file of listSourceFiles(root)) {
    const lines = readFileSync(path.join(root, file), 'utf8').split(/\r?\n/);
    lines.forEach((text, index) => {
      const match = MARKER.exec(text);
      if (!match?.[1]) {
        if (LOOSE_MARKER.test(text))
          throw new Error(`${file}:${index + 1}: malformed expect marker: ${text.trim()}`);
        return;
      }
      for (const raw of match[1].split(',')) {
        const id = raw.trim();
        if (id === '') continue;
        keys.push(`${file}:${index + 1} ${id.includes('/') ? id : PLUGIN_PREFIX + id}`);
      }
    });
  }
  return keys.sort();
}

async function lint(engine: Engine): Promise<Run> {
  const eslint = await engine.create(copyDir);
  const results = await eslint.lintFiles(['.']);
  return { eslint, results, findings: normalize(results, copyDir) };
}

function run(engine: Engine): Promise<Run> {
  let pending = runs.get(engine.name);
  if (!pending) {
    pending = lint(engine);
    runs.set(engine.name, pending);
  }
  return pending;
}

/** Texts a user sees: messages, suggestion descriptions (including suppressed ones). */
function visibleTexts(results: LintResultLike[]): string[] {
  return results.flatMap((r) =>
    [...r.messages, ...(r.suppressedMessages ?? [])].flatMap((m) => [
      m.message,
      ...(m.suggestions ?? []).map((s) => s.desc),
    ]),
  );
}

/** The results as JSON without source text: `source`, `output` and fix texts are the user's own code. */
function resultsWithoutSource(results: LintResultLike[]): string {
  return JSON.stringify(results, (key, value: unknown) =>
    key === 'source' || key === 'output' || key === 'fix' ? undefined : value,
  );
}

function leaksIn(text: string): string[] {
  const leaks: string[] = [];
  for (const secret of FAKE_SECRETS) {
    for (let i = 0; i + LEAK_WINDOW <= secret.length; i++) {
      const window = secret.slice(i, i + LEAK_WINDOW);
      if (text.includes(window)) {
        leaks.push(`${secret} (shows "${window}")`);
        break;
      }
    }
  }
  return leaks;
}

// ---------------------------------------------------------------------------------------

beforeAll(() => {
  if (!existsSync(PLUGIN_ENTRY)) {
    throw new Error(`${PLUGIN_ENTRY} is missing: run \`npm run build\` first (\`npm test\` does).`);
  }
  mkdirSync(TMP_ROOT, { recursive: true });
  workDir = mkdtempSync(path.join(TMP_ROOT, 'eslint-matrix-'));
  copyDir = path.join(workDir, 'examples');
  cpSync(EXAMPLES_DIR, copyDir, { recursive: true });
});

afterAll(async () => {
  // Let pending runs settle before removing the files they read.
  await Promise.allSettled(runs.values());
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  try {
    rmdirSync(TMP_ROOT); // only when empty: other suites may be using it
  } catch {
    // not empty, or already gone
  }
});

describe('examples/ under real ESLint', () => {
  it('has expect markers naming plugin rules, and fake secrets to check against', async () => {
    const keys = expectedKeys(copyDir);
    expect(keys.length).toBeGreaterThan(0);
    const plugin = (
      (await import(pathToFileURL(PLUGIN_ENTRY).href)) as {
        default: { rules: Record<string, unknown> };
      }
    ).default;
    const known = new Set(Object.keys(plugin.rules).map((id) => PLUGIN_PREFIX + id));
    const unknown = keys.map((k) => k.slice(k.indexOf(' ') + 1)).filter((id) => !known.has(id));
    expect(unknown, 'marker ids that are not rules of the plugin').toEqual([]);
    for (const id of [
      'no-disabled-cert-verification',
      'require-ssl',
      'no-weak-sslmode',
      'no-hardcoded-credentials',
      'min-tls-version',
    ]) {
      expect(
        keys.some((k) => k.endsWith(` ${PLUGIN_PREFIX}${id}`)),
        `a marker for ${id}`,
      ).toBe(true);
    }
    const sources = listSourceFiles(copyDir)
      .map((f) => readFileSync(path.join(copyDir, f), 'utf8'))
      .join('\n');
    for (const secret of FAKE_SECRETS) expect(sources, `examples use ${secret}`).toContain(secret);
  });

  describe.each(ENGINES.map((engine) => [engine.name, engine] as const))('%s', (_name, engine) => {
    it(
      'lints every example source file without parse errors',
      { timeout: RUN_TIMEOUT },
      async () => {
        const { results } = await run(engine);
        const linted = results.map((r) => toPosix(path.relative(copyDir, r.filePath))).sort();
        expect(linted).toEqual(listSourceFiles(copyDir));
        const fatal = results.flatMap((r) =>
          r.messages
            .filter((m) => m.fatal || m.ruleId === null)
            .map((m) => `${r.filePath}:${m.line} ${m.message}`),
        );
        expect(fatal).toEqual([]);
      },
    );

    it('reports exactly the lines marked `// expect:`', { timeout: RUN_TIMEOUT }, async () => {
      const { findings } = await run(engine);
      expect(findingKeys(findings)).toEqual(expectedKeys(copyDir));
    });

    it('never shows a fake password', { timeout: RUN_TIMEOUT }, async () => {
      const { eslint, results } = await run(engine);
      const credentialFindings = results.flatMap((r) =>
        r.messages.filter((m) => m.ruleId === `${PLUGIN_PREFIX}no-hardcoded-credentials`),
      );
      expect(credentialFindings.length, 'the check is not vacuous').toBeGreaterThan(0);

      for (const text of visibleTexts(results)) expect(leaksIn(text), text).toEqual([]);

      const stylish = await (await eslint.loadFormatter('stylish')).format(results);
      expect(stylish).toContain(`${PLUGIN_PREFIX}no-hardcoded-credentials`);
      expect(leaksIn(stylish), 'stylish output').toEqual([]);

      expect(leaksIn(resultsWithoutSource(results)), 'results without source').toEqual([]);
    });
  });

  it(
    'every engine gives identical findings (path, line, column, rule, message)',
    { timeout: RUN_TIMEOUT * 2 },
    async () => {
      const all = await Promise.all(
        ENGINES.map(async (engine) => [engine.name, (await run(engine)).findings] as const),
      );
      const [reference, ...others] = all;
      if (!reference) throw new Error('no engines');
      expect(reference[1].length).toBeGreaterThan(0);
      for (const [name, findings] of others) {
        expect({ engine: name, findings }).toEqual({ engine: name, findings: reference[1] });
      }
    },
  );

  it(
    'ESLint 10 with concurrency 2 gives the same findings as concurrency off',
    { timeout: RUN_TIMEOUT * 2 },
    async () => {
      const [serial, concurrent] = await Promise.all([run(ESLINT10_FLAT), run(CONCURRENT_ENGINE)]);
      expect(concurrent.findings.length).toBeGreaterThan(0);
      expect(concurrent.findings).toEqual(serial.findings);
    },
  );
});
