import { describeEnvironment } from '../policy.js';
import type {
  Environment,
  EnvironmentScope,
  FileInfo,
  Finding,
  PolicyOptions,
  Range,
} from '../model.js';
import type { FixPrinter } from '../fixes.js';
import { ruleOf } from '../messages.js';
import type { Verdict } from '../verdicts.js';

export interface CheckContext {
  file: FileInfo;
  options: PolicyOptions;
  /** Spells the values fixes write, in the file's syntax. */
  printer: FixPrinter;
  /** Where the file's syntax states an environment (branches, env-map keys, services). */
  scopes?: readonly EnvironmentScope[];
}

/**
 * The evidence for a finding's environment: the reader's own, else the innermost scope
 * around it that states the same environment, else the path's.
 */
export function evidenceFor(
  at: { range: Range; environment: Environment; because?: string | undefined },
  context: Pick<CheckContext, 'file' | 'scopes'>,
): string | undefined {
  if (at.environment === 'unknown') return undefined;
  if (at.because) return at.because;
  let best: EnvironmentScope | undefined;
  for (const scope of context.scopes ?? []) {
    if (scope.environment !== at.environment) continue;
    if (scope.range[0] > at.range[0] || scope.range[1] < at.range[1]) continue;
    if (!best || scope.range[1] - scope.range[0] < best.range[1] - best.range[0]) best = scope;
  }
  if (best) return best.because;
  return context.file.environment === at.environment ? context.file.because : undefined;
}

/**
 * POLICY "Environments": development sites, loopback hosts and test files are quiet for
 * the transport rules unless the profile is strict (test files: always). Example files
 * report only real-looking secrets (POLICY "Credentials"), so no transport rule at all.
 */
export function isReportable(verdict: Verdict, context: CheckContext): boolean {
  if (context.file.isTest || context.file.isExample) return false;
  if (context.options.profile === 'strict') return true;
  return verdict.environment !== 'development' && !verdict.loopback;
}

/** A verdict as a finding: its message completed with what the checks know. */
export function toFinding(
  verdict: Verdict,
  context: Pick<CheckContext, 'file' | 'scopes'>,
  extra: Record<string, string> = {},
): Finding {
  const because = evidenceFor(verdict, context);
  return {
    ruleId: ruleOf(verdict.message.id),
    messageId: verdict.message.id,
    data: {
      ...(verdict.message.data as Record<string, string>),
      environment: describeEnvironment(verdict.environment, because),
      ...extra,
    },
    setting: verdict.setting,
    range: verdict.range,
    environment: verdict.environment,
    fixes: verdict.fixes,
    evidence: { ...(because ? { because } : {}), loopback: verdict.loopback },
  };
}
