import { describeEnvironment } from '../policy.js';
import type { FileInfo, Finding, PolicyOptions, RuleId } from '../model.js';
import type { Observation } from '../observations.js';

export interface CheckContext {
  file: FileInfo;
  options: PolicyOptions;
}

/**
 * POLICY "Environments": development sites, loopback hosts and test files are quiet for
 * the transport rules unless the profile is strict (test files: always). Example files
 * report only real-looking secrets (POLICY "Credentials"), so no transport rule at all.
 */
export function isReportable(observation: Observation, context: CheckContext): boolean {
  if (context.file.isTest || context.file.isExample) return false;
  if (context.options.profile === 'strict') return true;
  return observation.environment !== 'development' && !observation.loopback;
}

export function toFinding(
  ruleId: RuleId,
  messageId: string,
  observation: Observation,
  extra: Record<string, string> = {},
): Finding {
  return {
    ruleId,
    messageId,
    data: {
      driver: observation.driver,
      problem: observation.problem,
      secure: observation.secure || 'a verified TLS setting',
      environment: describeEnvironment(observation.environment),
      ...extra,
    },
    range: observation.range,
    environment: observation.environment,
    fixes: observation.fixes,
  };
}
