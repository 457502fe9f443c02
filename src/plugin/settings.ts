/**
 * `settings['secure-db']`, shared by every rule (like `settings.regexp`, `settings.n`),
 * validated like the scanner's configuration: an unknown key or value is a configuration
 * error naming the key and the allowed values, never silently ignored.
 */
import type { EnvironmentPatterns } from '../core/environment.js';
import { DEFAULT_POLICY_OPTIONS } from '../core/model.js';
import { SettingsError, validateSettings, type SecureDbSettings } from '../core/settings-schema.js';

export type { SecureDbSettings };

export type ResolvedSettings = Required<Omit<SecureDbSettings, 'environments'>> & {
  environments: EnvironmentPatterns;
};

const DEFAULTS: ResolvedSettings = {
  profile: 'default',
  minimumSslmode: DEFAULT_POLICY_OPTIONS.minimumSslmode,
  environments: { development: [], production: [] },
  autofix: false,
};

// Validated once per settings object: ESLint hands every rule of every file the same one.
const validated = new WeakMap<object, ResolvedSettings | SettingsError>();

export function readSettings(
  settings: Readonly<Record<string, unknown>> | undefined,
): ResolvedSettings {
  const raw = settings?.['secure-db'];
  if (raw === undefined) return DEFAULTS;
  const key = typeof raw === 'object' && raw !== null ? raw : undefined;
  let outcome = key && validated.get(key);
  if (!outcome) {
    try {
      const given = validateSettings(raw);
      outcome = {
        ...DEFAULTS,
        ...given,
        environments: {
          development: given.environments?.development ?? [],
          production: given.environments?.production ?? [],
        },
      };
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      outcome = error;
    }
    if (key) validated.set(key, outcome);
  }
  if (outcome instanceof SettingsError) throw outcome;
  return outcome;
}
