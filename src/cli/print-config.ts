/**
 * `secure-db scan --print-config [file]`: the configuration a scan would use — profile,
 * minimums, environments, ignores, every rule's severity, each with where it came from —
 * and the consumer the project attributes to each environment variable that holds a
 * connection URL. With a file: that file's settings (ESLint's configuration included, for
 * JS/TS) and how its path is classified. Text, or JSON with `--format json`.
 */
import { resolve, relative } from 'node:path';
import { classifyFile } from '../core/environment.js';
import { RULE_IDS } from '../core/settings-schema.js';
import type { ProjectFacts } from '../frontends/types.js';
import { BUILTIN_IGNORES } from '../scanner/discover.js';
import {
  effectiveSettings,
  type ExplicitSettings,
  type FileSettings,
} from '../scanner/effective-settings.js';
import { eslintSettingsSource, StaticEslintConfigs } from '../scanner/eslint-config-static.js';
import type { EslintSettingsSource } from '../scanner/eslint-config.js';
import { DEFAULT_MAX_FILE_MS } from '../scanner/file-budget.js';
import { FRONTENDS } from '../scanner/frontends.js';
import { MAX_FILE_BYTES } from '../scanner/read-source.js';
import { scan, ScanConfigError } from '../scanner/scan.js';
import type { CliOptions } from './args.js';
import type { ScannerConfig } from './config.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';

/** What `--format json` prints (version 1). */
export interface PrintedConfig {
  version: 1;
  cwd: string;
  /** The scanner's configuration file, or null. */
  configFile: string | null;
  /**
   * The project's ESLint configuration, when one was read: `static` (read as data, the
   * default) or `evaluated` (computed by the project's ESLint, `--eslint-config`).
   */
  eslint: { read: 'static' | 'evaluated'; version: string | null; files: string[] } | null;
  file: {
    path: string;
    environment: string;
    because: string | null;
    test: boolean;
    example: boolean;
    readBy: string[];
  } | null;
  profile: { value: string; source: string };
  minimumSslmode: { value: string; source: string };
  minimumTlsVersion: { value: string; source: string };
  environments: {
    value: { development: readonly string[]; production: readonly string[] };
    source: string;
  };
  ignores: { builtIn: readonly string[]; configured: readonly string[] };
  /** The budgets per file: bytes, and milliseconds of CPU time (0: none). */
  maxFileSize: { value: number; source: string };
  maxFileTime: { value: number; source: string };
  rules: Record<string, { severity: string; source: string }>;
  /** Variable name → who reads the connection URL in it. */
  environmentVariables: Record<string, { consumer: string; semantics: string }>;
}

/** Stops the scan once pass 1 is done. */
class FactsCollected extends Error {}

const SOURCE_LABEL = {
  option: 'flag or scanner configuration',
  eslint: 'ESLint configuration',
  default: 'default',
} as const;

export async function runPrintConfig(
  options: CliOptions,
  config: ScannerConfig,
  io: CliIo,
  configFile: string | null = null,
): Promise<ExitCode> {
  const say = (message: string) => io.stderr.write(`secure-db: ${message}\n`);
  const explicit: ExplicitSettings = {
    profile: options.profile ?? config.profile,
    minimumSslmode: options.minSslmode ?? config.minimumSslmode,
    minimumTlsVersion: config.minimumTlsVersion,
    environments: config.environments,
    rules: config.rules,
  };
  const eslint = eslintSettingsSource(io.cwd, options.eslintConfig ?? config.eslintConfig);
  const filePath = options.paths[0] === undefined ? undefined : resolve(io.cwd, options.paths[0]);
  const relativePath =
    filePath === undefined ? undefined : relative(io.cwd, filePath).replaceAll('\\', '/');

  let facts: ProjectFacts = { urlConsumers: new Map() };
  try {
    // The URL consumers come from pass 1 over the whole project, as a scan finds them;
    // the analysis after it is not needed.
    await scan({
      cwd: io.cwd,
      ignores: config.ignores ?? [],
      baseline: false,
      ...(eslint ? { eslintConfigs: eslint } : {}),
      onProjectFacts: (found) => {
        facts = found;
        throw new FactsCollected();
      },
    }).catch((error: unknown) => {
      if (!(error instanceof FactsCollected)) throw error;
    });
    if (eslint && filePath !== undefined && relativePath !== undefined)
      await eslint.load([{ path: filePath, relativePath }]);
  } catch (error) {
    if (!(error instanceof ScanConfigError)) throw error;
    say(`configuration error: ${error.message}`);
    return EXIT.error;
  }
  const invalid = eslint?.problems.find((p) => p.invalid);
  if (invalid) {
    say(`configuration error: ${invalid.message}`);
    return EXIT.error;
  }

  const settings = effectiveSettings(
    explicit,
    filePath === undefined ? undefined : eslint?.get(filePath),
  );
  const printed = describe(settings, {
    cwd: io.cwd,
    configFile,
    eslint: eslint?.used ? eslint : undefined,
    ignores: config.ignores ?? [],
    maxFileBytes: options.maxFileBytes ?? config.maxFileBytes,
    maxFileMs: options.maxFileMs ?? config.maxFileMs,
    facts,
    tlsFromOptions: explicit.minimumTlsVersion !== undefined,
    ...(filePath !== undefined && relativePath !== undefined
      ? { file: { path: filePath, relativePath } }
      : {}),
  });
  io.stdout.write(
    options.format === 'json' ? `${JSON.stringify(printed, null, 2)}\n` : asText(printed),
  );
  return EXIT.clean;
}

function describe(
  settings: FileSettings,
  context: {
    cwd: string;
    configFile: string | null;
    eslint: EslintSettingsSource | undefined;
    ignores: readonly string[];
    maxFileBytes: number | undefined;
    maxFileMs: number | undefined;
    facts: ProjectFacts;
    tlsFromOptions: boolean;
    file?: { path: string; relativePath: string };
  },
): PrintedConfig {
  const source = (s: keyof typeof SOURCE_LABEL) => SOURCE_LABEL[s];
  const rules: PrintedConfig['rules'] = {};
  for (const id of RULE_IDS)
    rules[`secure-db/${id}`] = {
      severity: settings.rules.get(id)!,
      source: source(settings.sources.rules.get(id)!),
    };
  const variables: PrintedConfig['environmentVariables'] = {};
  for (const name of [...context.facts.urlConsumers.keys()].sort()) {
    const consumer = context.facts.urlConsumers.get(name)!;
    variables[name] = {
      consumer: consumer.driver,
      semantics: consumer.semantics ?? 'by the URL scheme',
    };
  }
  let file: PrintedConfig['file'] = null;
  if (context.file) {
    const info = classifyFile(context.file.path, settings.environments, context.cwd);
    file = {
      path: context.file.relativePath,
      environment: info.environment,
      because: info.because ?? null,
      test: info.isTest,
      example: info.isExample,
      readBy: FRONTENDS.filter((fe) => safeMatch(fe, context.file!.relativePath)).map(
        (fe) => fe.name,
      ),
    };
  }
  return {
    version: 1,
    cwd: context.cwd,
    configFile: context.configFile,
    eslint: context.eslint
      ? {
          read: context.eslint.mode,
          version: context.eslint.version ?? null,
          files:
            context.eslint instanceof StaticEslintConfigs ? [...context.eslint.read].sort() : [],
        }
      : null,
    file,
    profile: { value: settings.policy.profile, source: source(settings.sources.profile) },
    minimumSslmode: {
      value: settings.policy.minimumSslmode,
      source: source(settings.sources.minimumSslmode),
    },
    minimumTlsVersion: {
      value: settings.policy.minimumTlsVersion,
      source: source(context.tlsFromOptions ? 'option' : 'default'),
    },
    environments: {
      value: {
        development: settings.environments.development ?? [],
        production: settings.environments.production ?? [],
      },
      source: source(settings.sources.environments),
    },
    ignores: { builtIn: BUILTIN_IGNORES, configured: context.ignores },
    maxFileSize: {
      value: context.maxFileBytes ?? MAX_FILE_BYTES,
      source: source(context.maxFileBytes === undefined ? 'default' : 'option'),
    },
    maxFileTime: {
      value: context.maxFileMs ?? DEFAULT_MAX_FILE_MS,
      source: source(context.maxFileMs === undefined ? 'default' : 'option'),
    },
    rules,
    environmentVariables: variables,
  };
}

function safeMatch(fe: { matches(path: string): boolean }, path: string): boolean {
  try {
    return fe.matches(path);
  } catch {
    return false;
  }
}

const list = (values: readonly string[]) => (values.length ? values.join(', ') : '(none)');

function asText(p: PrintedConfig): string {
  const lines: string[] = [];
  const row = (label: string, value: string, source?: string) =>
    lines.push(`  ${label.padEnd(20)} ${value}${source ? `   (${source})` : ''}`);
  lines.push(`secure-db configuration for ${p.file ? p.file.path : 'the project'}`);
  row('working directory', p.cwd);
  row('configuration file', p.configFile ?? '(none)');
  row(
    'ESLint configuration',
    p.eslint
      ? `${
          p.eslint.read === 'static'
            ? `read as data from ${list(p.eslint.files)}`
            : `computed by ESLint ${p.eslint.version ?? ''}`.trimEnd()
        } for JS/TS files${p.file ? '' : ' (give a file to see its settings)'}`
      : 'not read',
  );
  if (p.file) {
    row('file read by', list(p.file.readBy));
    row(
      'file environment',
      `${p.file.environment}${p.file.because ? ` (${p.file.because})` : p.file.environment === 'unknown' ? ' (not stated, so treated as production)' : ''}`,
    );
    if (p.file.test) row('test file', 'yes: only min-tls-version is reported');
    if (p.file.example) row('example file', 'yes: only real-looking passwords are reported');
  }
  row('profile', p.profile.value, p.profile.source);
  row('minimumSslmode', p.minimumSslmode.value, p.minimumSslmode.source);
  row('minimumTlsVersion', p.minimumTlsVersion.value, p.minimumTlsVersion.source);
  row(
    'environments',
    `development: ${list(p.environments.value.development)}; production: ${list(p.environments.value.production)}`,
    p.environments.source,
  );
  row('ignores', `${list(p.ignores.configured)}; always: ${list(p.ignores.builtIn)}`);
  row('maxFileSize', `${p.maxFileSize.value} bytes`, p.maxFileSize.source);
  row(
    'maxFileTime',
    p.maxFileTime.value === 0 ? 'none' : `${p.maxFileTime.value} ms of CPU time`,
    p.maxFileTime.source,
  );
  lines.push('  rules');
  for (const [id, rule] of Object.entries(p.rules))
    lines.push(`    ${id.padEnd(42)} ${rule.severity.padEnd(5)}   (${rule.source})`);
  lines.push('  connection URL variables and who reads them');
  const names = Object.keys(p.environmentVariables);
  if (names.length === 0) lines.push('    (none found)');
  for (const name of names) {
    const v = p.environmentVariables[name]!;
    lines.push(`    ${name.padEnd(28)} ${v.consumer}   (${v.semantics})`);
  }
  return `${lines.join('\n')}\n`;
}
