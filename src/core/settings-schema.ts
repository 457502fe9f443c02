/**
 * The settings both faces accept (`settings['secure-db']` in ESLint, the scanner's JSON
 * configuration), their allowed values, and the "did you mean" that turns a typo into a
 * clear configuration error instead of a silently weaker gate.
 */
import { MESSAGES, type RuleId } from './messages.js';
import type { EnvironmentPatterns } from './environment.js';
import type { PolicyOptions } from './model.js';

export const PROFILES: readonly PolicyOptions['profile'][] = ['default', 'strict'];
export const SSLMODES: readonly PolicyOptions['minimumSslmode'][] = [
  'require',
  'verify-ca',
  'verify-full',
];
export const TLS_VERSIONS: readonly PolicyOptions['minimumTlsVersion'][] = ['TLSv1.2', 'TLSv1.3'];
export const RULE_IDS = Object.keys(MESSAGES) as RuleId[];
/**
 * Rules whose findings live only in server configuration files, which the secure-db
 * languages read: the JavaScript configs of the plugin leave them out.
 */
export const NON_JAVASCRIPT_RULES: ReadonlySet<string> = new Set<RuleId>(['no-weak-db-auth']);

/** ESLint's severities, by name: `0`/`1`/`2` and the array forms are read into these. */
export type RuleSeverity = 'off' | 'warn' | 'error';
const RULE_SEVERITIES: readonly RuleSeverity[] = ['off', 'warn', 'error'];

export class SettingsError extends Error {}

/** Levenshtein distance, for "did you mean" over a handful of short names. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length]!;
}

/** The closest candidate within a third of the word's length (at least 2 edits), if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: { candidate: string; d: number } | undefined;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d <= limit && (!best || d < best.d)) best = { candidate, d };
  }
  return best?.candidate;
}

/** ` Did you mean "x"?`, or nothing. */
function didYouMean(word: string, candidates: readonly string[]): string {
  const guess = closest(word, candidates);
  return guess === undefined ? '' : ` Did you mean "${guess}"?`;
}

const quoted = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');

/** A short, safe rendering of a configured value for an error message. */
function shown(value: unknown): string {
  // JSON.stringify returns undefined for undefined, a function or a symbol (not in its type).
  const text =
    typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) as string | undefined);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Throws unless every key of `object` is known; names the closest known key. */
export function checkKeys(
  object: Readonly<Record<string, unknown>>,
  known: readonly string[],
  where: string,
  prefix = '',
): void {
  for (const key of Object.keys(object))
    if (!known.includes(key))
      throw new SettingsError(
        `${where}: unknown key "${prefix}${key}" (allowed: ${quoted(known)}).${didYouMean(key, known)}`,
      );
}

/** `value` when it is one of `allowed`; otherwise an error naming the key and the allowed values. */
export function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  where: string,
  key: string,
): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
  throw new SettingsError(
    `${where}: "${key}" is ${shown(value)}; allowed: ${quoted(allowed)}.${hint}`,
  );
}

export function stringArray(value: unknown, where: string, key: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new SettingsError(`${where}: "${key}" must be an array of strings`);
  return value as string[];
}

/** `environments: { development?: string[], production?: string[] }`. */
export function environmentPatterns(
  value: unknown,
  where: string,
): { development?: string[]; production?: string[] } {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new SettingsError(`${where}: "environments" must be an object`);
  const env = value as Record<string, unknown>;
  checkKeys(env, ['development', 'production'], where, 'environments.');
  const out: { development?: string[]; production?: string[] } = {};
  if (env.development !== undefined)
    out.development = stringArray(env.development, where, 'environments.development');
  if (env.production !== undefined)
    out.production = stringArray(env.production, where, 'environments.production');
  return out;
}

/**
 * A rule's severity as ESLint writes it: `'off' | 'warn' | 'error'`, `0 | 1 | 2`, or an
 * array whose first element is one of those (the options after it are the rule's).
 */
export function parseSeverity(value: unknown, where: string, key: string): RuleSeverity {
  const level: unknown = Array.isArray(value) ? value[0] : value;
  if (level === 0 || level === 1 || level === 2) return RULE_SEVERITIES[level]!;
  if (typeof level === 'string' && (RULE_SEVERITIES as readonly string[]).includes(level))
    return level as RuleSeverity;
  const hint = typeof level === 'string' ? didYouMean(level, RULE_SEVERITIES) : '';
  throw new SettingsError(
    `${where}: "${key}" is ${shown(value)}; allowed: "off", "warn", "error" (or 0, 1, 2, or an array starting with one).${hint}`,
  );
}

/** `require-ssl` or `secure-db/require-ssl` → `require-ssl`; an unknown id is an error. */
export function ruleIdOf(key: string, where: string): RuleId {
  const id = key.startsWith('secure-db/') ? key.slice('secure-db/'.length) : key;
  if ((RULE_IDS as readonly string[]).includes(id)) return id as RuleId;
  const guess = closest(id, RULE_IDS);
  throw new SettingsError(
    `${where}: unknown rule "${key}" (rules: ${quoted(RULE_IDS)}).${guess ? ` Did you mean "secure-db/${guess}"?` : ''}`,
  );
}

/** `rules: { 'secure-db/<id>': severity }`, keyed by the short id. */
export function ruleSeverities(value: unknown, where: string): Map<RuleId, RuleSeverity> {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new SettingsError(`${where}: "rules" must be an object of rule id → severity`);
  const out = new Map<RuleId, RuleSeverity>();
  for (const [key, severity] of Object.entries(value as Record<string, unknown>))
    out.set(ruleIdOf(key, where), parseSeverity(severity, where, `rules.${key}`));
  return out;
}

/** `settings['secure-db']`: what the ESLint rules read, and the scanner reads from ESLint. */
export interface SecureDbSettings {
  /** `strict` also reports development sites, loopback hosts and TLS not set in code. */
  profile?: 'default' | 'strict';
  /** The lowest sslmode accepted outside development (default `verify-full`). */
  minimumSslmode?: PolicyOptions['minimumSslmode'];
  /** Extra path globs (relative to the working directory) that name a file's environment. */
  environments?: EnvironmentPatterns;
  /** Apply fixes that change runtime behaviour with `eslint --fix` (default: suggestions only). */
  autofix?: boolean;
}

const SETTINGS_KEYS = ['profile', 'minimumSslmode', 'environments', 'autofix'];

/**
 * The keys given, validated (a `SettingsError` otherwise). The scanner reads ESLint's
 * settings through this too, so both faces reject the same typos.
 */
export function validateSettings(raw: unknown, where = "settings['secure-db']"): SecureDbSettings {
  if (raw === undefined) return {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new SettingsError(`${where} must be an object`);
  const r = raw as Record<string, unknown>;
  checkKeys(r, SETTINGS_KEYS, where);
  const out: SecureDbSettings = {};
  if (r.profile !== undefined) out.profile = oneOf(r.profile, PROFILES, where, 'profile');
  if (r.minimumSslmode !== undefined)
    out.minimumSslmode = oneOf(r.minimumSslmode, SSLMODES, where, 'minimumSslmode');
  if (r.environments !== undefined) out.environments = environmentPatterns(r.environments, where);
  if (r.autofix !== undefined) {
    if (typeof r.autofix !== 'boolean')
      throw new SettingsError(`${where}: "autofix" must be true or false`);
    out.autofix = r.autofix;
  }
  return out;
}
