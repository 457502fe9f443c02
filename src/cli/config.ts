/**
 * The scanner's configuration: `--config FILE` (JSON), else the `secure-db` key of
 * `package.json` in the working directory, else nothing. Unknown keys and wrong types are
 * configuration errors (exit 2), so a typo never silently weakens a gate.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PolicyOptions } from '../core/model.js';

export interface ScannerConfig {
  profile?: PolicyOptions['profile'];
  minimumSslmode?: PolicyOptions['minimumSslmode'];
  minimumTlsVersion?: PolicyOptions['minimumTlsVersion'];
  environments?: { development?: string[]; production?: string[] };
  ignores?: string[];
}

export class ConfigError extends Error {}

const PROFILES: readonly PolicyOptions['profile'][] = ['default', 'strict'];
export const SSLMODES: readonly PolicyOptions['minimumSslmode'][] = [
  'require',
  'verify-ca',
  'verify-full',
];
const TLS_VERSIONS: readonly PolicyOptions['minimumTlsVersion'][] = ['TLSv1.2', 'TLSv1.3'];
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
  const oneOf = <T extends string>(key: string, values: readonly T[]): T | undefined => {
    if (r[key] === undefined) return undefined;
    const value = values.find((v) => v === r[key]);
    if (value === undefined)
      throw new ConfigError(`${where}: "${key}" must be one of ${values.join(', ')}`);
    return value;
  };
  const profile = oneOf('profile', PROFILES);
  if (profile) out.profile = profile;
  const sslmode = oneOf('minimumSslmode', SSLMODES);
  if (sslmode) out.minimumSslmode = sslmode;
  const tls = oneOf('minimumTlsVersion', TLS_VERSIONS);
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

export function loadConfig(cwd: string, configPath?: string): LoadedConfig {
  if (configPath) {
    const path = resolve(cwd, configPath);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new ConfigError(`cannot read the configuration file ${configPath}`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new ConfigError(`the configuration file ${configPath} is not valid JSON`);
    }
    return { config: validateConfig(raw, configPath), source: configPath };
  }
  const pkgPath = resolve(cwd, 'package.json');
  if (!existsSync(pkgPath)) return { config: {}, source: null };
  let pkg: unknown;
  try {
    pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  } catch {
    // Not ours to judge: a broken package.json simply has no secure-db key we can read.
    return { config: {}, source: null };
  }
  const raw = (pkg as Record<string, unknown> | null)?.['secure-db'];
  if (raw === undefined) return { config: {}, source: null };
  return { config: validateConfig(raw, 'package.json "secure-db"'), source: 'package.json' };
}
