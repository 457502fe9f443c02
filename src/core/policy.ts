/** POLICY.md's rule table as data: ids, descriptions, and the messages every front-end shows. */
import type { RuleId } from './model.js';

export interface RulePolicy {
  id: RuleId;
  description: string;
  cwe: string;
  /** GitHub code scanning's 0.1–10 scale. */
  securitySeverity: string;
}

export const RULE_POLICIES: Readonly<Record<RuleId, RulePolicy>> = {
  'no-disabled-cert-verification': {
    id: 'no-disabled-cert-verification',
    description:
      'Disallow turning off server certificate or host name verification on database and TLS connections',
    cwe: 'CWE-295',
    securitySeverity: '8.1',
  },
  'require-ssl': {
    id: 'require-ssl',
    description: 'Require TLS on every database connection',
    cwe: 'CWE-319',
    securitySeverity: '7.4',
  },
  'no-weak-sslmode': {
    id: 'no-weak-sslmode',
    description:
      'Disallow sslmode values and TLS modes below the required minimum (verify-full by default)',
    cwe: 'CWE-297',
    securitySeverity: '7.4',
  },
  'no-hardcoded-credentials': {
    id: 'no-hardcoded-credentials',
    description: 'Disallow database passwords written in code or committed files',
    cwe: 'CWE-798',
    securitySeverity: '7.5',
  },
  'min-tls-version': {
    id: 'min-tls-version',
    description: 'Require TLS 1.2 or later and disallow weak cipher suites',
    cwe: 'CWE-326',
    securitySeverity: '5.9',
  },
  'no-weak-db-auth': {
    id: 'no-weak-db-auth',
    description: 'Disallow trust, cleartext and MD5 authentication on the database server',
    cwe: 'CWE-287',
    securitySeverity: '8.1',
  },
};

/** The policy of a reported rule id (`secure-db/require-ssl`); undefined for another plugin's rule. */
export function rulePolicyOf(ruleId: string): RulePolicy | undefined {
  const id = ruleId.replace(/^secure-db\//, '');
  return Object.hasOwn(RULE_POLICIES, id) ? RULE_POLICIES[id as RuleId] : undefined;
}

/**
 * The environment a message names and the evidence for it (POLICY "Output"):
 * `production: key \`production\` of the environment map`, `not stated, so treated as production`.
 */
export function describeEnvironment(
  environment: 'production' | 'development' | 'unknown',
  because?: string,
): string {
  if (environment === 'unknown') return 'not stated, so treated as production';
  return because ? `${environment}: ${because}` : environment;
}
