/**
 * A Django-style settings module → the model: its DATABASES entries (databases.ts), the
 * string literals that may be connection strings, and password candidates outside
 * DATABASES (environment reads of password variables with a literal default,
 * `DB_PASSWORD = '…'`, secrets in comments). Nothing is judged here: the core reads Django
 * entries (core/readers/django.ts), connection strings and passwords under POLICY.
 */
import type { FileModel, StringEntry } from '../../core/analysis.js';
import { passwordCandidates } from '../../core/config-objects.js';
import { commentSecrets } from '../../core/connection-strings.js';
import { lineComments } from './parser.js';
import type { PasswordCandidate, PasswordHolder } from '../../core/credentials.js';
import type { Environment, FileInfo, ObjectValue, Value } from '../../core/model.js';
import {
  pythonClientOf,
  REDIS_TLS_KEYS,
  type PythonClientCall,
  type PythonClientRow,
} from '../../core/readers/python-clients.js';
import { isDatabasePasswordName } from '../../core/vocabulary.js';
import { lowerDatabases } from './databases.js';
import { argumentInsertion } from './layout.js';
import { callParts, collectScope, Lowerer, named, type SyntaxNode } from './lower.js';

const NO_GUARDS: ReadonlyMap<string, boolean> = new Map();

/** A condition on a switch that skips verification: `SKIP_TLS_VERIFY`, `INSECURE`, `NO_VERIFY`. */
const OPT_IN_CONDITION =
  /insecure|skip_?(?:tls_?|ssl_?)?verif|no_?verify|disable_?(?:tls_?|ssl_?)?verif/i;

/** String methods whose argument is a piece of text, not a connection (`url.startswith('postgres://')`). */
const TEXT_METHODS = new Set([
  'startswith',
  'endswith',
  'removeprefix',
  'removesuffix',
  'replace',
  'split',
  'rsplit',
  'partition',
  'find',
  'index',
  'count',
  'strip',
  'lstrip',
  'rstrip',
]);

export interface PythonInput {
  root: SyntaxNode;
  text: string;
  file: FileInfo;
}

export function analyzePython(input: PythonInput): FileModel {
  const lower = new Lowerer(input.text, collectScope(input.root));
  const djangoDatabases = lowerDatabases(input.root, lower, input.file.environment);
  const rest = new ModuleSweep(input, lower);
  rest.sweep(input.root);
  rest.comments(input.root);
  return {
    djangoDatabases,
    strings: rest.strings,
    passwords: rest.passwords,
    pythonClients: rest.clients,
  };
}

/** What the module holds outside DATABASES. */
class ModuleSweep {
  readonly strings: StringEntry[] = [];
  readonly passwords: PasswordCandidate[] = [];
  readonly clients: PythonClientCall[] = [];
  readonly #input: PythonInput;
  readonly #lower: Lowerer;

  constructor(input: PythonInput, lower: Lowerer) {
    this.#input = input;
    this.#lower = lower;
  }

  /**
   * Environment reads of password variables with a literal default, `DB_PASSWORD = '…'`, and
   * connection URLs written as string literals.
   */
  sweep(node: SyntaxNode): void {
    const stack: { node: SyntaxNode; depth: number }[] = [{ node, depth: 0 }];
    while (stack.length > 0) {
      const { node: n, depth: d } = stack.pop()!;
      if (n.type === 'string') {
        // A string that is a statement of its own is documentation: read like a comment.
        if (n.parent?.type === 'expression_statement' && n.parent.namedChildCount === 1)
          this.passwords.push(
            ...commentSecrets(n.text, n.startIndex, this.#input.file.environment),
          );
        else this.#freeString(n);
        continue;
      }
      if (n.type === 'call') this.#call(n);
      else if (n.type === 'dictionary') this.#tlsKeysDict(n);
      if (n.type === 'call' || n.type === 'subscript' || n.type === 'boolean_operator') {
        const read = this.#lower.envRead(n);
        if (read?.fallback && isDatabasePasswordName(read.name))
          this.#password(
            this.#lower.value(n),
            { kind: 'environment-default', name: read.name },
            'environment read',
            this.#environmentAt(n),
          );
      }
      if (n.type === 'assignment') {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        if (left?.type === 'subscript' && right) this.#tlsKeyAssignment(n, left, right);
        // Module-level names that hold a database password (`DB_PASSWORD = '…'`,
        // `DEFAULT_DATABASE_PASSWORD = '…'`), as env names are read.
        if (left?.type === 'identifier' && right && isDatabasePasswordName(left.text))
          this.#password(
            this.#lower.value(right),
            { kind: 'assignment', name: left.text },
            'settings',
            this.#environmentAt(n),
          );
      }
      if (d > 200) continue;
      for (let i = n.namedChildCount - 1; i >= 0; i--) {
        const child = n.namedChild(i);
        if (child) stack.push({ node: child, depth: d + 1 });
      }
    }
  }

  /**
   * A client call of the table (psycopg, SQLAlchemy, redis-py), or any other call that passes
   * redis-py's TLS keys (Celery, kombu, a cache backend).
   */
  #call(node: SyntaxNode): void {
    const parts = callParts(node);
    const q = this.#lower.qualified(parts.callee);
    const row = q ? pythonClientOf(q) : undefined;
    if (row) {
      this.clients.push(this.#clientCall(node, row, parts));
      return;
    }
    if (REDIS_TLS_KEYS.some((key) => parts.keywords.has(key)))
      this.clients.push({
        client: 'tls-keys',
        range: [node.startIndex, node.endIndex],
        environment: this.#environmentAt(node),
        explicit: this.#inOptIn(node),
        options: this.#lower.keywords(node),
        keywordArguments: true,
      });
  }

  #clientCall(
    node: SyntaxNode,
    row: PythonClientRow,
    parts: ReturnType<typeof callParts>,
  ): PythonClientCall {
    const urlNode = row.url
      ? (parts.positional[row.url.position] ?? parts.keywords.get(row.url.keyword)?.value)
      : undefined;
    const environment = this.#environmentAt(node);
    const range = [node.startIndex, node.endIndex] as const;
    const url = urlNode ? this.#lower.value(urlNode) : undefined;
    if (row.optionsKeyword) {
      const given = parts.keywords.get(row.optionsKeyword)?.value;
      const value = given ? this.#lower.value(given) : undefined;
      const options: ObjectValue =
        value?.kind === 'object'
          ? value
          : { kind: 'object', properties: [], open: value !== undefined, range };
      return {
        client: row.id,
        range,
        environment,
        explicit: false,
        options,
        keywordArguments: false,
        ...(url ? { url } : {}),
      };
    }
    const args = node.childForFieldName('arguments');
    const eol = this.#input.text.includes('\r\n') ? '\r\n' : '\n';
    const insertion =
      args?.type === 'argument_list' ? argumentInsertion(args, this.#input.text, eol) : undefined;
    const options = this.#lower.keywords(node);
    return {
      client: row.id,
      range,
      environment,
      // redis-py's verification switches in a skip-verification branch are an operator's choice.
      explicit: row.reader === 'redis-py' && this.#inOptIn(node),
      // A positional `*args` may carry anything.
      options: parts.hasSplat ? { ...options, open: true } : options,
      keywordArguments: true,
      ...(url ? { url } : {}),
      ...(insertion ? { keywordInsertion: insertion } : {}),
    };
  }

  /** A dict that spells redis-py's TLS keys (django-redis pool kwargs, Celery, NetBox REDIS). */
  #tlsKeysDict(node: SyntaxNode): void {
    const value = this.#lower.value(node);
    if (value.kind !== 'object') return;
    if (value.properties.some((p) => p.key === 'sslmode') && !this.#judgedElsewhere(node)) {
      const host = this.#hostBeside(node);
      this.clients.push({
        client: 'libpq-options',
        range: value.range,
        environment: this.#environmentAt(node),
        explicit: false,
        options: value,
        keywordArguments: false,
        ...(host ? { host } : {}),
      });
    }
    // Only a value spelled as MySQL's own mode names: `{'ssl_mode': 'preferred'}` may map names.
    if (
      value.properties.some((p) => p.key === 'ssl_mode' && isMysqlModeName(p.value)) &&
      !this.#judgedElsewhere(node)
    )
      this.clients.push({
        client: 'mysqlclient-options',
        range: value.range,
        environment: this.#environmentAt(node),
        explicit: false,
        options: value,
        keywordArguments: false,
      });
    if (!value.properties.some((p) => REDIS_TLS_KEYS.includes(p.key))) return;
    this.clients.push({
      client: 'tls-keys',
      range: value.range,
      environment: this.#environmentAt(node),
      explicit: this.#inOptIn(node),
      options: value,
      keywordArguments: false,
    });
  }

  /**
   * A dict whose `sslmode` a Django database (its `OPTIONS`) or a client call (`connect_args`,
   * a pool's `kwargs`) already judges, with that database's or call's host and environment.
   */
  #judgedElsewhere(dict: SyntaxNode): boolean {
    const parent = dict.parent;
    if (parent?.type === 'pair')
      return this.#lower.constantString(parent.childForFieldName('key')) === 'OPTIONS';
    if (parent?.type === 'assignment') {
      const left = parent.childForFieldName('left');
      return (
        left?.type === 'subscript' &&
        this.#lower.constantString(left.childForFieldName('subscript')) === 'OPTIONS'
      );
    }
    if (parent?.type === 'keyword_argument') {
      const call = parent.parent?.parent;
      if (call?.type !== 'call') return false;
      const q = this.#lower.qualified(callParts(call).callee);
      return q !== undefined && pythonClientOf(q) !== undefined;
    }
    return false;
  }

  /** The `host=` keyword of the call a dict is a keyword argument of. */
  #hostBeside(dict: SyntaxNode): Value | undefined {
    const call = dict.parent?.type === 'keyword_argument' ? dict.parent.parent?.parent : undefined;
    if (call?.type !== 'call') return undefined;
    const host = callParts(call).keywords.get('host')?.value;
    return host ? this.#lower.value(host) : undefined;
  }

  /** `pool_kwargs['ssl_cert_reqs'] = None`: one TLS key written into a dict. */
  #tlsKeyAssignment(statement: SyntaxNode, left: SyntaxNode, right: SyntaxNode): void {
    const subscript = left.childForFieldName('subscript');
    const key = this.#lower.constantString(subscript);
    if (key === undefined || !REDIS_TLS_KEYS.includes(key) || !subscript) return;
    const range = [statement.startIndex, statement.endIndex] as const;
    this.clients.push({
      client: 'tls-keys',
      range,
      environment: this.#environmentAt(statement),
      explicit: this.#inOptIn(statement),
      options: {
        kind: 'object',
        properties: [
          {
            key,
            keyRange: [subscript.startIndex, subscript.endIndex],
            value: this.#lower.value(right),
            range,
          },
        ],
        open: false,
        range,
      },
      keywordArguments: false,
    });
  }

  /**
   * Inside an `if` on a setting that names skipping verification (NetBox's
   * `if CACHING_REDIS_SKIP_TLS_VERIFY:`): the operator's explicit choice, judged where the
   * operator sets it (POLICY "Values that are not literals").
   */
  #inOptIn(node: SyntaxNode): boolean {
    for (let parent = node.parent; parent; parent = parent.parent) {
      if (parent.type !== 'if_statement' && parent.type !== 'elif_clause') continue;
      const condition = parent.childForFieldName('condition');
      if (condition && OPT_IN_CONDITION.test(condition.text)) return true;
    }
    return false;
  }

  /** Real-looking secrets in comments: connection URLs and `password=` pairs. */
  comments(root: SyntaxNode): void {
    // Comment lines outside brackets are not in the tree (see `parsePython`).
    for (const [start, end] of lineComments(this.#input.text))
      this.passwords.push(
        ...commentSecrets(this.#input.text.slice(start, end), start, this.#input.file.environment),
      );
    const stack: SyntaxNode[] = [root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.type === 'comment') {
        this.passwords.push(...commentSecrets(n.text, n.startIndex, this.#input.file.environment));
        continue;
      }
      for (let i = n.childCount - 1; i >= 0; i--) {
        const child = n.child(i);
        if (child && (child.childCount > 0 || child.type === 'comment')) stack.push(child);
      }
    }
  }

  #password(value: Value, holder: PasswordHolder, driver: string, environment: Environment): void {
    this.passwords.push(
      ...passwordCandidates(value, {
        holder,
        driver,
        environment,
        guards: NO_GUARDS,
        loopback: false,
        replaceable: false,
        fallback: 'environment-default',
        // `DEFAULT_REDIS_PASSWORD = '…'`: the suggestion reads the variable of that name.
        ...(holder.kind === 'assignment' ? { envName: holder.name } : {}),
      }),
    );
  }

  /** A string literal that may be a connection string (its credentials, and its TLS unless a database claims it). */
  #freeString(node: SyntaxNode): void {
    if (isTextMethodArgument(node)) return;
    const value = this.#lower.value(node);
    if (value.kind !== 'literal' || typeof value.value !== 'string' || !value.value.includes('://'))
      return;
    // `'postgresql+psycopg://'` alone is a scheme to compare or substitute, not a connection.
    if (/^[a-z][a-z0-9+.-]*:\/\/$/i.test(value.value.trim())) return;
    this.strings.push({
      literal: value,
      environment: this.#environmentAt(node),
      // Only what a Python program hands to libpq-style consumers: postgres and redis URLs.
      // SQLAlchemy's asyncpg and pg8000 URLs have their own TLS rules (DRIVERS §23a).
      semantics: (url) =>
        (url.family === 'postgres' && !/\+(?:asyncpg|pg8000)$/.test(url.scheme)) ||
        url.family === 'redis'
          ? 'libpq'
          : undefined,
    });
  }

  /** The environment of the innermost enclosing `if` that names one, else the file's. */
  #environmentAt(node: SyntaxNode): Environment {
    let child: SyntaxNode = node;
    for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
      let found: Environment | undefined;
      if (parent.type === 'if_statement' || parent.type === 'elif_clause') {
        const condition = parent.childForFieldName('condition');
        if (
          condition &&
          child.id !== condition.id &&
          child.type !== 'elif_clause' &&
          child.type !== 'else_clause'
        ) {
          const test = this.#lower.test(condition);
          if (test.kind === 'environment') found = test.whenTrue;
        }
      } else if (parent.type === 'else_clause' && parent.parent?.type === 'if_statement') {
        const ifs = parent.parent;
        const hasElif = ifs
          .childrenForFieldName('alternative')
          .some((a) => a.type === 'elif_clause');
        const condition = ifs.childForFieldName('condition');
        if (condition && !hasElif) {
          const test = this.#lower.test(condition);
          if (test.kind === 'environment') found = test.whenFalse;
        }
      } else if (parent.type === 'conditional_expression') {
        const [consequent, test, alternate] = named(parent);
        if (test && child.id !== test.id) {
          const t = this.#lower.test(test);
          if (t.kind === 'environment')
            found =
              child.id === consequent?.id
                ? t.whenTrue
                : child.id === alternate?.id
                  ? t.whenFalse
                  : undefined;
        }
      }
      if (found && found !== 'unknown') return found;
    }
    return this.#input.file.environment;
  }
}

/** A string passed to `str.startswith(...)` and the like: a prefix to compare, not a connection. */
function isTextMethodArgument(node: SyntaxNode): boolean {
  let arg: SyntaxNode = node;
  // ('postgres://', 'postgresql://') as one tuple argument
  if (arg.parent?.type === 'tuple') arg = arg.parent;
  const list = arg.parent;
  if (list?.type !== 'argument_list') return false;
  const fn = list.parent?.childForFieldName('function');
  return (
    fn?.type === 'attribute' && TEXT_METHODS.has(fn.childForFieldName('attribute')?.text ?? '')
  );
}

/** `'PREFERRED'`, `os.getenv('X', 'DISABLED')`: a MySQL ssl-mode name as MySQL spells it. */
function isMysqlModeName(value: Value): boolean {
  return (
    value.kind === 'literal' &&
    typeof value.value === 'string' &&
    /^(?:DISABLED|PREFERRED|REQUIRED|VERIFY_CA|VERIFY_IDENTITY)$/.test(value.value)
  );
}
