/**
 * `no-hardcoded-credentials`: which literal passwords are findings (POLICY "Credentials").
 * Front-ends collect candidates; this decides, and masks what it shows.
 */
import type { Environment, FileInfo, Finding, LiteralValue, Range } from './model.js';
import { describeEnvironment } from './policy.js';
import { classifySecret, maskSecret } from './secrets.js';

export interface PasswordCandidate {
  /** The password text as the program sees it (decoded from a URL). */
  secret: string;
  /** Where to point: the literal, or the password inside a URL. */
  range: Range;
  /** What holds it: "the `password` option", "a connection URL", "the fallback of process.env.DB_PASSWORD". */
  where: string;
  driver: string;
  environment: Environment;
  loopback: boolean;
  inComment: boolean;
  user?: string;
  /** The literal to replace with an environment read (config values only). */
  replaceable?: LiteralValue;
  envName?: string;
}

export function checkCredentials(
  candidates: readonly PasswordCandidate[],
  file: FileInfo,
): Finding[] {
  if (file.isTest) return [];
  const findings: Finding[] = [];
  for (const c of candidates) {
    const kind = classifySecret(c.secret, c.user === undefined ? undefined : { user: c.user });
    if (kind === 'empty' || kind === 'placeholder') continue;
    const realLooking = kind === 'real-looking';
    // Default words and other weak literals: production and unknown sites only, never in
    // example files or for loopback hosts. Real-looking secrets are leaked wherever they sit.
    if (
      !realLooking &&
      (c.environment === 'development' || file.isExample || c.loopback || c.inComment)
    )
      continue;
    const envName = c.envName ?? 'DB_PASSWORD';
    findings.push({
      ruleId: 'no-hardcoded-credentials',
      messageId: realLooking ? 'hardcodedSecret' : 'hardcodedWeakPassword',
      data: {
        driver: c.driver,
        where: c.where,
        masked: maskSecret(c.secret),
        envName,
        environment: describeEnvironment(c.environment),
      },
      range: c.range,
      environment: c.environment,
      fixes:
        c.replaceable && !c.inComment
          ? [
              {
                description: `Read the password from process.env.${envName}`,
                edits: [{ range: c.replaceable.range, text: `process.env.${envName}` }],
                safe: false,
              },
            ]
          : [],
    });
  }
  return findings;
}
