/**
 * The estree front-end: one pass over a JS/TS file that finds database sites (from the
 * driver table), TLS option objects, connection strings and passwords, then runs the
 * checks. ESLint rules and the scanner both call `analyzeEstree`.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { assessSite, configHostIsLoopback } from '../../core/assess-site.js';
import { assessTlsOptions, TLS_OPTION_KEYS } from '../../core/assess-tls-options.js';
import type { PasswordCandidate } from '../../core/credentials.js';
import { DRIVER_MODULES, DRIVERS } from '../../core/drivers/table.js';
import type { CallShape, DriverRow } from '../../core/drivers/types.js';
import {
  classifyEnvironmentName,
  CONNECTION_KEYS,
  isEnvironmentKey,
  isPasswordVariable,
  PASSWORD_KEY,
} from '../../core/vocabulary.js';
import type {
  Environment,
  FileInfo,
  Finding,
  LiteralValue,
  ObjectValue,
  PolicyOptions,
  Site,
  Value,
} from '../../core/model.js';
import type { Observation } from '../../core/observations.js';
import { mayConcernDatabases } from '../../core/keywords.js';
import { commentSecrets, judgeFreeConnectionString } from '../../core/connection-strings.js';
import { runChecks } from '../../core/run-checks.js';
import { alternatives, getValue, isOffLiteral, stringOf } from '../../core/values.js';
import { bindingsOf } from './bindings.js';
import {
  bindArgumentValues,
  collectGuard,
  environmentAt,
  isEnvironmentMapValue,
  layoutFor,
  samePath,
} from './call-sites.js';
import { Evaluator } from './static-value.js';
import { staticPropertyName, unwrap, walk, type Node } from './walk.js';

export interface EstreeInput {
  program: TSESTree.Program;
  text: string;
  comments: readonly TSESTree.Comment[];
  file: FileInfo;
  options: PolicyOptions;
}

export function analyzeEstree(input: EstreeInput): Finding[] {
  if (!mayConcernDatabases(input.text, input.file.path)) return [];
  const analysis = new FileAnalysis(input);
  analysis.run();
  return runChecks(analysis.observations, analysis.passwords, {
    file: input.file,
    options: input.options,
  });
}

interface SiteInfo {
  label: string;
  environment: Environment;
}

class FileAnalysis {
  readonly observations: Observation[] = [];
  readonly passwords: PasswordCandidate[] = [];
  readonly #input: EstreeInput;
  readonly #evaluator: Evaluator;
  readonly #guards = new Map<string, boolean>();
  readonly #claimedUrls = new Set<number>();
  readonly #siteObjects = new WeakSet<object>();
  /** Objects whose `ssl`/`tls` key a driver site already judged (TypeORM's top-level `ssl` under `extra.ssl`). */
  readonly #siteTlsContainers = new WeakSet<object>();
  readonly #passwordRanges = new Set<string>();
  readonly #siteInfo = new Map<number, SiteInfo>();

  constructor(input: EstreeInput) {
    this.#input = input;
    this.#evaluator = new Evaluator(bindingsOf(input.program), input.text);
  }

  run(): void {
    const calls: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
    const objects: TSESTree.ObjectExpression[] = [];
    const strings: (TSESTree.Literal | TSESTree.TemplateLiteral)[] = [];
    const logicals: TSESTree.LogicalExpression[] = [];
    const assignments: TSESTree.AssignmentExpression[] = [];
    walk(this.#input.program, (node) => {
      switch (node.type) {
        case 'CallExpression':
        case 'NewExpression':
          calls.push(node);
          break;
        case 'ObjectExpression':
          objects.push(node);
          break;
        case 'Literal':
          if (typeof node.value === 'string' && node.value.length > 6) strings.push(node);
          break;
        case 'TemplateLiteral':
          strings.push(node);
          break;
        case 'LogicalExpression':
          logicals.push(node);
          break;
        case 'AssignmentExpression':
          assignments.push(node);
          break;
        case 'IfStatement':
          collectGuard(node, this.#evaluator, this.#guards);
          break;
      }
    });
    for (const call of calls) this.#callSite(call);
    this.#configModule();
    for (const object of objects) this.#genericObject(object);
    for (const s of strings) this.#freeUrl(s);
    for (const l of logicals) this.#envFallback(l);
    for (const a of assignments) this.#processWide(a);
    this.#comments();
  }

  // ── environments ────────────────────────────────────────────────────────────

  /** POLICY evidence 1 and 2: the innermost enclosing branch or env-map key, else the file. */
  environmentAt(node: Node, fallback: Environment = this.#input.file.environment): Environment {
    return environmentAt(node, this.#evaluator, fallback);
  }

  // ── driver sites ────────────────────────────────────────────────────────────

  #callSite(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
    const ref = this.#evaluator.bindings.moduleOf(call.callee);
    if (!ref) return;
    const row = DRIVER_MODULES.get(ref.module);
    if (!row) return;
    const shape = row.calls.find((c) => samePath(c.path, ref.path));
    if (!shape) return;
    const args = call.arguments.map((a) => (a.type === 'SpreadElement' ? undefined : a));
    // `knex(config[process.env.NODE_ENV])`: judge every entry of the env map.
    const first = args[0] ? unwrap(args[0]) : undefined;
    if (first?.type === 'MemberExpression' && first.computed) {
      const map = this.#evaluator.value(first.object);
      if (map.kind === 'object' && isEnvironmentMapValue(map)) {
        for (const p of map.properties)
          if (p.value.kind === 'object')
            this.#judge(
              row,
              shape,
              { config: p.value },
              classifyEnvironmentName(p.key),
              p.value.range,
              shape.layout,
            );
        return;
      }
    }
    const parts = bindArgumentValues(
      shape,
      args.map((a) => (a ? this.#evaluator.value(a) : undefined)),
    );
    if (!parts) return;
    // POLICY evidence 2: a TypeORM connection named `test` is a development site, unless a branch says otherwise.
    const named = row.environmentKeys
      ?.map((k) => stringOf(getValue(parts.config, k)))
      .find((n) => n !== undefined && isEnvironmentKey(n));
    const environment = this.environmentAt(
      call,
      named ? classifyEnvironmentName(named) : undefined,
    );
    this.#judge(row, shape, parts, environment, call.range, shape.layout);
    for (const [role, node] of parts.positional) {
      if (role === 'password' && node)
        this.#passwordValue(node, 'the password argument', labelOf(row), environment, false);
    }
  }

  #judge(
    row: DriverRow,
    shape: CallShape | undefined,
    parts: { config?: ObjectValue; url?: Value },
    environment: Environment,
    range: readonly [number, number],
    layoutName?: string,
  ): void {
    const layout = layoutFor(row, parts, layoutName);
    if (!layout) return;
    if (parts.config) this.#siteObjects.add(parts.config);
    for (const path of [...layout.tlsPaths, ...(layout.ignoredTlsPaths ?? [])]) {
      const container = path.length > 0 ? getValue(parts.config, path.slice(0, -1)) : undefined;
      if (container?.kind === 'object') this.#siteTlsContainers.add(container);
    }
    const site: Site = {
      driverId: row.id,
      environment,
      range,
      ...(parts.config ? { config: parts.config } : {}),
      ...(parts.url ? { url: parts.url } : {}),
      ...(shape ? {} : { exportedOnly: true }),
    };
    if (parts.config) this.#registerSiteObjects(parts.config, { label: layout.label, environment });
    const assessment = assessSite(site, layout, this.#guards);
    for (const url of assessment.claimedUrls) this.#claimedUrls.add(url.range[0]);
    this.observations.push(...assessment.observations);
    // Passwords in the site's options.
    for (const path of layout.passwordPaths ?? []) {
      const value = getValue(parts.config, path);
      if (value)
        this.#passwordValue(
          value,
          `the \`${path.join('.')}\` option`,
          layout.label,
          environment,
          assessment.loopback,
          layout.tls === 'ioredis' || layout.tls === 'node-redis' ? 'REDIS_PASSWORD' : undefined,
        );
    }
  }

  /** Objects inside a site's options take the site's driver name and environment. */
  #registerSiteObjects(value: Value, info: SiteInfo): void {
    if (value.kind === 'object') {
      if (!this.#siteInfo.has(value.range[0])) this.#siteInfo.set(value.range[0], info);
      for (const p of value.properties) this.#registerSiteObjects(p.value, info);
    } else if (value.kind === 'conditional') {
      this.#registerSiteObjects(value.consequent, info);
      this.#registerSiteObjects(value.alternate, info);
    } else if (value.kind === 'array')
      value.elements.forEach((e) => this.#registerSiteObjects(e, info));
  }

  /** knexfile, ormconfig, drizzle.config, Strapi `config/database`: the default export is the config. */
  #configModule(): void {
    const path = this.#input.file.path.replaceAll('\\', '/');
    for (const row of DRIVERS.filter((r) => r.configFiles?.some((re) => re.test(path)))) {
      const exported = this.#exportedValue();
      if (!exported) continue;
      const entries: [Value, Environment, Node | undefined][] = [];
      const value = exported.kind === 'function' && exported.returns ? exported.returns : exported;
      const list = value.kind === 'array' ? value.elements : [value];
      for (const item of list) {
        if (item.kind === 'object' && isEnvironmentMapValue(item)) {
          for (const p of item.properties)
            if (p.value.kind === 'object')
              entries.push([p.value, classifyEnvironmentName(p.key), undefined]);
        } else if (item.kind === 'object') {
          const name = stringOf(getValue(item, ['name']));
          entries.push([
            item,
            name && isEnvironmentKey(name)
              ? classifyEnvironmentName(name)
              : this.#input.file.environment,
            undefined,
          ]);
        }
      }
      for (const [config, environment] of entries) {
        if (config.kind !== 'object' || this.#siteObjects.has(config)) continue;
        this.#judge(row, undefined, { config }, environment, config.range);
      }
    }
  }

  #exportedValue(): Value | undefined {
    for (const statement of this.#input.program.body) {
      let node: Node | undefined;
      if (statement.type === 'ExportDefaultDeclaration') node = statement.declaration;
      else if (
        statement.type === 'ExpressionStatement' &&
        statement.expression.type === 'AssignmentExpression'
      ) {
        const left = statement.expression.left;
        if (
          left.type === 'MemberExpression' &&
          left.object.type === 'Identifier' &&
          left.object.name === 'module' &&
          staticPropertyName(left) === 'exports'
        )
          node = statement.expression.right;
      }
      if (!node) continue;
      const n = unwrap(node);
      // defineConfig({...}) and friends: the config is the only argument.
      if (
        n.type === 'CallExpression' &&
        n.arguments.length === 1 &&
        n.arguments[0]?.type !== 'SpreadElement'
      )
        return this.#evaluator.value(n.arguments[0]!);
      return this.#evaluator.value(n);
    }
    return undefined;
  }

  // ── generic shapes ─────────────────────────────────────────────────────────

  #genericObject(node: TSESTree.ObjectExpression): void {
    const keys = node.properties.map((p) =>
      p.type === 'Property' ? staticPropertyName(p) : undefined,
    );
    const hasTls = keys.some((k) => k !== undefined && TLS_OPTION_KEYS.has(k));
    const connectionShaped = keys.some((k) => k !== undefined && CONNECTION_KEYS.has(k));
    if (!hasTls && !connectionShaped) return;
    const value = this.#evaluator.value(node);
    if (value.kind !== 'object') return;
    const site = this.#siteInfo.get(node.range[0]);
    const environment = this.environmentAt(node, site?.environment);
    const loopback = this.#loopbackAround(node);
    if (hasTls)
      this.observations.push(
        ...assessTlsOptions(value, environment, this.#guards, {
          loopback,
          driver: site?.label ?? driverAround(keys),
        }),
      );
    if (!connectionShaped) return;
    // `ssl: false` / `tls: false` in a database config is TLS off for every driver; a
    // driver site judges its own keys by precedence (TypeORM `extra.ssl` beats `ssl`).
    for (const key of this.#siteTlsContainers.has(value) ? [] : ['ssl', 'tls']) {
      const tls = value.properties.findLast((p) => p.key === key);
      if (!tls) continue;
      for (const alt of alternatives(tls.value, environment, this.#guards)) {
        if (
          alt.explicit ||
          !isOffLiteral(alt.value) ||
          (alt.value.kind === 'literal' && alt.value.synthetic)
        )
          continue;
        this.observations.push({
          kind: 'tls-off',
          range: alt.value.range,
          environment: alt.environment,
          explicit: false,
          literal: true,
          loopback,
          driver: 'database config',
          problem: `\`${key}: ${String((alt.value as LiteralValue).value)}\` turns TLS off`,
          secure: `${key}: { rejectUnauthorized: true }`,
          fixes: [],
        });
      }
    }
    // Passwords in any connection-shaped object (not already judged as a site).
    if (this.#siteObjects.has(value)) return;
    for (const p of value.properties) {
      if (PASSWORD_KEY.test(p.key))
        this.#passwordValue(
          p.value,
          `the \`${p.key}\` option`,
          'database config',
          environment,
          loopback,
        );
    }
  }

  #loopbackAround(node: Node): boolean {
    let current: Node | undefined = node;
    for (let i = 0; current && i < 6; i++, current = current.parent) {
      if (current.type !== 'ObjectExpression') continue;
      const value = this.#evaluator.value(current);
      if (value.kind !== 'object') continue;
      const loopback = configHostIsLoopback(value);
      if (loopback !== undefined) return loopback;
    }
    return false;
  }

  #freeUrl(node: TSESTree.Literal | TSESTree.TemplateLiteral): void {
    const value = this.#evaluator.value(node);
    if (value.kind !== 'literal' || typeof value.value !== 'string') return;
    const judged = judgeFreeConnectionString(value, {
      environment: this.environmentAt(node),
      claimed: this.#claimedUrls.has(value.range[0]),
    });
    for (const password of judged.passwords) this.#addPassword(password);
    this.observations.push(...judged.observations);
  }

  #envFallback(node: TSESTree.LogicalExpression): void {
    if (node.operator !== '||' && node.operator !== '??') return;
    const name = this.#evaluator.envRead(node.left);
    if (!name || !isPasswordVariable(name)) return;
    const fallback = this.#evaluator.value(node.right);
    if (fallback.kind === 'literal' && typeof fallback.value === 'string' && !fallback.template) {
      this.#addPassword({
        secret: fallback.value,
        range: fallback.range,
        where: `the fallback of process.env.${name}`,
        driver: 'environment read',
        environment: this.environmentAt(node),
        loopback: false,
        inComment: false,
        replaceable: fallback,
        envName: name,
      });
    }
  }

  #passwordValue(
    value: Value,
    where: string,
    driver: string,
    environment: Environment,
    loopback: boolean,
    envName?: string,
  ): void {
    for (const alt of alternatives(value, environment, this.#guards)) {
      const v = alt.value;
      if (v.kind !== 'literal' || typeof v.value !== 'string' || v.template) continue;
      const fallbackOf = v.fromEnv?.how === 'fallback' ? v.fromEnv.name : undefined;
      this.#addPassword({
        secret: v.value,
        range: v.range,
        where: fallbackOf ? `the fallback of process.env.${fallbackOf}` : where,
        driver,
        environment: alt.environment,
        loopback,
        inComment: false,
        replaceable: v,
        ...(fallbackOf ? { envName: fallbackOf } : envName ? { envName } : {}),
      });
    }
  }

  #addPassword(candidate: PasswordCandidate): void {
    const key = `${candidate.range[0]}:${candidate.range[1]}`;
    if (this.#passwordRanges.has(key)) return;
    this.#passwordRanges.add(key);
    this.passwords.push(candidate);
  }

  /** `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'` and `tls.DEFAULT_MIN_VERSION = 'TLSv1'`. */
  #processWide(node: TSESTree.AssignmentExpression): void {
    const target = unwrap(node.left);
    if (target.type !== 'MemberExpression') return;
    const value = this.#evaluator.value(node.right);
    const environment = this.environmentAt(node);
    const base = {
      range: node.range,
      environment,
      explicit: false,
      literal: true,
      loopback: false,
      fixes: [],
    };
    if (this.#evaluator.envRead(target) === 'NODE_TLS_REJECT_UNAUTHORIZED') {
      for (const alt of alternatives(value, environment, this.#guards)) {
        if (alt.value.kind === 'literal' && String(alt.value.value) === '0') {
          this.observations.push({
            ...base,
            environment: alt.environment,
            kind: 'verification-disabled',
            driver: '',
            problem:
              'NODE_TLS_REJECT_UNAUTHORIZED=0 turns certificate verification off for every TLS connection of the process',
            secure: 'no NODE_TLS_REJECT_UNAUTHORIZED override (pass a `ca` for private CAs)',
          });
        }
      }
      return;
    }
    const ref = this.#evaluator.bindings.moduleOf(target);
    if (
      ref &&
      (ref.module === 'tls' || ref.module === 'node:tls') &&
      ref.path.join('.') === 'DEFAULT_MIN_VERSION'
    ) {
      const text = stringOf(value);
      if (text === 'TLSv1' || text === 'TLSv1.1') {
        this.observations.push({
          ...base,
          kind: 'weak-tls-version',
          driver: "Node's tls",
          problem: `tls.DEFAULT_MIN_VERSION = '${text}' lowers the minimum for the whole process`,
          secure: "tls.DEFAULT_MIN_VERSION = 'TLSv1.2' (the default)",
          tlsVersion: text,
        });
      }
    }
  }

  /** Real-looking secrets in comments: connection URLs and `password=` pairs. */
  #comments(): void {
    for (const comment of this.#input.comments) {
      for (const candidate of commentSecrets(
        comment.value,
        comment.range[0] + 2,
        this.#input.file.environment,
      ))
        this.#addPassword(candidate);
    }
  }
}

function labelOf(row: DriverRow): string {
  return Object.values(row.layouts)[0]?.label.replace(/ \(.*\)$/, '') ?? row.id;
}

function driverAround(keys: (string | undefined)[]): string {
  if (keys.includes('trustServerCertificate')) return 'SQL Server';
  if (
    keys.some((k) => k?.startsWith('tlsAllowInvalid') || k === 'tlsInsecure' || k === 'sslValidate')
  )
    return 'MongoDB';
  return 'TLS options';
}
