/**
 * The project's ESLint configuration read as data, never run: what `secure-db scan` does by
 * default, so a `secure-db/*` rule turned off or set to `warn`, or `settings['secure-db']`,
 * in `eslint.config.js` or `.eslintrc` means the same to the scanner for that JS/TS file
 * without executing a line of the project (a fork's pull request controls that file).
 *
 * Flat configuration (`eslint.config.{js,mjs,cjs,ts,mts,cts}`, the nearest one above the
 * file inside the root, as ESLint 10 looks it up): the exported array read by
 * `eslint-config-value.ts`, with ESLint's matching — `files`, `ignores`, global ignores,
 * the default `**\/*.{js,mjs,cjs}`, later objects winning. Without one, eslintrc: the
 * `.eslintrc.*` / `package.json#eslintConfig` files from the file's folder up to the root
 * (or the first with `root: true`), their `extends` of this plugin's configs and of local
 * files, `overrides`, `ignorePatterns` and `.eslintignore`.
 *
 * What only running the file would tell (another package's config that sets secure-db
 * rules, a condition, a call) is left out, and where such a part names secure-db a
 * diagnostic says so: `--eslint-config` computes the configuration with ESLint itself.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type * as JsoncParser from 'jsonc-parser';
import type * as Yaml from 'yaml';
import { NON_JAVASCRIPT_RULES, RULE_IDS, SettingsError } from '../core/settings-schema.js';
import type { EslintConfigProblem, EslintSettingsSource } from './eslint-config.js';
import { EslintConfigs, secureDbPart } from './eslint-config.js';
import type { EslintFileSettings } from './effective-settings.js';
import {
  isConfigObject,
  isFullyKnown,
  OPAQUE,
  readConfigModule,
  type ConfigObject,
  type ConfigValue,
} from './eslint-config-value.js';
import { gitignoreRules, type GitignoreRules } from './gitignore-rules.js';
import { isInside, readConfigText, realPathOf } from './read-source.js';
import { FLAT_CONFIG_FILES, LEGACY_CONFIG_FILES, SCRIPT_FILE } from './eslint-config-files.js';

import type { parseProgram } from '../frontends/estree/program-cache.js';

const requireModule = createRequire(import.meta.url);

/** Flat config lints these without a `files` entry naming them. */
const DEFAULT_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs'];
const DEFAULT_FLAT_IGNORES = ['**/node_modules/', '.git/'];

/** `extends` of local files is followed this deep. */
const MAX_EXTENDS_DEPTH = 8;

// ── This plugin's configs, as data ───────────────────────────────────────────

/**
 * The `rules` and `settings` of this plugin's shareable configs (src/plugin/configs.ts), as
 * the configuration file would import them; a test holds them equal to the real ones.
 */
export function pluginConfigsAsData(): ConfigObject {
  const config = (level: 'recommended' | 'strict'): ConfigObject => ({
    rules: Object.fromEntries(
      RULE_IDS.filter((id) => !NON_JAVASCRIPT_RULES.has(id)).map((id) => [
        `secure-db/${id}`,
        'error',
      ]),
    ),
    settings: { 'secure-db': { profile: level === 'strict' ? 'strict' : 'default' } },
  });
  return {
    configs: {
      recommended: config('recommended'),
      strict: config('strict'),
      'legacy-recommended': config('recommended'),
      'legacy-strict': config('strict'),
      // The language blocks after the first name no JS/TS file.
      'recommended-all-files': [config('recommended')],
      'strict-all-files': [config('strict')],
    },
  };
}

// ── Matching ─────────────────────────────────────────────────────────────────

const matchers = new Map<string, (path: string) => boolean>();

function matcher(pattern: string, basename = false): (path: string) => boolean {
  const key = `${basename ? 'b' : 'p'}${pattern}`;
  let match = matchers.get(key);
  if (!match) {
    match = picomatch(pattern, { dot: true, basename });
    matchers.set(key, match);
  }
  return match;
}

/** ESLint's global ignores: a file is ignored when it, or a folder above it, is. */
function isIgnoredFlat(patterns: readonly string[], path: string): boolean {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++)
    if (lastMatchIgnores(patterns, `${parts.slice(0, i).join('/')}/`)) return true;
  return lastMatchIgnores(patterns, path);
}

function lastMatchIgnores(patterns: readonly string[], candidate: string): boolean {
  let ignored = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (matcher(negated ? pattern.slice(1) : pattern)(candidate)) ignored = !negated;
  }
  return ignored;
}

/** `*`, `**\/*`, `src/**`: patterns that apply settings but do not on their own make a file linted (ESLint's rule). */
const UNIVERSAL_PATTERN = /^\*$|^!|\/\*{1,2}$/u;
const isUniversal = (pattern: string) => UNIVERSAL_PATTERN.test(pattern);

// ── Flat configuration ───────────────────────────────────────────────────────

interface FlatEntry {
  /** Each element: one pattern, or several that must all match. */
  files?: (string | string[])[];
  ignores?: string[];
  rules?: ConfigValue;
  settings?: ConfigValue;
}

interface FlatConfigFile {
  /** Relative to the scan's working directory. */
  name: string;
  dir: string;
  entries: FlatEntry[];
  globalIgnores: string[];
  /** Its text never names secure-db: it sets nothing of ours, and was not parsed. */
  inert?: true;
}

function stringList(value: ConfigValue): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function filesList(value: ConfigValue): (string | string[])[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: (string | string[])[] = [];
  for (const item of value) {
    if (typeof item === 'string') out.push(item);
    else {
      const all = stringList(item);
      if (!all) return undefined;
      out.push(all);
    }
  }
  return out;
}

/** The configuration objects of an exported value, flattened as ESLint flattens them. */
function flatEntries(
  value: ConfigValue,
  plugin: ConfigObject,
  out: { entries: FlatEntry[]; globalIgnores: string[] },
  inherited?: Pick<FlatEntry, 'files' | 'ignores'>,
): void {
  if (Array.isArray(value)) {
    for (const item of value) flatEntries(item, plugin, out, inherited);
    return;
  }
  if (!isConfigObject(value)) return; // opaque (said where it became so), or nothing
  const keys = Object.keys(value).filter((k) => k !== 'name');
  const ignores = value.ignores === undefined ? undefined : stringList(value.ignores);
  if (keys.length === 1 && keys[0] === 'ignores' && !inherited) {
    if (ignores) out.globalIgnores.push(...ignores);
    return;
  }
  const files = value.files === undefined ? inherited?.files : filesList(value.files);
  // Patterns only running the file would give: the object cannot be placed.
  if (value.files !== undefined && !files) return;
  if (value.ignores !== undefined && !ignores) return;
  const own: Pick<FlatEntry, 'files' | 'ignores'> = {
    ...(files ? { files } : {}),
    ...((ignores ?? inherited?.ignores) ? { ignores: ignores ?? inherited?.ignores } : {}),
  };
  // `defineConfig` / typescript-eslint's `extends`: the extended configs, under this one's files.
  if (value.extends !== undefined) {
    const extended: ConfigValue[] = Array.isArray(value.extends) ? value.extends : [value.extends];
    for (const item of extended) {
      const config =
        typeof item === 'string' && item.startsWith('secure-db/')
          ? configNamed(plugin, item.slice('secure-db/'.length))
          : item;
      flatEntries(config, plugin, out, own);
    }
  }
  out.entries.push({
    ...own,
    ...(value.rules !== undefined ? { rules: value.rules } : {}),
    ...(value.settings !== undefined ? { settings: value.settings } : {}),
  });
}

function configNamed(plugin: ConfigObject, name: string): ConfigValue {
  const configs = plugin.configs;
  return isConfigObject(configs) ? configs[name] : undefined;
}

function matchesAny(patterns: readonly (string | string[])[], path: string, counting: boolean) {
  return patterns.some((p) =>
    typeof p === 'string'
      ? (!counting || !isUniversal(p)) && matcher(p)(path)
      : p.every((q) => matcher(q)(path)) && (!counting || !p.every(isUniversal)),
  );
}

function flatSettingsFor(config: FlatConfigFile, path: string): Layered | undefined {
  if (isIgnoredFlat([...DEFAULT_FLAT_IGNORES, ...config.globalIgnores], path)) return undefined;
  const excluded = (entry: FlatEntry) =>
    entry.ignores !== undefined && lastMatchIgnores(entry.ignores, path);
  const linted =
    matchesAny(DEFAULT_FILES, path, true) ||
    config.entries.some((e) => e.files && !excluded(e) && matchesAny(e.files, path, true));
  if (!linted) return undefined;
  const layered = new Layered();
  for (const entry of config.entries) {
    if (excluded(entry) || (entry.files && !matchesAny(entry.files, path, false))) continue;
    layered.add(entry.rules, entry.settings);
  }
  return layered;
}

// ── eslintrc ─────────────────────────────────────────────────────────────────

interface LegacyConfigFile {
  name: string;
  dir: string;
  config: ConfigObject;
  /** Its `ignorePatterns`, compiled on first use (null: none). */
  ignores?: GitignoreRules | null;
}

/** A path (POSIX, relative to the rules' folder) ignored by itself or by a folder above it. */
function ignoredByRules(rules: GitignoreRules, path: string): boolean {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++)
    if (rules.test(parts.slice(0, i).join('/'), true).ignored) return true;
  return rules.test(path, false).ignored;
}

/** eslintrc ignores dotfiles and node_modules unless told otherwise. */
const DEFAULT_LEGACY_IGNORES = gitignoreRules(['node_modules/', '.*', '!.eslintrc.*'].join('\n'));

// ── The reader ───────────────────────────────────────────────────────────────

/** Rules and settings, merged in order as ESLint merges configuration objects. */
class Layered {
  readonly rules: Record<string, ConfigValue> = {};
  settings: ConfigObject = {};

  add(rules: ConfigValue, settings: ConfigValue): void {
    if (isConfigObject(rules))
      for (const [key, value] of Object.entries(rules))
        if (key.startsWith('secure-db/') && value !== OPAQUE) this.rules[key] = value;
    if (isConfigObject(settings)) {
      const ours = settings['secure-db'];
      if (isConfigObject(ours)) this.settings = merge(this.settings, ours);
    }
  }
}

/** ESLint merges `settings` deeply; arrays and other values are replaced. */
function merge(base: ConfigObject, over: ConfigObject): ConfigObject {
  const out: ConfigObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (!isFullyKnown(value)) continue; // unknown without running: left out (and said)
    const previous = out[key];
    out[key] = isConfigObject(previous) && isConfigObject(value) ? merge(previous, value) : value;
  }
  return out;
}

/** The configuration files that apply in a directory: its nearest flat config, or the eslintrc cascade. */
type DirectoryConfigs = { flat: FlatConfigFile } | { chain: readonly LegacyConfigFile[] };

export class StaticEslintConfigs implements EslintSettingsSource {
  readonly #cwd: string;
  readonly #root: string;
  readonly #plugin = pluginConfigsAsData();
  readonly #byFile = new Map<string, EslintFileSettings | undefined>();
  readonly #flat = new Map<string, FlatConfigFile | null>();
  readonly #legacy = new Map<string, LegacyConfigFile | null>();
  /** Per directory: what `#configsIn` found. */
  readonly #configsByDir = new Map<string, DirectoryConfigs | null>();
  /** Per directory: the flat config that applies there (null: none). */
  readonly #nearestFlatIn = new Map<string, FlatConfigFile | null>();
  /** Per directory: the eslintrc files that apply there, farthest first. */
  readonly #legacyChainIn = new Map<string, readonly LegacyConfigFile[]>();
  /** The entry names of each directory looked in (one listing, not a stat per candidate name). */
  readonly #listings = new Map<string, ReadonlySet<string>>();
  #eslintIgnore: GitignoreRules | null | undefined;
  /** The scanner's JS/TS parser, loaded with the first JS/TS file (it loads oxc on use). */
  #parser: typeof parseProgram | undefined;
  /** Configuration files whose text names secure-db. */
  readonly #naming = new Set<string>();
  /** The configuration files read, relative to the working directory. */
  readonly read = new Set<string>();
  readonly problems: EslintConfigProblem[] = [];
  readonly version = undefined;
  readonly mode = 'static' as const;

  constructor(cwd: string) {
    this.#cwd = resolve(cwd);
    this.#root = realPathOf(this.#cwd) ?? this.#cwd;
  }

  get used(): boolean {
    return this.read.size > 0;
  }

  get(path: string): EslintFileSettings | undefined {
    // No configuration naming secure-db (most projects): no lookup per analysed file.
    return this.#byFile.size === 0 ? undefined : this.#byFile.get(path);
  }

  async load(files: readonly { path: string; relativePath: string }[]): Promise<void> {
    if (!files.some((f) => SCRIPT_FILE.test(f.relativePath))) return;
    this.#parser ??= (await import('../frontends/estree/program-cache.js')).parseProgram;
    // Most files lie under no configuration naming secure-db: the question is asked once
    // per directory as written (no `resolve` per file), and nothing is kept for such files.
    const configsOf = new Map<string, DirectoryConfigs | null>();
    for (const file of files) {
      if (!SCRIPT_FILE.test(file.relativePath) || this.#byFile.has(file.path)) continue;
      const dir = dirname(file.path);
      let configs = configsOf.get(dir);
      if (configs === undefined)
        configsOf.set(dir, (configs = this.#configsIn(resolve(this.#cwd, dir))));
      if (configs) this.#byFile.set(file.path, this.#settingsFor(configs, file));
    }
  }

  #settingsFor(
    configs: DirectoryConfigs,
    { path, relativePath }: { path: string; relativePath: string },
  ): EslintFileSettings | undefined {
    const layered =
      'flat' in configs
        ? flatSettingsFor(configs.flat, this.#relative(configs.flat.dir, path))
        : this.#legacySettingsFor(configs.chain, path);
    if (!layered) return undefined; // a file ESLint ignores: the scanner's own settings apply
    try {
      return secureDbPart(
        { rules: layered.rules, settings: { 'secure-db': layered.settings } },
        `the ESLint configuration for ${relativePath}`,
      );
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      if (!this.problems.some((p) => p.message === error.message))
        this.problems.push({ file: relativePath, message: error.message, invalid: true });
      return undefined;
    }
  }

  #relative(from: string, path: string): string {
    return relative(from, resolve(this.#cwd, path)).split(sep).join('/');
  }

  /**
   * The configuration files that apply to the files of `dir`: the nearest flat config, else
   * the eslintrc cascade; null for none (or a directory outside the working directory).
   * Worked out once per directory: a tree has far fewer directories than files.
   */
  #configsIn(dir: string): DirectoryConfigs | null {
    let configs = this.#configsByDir.get(dir);
    if (configs === undefined) {
      const inside = isInside(this.#cwd, dir);
      const flat = inside ? this.#nearestFlat(dir) : undefined;
      const chain = inside && !flat ? this.#legacyChain(dir) : [];
      configs = flat ? (flat.inert ? null : { flat }) : chain.length > 0 ? { chain } : null;
      this.#configsByDir.set(dir, configs);
    }
    return configs;
  }

  /** The parent of `dir`, or undefined at the working directory (where the lookups stop). */
  #parentOf(dir: string): string | undefined {
    const parent = dirname(dir);
    return dir === this.#cwd || parent === dir ? undefined : parent;
  }

  /**
   * Whether `dir` holds an entry `name` that exists (a link is followed, as `existsSync`
   * does). A tree has a few configuration files and thousands of directories to look in:
   * one listing per directory costs less than a stat per candidate name.
   */
  #holds(dir: string, name: string): boolean {
    let names = this.#listings.get(dir);
    if (!names) {
      try {
        names = new Set(readdirSync(dir));
      } catch {
        names = new Set();
      }
      this.#listings.set(dir, names);
    }
    return names.has(name) && existsSync(join(dir, name));
  }

  /** The flat config in `dir` or its nearest parent; worked out once per directory. */
  #nearestFlat(dir: string): FlatConfigFile | undefined {
    let nearest = this.#nearestFlatIn.get(dir);
    if (nearest === undefined) {
      let own = this.#flat.get(dir);
      if (own === undefined) {
        const name = FLAT_CONFIG_FILES.find((f) => this.#holds(dir, f));
        own = name ? this.#readFlat(join(dir, name)) : null;
        this.#flat.set(dir, own);
      }
      const parent = this.#parentOf(dir);
      nearest = own ?? (parent === undefined ? null : (this.#nearestFlat(parent) ?? null));
      this.#nearestFlatIn.set(dir, nearest);
    }
    return nearest ?? undefined;
  }

  #readFlat(path: string): FlatConfigFile | null {
    const name = this.#relative(this.#cwd, path);
    const text = this.#text(path, name);
    if (text === undefined) return null;
    // A configuration that never names secure-db sets none of its rules or settings (nor
    // loads its configs): every file under it gets the scanner's own settings, as with no
    // configuration. It still ends the lookup, as the nearest config file does in ESLint,
    // and is not parsed: most projects' configs are of this kind.
    if (!text.includes('secure-db')) {
      this.read.add(name);
      return { name, dir: dirname(path), entries: [], globalIgnores: [], inert: true };
    }
    const module = this.#readModule(path, name, text);
    const out = { entries: [] as FlatEntry[], globalIgnores: [] as string[] };
    if (module === undefined) return null;
    if (module === OPAQUE) {
      this.#noteOpaqueExport(name);
      return null;
    }
    flatEntries(module, this.#plugin, out);
    return { name, dir: dirname(path), ...out };
  }

  /** A JS/TS configuration module's exported value; OPAQUE when it cannot be read. */
  #readModule(path: string, name: string, text = this.#text(path, name)): ConfigValue | undefined {
    if (text === undefined) return undefined;
    if (text.includes('secure-db')) this.#naming.add(name);
    let program;
    try {
      // The scanner's own parser (oxc-parser, or espree / typescript-estree).
      program = this.#parser!({ path, relativePath: name, text, bom: false });
    } catch (error) {
      if (this.#naming.has(name)) this.#note(name, `does not parse (${firstLine(error)})`, true);
      return undefined;
    }
    this.read.add(name);
    const module = readConfigModule(program, text, this.#plugin);
    if (module.tooLarge) {
      this.#note(name, 'is too large to read as data (more than 100,000 values)', true);
      return undefined;
    }
    for (const part of module.uncertain)
      this.#note(name, `\`${part}\` is known only by running the file`);
    return module.exported;
  }

  #text(path: string, name: string): string | undefined {
    const read = readConfigText(path, { root: this.#root });
    if (read.kind === 'ok') return read.text;
    if (read.kind === 'refused') this.#note(name, read.reason, true);
    return undefined;
  }

  /**
   * A configuration only running can give (a function, another package's factory): said
   * only when the file names secure-db, since otherwise it sets nothing of ours.
   */
  #noteOpaqueExport(name: string): void {
    // Once per file: the part that made it so may have been named already.
    if (this.#naming.has(name) && !this.problems.some((p) => p.file === name))
      this.#note(name, 'its exported configuration is known only by running it');
  }

  /**
   * One diagnostic per file and reason, naming the file in its own field. `unread`: the
   * file could not be read at all, so running it (`--eslint-config`) is no remedy to offer.
   */
  #note(name: string, what: string, unread = false): void {
    const message = unread
      ? `ESLint configuration ${what}: not read, the scanner's own settings apply`
      : `ESLint configuration: ${what}; the scanner's own settings apply there (--eslint-config runs the file)`;
    if (!this.problems.some((p) => p.file === name && p.message === message))
      this.problems.push({ file: name, message });
  }

  // eslintrc ------------------------------------------------------------------

  /** The eslintrc files that apply in `dir`, farthest first; worked out once per directory. */
  #legacyChain(dir: string): readonly LegacyConfigFile[] {
    let chain = this.#legacyChainIn.get(dir);
    if (!chain) {
      let own = this.#legacy.get(dir);
      if (own === undefined) {
        own = this.#readLegacyIn(dir);
        this.#legacy.set(dir, own);
      }
      const parent = this.#parentOf(dir);
      // `root: true` ends the cascade: no parent's file applies.
      const above =
        own?.config.root === true || parent === undefined ? [] : this.#legacyChain(parent);
      chain = own ? [...above, own] : above;
      this.#legacyChainIn.set(dir, chain);
    }
    return chain;
  }

  #readLegacyIn(dir: string): LegacyConfigFile | null {
    for (const file of LEGACY_CONFIG_FILES) {
      if (!this.#holds(dir, file)) continue;
      const path = join(dir, file);
      const name = this.#relative(this.#cwd, path);
      const value = this.#readLegacyFile(path, name);
      if (file === 'package.json') {
        // Only a package.json with an `eslintConfig` key is a configuration file.
        const config = isConfigObject(value) ? value.eslintConfig : undefined;
        if (!isConfigObject(config)) continue;
        return { name, dir, config };
      }
      if (isConfigObject(value)) return { name, dir, config: value };
      if (value === OPAQUE) this.#noteOpaqueExport(name);
      return null;
    }
    return null;
  }

  #readLegacyFile(path: string, name: string): ConfigValue | undefined {
    if (/\.[cm]?[jt]s$/.test(path)) return this.#readModule(path, name);
    const text = this.#text(path, name);
    if (text === undefined) return undefined;
    const parsed = parseData(path, text);
    if (parsed === undefined) {
      this.#note(name, 'does not parse', true);
      return undefined;
    }
    if (!path.endsWith('package.json')) this.read.add(name);
    else if (isConfigObject(parsed) && parsed.eslintConfig !== undefined) this.read.add(name);
    return parsed;
  }

  #legacySettingsFor(chain: readonly LegacyConfigFile[], path: string): Layered | undefined {
    if (this.#legacyIgnored(chain, path)) return undefined;
    const layered = new Layered();
    for (const file of chain)
      this.#applyLegacy(file.config, file.dir, file.dir, path, layered, 0, file.name);
    return layered;
  }

  #legacyIgnored(chain: readonly LegacyConfigFile[], path: string): boolean {
    const absolute = resolve(this.#cwd, path);
    // Bounded like .gitignore files (gitignore-rules.ts): a pull request controls these too.
    const ignoredIn = (dir: string, rules: GitignoreRules) => {
      const rel = relative(dir, absolute).split(sep).join('/');
      return !rel.startsWith('..') && ignoredByRules(rules, rel);
    };
    if (ignoredIn(this.#cwd, DEFAULT_LEGACY_IGNORES)) return true;
    const eslintIgnore = this.#readEslintIgnore();
    if (eslintIgnore && ignoredIn(this.#cwd, eslintIgnore)) return true;
    return chain.some((file) => {
      if (file.ignores === undefined) {
        const patterns = stringList(file.config.ignorePatterns ?? []) ?? [];
        file.ignores = patterns.length > 0 ? gitignoreRules(patterns.join('\n')) : null;
      }
      return file.ignores !== null && ignoredIn(file.dir, file.ignores);
    });
  }

  #readEslintIgnore(): GitignoreRules | null {
    if (this.#eslintIgnore !== undefined) return this.#eslintIgnore;
    const path = join(this.#cwd, '.eslintignore');
    const text = existsSync(path) ? this.#text(path, '.eslintignore') : undefined;
    return (this.#eslintIgnore = text === undefined ? null : gitignoreRules(text));
  }

  /** One eslintrc object: its `extends`, then its own rules and settings, then `overrides`. */
  #applyLegacy(
    config: ConfigObject,
    baseDir: string,
    configDir: string,
    path: string,
    layered: Layered,
    depth: number,
    name: string,
  ): void {
    const extended =
      typeof config.extends === 'string'
        ? [config.extends]
        : (stringList(config.extends ?? []) ?? []);
    for (const item of extended) {
      const base = this.#legacyExtends(item, configDir, depth, name);
      if (base) this.#applyLegacy(base.config, baseDir, base.dir, path, layered, depth + 1, name);
    }
    layered.add(config.rules, config.settings);
    if (!Array.isArray(config.overrides)) return;
    const rel = this.#relative(baseDir, path);
    for (const override of config.overrides) {
      if (!isConfigObject(override)) continue;
      const files =
        typeof override.files === 'string' ? [override.files] : stringList(override.files ?? []);
      const excluded =
        typeof override.excludedFiles === 'string'
          ? [override.excludedFiles]
          : (stringList(override.excludedFiles ?? []) ?? []);
      if (!files || files.length === 0) continue;
      // eslintrc: a pattern without a slash matches the file name in any folder.
      const matches = (p: string) => matcher(p, !p.includes('/'))(rel);
      if (!files.some(matches) || excluded.some(matches)) continue;
      this.#applyLegacy(override, baseDir, configDir, path, layered, depth + 1, name);
    }
  }

  #legacyExtends(
    item: string,
    configDir: string,
    depth: number,
    name: string,
  ): { config: ConfigObject; dir: string } | undefined {
    if (item.startsWith('plugin:secure-db/')) {
      const config = configNamed(this.#plugin, item.slice('plugin:secure-db/'.length));
      return isConfigObject(config) ? { config, dir: configDir } : undefined;
    }
    // A local file (`./base.json`): read by the same rules, as deep as is sane.
    if (!item.startsWith('.') || depth >= MAX_EXTENDS_DEPTH) return undefined;
    const path = resolve(configDir, item);
    if (!existsSync(path)) return undefined;
    const value = this.#readLegacyFile(path, this.#relative(this.#cwd, path));
    if (!isConfigObject(value)) {
      if (value === OPAQUE) this.#note(name, `\`${item}\` is known only by running it`);
      return undefined;
    }
    return { config: value, dir: dirname(path) };
  }
}

/** `.eslintrc.json` (comments allowed), `.eslintrc.y[a]ml`, `.eslintrc` (either), package.json. */
function parseData(path: string, text: string): ConfigValue | undefined {
  const jsonc = requireModule('jsonc-parser') as typeof JsoncParser;
  const isYaml = /\.ya?ml$/.test(path);
  if (!isYaml) {
    const errors: JsoncParser.ParseError[] = [];
    const value = jsonc.parse(text, errors, { allowTrailingComma: true }) as ConfigValue;
    if (errors.length === 0) return value;
    if (!path.endsWith('.eslintrc')) return undefined;
  }
  try {
    const yaml = requireModule('yaml') as typeof Yaml;
    return yaml.parse(text, { maxAliasCount: 100 }) as ConfigValue;
  } catch {
    return undefined;
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split(/\r?\n/)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * How the CLI reads the project's ESLint configuration: `true` (`--eslint-config`) has
 * ESLint compute it, which runs `eslint.config.js`; `false` reads none; unset (the
 * default) reads it as data, without running anything.
 */
export function eslintSettingsSource(
  cwd: string,
  wanted: boolean | undefined,
): EslintSettingsSource | undefined {
  if (wanted === false) return undefined;
  return wanted ? new EslintConfigs(cwd) : new StaticEslintConfigs(cwd);
}
