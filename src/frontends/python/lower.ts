/**
 * tree-sitter-python expressions → the core value model. Environment reads
 * (`os.environ['X']`, `os.environ.get('X', 'd')`, `os.getenv`, decouple `config`,
 * django-environ `env`) are evaluated as if the variable were unset: the default is the
 * literal to judge (POLICY "Values that are not literals"). Conditions become tests.
 */
import { dictInsertion, keyQuote } from './layout.js';
import type { SyntaxNode } from './tree.js';
import {
  CI_MARKERS,
  classifyEnvironmentName,
  DEVELOPMENT_FLAG,
  isEnvironmentKey,
  isEnvironmentVariable,
  PRODUCTION_FLAG,
} from '../../core/vocabulary.js';
import type {
  EnvPredicate,
  LiteralValue,
  ObjectValue,
  Property,
  Test,
  Value,
} from '../../core/model.js';

export type { SyntaxNode };

const MAX_DEPTH = 10;

/** django-environ methods that are not scalar reads. */
const ENVIRON_NON_SCALAR = new Set([
  'db',
  'db_url',
  'database_url',
  'cache',
  'cache_url',
  'email',
  'email_url',
  'search_url',
  'read_env',
  'path',
  'url',
]);

/** Python's escape sequences in non-raw strings. */
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
  '\n': '',
};

export interface EnvRead {
  name: string;
  /** The default used while the variable is unset, when one is written. */
  fallback?: SyntaxNode;
}

export function named(node: SyntaxNode | null | undefined): SyntaxNode[] {
  return node ? node.namedChildren.filter((c) => c.type !== 'comment') : [];
}

export function unwrapParens(node: SyntaxNode): SyntaxNode {
  let n = node;
  for (let i = 0; n.type === 'parenthesized_expression' && i < 50; i++) {
    const inner = named(n)[0];
    if (!inner) break;
    n = inner;
  }
  return n;
}

/** `a.b.c` as ['a', 'b', 'c'] for identifiers and attribute chains; undefined otherwise. */
export function dottedName(node: SyntaxNode | null | undefined): string[] | undefined {
  if (!node) return undefined;
  const n = unwrapParens(node);
  if (n.type === 'identifier') return [n.text];
  if (n.type === 'attribute') {
    const object = dottedName(n.childForFieldName('object'));
    const attr = n.childForFieldName('attribute');
    return object && attr ? [...object, attr.text] : undefined;
  }
  return undefined;
}

export interface CallParts {
  callee: string[] | undefined;
  positional: SyntaxNode[];
  keywords: Map<string, { node: SyntaxNode; value: SyntaxNode }>;
  hasSplat: boolean;
}

export function callParts(call: SyntaxNode): CallParts {
  const parts: CallParts = {
    callee: dottedName(call.childForFieldName('function')),
    positional: [],
    keywords: new Map(),
    hasSplat: false,
  };
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return parts;
  for (const arg of named(args)) {
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (name && value) parts.keywords.set(name.text, { node: arg, value });
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') parts.hasSplat = true;
    else parts.positional.push(arg);
  }
  return parts;
}

/** Module-level facts: imports and the last assignment of every top-level name. */
export interface ModuleScope {
  /** Local name → fully qualified (`config` → `decouple.config`, `dburl` → `dj_database_url`). */
  imports: Map<string, string>;
  bindings: Map<string, SyntaxNode>;
  /** Names bound to `environ.Env(...)`. */
  environInstances: Set<string>;
  /** Names bound to environs' `Env()`, whose second positional argument is the default. */
  environsInstances: Set<string>;
}

export function collectScope(root: SyntaxNode): ModuleScope {
  const scope: ModuleScope = {
    imports: new Map(),
    bindings: new Map(),
    environInstances: new Set(),
    environsInstances: new Set(),
  };
  const visit = (block: SyntaxNode, depth: number) => {
    if (depth > 20) return;
    for (const statement of named(block)) {
      switch (statement.type) {
        case 'import_statement':
          for (const item of named(statement)) {
            if (item.type === 'dotted_name')
              scope.imports.set(item.text.split('.')[0]!, item.text.split('.')[0]!);
            else if (item.type === 'aliased_import') {
              const name = item.childForFieldName('name')?.text;
              const alias = item.childForFieldName('alias')?.text;
              if (name && alias) scope.imports.set(alias, name);
            }
          }
          break;
        case 'import_from_statement': {
          const module = statement.childForFieldName('module_name')?.text;
          if (!module) break;
          for (const item of statement.childrenForFieldName('name')) {
            if (item.type === 'dotted_name') scope.imports.set(item.text, `${module}.${item.text}`);
            else if (item.type === 'aliased_import') {
              const name = item.childForFieldName('name')?.text;
              const alias = item.childForFieldName('alias')?.text;
              if (name && alias) scope.imports.set(alias, `${module}.${name}`);
            }
          }
          break;
        }
        case 'expression_statement': {
          const assignment = named(statement)[0];
          if (assignment?.type !== 'assignment') break;
          const left = assignment.childForFieldName('left');
          const right = assignment.childForFieldName('right');
          if (left?.type === 'identifier' && right) {
            scope.bindings.set(left.text, right);
            if (right.type === 'call') {
              const callee = dottedName(right.childForFieldName('function'));
              // `environ.Env()`, environs' `Env()` or `FileAwareEnv()`, however imported.
              const qualified =
                callee &&
                [scope.imports.get(callee[0]!) ?? callee[0], ...callee.slice(1)].join('.');
              if (qualified === 'environs.Env' || qualified === 'environs.FileAwareEnv')
                scope.environsInstances.add(left.text);
              if (qualified === 'environ.Env') {
                scope.environInstances.add(left.text);
              }
            }
          }
          break;
        }
        case 'if_statement':
        case 'try_statement':
        case 'with_statement':
        case 'else_clause':
        case 'elif_clause':
        case 'except_clause':
        case 'finally_clause':
        case 'block':
          visit(statement, depth + 1);
          break;
      }
      if (
        statement.type === 'if_statement' ||
        statement.type === 'try_statement' ||
        statement.type === 'with_statement'
      ) {
        for (const field of ['consequence', 'body']) {
          const body = statement.childForFieldName(field);
          if (body) visit(body, depth + 1);
        }
      }
    }
  };
  visit(root, 0);
  return scope;
}

export class Lowerer {
  readonly text: string;
  readonly scope: ModuleScope;
  readonly #memo = new Map<number, Value>();
  #eol: string | undefined;
  #fileQuote: "'" | '"' | undefined;

  constructor(text: string, scope: ModuleScope) {
    this.text = text;
    this.scope = scope;
  }

  /** Where a fix adds a key to a dict literal, in its layout and its keys' quote. */
  insertion(dict: SyntaxNode): ObjectValue['insertion'] {
    this.#eol ??= this.text.includes('\r\n') ? '\r\n' : '\n';
    // A dict without a quoted key takes the quote of the settings' `'ENGINE'` keys.
    const quote =
      keyQuote(dict) ?? (this.#fileQuote ??= this.text.includes("'ENGINE'") ? "'" : '"');
    return dictInsertion(dict, this.text, this.#eol, quote);
  }

  /** The fully qualified name a callee refers to (`dj_database_url.config`, `os.environ.get`). */
  qualified(path: string[] | undefined): string | undefined {
    if (!path || path.length === 0) return undefined;
    const head = this.scope.imports.get(path[0]!);
    return head ? [head, ...path.slice(1)].join('.') : path.join('.');
  }

  resolve(node: SyntaxNode, depth = 0): SyntaxNode {
    let n = unwrapParens(node);
    for (let d = depth; n.type === 'identifier' && d < MAX_DEPTH; d++) {
      const bound = this.scope.bindings.get(n.text);
      if (!bound || bound.id === n.id) break;
      n = unwrapParens(bound);
    }
    return n;
  }

  #isOsEnviron(node: SyntaxNode | null | undefined): boolean {
    const q = this.qualified(dottedName(node));
    return q === 'os.environ';
  }

  /** Reads of the environment: `os.environ['X']`, `.get('X', d)`, `os.getenv`, `config(...)`, `env(...)`. */
  envRead(node: SyntaxNode, depth = 0): EnvRead | undefined {
    const n = this.resolve(node, depth);
    if (n.type === 'subscript') {
      if (!this.#isOsEnviron(n.childForFieldName('value'))) return undefined;
      const name = this.constantString(n.childForFieldName('subscript'));
      return name === undefined ? undefined : { name };
    }
    if (n.type === 'boolean_operator' && n.childForFieldName('operator')?.text === 'or') {
      // os.environ.get('X') or 'default'
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      const read = left ? this.envRead(left, depth + 1) : undefined;
      if (read && right) return { name: read.name, fallback: right };
      return undefined;
    }
    if (n.type !== 'call') return undefined;
    const parts = callParts(n);
    const q = this.qualified(parts.callee);
    if (!q || !parts.callee) return undefined;
    const nameArg = (keyword: string) => parts.positional[0] ?? parts.keywords.get(keyword)?.value;
    const withDefault = (
      name: string | undefined,
      fallback: SyntaxNode | undefined,
    ): EnvRead | undefined =>
      name === undefined ? undefined : fallback ? { name, fallback } : { name };
    if (q === 'os.environ.get' || q === 'os.getenv' || q === 'os.environ.setdefault') {
      return withDefault(
        this.constantString(nameArg('key')),
        parts.positional[1] ?? parts.keywords.get('default')?.value,
      );
    }
    if (
      q === 'decouple.config' ||
      (q === 'config' && parts.callee.length === 1 && !this.scope.imports.has('config'))
    ) {
      const name = this.constantString(nameArg('option'));
      if (name === undefined || !/^[A-Z][A-Z0-9_]*$/.test(name)) return undefined;
      return withDefault(name, parts.keywords.get('default')?.value ?? parts.positional[1]);
    }
    const base = parts.callee[0]!;
    // environs: env('X', 'default'), env.str('X', 'default'), env.int('X', default=…)
    if (
      this.scope.environsInstances.has(base) &&
      (parts.callee.length === 1 ||
        (parts.callee.length === 2 && !ENVIRON_NON_SCALAR.has(parts.callee[1]!)))
    )
      return withDefault(
        this.constantString(nameArg('name')),
        parts.keywords.get('default')?.value ?? parts.positional[1],
      );
    // django-environ: env('X', default=…), env.str('X', default=…), env.bool(…)
    const isEnviron =
      this.scope.environInstances.has(base) ||
      (base === 'env' &&
        !this.scope.imports.has('env') &&
        (this.scope.environInstances.size === 0 || this.scope.environInstances.has('env')));
    if (
      isEnviron &&
      (parts.callee.length === 1 ||
        (parts.callee.length === 2 && !ENVIRON_NON_SCALAR.has(parts.callee[1]!)))
    ) {
      return withDefault(this.constantString(nameArg('var')), parts.keywords.get('default')?.value);
    }
    return undefined;
  }

  isEnvironInstance(name: string): boolean {
    return (
      this.scope.environInstances.has(name) || (name === 'env' && !this.scope.imports.has('env'))
    );
  }

  /** A string constant's value (no f-string holes), else undefined. */
  constantString(node: SyntaxNode | null | undefined): string | undefined {
    if (!node) return undefined;
    const v = this.value(node);
    return v.kind === 'literal' && typeof v.value === 'string' && !v.template && !v.fromEnv
      ? v.value
      : undefined;
  }

  value(node: SyntaxNode, depth = 0): Value {
    const cached = this.#memo.get(node.id);
    if (cached) return cached;
    const result = depth > MAX_DEPTH ? unknown(node) : this.#evaluate(node, depth);
    this.#memo.set(node.id, result);
    return result;
  }

  #evaluate(node: SyntaxNode, depth: number): Value {
    const range = [node.startIndex, node.endIndex] as const;
    switch (node.type) {
      case 'parenthesized_expression': {
        const inner = named(node)[0];
        return inner ? this.value(inner, depth + 1) : unknown(node);
      }
      case 'string':
        return stringLiteral(node);
      case 'concatenated_string': {
        const parts = named(node).map(stringLiteral);
        const template = parts.some((p) => p.template);
        return {
          kind: 'literal',
          value: parts.map((p) => p.value).join(''),
          range,
          ...(template ? { template } : {}),
        };
      }
      case 'integer':
        return { kind: 'literal', value: Number(node.text.replaceAll('_', '')), range };
      case 'float':
        return { kind: 'literal', value: Number(node.text.replaceAll('_', '')), range };
      case 'true':
        return { kind: 'literal', value: true, range };
      case 'false':
        return { kind: 'literal', value: false, range };
      case 'none':
        return { kind: 'literal', value: null, range };
      case 'dictionary':
        return this.#dict(node, depth);
      case 'list':
      case 'tuple':
        return { kind: 'array', elements: named(node).map((e) => this.value(e, depth + 1)), range };
      case 'conditional_expression': {
        // `a if test else b`
        const [consequent, test, alternate] = named(node);
        if (!consequent || !test || !alternate) return unknown(node);
        return {
          kind: 'conditional',
          test: this.test(test, depth + 1),
          testRange: [test.startIndex, test.endIndex],
          consequent: this.value(consequent, depth + 1),
          alternate: this.value(alternate, depth + 1),
          range,
        };
      }
      case 'identifier': {
        const bound = this.scope.bindings.get(node.text);
        if (bound && bound.id !== node.id && !isAncestor(bound, node))
          return this.value(bound, depth + 1);
        return this.#sslConstant(node) ?? unknown(node);
      }
      case 'attribute': {
        const constant = this.#sslConstant(node);
        if (constant) return constant;
        break;
      }
    }
    const read = this.envRead(node, depth);
    if (read) {
      if (read.fallback) {
        const fallback = this.value(read.fallback, depth + 1);
        if (fallback.kind === 'literal' && fallback.value !== null)
          return { ...fallback, fromEnv: { name: read.name, how: 'fallback' } };
      }
      return { kind: 'env', name: read.name, range };
    }
    return unknown(node);
  }

  /**
   * `ssl.CERT_NONE` / `CERT_OPTIONAL` / `CERT_REQUIRED` (also imported by name): the constant's
   * name as a synthetic literal, so readers can tell verification modes apart.
   */
  #sslConstant(node: SyntaxNode): LiteralValue | undefined {
    const q = this.qualified(dottedName(node));
    const m = q ? /^ssl\.(CERT_(?:NONE|OPTIONAL|REQUIRED))$/.exec(q) : null;
    return m
      ? { kind: 'literal', value: m[1]!, range: [node.startIndex, node.endIndex], synthetic: true }
      : undefined;
  }

  /** A call's keyword arguments as one object (open when a `**splat` may add more). */
  keywords(call: SyntaxNode, depth = 0): ObjectValue {
    const properties: Property[] = [];
    let open = false;
    const args = call.childForFieldName('arguments');
    for (const arg of args?.type === 'argument_list' ? named(args) : []) {
      if (arg.type === 'dictionary_splat') {
        open = true;
        continue;
      }
      if (arg.type !== 'keyword_argument') continue;
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (!name || !value) continue;
      properties.push({
        key: name.text,
        keyRange: [name.startIndex, name.endIndex],
        value: this.value(value, depth + 1),
        range: [arg.startIndex, arg.endIndex],
      });
    }
    return { kind: 'object', properties, open, range: [call.startIndex, call.endIndex] };
  }

  #dict(node: SyntaxNode, depth: number): ObjectValue {
    const properties: Property[] = [];
    let open = false;
    for (const child of named(node)) {
      if (child.type !== 'pair') {
        open = true; // **splat, comprehension
        continue;
      }
      const key = child.childForFieldName('key');
      const value = child.childForFieldName('value');
      const name = key ? this.constantString(key) : undefined;
      if (!key || !value || name === undefined) {
        open = true;
        continue;
      }
      properties.push({
        key: name,
        keyRange: [key.startIndex, key.endIndex],
        value: this.value(value, depth + 1),
        range: [child.startIndex, child.endIndex],
      });
    }
    const insertion = this.insertion(node);
    return {
      kind: 'object',
      properties,
      open,
      range: [node.startIndex, node.endIndex],
      ...(insertion ? { insertion } : {}),
    };
  }

  /** Reads a condition: the environment, a flag on an environment variable, or unknown. */
  test(node: SyntaxNode, depth = 0): Test {
    const n = unwrapParens(node);
    if (depth > MAX_DEPTH) return { kind: 'unknown' };
    if (n.type === 'not_operator') {
      const argument = n.childForFieldName('argument');
      return argument ? negate(this.test(argument, depth + 1)) : { kind: 'unknown' };
    }
    if (n.type === 'boolean_operator' && n.childForFieldName('operator')?.text === 'and') {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      const l = left ? this.test(left, depth + 1) : { kind: 'unknown' as const };
      if (l.kind === 'environment') return l;
      const r = right ? this.test(right, depth + 1) : { kind: 'unknown' as const };
      if (r.kind === 'environment') return r;
      return { kind: 'unknown' };
    }
    const dotted = dottedName(n);
    const last = dotted?.at(-1);
    if (last === 'DEBUG')
      return { kind: 'environment', whenTrue: 'development', whenFalse: 'production' };
    if (dotted && last && dotted.length <= 2) {
      if (n.type === 'identifier') {
        const bound = this.scope.bindings.get(n.text);
        if (bound && !isAncestor(bound, n)) {
          const t = this.test(bound, depth + 1);
          if (t.kind !== 'unknown') return t;
        }
      }
      if (PRODUCTION_FLAG.test(last))
        return { kind: 'environment', whenTrue: 'production', whenFalse: 'development' };
      if (DEVELOPMENT_FLAG.test(last))
        return { kind: 'environment', whenTrue: 'development', whenFalse: 'production' };
    }
    if (n.type === 'comparison_operator') return this.#comparison(n, depth);
    const read = this.envRead(n, depth);
    if (read) {
      if (CI_MARKERS.has(read.name))
        return { kind: 'environment', whenTrue: 'development', whenFalse: 'unknown' };
      const fallback = read.fallback ? this.value(read.fallback, depth + 1) : undefined;
      const whenUnset = fallback?.kind === 'literal' ? Boolean(fallback.value) : false;
      return {
        kind: 'flag',
        predicate: { key: `${read.name}|truthy`, envName: read.name, whenUnset },
        positive: true,
      };
    }
    return { kind: 'unknown' };
  }

  #comparison(n: SyntaxNode, depth: number): Test {
    const operands = named(n);
    const op = n
      .childrenForFieldName('operators')
      .map((o) => o.text)
      .join(' ')
      .replace(/\s+/g, ' ');
    if (operands.length !== 2) return { kind: 'unknown' };
    const [left, right] = operands as [SyntaxNode, SyntaxNode];
    if (op === 'in' || op === 'not in') {
      const positive = op === 'in';
      // 'TRAVIS' in os.environ
      if (this.#isOsEnviron(right) || this.qualified(dottedName(right)) === 'os.environ.keys') {
        const name = this.constantString(left);
        if (name === undefined) return { kind: 'unknown' };
        const test: Test = CI_MARKERS.has(name)
          ? { kind: 'environment', whenTrue: 'development', whenFalse: 'unknown' }
          : {
              kind: 'flag',
              predicate: { key: `${name}|truthy`, envName: name, whenUnset: false },
              positive: true,
            };
        return positive ? test : negate(test);
      }
      // os.environ.get('DJANGO_ENV') in ('production', 'staging')
      const list = this.value(right, depth + 1);
      if (list.kind === 'array' && this.#namesEnvironment(left, depth)) {
        const names = list.elements.map((e) =>
          e.kind === 'literal' && typeof e.value === 'string'
            ? classifyEnvironmentName(e.value)
            : 'unknown',
        );
        if (names.length > 0 && names[0] !== 'unknown' && names.every((e) => e === names[0])) {
          const whenTrue = names[0]!;
          const test: Test = {
            kind: 'environment',
            whenTrue,
            whenFalse: whenTrue === 'production' ? 'development' : 'production',
          };
          return positive ? test : negate(test);
        }
      }
      return { kind: 'unknown' };
    }
    if (op !== '==' && op !== '!=') return { kind: 'unknown' };
    const positive = op === '==';
    for (const [subject, other] of [
      [left, right],
      [right, left],
    ] as const) {
      const literal = this.value(other, depth + 1);
      if (literal.kind !== 'literal' || literal.fromEnv || typeof literal.value !== 'string')
        continue;
      if (
        this.#namesEnvironment(subject, depth) ||
        (this.envRead(subject, depth) && isEnvironmentKey(literal.value))
      ) {
        const named = classifyEnvironmentName(literal.value);
        const otherwise = named === 'production' ? 'development' : 'production';
        return positive
          ? { kind: 'environment', whenTrue: named, whenFalse: otherwise }
          : { kind: 'environment', whenTrue: otherwise, whenFalse: named };
      }
      const read = this.envRead(subject, depth);
      if (read) {
        const fallback = read.fallback ? this.value(read.fallback, depth + 1) : undefined;
        const unset = fallback?.kind === 'literal' ? fallback.value : undefined;
        const predicate: EnvPredicate = {
          key: `${read.name}|eq|${literal.value}`,
          envName: read.name,
          whenUnset: unset === literal.value,
        };
        return { kind: 'flag', predicate, positive };
      }
    }
    return { kind: 'unknown' };
  }

  /** An expression whose value is the environment's name (`os.environ.get('DJANGO_ENV')`, `ENVIRONMENT`). */
  #namesEnvironment(node: SyntaxNode, depth: number): boolean {
    const n = unwrapParens(node);
    // os.environ.get('DJANGO_ENV', 'dev').lower()
    if (n.type === 'call') {
      const fn = n.childForFieldName('function');
      if (
        fn?.type === 'attribute' &&
        ['lower', 'strip', 'upper', 'casefold'].includes(
          fn.childForFieldName('attribute')?.text ?? '',
        )
      ) {
        const object = fn.childForFieldName('object');
        if (object) return this.#namesEnvironment(object, depth + 1);
      }
    }
    const read = this.envRead(n, depth);
    if (read) return isEnvironmentVariable(read.name);
    if (n.type === 'identifier') {
      if (isEnvironmentVariable(n.text)) return true;
      const bound = this.scope.bindings.get(n.text);
      if (bound && depth < MAX_DEPTH && !isAncestor(bound, n))
        return this.#namesEnvironment(bound, depth + 1);
    }
    return false;
  }
}

function isAncestor(ancestor: SyntaxNode, node: SyntaxNode): boolean {
  return ancestor.startIndex <= node.startIndex && node.endIndex <= ancestor.endIndex;
}

function negate(test: Test): Test {
  if (test.kind === 'environment')
    return { kind: 'environment', whenTrue: test.whenFalse, whenFalse: test.whenTrue };
  if (test.kind === 'flag') return { ...test, positive: !test.positive };
  return test;
}

function unknown(node: SyntaxNode): Value {
  return { kind: 'unknown', range: [node.startIndex, node.endIndex] };
}

/**
 * A Python string literal. `verbatim` when the characters between the quotes are the
 * value (no escapes, no f-string holes), so fixes can edit inside it.
 */
function stringLiteral(node: SyntaxNode): LiteralValue {
  const range = [node.startIndex, node.endIndex] as const;
  const start = node.children.find((c) => c.type === 'string_start');
  const prefix = (start?.text ?? '').replace(/['"]+$/, '').toLowerCase();
  const raw = prefix.includes('r');
  const bytes = prefix.includes('b');
  let value = '';
  let verbatim = true;
  let template = false;
  for (const child of node.children) {
    switch (child.type) {
      case 'string_content': {
        // Escape sequences are children of the content; raw strings have none.
        const text = child.text;
        let pos = 0;
        for (const escape of child.children) {
          if (escape.type !== 'escape_sequence' && escape.type !== 'escape_interpolation') continue;
          const at = escape.startIndex - child.startIndex;
          value += text.slice(pos, at);
          verbatim = false;
          value +=
            escape.type === 'escape_interpolation'
              ? escape.text.slice(0, 1)
              : raw
                ? escape.text
                : decodeEscape(escape.text);
          pos = escape.endIndex - child.startIndex;
        }
        value += text.slice(pos);
        break;
      }
      case 'interpolation':
        verbatim = false;
        template = true;
        value += '${' + (child.namedChildren[0]?.text ?? 'value') + '}';
        break;
    }
  }
  const contentStart = start ? start.endIndex : node.startIndex;
  return {
    kind: 'literal',
    value,
    range,
    contentStart,
    ...(verbatim && !bytes ? { verbatim: true } : {}),
    ...(template ? { template: true } : {}),
  };
}

function decodeEscape(text: string): string {
  const body = text.slice(1);
  if (Object.hasOwn(SIMPLE_ESCAPES, body)) return SIMPLE_ESCAPES[body]!;
  if (body.startsWith('\r')) return '';
  const hex = /^(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))$/.exec(body);
  if (hex) {
    const code = parseInt(hex[1] ?? hex[2] ?? hex[3] ?? '0', 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : text;
  }
  if (/^[0-7]{1,3}$/.test(body)) return String.fromCharCode(parseInt(body, 8));
  return text; // unknown escapes stay as written (Python keeps the backslash)
}
