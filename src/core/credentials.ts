/**
 * `no-hardcoded-credentials`: which literal passwords are findings (POLICY "Credentials").
 * Front-ends and readers collect candidates; this decides, and masks what it shows.
 */
import type { FixPrinter } from './fixes.js';
import type { MessageIdOf } from './messages.js';
import type { Environment, Finding, FixIntent, LiteralValue, Range } from './model.js';
import { describeEnvironment } from './policy.js';
import { evidenceFor, type CheckContext } from './checks/shared.js';
import { classifySecret, maskSecret } from './secrets.js';

/** What holds a password, as its message names it. */
export type PasswordHolder =
  | { kind: 'option'; key: string } // the `password` option of a driver config
  | { kind: 'setting'; key: string } // Django's `PASSWORD` setting
  | { kind: 'argument' } // a positional password argument
  | { kind: 'variable'; name: string } // `DB_PASSWORD=` in an env file
  | { kind: 'assignment'; name: string } // `DB_PASSWORD = '…'` in Python
  | { kind: 'fallback'; name: string } // `process.env.DB_PASSWORD || 'pw'`
  | { kind: 'shell-default'; name: string } // `${DB_PASSWORD:-pw}`
  | { kind: 'environment-default'; name: string } // `os.environ.get('DB_PASSWORD', 'pw')`
  | { kind: 'url' } // a connection string
  | { kind: 'database-url' } // a dj-database-url URL
  | { kind: 'url-variable'; name: string } // the connection string in DATABASE_URL=
  | { kind: 'default-url'; name: string } // dj_database_url.config(default='…')
  | { kind: 'datasource'; key: string } // a Prisma datasource url
  | { kind: 'conninfo' } // primary_conninfo
  | { kind: 'comment' };

type CredentialMessage = MessageIdOf<'no-hardcoded-credentials'>;

/** The message of each holder: [real-looking, weak]. */
const HOLDER_MESSAGES: Readonly<
  Record<PasswordHolder['kind'], readonly [CredentialMessage, CredentialMessage]>
> = {
  option: ['realLookingInOption', 'weakInOption'],
  setting: ['realLookingInSetting', 'weakInSetting'],
  argument: ['realLookingInArgument', 'weakInArgument'],
  variable: ['realLookingInVariable', 'weakInVariable'],
  assignment: ['realLookingInAssignment', 'weakInAssignment'],
  fallback: ['realLookingInFallback', 'weakInFallback'],
  'shell-default': ['realLookingInShellDefault', 'weakInShellDefault'],
  'environment-default': ['realLookingInEnvironmentDefault', 'weakInEnvironmentDefault'],
  url: ['realLookingInUrl', 'weakInUrl'],
  'database-url': ['realLookingInDatabaseUrl', 'weakInDatabaseUrl'],
  'url-variable': ['realLookingInUrlVariable', 'weakInUrlVariable'],
  'default-url': ['realLookingInDefaultUrl', 'weakInDefaultUrl'],
  datasource: ['realLookingInDatasource', 'weakInDatasource'],
  conninfo: ['realLookingInConninfo', 'weakInConninfo'],
  comment: ['realLookingInComment', 'weakInComment'],
};

export interface PasswordCandidate {
  /** The password text as the program sees it (decoded from a URL). */
  secret: string;
  /** Where to point: the literal, or the password inside a URL. */
  range: Range;
  holder: PasswordHolder;
  driver: string;
  environment: Environment;
  /** What states `environment` here, when the reader knows it. */
  because?: string;
  loopback: boolean;
  inComment: boolean;
  user?: string;
  /** The literal to replace with an environment read (config values only). */
  replaceable?: LiteralValue;
  envName?: string;
}

/** The holder's own name, for the message (`password`, `DB_PASSWORD`, `${DB_PASSWORD}`). */
function holderData(holder: PasswordHolder): Record<string, string> {
  switch (holder.kind) {
    case 'option':
    case 'setting':
    case 'datasource':
      return { key: holder.key };
    case 'shell-default':
      return { reference: `\${${holder.name}}` };
    case 'variable':
    case 'assignment':
    case 'fallback':
    case 'environment-default':
    case 'url-variable':
    case 'default-url':
      return { name: holder.name };
    default:
      return {};
  }
}

export function checkCredentials(
  candidates: readonly PasswordCandidate[],
  context: Pick<CheckContext, 'file' | 'printer' | 'scopes'>,
): Finding[] {
  const { file, printer } = context;
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
    const [real, weak] = HOLDER_MESSAGES[c.holder.kind];
    const because = evidenceFor(c, context);
    findings.push({
      ruleId: 'no-hardcoded-credentials',
      messageId: realLooking ? real : weak,
      data: {
        driver: c.driver,
        masked: maskSecret(c.secret),
        remedy:
          // `${DB_PASSWORD:-pw}` already reads the variable: what is wrong is its default.
          c.holder.kind === 'shell-default'
            ? `drop the default and set ${c.holder.name} where it runs`
            : (printer.secretRemedy?.(envName) ?? 'keep it out of the committed file'),
        environment: describeEnvironment(c.environment, because),
        ...holderData(c.holder),
      },
      setting:
        c.holder.kind === 'option' || c.holder.kind === 'setting' ? c.holder.key : c.holder.kind,
      range: c.range,
      environment: c.environment,
      fixes: replacement(c, envName, printer),
      evidence: { ...(because ? { because } : {}), loopback: c.loopback },
    });
  }
  return findings;
}

/** A suggestion that reads the password from the environment, where the syntax has a way. */
function replacement(c: PasswordCandidate, envName: string, printer: FixPrinter): FixIntent[] {
  const read = printer.environmentRead?.(envName);
  if (!c.replaceable || c.inComment || read === undefined) return [];
  // The literal is already the fallback of that read: drop the fallback, never write
  // `process.env.X || process.env.X`.
  const { fromEnv } = c.replaceable;
  if (fromEnv?.how === 'fallback' && fromEnv.name === envName && fromEnv.readEnd !== undefined)
    return [
      {
        description: `Remove the literal fallback of ${read}`,
        edits: [{ range: [fromEnv.readEnd, c.replaceable.range[1]], text: '' }],
        safe: false,
      },
    ];
  return [
    {
      description: `Read the password from ${read}`,
      edits: [{ range: c.replaceable.range, text: read }],
      safe: false,
    },
  ];
}
