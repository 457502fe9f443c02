/**
 * Runs a rule's cases with `@typescript-eslint/rule-tester` twice: once with ESLint's
 * default parser (espree) and once with `@typescript-eslint/parser`. Cases marked
 * `tsOnly` (TypeScript syntax: `as const`, `satisfies`, type annotations) run only with
 * the TypeScript parser.
 *
 * Every case defaults to `filename: 'src/db.js'`: no environment evidence, so the
 * environment is "unknown", which POLICY counts as production.
 *
 * A case may list `secrets`: the password texts it contains. Besides RuleTester's own
 * checks, every such case is linted with all five rules and no message or suggestion
 * description may contain any of them (POLICY "Output": never print a secret).
 *
 * Every invalid case with suggestions also checks that applying each suggestion leaves
 * fewer findings of the rule (POLICY "Fixes": a second run finds nothing more to fix).
 */
import {
  RuleTester,
  type InvalidTestCase,
  type ValidTestCase,
} from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as espree from 'espree';
import { expect } from 'vitest';
import plugin from '../../src/plugin/index.js';

const DEFAULT_FILENAME = 'src/db.js';

/** POLICY.md's production-guard example, verbatim: the pattern the product recommends must pass every rule. */
export const POLICY_GUARD_EXAMPLE = `import { Pool } from 'pg';
const isProduction = process.env.NODE_ENV === 'production';
const sslEnabled = process.env.DB_SSL === 'true';
if (isProduction && !sslEnabled) throw new Error('Database TLS is required in production');
export const pool = new Pool({
  host: process.env.DB_HOST, password: process.env.DB_PASSWORD,
  ssl: sslEnabled ? { rejectUnauthorized: process.env.DB_SSL_REJECT_UNAUTHORIZED !== 'false',
                      ca: process.env.DB_SSL_CA } : false,
});
`;

type Settings = Record<string, unknown>;

interface CaseBase {
  code: string;
  /** Shown by vitest; defaults to the code. */
  name?: string;
  filename?: string;
  /** `settings['secure-db']`, e.g. `{ profile: 'strict' }`. */
  secureDb?: Settings;
  /** Only for `@typescript-eslint/parser` (TypeScript syntax). */
  tsOnly?: boolean;
  /** Password texts in `code` that must never appear in any message. */
  secrets?: readonly string[];
  only?: boolean;
}

interface ValidCase<Options extends readonly unknown[]> extends CaseBase {
  options?: Options;
}

interface ExpectedSuggestion {
  output: string;
  /** Defaults to `applyFix`, the only suggestion message id of the plugin. */
  messageId?: 'applyFix';
}

interface ExpectedError<MessageId extends string> {
  messageId: MessageId;
  /** The message's data (core/messages.ts): RuleTester checks the message it fills. */
  data?: Readonly<Record<string, string>>;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Required by ESLint 9+ whenever the finding has suggestions; `[]` when it has none. */
  suggestions?: readonly ExpectedSuggestion[] | null;
}

interface InvalidCase<
  MessageId extends string,
  Options extends readonly unknown[],
> extends CaseBase {
  options?: Options;
  errors: readonly ExpectedError<MessageId>[];
  /** Autofix output (only with `secureDb: { autofix: true }`). */
  output?: string | null;
}

export interface Cases<MessageId extends string, Options extends readonly unknown[]> {
  valid: readonly (ValidCase<Options> | string)[];
  invalid: readonly InvalidCase<MessageId, Options>[];
}

const PARSERS = [
  { label: 'espree', parser: espree as unknown as Linter.Parser, ts: false },
  { label: '@typescript-eslint/parser', parser: undefined, ts: true },
] as const;

function settingsOf(c: CaseBase): Settings | undefined {
  return c.secureDb ? { 'secure-db': c.secureDb } : undefined;
}

function nameOf(c: CaseBase): string {
  const text = c.name ?? c.code.replace(/\s+/g, ' ').trim();
  const where = c.filename && c.filename !== DEFAULT_FILENAME ? ` [${c.filename}]` : '';
  const settings = c.secureDb ? ` ${JSON.stringify(c.secureDb)}` : '';
  return (text.length > 110 ? `${text.slice(0, 107)}...` : text) + where + settings;
}

/** Runs `cases` for `rule` under both parsers, plus an empty file. */
export function runRuleTests<MessageId extends string, Options extends readonly unknown[]>(
  ruleName: string,
  rule: TSESLint.RuleModule<MessageId, Options>,
  cases: Cases<MessageId, Options>,
): void {
  const valid = cases.valid.map((c) => (typeof c === 'string' ? { code: c } : c));
  for (const { label, parser, ts } of PARSERS) {
    const tester = new RuleTester(
      parser
        ? { languageOptions: { parser, sourceType: 'module', ecmaVersion: 'latest' } }
        : { languageOptions: { sourceType: 'module' } },
    );
    const keep = (c: CaseBase) => ts || !c.tsOnly;
    const validCases: ValidTestCase<Options>[] = [
      { code: '', filename: DEFAULT_FILENAME, name: `(${label}) empty file` },
    ];
    for (const c of valid.filter(keep)) {
      const settings = settingsOf(c);
      validCases.push({
        code: c.code,
        filename: c.filename ?? DEFAULT_FILENAME,
        name: `(${label}) ${nameOf(c)}`,
        ...(c.options ? { options: c.options } : {}),
        ...(settings ? { settings } : {}),
        ...(c.only ? { only: true } : {}),
      });
    }
    const invalidCases: InvalidTestCase<MessageId, Options>[] = cases.invalid
      .filter(keep)
      .map((c) => {
        const settings = settingsOf(c);
        return {
          code: c.code,
          filename: c.filename ?? DEFAULT_FILENAME,
          name: `(${label}) ${nameOf(c)}`,
          ...(c.options ? { options: c.options } : {}),
          ...(settings ? { settings } : {}),
          ...(c.only ? { only: true } : {}),
          output: c.output ?? null,
          errors: c.errors.map((e) => ({
            messageId: e.messageId,
            ...(e.data ? { data: e.data } : {}),
            line: e.line,
            column: e.column,
            ...(e.endLine !== undefined ? { endLine: e.endLine } : {}),
            ...(e.endColumn !== undefined ? { endColumn: e.endColumn } : {}),
            ...(e.suggestions === undefined
              ? {}
              : {
                  suggestions:
                    e.suggestions === null
                      ? null
                      : e.suggestions.map((s) => ({
                          messageId: (s.messageId ?? 'applyFix') as MessageId,
                          output: s.output,
                        })),
                }),
          })),
        };
      });
    describe(`${ruleName} (${label})`, () => {
      tester.run(ruleName, rule as never, { valid: validCases, invalid: invalidCases });
      const withSuggestions = cases.invalid.filter(
        (c) => keep(c) && c.errors.some((e) => e.suggestions?.length),
      );
      if (withSuggestions.length > 0) {
        // POLICY "Fixes": a second run finds nothing more to fix where the suggestion applied.
        describe('each suggestion removes its finding', () => {
          for (const c of withSuggestions) {
            it(nameOf(c), () => {
              const before = lintWith(ruleName, c, c.code, ts ? tsParser : parser).length;
              for (const e of c.errors) {
                for (const suggestion of e.suggestions ?? []) {
                  expect(
                    lintWith(ruleName, c, suggestion.output, ts ? tsParser : parser).length,
                    suggestion.output,
                  ).toBeLessThan(before);
                }
              }
            });
          }
        });
      }
      const withSecrets = [...valid, ...cases.invalid].filter((c) => keep(c) && c.secrets?.length);
      if (withSecrets.length > 0) {
        describe('never prints a secret', () => {
          for (const c of withSecrets) {
            it(nameOf(c), () => {
              assertNoSecretPrinted(c, ts ? tsParser : parser);
            });
          }
        });
      }
    });
  }
}

function lintWith(
  ruleName: string,
  c: CaseBase & { options?: readonly unknown[] },
  code: string,
  parser: Linter.Parser | typeof tsParser,
): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: LINTED_FILES,
        plugins: { 'secure-db': plugin },
        rules: { [`secure-db/${ruleName}`]: ['error', ...(c.options ?? [])] as Linter.RuleEntry },
        settings: c.secureDb ? { 'secure-db': c.secureDb } : {},
        languageOptions: {
          parser,
          sourceType: 'module',
          ecmaVersion: 'latest',
        },
      },
    ],
    { filename: c.filename ?? DEFAULT_FILENAME },
  );
  // A parse error or "no matching configuration" would make every check below vacuous.
  expect(messages.filter((m) => m.ruleId === null)).toEqual([]);
  return messages;
}

/** ESLint's flat config only lints `.js`-like files unless told otherwise. */
const LINTED_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

const ALL_RULES = Object.fromEntries(
  Object.keys(plugin.rules).map((id) => [`secure-db/${id}`, 'error' as const]),
);

/** Lints with all five rules (and strict, so that nothing is filtered) and checks every text shown. */
function assertNoSecretPrinted(c: CaseBase, parser: Linter.Parser | typeof tsParser): void {
  const linter = new Linter({ configType: 'flat' });
  for (const profile of ['default', 'strict'] as const) {
    const messages = linter.verify(
      c.code,
      [
        {
          files: LINTED_FILES,
          plugins: { 'secure-db': plugin },
          rules: ALL_RULES,
          settings: { 'secure-db': { ...c.secureDb, profile } },
          languageOptions: {
            parser,
            sourceType: 'module',
            ecmaVersion: 'latest',
          },
        },
      ],
      { filename: c.filename ?? DEFAULT_FILENAME },
    );
    // A parse error or "no matching configuration" would make every check below vacuous.
    expect(messages.filter((m) => m.ruleId === null)).toEqual([]);
    const shown = messages.flatMap((m) => [m.message, ...(m.suggestions ?? []).map((s) => s.desc)]);
    for (const secret of c.secrets ?? []) {
      for (const text of shown) expect(text).not.toContain(secret);
    }
  }
}

/**
 * One pg pool whose `ssl` is `test ? whenTrue : whenFalse`, written both ways: returned by a
 * function through `if (test) return whenTrue; return whenFalse;`, and as the ternary. The
 * rules must judge the two alike (policy-decisions "A value a function returns").
 */
export function ifReturnAndTernary(
  test: string,
  whenTrue: string,
  whenFalse: string,
): { ifReturn: string; ternary: string } {
  return {
    ifReturn: `import { Pool } from 'pg';
function sslFor() {
  console.log('connecting');
  if (${test}) return ${whenTrue};
  return ${whenFalse};
}
export const pool = new Pool({ host: 'db.example.com', ssl: sslFor() });`,
    ternary: `import { Pool } from 'pg';
export const pool = new Pool({ host: 'db.example.com', ssl: ${test} ? ${whenTrue} : ${whenFalse} });`,
  };
}

/** Where the last `needle` in `code` starts, as RuleTester counts (1-based line and column). */
export function lastPosition(code: string, needle: string): { line: number; column: number } {
  const before = code.slice(0, code.lastIndexOf(needle));
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}

/** `code` with its last `needle` replaced: a suggestion's output. */
export function replaceLast(code: string, needle: string, replacement: string): string {
  const at = code.lastIndexOf(needle);
  return code.slice(0, at) + replacement + code.slice(at + needle.length);
}
