/**
 * ESTree expressions → the core value model. Environment reads are evaluated as if the
 * variable were unset (POLICY "Values that are not literals"); conditions on the
 * environment name or on a flag become conditional values the checks take apart.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import {
  CI_MARKERS,
  classifyEnvironmentName,
  DEVELOPMENT_FLAG,
  ENVIRONMENT_IDENTIFIER,
  isEnvironmentVariable,
  PRODUCTION_FLAG,
} from '../../core/vocabulary.js';
import type {
  EnvPredicate,
  Environment,
  LiteralValue,
  ObjectValue,
  Property,
  Range,
  Test,
  Value,
} from '../../core/model.js';
import { getProperty, getValue, spreadInto } from '../../core/values.js';
import type { Bindings } from './bindings.js';
import {
  childNodes,
  isFunction,
  staticPropertyName,
  unwrap,
  type FunctionNode,
  type Node,
} from './walk.js';

const MAX_DEPTH = 12;
/** Calls followed one inside another (`a()` returning `b()`…): deeper ones are unknown. */
const MAX_CALL_DEPTH = 4;
/** A function with more `return`s than this is a computation, not a configuration. */
const MAX_RETURNS = 8;
/** Calls followed while one value is evaluated: bounds the work a file can ask for. */
const MAX_FOLLOWED_CALLS = 64;

/** A call being followed: its function, and the values evaluated for it. */
interface Frame {
  fn: FunctionNode;
  /** Values of nodes evaluated for this call (what is followed depends on the frames open). */
  memo: Map<Node, Value>;
}

export class Evaluator {
  readonly #memo = new WeakMap<Node, Value>();
  readonly #bindings: Bindings;
  /** Variables whose assigned values are being evaluated: a value that reads one again is unknown. */
  readonly #assigning = new Set<string>();
  readonly #text: string;
  /** The calls being followed, innermost last (a function already here is not followed again). */
  readonly #frames: Frame[] = [];
  /** Calls followed since the outermost frame was entered. */
  #followed = 0;

  constructor(bindings: Bindings, text: string) {
    this.#bindings = bindings;
    this.#text = text;
  }

  get bindings(): Bindings {
    return this.#bindings;
  }

  /** A node's source text on one line, shortened for a message (environment tests only). */
  source(node: Node, max = 40): string {
    const text = this.#text.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  }

  value(node: Node, depth = 0): Value {
    // Inside a followed call, what is followed depends on the calls open: remembered per call.
    const memo = this.#frames.at(-1)?.memo ?? this.#memo;
    const cached = memo.get(node);
    if (cached) return cached;
    const result = depth > MAX_DEPTH ? unknown(node) : this.#evaluate(node, depth);
    memo.set(node, result);
    return result;
  }

  /** The name of the environment variable an expression reads (`process.env.X`, `env('X')`). */
  envRead(node: Node, depth = 0): string | undefined {
    const n = unwrap(node);
    if (n.type === 'MemberExpression') {
      const object = unwrap(n.object);
      const name = staticPropertyName(n);
      if (name === undefined) return undefined;
      if (object.type === 'MemberExpression' && staticPropertyName(object) === 'env') {
        const root = unwrap(object.object);
        if (root.type === 'Identifier' && root.name === 'process') return name;
        if (root.type === 'MetaProperty') return name; // import.meta.env.X
      }
      // `const { env } = process` or Strapi's `({ env })`; not an app's own imported `env` module
      if (
        object.type === 'Identifier' &&
        object.name === 'env' &&
        !this.#bindings.init('env') &&
        !this.#bindings.moduleOf(object)
      )
        return name;
      return undefined;
    }
    if (n.type === 'Identifier' && depth < MAX_DEPTH) {
      const init = this.#bindings.init(n.name);
      return init ? this.envRead(init, depth + 1) : undefined;
    }
    if (n.type === 'CallExpression') {
      // Strapi / envalid style helpers: env('X', default), env.bool('X', default)
      const callee = unwrap(n.callee);
      const isEnvHelper =
        (callee.type === 'Identifier' && callee.name === 'env') ||
        (callee.type === 'MemberExpression' &&
          unwrap(callee.object).type === 'Identifier' &&
          (unwrap(callee.object) as TSESTree.Identifier).name === 'env');
      const first = n.arguments[0];
      if (isEnvHelper && first?.type === 'Literal' && typeof first.value === 'string')
        return first.value;
      // NestJS: configService.get<boolean>('DB_SSL', false), this.config.getOrThrow('DB_HOST')
      if (
        callee.type === 'MemberExpression' &&
        ['get', 'getOrThrow'].includes(staticPropertyName(callee) ?? '') &&
        /config/i.test(nameOfNode(unwrap(callee.object)) ?? '') &&
        first?.type === 'Literal' &&
        typeof first.value === 'string' &&
        /^[A-Z][A-Z0-9_]*$/.test(first.value)
      )
        return first.value;
      // String(process.env.X), process.env.X.toLowerCase(), (process.env.X || '').trim()
      if (
        callee.type === 'Identifier' &&
        (callee.name === 'String' || callee.name === 'Boolean') &&
        first
      )
        return this.envRead(first, depth + 1);
      if (callee.type === 'MemberExpression') return this.envRead(callee.object, depth + 1);
    }
    if (n.type === 'LogicalExpression') return this.envRead(n.left, depth + 1);
    return undefined;
  }

  /** What an environment-derived expression evaluates to while its variable is unset. */
  #whenUnset(node: Node, depth: number): LiteralValue['value'] {
    const n = unwrap(node);
    if (n.type === 'LogicalExpression' && (n.operator === '||' || n.operator === '??')) {
      const fallback = this.value(n.right, depth + 1);
      return fallback.kind === 'literal' ? fallback.value : undefined;
    }
    if (n.type === 'CallExpression') {
      const callee = unwrap(n.callee);
      // env.bool('X', true): the second argument is the default
      if (
        this.envRead(n) &&
        n.arguments[1] &&
        ((callee.type === 'Identifier' && callee.name === 'env') ||
          callee.type === 'MemberExpression')
      ) {
        const first = n.arguments[0];
        if (first?.type === 'Literal') {
          const d = this.value(n.arguments[1], depth + 1);
          return d.kind === 'literal' ? d.value : undefined;
        }
      }
      if (callee.type === 'MemberExpression') {
        const inner = this.#whenUnset(callee.object, depth + 1);
        return typeof inner === 'string'
          ? staticPropertyName(callee) === 'toLowerCase'
            ? inner.toLowerCase()
            : inner.trim()
          : inner;
      }
      if (callee.type === 'Identifier' && callee.name === 'String' && n.arguments[0])
        return String(this.#whenUnset(n.arguments[0], depth + 1) ?? 'undefined');
    }
    if (n.type === 'Identifier') {
      const init = this.#bindings.init(n.name);
      return init ? this.#whenUnset(init, depth + 1) : undefined;
    }
    return undefined;
  }

  /** Reads a condition: environment name, flag on an environment variable, or unknown. */
  test(node: Node, depth = 0): Test {
    const n = unwrap(node);
    if (depth > MAX_DEPTH) return { kind: 'unknown' };
    if (n.type === 'UnaryExpression' && n.operator === '!')
      return negate(this.test(n.argument, depth + 1));
    if (n.type === 'Identifier') {
      const init = this.#bindings.init(n.name);
      if (init) return this.test(init, depth + 1);
      if (PRODUCTION_FLAG.test(n.name))
        return { kind: 'environment', whenTrue: 'production', whenFalse: 'development' };
      if (DEVELOPMENT_FLAG.test(n.name))
        return { kind: 'environment', whenTrue: 'development', whenFalse: 'production' };
    }
    if (n.type === 'MemberExpression') {
      const name = staticPropertyName(n);
      if (name && (PRODUCTION_FLAG.test(name) || DEVELOPMENT_FLAG.test(name)) && !this.envRead(n)) {
        return PRODUCTION_FLAG.test(name)
          ? { kind: 'environment', whenTrue: 'production', whenFalse: 'development' }
          : { kind: 'environment', whenTrue: 'development', whenFalse: 'production' };
      }
    }
    if (n.type === 'BinaryExpression' && ['===', '==', '!==', '!='].includes(n.operator)) {
      const compared = this.#comparison(n.left, n.right, depth);
      if (compared)
        return n.operator === '===' || n.operator === '==' ? compared : negate(compared);
    }
    if (n.type === 'LogicalExpression' && n.operator === '&&') {
      // `isProduction && x` in a test: the production half is what tells the environment.
      const left = this.test(n.left, depth + 1);
      if (left.kind === 'environment') return left;
    }
    const envName = this.envRead(n);
    if (envName) {
      if (CI_MARKERS.has(envName))
        return { kind: 'environment', whenTrue: 'development', whenFalse: 'unknown' };
      const unset = this.#whenUnset(n, depth);
      return {
        kind: 'flag',
        predicate: { key: `${envName}|truthy`, envName, whenUnset: Boolean(unset) },
        positive: true,
      };
    }
    if (n.type === 'CallExpression') {
      // ['production', 'staging'].includes(process.env.NODE_ENV)
      const callee = unwrap(n.callee);
      if (
        callee.type === 'MemberExpression' &&
        staticPropertyName(callee) === 'includes' &&
        n.arguments[0] &&
        this.#isEnvironmentName(n.arguments[0], depth)
      ) {
        const list = this.value(callee.object, depth + 1);
        if (list.kind === 'array') {
          const names = list.elements.map((e) =>
            e.kind === 'literal' ? classifyEnvironmentName(String(e.value)) : 'unknown',
          );
          if (names.length > 0 && names.every((e) => e === names[0]) && names[0] !== 'unknown') {
            return {
              kind: 'environment',
              whenTrue: names[0]!,
              whenFalse: names[0] === 'production' ? 'development' : 'production',
            };
          }
        }
      }
      if (callee.type === 'Identifier' && callee.name === 'Boolean' && n.arguments[0])
        return this.test(n.arguments[0], depth + 1);
    }
    return { kind: 'unknown' };
  }

  /**
   * `a === b` read as a test, when one side is a literal and the other the environment's
   * name or an environment variable (a `switch` case asks the same of its discriminant).
   */
  #comparison(left: Node, right: Node, depth: number): Test | undefined {
    for (const [subject, other] of [
      [left, right],
      [right, left],
    ] as const) {
      const literal = this.value(other, depth + 1);
      if (
        literal.kind !== 'literal' ||
        literal.fromEnv ||
        (typeof literal.value !== 'string' &&
          typeof literal.value !== 'number' &&
          typeof literal.value !== 'boolean')
      )
        continue;
      if (this.#isEnvironmentName(subject, depth)) {
        const named = classifyEnvironmentName(String(literal.value));
        const otherwise: Environment = named === 'production' ? 'development' : 'production';
        return { kind: 'environment', whenTrue: named, whenFalse: otherwise };
      }
      const envName = this.envRead(subject);
      if (envName) {
        const unset = this.#whenUnset(subject, depth);
        const predicate: EnvPredicate = {
          key: `${envName}|eq|${String(literal.value)}`,
          envName,
          whenUnset: unset === literal.value,
        };
        return { kind: 'flag', predicate, positive: true };
      }
    }
    return undefined;
  }

  #isEnvironmentName(node: Node, depth: number): boolean {
    const n = unwrap(node);
    const read = this.envRead(n);
    if (read) return isEnvironmentVariable(read);
    if (n.type === 'Identifier') {
      const init = this.#bindings.init(n.name);
      if (init && depth < MAX_DEPTH) return this.#isEnvironmentName(init, depth + 1);
      return ENVIRONMENT_IDENTIFIER.test(n.name);
    }
    if (n.type === 'MemberExpression') {
      const name = staticPropertyName(n);
      return name !== undefined && ENVIRONMENT_IDENTIFIER.test(name);
    }
    if (n.type === 'CallExpression') {
      // app.get('env') in Express
      const callee = unwrap(n.callee);
      const arg = n.arguments[0];
      return (
        callee.type === 'MemberExpression' &&
        staticPropertyName(callee) === 'get' &&
        arg?.type === 'Literal' &&
        arg.value === 'env'
      );
    }
    if (n.type === 'LogicalExpression') return this.#isEnvironmentName(n.left, depth + 1);
    return false;
  }

  #evaluate(node: Node, depth: number): Value {
    const n = unwrap(node);
    const range = n.range;
    switch (n.type) {
      case 'Literal': {
        if (n.value instanceof RegExp || typeof n.value === 'bigint') return unknown(n);
        const value = n.value;
        if (typeof value === 'string') {
          const raw = this.#text.slice(range[0] + 1, range[1] - 1);
          return {
            kind: 'literal',
            value,
            range,
            contentStart: range[0] + 1,
            verbatim: raw === value,
          };
        }
        return { kind: 'literal', value, range };
      }
      case 'TemplateLiteral': {
        let text = '';
        n.quasis.forEach((quasi, i) => {
          text += quasi.value.cooked ?? quasi.value.raw;
          const expression = n.expressions[i];
          if (expression) {
            const inner = this.value(expression, depth + 1);
            text +=
              inner.kind === 'literal' && !inner.fromEnv && inner.value !== undefined
                ? String(inner.value)
                : `\${${this.envRead(expression) ?? 'value'}}`;
          }
        });
        const raw = this.#text.slice(range[0] + 1, range[1] - 1);
        return {
          kind: 'literal',
          value: text,
          range,
          contentStart: range[0] + 1,
          verbatim: n.expressions.length === 0 && raw === text,
          template: n.expressions.length > 0,
        };
      }
      case 'Identifier': {
        if (n.name === 'undefined') return { kind: 'literal', value: undefined, range };
        // A parameter holds whatever a caller passes, not a variable of that name elsewhere.
        if (isParameterInScope(n)) return unknown(n);
        const init = this.#bindings.init(n.name);
        if (init && init.type !== 'FunctionDeclaration' && init.type !== 'ClassDeclaration')
          return this.value(init, depth + 1);
        if (init?.type === 'FunctionDeclaration') return this.#function(init, depth);
        return this.#assigned(n, depth) ?? unknown(n);
      }
      case 'MemberExpression': {
        const envName = this.envRead(n);
        if (envName) return { kind: 'env', name: envName, range };
        const object = this.value(n.object, depth + 1);
        const name = staticPropertyName(n);
        if (object.kind === 'object' && name !== undefined) {
          const property = object.properties.findLast((p) => p.key === name);
          if (property) return property.value;
        }
        return unknown(n);
      }
      case 'LogicalExpression': {
        const envName = this.envRead(n.left);
        if (envName && (n.operator === '||' || n.operator === '??')) {
          const fallback = this.value(n.right, depth + 1);
          if (fallback.kind === 'literal' && fallback.value !== undefined) {
            return {
              ...fallback,
              fromEnv: { name: envName, how: 'fallback', readEnd: n.left.range[1] },
            };
          }
          return fallback.kind === 'env' ? fallback : { kind: 'env', name: envName, range };
        }
        const left = this.value(n.left, depth + 1);
        if (left.kind === 'literal' && !left.fromEnv) {
          if (n.operator === '||') return left.value ? left : this.value(n.right, depth + 1);
          if (n.operator === '??')
            return (left.value ?? null) ? left : this.value(n.right, depth + 1);
          return left.value ? this.value(n.right, depth + 1) : left; // `&&`
        }
        if (n.operator === '&&') {
          // `isProduction && { rejectUnauthorized: false }`: the right side when the test holds
          const test = this.test(n.left, depth + 1);
          if (test.kind !== 'unknown') {
            // `env.bool('DATABASE_SSL', false) && {…}`: the written default is the other side,
            // so a fix edits it (and keeps its type).
            const written =
              left.kind === 'literal' && left.fromEnv?.how === 'fallback' && !left.value
                ? left
                : undefined;
            return {
              kind: 'conditional',
              test,
              testRange: n.left.range,
              consequent: this.value(n.right, depth + 1),
              alternate: written ?? {
                kind: 'literal',
                value: false,
                range,
                synthetic: true,
                ...(test.kind === 'flag'
                  ? { fromEnv: { name: test.predicate.envName, how: 'comparison' as const } }
                  : {}),
              },
              range,
            };
          }
        }
        return unknown(n);
      }
      case 'BinaryExpression':
      case 'UnaryExpression':
      case 'CallExpression': {
        if (n.type === 'UnaryExpression' && n.operator === 'void')
          return { kind: 'literal', value: undefined, range };
        if (n.type === 'UnaryExpression' && n.operator === '!' && n.argument.type === 'Literal')
          return { kind: 'literal', value: !n.argument.value, range };
        if (
          n.type === 'UnaryExpression' &&
          n.operator === '-' &&
          n.argument.type === 'Literal' &&
          typeof n.argument.value === 'number'
        )
          return { kind: 'literal', value: -n.argument.value, range };
        if (n.type === 'CallExpression') {
          const merged = this.#objectAssign(n, depth);
          if (merged) return merged;
          const declared = this.#schemaValue(n, depth);
          if (declared) return declared;
          const envName = this.envRead(n);
          if (envName) {
            const unset = this.#whenUnset(n, depth);
            if (unset !== undefined && n.arguments.length >= 2) {
              const fallback = this.value(n.arguments[1]!, depth + 1);
              if (fallback.kind === 'literal')
                return {
                  ...fallback,
                  fromEnv: { name: envName, how: 'fallback', readEnd: n.arguments[0]!.range[1] },
                };
            }
            return { kind: 'env', name: envName, range };
          }
        }
        const test = this.test(n, depth);
        if (test.kind === 'unknown')
          return (n.type === 'CallExpression' && this.#called(n, depth)) || unknown(n);
        return {
          kind: 'conditional',
          test,
          testRange: range,
          consequent: {
            kind: 'literal',
            value: true,
            range,
            synthetic: true,
            ...(test.kind === 'flag'
              ? { fromEnv: { name: test.predicate.envName, how: 'comparison' as const } }
              : {}),
          },
          alternate: {
            kind: 'literal',
            value: false,
            range,
            synthetic: true,
            ...(test.kind === 'flag'
              ? { fromEnv: { name: test.predicate.envName, how: 'comparison' as const } }
              : {}),
          },
          range,
        };
      }
      case 'ConditionalExpression':
        return {
          kind: 'conditional',
          test: this.test(n.test, depth + 1),
          testRange: n.test.range,
          consequent: this.value(n.consequent, depth + 1),
          alternate: this.value(n.alternate, depth + 1),
          range,
        };
      case 'ObjectExpression':
        return this.#selectedBlocks(n, depth) ?? this.#object(n, depth);
      case 'ArrayExpression':
        return {
          kind: 'array',
          elements: n.elements.map((e) =>
            e && e.type !== 'SpreadElement' ? this.value(e, depth + 1) : unknown(n),
          ),
          range,
        };
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return this.#function(n, depth);
      case 'AwaitExpression':
        return this.value(n.argument, depth + 1);
      default:
        return unknown(n);
    }
  }

  /**
   * A call of a function whose body this module shows (`PrismaService.sslConfig(mode)`,
   * `this.sslOptions()`, `helpers.ssl()`, `buildSsl()`): the values it returns, under the
   * `if` / `switch` tests that pick them (`returnFlow`), or as branches of a `choice`, like a
   * `let` assigned in several places, where something else picks them. Its parameters are
   * unknown, whatever the call passes (the objects pass reads a function's literals once,
   * not per call). Not followed: a function already being followed (recursion), calls
   * nested deeper than `MAX_CALL_DEPTH` or past `MAX_FOLLOWED_CALLS`, a generator, an async
   * function whose result is not awaited, a function with no valued `return` or with more
   * than `MAX_RETURNS`; a bare `return;` is not a value (as a placeholder `let` is not).
   */
  #called(n: TSESTree.CallExpression, depth: number): Value | undefined {
    if (this.#frames.length >= MAX_CALL_DEPTH) return undefined;
    if (this.#frames.length === 0) this.#followed = 0;
    if (this.#followed >= MAX_FOLLOWED_CALLS) return undefined;
    const fn = this.#calledFunction(n);
    if (!fn || fn.generator || this.#frames.some((frame) => frame.fn === fn)) return undefined;
    if (fn.async && n.parent.type !== 'AwaitExpression') return undefined;
    const returned = returnedExpressions(fn);
    if (!returned) return undefined;
    this.#followed += 1;
    this.#frames.push({ fn, memo: new Map() });
    try {
      const flow = returnFlow(fn);
      if (flow) return this.#flowValue(flow, n, depth);
      const values = returned.map((r) => this.value(r, depth + 1));
      return values.reduceRight((alternate, consequent) => choice(consequent, alternate, n.range));
    } finally {
      this.#frames.pop();
    }
  }

  /**
   * The value a function's flow returns: an `if` or a `switch` case around `return`s is a
   * conditional on its test, as the ternary `test ? a : b` is. A test this evaluator cannot
   * read leaves the branches a `choice`, as a `let` assigned in several places. A path that
   * returns no value is absent, except beside a test that is read: there it is `undefined`,
   * as the other side of `isProduction && {…}` is `false`.
   */
  #flowValue(flow: ReturnFlow, call: TSESTree.CallExpression, depth: number): Value | undefined {
    if (flow.kind === 'return') return this.value(flow.argument, depth + 1);
    if (flow.kind === 'end') return undefined;
    const consequent = this.#flowValue(flow.consequent, call, depth);
    const alternate = this.#flowValue(flow.alternate, call, depth);
    if (!consequent && !alternate) return undefined;
    const test = this.#branchTest(flow.test, depth);
    if (test.kind === 'unknown') {
      if (!consequent || !alternate) return consequent ?? alternate;
      return choice(consequent, alternate, call.range);
    }
    const nothing: Value = {
      kind: 'literal',
      value: undefined,
      range: flow.testRange,
      synthetic: true,
      ...(test.kind === 'flag'
        ? { fromEnv: { name: test.predicate.envName, how: 'comparison' as const } }
        : {}),
    };
    return {
      kind: 'conditional',
      test,
      testRange: flow.testRange,
      consequent: consequent ?? nothing,
      alternate: alternate ?? nothing,
      range: call.range,
    };
  }

  /** An `if`'s test, or a `switch` case's `discriminant === label`, read as a ternary's is. */
  #branchTest(test: BranchTest, depth: number): Test {
    if (test.kind === 'if') return this.test(test.node, depth + 1);
    return this.#comparison(test.discriminant, test.label, depth + 1) ?? { kind: 'unknown' };
  }

  /** The function a call runs, when this module shows its body; undefined otherwise. */
  #calledFunction(n: TSESTree.CallExpression): FunctionNode | undefined {
    const callee = unwrap(n.callee);
    if (
      callee.type === 'Identifier' ||
      callee.type === 'FunctionExpression' ||
      callee.type === 'ArrowFunctionExpression'
    )
      return this.#functionNamed(callee);
    if (callee.type !== 'MemberExpression') return undefined;
    const name = staticMemberName(callee);
    if (name === undefined) return undefined;
    const object = unwrap(callee.object);
    // `this.build()` in a method: the class around it, on the same side (static or not).
    if (object.type === 'ThisExpression') {
      const holder = enclosingClassMember(n);
      return holder && classMember(holder.body, name, holder.isStatic);
    }
    const target = this.#initialised(object);
    // `Cls.build()`: a static method of a class declared here.
    if (target?.type === 'ClassDeclaration' || target?.type === 'ClassExpression')
      return classMember(target.body, name, true);
    // `helpers.build()`: a method or a function-valued property of an object literal.
    if (target?.type === 'ObjectExpression') {
      const matches = target.properties.filter(
        (p): p is TSESTree.Property => p.type === 'Property' && staticPropertyName(p) === name,
      );
      const property = matches.length === 1 ? matches[0] : undefined;
      return property?.kind === 'init' ? this.#functionNamed(property.value) : undefined;
    }
    return undefined;
  }

  /** A node that is, or names, a function: `function f() {}`, `const f = () => …`. */
  #functionNamed(node: Node): FunctionNode | undefined {
    const n = unwrap(node);
    if (n.type === 'Identifier' && isParameterInScope(n)) return undefined;
    const target = n.type === 'Identifier' ? this.#initialised(n) : n;
    return isFunction(target) ? target : undefined;
  }

  /**
   * A `let` the code assigns in several places (`if (mariadb) config = {…}; else config =
   * {…}; knex(config)`): one of its values, picked at run time by whatever picks the branch,
   * as branches of a `choice` (each judged with its own defaults, as Strapi's blocks are).
   * A value that reads the variable itself (`url = url + '?ssl=true'`) is not followed.
   */
  #assigned(n: TSESTree.Identifier, depth: number): Value | undefined {
    const values = this.#bindings.assignments(n.name);
    if (!values || this.#assigning.has(n.name)) return undefined;
    this.#assigning.add(n.name);
    try {
      const evaluated = values.map((v) => this.value(v, depth + 1));
      return evaluated.reduceRight((alternate, consequent) =>
        choice(consequent, alternate, n.range),
      );
    } finally {
      this.#assigning.delete(n.name);
    }
  }

  /**
   * `{ client, ...connections[client] }`: an object that spreads the block its own key
   * selects (Strapi's `config/database.js`). One object per block, with the key set to the
   * block's name, as branches of a `choice`: each is judged with its own defaults.
   */
  #selectedBlocks(n: TSESTree.ObjectExpression, depth: number): Value | undefined {
    for (const spread of n.properties) {
      if (spread.type !== 'SpreadElement') continue;
      const member = unwrap(spread.argument);
      if (member.type !== 'MemberExpression' || !member.computed) continue;
      const selector = unwrap(member.property);
      if (selector.type !== 'Identifier') continue;
      const key = n.properties.find(
        (p): p is TSESTree.Property =>
          p.type === 'Property' &&
          unwrap(p.value).type === 'Identifier' &&
          (unwrap(p.value) as TSESTree.Identifier).name === selector.name,
      );
      const blocks = this.value(member.object, depth + 1);
      if (
        !key ||
        blocks.kind !== 'object' ||
        blocks.properties.length < 2 ||
        !blocks.properties.every((b) => b.value.kind === 'object')
      )
        continue;
      const variants = blocks.properties.map((block) =>
        this.#object(n, depth, { spread, block: block.value, key, name: block.key }),
      );
      return variants.slice(0, -1).reduceRight<Value>(
        (alternate, consequent) => ({
          kind: 'conditional',
          test: { kind: 'choice' },
          testRange: member.property.range,
          consequent,
          alternate,
          range: n.range,
        }),
        variants.at(-1)!,
      );
    }
    return undefined;
  }

  #object(
    n: TSESTree.ObjectExpression,
    depth: number,
    selected?: { spread: Node; block: Value; key: Node; name: string },
  ): ObjectValue {
    const built = { properties: [] as Property[], open: false };
    for (const p of n.properties) {
      if (p.type === 'SpreadElement') {
        spreadInto(
          built,
          p === selected?.spread ? selected.block : this.value(p.argument, depth + 1),
        );
        continue;
      }
      if (p === selected?.key) {
        const range = p.value.range;
        built.properties.push({
          key: staticPropertyName(p) ?? '',
          keyRange: p.key.range,
          value: { kind: 'literal', value: selected.name, range, synthetic: true },
          range: p.range,
        });
        continue;
      }
      const key = staticPropertyName(p);
      if (key === undefined) {
        built.open = true;
        continue;
      }
      const value: Value =
        p.kind !== 'init'
          ? unknown(p)
          : p.method
            ? this.#function(p.value as TSESTree.FunctionExpression, depth)
            : this.value(p.value, depth + 1);
      built.properties.push({ key, keyRange: p.key.range, value, range: p.range });
    }
    return { kind: 'object', ...built, range: n.range, insertion: this.#insertion(n) };
  }

  /** Where a new property goes, copying the object's own layout. */
  #insertion(n: TSESTree.ObjectExpression): ObjectValue['insertion'] {
    const last = n.properties.at(-1);
    const closing = n.range[1] - 1;
    if (!last) return { at: n.range[0] + 1, prefix: ' ', suffix: ' ' };
    const between = this.#text.slice(last.range[1], closing);
    const trailingComma = /^\s*,/.test(between);
    const multiline = this.#text.slice(n.range[0], closing).includes('\n');
    if (multiline) {
      const lineStart = this.#text.lastIndexOf('\n', last.range[0]) + 1;
      const indent = /^[ \t]*/.exec(this.#text.slice(lineStart, last.range[0]))?.[0] ?? '  ';
      const afterLast = trailingComma ? last.range[1] + between.indexOf(',') + 1 : last.range[1];
      // After a trailing comment on the last property's line, not before it.
      let lineEnd = this.#text.indexOf('\n', afterLast);
      if (lineEnd === -1 || lineEnd > closing) lineEnd = afterLast;
      else if (this.#text[lineEnd - 1] === '\r') lineEnd -= 1;
      return {
        at: lineEnd,
        prefix: '\n' + indent,
        suffix: trailingComma ? ',' : '',
        ...(trailingComma ? {} : { commaAt: last.range[1] }),
      };
    }
    return trailingComma
      ? { at: last.range[1] + between.indexOf(',') + 1, prefix: ' ', suffix: ',' }
      : { at: last.range[1], prefix: ', ', suffix: '' };
  }

  /**
   * Environment schemas (POLICY "Values"): what envalid's `cleanEnv`, a zod schema's
   * `parse(process.env)` and convict's `config.get('a.b')` give while the variables are
   * unset — each declared default, read like a literal fallback of that variable.
   */
  #schemaValue(n: TSESTree.CallExpression, depth: number): Value | undefined {
    const callee = unwrap(n.callee);
    const ref = this.#bindings.moduleOf(callee);
    // envalid: cleanEnv(process.env, { DB_SSL: bool({ default: false }) })
    if (ref?.module === 'envalid' && ref.path.join('.') === 'cleanEnv') {
      const spec = n.arguments[1] && unwrap(n.arguments[1]);
      if (spec?.type !== 'ObjectExpression') return undefined;
      return this.#schemaObject(spec, (value) => {
        const call = unwrap(value);
        const options = call.type === 'CallExpression' ? call.arguments[0] : undefined;
        const declared = options ? this.value(options, depth + 1) : undefined;
        return declared?.kind === 'object' ? getProperty(declared, ['default'])?.value : undefined;
      });
    }
    if (callee.type !== 'MemberExpression') return undefined;
    const method = staticPropertyName(callee);
    const target = this.#initialised(callee.object);
    if (target?.type !== 'CallExpression') return undefined;
    const made = this.#bindings.moduleOf(target.callee);
    // zod: z.object({ DB_SSL: z.coerce.boolean().default(false) }).parse(process.env)
    if (method === 'parse' && made?.module === 'zod' && made.path.at(-1) === 'object') {
      const shape = target.arguments[0] && unwrap(target.arguments[0]);
      if (shape?.type !== 'ObjectExpression') return undefined;
      return this.#schemaObject(shape, (value) => {
        for (let link = unwrap(value); link.type === 'CallExpression';) {
          const member = unwrap(link.callee);
          if (member.type !== 'MemberExpression') break;
          if (staticPropertyName(member) === 'default' && link.arguments[0])
            return this.value(link.arguments[0], depth + 1);
          link = unwrap(member.object);
        }
        return undefined;
      });
    }
    // convict: convict({ db: { ssl: { default: false, env: 'DB_SSL' } } }).get('db.ssl')
    if (method === 'get' && made?.module === 'convict' && made.path.length === 0) {
      const path = n.arguments[0] && this.value(n.arguments[0], depth + 1);
      const schema = target.arguments[0] && this.value(target.arguments[0], depth + 1);
      if (path?.kind !== 'literal' || typeof path.value !== 'string' || schema?.kind !== 'object')
        return undefined;
      const leaf = getValue(schema, path.value.split('.'));
      if (leaf?.kind !== 'object') return undefined;
      const env = getValue(leaf, ['env']);
      const name =
        env?.kind === 'literal' && typeof env.value === 'string' ? env.value : path.value;
      return withDefault(getValue(leaf, ['default']), name, n.range);
    }
    return undefined;
  }

  /** A schema object's keys as the variables they read, each with its declared default. */
  #schemaObject(
    spec: TSESTree.ObjectExpression,
    defaultOf: (value: Node) => Value | undefined,
  ): ObjectValue {
    const properties: Property[] = [];
    for (const p of spec.properties) {
      const name = p.type === 'Property' ? staticPropertyName(p) : undefined;
      if (p.type !== 'Property' || name === undefined) continue;
      properties.push({
        key: name,
        keyRange: p.key.range,
        value: withDefault(defaultOf(p.value), name, p.value.range),
        range: p.range,
      });
    }
    return { kind: 'object', properties, open: false, range: spec.range };
  }

  /** The node a name was initialised with (`const schema = z.object(…)`), or the node itself. */
  #initialised(node: Node, depth = 0): Node | undefined {
    const n = unwrap(node);
    if (n.type !== 'Identifier' || depth > MAX_DEPTH) return n;
    const init = this.#bindings.init(n.name);
    return init ? this.#initialised(init, depth + 1) : undefined;
  }

  #objectAssign(n: TSESTree.CallExpression, depth: number): ObjectValue | undefined {
    const callee = unwrap(n.callee);
    if (callee.type !== 'MemberExpression' || staticPropertyName(callee) !== 'assign')
      return undefined;
    const target = unwrap(callee.object);
    if (target.type !== 'Identifier' || target.name !== 'Object') return undefined;
    const built = { properties: [] as Property[], open: false };
    for (const arg of n.arguments)
      spreadInto(built, arg.type === 'SpreadElement' ? undefined : this.value(arg, depth + 1));
    return { kind: 'object', ...built, range: n.range };
  }

  #function(
    n:
      TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration,
    depth: number,
  ): Value {
    const range = n.range;
    if (n.body.type !== 'BlockStatement') {
      const body = this.value(n.body, depth + 1);
      return {
        kind: 'function',
        // Node reads `null` and `undefined` alike: the identity was accepted.
        returnsNothing: body.kind === 'literal' && body.value == null,
        returns: body,
        range,
      };
    }
    const returns: TSESTree.ReturnStatement[] = [];
    const throws = { found: false };
    collectReturns(n.body, returns, throws);
    const valued = returns.filter((r) => r.argument);
    const returnsNothing =
      !throws.found &&
      valued.every((r) => {
        const v = this.value(r.argument!, depth + 1);
        return v.kind === 'literal' && v.value == null;
      });
    const single = valued.length === 1 ? this.value(valued[0]!.argument!, depth + 1) : undefined;
    return { kind: 'function', returnsNothing, ...(single ? { returns: single } : {}), range };
  }
}

/**
 * The expressions a function returns: an arrow's body, or each valued `return` of a block
 * (not those of functions nested in it). Undefined when there is none, or more than
 * `MAX_RETURNS`.
 */
function returnedExpressions(fn: FunctionNode): Node[] | undefined {
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  const returns: TSESTree.ReturnStatement[] = [];
  collectReturns(fn.body, returns, { found: false });
  const valued = returns.flatMap((r) => (r.argument ? [r.argument] : []));
  return valued.length > 0 && valued.length <= MAX_RETURNS ? valued : undefined;
}

/** How a function's `return`s are reached: the `if`s and `switch` cases around them. */
type ReturnFlow =
  | { kind: 'return'; argument: Node }
  /** The end of the body, a bare `return;` or a `throw`: no value. */
  | { kind: 'end' }
  | {
      kind: 'branch';
      test: BranchTest;
      testRange: Range;
      consequent: ReturnFlow;
      alternate: ReturnFlow;
    };

type BranchTest = { kind: 'if'; node: Node } | { kind: 'case'; discriminant: Node; label: Node };

/** Paths a flow may hold: the statements after an `if` are copied into both of its sides. */
const MAX_PATHS = 2 * MAX_RETURNS;

const flows = new WeakMap<FunctionNode, ReturnFlow | null>();

/**
 * A function body's `return`s under the `if` / `else if` / `else` and `switch` tests that
 * pick them, with statements that return nothing (logging, declarations) stepped over.
 * Undefined when something else may decide which `return` runs (a loop, a `try`, a label,
 * a `break` out of an `if`) or past `MAX_PATHS`: the caller falls back to a choice.
 */
function returnFlow(fn: FunctionNode): ReturnFlow | undefined {
  if (fn.body.type !== 'BlockStatement') return { kind: 'return', argument: fn.body };
  let flow = flows.get(fn);
  if (flow === undefined) {
    flow = flowOf(fn.body.body, { paths: MAX_PATHS }) ?? null;
    flows.set(fn, flow);
  }
  return flow ?? undefined;
}

function flowOf(
  statements: readonly TSESTree.Statement[],
  budget: { paths: number },
): ReturnFlow | undefined {
  for (const [index, statement] of statements.entries()) {
    const rest = statements.slice(index + 1);
    switch (statement.type) {
      case 'ReturnStatement':
        return pathEnd(
          statement.argument ? { kind: 'return', argument: statement.argument } : { kind: 'end' },
          budget,
        );
      case 'ThrowStatement':
        return pathEnd({ kind: 'end' }, budget);
      case 'BlockStatement':
        return flowOf([...statement.body, ...rest], budget);
      case 'IfStatement': {
        if (!leavesEarly(statement)) continue;
        const consequent = flowOf([statement.consequent, ...rest], budget);
        const alternate =
          consequent && flowOf(statement.alternate ? [statement.alternate, ...rest] : rest, budget);
        return (
          alternate && {
            kind: 'branch',
            test: { kind: 'if', node: statement.test },
            testRange: statement.test.range,
            consequent,
            alternate,
          }
        );
      }
      case 'SwitchStatement':
        if (!leavesEarly(statement)) continue;
        return switchFlow(statement, rest, budget);
      default:
        // A loop, a `try`, a label or a stray `break` with a way out of the function in it.
        if (leavesEarly(statement)) return undefined;
    }
  }
  return pathEnd({ kind: 'end' }, budget);
}

function pathEnd(flow: ReturnFlow, budget: { paths: number }): ReturnFlow | undefined {
  budget.paths -= 1;
  return budget.paths < 0 ? undefined : flow;
}

/**
 * `switch (x) { case 'a': return A; … default: return D; }` as `x === 'a' ? A : … D`. A case
 * runs its statements and those of the cases after it up to a `break`, then what follows the
 * switch; the default case runs when no label matches, wherever it is written.
 */
function switchFlow(
  statement: TSESTree.SwitchStatement,
  rest: readonly TSESTree.Statement[],
  budget: { paths: number },
): ReturnFlow | undefined {
  const pathFrom = (start: number): TSESTree.Statement[] => {
    const path: TSESTree.Statement[] = [];
    for (const { consequent } of statement.cases.slice(start)) {
      const exit = consequent.findIndex((s) => s.type === 'BreakStatement' && !s.label);
      if (exit !== -1) return [...path, ...consequent.slice(0, exit), ...rest];
      path.push(...consequent);
    }
    return [...path, ...rest];
  };
  const fallback = statement.cases.findIndex((c) => !c.test);
  let flow = flowOf(fallback === -1 ? rest : pathFrom(fallback), budget);
  for (let index = statement.cases.length - 1; flow && index >= 0; index -= 1) {
    const { test: label } = statement.cases[index]!;
    if (!label) continue;
    const matched = flowOf(pathFrom(index), budget);
    flow = matched && {
      kind: 'branch',
      test: { kind: 'case', discriminant: statement.discriminant, label },
      testRange: label.range,
      consequent: matched,
      alternate: flow,
    };
  }
  return flow;
}

/**
 * Whether a statement may leave the path it is on other than by its end: a `return` in it,
 * or a `break` / `continue` that goes past it (any labelled one, to be safe).
 */
function leavesEarly(statement: Node): boolean {
  const visit = (node: Node, inLoop: boolean, inSwitch: boolean): boolean => {
    switch (node.type) {
      case 'ReturnStatement':
        return true;
      case 'BreakStatement':
        return node.label !== null || !(inLoop || inSwitch);
      case 'ContinueStatement':
        return node.label !== null || !inLoop;
    }
    if (isFunction(node)) return false; // its returns are its own
    const loop = LOOPS.has(node.type);
    const isSwitch = node.type === 'SwitchStatement';
    return childNodes(node).some((child) => visit(child, inLoop || loop, inSwitch || isSwitch));
  };
  return visit(statement, false, false);
}

const LOOPS = new Set<string>([
  'ForStatement',
  'ForInStatement',
  'ForOfStatement',
  'WhileStatement',
  'DoWhileStatement',
]);

/** `a` or `b`, picked by something this evaluator does not read. */
function choice(consequent: Value, alternate: Value, range: Range): Value {
  return {
    kind: 'conditional',
    test: { kind: 'choice' },
    testRange: range,
    consequent,
    alternate,
    range,
  };
}

/** The class member a node is written in (a method or a field), for what `this` means there. */
function enclosingClassMember(
  node: Node,
): { body: TSESTree.ClassBody; isStatic: boolean } | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'ArrowFunctionExpression') continue; // an arrow keeps the `this` around it
    if (current.type === 'MethodDefinition' || current.type === 'PropertyDefinition')
      return { body: current.parent, isStatic: current.static };
    if (current.type === 'FunctionExpression' && current.parent.type === 'MethodDefinition')
      continue;
    if (
      current.type === 'FunctionExpression' ||
      current.type === 'FunctionDeclaration' ||
      current.type === 'Program'
    )
      return undefined;
  }
  return undefined;
}

/** The one method (or function-valued field) of a class with this name and side. */
function classMember(
  body: TSESTree.ClassBody,
  name: string,
  isStatic: boolean,
): FunctionNode | undefined {
  const found: FunctionNode[] = [];
  for (const member of body.body) {
    if (member.type === 'MethodDefinition' && member.kind === 'method') {
      if (member.static !== isStatic) continue;
      if (staticMemberName(member) === name && member.value.type === 'FunctionExpression')
        found.push(member.value);
    } else if (
      member.type === 'PropertyDefinition' &&
      member.static === isStatic &&
      staticMemberName(member) === name
    ) {
      const value = member.value && unwrap(member.value);
      if (value?.type === 'ArrowFunctionExpression' || value?.type === 'FunctionExpression')
        found.push(value);
    }
  }
  // Overload signatures are not function expressions; two bodies under one name is not ours to pick.
  return found.length === 1 ? found[0] : undefined;
}

/** A member's name; `#name` for a private one, as `this.#name` spells it. */
function staticMemberName(
  member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.MemberExpression,
): string | undefined {
  const key = member.type === 'MemberExpression' ? member.property : member.key;
  if (key.type === 'PrivateIdentifier') return `#${key.name}`;
  return staticPropertyName(member as TSESTree.PropertyDefinition);
}

/** Whether an identifier names a parameter of a function around it. */
function isParameterInScope(n: TSESTree.Identifier): boolean {
  for (let current: Node | undefined = n.parent; current; current = current.parent) {
    if (
      isFunction(current) &&
      current.params.some((p) =>
        boundNames(p.type === 'TSParameterProperty' ? p.parameter : p).includes(n.name),
      )
    )
      return true;
  }
  return false;
}

/** The names a parameter binds: `a`, `a = 1`, `{ a, b: [c] }`, `...rest`. */
function boundNames(pattern: Node): string[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'AssignmentPattern':
      return boundNames(pattern.left);
    case 'RestElement':
      return boundNames(pattern.argument);
    case 'ArrayPattern':
      return pattern.elements.flatMap((e) => (e ? boundNames(e) : []));
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) =>
        p.type === 'RestElement' ? boundNames(p) : boundNames(p.value),
      );
    default:
      return [];
  }
}

function collectReturns(
  node: Node,
  out: TSESTree.ReturnStatement[],
  throws: { found: boolean },
): void {
  if (node.type === 'ReturnStatement') out.push(node);
  if (node.type === 'ThrowStatement') throws.found = true;
  // Returns of nested functions are theirs, not ours.
  for (const child of childNodes(node)) if (!isFunction(child)) collectReturns(child, out, throws);
}

/** A declared default as the value while `name` is unset; without one, the read itself. */
function withDefault(declared: Value | undefined, name: string, range: Range): Value {
  return declared?.kind === 'literal' && declared.value !== undefined
    ? { ...declared, fromEnv: { name, how: 'fallback' } }
    : { kind: 'env', name, range };
}

/** The name an expression is known by: `config`, `this.configService` → `configService`. */
function nameOfNode(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') return staticPropertyName(node);
  return undefined;
}

function negate(test: Test): Test {
  if (test.kind === 'environment')
    return { kind: 'environment', whenTrue: test.whenFalse, whenFalse: test.whenTrue };
  if (test.kind === 'flag') return { ...test, positive: !test.positive };
  return test;
}

function unknown(node: Node): Value {
  return { kind: 'unknown', range: node.range };
}
