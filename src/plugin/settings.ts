/** `settings['secure-db']`, shared by every rule (like `settings.regexp`, `settings.n`). */
import type { EnvironmentPatterns } from '../core/environment.js';
import { DEFAULT_POLICY_OPTIONS, type PolicyOptions } from '../core/model.js';

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

const SSLMODES = new Set(['require', 'verify-ca', 'verify-full']);

export function readSettings(
  settings: Readonly<Record<string, unknown>> | undefined,
): Required<Omit<SecureDbSettings, 'environments'>> & { environments: EnvironmentPatterns } {
  const raw = (settings?.['secure-db'] ?? {}) as SecureDbSettings;
  return {
    profile: raw.profile === 'strict' ? 'strict' : 'default',
    minimumSslmode:
      raw.minimumSslmode && SSLMODES.has(raw.minimumSslmode)
        ? raw.minimumSslmode
        : DEFAULT_POLICY_OPTIONS.minimumSslmode,
    environments: {
      development: Array.isArray(raw.environments?.development) ? raw.environments.development : [],
      production: Array.isArray(raw.environments?.production) ? raw.environments.production : [],
    },
    autofix: raw.autofix === true,
  };
}
