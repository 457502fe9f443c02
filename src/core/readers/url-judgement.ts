/**
 * What every URL reader shares: the reading context, the result, and the helpers that
 * point at a parameter and fix it in place. The dispatch by consumer is readers/url.ts.
 */
import type { ConnectionUrl } from '../connection-url.js';
import { isLoopbackHost } from '../connection-url.js';
import { setUrlParams } from '../fixes.js';
import type { Message } from '../messages.js';
import type { Environment, FixIntent, LiteralValue, Range } from '../model.js';
import type { Verdict, VerdictKind } from '../verdicts.js';

/** How a consumer reads a URL's TLS parameters (the columns of DRIVERS §1). */
export type UrlSemantics =
  | 'pg'
  | 'libpq'
  | 'postgresjs'
  | 'slonik'
  | 'prisma'
  | 'mysql2'
  /** Any MySQL client: only what means "no TLS" to all of them. */
  | 'mysql'
  | 'ignored'
  | 'mongodb'
  | 'mssql';

export interface UrlReading {
  literal: LiteralValue;
  url: ConnectionUrl;
  environment: Environment;
  explicit: boolean;
  driver: string;
  /** Whether the consumer also has a TLS option that may turn TLS on (then no "TLS off" here). */
  optionMayEnableTls: boolean;
}

export interface UrlVerdict {
  verdicts: Verdict[];
  /** The URL decides whether TLS is on (so an absent `ssl` option is not "TLS off"). */
  decidesTls: boolean;
  /** For pg: the URL's TLS parameters replace the `ssl` option entirely (DRIVERS §2). */
  overridesOption: boolean;
  loopback: boolean;
}

/** The verdict being built for one URL, with the helpers every URL reader uses. */
export class UrlJudgement {
  readonly result: UrlVerdict;

  constructor(readonly reading: UrlReading) {
    const { url } = reading;
    this.result = {
      verdicts: [],
      decidesTls: false,
      overridesOption: false,
      loopback: url.hosts.length > 0 && url.hosts.every(isLoopbackHost),
    };
  }

  get url(): ConnectionUrl {
    return this.reading.url;
  }

  /** A parameter's value by lower-cased key. */
  param(name: string): string | undefined {
    return this.reading.url.params.get(name)?.value;
  }

  /** Reports on `param` (the `key=value` characters) or, without one, the whole literal. */
  observe(
    kind: VerdictKind,
    param: string | undefined,
    message: Message,
    extra: Partial<Verdict> = {},
  ): void {
    this.result.verdicts.push({
      kind,
      message,
      setting: param ?? 'url',
      range: this.#paramRange(param),
      environment: this.reading.environment,
      explicit: this.reading.explicit,
      literal: true,
      loopback: this.result.loopback,
      fixes: [],
      ...extra,
    });
  }

  /** A fix that sets URL parameters in place (`sslmode=verify-full`). */
  fixParams(params: [string, string][], description: string): FixIntent[] {
    const fix = setUrlParams(this.reading.literal, this.reading.url, params, description);
    return fix ? [fix] : [];
  }

  #paramRange(param: string | undefined): Range {
    const { literal, url } = this.reading;
    const entry = param === undefined ? undefined : url.params.get(param);
    if (entry && literal.verbatim && literal.contentStart !== undefined) {
      return [
        literal.contentStart + entry.start - entry.key.length - 1,
        literal.contentStart + entry.end,
      ];
    }
    return literal.range;
  }
}
