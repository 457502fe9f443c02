/** Command-line parsing with `util.parseArgs` (no dependency). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest } from '../core/settings-schema.js';
import { FORMATS, type Format } from '../report/formats.js';
import { SettingsError } from '../core/settings-schema.js';
import { parseSizeBudget, parseTimeBudget, SSLMODES } from './config.js';

export class UsageError extends Error {}

/** One report of a scan: a format, written to a file or (no file) to stdout. */
export interface ReportOutput {
  format: Format;
  file?: string;
}

export interface CliOptions {
  command: 'scan' | 'init' | 'help' | 'version';
  paths: string[];
  /** The first of `outputs` (the only one unless several `--format`s are given). */
  format: Format;
  outputFile?: string;
  /** Every report of the run, in the order of their `--format` options. */
  outputs: ReportOutput[];
  profile?: 'default' | 'strict';
  minSslmode?: 'require' | 'verify-ca' | 'verify-full';
  fix: boolean;
  fixDryRun: boolean;
  /** -1 = unlimited (ESLint's default). */
  maxWarnings: number;
  baseline?: string;
  updateBaseline: boolean;
  pruneBaseline: boolean;
  passOnUnprunedBaseline: boolean;
  config?: string;
  /** undefined = decide from the environment (TTY, NO_COLOR, FORCE_COLOR). */
  color?: boolean;
  quiet: boolean;
  warnIgnored: boolean;
  includeSuppressed: boolean;
  /** Scan the content staged in the git index. */
  staged: boolean;
  /** Report only files changed since the merge base with this git revision. */
  since?: string;
  /** With `since`: only results on changed lines. */
  newOnly: boolean;
  /**
   * How to read the project's ESLint configuration for JS/TS files: `true`
   * (`--eslint-config`) has ESLint compute it, which runs `eslint.config.js`; `false`
   * (`--no-eslint-config`) reads none. Undefined: the scanner configuration's
   * `eslintConfig` decides, and by default the configuration is read as data.
   */
  eslintConfig?: boolean;
  /** `--print-config [file]`: print the effective configuration (for `paths[0]`) instead of scanning. */
  printConfig: boolean;
  /** Say why each finding has its environment, loopback status and driver. */
  explain: boolean;
  /** `--cache`: reuse per-file results; `cacheLocation` overrides where they are kept. */
  cache: boolean;
  cacheLocation?: string;
  /** `--stdin --stdin-filename <path>`: scan the text on stdin as that file. */
  stdinFilename?: string;
  /** `--max-file-size`: the size budget per file, in bytes. */
  maxFileBytes?: number;
  /** `--max-file-time`: the time budget per file, in milliseconds of CPU time (0: none). */
  maxFileMs?: number;
  /** `secure-db init`: what to write (none given: `eslint`). */
  init: { eslint: boolean; preCommit: boolean; husky: boolean; force: boolean };
}

export const HELP = `Usage: secure-db scan [paths...] [options]
       secure-db init [--eslint] [--pre-commit] [--husky] [--force]
       secure-db probe <postgres-url> [options]   (see secure-db probe --help)

Scan a repository for database connections without TLS, with weak TLS or
verification turned off, and for hardcoded database passwords.

Paths are files, directories or globs (default: .). .gitignore is honoured;
node_modules and .git are always skipped.

Options:
  -f, --format <name>            stylish (default) | json | sarif | github | gitlab
  -o, --output-file <file>       Write the report to a file instead of stdout (also --output);
                                 several reports in one run: --format sarif -o a.sarif --format stylish
      --profile <name>           default | strict
      --min-sslmode <mode>       require | verify-ca | verify-full (default)
      --fix                      Apply safe fixes, then report what is left
      --fix-dry-run              Print the fixes as a unified diff (secrets masked)
      --max-warnings <n>         Exit 1 when there are more than n warnings
      --baseline <file>          Baseline file (default: secure-db-baseline.json)
      --update-baseline          Write the current error counts to the baseline
      --prune-baseline           Remove unused entries from the baseline
      --pass-on-unpruned-baseline  Do not exit 2 for unused baseline entries
  -c, --config <file>            JSON configuration (default: "secure-db" in package.json)
      --eslint-config            Have ESLint compute its configuration (exact, but runs
                                 eslint.config.js: trusted code only); default: read as data
      --print-config [file]      Print the effective configuration (for a file) and exit
      --explain                  Say why each finding has its environment, loopback status, driver
      --cache                    Only re-analyse changed files (--cache-location <path>)
      --stdin                    Scan stdin, named by --stdin-filename <path> (for editors)
      --max-file-size <size>     Size budget per file (default 10MB); a larger file is not
                                 scanned, and the scan exits 2
      --max-file-time <time>     CPU time budget per file (default 10s; 0: none); a file past
                                 it is reported, and the scan exits 2
      --include-suppressed       Also output suppressed results (json, sarif)
      --quiet                    Report errors only
      --no-warn-ignored          Say nothing about explicit files that are ignored
      --no-color                 No colours (also NO_COLOR=1)
      --staged                   Scan the content staged in the git index (not the working tree)
      --since <git-ref>          Report only files changed since the merge base with <git-ref>
      --new-only                 With --since: only findings on changed lines
  -h, --help                     Show this help
  -v, --version                  Show the version

secure-db init writes starter configuration, never overwriting a file without --force:
      --eslint                   eslint.config.js with the plugin (the default)
      --pre-commit               .pre-commit-config.yaml with the secure-db hook
      --husky                    .husky/pre-commit running lint-staged, and .lintstagedrc.json
      --force                    Overwrite existing files

Exit codes: 0 clean, 1 findings at error level (or too many warnings),
2 usage, configuration or internal error, a file past its size or time
budget, or unused baseline entries.
Documentation: https://github.com/secure-db/secure-db/blob/main/docs/cli.md
`;

const OPTIONS = {
  format: { type: 'string', short: 'f', multiple: true },
  'output-file': { type: 'string', short: 'o', multiple: true },
  output: { type: 'string', multiple: true },
  profile: { type: 'string' },
  'min-sslmode': { type: 'string' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'max-warnings': { type: 'string' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  'prune-baseline': { type: 'boolean' },
  'pass-on-unpruned-baseline': { type: 'boolean' },
  config: { type: 'string', short: 'c' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  quiet: { type: 'boolean' },
  'warn-ignored': { type: 'boolean' },
  'no-warn-ignored': { type: 'boolean' },
  'include-suppressed': { type: 'boolean' },
  staged: { type: 'boolean' },
  since: { type: 'string' },
  'new-only': { type: 'boolean' },
  'print-config': { type: 'boolean' },
  explain: { type: 'boolean' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  'max-file-size': { type: 'string' },
  'max-file-time': { type: 'string' },
  'eslint-config': { type: 'boolean' },
  'no-eslint-config': { type: 'boolean' },
  eslint: { type: 'boolean' },
  'pre-commit': { type: 'boolean' },
  husky: { type: 'boolean' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** `--formt` → `unknown option --formt. Did you mean --format?` */
function unknownOption(message: string): string {
  const option = /Unknown option '([^']+)'/.exec(message)?.[1];
  if (!option) return message.split('\n')[0] ?? 'invalid arguments';
  const guess = option.startsWith('--')
    ? closest(option.slice(2), Object.keys(OPTIONS))
    : undefined;
  return `unknown option ${option}.${guess ? ` Did you mean --${guess}?` : ''}`;
}

export function parseCli(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
      tokens: true,
    });
  } catch (error) {
    throw new UsageError(unknownOption((error as Error).message));
  }
  const v = parsed.values;
  const base: CliOptions = {
    command: 'scan',
    paths: [],
    format: 'stylish',
    outputs: [{ format: 'stylish' }],
    fix: false,
    fixDryRun: false,
    maxWarnings: -1,
    updateBaseline: false,
    pruneBaseline: false,
    passOnUnprunedBaseline: false,
    quiet: false,
    warnIgnored: true,
    includeSuppressed: false,
    staged: false,
    newOnly: false,
    printConfig: false,
    explain: false,
    cache: false,
    init: { eslint: false, preCommit: false, husky: false, force: false },
  };
  if (v.help) return { ...base, command: 'help' };
  if (v.version) return { ...base, command: 'version' };
  const [command, ...paths] = parsed.positionals;
  if (command === undefined) throw new UsageError('missing command: secure-db scan [paths...]');
  const initFlags = (['eslint', 'pre-commit', 'husky', 'force'] as const).filter(
    (f) => v[f] !== undefined,
  );
  if (command === 'init') {
    const scanFlags = Object.keys(v).filter((k) => !(initFlags as readonly string[]).includes(k));
    if (scanFlags.length > 0)
      throw new UsageError(`--${scanFlags[0]!} is not an option of secure-db init`);
    if (paths.length > 0) throw new UsageError('secure-db init takes no paths');
    const init = {
      eslint: v.eslint === true,
      preCommit: v['pre-commit'] === true,
      husky: v.husky === true,
      force: v.force === true,
    };
    if (!init.eslint && !init.preCommit && !init.husky) init.eslint = true;
    return { ...base, command: 'init', init };
  }
  if (command !== 'scan')
    throw new UsageError(`unknown command "${command}": secure-db scan [paths...]`);
  if (initFlags.length > 0)
    throw new UsageError(`--${initFlags[0]!} is an option of secure-db init, not of scan`);
  const options: CliOptions = { ...base, paths };
  options.outputs = pairOutputs(parsed.tokens);
  options.format = options.outputs[0]!.format;
  if (options.outputs[0]!.file !== undefined) options.outputFile = options.outputs[0]!.file;
  if (v.profile !== undefined) {
    if (v.profile !== 'default' && v.profile !== 'strict')
      throw new UsageError('--profile must be default or strict');
    options.profile = v.profile;
  }
  if (v['min-sslmode'] !== undefined) {
    if (!(SSLMODES as readonly string[]).includes(v['min-sslmode']))
      throw new UsageError(`--min-sslmode must be one of ${SSLMODES.join(', ')}`);
    options.minSslmode = v['min-sslmode'] as CliOptions['minSslmode'];
  }
  if (v['max-warnings'] !== undefined) {
    const n = Number(v['max-warnings']);
    if (!/^-?\d+$/.test(v['max-warnings']) || !Number.isSafeInteger(n) || n < -1)
      throw new UsageError('--max-warnings must be an integer (-1 for no limit)');
    options.maxWarnings = n;
  }
  if (v.baseline !== undefined) {
    if (!v.baseline) throw new UsageError('--baseline needs a file name');
    options.baseline = v.baseline;
  }
  if (v.config !== undefined) {
    if (!v.config) throw new UsageError('--config needs a file name');
    options.config = v.config;
  }
  options.fix = v.fix === true;
  options.fixDryRun = v['fix-dry-run'] === true;
  if (options.fix && options.fixDryRun)
    throw new UsageError('--fix and --fix-dry-run cannot be combined');
  options.updateBaseline = v['update-baseline'] === true;
  options.pruneBaseline = v['prune-baseline'] === true;
  if (options.updateBaseline && options.pruneBaseline)
    throw new UsageError(
      '--update-baseline already prunes; do not combine it with --prune-baseline',
    );
  options.passOnUnprunedBaseline = v['pass-on-unpruned-baseline'] === true;
  if (v['no-color']) options.color = false;
  else if (v.color) options.color = true;
  options.quiet = v.quiet === true;
  options.warnIgnored = !(v['no-warn-ignored'] === true) || v['warn-ignored'] === true;
  options.includeSuppressed = v['include-suppressed'] === true;
  if (v['eslint-config'] === true) options.eslintConfig = true;
  if (v['no-eslint-config'] === true) options.eslintConfig = false;
  parseComforts(v, options);
  parseBudgets(v, options);
  options.staged = v.staged === true;
  if (v.since !== undefined) {
    if (!v.since) throw new UsageError('--since needs a git revision');
    options.since = v.since;
  }
  options.newOnly = v['new-only'] === true;
  if (options.newOnly && options.since === undefined)
    throw new UsageError('--new-only needs --since <git-ref>');
  if (options.staged) {
    if (options.fix || options.fixDryRun)
      throw new UsageError(
        '--staged cannot be combined with --fix or --fix-dry-run: fixes are written to the working tree, not the index',
      );
    if (options.since !== undefined)
      throw new UsageError('--staged and --since cannot be combined');
  }
  return options;
}

/** `--print-config`, `--explain`, `--cache`, `--stdin`: checked together, they exclude each other in places. */
function parseComforts(
  v: Partial<Record<keyof typeof OPTIONS, string | boolean | string[]>>,
  options: CliOptions,
): void {
  options.printConfig = v['print-config'] === true;
  if (options.printConfig && options.paths.length > 1)
    throw new UsageError('--print-config takes at most one file');
  options.explain = v.explain === true;
  options.cache = v.cache === true;
  if (typeof v['cache-location'] === 'string') {
    if (!v['cache-location']) throw new UsageError('--cache-location needs a path');
    options.cacheLocation = v['cache-location'];
  }
  if (v.stdin === true) {
    const name = v['stdin-filename'];
    if (typeof name !== 'string' || !name)
      throw new UsageError(
        '--stdin needs --stdin-filename <path>: the name decides the file type and environment',
      );
    if (options.paths.length > 0) throw new UsageError('--stdin takes no paths');
    for (const flag of ['staged', 'since', 'update-baseline', 'prune-baseline', 'cache'] as const)
      if (v[flag] !== undefined) throw new UsageError(`--stdin cannot be combined with --${flag}`);
    options.stdinFilename = name;
  } else if (v['stdin-filename'] !== undefined)
    throw new UsageError('--stdin-filename needs --stdin');
}

/** `--max-file-size`, `--max-file-time`: the budgets per file (docs/reliability.md, "Limits"). */
function parseBudgets(
  v: Partial<Record<keyof typeof OPTIONS, string | boolean | string[]>>,
  options: CliOptions,
): void {
  try {
    if (typeof v['max-file-size'] === 'string')
      options.maxFileBytes = parseSizeBudget(v['max-file-size'], '--max-file-size');
    if (typeof v['max-file-time'] === 'string')
      options.maxFileMs = parseTimeBudget(v['max-file-time'], '--max-file-time');
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(error.message);
    throw error;
  }
}

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/**
 * `--format` and `--output-file` (`-o`, `--output`) in the order given: each `--format`
 * starts a report and the `--output-file` after it is that report's file, so one scan can
 * write SARIF for code scanning and print stylish for the log. A file given before any
 * `--format` belongs to the first one (`-o report.json -f json`, as ESLint reads it).
 */
function pairOutputs(tokens: readonly Token[] | undefined): ReportOutput[] {
  const outputs: ReportOutput[] = [];
  let leadingFile: string | undefined;
  for (const token of tokens ?? []) {
    if (token.kind !== 'option') continue;
    if (token.name === 'format') {
      const format = token.value ?? '';
      if (!(FORMATS as readonly string[]).includes(format))
        throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
      outputs.push({ format: format as Format });
    } else if (token.name === 'output-file' || token.name === 'output') {
      const file = token.value ?? '';
      if (!file) throw new UsageError(`${token.rawName} needs a file name`);
      const last = outputs.at(-1);
      if (last === undefined && leadingFile === undefined) leadingFile = file;
      else if (last !== undefined && last.file === undefined) last.file = file;
      else
        throw new UsageError(
          `${token.rawName} ${file}: one output file per --format (give each report its own --format)`,
        );
    }
  }
  if (outputs.length === 0) outputs.push({ format: 'stylish' });
  if (leadingFile !== undefined) {
    if (outputs[0]!.file !== undefined)
      throw new UsageError(
        `--output-file ${leadingFile}: one output file per --format (give each report its own --format)`,
      );
    outputs[0]!.file = leadingFile;
  }
  if (outputs.filter((o) => o.file === undefined).length > 1)
    throw new UsageError(
      'only one report can go to stdout: give the other --format options an --output-file',
    );
  const files = outputs.flatMap((o) => (o.file === undefined ? [] : [o.file]));
  const repeated = files.find((file, index) => files.indexOf(file) !== index);
  if (repeated !== undefined) throw new UsageError(`two reports write to ${repeated}`);
  return outputs;
}
