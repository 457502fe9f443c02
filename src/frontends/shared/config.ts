/**
 * Config helpers shared by the JSON and YAML front-ends (moved verbatim from the JSON
 * front-end, so that neither front-end imports the other): a config entry of a known driver
 * judged by its layout, the generic pass over any config tree (TLS options, `ssl: false` in
 * connection-shaped objects, passwords, connection strings), and the finishing of their
 * observations per syntax.
 */
import { isConfigObject, passwordCandidates, readConfigObject } from '../../core/config-objects.js';
import { judgeFreeConnectionString } from '../../core/connection-strings.js';
import { parseConnectionUrl } from '../../core/connection-url.js';
import type { PasswordCandidate } from '../../core/credentials.js';
import { findDriver } from '../../core/drivers/table.js';
import type { DriverRow, Layout } from '../../core/drivers/types.js';
import type { Environment, LiteralValue, ObjectValue, Site, Value } from '../../core/model.js';
import { configHostIsLoopback, readSite } from '../../core/sites.js';
import { getValue, stringOf } from '../../core/values.js';
import type { Verdict } from '../../core/verdicts.js';
import { isEnvironmentKey, type TlsVersion } from '../../core/vocabulary.js';

export interface Sink {
  verdicts: Verdict[];
  passwords: PasswordCandidate[];
  /** Literal URLs a site judged: the generic pass does not judge them again. */
  claimed: Set<number>;
  /** The project's minimum TLS version, for the secure value fixes write. */
  minimumTlsVersion: TlsVersion;
}

export function newSink(minimumTlsVersion: TlsVersion): Sink {
  return { verdicts: [], passwords: [], claimed: new Set(), minimumTlsVersion };
}

/** True when every key is an environment name (development/test/production) holding an object. */
export function isEnvironmentMapValue(
  value: ObjectValue,
  extraKeys: ReadonlySet<string> = new Set(),
): boolean {
  const entries = value.properties.filter((p) => !extraKeys.has(p.key));
  return (
    entries.length > 0 && entries.every((p) => isEnvironmentKey(p.key) && p.value.kind === 'object')
  );
}

function layoutFor(row: DriverRow, config: ObjectValue): Layout | undefined {
  if (row.layouts['*']) return row.layouts['*'];
  for (const key of row.dialectKeys ?? []) {
    const dialect = stringOf(getValue(config, key));
    if (dialect !== undefined) return row.layouts[dialect];
  }
  const urlText = stringOf(getValue(config, ['url']));
  const family = urlText ? parseConnectionUrl(urlText)?.family : undefined;
  if (family === 'postgres') return row.layouts['postgres'] ?? row.layouts['pg'];
  if (family === 'mysql') return row.layouts['mysql'] ?? row.layouts['mysql2'];
  if (family === 'mssql') return row.layouts['mssql'];
  return row.defaultLayout ? row.layouts[row.defaultLayout] : undefined;
}

/**
 * One config entry of a known driver (a sequelize-cli environment, a TypeORM connection):
 * judged by the driver's layout, then the generic pass for TLS options and passwords.
 */
export function assessConfigEntry(
  driverId: string,
  config: ObjectValue,
  environment: Environment,
  sink: Sink,
  url?: Value,
): void {
  const row = findDriver(driverId);
  const layout = row ? layoutFor(row, config) : undefined;
  let loopback = false;
  const judged = new Set<ObjectValue>();
  if (row && layout) {
    const site: Site = {
      driverId,
      environment,
      range: config.range,
      config,
      exportedOnly: true,
      ...(url ? { url } : {}),
    };
    const assessment = readSite(site, layout, new Map());
    loopback = assessment.loopback;
    for (const u of assessment.claimedUrls) sink.claimed.add(u.range[0]);
    sink.verdicts.push(...assessment.verdicts);
    for (const path of layout.passwordPaths ?? []) {
      const value = getValue(config, path);
      if (!value) continue;
      const candidates = passwordCandidates(value, {
        holder: { kind: 'option', key: path.join('.') },
        driver: layout.label,
        environment,
        guards: new Map(),
        loopback,
        replaceable: false,
      });
      for (const c of candidates) addPassword(sink, c);
    }
    // Objects whose `ssl` the site judged by the driver's precedence.
    for (const path of [...layout.tlsPaths, ...(layout.ignoredTlsPaths ?? [])]) {
      const container = getValue(config, path.slice(0, -1));
      if (container?.kind === 'object') judged.add(container);
    }
    judged.add(config);
  }
  assessGenericConfig(config, environment, sink, {
    loopback,
    judged,
    label: layout?.label ?? 'database config',
  });
}

/**
 * Every object in a config tree: TLS options (`rejectUnauthorized: false`, weak versions),
 * `ssl: false` in connection-shaped objects, passwords, and connection strings.
 */
export function assessGenericConfig(
  root: Value,
  environment: Environment,
  sink: Sink,
  context: { loopback?: boolean; judged?: ReadonlySet<ObjectValue>; label?: string } = {},
): void {
  const seen = new Set<Value>();
  const visit = (value: Value, loopbackAbove: boolean, depth: number): void => {
    if (seen.has(value) || depth > 64) return;
    seen.add(value);
    if (value.kind === 'array') {
      for (const e of value.elements) visit(e, loopbackAbove, depth + 1);
      return;
    }
    if (value.kind === 'literal') {
      freeUrl(value, environment, sink);
      return;
    }
    if (value.kind !== 'object') return;
    const loopback =
      loopbackAbove || context.loopback === true || configHostIsLoopback(value) === true;
    if (isConfigObject(value)) {
      const judged = context.judged?.has(value) === true;
      const reading = readConfigObject(value, {
        environment,
        guards: new Map(),
        loopback,
        ...(context.label ? { driver: context.label } : {}),
        tlsJudged: judged,
        passwordsJudged: judged,
        replaceablePasswords: false,
        minimumTlsVersion: sink.minimumTlsVersion,
      });
      sink.verdicts.push(...reading.verdicts);
      for (const c of reading.passwords) addPassword(sink, c);
    }
    for (const p of value.properties) visit(p.value, loopback, depth + 1);
  };
  visit(root, false, 0);
}

function addPassword(sink: Sink, candidate: PasswordCandidate): void {
  const [start, end] = candidate.range;
  if (!sink.passwords.some((p) => p.range[0] === start && p.range[1] === end))
    sink.passwords.push(candidate);
}

/** A string that is a connection string: its credentials, and its TLS when no site judged it. */
function freeUrl(value: LiteralValue, environment: Environment, sink: Sink): void {
  if (typeof value.value !== 'string' || !value.value.includes('://')) return;
  const judged = judgeFreeConnectionString(value, {
    environment,
    claimed: sink.claimed.has(value.range[0]),
  });
  for (const password of judged.passwords) addPassword(sink, password);
  sink.verdicts.push(...judged.verdicts);
}

/** JSON needs JSON, not JS object syntax, in the fixes the core wrote. */
export function finishObservations(verdicts: Verdict[], syntax: 'json' | 'yaml'): Verdict[] {
  if (syntax === 'json') {
    for (const v of verdicts)
      v.fixes = v.fixes.map((f) => ({
        ...f,
        edits: f.edits.map((e) => ({ ...e, text: jsToJson(e.text) })),
      }));
  }
  return verdicts;
}

/** `{ rejectUnauthorized: true }` → `{ "rejectUnauthorized": true }`, `'TLSv1.2'` → `"TLSv1.2"`. */
function jsToJson(text: string): string {
  if (!/[{']/.test(text)) return text;
  return text
    .replace(/'([^'"\\]*)'/g, '"$1"')
    .replace(/([{,]\s*)([A-Za-z_$][\w$]*)\s*:/g, '$1"$2":');
}

/** One environment of a sequelize-cli / knex-style map: the driver from its keys. */
export function assessEnvironmentEntry(
  entry: ObjectValue,
  environment: Environment,
  sink: Sink,
  sequelize: boolean,
): void {
  const useEnv = stringOf(getValue(entry, ['use_env_variable']));
  const url: Value | undefined = useEnv
    ? { kind: 'env', name: useEnv, range: getValue(entry, ['use_env_variable'])!.range }
    : undefined;
  if (sequelize || getValue(entry, ['dialect']))
    return assessConfigEntry('sequelize', entry, environment, sink, url);
  if (getValue(entry, ['client'])) return assessConfigEntry('knex', entry, environment, sink);
  assessGenericConfig(entry, environment, sink);
}
