/**
 * The JSON front-end: sequelize-cli `config/config.json` (an environment map), TypeORM
 * `ormconfig.json` (one connection or an array of named ones), and connection-shaped
 * objects in other `config/*.json` files (node-config's `config/production.json`).
 *
 * Positions come from jsonc-parser's `parseTree` (offsets for every node); the tree is
 * lowered into the model's ObjectValues and judged with the driver table's layouts through
 * `assessSite`, exactly like a JS config module. Also exports the config helpers the YAML
 * front-end shares (`assessConfigEntry`, `assessGenericConfig`).
 */
import {
  parseTree,
  printParseErrorCode,
  type Node as JsonNode,
  type ParseError,
} from 'jsonc-parser';
import { assessSite, configHostIsLoopback } from '../../core/assess-site.js';
import { assessTlsOptions, TLS_OPTION_KEYS } from '../../core/assess-tls-options.js';
import { judgeFreeConnectionString } from '../../core/connection-strings.js';
import { parseConnectionUrl } from '../../core/connection-url.js';
import type { PasswordCandidate } from '../../core/credentials.js';
import { findDriver } from '../../core/drivers/table.js';
import type { DriverRow, Layout } from '../../core/drivers/types.js';
import {
  classifyEnvironmentName,
  CONNECTION_KEYS,
  isEnvironmentKey,
  PASSWORD_KEY,
} from '../../core/vocabulary.js';
import type {
  Environment,
  LiteralValue,
  ObjectValue,
  Property,
  Site,
  Value,
} from '../../core/model.js';
import type { Observation } from '../../core/observations.js';
import { runChecks } from '../../core/run-checks.js';
import { getValue, isOffLiteral, stringOf } from '../../core/values.js';
import type { Frontend, FrontendOutput, ProjectFacts, SourceFile } from '../../scanner/types.js';

// ── shared config helpers (JSON and YAML) ─────────────────────────────────────

export interface Sink {
  observations: Observation[];
  passwords: PasswordCandidate[];
  /** Literal URLs a site judged: the generic pass does not judge them again. */
  claimed: Set<number>;
}

export function newSink(): Sink {
  return { observations: [], passwords: [], claimed: new Set() };
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
    const assessment = assessSite(site, layout, new Map());
    loopback = assessment.loopback;
    for (const u of assessment.claimedUrls) sink.claimed.add(u.range[0]);
    sink.observations.push(...assessment.observations);
    for (const path of layout.passwordPaths ?? []) {
      const value = getValue(config, path);
      if (value)
        passwordValue(
          sink,
          value,
          `the \`${path.join('.')}\` option`,
          layout.label,
          environment,
          loopback,
        );
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
    const keys = value.properties.map((p) => p.key);
    const loopback =
      loopbackAbove || context.loopback === true || configHostIsLoopback(value) === true;
    if (keys.some((k) => TLS_OPTION_KEYS.has(k))) {
      sink.observations.push(
        ...assessTlsOptions(value, environment, new Map(), {
          loopback,
          driver: context.label ?? 'TLS options',
        }),
      );
    }
    const connectionShaped = keys.some((k) => CONNECTION_KEYS.has(k));
    if (connectionShaped && !context.judged?.has(value)) {
      for (const key of ['ssl', 'tls']) {
        const tls = value.properties.findLast((p) => p.key === key);
        if (!tls || !isOffLiteral(tls.value)) continue;
        sink.observations.push({
          kind: 'tls-off',
          range: tls.value.range,
          environment,
          explicit: false,
          literal: true,
          loopback,
          driver: 'database config',
          problem: `\`${key}: ${String((tls.value as LiteralValue).value)}\` turns TLS off`,
          secure: `${key}: { rejectUnauthorized: true }`,
          fixes: [],
        });
      }
      for (const p of value.properties) {
        if (PASSWORD_KEY.test(p.key))
          passwordValue(
            sink,
            p.value,
            `the \`${p.key}\` option`,
            'database config',
            environment,
            loopback,
          );
      }
    }
    for (const p of value.properties) visit(p.value, loopback, depth + 1);
  };
  visit(root, false, 0);
}

function passwordValue(
  sink: Sink,
  value: Value,
  where: string,
  driver: string,
  environment: Environment,
  loopback: boolean,
): void {
  if (value.kind !== 'literal' || typeof value.value !== 'string') return;
  if (sink.passwords.some((p) => p.range[0] === value.range[0] && p.range[1] === value.range[1]))
    return;
  sink.passwords.push({
    secret: value.value,
    range: value.range,
    where,
    driver,
    environment,
    loopback,
    inComment: false,
  });
}

/** A string that is a connection string: its credentials, and its TLS when no site judged it. */
function freeUrl(value: LiteralValue, environment: Environment, sink: Sink): void {
  if (typeof value.value !== 'string' || !value.value.includes('://')) return;
  const judged = judgeFreeConnectionString(value, {
    environment,
    claimed: sink.claimed.has(value.range[0]),
  });
  for (const password of judged.passwords) {
    if (
      !sink.passwords.some(
        (p) => p.range[0] === password.range[0] && p.range[1] === password.range[1],
      )
    )
      sink.passwords.push(password);
  }
  sink.observations.push(...judged.observations);
}

/** POLICY "Fixes": no fix on a development site; and JSON needs JSON, not JS object syntax. */
export function finishObservations(
  observations: Observation[],
  syntax: 'json' | 'yaml',
): Observation[] {
  for (const o of observations) {
    if (o.environment === 'development') {
      o.fixes = [];
      continue;
    }
    if (syntax === 'json') {
      o.fixes = o.fixes.map((f) => ({
        ...f,
        edits: f.edits.map((e) => ({ ...e, text: jsToJson(e.text) })),
      }));
    }
  }
  return observations;
}

/** `{ rejectUnauthorized: true }` → `{ "rejectUnauthorized": true }`, `'TLSv1.2'` → `"TLSv1.2"`. */
function jsToJson(text: string): string {
  if (!/[{']/.test(text)) return text;
  return text
    .replace(/'([^'"\\]*)'/g, '"$1"')
    .replace(/([{,]\s*)([A-Za-z_$][\w$]*)\s*:/g, '$1"$2":');
}

// ── JSON lowering ─────────────────────────────────────────────────────────────

/** jsonc-parser node → model Value, with exact ranges. */
export function jsonToValue(node: JsonNode, text: string): Value {
  const range: [number, number] = [node.offset, node.offset + node.length];
  switch (node.type) {
    case 'object': {
      const properties: Property[] = [];
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        if (!k || !v || typeof k.value !== 'string') continue;
        properties.push({
          key: k.value,
          keyRange: [k.offset, k.offset + k.length],
          value: jsonToValue(v, text),
          range: [p.offset, p.offset + p.length],
        });
      }
      return { kind: 'object', properties, open: false, range };
    }
    case 'array':
      return {
        kind: 'array',
        elements: (node.children ?? []).map((c) => jsonToValue(c, text)),
        range,
      };
    case 'string': {
      const value = node.value as string;
      const contentStart = node.offset + 1;
      // Verbatim when no escape changed the characters.
      const verbatim =
        node.length === value.length + 2 &&
        text.slice(contentStart, contentStart + value.length) === value;
      return { kind: 'literal', value, range, contentStart, verbatim };
    }
    case 'number':
    case 'boolean':
    case 'null':
      return { kind: 'literal', value: node.value as number | boolean | null, range };
    default:
      return { kind: 'unknown', range };
  }
}

function parseJson(source: SourceFile): { tree?: JsonNode; error?: string } {
  const errors: ParseError[] = [];
  const tree = parseTree(source.text, errors, {
    allowTrailingComma: true,
    disallowComments: false,
  });
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    const where = first ? ` at ${lineColumn(source.text, first.offset)}` : '';
    return {
      error: `Invalid JSON${where}: ${first ? printParseErrorCode(first.error) : 'empty document'}`,
    };
  }
  return { tree };
}

function lineColumn(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return `line ${line}, column ${offset - last}`;
}

const BASENAME = (path: string) => path.replaceAll('\\', '/').split('/').at(-1) ?? '';

function isOrmconfig(path: string): boolean {
  return /^ormconfig\.json$/i.test(BASENAME(path));
}

function isSequelizeConfig(path: string): boolean {
  return /(?:^|\/)config\/config\.json$/.test(path.replaceAll('\\', '/'));
}

/** The JSON files this front-end reads. */
export function isDatabaseJson(relativePath: string): boolean {
  if (!/\.json$/i.test(relativePath)) return false; // cheap rejection: runs for every discovered file
  const path = relativePath.replaceAll('\\', '/');
  if (isOrmconfig(path)) return true;
  if (/(?:^|\/)node_modules\//.test(path)) return false;
  // sequelize-cli, node-config (`config/production.json`), db-migrate `database.json`.
  return /(?:^|\/)config\/[^/]+\.json$/i.test(path) || /^database\.json$/i.test(BASENAME(path));
}

const SEQUELIZE_SEMANTICS: Record<string, 'pg' | 'mysql2' | 'mssql'> = {
  postgres: 'pg',
  mysql: 'mysql2',
  mariadb: 'mysql2',
  mssql: 'mssql',
};

export const jsonFrontend: Frontend = {
  name: 'json',
  commentToken: null,
  matches: isDatabaseJson,
  collectFacts(source: SourceFile, facts: ProjectFacts): void {
    // sequelize-cli `use_env_variable: "DATABASE_URL"`: the models read that URL with
    // `new Sequelize(url, config)`, so its dialect decides how the URL is read.
    if (!isSequelizeConfig(source.relativePath) || !source.text.includes('use_env_variable'))
      return;
    const { tree } = parseJson(source);
    if (!tree) return;
    const root = jsonToValue(tree, source.text);
    if (root.kind !== 'object') return;
    const entries = isEnvironmentMapValue(root) ? root.properties.map((p) => p.value) : [root];
    for (const entry of entries) {
      const name = stringOf(getValue(entry, ['use_env_variable']));
      const dialect = stringOf(getValue(entry, ['dialect'])) ?? 'postgres';
      const semantics = SEQUELIZE_SEMANTICS[dialect];
      if (!name || !semantics || facts.urlConsumers.has(name)) continue;
      facts.urlConsumers.set(name, { semantics, driver: `Sequelize (${dialect})` });
    }
  },
  analyze(source, context): FrontendOutput {
    try {
      const { tree, error } = parseJson(source);
      if (!tree)
        return {
          findings: [],
          diagnostics: [{ file: source.relativePath, message: error ?? 'Invalid JSON' }],
        };
      const root = jsonToValue(tree, source.text);
      const sink = newSink();
      const fileEnvironment = context.file.environment;
      if (isOrmconfig(source.relativePath)) {
        for (const item of root.kind === 'array' ? root.elements : [root]) {
          if (item.kind !== 'object') continue;
          const name = stringOf(getValue(item, ['name']));
          const environment =
            name && isEnvironmentKey(name) ? classifyEnvironmentName(name) : fileEnvironment;
          assessConfigEntry('typeorm', item, environment, sink);
        }
      } else if (root.kind === 'object' && isEnvironmentMapValue(root)) {
        // sequelize-cli config.json and any other environment map of connection configs.
        for (const p of root.properties) {
          if (p.value.kind !== 'object') continue;
          assessEnvironmentEntry(
            p.value,
            classifyEnvironmentName(p.key),
            sink,
            isSequelizeConfig(source.relativePath),
          );
        }
      } else if (
        root.kind === 'object' &&
        isSequelizeConfig(source.relativePath) &&
        getValue(root, ['dialect'])
      ) {
        assessEnvironmentEntry(root, fileEnvironment, sink, true);
      } else {
        assessGenericConfig(root, fileEnvironment, sink);
      }
      const observations = finishObservations(sink.observations, 'json');
      return {
        findings: runChecks(observations, sink.passwords, {
          file: context.file,
          options: context.options,
        }),
        diagnostics: [],
      };
    } catch (error) {
      return {
        findings: [],
        diagnostics: [
          {
            file: source.relativePath,
            message: `Internal error while reading the JSON file: ${(error as Error).name}`,
          },
        ],
      };
    }
  },
};

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
