/**
 * A probe's outcome in every output format: the JSON contract of docs/probe.md (its own,
 * versioned), and a `ScanResult` for the scanner's stylish, SARIF and GitHub reporters,
 * with the server (`host:port`) in the place of a file.
 */
import { createHash } from 'node:crypto';
import type { ReportContext } from '../report/types.js';
import type { ScanResult, ScanResultEntry } from '../report/result.js';
import type { ProbeFacts } from './facts.js';
import type { FailureKind, ProbeFailure, ProbeStep } from './failure.js';
import { targetLabel, type ProbeCheck, type ProbeFinding } from './judge.js';
import { probeMessage } from './messages.js';

const PROBE_DOCS_URL = 'https://github.com/secure-db/secure-db/blob/main/docs/probe.md';

/** What was asked for, known even when the server never answered. */
export interface RequestedTarget {
  host: string;
  port: number;
  user: string;
  database: string;
}

export type ProbeOutcome =
  | { status: 'probed'; facts: ProbeFacts; findings: ProbeFinding[] }
  | { status: 'failed'; target: RequestedTarget; failure: ProbeFailure; message: string };

export function failureMessage(failure: ProbeFailure, target: RequestedTarget, timeoutMs: number) {
  const label = targetLabel(target);
  const step = STEP_NAMES[failure.step];
  switch (failure.kind) {
    case 'dns':
      return probeMessage('unresolved', { host: target.host, code: failure.detail });
    case 'refused':
      return probeMessage('refused', { target: label });
    case 'timeout':
      return probeMessage('timedOut', { target: label, seconds: timeoutMs / 1000, step });
    case 'closed':
      return probeMessage('closedEarly', { target: label, step });
    case 'protocol':
      return probeMessage('notPostgres', { target: label, detail: `${step}: ${failure.detail}` });
    case 'login':
      return probeMessage('loginFailed', {
        target: label,
        user: target.user,
        detail: failure.detail,
      });
    case 'network':
      return failure.step === 'tls-handshake'
        ? probeMessage('tlsFailed', { target: label, code: failure.detail })
        : probeMessage('networkError', { target: label, code: failure.detail, step });
  }
}

const STEP_NAMES: Readonly<Record<ProbeStep, string>> = {
  'dns-lookup': 'DNS lookup',
  'tcp-connect': 'TCP connect',
  'ssl-request': 'SSLRequest',
  'tls-handshake': 'TLS handshake',
  startup: 'startup message',
  authentication: 'authentication',
  query: 'query',
};

// ── JSON (docs/probe.md "JSON contract") ──────────────────────────────────────

interface ProbeJsonResult {
  ruleId: string;
  severity: 'error' | 'warning';
  check: ProbeCheck;
  message: string;
  docsUrl: string;
}

export type ProbeJsonReport = {
  version: 1;
  tool: { name: string; version: string };
  target: RequestedTarget & { address: string | null };
  results: ProbeJsonResult[];
} & (
  | ({ status: 'probed' } & Omit<ProbeFacts, 'target'>)
  | { status: 'failed'; error: { kind: FailureKind; step: ProbeStep; message: string } }
);

export function buildProbeJson(outcome: ProbeOutcome, context: ReportContext): ProbeJsonReport {
  const tool = { name: context.tool.name, version: context.tool.version };
  if (outcome.status === 'failed') {
    return {
      version: 1,
      tool,
      status: 'failed',
      target: { ...pick(outcome.target), address: null },
      error: { kind: outcome.failure.kind, step: outcome.failure.step, message: outcome.message },
      results: [],
    };
  }
  const { target, tls, certificate, plaintext, authentication, session } = outcome.facts;
  return {
    version: 1,
    tool,
    status: 'probed',
    target: { ...pick(target), address: target.address },
    tls,
    certificate,
    plaintext,
    authentication,
    session,
    results: outcome.findings.map((f) => ({
      ruleId: `secure-db/${f.ruleId}`,
      severity: f.severity,
      check: f.check,
      message: f.message,
      docsUrl: `${PROBE_DOCS_URL}#${f.check}`,
    })),
  };
}

function pick(target: RequestedTarget): RequestedTarget {
  return { host: target.host, port: target.port, user: target.user, database: target.database };
}

// ── ScanResult, for the scanner's reporters ──────────────────────────────────

export function toScanResult(outcome: ProbeOutcome): ScanResult {
  const label = targetLabel(outcome.status === 'probed' ? outcome.facts.target : outcome.target);
  const results: ScanResultEntry[] =
    outcome.status === 'probed'
      ? outcome.findings.map((f) => ({
          ruleId: `secure-db/${f.ruleId}`,
          severity: f.severity,
          message: f.message,
          file: label,
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          environment: 'unknown',
          docsUrl: `${PROBE_DOCS_URL}#${f.check}`,
          fingerprint: createHash('sha256')
            .update(`probe\u0000${label}\u0000${f.check}`)
            .digest('hex'),
          fixable: false,
        }))
      : [];
  return {
    cwd: '',
    results,
    suppressed: [],
    errors:
      outcome.status === 'failed'
        ? [{ file: label, message: outcome.message, kind: 'internal' }]
        : [],
    files: [label],
    ignored: [],
    missing: [],
    baseline: { path: null, unused: {}, written: false },
  };
}

// ── stylish: the facts, then the findings ─────────────────────────────────────

export function formatFacts(facts: ProbeFacts): string {
  const rows: [string, string][] = [];
  const { tls, certificate, plaintext, authentication, session } = facts;
  rows.push([
    'TLS',
    tls.offered
      ? `offered: ${tls.protocol ?? '?'}, ${tls.cipher ?? '?'}`
      : 'not offered (ssl = off)',
  ]);
  if (tls.legacy)
    rows.push([
      'TLS 1.0 / 1.1',
      tls.legacy.accepted
        ? `accepted (${tls.legacy.protocol ?? '?'})`
        : `refused (${tls.legacy.error ?? ''})`,
    ]);
  if (certificate) {
    rows.push(['certificate', `${certificate.subject}, issued by ${certificate.issuer}`]);
    rows.push([
      'names',
      certificate.subjectAltNames.join(', ') || '(no subject alternative names)',
    ]);
    rows.push([
      'chain',
      certificate.chain.verified
        ? `verified against ${certificate.chain.trust === 'ca-file' ? 'the --ca file' : "Node's CA store"}`
        : `not verified (${certificate.chain.error ?? '?'})`,
    ]);
    rows.push([
      'host name',
      `${certificate.hostName.name} ${certificate.hostName.matches ? 'matches' : 'does not match'}`,
    ]);
    rows.push(['expires', `${certificate.validTo} (days left: ${certificate.daysToExpiry})`]);
  }
  rows.push([
    'plaintext',
    plaintext.accepted === true
      ? 'accepted'
      : plaintext.accepted === false
        ? 'refused'
        : `not determined (${plaintext.serverMessage ?? ''})`,
  ]);
  rows.push([
    'authentication',
    authentication.method === 'refused'
      ? `startup refused (${authentication.serverMessage ?? ''})`
      : `${authentication.method}${authentication.mechanisms.length ? ` (${authentication.mechanisms.join(', ')})` : ''} over ${authentication.over === 'tls' ? 'TLS' : 'plaintext'}`,
  ]);
  if ('ssl' in session) {
    rows.push([
      'pg_stat_ssl',
      session.ssl ? `ssl ${session.version ?? '?'} ${session.cipher ?? '?'}` : 'no TLS',
    ]);
    rows.push(['ssl_min_protocol_version', session.sslMinProtocolVersion ?? '?']);
    rows.push(['password_encryption', session.passwordEncryption ?? '?']);
  } else if (session.skipped !== 'not-requested') {
    rows.push(['--connect', `no query (${session.skipped})`]);
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  const { host, port, user, database } = facts.target;
  return (
    `secure-db probe ${targetLabel({ host, port })} (user ${user}, database ${database})\n` +
    rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}\n`).join('')
  );
}
