/**
 * What a connection string says about TLS, judged by the consumer that reads it
 * (DRIVERS.md §1: one sslmode spelling, many meanings).
 */
import type { ConnectionUrl } from './connection-url.js';
import { isLoopbackHost } from './connection-url.js';
import { setUrlParams } from './fixes.js';
import type { Environment, LiteralValue } from './model.js';
import type { Observation, ObservationKind } from './observations.js';
import { parseSslmode, weakSslmodeProblem, type Sslmode } from './sslmode.js';

export type UrlSemantics =
  'pg' | 'libpq' | 'postgresjs' | 'slonik' | 'prisma' | 'mysql2' | 'ignored' | 'mongodb' | 'mssql';

export interface UrlVerdict {
  observations: Observation[];
  /** The URL decides whether TLS is on (so an absent `ssl` option is not "TLS off"). */
  decidesTls: boolean;
  /** For pg: the URL's TLS parameters replace the `ssl` option entirely (DRIVERS §2). */
  overridesOption: boolean;
  loopback: boolean;
}

interface Context {
  literal: LiteralValue;
  url: ConnectionUrl;
  environment: Environment;
  explicit: boolean;
  driver: string;
  /** Whether the consumer also has a TLS option that may turn TLS on (then no "TLS off" here). */
  optionMayEnableTls: boolean;
}

const PG_TLS_PARAMS = ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'ssl'];

/** Default semantics for a URL whose consumer is unknown, by scheme. */
export function defaultSemantics(url: ConnectionUrl): UrlSemantics | undefined {
  switch (url.family) {
    case 'postgres':
      return 'libpq';
    case 'mongodb':
      return 'mongodb';
    case 'mssql':
      return 'mssql';
    case 'redis':
      return 'mongodb'; // scheme-only, handled below
    default:
      return undefined; // MySQL URLs mean different things to each client: no guess.
  }
}

export function assessUrl(semantics: UrlSemantics, context: Context): UrlVerdict {
  const { url } = context;
  const loopback = url.hosts.length > 0 && url.hosts.every(isLoopbackHost);
  const verdict: UrlVerdict = {
    observations: [],
    decidesTls: false,
    overridesOption: false,
    loopback,
  };
  const observe = (
    kind: ObservationKind,
    param: string | undefined,
    problem: string,
    secure: string,
    extra: Partial<Observation> = {},
  ) => {
    verdict.observations.push({
      kind,
      range: paramRange(context, param),
      environment: context.environment,
      explicit: context.explicit,
      literal: true,
      loopback,
      driver: context.driver,
      problem,
      secure,
      fixes: [],
      ...extra,
    });
  };
  const param = (name: string) => url.params.get(name)?.value;
  const fixParams = (params: [string, string][], description: string) => {
    const fix = setUrlParams(context.literal, url, params, description);
    return fix ? [fix] : [];
  };

  if (url.family === 'redis') {
    verdict.decidesTls = true;
    if (url.scheme === 'redis' && !context.optionMayEnableTls) {
      observe('tls-off', undefined, 'the `redis://` URL connects without TLS', 'a `rediss://` URL');
    }
    return verdict;
  }

  switch (semantics) {
    case 'pg':
    case 'libpq': {
      const sslmode = param('sslmode');
      verdict.overridesOption =
        semantics === 'pg' && PG_TLS_PARAMS.slice(0, 4).some((p) => url.params.has(p));
      const secure = 'sslmode=verify-full';
      const fix = (d = 'Set sslmode=verify-full in the connection string') =>
        fixParams([['sslmode', 'verify-full']], d);
      if (sslmode !== undefined) {
        verdict.decidesTls = true;
        const mode = parseSslmode(sslmode);
        if (mode === undefined) {
          observe(
            'invalid-tls-value',
            'sslmode',
            `sslmode=${sslmode} is not a valid sslmode`,
            secure,
            { fixes: fix() },
          );
        } else if (mode === 'no-verify') {
          observe(
            'verification-disabled',
            'sslmode',
            'sslmode=no-verify turns certificate verification off',
            secure,
            {
              sslmode: mode,
              fixes: fix(),
            },
          );
        } else if (mode === 'disable') {
          observe('tls-off', 'sslmode', 'sslmode=disable turns TLS off', secure, { fixes: fix() });
        } else if (mode !== 'verify-full') {
          observe('weak-sslmode', 'sslmode', sslmodeProblem(mode, semantics), secure, {
            sslmode: mode,
            fixes: fix(),
          });
        }
        return verdict;
      }
      if (semantics === 'pg') {
        const ssl = param('ssl');
        if (ssl !== undefined) {
          verdict.decidesTls = true;
          verdict.overridesOption = true;
          if (ssl === '0')
            observe('tls-off', 'ssl', 'ssl=0 turns TLS off', secure, { fixes: fix() });
          else if (ssl === 'no-verify')
            observe(
              'verification-disabled',
              'ssl',
              'ssl=no-verify turns certificate verification off',
              secure,
              { fixes: fix() },
            );
          else if (ssl !== 'true' && ssl !== '1') {
            observe(
              'invalid-tls-value',
              'ssl',
              `ssl=${ssl} is kept as a string by pg, which crashes when TLS starts`,
              secure,
              { fixes: fix() },
            );
          }
          return verdict;
        }
        if (verdict.overridesOption) {
          verdict.decidesTls = true; // sslrootcert/sslcert/sslkey alone turn pg's verified TLS on
          return verdict;
        }
      }
      if (!context.optionMayEnableTls) {
        verdict.decidesTls = true; // reported here, not again as a missing `ssl` option
        const problem =
          semantics === 'pg'
            ? 'the connection string has no sslmode and no `ssl` option is set, so node-postgres connects without TLS'
            : 'the connection string has no sslmode, so libpq falls back to `prefer` (plaintext when the server or an attacker declines TLS)';
        observe('tls-off', undefined, problem, secure, {
          fixes: fix('Add sslmode=verify-full to the connection string'),
        });
      }
      return verdict;
    }
    case 'postgresjs': {
      const value =
        param('sslrootcert') === 'system' ? 'verify-full' : (param('sslmode') ?? param('ssl'));
      if (value === undefined) {
        // No TLS parameter and no `ssl` option: postgres.js reads PGSSL, else no TLS (DRIVERS §7).
        if (!context.optionMayEnableTls) {
          verdict.decidesTls = true;
          observe(
            'tls-off',
            undefined,
            'the connection string has no sslmode, so postgres.js connects without TLS',
            'sslmode=verify-full',
            {
              fixes: fixParams(
                [['sslmode', 'verify-full']],
                'Add sslmode=verify-full to the connection string',
              ),
            },
          );
        }
        return verdict;
      }
      verdict.decidesTls = true;
      const fix = fixParams(
        [['sslmode', 'verify-full']],
        'Set sslmode=verify-full in the connection string',
      );
      const key = url.params.has('sslmode') ? 'sslmode' : 'ssl';
      if (value === 'disable' || value === 'false')
        observe('tls-off', key, `${key}=${value} turns TLS off`, 'sslmode=verify-full', {
          fixes: fix,
        });
      else if (value === 'require' || value === 'allow') {
        observe(
          'weak-sslmode',
          key,
          `postgres.js encrypts with ${key}=${value} but does not verify the server certificate`,
          'sslmode=verify-full',
          { sslmode: 'require', fixes: fix },
        );
      } else if (value === 'prefer') {
        observe(
          'weak-sslmode',
          key,
          `postgres.js falls back to plaintext with ${key}=prefer`,
          'sslmode=verify-full',
          { sslmode: 'prefer', fixes: fix },
        );
      }
      return verdict;
    }
    case 'slonik': {
      const sslmode = param('sslmode');
      if (sslmode === undefined) {
        if (!context.optionMayEnableTls) verdict.decidesTls = true;
        if (!context.optionMayEnableTls)
          observe(
            'tls-off',
            undefined,
            'the DSN has no sslmode, so Slonik connects without TLS',
            'sslmode=require (Slonik verifies fully with it)',
            {
              fixes: fixParams([['sslmode', 'require']], 'Add sslmode=require to the DSN'),
            },
          );
        return verdict;
      }
      verdict.decidesTls = true;
      const fix = fixParams([['sslmode', 'require']], 'Set sslmode=require in the DSN');
      if (sslmode === 'disable')
        observe('tls-off', 'sslmode', 'sslmode=disable turns TLS off', 'sslmode=require', {
          fixes: fix,
        });
      else if (sslmode === 'no-verify')
        observe(
          'verification-disabled',
          'sslmode',
          'sslmode=no-verify turns certificate verification off',
          'sslmode=require',
          { fixes: fix },
        );
      else if (sslmode !== 'require') {
        observe(
          'invalid-tls-value',
          'sslmode',
          `Slonik accepts only disable, no-verify and require; sslmode=${sslmode} makes it throw`,
          'sslmode=require (Slonik verifies fully with it)',
          { fixes: fix },
        );
      }
      return verdict;
    }
    case 'prisma': {
      verdict.decidesTls = true;
      const secure = 'sslmode=require&sslaccept=strict';
      const fix = fixParams(
        [
          ['sslmode', 'require'],
          ['sslaccept', 'strict'],
        ],
        'Set sslmode=require&sslaccept=strict in the URL',
      );
      if (url.family === 'postgres') {
        const sslmode = param('sslmode');
        const sslaccept = param('sslaccept');
        const mode = sslmode === undefined ? 'prefer' : parseSslmode(sslmode);
        if (mode === 'disable')
          observe('tls-off', 'sslmode', 'sslmode=disable turns TLS off', secure, { fixes: fix });
        else if (mode === 'require') {
          if (sslaccept === 'accept_invalid_certs' || sslaccept === undefined) {
            observe(
              'verification-disabled',
              sslaccept === undefined ? 'sslmode' : 'sslaccept',
              sslaccept === undefined
                ? "Prisma's engine does not verify the certificate unless sslaccept=strict"
                : 'sslaccept=accept_invalid_certs turns certificate verification off',
              secure,
              { sslmode: 'require', fixes: fix },
            );
          }
        } else {
          const why =
            sslmode === undefined
              ? 'the URL has no sslmode, so Prisma uses `prefer` (plaintext fallback)'
              : mode === 'prefer'
                ? 'sslmode=prefer falls back to plaintext'
                : `Prisma's engine ignores sslmode=${sslmode} and falls back to prefer (plaintext fallback)`;
          observe(
            sslmode === undefined ? 'tls-off' : 'weak-sslmode',
            sslmode === undefined ? undefined : 'sslmode',
            why,
            secure,
            { sslmode: 'prefer', fixes: fix },
          );
        }
      } else if (url.family === 'mysql') {
        const hasTls = ['sslcert', 'sslidentity', 'sslpassword', 'sslaccept'].some((p) =>
          url.params.has(p),
        );
        if (!hasTls)
          observe(
            'tls-off',
            undefined,
            "Prisma's MySQL connector uses TLS only when an ssl parameter is present",
            'sslaccept=strict',
          );
        else if (param('sslaccept') !== 'strict')
          observe(
            'verification-disabled',
            url.params.has('sslaccept') ? 'sslaccept' : undefined,
            "Prisma's engine does not verify the certificate unless sslaccept=strict",
            'sslaccept=strict',
          );
      } else if (url.family === 'mssql') {
        return assessMssql(url, observe, verdict);
      }
      return verdict;
    }
    case 'mysql2': {
      const mode = param('ssl-mode') ?? param('sslmode') ?? param('ssl_mode');
      const ssl = param('ssl');
      if (ssl !== undefined) {
        verdict.decidesTls = true;
        if (ssl === 'true')
          observe(
            'invalid-tls-value',
            'ssl',
            'mysql2 reads ssl=true from a URL as a boolean and throws "SSL profile must be an object"',
            '?ssl={"rejectUnauthorized":true,"verifyIdentity":true}',
          );
        else if (/"rejectUnauthorized"\s*:\s*false/.test(ssl))
          observe(
            'verification-disabled',
            'ssl',
            'rejectUnauthorized is false in the ssl parameter',
            '?ssl={"rejectUnauthorized":true,"verifyIdentity":true}',
          );
        else if (!/"verifyIdentity"\s*:\s*true/.test(ssl))
          observe(
            'weak-sslmode',
            'ssl',
            'mysql2 does not check the host name without verifyIdentity: true',
            '?ssl={"rejectUnauthorized":true,"verifyIdentity":true}',
            { sslmode: 'verify-ca' },
          );
        return verdict;
      }
      if (mode !== undefined) {
        const key = url.params.has('ssl-mode')
          ? 'ssl-mode'
          : url.params.has('sslmode')
            ? 'sslmode'
            : 'ssl_mode';
        verdict.decidesTls = !context.optionMayEnableTls; // reported here, not again as a missing `ssl`
        observe(
          'tls-ignored',
          key,
          `mysql2 ignores ${key} in a URL, so the connection has no TLS`,
          'an ssl option: { rejectUnauthorized: true, verifyIdentity: true }',
        );
      }
      return verdict;
    }
    case 'ignored': {
      for (const key of ['sslmode', 'ssl', 'ssl-mode']) {
        if (!url.params.has(key)) continue;
        verdict.decidesTls = !context.optionMayEnableTls; // reported here, not again as a missing TLS option
        observe(
          'tls-ignored',
          key,
          `${context.driver} ignores ${key} in this URL`,
          'the TLS option of the config object',
        );
      }
      return verdict;
    }
    case 'mongodb': {
      const tls = param('tls') ?? param('ssl');
      verdict.decidesTls = true;
      if (tls === 'false')
        observe(
          'tls-off',
          url.params.has('tls') ? 'tls' : 'ssl',
          'TLS is turned off in the connection string',
          'tls=true',
          {
            fixes: fixParams(
              [[url.params.has('tls') ? 'tls' : 'ssl', 'true']],
              'Set tls=true in the connection string',
            ),
          },
        );
      else if (tls === undefined && url.scheme === 'mongodb' && !context.optionMayEnableTls) {
        observe(
          'tls-off',
          undefined,
          'a `mongodb://` URL without tls=true connects without TLS',
          'tls=true',
          { fixes: fixParams([['tls', 'true']], 'Add tls=true to the connection string') },
        );
      }
      for (const key of ['tlsallowinvalidcertificates', 'tlsinsecure']) {
        if (param(key)?.toLowerCase() === 'true')
          observe(
            'verification-disabled',
            key,
            `${url.params.get(key)!.key}=true turns certificate verification off`,
            'tls=true without tlsAllowInvalid* options',
          );
      }
      if (param('tlsallowinvalidhostnames')?.toLowerCase() === 'true')
        observe(
          'host-unchecked',
          'tlsallowinvalidhostnames',
          'tlsAllowInvalidHostnames=true turns host name verification off',
          'tls=true without tlsAllowInvalid* options',
        );
      return verdict;
    }
    case 'mssql':
      return assessMssql(url, observe, verdict);
  }
}

const TRUE_WORDS = new Set(['true', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'no', '0']);

function assessMssql(
  url: ConnectionUrl,
  observe: (
    kind: ObservationKind,
    param: string | undefined,
    problem: string,
    secure: string,
  ) => void,
  verdict: UrlVerdict,
): UrlVerdict {
  verdict.decidesTls = true;
  const encrypt = url.params.get('encrypt')?.value.toLowerCase();
  if (encrypt !== undefined && (FALSE_WORDS.has(encrypt) || encrypt === 'danger_plaintext')) {
    observe(
      'tls-off',
      'encrypt',
      `Encrypt=${url.params.get('encrypt')!.value} turns TLS off`,
      'Encrypt=true;TrustServerCertificate=false',
    );
  }
  const trust = (
    url.params.get('trustservercertificate') ?? url.params.get('trust_server_certificate')
  )?.value.toLowerCase();
  if (trust !== undefined && TRUE_WORDS.has(trust)) {
    observe(
      'verification-disabled',
      url.params.has('trustservercertificate')
        ? 'trustservercertificate'
        : 'trust_server_certificate',
      'TrustServerCertificate=true turns certificate verification off',
      'Encrypt=true;TrustServerCertificate=false',
    );
  }
  return verdict;
}

function sslmodeProblem(mode: Sslmode, semantics: 'pg' | 'libpq'): string {
  const base = weakSslmodeProblem(mode, `sslmode=${mode}`);
  return semantics === 'pg'
    ? `${base} (node-postgres reads it as verify-full today, but as libpq does with uselibpqcompat=true and from pg v9)`
    : base;
}

function paramRange(context: Context, param: string | undefined): readonly [number, number] {
  const { literal, url } = context;
  const entry = param === undefined ? undefined : url.params.get(param);
  if (entry && literal.verbatim && literal.contentStart !== undefined) {
    return [
      literal.contentStart + entry.start - entry.key.length - 1,
      literal.contentStart + entry.end,
    ];
  }
  return literal.range;
}
