/**
 * A Prisma schema's `datasource` URLs (DRIVERS.md §8): a literal URL read by the provider's
 * engine, `env("NAME")` not judged in the default profile (the env file that sets it is).
 */
import { isLoopbackHost, parseConnectionUrl } from '../connection-url.js';
import type { PasswordCandidate } from '../credentials.js';
import type { Environment, LiteralValue, Range } from '../model.js';
import type { Verdict } from '../verdicts.js';
import type { UrlSemantics } from './url-judgement.js';
import { readUrl } from './url.js';

/** One URL field of a `datasource` block of a Prisma schema, as the front-end read it. */
export interface Datasource {
  /** The block's name (`db`). */
  name: string;
  /** `url`, `directUrl` or `shadowDatabaseUrl`. */
  key: string;
  provider?: string;
  /** A literal URL. */
  literal?: LiteralValue;
  /** `env("DATABASE_URL")`: the variable and where the call is. */
  env?: { name: string; range: Range };
  environment: Environment;
}

/** Which reader reads a datasource's URLs, by provider (DRIVERS §8); undefined: no network TLS. */
export function datasourceSemantics(provider: string | undefined): UrlSemantics | undefined {
  switch (provider) {
    case 'postgresql':
    case 'postgres':
    case 'cockroachdb':
    case 'mysql':
    case 'sqlserver':
      return 'prisma';
    case 'mongodb':
      return 'mongodb';
    default:
      return undefined; // sqlite, unknown providers
  }
}

export function readDatasource(datasource: Datasource): {
  verdicts: Verdict[];
  passwords: PasswordCandidate[];
} {
  const out = { verdicts: [] as Verdict[], passwords: [] as PasswordCandidate[] };
  const semantics = datasourceSemantics(datasource.provider);
  const { environment, key, literal, env } = datasource;
  const driver = `Prisma datasource \`${datasource.name}\` ${key}`;
  if (env) {
    if (semantics)
      out.verdicts.push({
        kind: 'tls-unresolved',
        message: {
          id: 'prismaUrlFromVariable',
          data: {
            driver,
            env: env.name,
            secure:
              semantics === 'mongodb'
                ? 'tls=true in the URL'
                : 'sslmode=require&sslaccept=strict in the URL',
          },
        },
        setting: key,
        range: env.range,
        environment,
        explicit: false,
        literal: false,
        loopback: false,
        fixes: [],
      });
    return out;
  }
  if (!literal || typeof literal.value !== 'string') return out;
  const url = parseConnectionUrl(literal.value);
  if (!url) return out;
  const loopback = url.hosts.length > 0 && url.hosts.every(isLoopbackHost);
  for (const c of url.credentials)
    out.passwords.push({
      secret: c.value,
      range:
        literal.verbatim && literal.contentStart !== undefined
          ? [literal.contentStart + c.start, literal.contentStart + c.end]
          : literal.range,
      holder: { kind: 'datasource', key },
      driver: 'Prisma',
      environment,
      loopback,
      inComment: false,
      ...(url.user ? { user: url.user } : {}),
    });
  if (semantics)
    out.verdicts.push(
      ...readUrl(semantics, {
        literal,
        url,
        environment,
        explicit: false,
        driver,
        optionMayEnableTls: false,
      }).verdicts,
    );
  return out;
}
