/**
 * GitLab Code Quality (`artifacts: reports: codequality`), the subset of the Code Climate
 * issue format that GitLab documents: an array of `{ description, check_name, fingerprint,
 * severity, location: { path, lines: { begin, end } } }`; GitLab ignores any other field,
 * so none is emitted. Built from result fields only: never source text, never a secret
 * (messages mask passwords, as in every format).
 *
 * - `fingerprint`: our stable fingerprint (unique per result, independent of line moves),
 *   so GitLab's merge-request widget matches a finding across the base and head pipelines.
 * - `severity`: an error of a rule whose security-severity is 7.0 or more (GitHub's "high")
 *   is `critical`, any other error `major`; warnings (`secure-db/disable-directive`) are
 *   `minor`. Diagnostics with a file (unreadable, unparsable) are `info` under
 *   `secure-db/input-error`, internal errors `major` under `secure-db/internal-error`.
 * - Suppressed results are never emitted: Code Quality has no notion of suppression.
 */
import { createHash } from 'node:crypto';
import { rulePolicyOf } from '../core/policy.js';
import type { ScanDiagnostic, ScanResult, ScanResultEntry } from './result.js';

type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: GitlabSeverity;
  location: { path: string; lines: { begin: number; end: number } };
}

/** GitHub's "high" band of security-severity starts at 7.0. */
const CRITICAL_FROM = 7;
/** A diagnostic's check name per kind; `budget`: past the size or time budget per file. */
const CHECK_NAMES: Record<ScanDiagnostic['kind'], string> = {
  input: 'secure-db/input-error',
  internal: 'secure-db/internal-error',
  budget: 'secure-db/budget-exceeded',
};

function gitlabSeverity(entry: Pick<ScanResultEntry, 'ruleId' | 'severity'>): GitlabSeverity {
  if (entry.severity !== 'error') return 'minor';
  const policy = rulePolicyOf(entry.ruleId);
  if (policy === undefined) return 'major';
  return Number(policy.securitySeverity) >= CRITICAL_FROM ? 'critical' : 'major';
}

function buildGitlabReport(result: ScanResult): GitlabIssue[] {
  const issues: GitlabIssue[] = result.results.map((r) => ({
    description: r.message,
    check_name: r.ruleId,
    fingerprint: r.fingerprint,
    severity: gitlabSeverity(r),
    location: { path: r.file, lines: { begin: r.line, end: Math.max(r.line, r.endLine) } },
  }));
  for (const e of result.errors) {
    if (!e.file) continue;
    const checkName = CHECK_NAMES[e.kind];
    issues.push({
      description: e.message,
      check_name: checkName,
      fingerprint: createHash('sha256')
        .update(`${checkName}\0${e.file}\0${e.message}`)
        .digest('hex'),
      severity: e.kind === 'input' ? 'info' : 'major',
      location: { path: e.file, lines: { begin: 1, end: 1 } },
    });
  }
  return issues;
}

export function formatGitlab(result: ScanResult): string {
  return JSON.stringify(buildGitlabReport(result), null, 2) + '\n';
}
