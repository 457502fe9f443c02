/**
 * What `secure-db probe` says, from the core's one message table: findings under their
 * rules (`server*` ids), failures in `PROBE_FAILURES`. Values come from the probe's facts,
 * never from a password; server-supplied text is stripped of control characters first.
 */
import { MESSAGES, PROBE_FAILURES } from '../core/messages.js';

/** The data each message needs. */
export interface ProbeMessageData {
  serverTlsNotOffered: { target: string };
  serverPlaintextAccepted: { target: string; user: string };
  serverLegacyTlsAccepted: { target: string; protocol: string };
  serverChainUnverified: { target: string; trust: string; reason: string };
  serverHostMismatch: { target: string; host: string; names: string };
  serverCertificateExpired: { target: string; date: string };
  serverCertificateExpiring: { target: string; date: string; days: number; threshold: number };
  serverTrustAuthentication: { target: string; user: string };
  serverCleartextAuthentication: { target: string; user: string };
  serverMd5Authentication: { target: string; user: string };
  serverWeakMinProtocol: { target: string; value: string };
  serverMd5PasswordEncryption: { target: string };
  // Why a probe could not finish (exit code 2).
  unresolved: { host: string; code: string };
  refused: { target: string };
  timedOut: { target: string; seconds: number; step: string };
  networkError: { target: string; code: string; step: string };
  closedEarly: { target: string; step: string };
  notPostgres: { target: string; detail: string };
  tlsFailed: { target: string; code: string };
  loginFailed: { target: string; user: string; detail: string };
}

export type ProbeMessageId = keyof ProbeMessageData;

const TEMPLATES: Readonly<Record<string, string>> = {
  ...PROBE_FAILURES,
  ...MESSAGES['require-ssl'],
  ...MESSAGES['no-disabled-cert-verification'],
  ...MESSAGES['min-tls-version'],
  ...MESSAGES['no-weak-db-auth'],
};

export function probeMessage<K extends ProbeMessageId>(id: K, data: ProbeMessageData[K]): string {
  const values = data as unknown as Record<string, string | number>;
  return TEMPLATES[id]!.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`message ${id} needs ${name}`);
    return String(value);
  });
}
