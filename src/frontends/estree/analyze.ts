/**
 * The estree front-end: one pass over a JS/TS file that finds database sites (from the
 * driver table), TLS option objects, connection strings and passwords, then runs the
 * checks. ESLint rules and the scanner both call `analyzeEstree`.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { passwordCandidates, readConfigObject } from '../../core/config-objects.js';
import type { PasswordCandidate, PasswordHolder } from '../../core/credentials.js';
import { DRIVER_MODULES, DRIVERS } from '../../core/drivers/table.js';
import type { CallShape, DriverRow } from '../../core/drivers/types.js';
import { readProcessAssignment } from '../../core/readers/node-process.js';
import { TLS_OPTION_KEYS } from '../../core/readers/node-tls.js';
import { configHostIsLoopback, readSite } from '../../core/sites.js';
import type { Verdict } from '../../core/verdicts.js';
import {
  classifyEnvironmentName,
  CONNECTION_KEYS,
  isEnvironmentKey,
  isPasswordVariable,
} from '../../core/vocabulary.js';
import type {
  Environment,
  FileInfo,
  Finding,
  ObjectValue,
  PolicyOptions,
  Site,
  Value,
} from '../../core/model.js';
import { mayConcernDatabases } from '../../core/keywords.js';
import { commentSecrets, judgeFreeConnectionString } from '../../core/connection-strings.js';
import { runChecks } from '../../core/run-checks.js';
import { getValue, stringOf } from '../../core/values.js';
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
  return runChecks(analysis.verdicts, analysis.passwords, {
    file: input.file,
    options: input.options,
  });
}

interface SiteInfo {
  label: string;
  environment: Environment;
}

class FileAnalysis {
  readonly verdicts: Verdict[] = [];
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
        this.#passwordValue(node, { kind: 'argument' }, labelOf(row), environment, false);
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
    const assessment = readSite(site, layout, this.#guards);
    for (const url of assessment.claimedUrls) this.#claimedUrls.add(url.range[0]);
    this.verdicts.push(...assessment.verdicts);
    // Passwords in the site's options.
    for (const path of layout.passwordPaths ?? []) {
      const value = getValue(parts.config, path);
      if (value)
        this.#passwordValue(
          value,
          { kind: 'option', key: path.join('.') },
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
    const reading = readConfigObject(value, {
      environment: this.environmentAt(node, site?.environment),
      guards: this.#guards,
      loopback: this.#loopbackAround(node),
      ...(site ? { driver: site.label } : {}),
      tlsJudged: this.#siteTlsContainers.has(value),
      passwordsJudged: this.#siteObjects.has(value),
      replaceablePasswords: true,
      minimumTlsVersion: this.#input.options.minimumTlsVersion,
    });
    this.verdicts.push(...reading.verdicts);
    for (const password of reading.passwords) this.#addPassword(password);
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
    this.verdicts.push(...judged.verdicts);
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
        holder: { kind: 'fallback', name },
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
    holder: PasswordHolder,
    driver: string,
    environment: Environment,
    loopback: boolean,
    envName?: string,
  ): void {
    const candidates = passwordCandidates(value, {
      holder,
      driver,
      environment,
      guards: this.#guards,
      loopback,
      replaceable: true,
      ...(envName ? { envName } : {}),
    });
    for (const candidate of candidates) this.#addPassword(candidate);
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
    const ref = this.#evaluator.bindings.moduleOf(target);
    const assigned =
      this.#evaluator.envRead(target) === 'NODE_TLS_REJECT_UNAUTHORIZED'
        ? 'NODE_TLS_REJECT_UNAUTHORIZED'
        : ref &&
            (ref.module === 'tls' || ref.module === 'node:tls') &&
            ref.path.join('.') === 'DEFAULT_MIN_VERSION'
          ? 'tls.DEFAULT_MIN_VERSION'
          : undefined;
    if (!assigned) return;
    this.verdicts.push(
      ...readProcessAssignment({
        target: assigned,
        value: this.#evaluator.value(node.right),
        range: node.range,
        environment: this.environmentAt(node),
        guards: this.#guards,
        minimumTlsVersion: this.#input.options.minimumTlsVersion,
      }),
    );
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
