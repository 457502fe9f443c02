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
import type { PolicyOptions } from '../core/model.js';
import { readConfigText, realPathOf } from '../scanner/read-source.js';

export interface ScannerConfig {
  profile?: PolicyOptions['profile'];
  minimumSslmode?: PolicyOptions['minimumSslmode'];
  minimumTlsVersion?: PolicyOptions['minimumTlsVersion'];
  environments?: { development?: string[]; production?: string[] };
  ignores?: string[];
}

export class ConfigError extends Error {}

const PROFILES = ['default', 'strict'];
export const SSLMODES = ['require', 'verify-ca', 'verify-full'];
const TLS_VERSIONS = ['TLSv1.2', 'TLSv1.3'];
const KEYS = new Set(['profile', 'minimumSslmode', 'minimumTlsVersion', 'environments', 'ignores']);

function stringArray(value: unknown, where: string, label: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new ConfigError(`${where}: "${label}" must be an array of strings`);
  return value as string[];
}

export function validateConfig(raw: unknown, where: string): ScannerConfig {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new ConfigError(`${where}: the configuration must be an object`);
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r))
    if (!KEYS.has(key))
      throw new ConfigError(`${where}: unknown key "${key}" (known: ${[...KEYS].join(', ')})`);
  const out: ScannerConfig = {};
  const oneOf = <T extends string>(key: string, values: readonly string[]): T | undefined => {
    if (r[key] === undefined) return undefined;
    if (typeof r[key] !== 'string' || !values.includes(r[key]))
      throw new ConfigError(`${where}: "${key}" must be one of ${values.join(', ')}`);
    return r[key] as T;
  };
  const profile = oneOf<ScannerConfig['profile'] & string>('profile', PROFILES);
  if (profile) out.profile = profile;
  const sslmode = oneOf<PolicyOptions['minimumSslmode']>('minimumSslmode', SSLMODES);
  if (sslmode) out.minimumSslmode = sslmode;
  const tls = oneOf<PolicyOptions['minimumTlsVersion']>('minimumTlsVersion', TLS_VERSIONS);
  if (tls) out.minimumTlsVersion = tls;
  if (r.environments !== undefined) {
    const e = r.environments;
    if (!e || typeof e !== 'object' || Array.isArray(e))
      throw new ConfigError(`${where}: "environments" must be an object`);
    const env = e as Record<string, unknown>;
    for (const key of Object.keys(env))
      if (key !== 'development' && key !== 'production')
        throw new ConfigError(
          `${where}: unknown key "environments.${key}" (known: development, production)`,
        );
    out.environments = {};
    if (env.development !== undefined)
      out.environments.development = stringArray(
        env.development,
        where,
        'environments.development',
      );
    if (env.production !== undefined)
      out.environments.production = stringArray(env.production, where, 'environments.production');
  }
  if (r.ignores !== undefined) out.ignores = stringArray(r.ignores, where, 'ignores');
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
