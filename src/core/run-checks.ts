/** Runs every check over what the readers said about one file, and applies POLICY's fix rules once. */
import { checkMinTlsVersion } from './checks/min-tls-version.js';
import { checkNoDisabledCertVerification } from './checks/no-disabled-cert-verification.js';
import { checkNoWeakDbAuth } from './checks/no-weak-db-auth.js';
import { checkNoWeakSslmode } from './checks/no-weak-sslmode.js';
import { checkRequireSsl } from './checks/require-ssl.js';
import type { CheckContext } from './checks/shared.js';
import { checkCredentials, type PasswordCandidate } from './credentials.js';
import type { Finding } from './model.js';
import type { Verdict } from './verdicts.js';

export function runChecks(
  verdicts: readonly Verdict[],
  passwords: readonly PasswordCandidate[],
  context: CheckContext,
): Finding[] {
  const findings = [
    ...checkNoDisabledCertVerification(verdicts, context),
    ...checkRequireSsl(verdicts, context),
    ...checkNoWeakSslmode(verdicts, context),
    ...checkMinTlsVersion(verdicts, context),
    ...checkNoWeakDbAuth(verdicts, context),
    ...checkCredentials(passwords, context),
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
    .map(withoutDevelopmentFixes)
    .sort((a, b) => a.range[0] - b.range[0] || a.ruleId.localeCompare(b.ruleId));
}

/**
 * POLICY "Fixes": a fix never touches a development site, in the scanner and in
 * `eslint --fix` alike. Its fixes stay as suggestions a person may apply in the editor.
 */
function withoutDevelopmentFixes(finding: Finding): Finding {
  return finding.environment === 'development' && finding.fixes.some((f) => f.safe)
    ? { ...finding, fixes: finding.fixes.map((f) => ({ ...f, safe: false })) }
    : finding;
}
