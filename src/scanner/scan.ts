/**
 * `scan(options)`: discover → read → front-end loads → pass 1 (`collectFacts`) → cross-file
 * pass → pass 2 (`analyze`) → locations, messages, fingerprints → inline suppressions →
 * baseline → sorted result → (with `changes`) restricted to what changed.
 *
 * Nothing in a `ScanResult` holds source text: messages come from the policy's templates
 * with data that never holds a secret (masks only), diagnostics name problems, not bytes.
 * As a safety net, every message and diagnostic is also passed through `redactSecrets`
 * with the hardcoded passwords the scan itself found.
 */
import { classifySecret } from '../core/secrets.js';
import { isAutoFixable } from '../fix/apply-edits.js';
import { parsedProgram, releaseProgram } from '../frontends/estree/program-cache.js';
import { analyzeCrossFileDetailed, type CrossFileResult } from './cross-file.js';
import { mergeCrossFileFindings } from './cross-file-merge.js';
import { runFrontend, type FrontendFindings } from './run-frontend.js';
import { supplementProjectFacts } from './project-facts.js';
import { sequelizeConfigPaths } from './sequelizerc.js';
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { classifyFile, type EnvironmentPatterns } from '../core/environment.js';
import type { RuleId } from '../core/messages.js';
import type { RuleSeverity } from '../core/settings-schema.js';
import {
  effectiveSettings,
  type ExplicitSettings,
  type FileSettings,
} from './effective-settings.js';
import type { EslintSettingsSource } from './eslint-config.js';
import type { FileInfo, Finding, PolicyOptions } from '../core/model.js';
import { formatMessage } from '../core/messages.js';
import { SecretRedactor } from '../core/secrets.js';
import { passwordsInText } from '../core/connection-strings.js';
import { carryRedactor, redactResult } from '../report/redact.js';
import {
  type Baseline,
  DIRECTIVE_RULE_ID,
  docsUrlFor,
  type Explanation,
  type ScanDiagnostic,
  type ScanResult,
  type ScanResultEntry,
} from '../report/result.js';
import {
  applyBaseline,
  DEFAULT_BASELINE_FILE,
  ESLINT_SUPPRESSIONS_FILE,
  hasEntries,
  pruneBaseline,
  readBaseline,
  readEslintSuppressions,
  updateBaseline,
  writeBaseline,
} from './baseline.js';
import { compareStrings, discover, type DiscoveredFile } from './discover.js';
import { FRONTENDS } from './frontends.js';
import type { Changes } from './git-changes.js';
import { LineIndex, lineIndexAt } from './locations.js';
import { readSourceSync, realPathOf, type ReadOutcome } from './read-source.js';
import { DEFAULT_MAX_FILE_MS, FileTimeBudget } from './file-budget.js';
import {
  applyDirectives,
  directiveSyntax,
  parseDirectives,
  type SuppressionTarget,
} from './suppressions.js';
import type {
  Frontend,
  FrontendContext,
  ProjectFacts,
  ReadSourceFile,
} from '../frontends/types.js';

export interface ScanOptions {
  /** Working directory: relative paths in the output are relative to it (default `process.cwd()`). */
  cwd?: string;
  /** Files, directories or globs (default `.`). */
  paths?: readonly string[];
  profile?: PolicyOptions['profile'];
  minimumSslmode?: PolicyOptions['minimumSslmode'];
  minimumTlsVersion?: PolicyOptions['minimumTlsVersion'];
  environments?: EnvironmentPatterns;
  /**
   * Rule severities (`require-ssl` or `secure-db/require-ssl` → `off` | `warn` | `error`):
   * `off` drops the rule's findings, `warn` reports them as warnings. Default `error`.
   */
  rules?: ReadonlyMap<RuleId, RuleSeverity> | Readonly<Record<string, RuleSeverity>>;
  /**
   * The project's ESLint configuration (`new StaticEslintConfigs(cwd)` reads it as data,
   * `new EslintConfigs(cwd)` has ESLint compute it): for JS/TS files, its
   * `secure-db/*` severities and `settings['secure-db']` apply where the options above
   * leave a key unset. Throws `ScanConfigError` when that part of it is invalid.
   */
  eslintConfigs?: EslintSettingsSource;
  /** Ignore globs relative to `cwd`, on top of `node_modules` and `.git`. */
  ignores?: readonly string[];
  /**
   * The baseline file (relative to `cwd` or absolute). Default `secure-db-baseline.json`,
   * applied when it exists; `false` turns the baseline off (and `eslint-suppressions.json`).
   */
  baseline?: string | false;
  /** Rewrite the baseline to the current error counts of the scanned files. */
  updateBaseline?: boolean;
  /** Lower or remove unused baseline entries. */
  pruneBaseline?: boolean;
  /** Add an `explanation` to each result (environment evidence, loopback, driver). */
  explain?: boolean;
  /** Keep each file's text and raw findings (for the fix engine). */
  keepSources?: boolean;
  /**
   * Per-file analyses kept between runs (`--cache`): a file whose text, path, settings and
   * project facts are unchanged is not analysed again. Pass 1, the cross-file pass,
   * suppressions and the baseline always run, so results are those of a scan without it.
   */
  cache?: AnalysisCache;
  /** Called with the facts pass 1 gathered (who reads each URL variable), before pass 2. */
  onProjectFacts?: (facts: ProjectFacts) => void;
  /** Called after each file is analysed. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The size budget per file, in bytes (default 10 MB): a larger file is not read, and is a
   * `budget` diagnostic.
   */
  maxFileBytes?: number;
  /**
   * The time budget per file, in milliseconds of CPU time (default 10,000; 0: none),
   * checked after each phase of the file's work (`file-budget.ts`): a file past it is a
   * `budget` diagnostic, and is not analysed if its first pass went past it.
   */
  maxFileMs?: number;
  /** Use these front-ends instead of the registry (tests, embedders). */
  frontends?: readonly Frontend[];
  /**
   * Files and bytes from somewhere other than the disk (`--staged`: the git index) instead
   * of discovery and disk reads. Front-end `matches` still applies.
   */
  source?: SourceProvider;
  /**
   * Report only what changed since a base (`changesSince`, `--since`): results, diagnostics
   * and unused baseline entries of changed files. The scan and the baseline still cover
   * every file: cross-file facts need the unchanged ones too.
   */
  changes?: Changes;
  /** With `changes`: only results on lines added or changed since the base (`--new-only`). */
  newOnly?: boolean;
  /**
   * A scan of some files only reads the project's other files for the readers of the URL
   * variables it meets (default `true`), so its messages match a full scan's; `false` gives
   * the one-file view an ESLint language has.
   */
  projectFacts?: boolean;
}

/** See `ScanOptions.source`. */
export interface SourceProvider {
  /** The candidate files, sorted by relative path (they replace discovery). */
  files: readonly DiscoveredFile[];
  /** The texts of the files the scan keeps, one outcome per file, in order. */
  read(files: readonly DiscoveredFile[], maxBytes: number | undefined): ReadOutcome[];
}

/** What `--cache` keeps per file: the analysis before the cross-file merge. */
export interface CachedAnalysis {
  findings: Finding[];
  /** The front-ends' input diagnostics for the file (parse errors): they never hold its text. */
  diagnostics: { file: string; message: string }[];
}

/** Storage for `ScanOptions.cache`; `key` covers everything the analysis depends on. */
export interface AnalysisCache {
  get(relativePath: string, key: string): CachedAnalysis | undefined;
  set(relativePath: string, key: string, analysis: CachedAnalysis): void;
}

/** The project's ESLint configuration has an invalid `secure-db` part. */
export class ScanConfigError extends Error {}

interface Item {
  entry: ScanResultEntry;
  /** Key for the fingerprint's occurrence index. */
  key: string;
  finding?: Finding;
  offset: number;
}

/**
 * A SHA-256 digest in hex. `node:crypto` loads on first use (2–4 ms of start-up): a clean
 * run without `--cache` (most pre-commit runs) never needs it.
 */
function sha256(...parts: string[]): string {
  const hash = process.getBuiltinModule('node:crypto').createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

function fingerprintOf(key: string, occurrence: number): string {
  return sha256(`${key}\u0000${occurrence}`);
}

/** The text of a hardcoded password finding, for the redaction safety net. */
function secretsOf(text: string, findings: readonly Finding[]): string[] {
  const out: string[] = [];
  for (const f of findings) {
    if (f.ruleId !== 'no-hardcoded-credentials') continue;
    let s = text.slice(f.range[0], f.range[1]);
    if (s.length >= 2 && /^['"`]/.test(s) && s.endsWith(s[0]!)) s = s.slice(1, -1);
    // Only real-looking secrets: a default word such as `postgres` is also a driver's name,
    // and masking it everywhere would garble every message (the finding itself is masked).
    if (s.length < 8 || s.length > 4096 || classifySecret(s) !== 'real-looking') continue;
    out.push(s);
    try {
      const decoded = decodeURIComponent(s);
      if (decoded !== s) out.push(decoded);
    } catch {
      // not percent-encoded
    }
  }
  return out;
}

/** Real-looking passwords of connection URLs and `password=` pairs anywhere in `text`. */
function textSecrets(text: string): string[] {
  return passwordsInText(text)
    .map((found) => found.secret)
    .filter((s) => classifySecret(s) === 'real-looking');
}

function internalError(file: string, frontend: string): ScanDiagnostic {
  // Never the exception's message: it may quote the file.
  return {
    file,
    kind: 'internal',
    message: `internal error in the ${frontend} front-end; this file was not fully scanned`,
  };
}

/** First line only, bounded: parser messages describe syntax, but stay short anyway. */
function tidy(message: string): string {
  const first = message.split(/\r?\n/)[0] ?? '';
  return first.length > 300 ? `${first.slice(0, 300)}…` : first;
}

/**
 * Scans a project (what `secure-db scan` does before reporting). Input problems and crashed
 * front-ends become `errors`, never exceptions; it throws `BaselineError` for a malformed
 * baseline and, with `changes` and `newOnly`, `GitError` when git cannot diff a changed file.
 */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const explicit: ExplicitSettings = {
    profile: options.profile,
    minimumSslmode: options.minimumSslmode,
    minimumTlsVersion: options.minimumTlsVersion,
    environments: options.environments,
    rules: options.rules,
  };
  const projectSettings = effectiveSettings(explicit, undefined);
  const policy = projectSettings.policy;
  const errors: ScanDiagnostic[] = [];
  const discovered = options.source
    ? { files: [...options.source.files], ignored: [], missing: [], problems: [] }
    : await discover({ cwd, paths: options.paths ?? ['.'], ignores: options.ignores ?? [] });
  for (const problem of discovered.problems) errors.push({ ...problem, kind: 'input' });
  // A `.sequelizerc` may move sequelize-cli's config anywhere: the JSON front-end reads it there.
  const sequelizeConfigs = options.frontends
    ? new Set<string>()
    : sequelizeConfigPaths(discovered.files);
  const files = assignFrontends(
    discovered.files,
    options.frontends
      ? [...options.frontends]
      : sequelizeConfigs.size > 0
        ? FRONTENDS.map((fe) =>
            fe.name === 'json'
              ? {
                  ...fe,
                  matches: (path: string) =>
                    fe.matches(path) || (path.endsWith('.json') && sequelizeConfigs.has(path)),
                }
              : fe,
          )
        : FRONTENDS,
    !options.frontends,
    (name) =>
      errors.push({
        file: '',
        kind: 'internal',
        message: `internal error: the ${name} front-end could not be loaded`,
      }),
  );

  const eslint = options.eslintConfigs;
  if (eslint) {
    await eslint.load(files);
    const invalid = eslint.problems.find((p) => p.invalid);
    if (invalid) throw new ScanConfigError(invalid.message);
    for (const p of eslint.problems)
      errors.push({ file: p.file, message: p.message, kind: 'input' });
  }
  const perFile = new Map<string, FileSettings>();
  const pass: FilePassContext = {
    cwd,
    policy,
    environments: projectSettings.environments,
    maxFileBytes: options.maxFileBytes,
    unloaded: new Set(),
    settingsFor: (path) => {
      const fromEslint = eslint?.get(path);
      if (!fromEslint) return projectSettings;
      let settings = perFile.get(path);
      if (!settings) perFile.set(path, (settings = effectiveSettings(explicit, fromEslint)));
      return settings;
    },
  };
  const items: Item[] = [];
  const suppressedItems: Item[] = [];
  const secrets = new Set<string>();
  const sources = options.keepSources
    ? new Map<string, { source: ReadSourceFile; findings: Finding[] }>()
    : undefined;

  // Read every file once; keep the texts for both passes.
  const budget = new FileTimeBudget(options.maxFileMs ?? DEFAULT_MAX_FILE_MS, files.length);
  budget.start();
  const reads = options.source
    ? readProvided(options.source, files, pass, errors)
    : files.map((f, i) => {
        const source = readFile(f, pass, errors);
        budget.charge(i);
        return source;
      });

  // The one asynchronous step of the front-ends: their one-time loads, for the files that
  // need them (a scan without Python settings never loads tree-sitter). Everything after
  // this, but the cross-file pass, runs synchronously.
  pass.unloaded = await loadFrontends(files, reads);

  // Pass 1: facts one file gives about another.
  const project: ProjectFacts = {
    urlConsumers: new Map(),
    ...(sequelizeConfigs.size > 0 ? { sequelizeConfigs } : {}),
  };
  budget.start();
  for (let i = 0; i < files.length; i++) {
    const source = reads[i];
    if (!source) continue;
    if (!budget.exceeded(i)) collectFileFacts(files[i]!.frontends, source, pass, project, errors);
    if (budget.charge(i)) {
      // Past its budget before its analysis: the file is not analysed (nor followed across files).
      errors.push(budget.diagnostic(source.relativePath, false));
      reads[i] = undefined;
    }
  }
  // A partial scan (explicit paths, staged files) names the same readers a full scan would.
  if (!options.frontends && options.projectFacts !== false && isPartialScan(options, cwd))
    await supplementProjectFacts({
      cwd,
      ignores: options.ignores ?? [],
      scanned: files.flatMap((f, i) => {
        const source = reads[i];
        return source ? [{ source, frontends: f.frontends }] : [];
      }),
      project,
      frontendsOf: (found) =>
        assignFrontends(found, FRONTENDS, true, () => {}).map((f) => ({
          file: f,
          frontends: f.frontends,
        })),
    });

  options.onProjectFacts?.(project);

  // Cross-file pass: configs and URLs imported from another module, judged by the driver
  // call that consumes them (ts-morph is loaded only when such an import exists).
  let cross: CrossFileResult | undefined;
  if (!options.frontends) {
    const scripts = reads.filter(
      (s, i): s is NonNullable<typeof s> =>
        s !== undefined && files[i]!.frontends.some((fe) => fe.name === 'estree'),
    );
    cross = await crossFilePass(scripts, pass, errors);
  }

  // Pass 2: analysis, locations, suppressions.
  const factsKey = options.cache ? projectFactsKey(project) : '';
  budget.start();
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const source = reads[i];
    if (source) {
      const crashed = crashedFrontends(file.frontends, source, pass);
      if (crashed.length > 0) await reload(crashed, pass);
      // A front-end that failed to load makes this run's results differ: no cache then.
      const analysed =
        options.cache && pass.unloaded.size === 0
          ? cachedAnalysis(options.cache, file.frontends, source, pass, project, errors, factsKey)
          : analyzeFile(file.frontends, source, pass, project, errors);
      const outcome = finishFile(
        file.frontends,
        source,
        analysed,
        cross,
        pass.settingsFor(source.path),
        options.explain === true,
      );
      for (const s of outcome.secrets) secrets.add(s);
      const kept: Finding[] = [];
      for (const it of outcome.items) {
        if (it.entry.suppression) suppressedItems.push(it);
        else {
          items.push(it);
          if (it.finding) kept.push(it.finding);
        }
      }
      sources?.set(source.relativePath, { source, findings: kept });
      if (budget.charge(i)) errors.push(budget.diagnostic(source.relativePath, true));
    }
    options.onProgress?.(i + 1, files.length);
  }

  // Fingerprints: stable across runs, from the sorted order within each key.
  const all = [...items, ...suppressedItems].sort(compareItems);
  const occurrences = new Map<string, number>();
  for (const it of all) {
    const n = occurrences.get(it.key) ?? 0;
    occurrences.set(it.key, n + 1);
    it.entry.fingerprint = fingerprintOf(it.key, n);
  }

  // Baseline.
  items.sort(compareItems);
  const scanned = new Set(files.map((f) => f.relativePath));
  let baselinePath: string | null = null;
  let unused: Baseline = {};
  let written = false;
  let reported = items;
  const baselineSuppressed: Item[] = [];
  if (options.baseline !== false) {
    baselinePath = resolveIn(cwd, options.baseline ?? DEFAULT_BASELINE_FILE);
    // The default file is the project's (its links must stay inside); a named one the user's.
    const projectRoot = realPathOf(cwd) ?? cwd;
    const baselineRoot = options.baseline ? undefined : projectRoot;
    let baseline = readBaseline(baselinePath, baselineRoot);
    const exists = (file: string) => existsSync(resolve(cwd, file));
    const entries = items.map((it) => ({
      file: it.entry.file,
      ruleId: it.entry.ruleId,
      severity: it.entry.severity,
    }));
    if (options.updateBaseline) {
      baseline = updateBaseline(baseline, entries, scanned, exists);
      writeBaseline(baselinePath, baseline, baselineRoot);
      written = true;
    }
    const eslint = readEslintSuppressions(resolve(cwd, ESLINT_SUPPRESSIONS_FILE), projectRoot);
    const javascriptFiles = new Set(
      files
        .filter((f) => f.frontends.some((fe) => fe.name === 'estree'))
        .map((f) => f.relativePath),
    );
    const outcome = applyBaseline(entries, scanned, baseline, eslint, (file) =>
      javascriptFiles.has(file),
    );
    unused = outcome.unused;
    if (options.pruneBaseline && hasEntries(unused)) {
      writeBaseline(baselinePath, pruneBaseline(baseline, unused, exists), baselineRoot);
      written = true;
      unused = {};
    }
    reported = [];
    items.forEach((it, index) => {
      if (outcome.suppressed.has(index)) {
        it.entry.suppression = { kind: 'external', justification: '' };
        baselineSuppressed.push(it);
      } else reported.push(it);
    });
  }

  const finish = (list: Item[]) => list.sort(compareItems).map((it) => it.entry);
  errors.sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.message, b.message));

  // One redaction pass, one redactor: no secret the scan saw may appear in any output.
  let result: ScanResult = {
    cwd,
    results: finish(reported),
    suppressed: finish([...suppressedItems, ...baselineSuppressed]),
    errors,
    files: files.map((f) => f.relativePath),
    ignored: discovered.ignored,
    missing: discovered.missing,
    baseline: { path: baselinePath, unused, written },
  };
  if (sources) result.sources = sources;
  result = redactResult(result, new SecretRedactor(secrets));
  if (!options.changes) return result;
  // Loaded only for such scans, like the other git helpers.
  const { filterToChanges } = await import('./git-changes.js');
  return carryRedactor(result, filterToChanges(result, options.changes, options.newOnly === true));
}

/** What the per-file steps need to know about the scan. */
interface FilePassContext {
  cwd: string;
  policy: PolicyOptions;
  environments: EnvironmentPatterns;
  maxFileBytes: number | undefined;
  /** Front-ends whose `load()` failed: the files that need it are internal errors. */
  unloaded: ReadonlySet<Frontend>;
  /** The settings a file (absolute path) is judged with: the project's, or ESLint's for it. */
  settingsFor: (path: string) => FileSettings;
}

/** A file's analysis before the cross-file merge. */
interface AnalysedFile {
  findings: Finding[];
  fileInfo: () => FileInfo;
  /** A front-end could not read it all (a parse error): its findings may miss secrets. */
  diagnosed: boolean;
}

const OUTSIDE_ROOT = 'skipped: a symbolic link to outside the project root';

/** Reads one file; a problem becomes an `input` diagnostic. */
function readFile(
  file: DiscoveredFile,
  pass: FilePassContext,
  errors: ScanDiagnostic[],
): ReadSourceFile | undefined {
  if (file.outsideRoot) {
    errors.push({ file: file.relativePath, kind: 'input', message: OUTSIDE_ROOT });
    return undefined;
  }
  const outcome = readSourceSync(
    file.path,
    file.relativePath,
    pass.maxFileBytes === undefined ? {} : { maxBytes: pass.maxFileBytes },
  );
  if (outcome.diagnostic)
    errors.push({ ...outcome.diagnostic, kind: outcome.diagnostic.kind ?? 'input' });
  return outcome.kind === 'ok' ? outcome.source : undefined;
}

function readProvided(
  source: SourceProvider,
  files: readonly DiscoveredFile[],
  pass: FilePassContext,
  errors: ScanDiagnostic[],
): (ReadSourceFile | undefined)[] {
  return source.read(files, pass.maxFileBytes).map((outcome) => {
    if (outcome.diagnostic)
      errors.push({ ...outcome.diagnostic, kind: outcome.diagnostic.kind ?? 'input' });
    return outcome.kind === 'ok' ? outcome.source : undefined;
  });
}

/** Whether the scan reads less than the whole project under `cwd`. */
function isPartialScan(options: ScanOptions, cwd: string): boolean {
  if (options.source) return true;
  const paths = options.paths ?? ['.'];
  return !paths.every((p) => resolve(cwd, p) === cwd);
}

/** `fe.needsLoad`, where a gate that throws counts as "needs it". */
function needsLoad(fe: Frontend, source: ReadSourceFile): boolean {
  if (!fe.load) return false;
  try {
    return fe.needsLoad?.(source) ?? true;
  } catch {
    return true;
  }
}

/**
 * Awaits the `load()` of every front-end that one of the read files needs loaded, each
 * once; returns those whose load failed.
 */
async function loadFrontends(
  files: readonly { frontends: readonly Frontend[] }[],
  reads: readonly (ReadSourceFile | undefined)[],
): Promise<Set<Frontend>> {
  const needed = new Set<Frontend>();
  for (let i = 0; i < files.length; i++) {
    const source = reads[i];
    if (!source) continue;
    for (const fe of files[i]!.frontends)
      if (!needed.has(fe) && needsLoad(fe, source)) needed.add(fe);
  }
  const failed = new Set<Frontend>();
  await Promise.all(
    [...needed].map(async (fe) => {
      try {
        await fe.load!();
      } catch {
        failed.add(fe);
      }
    }),
  );
  return failed;
}

/**
 * Front-ends whose parser crashed on an earlier file (tree-sitter trapping on hostile
 * input) and dropped its instance, and that `source` needs: they are loaded again first,
 * so one file's crash costs that file alone. A plain check: most files await nothing.
 */
function crashedFrontends(
  frontends: readonly Frontend[],
  source: ReadSourceFile,
  pass: FilePassContext,
): Frontend[] {
  return frontends.filter(
    (fe) => fe.isLoaded && !fe.isLoaded() && !pass.unloaded.has(fe) && needsLoad(fe, source),
  );
}

async function reload(frontends: readonly Frontend[], pass: FilePassContext): Promise<void> {
  for (const fe of frontends) {
    try {
      await fe.load!();
    } catch {
      pass.unloaded = new Set([...pass.unloaded, fe]);
    }
  }
}

/** Whether `fe` may read `source`: not when it needed a `load()` that failed. */
function usable(fe: Frontend, source: ReadSourceFile, pass: FilePassContext): boolean {
  return pass.unloaded.size === 0 || !pass.unloaded.has(fe) || !needsLoad(fe, source);
}

/** Pass 1 for one file (a front-end that could not load gives no facts). */
function collectFileFacts(
  frontends: readonly Frontend[],
  source: ReadSourceFile,
  pass: FilePassContext,
  project: ProjectFacts,
  errors: ScanDiagnostic[],
): void {
  for (const fe of frontends) {
    if (!fe.collectFacts || !usable(fe, source, pass)) continue;
    try {
      fe.collectFacts(source, project);
    } catch {
      errors.push(internalError(source.relativePath, fe.name));
    }
  }
}

/** The cross-file pass over the JS/TS sources (in scan order); a crash becomes a diagnostic. */
async function crossFilePass(
  scripts: readonly ReadSourceFile[],
  pass: FilePassContext,
  errors: ScanDiagnostic[],
): Promise<CrossFileResult | undefined> {
  try {
    return await analyzeCrossFileDetailed(scripts, {
      options: pass.policy,
      fileInfo: (relativePath) => {
        const path = resolve(pass.cwd, relativePath);
        return classifyFile(path, pass.settingsFor(path).environments, pass.cwd);
      },
      cwd: pass.cwd,
    });
  } catch {
    errors.push({
      file: '',
      kind: 'internal',
      message: 'internal error in the cross-file pass; imported configs were not followed',
    });
    return undefined;
  }
}

/** The context a front-end analyses a file in; the file is classified on first use only. */
class AnalysisContext implements FrontendContext {
  #info: FileInfo | undefined;
  readonly #settings: FileSettings;
  constructor(
    readonly source: ReadSourceFile,
    readonly pass: FilePassContext,
    readonly project: ProjectFacts,
  ) {
    this.#settings = pass.settingsFor(source.path);
  }
  get options(): PolicyOptions {
    return this.#settings.policy;
  }
  get file(): FileInfo {
    return (this.#info ??= classifyFile(
      this.source.path,
      this.#settings.environments,
      this.pass.cwd,
    ));
  }
}

/**
 * Pass 2's analysis of one file: every front-end that reads it, findings deduplicated. A
 * front-end that throws, or could not load, is an internal error for this file.
 */
function analyzeFile(
  frontends: readonly Frontend[],
  source: ReadSourceFile,
  pass: FilePassContext,
  project: ProjectFacts,
  errors: ScanDiagnostic[],
): AnalysedFile {
  // A class instance, not an object literal with a getter: this runs for every file, and
  // most front-ends return before reading `file` (the allocations showed in profiles).
  const context = new AnalysisContext(source, pass, project);
  const seen = frontends.length > 1 ? new Set<string>() : undefined;
  let findings: Finding[] = [];
  let diagnosed = false;
  for (const fe of frontends) {
    let out: FrontendFindings;
    try {
      if (!usable(fe, source, pass)) throw new Error(`the ${fe.name} front-end did not load`);
      // The front-end lowers, the core judges: the checks run once per file, here.
      out = runFrontend(fe, source, context);
    } catch {
      errors.push(internalError(source.relativePath, fe.name));
      diagnosed = true;
      continue;
    }
    if (out.diagnostics.length > 0) diagnosed = true;
    for (const d of out.diagnostics)
      errors.push({
        file: d.file || source.relativePath,
        message: tidy(d.message),
        // A front-end that caught its own crash says so: exit 2, not a silent 0.
        kind: d.kind ?? 'input',
      });
    if (!seen) {
      findings = out.findings;
      continue;
    }
    for (const f of out.findings) {
      const key = `${f.ruleId}|${f.messageId}|${f.range[0]}|${f.range[1]}`;
      if (seen.has(key)) continue; // two front-ends reading one file
      seen.add(key);
      findings.push(f);
    }
  }
  return { findings, fileInfo: () => context.file, diagnosed };
}

/** A stable digest of the facts pass 1 gathered (Maps as sorted entries). */
function projectFactsKey(project: ProjectFacts): string {
  const json = JSON.stringify(project, (_key, value: unknown) =>
    value instanceof Map
      ? [...(value as Map<string, unknown>).entries()].sort(([a], [b]) => compareStrings(a, b))
      : value,
  );
  return sha256(json);
}

/**
 * `analyzeFile` through the cache. The key is the file's path, text, front-ends and
 * settings, and the project facts. A file is not kept when it has a diagnostic, or
 * when a fix's text holds a password found in it (the cache file must hold no secret).
 */
function cachedAnalysis(
  cache: AnalysisCache,
  frontends: readonly Frontend[],
  source: ReadSourceFile,
  pass: FilePassContext,
  project: ProjectFacts,
  errors: ScanDiagnostic[],
  factsKey: string,
): AnalysedFile {
  const settings = pass.settingsFor(source.path);
  const key = sha256(
    JSON.stringify([
      source.relativePath,
      frontends.map((fe) => fe.name),
      settings.policy,
      settings.environments,
      factsKey,
    ]),
    '\u0000',
    source.text,
  );
  const fileInfo = () => classifyFile(source.path, settings.environments, pass.cwd);
  const hit = cache.get(source.relativePath, key);
  if (hit) {
    for (const d of hit.diagnostics) errors.push({ ...d, kind: 'input' });
    return { findings: hit.findings, fileInfo, diagnosed: hit.diagnostics.length > 0 };
  }
  const before = errors.length;
  const analysed = analyzeFile(frontends, source, pass, project, errors);
  const added = errors.slice(before);
  // Every reported password, weak ones too: a default word can still be someone's password.
  const secrets = analysed.findings
    .filter((f) => f.ruleId === 'no-hardcoded-credentials')
    .map((f) => source.text.slice(f.range[0], f.range[1]).replace(/^(['"`])(.*)\1$/s, '$2'))
    .filter((s) => s.length >= 3);
  const leaks = analysed.findings.some((f) =>
    f.fixes.some((fix) => fix.edits.some((e) => secrets.some((s) => e.text.includes(s)))),
  );
  // Diagnostics may quote the text they could not parse: such files are analysed each time.
  if (!leaks && added.length === 0)
    cache.set(source.relativePath, key, {
      findings: analysed.findings,
      diagnostics: added.map((e) => ({ file: e.file, message: e.message })),
    });
  return analysed;
}

/**
 * The rest of pass 2 for one file: the cross-file merge, locations, messages, inline
 * suppressions (suppressed items carry `entry.suppression`) and the secrets for the
 * redaction safety net. Releases the file's tree.
 */
function finishFile(
  frontends: readonly Frontend[],
  source: ReadSourceFile,
  analysed: AnalysedFile,
  cross: CrossFileResult | undefined,
  settings: FileSettings,
  explain: boolean,
): { items: Item[]; secrets: string[] } {
  const { fileInfo } = analysed;
  const strict = settings.policy.profile === 'strict';
  let findings = analysed.findings;
  if (
    cross &&
    (cross.findings.size > 0 || cross.claimedUrls.size > 0 || cross.resolvedCalls.size > 0)
  )
    findings = mergeCrossFileFindings(source.relativePath, findings, cross);
  const secrets = secretsOf(source.text, findings);
  // A file that did not parse has few findings, but its diagnostic may quote it: the
  // passwords a text pass finds (URLs, `password=` pairs) are redacted too.
  if (analysed.diagnosed) secrets.push(...textSecrets(source.text));
  // A rule turned off reports nothing here, as in ESLint (its directives become unused).
  const all = findings;
  findings = findings.filter((f) => settings.rules.get(f.ruleId) !== 'off');
  const javascript = frontends.some((fe) => fe.name === 'estree');
  const lines = new LineIndex(source.text, javascript);
  const fileItems = findings.map((f) => {
    const item = toItem(
      f,
      source,
      lines,
      all,
      settings.rules.get(f.ruleId) === 'warn' ? 'warning' : 'error',
    );
    if (explain) item.entry.explanation = explanationOf(f);
    return item;
  });
  // Inline suppressions.
  const primary = frontends.find((fe) => fe.name === 'estree') ?? frontends[0]!;
  const syntax = directiveSyntax(primary.name, primary.commentToken);
  if (syntax) {
    // A JS/TS file the analysis parsed has its tree already: its comments are exact. The
    // others (past no gate, or unparsable) are never parsed; a comment lexer reads them.
    const program = syntax === 'js' ? parsedProgram(source) : undefined;
    const directives = parseDirectives(
      source.text,
      syntax,
      lines,
      program ? { comments: () => program.comments ?? [] } : {},
    );
    if (directives.length > 0) {
      const targets: SuppressionTarget[] = fileItems.map((it) => ({
        ruleId: it.finding!.ruleId,
        offset: it.offset,
        line: it.entry.line,
      }));
      const outcome = applyDirectives(directives, targets, { strict });
      fileItems.forEach((it, index) => {
        const reason = outcome.suppressed.get(index);
        if (reason === undefined) return;
        it.entry.suppression = { kind: 'inSource', justification: reason };
      });
      for (const p of outcome.problems) {
        const start = lines.position(p.range[0]);
        const end = lines.position(p.range[1]);
        fileItems.push({
          entry: {
            ruleId: DIRECTIVE_RULE_ID,
            severity: 'warning',
            message: p.message,
            file: source.relativePath,
            line: start.line,
            column: start.column,
            endLine: end.line,
            endColumn: end.column,
            environment: fileInfo().environment,
            docsUrl: docsUrlFor(DIRECTIVE_RULE_ID),
            fingerprint: '',
            fixable: false,
          },
          key: `${DIRECTIVE_RULE_ID}\u0000${source.relativePath}\u0000${p.messageId}\u0000${p.key}`,
          offset: p.range[0],
        });
      }
    }
  }
  releaseProgram(source); // pass 2 is done with this file's tree
  return { items: fileItems, secrets };
}

function resolveIn(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/**
 * Each discovered file with the front-ends that read it (in registry order), files no
 * front-end reads dropped; one `matches` call per front-end and file. With the registry
 * (`registry`), a front-end whose `matches` throws on any path is reported once as not
 * loaded and reads no file (as `frontendsFor` decides); a custom one just skips that path.
 */
function assignFrontends(
  discovered: readonly DiscoveredFile[],
  frontends: readonly Frontend[],
  registry: boolean,
  onLoadError: (name: string) => void,
): (DiscoveredFile & { frontends: Frontend[] })[] {
  const failed = new Set<Frontend>();
  const out: (DiscoveredFile & { frontends: Frontend[] })[] = [];
  // Indexed loops and a plain object per file: this runs for every discovered file and
  // front-end, mostly before the JIT has warmed up (where `for…of` and spreads allocate).
  for (let f = 0; f < discovered.length; f++) {
    const file = discovered[f]!;
    let list: Frontend[] | undefined;
    for (let i = 0; i < frontends.length; i++) {
      const fe = frontends[i]!;
      if (failed.size > 0 && failed.has(fe)) continue;
      let match: boolean;
      try {
        match = fe.matches(file.relativePath);
      } catch {
        match = false;
        if (registry) failed.add(fe);
      }
      if (match) (list ??= []).push(fe);
    }
    if (list)
      out.push(
        file.outsideRoot
          ? { path: file.path, relativePath: file.relativePath, outsideRoot: true, frontends: list }
          : { path: file.path, relativePath: file.relativePath, frontends: list },
      );
  }
  if (failed.size === 0) return out;
  for (const fe of frontends) if (failed.has(fe)) onLoadError(fe.name);
  return out
    .map((f) => ({ ...f, frontends: f.frontends.filter((fe) => !failed.has(fe)) }))
    .filter((f) => f.frontends.length > 0);
}

function toItem(
  finding: Finding,
  source: ReadSourceFile,
  lines: LineIndex,
  findings: readonly Finding[],
  severity: 'error' | 'warning',
): Item {
  const file = source.relativePath;
  const start = lines.position(finding.range[0]);
  const end = lines.position(Math.max(finding.range[0], finding.range[1]));
  const ruleId = `secure-db/${finding.ruleId}`;
  return {
    entry: {
      ruleId,
      severity,
      message: formatMessage(finding.messageId, finding.data),
      file,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      environment: finding.environment,
      docsUrl: docsUrlFor(finding.ruleId),
      fingerprint: '',
      fixable: isAutoFixable(finding),
    },
    // Rule, file, setting and the line it sits on: stable when a message is reworded or
    // the line moves; never the prose, never a password (credential spans are masked).
    key: [ruleId, file, finding.setting, normalisedLine(source.text, finding, findings)].join(
      '\u0000',
    ),
    finding,
    offset: finding.range[0],
  };
}

function explanationOf(finding: Finding): Explanation {
  const because = finding.evidence?.because;
  const driver = finding.data.driver;
  return {
    environment: finding.environment,
    ...(because ? { because } : {}),
    loopback: finding.evidence?.loopback ?? false,
    ...(driver ? { driver } : {}),
  };
}

/**
 * Per file (its findings array): each line's normalised text, and the password spans that
 * touch each line. Computed once per line, not once per finding: 1,400 findings on one
 * 100 KB line made fingerprints quadratic.
 */
const NORMALISED_LINES = new WeakMap<
  readonly Finding[],
  {
    lineStarts: number[];
    lines: Map<number, string>;
    passwords: Map<number, [number, number][]>;
  }
>();

/** The finding's first line without whitespace, every password on it masked. */
function normalisedLine(text: string, finding: Finding, findings: readonly Finding[]): string {
  let cache = NORMALISED_LINES.get(findings);
  if (!cache) {
    const lineStarts = lineStartsOf(text);
    cache = { lineStarts, lines: new Map(), passwords: passwordSpansByLine(lineStarts, findings) };
    NORMALISED_LINES.set(findings, cache);
  }
  const index = lineIndexAt(cache.lineStarts, finding.range[0]);
  const start = cache.lineStarts[index]!;
  const known = cache.lines.get(start);
  if (known !== undefined) return known;
  const next = cache.lineStarts[index + 1];
  const end = next === undefined ? text.length : next - 1;
  const line = text.slice(start, Math.min(end, start + 4096));
  const masks = (cache.passwords.get(start) ?? [])
    .map(([s, e]) => [Math.max(0, s - start), Math.min(line.length, e - start)] as const)
    .filter(([s, e]) => e > s)
    .sort((x, y) => x[0] - y[0]);
  const parts: string[] = [];
  let copied = 0;
  for (const [s, e] of masks) {
    if (s < copied) continue; // overlapping spans: the first one masks
    parts.push(line.slice(copied, s), '*');
    copied = e;
  }
  parts.push(line.slice(copied));
  const normalised = parts.join('').replace(/\s+/g, '');
  cache.lines.set(start, normalised);
  return normalised;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Password finding spans, under the start of every line they touch. */
function passwordSpansByLine(
  lineStarts: readonly number[],
  findings: readonly Finding[],
): Map<number, [number, number][]> {
  const byLine = new Map<number, [number, number][]>();
  for (const f of findings) {
    if (f.ruleId !== 'no-hardcoded-credentials') continue;
    const last = Math.max(f.range[0], f.range[1] - 1);
    for (let i = lineIndexAt(lineStarts, f.range[0]); i < lineStarts.length; i++) {
      const lineStart = lineStarts[i]!;
      if (lineStart > last) break;
      const spans = byLine.get(lineStart) ?? [];
      spans.push([f.range[0], f.range[1]]);
      byLine.set(lineStart, spans);
    }
  }
  return byLine;
}

function compareItems(a: Item, b: Item): number {
  return (
    compareStrings(a.entry.file, b.entry.file) ||
    a.entry.line - b.entry.line ||
    a.entry.column - b.entry.column ||
    compareStrings(a.entry.ruleId, b.entry.ruleId) ||
    a.entry.endLine - b.entry.endLine ||
    a.entry.endColumn - b.entry.endColumn ||
    compareStrings(a.entry.message, b.entry.message)
  );
}
