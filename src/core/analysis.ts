/**
 * The one entry the hosts call (the ESLint plugin and the scanner): a front-end's model of
 * one file — driver sites, config objects, strings, env assignments, server settings,
 * password candidates — read by the readers, then judged by the checks under POLICY, once.
 */
import { hasDatabaseEvidence, passwordCandidates, readConfigObject } from './config-objects.js';
import { judgeFreeConnectionString, type FreeUrlOptions } from './connection-strings.js';
import type { PasswordCandidate } from './credentials.js';
import { findDriver, layoutFor } from './drivers/table.js';
import type { DriverRow } from './drivers/types.js';
import {
  readEnvAssignments,
  statedByGroup,
  type EnvAssignment,
  type UrlConsumerFacts,
} from './env-settings.js';
import type { StatedEnvironment } from './environment.js';
import type { FixPrinter } from './fixes.js';
import type {
  EnvironmentScope,
  Environment,
  FileInfo,
  Finding,
  Guards,
  LiteralValue,
  ObjectValue,
  PolicyOptions,
  Range,
  Value,
} from './model.js';
import { readDjangoDatabase, type DjangoDatabase } from './readers/django.js';
import { readPythonClient, type PythonClientCall } from './readers/python-clients.js';
import { readDatasource, type Datasource } from './readers/prisma-schema.js';
import { readHbaRecords, type HbaField } from './readers/pg-hba.js';
import { readServerConfig, type ServerSetting } from './readers/pg-server.js';
import { readProcessAssignment, type ProcessAssignment } from './readers/node-process.js';
import { runChecks } from './run-checks.js';
import { configHostIsLoopback, readSite } from './sites.js';
import { getValue } from './values.js';
import type { Verdict } from './verdicts.js';

/** A driver call, or a config module's export, as the front-end found it. */
export interface SiteEntry {
  driverId: string;
  /** The layout the call shape forces (`pg.native.Pool`). */
  layoutName?: string;
  /** A knexfile / ormconfig / env-map entry that is only exported, not called. */
  exportedOnly?: boolean;
  config?: ObjectValue;
  url?: Value;
  environment: Environment;
  /** Where a missing setting is reported: the call or the config object. */
  range: Range;
  /** Password arguments (`new Sequelize(db, user, 'pw')`). */
  passwordArguments?: readonly Value[];
  /** Production guards of the files its values came from, when not the model's. */
  guards?: Guards;
  /**
   * The config object also serves other environments (one object under several env-map
   * keys): a fix there changes them all, so it is only a suggestion.
   */
  shared?: boolean;
}

/** Any object literal or mapping that may carry TLS options or name a database. */
export interface ObjectEntry {
  value: ObjectValue;
  /** The key or variable it is stored under (`db`, `dbConfig`, `ssl`), when it has one. */
  name?: string;
  /** Branch evidence at the object; without it, the enclosing site's, else the file's. */
  environment?: Environment;
  /** The objects around it, nearest first, with the keys they sit under. */
  enclosing: readonly { value: ObjectValue; name?: string }[];
}

/** A string literal that may be a connection string. */
export interface StringEntry {
  literal: LiteralValue;
  environment: Environment;
  /** The consumer to assume for it (Python: libpq-style URLs only). */
  semantics?: FreeUrlOptions['semantics'];
}

export interface EnvGroup {
  assignments: readonly EnvAssignment[];
  /** What holds them, for messages: `env file`, `docker-compose environment`. */
  label: string;
  /** The compose service (or container) this group configures, for messages. */
  service?: string;
  /**
   * Groups of one deployment (a compose file, POLICY "Environments" 3): a group that names
   * its environment (`NODE_ENV=development`) states it for all of them.
   */
  deployment?: {
    /** Host names that stay on this host (the file's services, when not a swarm stack). */
    sameHost: readonly string[];
  };
}

/** What a front-end found in one file: syntax lowered into the model, nothing judged. */
export interface FileModel {
  sites?: readonly SiteEntry[];
  objects?: readonly ObjectEntry[];
  strings?: readonly StringEntry[];
  envGroups?: readonly EnvGroup[];
  processAssignments?: readonly Omit<ProcessAssignment, 'guards' | 'minimumTlsVersion'>[];
  serverConfig?: { settings: readonly ServerSetting[]; mainFile: boolean; start: Range };
  hbaRecords?: readonly HbaField[][];
  datasources?: readonly Datasource[];
  /** The entries of a Django settings module's DATABASES. */
  djangoDatabases?: readonly DjangoDatabase[];
  /** Python database clients: psycopg, SQLAlchemy, redis-py calls and TLS-key dicts. */
  pythonClients?: readonly PythonClientCall[];
  /** Candidates the lowering alone finds: environment fallbacks, comments, Python assignments. */
  passwords?: readonly PasswordCandidate[];
  /** Production guards: predicate → the value it must have in production. */
  guards?: Guards;
  /** A password literal may be replaced by an environment read (JS: a suggestion). */
  replaceablePasswords?: boolean;
  /** Where the syntax states an environment, and how: messages name the evidence. */
  environmentScopes?: readonly EnvironmentScope[];
}

/** What reading a model needs to know about the file and the project. */
export interface ReadingContext {
  /** The file's environment (POLICY evidence from its path), where no other evidence speaks. */
  environment: Environment;
  options: PolicyOptions;
  /** Which consumer reads the connection string in each variable (the scanner's first pass). */
  project: UrlConsumerFacts;
  /** Spells fix values in the file's syntax. */
  printer: FixPrinter;
}

/** What the readers said about a model: verdicts and password candidates, not yet judged. */
export interface Reading {
  verdicts: Verdict[];
  passwords: PasswordCandidate[];
  /** Literal URLs a driver site judged with its consumer's semantics. */
  claimedUrls: Range[];
}

export interface AnalysisContext {
  file: FileInfo;
  options: PolicyOptions;
  project: UrlConsumerFacts;
  printer: FixPrinter;
}

export interface Analysis {
  findings: Finding[];
  /** Literal URLs a driver site judged with its consumer's semantics. */
  claimedUrls: Range[];
}

/** Reads a model and judges it: what a host calls once per file. */
export function analyzeModel(model: FileModel, context: AnalysisContext): Analysis {
  const reading = readModel(model, { ...context, environment: context.file.environment });
  const scopes = model.environmentScopes;
  return {
    findings: judgeReading(reading, scopes ? { ...context, scopes } : context),
    claimedUrls: reading.claimedUrls,
  };
}

/** POLICY over what the readers said: filters, one finding per rule and place, fix rules. */
export function judgeReading(
  reading: Pick<Reading, 'verdicts' | 'passwords'>,
  context: Pick<AnalysisContext, 'file' | 'options' | 'printer'> & {
    scopes?: readonly EnvironmentScope[];
  },
): Finding[] {
  return runChecks(reading.verdicts, reading.passwords, context);
}

const NO_GUARDS: Guards = new Map();

/**
 * POLICY "Environments" 3: a compose file is one deployment, and a service that names its
 * environment names it for the file. Production wins when services disagree.
 */
function deploymentEnvironment(groups: readonly EnvGroup[]): StatedEnvironment | undefined {
  let found: StatedEnvironment | undefined;
  for (const group of groups) {
    if (!group.deployment) continue;
    const own = statedByGroup(group.assignments);
    if (!own) continue;
    const because = `${own.because} in ${group.service ? `service \`${group.service}\`` : 'a service'} of this file`;
    if (!found || (found.environment === 'development' && own.environment === 'production'))
      found = { environment: own.environment, because };
  }
  return found;
}

/** True when a model holds nothing to read (most files of a project). */
export function isEmptyModel(model: FileModel): boolean {
  return (
    !model.sites?.length &&
    !model.objects?.length &&
    !model.strings?.length &&
    !model.envGroups?.length &&
    !model.processAssignments?.length &&
    !model.serverConfig &&
    !model.hbaRecords?.length &&
    !model.datasources?.length &&
    !model.djangoDatabases?.length &&
    !model.pythonClients?.length &&
    !model.passwords?.length
  );
}

export function readModel(model: FileModel, context: ReadingContext): Reading {
  const guards = model.guards ?? NO_GUARDS;
  const { printer } = context;
  const minimumTlsVersion = context.options.minimumTlsVersion;
  const verdicts: Verdict[] = [];
  const passwords = new PasswordSet();
  const claimed = new Set<number>();
  const claimedUrls: Range[] = [];
  /** Objects inside a site's options: the site's driver name and environment. */
  const inSite = new Map<number, { label: string; environment: Environment }>();
  const siteConfigs = new Set<number>();
  const calledConfigs = new Set<number>();
  /** Objects whose `ssl` / `tls` a site judged by its driver's precedence. */
  const tlsJudged = new Set<number>();

  // Driver sites: calls first, then config modules' exports not already called.
  const sites = [...(model.sites ?? [])].sort(
    (a, b) => Number(a.exportedOnly ?? false) - Number(b.exportedOnly ?? false),
  );
  /** Exported configs judged, per environment: one object may serve several env-map keys. */
  const exportedConfigs = new Map<ObjectValue, Set<Environment>>();
  for (const entry of sites) {
    if (entry.exportedOnly && entry.config) {
      // A config a driver call consumes is judged there; an exported one once per environment.
      const judged = exportedConfigs.get(entry.config) ?? new Set<Environment>();
      if (calledConfigs.has(entry.config.range[0]) || judged.has(entry.environment)) continue;
      exportedConfigs.set(entry.config, judged.add(entry.environment));
    } else if (entry.config) calledConfigs.add(entry.config.range[0]);
    const row = findDriver(entry.driverId);
    if (!row) continue;
    const layout = layoutFor(row, entry, entry.layoutName);
    for (const value of entry.passwordArguments ?? [])
      passwords.add(
        passwordCandidates(value, {
          holder: { kind: 'argument' },
          driver: rowLabel(row),
          environment: entry.environment,
          guards,
          loopback: false,
          replaceable: model.replaceablePasswords === true,
        }),
      );
    if (!layout) continue;
    const { config, environment } = entry;
    if (config) {
      siteConfigs.add(config.range[0]);
      register(config, { label: layout.label, environment }, inSite);
    }
    for (const path of [...layout.tlsPaths, ...(layout.ignoredTlsPaths ?? [])]) {
      const container = path.length > 0 ? getValue(config, path.slice(0, -1)) : undefined;
      if (container?.kind === 'object') tlsJudged.add(container.range[0]);
    }
    const reading = readSite(
      {
        driverId: row.id,
        environment,
        range: entry.range,
        ...(config ? { config } : {}),
        ...(entry.url ? { url: entry.url } : {}),
        ...(entry.exportedOnly ? { exportedOnly: true } : {}),
      },
      layout,
      entry.guards ?? guards,
      printer,
    );
    for (const url of reading.claimedUrls) {
      claimed.add(url.range[0]);
      claimedUrls.push(url.range);
    }
    verdicts.push(
      ...(entry.shared
        ? reading.verdicts.map((v) => ({
            ...v,
            fixes: v.fixes.map((f) => ({ ...f, safe: false })),
          }))
        : reading.verdicts),
    );
    const redis = layout.tls === 'ioredis' || layout.tls === 'node-redis';
    const found = (value: Value, holder: PasswordCandidate['holder']) =>
      passwordCandidates(value, {
        holder,
        driver: layout.label,
        environment,
        guards,
        loopback: reading.loopback,
        replaceable: model.replaceablePasswords === true,
        ...(redis ? { envName: 'REDIS_PASSWORD' } : {}),
      });
    for (const path of layout.passwordPaths ?? []) {
      const value = getValue(config, path);
      if (value) passwords.add(found(value, { kind: 'option', key: path.join('.') }));
    }
  }

  // Every other object: Node's TLS options anywhere, `ssl: false` and passwords in configs.
  for (const entry of model.objects ?? []) {
    const start = entry.value.range[0];
    const site = inSite.get(start);
    const reading = readConfigObject(entry.value, {
      environment: entry.environment ?? site?.environment ?? context.environment,
      guards,
      loopback: isLoopback(entry),
      ...(site ? { driver: site.label } : {}),
      database: site !== undefined || hasDatabaseEvidenceAround(entry),
      tlsJudged: tlsJudged.has(start),
      passwordsJudged: siteConfigs.has(start),
      replaceablePasswords: model.replaceablePasswords === true,
      minimumTlsVersion,
      printer,
    });
    verdicts.push(...reading.verdicts);
    passwords.add(reading.passwords);
  }

  // Django databases: their URLs are judged with the consumer's semantics, as a site's are.
  for (const database of model.djangoDatabases ?? []) {
    const reading = readDjangoDatabase(database, { printer, minimumTlsVersion });
    verdicts.push(...reading.verdicts);
    passwords.add(reading.passwords);
    if (reading.claimedUrl) {
      claimed.add(reading.claimedUrl.range[0]);
      claimedUrls.push(reading.claimedUrl.range);
    }
  }

  // A value a Django database judged (an OPTIONS dict bound to a name) is judged once, there.
  const judgedValues = new Set(verdicts.map((v) => v.range[0]));
  for (const call of model.pythonClients ?? []) {
    const reading = readPythonClient(call, { printer, minimumTlsVersion });
    verdicts.push(...reading.verdicts.filter((v) => !judgedValues.has(v.range[0])));
    passwords.add(reading.passwords);
    for (const url of reading.claimedUrls) {
      claimed.add(url.range[0]);
      claimedUrls.push(url.range);
    }
  }

  // Strings: connection strings' credentials, and their TLS unless a site judged them.
  for (const entry of model.strings ?? []) {
    const judged = judgeFreeConnectionString(entry.literal, {
      environment: entry.environment,
      claimed: claimed.has(entry.literal.range[0]),
      ...(entry.semantics ? { semantics: entry.semantics } : {}),
    });
    passwords.add(judged.passwords);
    verdicts.push(...judged.verdicts);
  }

  const deployment = deploymentEnvironment(model.envGroups ?? []);
  for (const group of model.envGroups ?? []) {
    const reading = readEnvAssignments(group.assignments, {
      environment: context.environment,
      project: context.project,
      fileLabel: group.service ? `compose service \`${group.service}\`` : group.label,
      minimumTlsVersion,
      ...(group.deployment
        ? { deployment: { stated: deployment, sameHost: group.deployment.sameHost } }
        : {}),
    });
    verdicts.push(...reading.verdicts);
    passwords.add(reading.passwords);
  }
  for (const assignment of model.processAssignments ?? [])
    verdicts.push(...readProcessAssignment({ ...assignment, guards, minimumTlsVersion }));
  if (model.serverConfig) {
    const reading = readServerConfig({
      ...model.serverConfig,
      environment: context.environment,
      minimumTlsVersion,
    });
    verdicts.push(...reading.verdicts);
    passwords.add(reading.passwords);
  }
  if (model.hbaRecords) verdicts.push(...readHbaRecords(model.hbaRecords, context.environment));
  for (const datasource of model.datasources ?? []) {
    const reading = readDatasource(datasource);
    verdicts.push(...reading.verdicts);
    passwords.add(reading.passwords);
  }
  passwords.add(model.passwords ?? []);
  return { verdicts, passwords: passwords.list, claimedUrls };
}

/** Password candidates, one per place (the first source that names it wins). */
class PasswordSet {
  readonly list: PasswordCandidate[] = [];
  readonly #seen = new Set<string>();

  add(candidates: readonly PasswordCandidate[]): void {
    for (const c of candidates) {
      const key = `${c.range[0]}:${c.range[1]}`;
      if (this.#seen.has(key)) continue;
      this.#seen.add(key);
      this.list.push(c);
    }
  }
}

/** Records every object inside a site's options (the outermost site wins). */
function register(
  value: Value,
  info: { label: string; environment: Environment },
  into: Map<number, { label: string; environment: Environment }>,
): void {
  if (value.kind === 'object') {
    if (!into.has(value.range[0])) into.set(value.range[0], info);
    for (const p of value.properties) register(p.value, info, into);
  } else if (value.kind === 'conditional') {
    register(value.consequent, info, into);
    register(value.alternate, info, into);
  } else if (value.kind === 'array') for (const e of value.elements) register(e, info, into);
}

/** The nearest object, the entry's own first, whose host says where it connects. */
function isLoopback(entry: ObjectEntry): boolean {
  for (const object of [entry.value, ...entry.enclosing.map((e) => e.value)]) {
    const loopback = configHostIsLoopback(object);
    if (loopback !== undefined) return loopback;
  }
  return false;
}

/**
 * Whether an object, or one of the few objects around it, shows it configures a database
 * (POLICY: a bare `{ user, password }`, an SMTP transport's `tls` are not database configs).
 */
function hasDatabaseEvidenceAround(entry: ObjectEntry): boolean {
  const objects = [{ value: entry.value, name: entry.name }, ...entry.enclosing.slice(0, 3)];
  // kafkajs and amqplib spell their TLS option `ssl` too: beside their own keys, only a
  // database key (not the name `ssl`) shows a database.
  if (objects.some((o) => o.value.properties.some((p) => OTHER_CLIENT_KEYS.has(p.key))))
    return objects.some((o) => hasDatabaseEvidence(o.value));
  return objects.some((o) => hasDatabaseEvidence(o.value, o.name));
}

/** Keys only message brokers' clients have (kafkajs, amqplib). */
const OTHER_CLIENT_KEYS: ReadonlySet<string> = new Set([
  'brokers',
  'sasl',
  'clientId',
  'groupId',
  'vhost',
  'frameMax',
]);

/** A driver's name without a dialect (`Sequelize`, not `Sequelize (postgres)`). */
function rowLabel(row: DriverRow): string {
  return Object.values(row.layouts)[0]?.label.replace(/ \(.*\)$/, '') ?? row.id;
}
