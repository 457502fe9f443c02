/**
 * The estree front-end: one pass over a JS/TS file that lowers what concerns databases —
 * driver calls and config modules (from the driver table), object literals, string
 * literals, password fallbacks, process-wide assignments, comments — into the model. The
 * ESLint rules and the scanner both lower with `lowerEstree` and judge with `analyzeModel`.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { FileModel, ObjectEntry, SiteEntry, StringEntry } from '../../core/analysis.js';
import { commentSecrets } from '../../core/connection-strings.js';
import type { PasswordCandidate } from '../../core/credentials.js';
import { bindArgumentValues } from '../../core/drivers/arguments.js';
import { DRIVER_MODULES, DRIVERS } from '../../core/drivers/table.js';
import type { CallShape, DriverRow } from '../../core/drivers/types.js';
import { isEnvironmentMapValue } from '../../core/environment.js';
import { mayConcernDatabases } from '../../core/keywords.js';
import type {
  Environment,
  EnvironmentScope,
  FileInfo,
  ObjectValue,
  Property,
  Range,
  Value,
} from '../../core/model.js';
import type { ProcessAssignment } from '../../core/readers/node-process.js';
import { TLS_OPTION_KEYS } from '../../core/readers/node-tls.js';
import { getValue, stringOf } from '../../core/values.js';
import {
  classifyEnvironmentName,
  CONNECTION_KEYS,
  isEnvironmentKey,
  isDatabasePasswordName,
} from '../../core/vocabulary.js';
import { bindingsOf } from './bindings.js';
import { collectGuard, environmentAt, evidenceAt, samePath } from './call-sites.js';
import { Evaluator } from './static-value.js';
import { staticPropertyName, unwrap, walk, type Node } from './walk.js';

export interface EstreeInput {
  program: TSESTree.Program;
  text: string;
  comments: readonly TSESTree.Comment[];
  file: FileInfo;
  /** The driver whose config this module is, by a project file (`.sequelizerc`'s `config`). */
  configModule?: string;
}

/** The file's model; empty when its text names nothing a database finding needs. */
export function lowerEstree(input: EstreeInput): FileModel {
  if (!mayConcernDatabases(input.text, input.file.path)) return {};
  return new Lowering(input).run();
}

class Lowering {
  readonly #input: EstreeInput;
  readonly #evaluator: Evaluator;
  readonly #guards = new Map<string, boolean>();
  readonly #sites: SiteEntry[] = [];
  readonly #objects: ObjectEntry[] = [];
  readonly #strings: StringEntry[] = [];
  readonly #passwords: PasswordCandidate[] = [];
  readonly #processAssignments: Omit<ProcessAssignment, 'guards' | 'minimumTlsVersion'>[] = [];
  readonly #scopes: EnvironmentScope[] = [];
  readonly #scoped = new Set<Node>();

  constructor(input: EstreeInput) {
    this.#input = input;
    this.#evaluator = new Evaluator(bindingsOf(input.program), input.text);
  }

  run(): FileModel {
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
      this.#scope(node);
    });
    for (const call of calls) this.#callSite(call);
    this.#configModule();
    for (const object of objects) this.#object(object);
    for (const node of strings) this.#string(node);
    for (const node of logicals) this.#envFallback(node);
    for (const node of assignments) this.#processWide(node);
    this.#comments();
    return {
      sites: this.#sites,
      objects: this.#objects,
      strings: this.#strings,
      processAssignments: this.#processAssignments,
      passwords: this.#passwords,
      guards: this.#guards,
      replaceablePasswords: true,
      environmentScopes: this.#scopes,
    };
  }

  /**
   * Where the syntax states an environment (a branch, an env-map key), so messages name the
   * evidence (POLICY "Output"). An env-map entry that names an object declared elsewhere
   * (`production: prodConfig`) states it for that object too.
   */
  #scope(node: Node): void {
    const add = (
      parent: Node,
      child: Node | null | undefined,
      range: Range | undefined = child?.range,
    ) => {
      if (!child || !range) return;
      const found = evidenceAt(parent, child, this.#evaluator);
      if (found && found.environment !== 'unknown') this.#scopes.push({ range, ...found });
    };
    switch (node.type) {
      case 'ConditionalExpression':
      case 'IfStatement':
        add(node, node.consequent);
        add(node, node.alternate);
        break;
      case 'LogicalExpression':
        add(node, node.right);
        break;
      case 'SwitchCase':
        add(node, node.consequent[0], node.range);
        break;
      case 'Property': {
        const key = staticPropertyName(node);
        if (key === undefined || !isEnvironmentKey(key) || node.parent.type !== 'ObjectExpression')
          break;
        // One key that names an environment makes the whole map one (POLICY "Environments").
        for (const entry of node.parent.properties) {
          if (entry.type !== 'Property' || this.#scoped.has(entry)) continue;
          this.#scoped.add(entry);
          add(entry, entry.value, entry.range);
          for (const range of objectsOutside(this.#evaluator.value(entry.value), entry.range))
            add(entry, entry.value, range);
        }
        break;
      }
    }
  }

  /** POLICY evidence 1 and 2: the innermost enclosing branch or env-map key, else `fallback`. */
  #environmentAt(node: Node, fallback: Environment = this.#input.file.environment): Environment {
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
    const layoutName = shape.layout;
    // `knex(config[process.env.NODE_ENV])`: every entry of the env map is a site.
    const first = args[0] ? unwrap(args[0]) : undefined;
    if (first?.type === 'MemberExpression' && first.computed) {
      const map = this.#evaluator.value(first.object);
      if (map.kind === 'object' && isEnvironmentMapValue(map)) {
        for (const p of map.properties)
          if (p.value.kind === 'object')
            this.#sites.push({
              driverId: row.id,
              ...(layoutName ? { layoutName } : {}),
              config: p.value,
              environment: classifyEnvironmentName(p.key),
              range: entryRange(p),
            });
        return;
      }
    }
    const values = args.map((a) => (a ? this.#evaluator.value(a) : undefined));
    // `knex(config)` where `config` was assigned in several branches: a site per value.
    const config = values[0];
    if (config?.kind === 'conditional' && config.test.kind === 'choice') {
      for (const branch of choices(config))
        this.#callSiteWith(call, row, shape, layoutName, [branch, ...values.slice(1)]);
      return;
    }
    this.#callSiteWith(call, row, shape, layoutName, values);
  }

  #callSiteWith(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    row: DriverRow,
    shape: CallShape,
    layoutName: string | undefined,
    values: (Value | undefined)[],
  ): void {
    const parts = bindArgumentValues(shape, values);
    if (!parts) return;
    // POLICY evidence 2: a TypeORM connection named `test` is a development site, unless a branch says otherwise.
    const named = row.environmentKeys
      ?.map((k) => stringOf(getValue(parts.config, k)))
      .find((n) => n !== undefined && isEnvironmentKey(n));
    const passwordArguments = parts.positional
      .filter(([role, value]) => role === 'password' && value !== undefined)
      .map(([, value]) => value!);
    this.#sites.push({
      driverId: row.id,
      ...(layoutName ? { layoutName } : {}),
      ...(parts.config ? { config: parts.config } : {}),
      ...(parts.url ? { url: parts.url } : {}),
      environment: this.#environmentAt(call, named ? classifyEnvironmentName(named) : undefined),
      range: call.range,
      ...(passwordArguments.length > 0 ? { passwordArguments } : {}),
    });
  }

  /**
   * knexfile, ormconfig, drizzle.config, Strapi `config/database`: the default export is the
   * config. A sequelize-cli config is known by its shape wherever `.sequelizerc` puts it (an
   * environment map whose entries name a `dialect` or `use_env_variable`), or by the path
   * `.sequelizerc` gives (the scanner's project facts).
   */
  #configModule(): void {
    const path = this.#input.file.path.replaceAll('\\', '/');
    const byPath = DRIVERS.filter(
      (r) => r.configFiles?.some((re) => re.test(path)) || r.id === this.#input.configModule,
    );
    if (byPath.length === 0 && !/\bdialect\b|\buse_env_variable\b/.test(this.#input.text)) return;
    const exported = this.#exportedValue();
    if (!exported) return;
    const value = exported.kind === 'function' && exported.returns ? exported.returns : exported;
    const sequelize = isSequelizeCliConfig(value)
      ? DRIVERS.find((r) => r.id === 'sequelize')
      : undefined;
    for (const row of sequelize ? [sequelize] : byPath) {
      for (const item of (value.kind === 'array' ? value.elements : [value]).flatMap(choices)) {
        if (item.kind !== 'object') continue;
        if (isEnvironmentMapValue(item)) {
          const uses = new Map<number, number>();
          for (const p of item.properties)
            uses.set(p.value.range[0], (uses.get(p.value.range[0]) ?? 0) + 1);
          for (const p of item.properties)
            if (p.value.kind === 'object')
              this.#exportedSite(row, p.value, classifyEnvironmentName(p.key), {
                range: entryRange(p),
                shared: uses.get(p.value.range[0])! > 1,
              });
        } else {
          const name = stringOf(getValue(item, ['name']));
          this.#exportedSite(
            row,
            item,
            name && isEnvironmentKey(name)
              ? classifyEnvironmentName(name)
              : this.#input.file.environment,
          );
        }
      }
    }
  }

  #exportedSite(
    row: DriverRow,
    config: ObjectValue,
    environment: Environment,
    { range = config.range, shared = false }: { range?: Range; shared?: boolean } = {},
  ): void {
    this.#sites.push({
      driverId: row.id,
      exportedOnly: true,
      config,
      environment,
      range,
      ...(shared ? { shared } : {}),
    });
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

  // ── objects, strings, fallbacks ─────────────────────────────────────────────

  #object(node: TSESTree.ObjectExpression): void {
    // Cheap: only object literals that spell a TLS or connection key are evaluated.
    // (A spread may bring them: `ssl: { ...tlsOptions }` inside a driver's options.)
    const relevant = node.properties.some((p) => {
      if (p.type === 'SpreadElement') return true;
      const k = staticPropertyName(p);
      return k !== undefined && (TLS_OPTION_KEYS.has(k) || CONNECTION_KEYS.has(k));
    });
    // A driver's options type is evidence enough, whatever keys the literal spells
    // (ioredis `tls`, mssql `options`).
    const type = declaredType(node);
    if (!relevant && !type) return;
    const value = this.#evaluator.value(node);
    if (value.kind !== 'object') return;
    if (type) this.#typedConfig(type, node, value);
    if (!relevant) return;
    const sentinel = 'unknown' as const;
    const evidence = environmentAt(node, this.#evaluator, sentinel);
    const name = nameOf(node);
    this.#objects.push({
      value,
      ...(name !== undefined ? { name } : {}),
      ...(evidence !== sentinel ? { environment: evidence } : {}),
      enclosing: this.#enclosingObjects(node),
    });
  }

  /**
   * An object declared as a driver's options type (`{...} satisfies PoolConfig`,
   * `const c: ConnectionConfiguration = {...}`): that driver's config, even if no call in
   * this file takes it (POLICY: a driver is known from a type annotation).
   */
  #typedConfig(
    type: { root: TSESTree.Identifier; rest: string[] },
    node: TSESTree.ObjectExpression,
    value: ObjectValue,
  ): void {
    const ref = this.#evaluator.bindings.moduleOf(type.root);
    if (!ref) return;
    const row = DRIVER_MODULES.get(ref.module);
    const path = [...ref.path, ...type.rest];
    if (!row?.configTypes?.some((t) => samePath(t, path))) return;
    this.#sites.push({
      driverId: row.id,
      exportedOnly: true,
      config: value,
      environment: this.#environmentAt(node),
      range: node.range,
    });
  }

  /** Object literals around a node, nearest first, within six levels, with their names. */
  #enclosingObjects(node: Node): { value: ObjectValue; name?: string }[] {
    const out: { value: ObjectValue; name?: string }[] = [];
    let current: Node | undefined = node.parent;
    for (let i = 1; current && i < 6; i++, current = current.parent) {
      if (current.type !== 'ObjectExpression') continue;
      const value = this.#evaluator.value(current);
      const name = nameOf(current);
      if (value.kind === 'object') out.push({ value, ...(name !== undefined ? { name } : {}) });
    }
    return out;
  }

  #string(node: TSESTree.Literal | TSESTree.TemplateLiteral): void {
    if (isTextMethodArgument(node)) return;
    const value = this.#evaluator.value(node);
    if (value.kind !== 'literal' || typeof value.value !== 'string') return;
    // `'postgres://'` alone is a scheme to compare or substitute, not a connection.
    if (/^[a-z][a-z0-9+.-]*:\/\/$/i.test(value.value.trim())) return;
    this.#strings.push({ literal: value, environment: this.#environmentAt(node) });
  }

  #envFallback(node: TSESTree.LogicalExpression): void {
    if (node.operator !== '||' && node.operator !== '??') return;
    const name = this.#evaluator.envRead(node.left);
    if (!name || !isDatabasePasswordName(name)) return;
    const read = this.#evaluator.value(node);
    const fallback =
      read.kind === 'literal' && read.fromEnv ? read : this.#evaluator.value(node.right);
    if (fallback.kind === 'literal' && typeof fallback.value === 'string' && !fallback.template) {
      this.#passwords.push({
        secret: fallback.value,
        range: fallback.range,
        holder: { kind: 'fallback', name },
        driver: 'environment read',
        environment: this.#environmentAt(node),
        loopback: false,
        inComment: false,
        replaceable: fallback,
        envName: name,
      });
    }
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
    this.#processAssignments.push({
      target: assigned,
      value: this.#evaluator.value(node.right),
      range: node.range,
      environment: this.#environmentAt(node),
    });
  }

  /** Real-looking secrets in comments: connection URLs and `password=` pairs. */
  #comments(): void {
    for (const comment of this.#input.comments)
      this.#passwords.push(
        ...commentSecrets(comment.value, comment.range[0] + 2, this.#input.file.environment),
      );
  }
}

/** The objects a value is built from that are written outside `range` (`connection: prodConnection`). */
function objectsOutside(value: Value, range: Range, depth = 0): Range[] {
  if (depth > 4) return [];
  const outside = value.range[0] < range[0] || value.range[1] > range[1];
  const nested =
    value.kind === 'object'
      ? value.properties.flatMap((p) => objectsOutside(p.value, range, depth + 1))
      : value.kind === 'conditional'
        ? [value.consequent, value.alternate].flatMap((v) => objectsOutside(v, range, depth + 1))
        : [];
  return value.kind === 'object' && outside ? [value.range, ...nested] : nested;
}

/**
 * Where a missing setting of an env-map entry is reported: its object when written in
 * place, else the entry (`production: prodConfig`, a shared object named by several keys).
 */
function entryRange(entry: Property): Range {
  const inside = entry.value.range[0] >= entry.range[0] && entry.value.range[1] <= entry.range[1];
  return inside ? entry.value.range : entry.range;
}

/**
 * A config whose blocks are picked by configuration (POLICY: Strapi's `connections[client]`),
 * as one config per block: the config itself or one of its top-level keys is a `choice`.
 */
function choices(value: Value): Value[] {
  const branches = (v: Value): Value[] =>
    v.kind === 'conditional' && v.test.kind === 'choice'
      ? [...branches(v.consequent), ...branches(v.alternate)]
      : [v];
  if (value.kind !== 'object') return branches(value);
  const index = value.properties.findIndex(
    (p) => p.value.kind === 'conditional' && p.value.test.kind === 'choice',
  );
  if (index === -1) return [value];
  const chosen = value.properties[index]!;
  return branches(chosen.value).map((branch) => ({
    ...value,
    properties: value.properties.map((p, i) => (i === index ? { ...chosen, value: branch } : p)),
  }));
}

/** sequelize-cli's config: an environment map whose entries name a dialect or a URL variable. */
function isSequelizeCliConfig(value: Value): boolean {
  return (
    value.kind === 'object' &&
    isEnvironmentMapValue(value) &&
    value.properties.some(
      (p) =>
        p.value.kind === 'object' &&
        p.value.properties.some((e) => e.key === 'dialect' || e.key === 'use_env_variable'),
    )
  );
}

/** String methods whose argument is a pattern to look for, not a connection string. */
const TEXT_METHODS: ReadonlySet<string> = new Set([
  'startsWith',
  'endsWith',
  'includes',
  'indexOf',
  'lastIndexOf',
  'replace',
  'replaceAll',
  'split',
  'match',
  'search',
]);

/** `url.startsWith('postgres://')`: the literal is what a string is tested for (issue 8). */
function isTextMethodArgument(node: Node): boolean {
  const call = node.parent;
  if (call?.type !== 'CallExpression' || !call.arguments.includes(node as TSESTree.Expression))
    return false;
  const callee = unwrap(call.callee);
  return callee.type === 'MemberExpression' && TEXT_METHODS.has(staticPropertyName(callee) ?? '');
}

/** The key or variable an object literal is stored under: `db: {…}`, `const dbConfig = {…}`. */
function nameOf(node: Node): string | undefined {
  let child: Node = node;
  let parent = node.parent;
  // Through `as const`, `satisfies`, parentheses and `defineConfig({...})`-style wrappers.
  while (
    parent &&
    (parent.type === 'TSAsExpression' ||
      parent.type === 'TSSatisfiesExpression' ||
      parent.type === 'TSNonNullExpression')
  ) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  if (parent.type === 'Property' && parent.value === child) return staticPropertyName(parent);
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier')
    return parent.id.name;
  if (parent.type === 'AssignmentExpression' && parent.left.type === 'MemberExpression')
    return staticPropertyName(parent.left);
  if (parent.type === 'AssignmentExpression' && parent.left.type === 'Identifier')
    return parent.left.name;
  return undefined;
}

/**
 * The type an object literal is declared as: `{…} satisfies T`, `{…} as T`, `const x: T =
 * {…}`. Its root identifier (`Knex` of `Knex.Config`) and the names after it.
 */
function declaredType(
  node: TSESTree.ObjectExpression,
): { root: TSESTree.Identifier; rest: string[] } | undefined {
  const parent = node.parent;
  let annotation: TSESTree.TypeNode | undefined;
  if (parent.type === 'TSSatisfiesExpression' || parent.type === 'TSAsExpression')
    annotation = parent.typeAnnotation;
  else if (parent.type === 'VariableDeclarator' && parent.init === node)
    annotation = parent.id.typeAnnotation?.typeAnnotation;
  if (annotation?.type !== 'TSTypeReference') return undefined;
  const rest: string[] = [];
  let name: TSESTree.EntityName = annotation.typeName;
  while (name.type === 'TSQualifiedName') {
    rest.unshift(name.right.name);
    name = name.left;
  }
  return name.type === 'Identifier' ? { root: name, rest } : undefined;
}
