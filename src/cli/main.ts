/**
 * The `secure-db` command, as a function of its arguments and streams (tests call it too):
 * it parses the arguments, loads the configuration, calls the scanner's API (`scan`,
 * `fixProject`), reports, and picks the exit code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readPackageMeta } from '../package-meta.js';
import { loadReporter } from '../report/formats.js';
import { carryRedactor, redactText } from '../report/redact.js';
import { escapeTerminalText } from '../report/terminal-text.js';
import type { ScanResult } from '../report/result.js';
import { BaselineError, hasEntries, serializeBaseline } from '../scanner/baseline.js';
import { IgnorePatternsError } from '../scanner/discover.js';
import type { FixProjectResult } from '../scanner/fix-project.js';
import type { Changes } from '../scanner/git-changes.js';
import { eslintSettingsSource } from '../scanner/eslint-config-static.js';
import { scan, ScanConfigError, type ScanOptions, type SourceProvider } from '../scanner/scan.js';
import { HELP, parseCli, UsageError, type CliOptions, type ReportOutput } from './args.js';
import { ConfigError, loadConfig } from './config.js';
import { EXIT, type ExitCode } from './exit-codes.js';

import type { CliIo } from './io.js';

export type { CliIo };

function useColor(options: CliOptions, output: ReportOutput, io: CliIo): boolean {
  if (output.file !== undefined || output.format !== 'stylish') return false;
  if (options.color !== undefined) return options.color;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined)
    return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  return io.stdout.isTTY === true;
}

/** A progress line on a terminal, for scans that take longer than `afterMs` (default 1 s). */
class Progress {
  readonly #start = Date.now();
  #last = 0;
  #drawn = false;
  constructor(
    private readonly stream: CliIo['stderr'],
    private readonly afterMs: number,
  ) {}
  update(done: number, total: number): void {
    const now = Date.now();
    if (now - this.#start < this.afterMs || now - this.#last < 100) return;
    this.#last = now;
    this.#drawn = true;
    this.stream.write(`\r\u001b[Ksecure-db: scanned ${done}/${total} files`);
  }
  clear(): void {
    if (this.#drawn) this.stream.write('\r\u001b[K');
  }
}

async function loadGit() {
  const [{ changesSince }, { GitError }, { stagedSource }] = await Promise.all([
    import('../scanner/git-changes.js'),
    import('../scanner/git.js'),
    import('../scanner/git-staged.js'),
  ]);
  return { changesSince, GitError, stagedSource };
}

/** `SECURE_DB_PROGRESS_AFTER_MS`: when the progress line may appear (milliseconds, default 1000). */
function progressDelay(setting: string | undefined): number {
  return setting !== undefined && /^\d+$/.test(setting.trim()) ? Number(setting) : 1000;
}

/** knip: make stdout blocking so a large report is not cut off when piped (nodejs/node#6379). */
function setBlocking(stream: unknown): void {
  const handle = (stream as { _handle?: { setBlocking?: (b: boolean) => void } })._handle;
  handle?.setBlocking?.(true);
}

export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  // Messages name files and arguments from the project: never a raw escape sequence.
  const say = (message: string) => io.stderr.write(`secure-db: ${escapeTerminalText(message)}\n`);
  // `probe` has its own options (and must never echo a URL): parsed apart, loaded on use.
  if (argv[0] === 'probe') return (await import('./probe.js')).runProbe(argv.slice(1), io);
  let options: CliOptions;
  try {
    options = parseCli(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(`${error.message} (secure-db --help shows the usage)`);
    return EXIT.error;
  }
  const meta = readPackageMeta();
  if (options.command === 'help') {
    io.stdout.write(HELP);
    return EXIT.clean;
  }
  if (options.command === 'version') {
    io.stdout.write(`${meta.version}\n`);
    return EXIT.clean;
  }
  // What only some commands use is loaded when used: a scan starts sooner (`npm run bench`).
  if (options.command === 'init')
    return (await import('./init.js')).runInit(options.init, io, meta.version);

  let config;
  let configSource: string | null;
  try {
    ({ config, source: configSource } = loadConfig(io.cwd, options.config));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    say(`configuration error: ${error.message}`);
    return EXIT.error;
  }

  if (options.printConfig)
    return (await import('./print-config.js')).runPrintConfig(options, config, io, configSource);

  if (options.fixDryRun && options.outputs.some((o) => o.format !== 'stylish' && !o.file)) {
    say(
      '--fix-dry-run prints a diff on stdout; with --format json, sarif or github, write the report with -o FILE',
    );
    return EXIT.error;
  }

  // Git first: a missing repository or a bad ref is a usage error before any scanning.
  let source: SourceProvider | undefined;
  if (options.stdinFilename !== undefined) {
    if (options.fix) {
      say('--fix cannot write to stdin; use --fix-dry-run to see the fixes as a diff');
      return EXIT.error;
    }
    const { stdinSource } = await import('../scanner/stdin-source.js');
    const bytes = await readAll(io.stdin ?? process.stdin);
    const piped = stdinSource(io.cwd, options.stdinFilename, bytes, config.ignores ?? []);
    if (!piped.source) {
      if (options.warnIgnored)
        say(
          `${piped.relativePath} is ignored because of a matching ignore pattern (use --no-warn-ignored to hide this)`,
        );
      return EXIT.clean;
    }
    source = piped.source;
  }
  let changes: Changes | undefined;
  const git = options.staged || options.since !== undefined ? await loadGit() : undefined;
  try {
    if (options.staged)
      source = git!.stagedSource({
        cwd: io.cwd,
        paths: options.paths,
        ignores: config.ignores ?? [],
      });
    if (options.since !== undefined) changes = git!.changesSince(io.cwd, options.since);
  } catch (error) {
    if (!(error instanceof git!.GitError)) throw error;
    say(error.message);
    return EXIT.error;
  }

  const progress = io.stderr.isTTY
    ? new Progress(io.stderr, progressDelay(process.env.SECURE_DB_PROGRESS_AFTER_MS))
    : undefined;
  const scanOptions: ScanOptions = {
    cwd: io.cwd,
    paths: options.paths,
    // Only what is set: ESLint's configuration fills the rest for JS/TS files.
    ...definedOnly({
      profile: options.profile ?? config.profile,
      minimumSslmode: options.minSslmode ?? config.minimumSslmode,
      minimumTlsVersion: config.minimumTlsVersion,
      environments: config.environments,
      rules: config.rules,
    }),
    ...definedOnly({
      eslintConfigs: eslintSettingsSource(io.cwd, options.eslintConfig ?? config.eslintConfig),
    }),
    ignores: config.ignores ?? [],
    ...definedOnly({
      maxFileBytes: options.maxFileBytes ?? config.maxFileBytes,
      maxFileMs: options.maxFileMs ?? config.maxFileMs,
    }),
    ...(options.baseline ? { baseline: options.baseline } : {}),
    updateBaseline: options.updateBaseline,
    pruneBaseline: options.pruneBaseline,
    ...(progress
      ? {
          onProgress: (done: number, total: number) => {
            progress.update(done, total);
          },
        }
      : {}),
    ...(source ? { source } : {}),
    ...(changes ? { changes, newOnly: options.newOnly } : {}),
    ...(options.explain ? { explain: true } : {}),
  };
  const cache = options.cache
    ? await openCache(io.cwd, options.cacheLocation, meta.version, scanOptions)
    : undefined;
  if (cache) scanOptions.cache = cache;

  // The reporters load while the scan waits on its own loads (parsers, grammars), not after.
  const reporters = options.outputs.map((output) => loadReporter(output.format));
  for (const loading of reporters) loading.catch(() => {}); // awaited below, if the scan ends

  let result: ScanResult;
  let fixed: FixProjectResult | undefined;
  try {
    if (options.fix || options.fixDryRun) {
      // The fix engine loads only for fixes: a scan starts sooner (`npm run bench`).
      const { fixProject } = await import('../scanner/fix-project.js');
      fixed = await fixProject({ ...scanOptions, mode: options.fix ? 'write' : 'dry-run' });
      result = fixed.result;
    } else result = await scan(scanOptions);
  } catch (error) {
    progress?.clear();
    if (error instanceof IgnorePatternsError) {
      say(error.message);
      return EXIT.error;
    }
    if (error instanceof BaselineError) {
      say(`baseline error: ${error.message}`);
      return EXIT.error;
    }
    if (error instanceof ScanConfigError) {
      say(`configuration error: ${error.message}`);
      return EXIT.error;
    }
    // `--since`: a changed file that git cannot diff (`--new-only`).
    if (git && error instanceof git.GitError) {
      say(error.message);
      return EXIT.error;
    }
    throw error;
  }
  progress?.clear();
  cache?.save(io.cwd);
  const fixDiff = fixed?.diff ?? '';
  if (options.fix && fixed && fixed.applied > 0) {
    const [n, files] = [fixed.applied, fixed.files.length];
    say(`fixed ${n} problem${n === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`);
  }

  if (result.missing.length) {
    for (const m of result.missing) say(`no files matching "${m}" were found`);
    return EXIT.error;
  }
  if (options.warnIgnored) {
    for (const file of result.ignored)
      say(
        `${file} is ignored because of a matching ignore pattern (use --no-warn-ignored to hide this)`,
      );
  }
  if (options.quiet)
    result = carryRedactor(result, {
      ...result,
      results: result.results.filter((r) => r.severity === 'error'),
    });

  // Every report renders the same result: one scan, as many formats as asked for. Files
  // first, then stdout (the fix diff before the report, as with a single format).
  let written = true;
  let stdoutReport = '';
  for (const [index, output] of options.outputs.entries()) {
    const reporter = await reporters[index]!;
    // The last pass of the one redaction (docs/reliability.md): also spellings a reporter made.
    const report = redactText(
      result,
      reporter(result, {
        tool: { name: 'secure-db', version: meta.version },
        color: useColor(options, output, io),
        // Wrapped to the terminal only: a pipe or a file gets one line per result.
        ...(output.file === undefined && io.stdout.isTTY && io.stdout.columns
          ? { width: io.stdout.columns }
          : {}),
        includeSuppressed: options.includeSuppressed,
        fixUnavailable: options.staged,
      }),
    );
    if (output.file === undefined)
      stdoutReport = report || (output.format === 'stylish' ? hiddenByBaseline(result) : '');
    else written = writeReport(resolve(io.cwd, output.file), output.file, report, say) && written;
  }
  setBlocking(io.stdout);
  if (fixDiff) io.stdout.write(fixDiff);
  if (stdoutReport) io.stdout.write(stdoutReport);
  if (!written) return EXIT.error;

  let code: ExitCode = EXIT.clean;
  const errors = result.results.filter((r) => r.severity === 'error').length;
  const warnings = result.results.length - errors;
  if (errors > 0) code = EXIT.findings;
  else if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    say(`too many warnings (${warnings}; maximum: ${options.maxWarnings})`);
    code = EXIT.findings;
  }
  if (result.baseline.written && result.baseline.path)
    say(`baseline written to ${relativeOrAbsolute(io.cwd, result.baseline.path)}`);
  // An editor's one file says nothing about the rest of the baseline.
  const checkUnused = !options.passOnUnprunedBaseline && options.stdinFilename === undefined;
  if (hasEntries(result.baseline.unused) && checkUnused) {
    say(
      'the baseline has entries that no longer occur; run again with --prune-baseline (or --update-baseline), or pass --pass-on-unpruned-baseline',
    );
    for (const line of serializeBaseline(result.baseline.unused).trimEnd().split('\n'))
      io.stderr.write(`  ${escapeTerminalText(line)}\n`);
    code = EXIT.error;
  }
  if (result.errors.some((e) => e.kind === 'internal')) {
    say('internal error: some files were not fully scanned (see the report)');
    code = EXIT.error;
  }
  // A file the budget left unscanned must not pass a gate: its findings may be missing.
  const pastBudget = result.errors.filter((e) => e.kind === 'budget').length;
  if (pastBudget > 0) {
    const files = pastBudget === 1 ? '1 file' : `${pastBudget} files`;
    say(
      `not fully scanned: ${files} past the size or time budget per file (see the report; --max-file-size, --max-file-time raise them)`,
    );
    code = EXIT.error;
  }
  return code;
}

/** `--cache`: loaded on use; the configuration digest invalidates it whole when it changes. */
async function openCache(
  cwd: string,
  location: string | undefined,
  version: string,
  scanOptions: ScanOptions,
) {
  const { cachePath, FileCache } = await import('./cache.js');
  const { createHash } = await import('node:crypto');
  const { profile, minimumSslmode, minimumTlsVersion, environments, rules } = scanOptions;
  const config = createHash('sha256')
    .update(
      JSON.stringify({
        profile,
        minimumSslmode,
        minimumTlsVersion,
        environments,
        rules: rules instanceof Map ? [...rules] : rules,
        eslint: scanOptions.eslintConfigs?.mode ?? null,
      }),
    )
    .digest('hex');
  return new FileCache(cachePath(cwd, location), version, config);
}

/** The one line a clean stylish report has when the baseline hid every result. */
function hiddenByBaseline(result: ScanResult): string {
  const hidden = result.suppressed.filter((r) => r.suppression?.kind === 'external').length;
  if (hidden === 0) return '';
  // The baseline file, eslint-suppressions.json, or both: the line names neither.
  return `${hidden} finding${hidden === 1 ? '' : 's'} hidden by the baseline\n`;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** `{ a: 1, b: undefined }` → `{ a: 1 }` (exactOptionalPropertyTypes). */
function definedOnly<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(object).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

function writeReport(
  path: string,
  name: string,
  report: string,
  say: (message: string) => void,
): boolean {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, report);
    return true;
  } catch (error) {
    say(`cannot write ${name} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return false;
  }
}

function relativeOrAbsolute(cwd: string, path: string): string {
  return path.startsWith(cwd + '/') ? path.slice(cwd.length + 1) : path;
}
