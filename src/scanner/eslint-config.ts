/**
 * The project's own ESLint configuration, read with ESLint's own API
 * (`calculateConfigForFile`), so that a `secure-db/*` rule turned off — or a
 * `settings['secure-db']` set — in `eslint.config.js` or `.eslintrc` means the same to the
 * scanner for that JS/TS file.
 *
 * ESLint is loaded from the scanned project (never our own copy), by dynamic import, only
 * when the scan has JS/TS files and the project can resolve `eslint`: a project without
 * ESLint pays one failed module resolution. Like `eslint` itself, this evaluates the
 * project's ESLint configuration file; `eslintConfig: false` turns it off.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ruleIdOf,
  parseSeverity,
  validateSettings,
  SettingsError,
} from '../core/settings-schema.js';
import type { RuleId } from '../core/messages.js';
import type { RuleSeverity } from '../core/settings-schema.js';
import type { EslintFileSettings } from './effective-settings.js';
import { FLAT_CONFIG_FILES, LEGACY_CONFIG_FILES, SCRIPT_FILE } from './eslint-config-files.js';

/** What the ESLint class of versions 8.57 to 10 offers us. */
interface EslintLike {
  calculateConfigForFile(filePath: string): Promise<unknown>;
  isPathIgnored(filePath: string): Promise<boolean>;
}
type EslintClass = new (options: { cwd: string }) => EslintLike;
interface EslintModule {
  ESLint?: EslintClass;
  loadESLint?: (options: { cwd: string }) => Promise<EslintClass>;
}

/** ESLint 8.57 (eslintrc), 9 and 10 (flat) when no configuration file applies. */
const NO_CONFIG = /Could not find config file|No ESLint configuration found/i;

export interface EslintConfigProblem {
  /** The file whose configuration could not be computed, or '' for the whole project. */
  file: string;
  message: string;
  /** ESLint read it, but its `secure-db` part is invalid: a configuration error. */
  invalid?: boolean;
}

/** First line only, bounded: ESLint's errors name the config file and the problem. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split(/\r?\n/)[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** What the scanner reads from the project's ESLint configuration, per JS/TS file. */
export interface EslintSettingsSource {
  /** `evaluated`: computed by ESLint (runs the config); `static`: read as data. */
  readonly mode: 'evaluated' | 'static';
  /** Computes the settings of each JS/TS file among `files`. */
  load(files: readonly { path: string; relativePath: string }[]): Promise<void>;
  /** A file's settings; undefined when no configuration applies or ESLint ignores it. */
  get(path: string): EslintFileSettings | undefined;
  /** A configuration was found and read. */
  readonly used: boolean;
  /** The project's ESLint version, when ESLint computed the configuration. */
  readonly version: string | undefined;
  readonly problems: EslintConfigProblem[];
}

/** The `secure-db/*` part of a computed ESLint configuration. */
export function secureDbPart(config: unknown, where: string): EslintFileSettings {
  const c = (config ?? {}) as {
    rules?: Record<string, unknown>;
    settings?: Record<string, unknown>;
  };
  const rules = new Map<RuleId, RuleSeverity>();
  for (const [key, value] of Object.entries(c.rules ?? {})) {
    if (!key.startsWith('secure-db/')) continue;
    rules.set(ruleIdOf(key, where), parseSeverity(value, where, `rules.${key}`));
  }
  const settings = validateSettings(c.settings?.['secure-db'], `${where}: settings['secure-db']`);
  return {
    rules,
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(settings.minimumSslmode ? { minimumSslmode: settings.minimumSslmode } : {}),
    ...(settings.environments ? { environments: settings.environments } : {}),
  };
}

/**
 * ESLint's view of the project's files, computed once per file and kept across the scans
 * of one run (`--fix` scans several times).
 */
export class EslintConfigs implements EslintSettingsSource {
  readonly mode = 'evaluated' as const;
  readonly #cwd: string;
  #eslint: Promise<EslintLike | undefined> | undefined;
  readonly #byFile = new Map<string, EslintFileSettings | undefined>();
  #noConfig = false;
  /** Set when ESLint was found and its configuration read. */
  version: string | undefined;
  readonly problems: EslintConfigProblem[] = [];

  constructor(cwd: string) {
    this.#cwd = cwd;
  }

  /** ESLint's settings for each of `files` that is JS/TS (absolute path → settings). */
  async load(files: readonly { path: string; relativePath: string }[]): Promise<void> {
    const scripts = files.filter(
      (f) => SCRIPT_FILE.test(f.relativePath) && !this.#byFile.has(f.path),
    );
    if (scripts.length === 0) return;
    const eslint = await (this.#eslint ??= this.#start());
    if (!eslint) return;
    for (const file of scripts) {
      if (this.#noConfig) {
        this.#byFile.set(file.path, undefined);
        continue;
      }
      try {
        // eslintrc computes a configuration for files it ignores too; ESLint lints none of
        // them, so the scanner's own settings apply there, as for flat config.
        const config = (await eslint.isPathIgnored(file.path))
          ? undefined
          : await eslint.calculateConfigForFile(file.path);
        // undefined: a file ESLint ignores; the scanner's own settings apply.
        this.#byFile.set(
          file.path,
          config
            ? secureDbPart(config, `the ESLint configuration for ${file.relativePath}`)
            : undefined,
        );
      } catch (error) {
        this.#byFile.set(file.path, undefined);
        if (NO_CONFIG.test(firstLine(error))) {
          // ESLint is installed but not configured here: nothing to agree with.
          this.#noConfig = true;
        } else if (error instanceof SettingsError) {
          // One message per distinct problem: every file of a config repeats it.
          if (!this.problems.some((p) => p.message === error.message))
            this.problems.push({ file: file.relativePath, message: error.message, invalid: true });
        } else {
          // A configuration that does not load fails the same way for every file: say it
          // once, and let the scanner's own settings apply to all of them.
          this.problems.push({
            file: '',
            message: `could not compute the ESLint configuration (${file.relativePath}): ${firstLine(error)}; the scanner settings apply instead`,
          });
          this.#noConfig = true;
        }
      }
    }
  }

  /** ESLint was found and a configuration read from it. */
  get used(): boolean {
    return this.version !== undefined && !this.#noConfig;
  }

  get(path: string): EslintFileSettings | undefined {
    return this.#byFile.get(path);
  }

  async #start(): Promise<EslintLike | undefined> {
    const require = createRequire(join(this.#cwd, 'package.json'));
    let entry: string;
    try {
      entry = require.resolve('eslint');
    } catch {
      return undefined; // no ESLint in this project: nothing to agree with
    }
    try {
      const module = (await import(pathToFileURL(entry).href)) as EslintModule & {
        default?: EslintModule;
      };
      const api = module.loadESLint || module.ESLint ? module : (module.default ?? {});
      let Eslint = api.loadESLint ? await api.loadESLint({ cwd: this.#cwd }) : api.ESLint;
      if (!Eslint) return undefined;
      // ESLint 9 reads `.eslintrc` only with ESLINT_USE_FLAT_CONFIG=false; a project that
      // has only an eslintrc runs ESLint that way, so the scanner reads it that way too.
      if (this.#onlyLegacyConfig()) Eslint = (await this.#legacyClass(require)) ?? Eslint;
      this.version = this.#versionOf(entry);
      return new Eslint({ cwd: this.#cwd });
    } catch (error) {
      this.problems.push({
        file: '',
        message: `could not load ESLint from the project: ${firstLine(error)}`,
      });
      return undefined;
    }
  }

  #onlyLegacyConfig(): boolean {
    const flat = FLAT_CONFIG_FILES.some((name) => existsSync(join(this.#cwd, name)));
    // package.json counts only with an `eslintConfig` key: ESLint decides that itself.
    return (
      !flat &&
      LEGACY_CONFIG_FILES.some(
        (name) => name !== 'package.json' && existsSync(join(this.#cwd, name)),
      )
    );
  }

  async #legacyClass(require: NodeJS.Require): Promise<EslintClass | undefined> {
    try {
      const path = require.resolve('eslint/use-at-your-own-risk');
      const module = (await import(pathToFileURL(path).href)) as {
        LegacyESLint?: EslintClass;
        default?: { LegacyESLint?: EslintClass };
      };
      return module.LegacyESLint ?? module.default?.LegacyESLint;
    } catch {
      return undefined; // ESLint 10 has no eslintrc support at all
    }
  }

  #versionOf(entry: string): string | undefined {
    let dir = dirname(entry);
    for (let i = 0; i < 4; i++, dir = dirname(dir)) {
      const pkg = join(dir, 'package.json');
      if (!existsSync(pkg)) continue;
      try {
        const require = createRequire(pkg);
        const meta = require(pkg) as { name?: string; version?: string };
        if (meta.name === 'eslint') return meta.version;
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
}
