/**
 * A driver site expanded through the driver table: its connection string read by the
 * site's consumer (readers/url.ts), its TLS option read by its TLS dialect
 * (readers/option.ts), SQL Server switches with the consumer's defaults (readers/mssql.ts),
 * and what follows from their absence. Which key holds what, and which dialect reads it, is
 * the driver table's; the readers say what a value means.
 */
import { isLoopbackHost, isTemplateUrl, parseConnectionUrl } from './connection-url.js';
import type { Layout } from './drivers/types.js';
import { javascriptPrinter, replaceWith, setPath, type FixPrinter } from './fixes.js';
import type { Message } from './messages.js';
import type {
  Environment,
  FixIntent,
  Guards,
  LiteralValue,
  ObjectValue,
  Range,
  Site,
  Value,
} from './model.js';
import { readMssqlOptions } from './readers/mssql.js';
import { readTlsOption } from './readers/option.js';
import { readUrl, type UrlVerdict } from './readers/url.js';
import {
  alternatives,
  firstSet,
  getProperty,
  getValue,
  isOffLiteral,
  mayBeHidden,
  stringOf,
} from './values.js';
import type { Verdict, VerdictKind } from './verdicts.js';
import { SITE_CONNECTION_KEYS } from './vocabulary.js';

/** Messages and suggestion descriptions name secure values as JavaScript spells them. */
const MESSAGE_SPELLING = javascriptPrinter();

export interface SiteReading {
  verdicts: Verdict[];
  /** Literal URLs this site judged, so the free-URL pass does not judge them again. */
  claimedUrls: LiteralValue[];
  loopback: boolean;
}

interface At {
  range: Range;
  environment: Environment;
  explicit: boolean;
  literal: boolean;
}

export function readSite(
  site: Site,
  layout: Layout,
  guards: Guards,
  printer: FixPrinter,
): SiteReading {
  const result: SiteReading = { verdicts: [], claimedUrls: [], loopback: false };
  if (layout.tls === 'none') return result;
  const config = site.config;
  result.loopback = hasLoopbackHost(config, layout);
  const driver = layout.label;

  // The connection string, judged by this consumer.
  // A URL path may also hold an options object (knex `connection`): only strings are URLs.
  const urlValue =
    site.url ??
    (layout.urlPaths ?? [])
      .map((p) => getValue(config, p))
      .find((v) => v !== undefined && v.kind !== 'object');
  const tlsEntry = firstSet(config, layout.tlsPaths);
  const urlVerdicts: UrlVerdict[] = [];
  let urlUnresolved = false;
  if (urlValue) {
    for (const alt of alternatives(urlValue, site.environment, guards)) {
      const text = stringOf(alt.value);
      const parsed = text === undefined ? undefined : parseConnectionUrl(text);
      if (parsed && isTemplateUrl(parsed)) continue;
      if (!parsed || alt.value.kind !== 'literal') {
        if (!alt.explicit) urlUnresolved = true;
        continue;
      }
      result.claimedUrls.push(alt.value);
      const verdict = readUrl(layout.urlSemantics ?? 'libpq', {
        literal: alt.value,
        url: parsed,
        environment: alt.environment,
        explicit: alt.explicit,
        driver,
        optionMayEnableTls: tlsEntry !== undefined || layout.tls === 'always-tls',
      });
      if (verdict.loopback) result.loopback = true;
      urlVerdicts.push(verdict);
      for (const v of verdict.verdicts)
        result.verdicts.push({ ...v, loopback: verdict.loopback || result.loopback });
    }
  }
  const urlDecides = urlVerdicts.length > 0 && urlVerdicts.every((v) => v.decidesTls);
  const urlOverrides = urlVerdicts.length > 0 && urlVerdicts.every((v) => v.overridesOption);

  const tlsKey = (tlsEntry?.path.join('.') || layout.fixPath?.join('.')) ?? 'ssl';
  const observe = (kind: VerdictKind, at: At, message: Message, extra: Partial<Verdict> = {}) => {
    result.verdicts.push({
      kind,
      message,
      setting: tlsKey,
      ...at,
      loopback: result.loopback,
      fixes: [],
      ...extra,
    });
  };
  const fixMissing = (): FixIntent[] => {
    if (!config || !layout.fixPath || !layout.secureValue) return [];
    const fix = setPath(
      printer,
      config,
      layout.fixPath,
      layout.secureValue,
      `Set ${layout.fixPath.join('.')} to ${MESSAGE_SPELLING.value(layout.secureValue)}`,
    );
    return fix ? [fix] : [];
  };
  const secure =
    layout.secureValue !== undefined
      ? `${layout.fixPath?.join('.') ?? 'ssl'}: ${MESSAGE_SPELLING.value(layout.secureValue)}`
      : 'a verified TLS setting';
  const atSite: At = {
    environment: site.environment,
    explicit: false,
    range: site.range,
    literal: false,
  };

  // TLS keys the driver ignores: a false sense of security.
  for (const path of layout.ignoredTlsPaths ?? []) {
    const ignored = getProperty(config, path);
    if (ignored && !isOffLiteral(ignored.value) && !tlsEntry) {
      const key = path.join('.');
      observe(
        'tls-ignored',
        { ...atSite, range: ignored.range, literal: true },
        { id: 'sslKeyIgnored', data: { driver, key, secure } },
        { setting: key, fixes: fixMissing() },
      );
    }
  }

  if (layout.mssql) {
    readMssqlOptions(
      {
        config,
        driver,
        environment: site.environment,
        guards,
        range: site.range,
        printer,
        observe: (kind, at, message, extra) => {
          observe(kind, at, message, extra);
        },
      },
      layout.mssql,
    );
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
      observe('tls-unresolved', atSite, {
        id: urlUnresolved ? 'tlsNotInCodeUrlFromEnvironment' : 'tlsNotInCode',
        data: { driver, secure },
      });
    } else {
      // A missing nested key (knex `connection.ssl`) points at the object it belongs in.
      const container =
        layout.fixPath && layout.fixPath.length > 1
          ? getValue(config, layout.fixPath.slice(0, -1))
          : undefined;
      observe(
        'tls-off',
        { ...atSite, range: container?.kind === 'object' ? container.range : site.range },
        { id: 'sslMissing', data: { driver, key: tlsKey, secure } },
        { fixes: fixMissing() },
      );
    }
    return result;
  }

  if (urlOverrides) return result; // pg: the URL's TLS parameters replace this option today
  // `tls: undefined`, or a branch of it, is the option unset (POLICY "Values that are not
  // literals"): where an absent key could not be judged, neither can it.
  const unsetUnresolved =
    urlDecides ||
    urlUnresolved ||
    !(config?.properties.some((p) => SITE_CONNECTION_KEYS.has(p.key)) ?? false);
  for (const alt of alternatives(tlsEntry.value, site.environment, guards)) {
    if (
      unsetUnresolved &&
      alt.value.kind === 'literal' &&
      alt.value.value === undefined &&
      !alt.value.synthetic
    )
      continue;
    const at: At = {
      range: alt.value.range,
      environment: alt.environment,
      explicit: alt.explicit,
      // An object written in an explicit branch is TLS turned on there: what it weakens counts.
      literal:
        (alt.value.kind === 'literal' && !alt.value.synthetic) || alt.value.kind === 'object',
    };
    // A schema default keeps its type (`env.bool('DATABASE_SSL', false)` → `true`).
    const secureValue = isBooleanDefault(alt.value) ? true : layout.secureValue;
    const replaceFix: FixIntent[] =
      secureValue !== undefined
        ? [
            replaceWith(
              printer,
              alt.value.range,
              secureValue,
              isBooleanDefault(alt.value)
                ? `Default ${alt.value.fromEnv!.name} to true`
                : `Set ${tlsKey} to ${MESSAGE_SPELLING.value(secureValue)}`,
            ),
          ]
        : [];
    readTlsOption(alt.value, {
      dialect: layout.tls,
      key: tlsKey,
      driver,
      secure,
      printer,
      judge(kind, message, extra = {}) {
        // In an explicit branch only literals that weaken TLS are findings (never "TLS off").
        if (alt.explicit && (kind === 'tls-off' || !at.literal)) return;
        observe(kind, at, message, { fixes: replaceFix, ...extra });
      },
    });
  }
  return result;
}

/** The boolean default of an environment read (`env.bool('X', false)`, `process.env.X || false`). */
function isBooleanDefault(value: Value): value is LiteralValue {
  return (
    value.kind === 'literal' &&
    typeof value.value === 'boolean' &&
    value.fromEnv?.how === 'fallback' &&
    !value.synthetic
  );
}

/** A literal host, not an environment read's fallback (POLICY "Loopback"). */
function literalHost(value: Value | undefined): string | undefined {
  return value?.kind === 'literal' && value.fromEnv ? undefined : stringOf(value);
}

function hasLoopbackHost(config: ObjectValue | undefined, layout: Layout): boolean {
  const host = firstSet(config, layout.hostPaths);
  const text = host ? literalHost(host.value) : undefined;
  if (text !== undefined) return isLoopbackHost(text);
  // mysql2 / mysql `socketPath` beside the host: a Unix socket never leaves the machine.
  return (
    !host &&
    (layout.hostPaths ?? []).some((p) => getProperty(config, [...p.slice(0, -1), 'socketPath']))
  );
}

/**
 * Whether a connection-shaped object that is not a known driver site points at the local
 * machine: its `host` (or `hostname`, `server`), else every host of its connection URL.
 * Undefined when it names no host at all (the caller may look further out).
 */
export function configHostIsLoopback(config: ObjectValue): boolean | undefined {
  for (const key of ['host', 'hostname', 'server']) {
    const host = literalHost(getValue(config, [key]));
    if (host !== undefined) return isLoopbackHost(host);
  }
  for (const key of ['connectionString', 'url', 'uri']) {
    const url = stringOf(getValue(config, [key]));
    const parsed = url ? parseConnectionUrl(url) : undefined;
    if (parsed && parsed.hosts.length > 0) return parsed.hosts.every(isLoopbackHost);
  }
  return undefined;
}
