/**
 * The model every front-end lowers its syntax into and every check reads.
 * Nothing here knows about a parser: ranges are plain offsets into the file text.
 */
import type { MessageId, RuleId } from './messages.js';

export type Environment = 'production' | 'development' | 'unknown';

/** Half-open offsets `[start, end)` into the analysed file's text. */
export type Range = readonly [number, number];

/** A stretch of a file whose environment its syntax states, and how (for messages). */
export interface EnvironmentScope {
  range: Range;
  environment: Environment;
  /** `key \`production\` of the environment map`, `branch \`isProduction ? … : …\``. */
  because: string;
}

export type { RuleId } from './messages.js';

/**
 * A predicate over one environment variable, normalised so that `!a`, `a !== 'x'`
 * and `a === 'x'` with a flipped `positive` share one key. Used to match a production
 * guard against the conditional it protects.
 */
export interface EnvPredicate {
  /** e.g. `DB_SSL|eq|true` or `DB_SSL|truthy`. */
  key: string;
  envName: string;
  /** The predicate's value when the variable is unset. */
  whenUnset: boolean;
}

export type Test =
  | { kind: 'environment'; whenTrue: Environment; whenFalse: Environment }
  | { kind: 'flag'; predicate: EnvPredicate; positive: boolean }
  /**
   * One of several blocks picked by configuration (Strapi's `connections[client]`): each
   * branch is the default for whoever picks it, so none is an explicit choice (POLICY "Values").
   */
  | { kind: 'choice' }
  | { kind: 'unknown' };

interface ValueBase {
  range: Range;
}

export interface LiteralValue extends ValueBase {
  kind: 'literal';
  value: string | number | boolean | null | undefined;
  /** For string literals: where the characters of the value start (after the quote). */
  contentStart?: number;
  /** True when `value` maps 1:1 onto the source characters (no escapes, no template holes). */
  verbatim?: boolean;
  /** Set when the literal is what an environment read evaluates to while the variable is unset. */
  fromEnv?: {
    name: string;
    how: 'fallback' | 'comparison';
    /**
     * Where the environment read ends, for a fallback: deleting from there to the literal's
     * end leaves the read alone (`process.env.X || 'pw'` → `process.env.X`).
     */
    readEnd?: number;
  };
  /** A template literal: holes are kept as `${…}` placeholders in `value`. */
  template?: boolean;
  /** Made up by a front-end (the `true`/`false` of `process.env.X === 'true'`), not written in the source. */
  synthetic?: boolean;
}

/** A value read from the environment or a secrets store, statically unknown. */
interface EnvValue extends ValueBase {
  kind: 'env';
  name?: string;
}

export interface Property {
  key: string;
  keyRange: Range;
  value: Value;
  range: Range;
}

export interface ObjectValue extends ValueBase {
  kind: 'object';
  properties: Property[];
  /** A spread or computed key we could not resolve: absent keys may still be set. */
  open: boolean;
  /**
   * Where and how a fix adds a property, in the object's own style (indentation,
   * trailing comma): the edit is `prefix + "key: value" + suffix` at `at`.
   */
  insertion?: {
    at: number;
    prefix: string;
    suffix: string;
    /** Where the previous property needs its comma. */ commaAt?: number;
    /**
     * The quote the object's keys are written with, where keys are string literals (a Python
     * dict): the new key and a string value take it (`FixPrinter.forObject`).
     */
    quote?: "'" | '"';
  };
}

interface ArrayValue extends ValueBase {
  kind: 'array';
  elements: Value[];
}

export interface ConditionalValue extends ValueBase {
  kind: 'conditional';
  test: Test;
  testRange: Range;
  consequent: Value;
  alternate: Value;
}

interface FunctionValue extends ValueBase {
  kind: 'function';
  /** Every path returns nothing (a no-op `checkServerIdentity`). */
  returnsNothing: boolean;
  /** The object a `() => ({ ... })` factory returns, when it is a literal. */
  returns?: Value;
}

interface UnknownValue extends ValueBase {
  kind: 'unknown';
}

export type Value =
  | LiteralValue
  | EnvValue
  | ObjectValue
  | ArrayValue
  | ConditionalValue
  | FunctionValue
  | UnknownValue;

export interface FileInfo {
  /** Path as given by the host (ESLint's `context.filename`, the scanner's path). */
  path: string;
  environment: Environment;
  /** The path's words that state `environment` (`file name \`.env.production\``). */
  because?: string;
  /** Test files report nothing but `min-tls-version` (POLICY "Test files"). */
  isTest: boolean;
  /** Example files report only real-looking secrets (POLICY "Credentials"). */
  isExample: boolean;
}

/** One place that configures a database (or TLS) connection. */
export interface Site {
  driverId: string;
  /** The dialect the site resolved to, for multi-database ORMs (knex `client`, TypeORM `type`). */
  dialect?: string;
  environment: Environment;
  /** Where the finding for a missing setting points: the call or the config object. */
  range: Range;
  /** The options, normalised into one object (positional arguments get their row's names). */
  config?: ObjectValue;
  /** The connection string, wherever it came from (first argument, `connectionString`, `url`). */
  url?: Value;
  /** A knexfile / ormconfig / env-map entry that is only exported, not called. */
  exportedOnly?: boolean;
}

export interface TextEdit {
  range: Range;
  text: string;
}

export interface FixIntent {
  /** Says what the fix does, without any secret: `Set ssl.rejectUnauthorized to true`. */
  description: string;
  edits: TextEdit[];
  /** Safe to apply unattended (POLICY "Fixes"); otherwise offered as a suggestion only. */
  safe: boolean;
}

export interface Finding {
  ruleId: RuleId;
  /** A message id of the rule (core/messages.ts), and its data. Data never holds a secret. */
  messageId: MessageId;
  data: Record<string, string>;
  /** The setting the finding is about (`ssl`, `sslmode`, `PGSSLMODE`): fingerprints use it, not prose. */
  setting: string;
  range: Range;
  environment: Environment;
  fixes: FixIntent[];
  /** Why the site has its environment and loopback status (`secure-db scan --explain`). */
  evidence?: FindingEvidence;
}

interface FindingEvidence {
  /** What states the environment (a branch, a map key, the file name); none when unknown. */
  because?: string;
  /** The connection goes to a loopback host or a Unix socket. */
  loopback: boolean;
}

type Profile = 'default' | 'strict';

export interface PolicyOptions {
  profile: Profile;
  minimumSslmode: 'require' | 'verify-ca' | 'verify-full';
  minimumTlsVersion: 'TLSv1.2' | 'TLSv1.3';
}

export const DEFAULT_POLICY_OPTIONS: PolicyOptions = {
  profile: 'default',
  minimumSslmode: 'verify-full',
  minimumTlsVersion: 'TLSv1.2',
};

/** A branch of a value, after conditionals are taken apart (see `alternatives`). */
export interface Alternative {
  value: Exclude<Value, ConditionalValue>;
  environment: Environment;
  /**
   * Not the branch the code takes by default: an operator's explicit choice. Only literals
   * that disable verification or weaken TLS are reported there (POLICY "Values that are not literals").
   */
  explicit: boolean;
}

/** Production guards of a file: predicate key → the value it must have in production. */
export type Guards = ReadonlyMap<string, boolean>;
