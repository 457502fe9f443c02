/**
 * The settings one file is judged with, from, strongest first: the scan's explicit options
 * (command-line flags, then the scanner's configuration), the project's ESLint
 * configuration for that file (JS/TS only), then the defaults. `--print-config` shows the
 * same object.
 */
import type { EnvironmentPatterns } from '../core/environment.js';
import type { RuleId } from '../core/messages.js';
import { DEFAULT_POLICY_OPTIONS, type PolicyOptions } from '../core/model.js';
import { RULE_IDS, type RuleSeverity } from '../core/settings-schema.js';

/** What ESLint's configuration says about one file (see `EslintConfigs`). */
export interface EslintFileSettings {
  /** `secure-db/*` rules the configuration names, by short id. */
  rules: ReadonlyMap<RuleId, RuleSeverity>;
  profile?: PolicyOptions['profile'];
  minimumSslmode?: PolicyOptions['minimumSslmode'];
  environments?: EnvironmentPatterns;
}

/** Where a setting's value came from, for `--print-config`. */
type SettingSource = 'option' | 'eslint' | 'default';

export interface FileSettings {
  policy: PolicyOptions;
  environments: EnvironmentPatterns;
  /** Every rule's severity. */
  rules: ReadonlyMap<RuleId, RuleSeverity>;
  sources: {
    profile: SettingSource;
    minimumSslmode: SettingSource;
    environments: SettingSource;
    rules: ReadonlyMap<RuleId, SettingSource>;
  };
}

/** The explicit part of the scan options. */
export interface ExplicitSettings {
  profile?: PolicyOptions['profile'] | undefined;
  minimumSslmode?: PolicyOptions['minimumSslmode'] | undefined;
  minimumTlsVersion?: PolicyOptions['minimumTlsVersion'] | undefined;
  environments?: EnvironmentPatterns | undefined;
  rules?: ReadonlyMap<RuleId, RuleSeverity> | Readonly<Record<string, RuleSeverity>> | undefined;
}

function isMap<K, V>(value: ReadonlyMap<K, V> | object): value is ReadonlyMap<K, V> {
  return value instanceof Map;
}

function explicitRules(rules: ExplicitSettings['rules']): ReadonlyMap<string, RuleSeverity> {
  if (!rules) return new Map();
  if (isMap(rules)) return rules;
  const out = new Map<string, RuleSeverity>();
  for (const [key, value] of Object.entries(rules)) out.set(key.replace(/^secure-db\//, ''), value);
  return out;
}

export function effectiveSettings(
  explicit: ExplicitSettings,
  eslint: EslintFileSettings | undefined,
): FileSettings {
  const pick = <T>(given: T | undefined, fromEslint: T | undefined, fallback: T) =>
    given !== undefined
      ? { value: given, source: 'option' as const }
      : fromEslint !== undefined
        ? { value: fromEslint, source: 'eslint' as const }
        : { value: fallback, source: 'default' as const };
  const profile = pick(explicit.profile, eslint?.profile, DEFAULT_POLICY_OPTIONS.profile);
  const sslmode = pick(
    explicit.minimumSslmode,
    eslint?.minimumSslmode,
    DEFAULT_POLICY_OPTIONS.minimumSslmode,
  );
  const environments = pick<EnvironmentPatterns>(explicit.environments, eslint?.environments, {});
  const given = explicitRules(explicit.rules);
  const rules = new Map<RuleId, RuleSeverity>();
  const ruleSources = new Map<RuleId, SettingSource>();
  for (const id of RULE_IDS) {
    const rule = pick<RuleSeverity>(given.get(id), eslint?.rules.get(id), 'error');
    rules.set(id, rule.value);
    ruleSources.set(id, rule.source);
  }
  return {
    policy: {
      profile: profile.value,
      minimumSslmode: sslmode.value,
      minimumTlsVersion: explicit.minimumTlsVersion ?? DEFAULT_POLICY_OPTIONS.minimumTlsVersion,
    },
    environments: environments.value,
    rules,
    sources: {
      profile: profile.source,
      minimumSslmode: sslmode.source,
      environments: environments.source,
      rules: ruleSources,
    },
  };
}
