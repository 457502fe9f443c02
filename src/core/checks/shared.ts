import { describeEnvironment } from '../policy.js';
import type { FileInfo, Finding, PolicyOptions } from '../model.js';
import type { FixPrinter } from '../fixes.js';
import { ruleOf } from '../messages.js';
import type { Verdict } from '../verdicts.js';

export interface CheckContext {
  file: FileInfo;
  options: PolicyOptions;
  /** Spells the values fixes write, in the file's syntax. */
  printer: FixPrinter;
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
export function toFinding(verdict: Verdict, extra: Record<string, string> = {}): Finding {
  return {
    ruleId: ruleOf(verdict.message.id),
    messageId: verdict.message.id,
    data: {
      ...(verdict.message.data as Record<string, string>),
      environment: describeEnvironment(verdict.environment),
      ...extra,
    },
    setting: verdict.setting,
    range: verdict.range,
    environment: verdict.environment,
    fixes: verdict.fixes,
  };
}
