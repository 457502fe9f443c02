/**
 * The scanner's configuration: `--config FILE` (JSON), else the `secure-db` key of
 * `package.json` in the working directory, else nothing. Unknown keys and wrong types are
 * configuration errors (exit 2), so a typo never silently weakens a gate.
 *
 * Both are read by the scanner's config-file rules (only a regular file, at most 10 MB;
 * `package.json` not through a link out of the project): one that cannot be read is a
 * configuration error. So is a `package.json` that is not valid JSON but names
 * `"secure-db"`: its settings (a `strict` profile) must not be silently dropped. A broken
 * `package.json` without that key is not ours to judge.
 */
import { resolve } from 'node:path';
import type { RuleId } from '../core/messages.js';
import type { PolicyOptions } from '../core/model.js';
import { readConfigText, realPathOf } from '../scanner/read-source.js';
import {
  checkKeys,
  environmentPatterns,
  oneOf,
  PROFILES,
  ruleSeverities,
  SettingsError,
  SSLMODES,
  stringArray,
  TLS_VERSIONS,
  type RuleSeverity,
} from '../core/settings-schema.js';

export { SSLMODES };

export interface ScannerConfig {
  profile?: PolicyOptions['profile'];
  minimumSslmode?: PolicyOptions['minimumSslmode'];
  minimumTlsVersion?: PolicyOptions['minimumTlsVersion'];
  environments?: { development?: string[]; production?: string[] };
  ignores?: string[];
  /** Per rule (short id): `off` drops its findings, `warn` reports them as warnings. */
  rules?: Map<RuleId, RuleSeverity>;
  /** `true`: ESLint computes its configuration (runs it); `false`: none; unset: read as data. */
  eslintConfig?: boolean;
  /** The size budget per file, in bytes (`"maxFileSize"`). */
  maxFileBytes?: number;
  /** The time budget per file, in milliseconds of CPU time (`"maxFileTime"`; 0: none). */
  maxFileMs?: number;
}

export class ConfigError extends Error {}

const KEYS = [
  'profile',
  'minimumSslmode',
  'minimumTlsVersion',
  'environments',
  'ignores',
  'rules',
  'eslintConfig',
  'maxFileSize',
  'maxFileTime',
];

/** Past this, a file's text would not fit in one JavaScript string (V8: 2^29 characters). */
const LARGEST_SIZE_BUDGET = 256 * 1024 * 1024;
const SIZE_UNITS = new Map([
  ['', 1],
  ['b', 1],
  ['kb', 1024],
  ['mb', 1024 * 1024],
]);
const TIME_UNITS = new Map([
  ['', 1000],
  ['s', 1000],
  ['ms', 1],
]);

/** `n`, `"nKB"` or `"nMB"` (1024-based, as the 10 MB default): bytes, 1 B to 256 MB. */
export function parseSizeBudget(value: unknown, what: string): number {
  const bytes = withUnit(value, SIZE_UNITS);
  if (bytes === undefined || bytes < 1 || bytes > LARGEST_SIZE_BUDGET)
    throw new SettingsError(
      `${what} must be a size from 1 byte to 256 MB, such as 10MB, 512KB or 4096 (bytes)`,
    );
  return Math.floor(bytes);
}

/** `n` seconds, `"ns"` or `"nms"`: milliseconds; 0 turns the budget off. */
export function parseTimeBudget(value: unknown, what: string): number {
  const ms = withUnit(value, TIME_UNITS);
  if (ms === undefined)
    throw new SettingsError(
      `${what} must be a duration such as 10s, 500ms or 30 (seconds); 0 turns it off`,
    );
  return ms;
}

/** A non-negative number, with an optional unit from `units` after it. */
function withUnit(value: unknown, units: ReadonlyMap<string, number>): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) && value >= 0 ? value * units.get('')! : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = match ? units.get(match[2]!.toLowerCase()) : undefined;
  return unit === undefined ? undefined : Number(match![1]) * unit;
}

function validateConfig(raw: unknown, where: string): ScannerConfig {
  try {
    return readScannerConfig(raw, where);
  } catch (error) {
    if (error instanceof SettingsError) throw new ConfigError(error.message);
    throw error;
  }
}

function readScannerConfig(raw: unknown, where: string): ScannerConfig {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new SettingsError(`${where}: the configuration must be an object`);
  const r = raw as Record<string, unknown>;
  checkKeys(r, KEYS, where);
  const out: ScannerConfig = {};
  if (r.profile !== undefined) out.profile = oneOf(r.profile, PROFILES, where, 'profile');
  if (r.minimumSslmode !== undefined)
    out.minimumSslmode = oneOf(r.minimumSslmode, SSLMODES, where, 'minimumSslmode');
  if (r.minimumTlsVersion !== undefined)
    out.minimumTlsVersion = oneOf(r.minimumTlsVersion, TLS_VERSIONS, where, 'minimumTlsVersion');
  if (r.environments !== undefined) out.environments = environmentPatterns(r.environments, where);
  if (r.ignores !== undefined) out.ignores = stringArray(r.ignores, where, 'ignores');
  if (r.rules !== undefined) out.rules = ruleSeverities(r.rules, where);
  if (r.eslintConfig !== undefined) {
    if (typeof r.eslintConfig !== 'boolean')
      throw new SettingsError(`${where}: "eslintConfig" must be true or false`);
    out.eslintConfig = r.eslintConfig;
  }
  if (r.maxFileSize !== undefined)
    out.maxFileBytes = parseSizeBudget(r.maxFileSize, `${where}: "maxFileSize"`);
  if (r.maxFileTime !== undefined)
    out.maxFileMs = parseTimeBudget(r.maxFileTime, `${where}: "maxFileTime"`);
  return out;
}

export interface LoadedConfig {
  config: ScannerConfig;
  /** Where it came from, for messages; null when there is none. */
  source: string | null;
}

/** A `"secure-db"` key, as a broken package.json may still spell it. */
const SECURE_DB_KEY = /["']secure-db["']\s*:/;

export function loadConfig(cwd: string, configPath?: string): LoadedConfig {
  if (configPath) {
    const path = resolve(cwd, configPath);
    const read = readConfigText(path);
    if (read.kind === 'missing')
      throw new ConfigError(`cannot read the configuration file ${configPath}`);
    if (read.kind === 'refused')
      throw new ConfigError(`the configuration file ${configPath} ${read.reason}`);
    let raw: unknown;
    try {
      raw = JSON.parse(read.text);
    } catch {
      throw new ConfigError(`the configuration file ${configPath} is not valid JSON`);
    }
    return { config: validateConfig(raw, configPath), source: configPath };
  }
  const pkgPath = resolve(cwd, 'package.json');
  const read = readConfigText(pkgPath, { root: realPathOf(cwd) ?? cwd });
  if (read.kind === 'missing') return { config: {}, source: null };
  if (read.kind === 'refused') throw new ConfigError(`package.json ${read.reason}`);
  let pkg: unknown;
  try {
    pkg = JSON.parse(read.text);
  } catch {
    if (SECURE_DB_KEY.test(read.text))
      throw new ConfigError(
        'package.json is not valid JSON, and it names "secure-db": its settings cannot be read',
      );
    return { config: {}, source: null };
  }
  const raw = (pkg as Record<string, unknown> | null)?.['secure-db'];
  if (raw === undefined) return { config: {}, source: null };
  return { config: validateConfig(raw, 'package.json "secure-db"'), source: 'package.json' };
}
