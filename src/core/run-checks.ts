/** Runs every check over what a front-end observed in one file. */
import { checkMinTlsVersion } from './checks/min-tls-version.js';
import { checkNoDisabledCertVerification } from './checks/no-disabled-cert-verification.js';
import { checkNoWeakDbAuth } from './checks/no-weak-db-auth.js';
import { checkNoWeakSslmode } from './checks/no-weak-sslmode.js';
import { checkRequireSsl } from './checks/require-ssl.js';
import type { CheckContext } from './checks/shared.js';
import { checkCredentials, type PasswordCandidate } from './credentials.js';
import type { Finding } from './model.js';
import type { Observation } from './observations.js';

export function runChecks(
  observations: readonly Observation[],
  passwords: readonly PasswordCandidate[],
  context: CheckContext,
): Finding[] {
  const findings = [
    ...checkNoDisabledCertVerification(observations, context),
    ...checkRequireSsl(observations, context),
    ...checkNoWeakSslmode(observations, context),
    ...checkMinTlsVersion(observations, context),
    ...checkNoWeakDbAuth(observations, context),
    ...checkCredentials(passwords, context.file),
  ];
  // One finding per rule and place: a value reached through two paths is reported once.
  const seen = new Set<string>();
  return findings
    .filter((f) => {
      const key = `${f.ruleId}:${f.range[0]}:${f.range[1]}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.range[0] - b.range[0] || a.ruleId.localeCompare(b.ruleId));
}
