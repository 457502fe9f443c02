/**
 * The probe's facts judged with the scanner's rule ids (POLICY.md): a server that offers
 * no TLS or also serves plaintext is `require-ssl`; a certificate that a verifying client
 * would refuse is `no-disabled-cert-verification` (clients that still connect must have
 * verification off); TLS 1.0/1.1 accepted or allowed is `min-tls-version`; trust,
 * cleartext and MD5 authentication are `no-weak-db-auth`.
 */
import type { RuleId } from '../core/model.js';
import type { ProbeFacts } from './facts.js';
import { probeMessage, type ProbeMessageData, type ProbeMessageId } from './messages.js';

/** What was checked; one finding per check at most. Also the anchors of docs/probe.md. */
export type ProbeCheck =
  | 'tls-offered'
  | 'plaintext-refused'
  | 'legacy-tls-refused'
  | 'certificate-chain'
  | 'certificate-host'
  | 'certificate-expiry'
  | 'authentication-method'
  | 'ssl-min-protocol-version'
  | 'password-encryption';

export interface ProbeFinding {
  ruleId: RuleId;
  severity: 'error' | 'warning';
  check: ProbeCheck;
  messageId: ProbeMessageId;
  message: string;
}

export interface JudgeOptions {
  /** Warn when the certificate expires in fewer days than this. */
  expiryWarnDays: number;
}

const LEGACY_PROTOCOLS = new Set(['TLSv1', 'TLSv1.1']);

export function targetLabel(target: { host: string; port: number }): string {
  return `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
}

export function judge(facts: ProbeFacts, options: JudgeOptions): ProbeFinding[] {
  const findings: ProbeFinding[] = [];
  const target = targetLabel(facts.target);
  const user = facts.target.user;
  const add = <K extends ProbeMessageId>(
    ruleId: RuleId,
    check: ProbeCheck,
    messageId: K,
    data: ProbeMessageData[K],
    severity: 'error' | 'warning' = 'error',
  ) =>
    findings.push({ ruleId, severity, check, messageId, message: probeMessage(messageId, data) });

  if (!facts.tls.offered) add('require-ssl', 'tls-offered', 'serverTlsNotOffered', { target });
  else if (facts.plaintext.accepted === true)
    add('require-ssl', 'plaintext-refused', 'serverPlaintextAccepted', { target, user });

  if (facts.tls.legacy?.accepted)
    add('min-tls-version', 'legacy-tls-refused', 'serverLegacyTlsAccepted', {
      target,
      protocol: facts.tls.legacy.protocol ?? 'TLS 1.0/1.1',
    });

  const certificate = facts.certificate;
  if (certificate) {
    const expired = certificate.daysToExpiry < 0 || certificate.chain.error === 'CERT_HAS_EXPIRED';
    const date = certificate.validTo.slice(0, 10);
    if (expired)
      add('no-disabled-cert-verification', 'certificate-expiry', 'serverCertificateExpired', {
        target,
        date,
      });
    else if (certificate.daysToExpiry < options.expiryWarnDays)
      add(
        'no-disabled-cert-verification',
        'certificate-expiry',
        'serverCertificateExpiring',
        { target, date, days: certificate.daysToExpiry, threshold: options.expiryWarnDays },
        'warning',
      );
    if (!certificate.chain.verified && certificate.chain.error !== 'CERT_HAS_EXPIRED')
      add('no-disabled-cert-verification', 'certificate-chain', 'serverChainUnverified', {
        target,
        trust: certificate.chain.trust === 'ca-file' ? 'the --ca file' : "Node's CA store",
        reason: certificate.chain.error ?? 'unknown error',
      });
    if (!certificate.hostName.matches)
      add('no-disabled-cert-verification', 'certificate-host', 'serverHostMismatch', {
        target,
        host: certificate.hostName.name,
        names: certificateNames(certificate) || 'no name',
      });
  }

  const method = facts.authentication.method;
  if (method === 'trust')
    add('no-weak-db-auth', 'authentication-method', 'serverTrustAuthentication', { target, user });
  else if (method === 'password')
    add('no-weak-db-auth', 'authentication-method', 'serverCleartextAuthentication', {
      target,
      user,
    });
  else if (method === 'md5')
    add('no-weak-db-auth', 'authentication-method', 'serverMd5Authentication', { target, user });

  if ('ssl' in facts.session) {
    const minimum = facts.session.sslMinProtocolVersion;
    if (minimum && LEGACY_PROTOCOLS.has(minimum))
      add('min-tls-version', 'ssl-min-protocol-version', 'serverWeakMinProtocol', {
        target,
        value: minimum,
      });
    const encryption = facts.session.passwordEncryption;
    if (encryption === 'md5')
      add('no-weak-db-auth', 'password-encryption', 'serverMd5PasswordEncryption', { target });
  }
  return findings;
}

/** The DNS and IP names of the certificate, else its subject. */
function certificateNames(certificate: NonNullable<ProbeFacts['certificate']>): string {
  const names = certificate.subjectAltNames
    .filter((n) => n.startsWith('DNS:') || n.startsWith('IP Address:'))
    .map((n) => n.replace(/^DNS:|^IP Address:/, ''));
  return (names.length ? names : [certificate.subject]).join(', ');
}
