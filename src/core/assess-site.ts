/**
 * Driver facts about one site: the TLS option read the way its driver reads it
 * (the TLS dialects of `drivers/types.ts`), and its connection string.
 */
import { assessUrl, type UrlVerdict } from './assess-url.js';
import { isLoopbackHost, parseConnectionUrl } from './connection-url.js';
import type { Layout } from './drivers/types.js';
import { setPath } from './fixes.js';
import type { Alternative, Guards, LiteralValue, ObjectValue, Site, Value } from './model.js';
import type { Observation, ObservationKind } from './observations.js';
import {
  alternatives,
  firstSet,
  getProperty,
  getValue,
  isOffLiteral,
  mayBeHidden,
  stringOf,
} from './values.js';
import { SITE_CONNECTION_KEYS } from './vocabulary.js';

export interface SiteAssessment {
  observations: Observation[];
  /** Literal URL ranges this site judged, so the free-URL pass does not judge them again. */
  claimedUrls: LiteralValue[];
  loopback: boolean;
}

export function assessSite(site: Site, layout: Layout, guards: Guards): SiteAssessment {
  const result: SiteAssessment = { observations: [], claimedUrls: [], loopback: false };
  if (layout.tls === 'none') return result;
  const config = site.config;
  result.loopback = hasLoopbackHost(config, layout);

  // The connection string, judged by this consumer.
  // A URL path may also hold an options object (knex `connection`): only strings are URLs.
  const urlValue =
    site.url ??
    (layout.urlPaths ?? [])
      .map((p) => getValue(config, p))
      .find((v) => v !== undefined && v.kind !== 'object');
  const tlsEntry = firstSet(config, layout.tlsPaths);
  const optionMayEnableTls = tlsEntry !== undefined || (layout.tls === 'mongodb' && false);
  const urlVerdicts: UrlVerdict[] = [];
  let urlUnresolved = false;
  if (urlValue) {
    for (const alt of alternatives(urlValue, site.environment, guards)) {
      const text = stringOf(alt.value);
      const parsed = text === undefined ? undefined : parseConnectionUrl(text);
      if (!parsed || alt.value.kind !== 'literal') {
        if (!alt.explicit) urlUnresolved = true;
        continue;
      }
      result.claimedUrls.push(alt.value);
      const semantics = layout.urlSemantics ?? 'libpq';
      const verdict = assessUrl(semantics, {
        literal: alt.value,
        url: parsed,
        environment: alt.environment,
        explicit: alt.explicit,
        driver: layout.label,
        optionMayEnableTls: optionMayEnableTls || layout.tls === 'always-tls',
      });
      if (verdict.loopback) result.loopback = true;
      urlVerdicts.push(verdict);
      for (const o of verdict.observations)
        result.observations.push({ ...o, loopback: verdict.loopback || result.loopback });
    }
  }
  const urlDecides = urlVerdicts.length > 0 && urlVerdicts.every((v) => v.decidesTls);
  const urlOverrides = urlVerdicts.length > 0 && urlVerdicts.every((v) => v.overridesOption);

  const observe = (
    kind: ObservationKind,
    alt: Pick<Alternative, 'environment' | 'explicit'> & {
      range: readonly [number, number];
      literal: boolean;
    },
    problem: string,
    secure = layout.secureValue ?? '',
    extra: Partial<Observation> = {},
  ) => {
    result.observations.push({
      kind,
      range: alt.range,
      environment: alt.environment,
      explicit: alt.explicit,
      literal: alt.literal,
      loopback: result.loopback,
      driver: layout.label,
      problem,
      secure,
      fixes: [],
      ...extra,
    });
  };
  const tlsKey = (tlsEntry?.path.join('.') || layout.fixPath?.join('.')) ?? 'ssl';
  const fixMissing = (): Observation['fixes'] => {
    if (!config || !layout.fixPath || !layout.secureValue) return [];
    const fix = setPath(
      config,
      layout.fixPath,
      layout.secureValue,
      `Set ${layout.fixPath.join('.')} to ${layout.secureValue}`,
    );
    return fix ? [fix] : [];
  };
  const secureOption = layout.secureValue
    ? `${layout.fixPath?.join('.') ?? 'ssl'}: ${layout.secureValue}`
    : '';
  const siteAlt = {
    environment: site.environment,
    explicit: false,
    range: site.range,
    literal: false,
  };

  // A missing nested key (knex `connection.ssl`) points at the object it belongs in.
  const missingRange = (): readonly [number, number] => {
    const container =
      layout.fixPath && layout.fixPath.length > 1
        ? getValue(config, layout.fixPath.slice(0, -1))
        : undefined;
    return container?.kind === 'object' ? container.range : site.range;
  };

  // TLS keys the driver ignores: a false sense of security.
  for (const path of layout.ignoredTlsPaths ?? []) {
    const ignored = getProperty(config, path);
    if (ignored && !isOffLiteral(ignored.value) && !tlsEntry) {
      observe(
        'tls-ignored',
        { ...siteAlt, range: ignored.range, literal: true },
        `\`${path.join('.')}\` is ignored by ${layout.label}, so the connection has no TLS`,
        secureOption,
        { fixes: fixMissing() },
      );
    }
  }

  if (layout.mssql) {
    assessMssqlOptions(site, layout, guards, observe, siteAlt);
    return result;
  }

  if (layout.tls === 'always-tls' || layout.tls === 'prisma-engine' || layout.tls === 'node-tls')
    return result;

  if (!tlsEntry) {
    if (urlDecides || urlOverrides) return result;
    if (layout.tls === 'drizzle-kit-pg') return result; // drizzle-kit verifies when `ssl` is absent
    // An ignored TLS key was reported above; an ignored `ssl: false` is simply TLS off.
    if (
      layout.ignoredTlsPaths?.some((p) => {
        const i = getProperty(config, p);
        return i && !isOffLiteral(i.value);
      })
    )
      return result;
    const hidden = layout.fixPath ? mayBeHidden(config, layout.fixPath) : true;
    const connectionShaped =
      config?.properties.some((p) => SITE_CONNECTION_KEYS.has(p.key)) ?? false;
    if (hidden || urlUnresolved || !connectionShaped) {
      observe(
        'tls-unresolved',
        siteAlt,
        urlUnresolved
          ? 'TLS is not set in code; the connection string comes from the environment'
          : 'TLS is not set in code',
        secureOption,
      );
    } else {
      observe(
        'tls-off',
        { ...siteAlt, range: missingRange() },
        `\`${tlsKey}\` is not set, so ${layout.label} connects without TLS`,
        secureOption,
        { fixes: fixMissing() },
      );
    }
    return result;
  }

  for (const alt of alternatives(tlsEntry.value, site.environment, guards)) {
    const at = {
      ...alt,
      range: alt.value.range,
      literal: alt.value.kind === 'literal' && !alt.value.synthetic,
    };
    const replaceFix = (): Observation['fixes'] =>
      layout.secureValue
        ? [
            {
              description: `Set ${tlsKey} to ${layout.secureValue}`,
              edits: [{ range: alt.value.range, text: layout.secureValue }],
              safe: true,
            },
          ]
        : [];
    judgeTlsValue(layout, alt, tlsKey, urlOverrides, (kind, problem, extra) => {
      // In an explicit branch only literals that weaken TLS are findings (never "TLS off").
      if (alt.explicit && (kind === 'tls-off' || !at.literal)) return;
      observe(kind, at, problem, secureOption, { fixes: replaceFix(), ...extra });
    });
  }
  return result;
}

type Judge = (kind: ObservationKind, problem: string, extra?: Partial<Observation>) => void;

/** One TLS value, read the way the layout's dialect reads it. */
function judgeTlsValue(
  layout: Layout,
  alt: Alternative,
  key: string,
  urlOverrides: boolean,
  judge: Judge,
): void {
  const value = alt.value;
  const off = isOffLiteral(value) || (value.kind === 'literal' && value.value === undefined);
  if (urlOverrides) return; // pg: the URL's TLS parameters replace this option today
  if (value.kind === 'env') {
    if (layout.tls === 'pg' || layout.tls === 'mysql2') {
      judge(
        'tls-off',
        `\`${key}\` is a raw environment string: TLS is off while it is unset, and ${layout.label} does not read "true"/"false" strings as booleans`,
      );
    }
    return;
  }
  switch (layout.tls) {
    case 'pg':
    case 'pg-native': {
      if (off) return judge('tls-off', offProblem(key, value));
      if (layout.tls === 'pg-native') {
        if (value.kind === 'literal' && value.value === true)
          return judge(
            'invalid-tls-value',
            'pg-native passes ssl: true to libpq as sslmode=true, which libpq rejects',
          );
        if (value.kind === 'object') {
          const mode = stringOf(getValue(value, ['sslmode']));
          // The fix adds `sslmode` to the object and keeps its CA and client certificate keys.
          if (mode === undefined && !value.open)
            judge(
              'tls-off',
              'without `sslmode` in `ssl`, pg-native leaves libpq at `prefer` (plaintext fallback; rejectUnauthorized is ignored)',
              { fixes: insertFix(value, 'sslmode', "'verify-full'") },
            );
        }
        return;
      }
      if (value.kind === 'literal' && typeof value.value === 'string') {
        if (value.value === 'no-verify')
          return judge(
            'verification-disabled',
            `\`${key}: 'no-verify'\` turns certificate verification off`,
          );
        if (value.value !== 'true')
          return judge(
            'invalid-tls-value',
            `\`${key}: '${value.value}'\` is not a boolean or an object: pg crashes with a TypeError when TLS starts`,
          );
      }
      return;
    }
    case 'mysql2':
    case 'mysqljs':
    case 'mariadb': {
      if (off) return judge('tls-off', offProblem(key, value));
      if (value.kind === 'literal' && value.value === true) {
        if (layout.tls === 'mysql2')
          return judge(
            'invalid-tls-value',
            `mysql2 throws "SSL profile must be an object" for \`${key}: true\``,
          );
        if (layout.tls === 'mysqljs')
          return judge(
            'verification-disabled',
            'mysqljs never checks the certificate chain with `ssl: true`',
          );
        return;
      }
      if (value.kind === 'literal' && typeof value.value === 'string') {
        if (value.value === 'Amazon RDS' && layout.tls !== 'mariadb')
          return judge(
            'weak-sslmode',
            'the "Amazon RDS" profile pins the CA but does not check the host name',
            { sslmode: 'verify-ca' },
          );
        return judge(
          'invalid-tls-value',
          `\`${key}: '${value.value}'\` is not a known SSL profile`,
        );
      }
      if (value.kind === 'object' && layout.tls !== 'mariadb') {
        // mysqljs has no setting that checks the host name (DRIVERS §6): nothing to fix in place.
        if (layout.tls === 'mysqljs')
          return judge(
            'weak-sslmode',
            'mysqljs never checks the server host name (use mysql2 with verifyIdentity: true)',
            { sslmode: 'verify-ca', fixes: [] },
          );
        const verify = getValue(value, ['verifyIdentity']);
        const rejectOff = getValue(value, ['rejectUnauthorized']);
        if (rejectOff && isOffLiteral(rejectOff)) return; // reported as disabled verification
        if (!verify ? !value.open : verify.kind === 'literal' && verify.value !== true) {
          // Add `verifyIdentity` to the object rather than replace it, so `ca`, `cert`, … stay.
          const fixes = verify
            ? [
                {
                  description: 'Set ssl.verifyIdentity to true',
                  edits: [{ range: verify.range, text: 'true' }],
                  safe: true,
                },
              ]
            : insertFix(value, 'verifyIdentity', 'true');
          judge(
            'weak-sslmode',
            'mysql2 does not check the server host name without `verifyIdentity: true`',
            { sslmode: 'verify-ca', fixes },
          );
        }
      }
      return;
    }
    case 'postgresjs':
    case 'drizzle-kit-pg': {
      if (off) return judge('tls-off', offProblem(key, value));
      const text = stringOf(value);
      if (text === 'require' || text === 'allow') {
        return judge(
          'weak-sslmode',
          `${layout.label} encrypts with \`${key}: '${text}'\` but does not verify the server certificate`,
          { sslmode: 'require' },
        );
      }
      if (text === 'prefer') {
        return judge(
          layout.tls === 'postgresjs' ? 'weak-sslmode' : 'weak-sslmode',
          `${layout.label} does not verify the certificate with \`${key}: 'prefer'\`${layout.tls === 'postgresjs' ? ' and falls back to plaintext' : ''}`,
          { sslmode: 'prefer' },
        );
      }
      return;
    }
    case 'slonik':
    case 'mongodb':
    case 'ioredis':
    case 'node-redis':
      if (off) return judge('tls-off', offProblem(key, value));
      return;
    default:
      return;
  }
}

function assessMssqlOptions(
  site: Site,
  layout: Layout,
  guards: Guards,
  observe: (
    kind: ObservationKind,
    alt: Pick<Alternative, 'environment' | 'explicit'> & {
      range: readonly [number, number];
      literal: boolean;
    },
    problem: string,
    secure?: string,
    extra?: Partial<Observation>,
  ) => void,
  siteAlt: {
    environment: Site['environment'];
    explicit: boolean;
    range: readonly [number, number];
    literal: boolean;
  },
): void {
  const mssql = layout.mssql!;
  const config = site.config;
  const secure = 'options: { encrypt: true, trustServerCertificate: false }';
  const fix = (path: readonly string[], text: string, what: string) => {
    if (!config) return [];
    const f = setPath(config, path, text, what);
    return f ? [f] : [];
  };
  const encrypt = firstSet(config, mssql.encryptPaths);
  if (!encrypt) {
    if (!mssql.encryptDefault && !mayBeHidden(config, mssql.encryptPaths[0]!) && config) {
      observe(
        'tls-off',
        siteAlt,
        `\`options.encrypt\` is not set and ${layout.label} defaults it to false`,
        secure,
        {
          fixes: fix([...mssql.optionsPath, 'encrypt'], 'true', 'Set options.encrypt to true'),
        },
      );
    }
  } else {
    for (const alt of alternatives(encrypt.value, site.environment, guards)) {
      if (isOffLiteral(alt.value) && !alt.explicit) {
        observe(
          'tls-off',
          { ...alt, range: alt.value.range, literal: true },
          '`encrypt: false` turns TLS off',
          secure,
          {
            fixes: [
              {
                description: 'Set encrypt to true',
                edits: [{ range: alt.value.range, text: 'true' }],
                safe: true,
              },
            ],
          },
        );
      }
    }
  }
  const trust = firstSet(config, mssql.trustPaths);
  if (!trust && mssql.trustDefault && !mayBeHidden(config, mssql.trustPaths[0]!) && config) {
    observe(
      'verification-disabled',
      siteAlt,
      `\`options.trustServerCertificate\` is not set and ${layout.label} defaults it to true (certificate not verified)`,
      secure,
      {
        fixes: fix(
          [...mssql.optionsPath, 'trustServerCertificate'],
          'false',
          'Set options.trustServerCertificate to false',
        ),
      },
    );
  }
}

function insertFix(object: ObjectValue, key: string, text: string): Observation['fixes'] {
  const fix = setPath(object, [key], text, `Set ssl.${key} to ${text}`);
  return fix ? [fix] : [];
}

/** "`ssl: false` turns TLS off", or, for a value made up from an environment test, what it depends on. */
function offProblem(key: string, value: Value): string {
  if (value.kind === 'literal' && value.synthetic && value.fromEnv) {
    return `\`${key}\` is false while ${value.fromEnv.name} is unset, so TLS is off by default`;
  }
  return `\`${key}: ${literalText(value)}\` turns TLS off`;
}

function literalText(value: Value): string {
  if (value.kind !== 'literal') return '…';
  return typeof value.value === 'string' ? `'${value.value}'` : String(value.value);
}

function hasLoopbackHost(config: ObjectValue | undefined, layout: Layout): boolean {
  const host = firstSet(config, layout.hostPaths);
  const text = host ? stringOf(host.value) : undefined;
  return text !== undefined && isLoopbackHost(text);
}

/**
 * Whether a connection-shaped object that is not a known driver site points at the local
 * machine: its `host` (or `hostname`, `server`), else every host of its connection URL.
 * Undefined when it names no host at all (the caller may look further out).
 */
export function configHostIsLoopback(config: ObjectValue): boolean | undefined {
  for (const key of ['host', 'hostname', 'server']) {
    const host = stringOf(getValue(config, [key]));
    if (host !== undefined) return isLoopbackHost(host);
  }
  for (const key of ['connectionString', 'url', 'uri']) {
    const url = stringOf(getValue(config, [key]));
    const parsed = url ? parseConnectionUrl(url) : undefined;
    if (parsed && parsed.hosts.length > 0) return parsed.hosts.every(isLoopbackHost);
  }
  return undefined;
}
