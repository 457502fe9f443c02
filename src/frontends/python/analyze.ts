/**
 * Django-style settings → observations and password candidates.
 *
 * The module's statements are read in order, as Python runs them: `DATABASES = {...}`
 * defines database entries; `DATABASES['default'] = …`, `DATABASES['default']['OPTIONS'] = …`,
 * `['OPTIONS']['sslmode'] = …` and `.update(...)` change them. An `if` on the environment
 * (`if DEBUG:`, `if os.environ.get('DJANGO_ENV') == 'production':`, `if 'CI' in os.environ:`)
 * gives the statements inside it their environment; a change made in a branch applies only to
 * entries of a compatible environment. What the entries end up with is then judged by driver
 * facts (DRIVERS.md §16): libpq's `sslmode` for PostgreSQL engines, `ssl_mode` / `ssl` for
 * mysqlclient, dj-database-url's `ssl_require`. POLICY's filters are the checks'.
 */
import {
  isLoopbackHost,
  parseConnectionUrl,
  type ConnectionUrl,
} from '../../core/connection-url.js';
import { passwordCandidates } from '../../core/config-objects.js';
import type { PasswordCandidate, PasswordHolder } from '../../core/credentials.js';
import { setUrlParams } from '../../core/fixes.js';
import type {
  Environment,
  FileInfo,
  FixIntent,
  LiteralValue,
  PolicyOptions,
  TextEdit,
  Value,
} from '../../core/model.js';
import { message } from '../../core/messages.js';
import { parseSslmode, SSLMODES, type SslmodeValue } from '../../core/readers/libpq.js';
import { parseMysqlSslMode } from '../../core/readers/mysql.js';
import { readUrl } from '../../core/readers/url.js';
import type { Verdict } from '../../core/verdicts.js';
import type { FileModel } from '../../core/analysis.js';
import { alternatives, stringOf } from '../../core/values.js';
import { isDatabasePasswordName, parseTlsVersion } from '../../core/vocabulary.js';
import { commentSecrets, judgeFreeConnectionString } from '../../core/connection-strings.js';
import {
  callParts,
  collectScope,
  dottedName,
  Lowerer,
  named,
  unwrapParens,
  type SyntaxNode,
} from './lower.js';

const NO_GUARDS: ReadonlyMap<string, boolean> = new Map();
const MAX_DEPTH = 40;

/** Module-level names that hold a database password (`DB_PASSWORD = '…'`). */
const PASSWORD_NAME =
  /^(?:DB|DATABASE|POSTGRES(?:QL)?|PG|MYSQL|MARIADB|MONGO(?:DB)?|REDIS|SQL)_?(?:USER_?)?(?:PASS(?:WORD)?|PASSWD|PWD)$/i;

type Engine = 'postgres' | 'mysql' | 'none' | 'unknown';

/** PostgreSQL-based Django backends (DRIVERS §16): they hand OPTIONS to libpq. */
function engineOf(engine: string): Engine {
  const e = engine.trim().toLowerCase();
  if (e === '') return 'unknown';
  if (/postgres|postgis|psycopg|cockroach|timescale|redshift/.test(e)) return 'postgres';
  if (e === 'django.db.backends.mysql' || e === 'django.contrib.gis.db.backends.mysql')
    return 'mysql';
  return 'none'; // sqlite, oracle, mysql.connector.django (other option names), dummy
}

/** Where a statement sits: the branches around it. */
interface Segment {
  id: number;
  /** Environment the branch gives ('unknown' when the test does not name one). */
  environment: Environment;
  /** Whether the branch runs by default (an unset flag), never by default, or cannot be told. */
  taken: 'yes' | 'no' | 'maybe';
}

interface Ctx {
  path: Segment[];
}

/** One write of a setting: `'HOST': '…'` in a dict, or `DATABASES['default']['HOST'] = …`. */
interface Write {
  value: Value;
  node: SyntaxNode;
  seq: number;
  maybe: boolean;
}

/** A dj-database-url / django-environ call that builds the entry from a URL. */
interface UrlSource {
  how: 'dj-database-url' | 'django-environ';
  call: SyntaxNode;
  seq: number;
  /** The literal URL (`parse('…')`, `default='…'`), when written. */
  url?: LiteralValue;
  /** The environment variable it reads. */
  envName?: string;
  sslRequire?: SyntaxNode;
  engine?: string;
}

interface Entry {
  alias: string;
  ctx: Ctx;
  /** Where a missing setting is reported. */
  node: SyntaxNode;
  keys: Map<string, Write>;
  options?: Map<string, Write>;
  /** OPTIONS exists but cannot be read (a call, a splat), or may be changed where we cannot tell. */
  optionsOpen: boolean;
  open: boolean;
  /** Keys of the entry possibly changed by a branch we cannot read. */
  maybe: Set<string>;
  dict?: SyntaxNode;
  optionsDict?: SyntaxNode;
  source?: UrlSource;
  /** The entry is only changed here; it is defined in another module (`from .base import *`). */
  orphan: boolean;
  live: boolean;
  /** Every PASSWORD ever written to it (an overwritten secret is still committed). */
  passwords: Write[];
}

export interface PythonInput {
  root: SyntaxNode;
  text: string;
  file: FileInfo;
  options: PolicyOptions;
}

export function analyzePython(input: PythonInput): FileModel {
  const analysis = new SettingsAnalysis(input);
  analysis.run();
  return { verdicts: analysis.verdicts, passwords: analysis.passwords };
}

class SettingsAnalysis {
  readonly verdicts: Verdict[] = [];
  readonly passwords: PasswordCandidate[] = [];
  readonly #input: PythonInput;
  readonly #lower: Lowerer;
  readonly #entries: Entry[] = [];
  readonly #claimed = new Set<number>();
  readonly #passwordRanges = new Set<string>();
  #seq = 0;
  #segmentId = 0;
  readonly #eol: string;

  constructor(input: PythonInput) {
    this.#input = input;
    this.#lower = new Lowerer(input.text, collectScope(input.root));
    this.#eol = input.text.includes('\r\n') ? '\r\n' : '\n';
  }

  run(): void {
    this.#block(input(this.#input.root), { path: [] }, 0);
    for (const entry of this.#entries) this.#judge(entry);
    this.#sweep(this.#input.root, 0);
    this.#comments();
  }

  // ── statements ──────────────────────────────────────────────────────────────

  #block(statements: SyntaxNode[], ctx: Ctx, depth: number): void {
    if (depth > MAX_DEPTH) return;
    for (const statement of statements) this.#statement(statement, ctx, depth);
  }

  #statement(statement: SyntaxNode, ctx: Ctx, depth: number): void {
    switch (statement.type) {
      case 'expression_statement': {
        for (const expression of named(statement)) this.#expression(expression, ctx);
        return;
      }
      case 'if_statement': {
        const condition = statement.childForFieldName('condition');
        const test = condition ? this.#lower.test(condition) : ({ kind: 'unknown' } as const);
        const alternativesOf = statement
          .childrenForFieldName('alternative')
          .filter((a): a is SyntaxNode => a !== null);
        const [whenTrue, whenFalse] = this.#segments(test);
        this.#block(
          named(statement.childForFieldName('consequence')),
          { path: [...ctx.path, whenTrue] },
          depth + 1,
        );
        const hasElif = alternativesOf.some((a) => a.type === 'elif_clause');
        for (const alternative of alternativesOf) {
          if (alternative.type === 'elif_clause') {
            const c = alternative.childForFieldName('condition');
            const t = c ? this.#lower.test(c) : ({ kind: 'unknown' } as const);
            this.#block(
              named(alternative.childForFieldName('consequence')),
              { path: [...ctx.path, { ...this.#segments(t)[0], taken: 'maybe' }] },
              depth + 1,
            );
          } else {
            const segment = hasElif
              ? { id: ++this.#segmentId, environment: 'unknown' as const, taken: 'maybe' as const }
              : whenFalse;
            this.#block(
              named(alternative.childForFieldName('body')),
              { path: [...ctx.path, segment] },
              depth + 1,
            );
          }
        }
        return;
      }
      case 'try_statement':
      case 'with_statement':
      case 'for_statement':
      case 'while_statement': {
        const loop = statement.type === 'for_statement' || statement.type === 'while_statement';
        const inner: Ctx = loop
          ? {
              path: [
                ...ctx.path,
                { id: ++this.#segmentId, environment: 'unknown', taken: 'maybe' },
              ],
            }
          : ctx;
        this.#block(named(statement.childForFieldName('body')), inner, depth + 1);
        for (const clause of named(statement)) {
          if (
            clause.type === 'except_clause' ||
            clause.type === 'else_clause' ||
            clause.type === 'finally_clause' ||
            clause.type === 'except_group_clause'
          ) {
            const body =
              clause.childForFieldName('body') ?? named(clause).find((c) => c.type === 'block');
            const branch: Ctx =
              clause.type === 'finally_clause'
                ? ctx
                : {
                    path: [
                      ...ctx.path,
                      { id: ++this.#segmentId, environment: 'unknown', taken: 'maybe' },
                    ],
                  };
            this.#block(named(body), branch, depth + 1);
          }
        }
        return;
      }
      default:
        return; // functions and classes are not module settings
    }
  }

  #segments(test: ReturnType<Lowerer['test']>): [Segment, Segment] {
    const a = ++this.#segmentId;
    const b = ++this.#segmentId;
    if (test.kind === 'environment') {
      return [
        { id: a, environment: test.whenTrue, taken: 'yes' },
        { id: b, environment: test.whenFalse, taken: 'yes' },
      ];
    }
    if (test.kind === 'flag') {
      const trueByDefault = test.predicate.whenUnset === test.positive;
      return [
        { id: a, environment: 'unknown', taken: trueByDefault ? 'yes' : 'no' },
        { id: b, environment: 'unknown', taken: trueByDefault ? 'no' : 'yes' },
      ];
    }
    return [
      { id: a, environment: 'unknown', taken: 'maybe' },
      { id: b, environment: 'unknown', taken: 'maybe' },
    ];
  }

  #expression(expression: SyntaxNode, ctx: Ctx): void {
    if (expression.type === 'assignment') {
      const left = expression.childForFieldName('left');
      let right = expression.childForFieldName('right');
      // a = b = {...}: the innermost value
      while (right?.type === 'assignment') right = right.childForFieldName('right');
      if (!left || !right) return;
      const path = this.#databasesPath(left);
      if (path === undefined) {
        if (mentionsDatabases(left)) this.#openAll(ctx);
        return;
      }
      this.#assign(path, right, ctx);
      return;
    }
    if (expression.type === 'augmented_assignment') {
      const left = expression.childForFieldName('left');
      const right = expression.childForFieldName('right');
      const path = left ? this.#databasesPath(left) : undefined;
      if (path !== undefined && right && expression.childForFieldName('operator')?.text === '|=')
        this.#update(path, right, ctx);
      else if (left && mentionsDatabases(left)) this.#openAll(ctx);
      return;
    }
    if (expression.type === 'call') {
      const fn = expression.childForFieldName('function');
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'update') {
        const object = fn.childForFieldName('object');
        const path = object ? this.#databasesPath(object) : undefined;
        const parts = callParts(expression);
        if (path !== undefined && parts.positional.length === 1 && parts.keywords.size === 0) {
          this.#update(path, parts.positional[0]!, ctx);
          return;
        }
      }
      if (mentionsDatabases(expression)) this.#openAll(ctx);
    }
  }

  /** `DATABASES` → [], `DATABASES['default']['OPTIONS']` → ['default', 'OPTIONS']; undefined otherwise. */
  #databasesPath(node: SyntaxNode): string[] | undefined {
    const n = unwrapParens(node);
    if (n.type === 'identifier') return n.text === 'DATABASES' ? [] : undefined;
    if (n.type === 'attribute')
      return dottedName(n)?.at(-1) === 'DATABASES' &&
        dottedName(n)?.length === 2 &&
        dottedName(n)?.[0] === 'settings'
        ? []
        : undefined;
    if (n.type !== 'subscript') return undefined;
    const object = n.childForFieldName('value');
    const base = object ? this.#databasesPath(object) : undefined;
    if (base === undefined) return undefined;
    const key = this.#lower.constantString(n.childForFieldName('subscript'));
    return key === undefined ? undefined : [...base, key];
  }

  #assign(path: string[], right: SyntaxNode, ctx: Ctx): void {
    const seq = ++this.#seq;
    if (path.length === 0) {
      this.#defineAll(right, ctx, seq);
      return;
    }
    const [alias, ...rest] = path as [string, ...string[]];
    if (rest.length === 0) {
      this.#defineEntry(alias, right, ctx, seq);
      return;
    }
    for (const entry of this.#targets(alias, ctx))
      this.#setKey(entry.entry, rest, right, seq, entry.maybe);
  }

  /** `.update(...)` / `|=`: merge keys. */
  #update(path: string[], argument: SyntaxNode, ctx: Ctx): void {
    const seq = ++this.#seq;
    const arg = this.#lower.resolve(argument);
    if (path.length === 0) {
      if (arg.type !== 'dictionary') return this.#openAll(ctx);
      for (const pair of named(arg)) {
        const key =
          pair.type === 'pair'
            ? this.#lower.constantString(pair.childForFieldName('key'))
            : undefined;
        const value = pair.childForFieldName('value');
        if (key !== undefined && value) this.#defineEntry(key, value, ctx, seq);
        else this.#openAll(ctx);
      }
      return;
    }
    const [alias, ...rest] = path as [string, ...string[]];
    for (const { entry, maybe } of this.#targets(alias, ctx)) {
      if (rest.length === 0) {
        const source = this.#urlSource(arg, seq);
        if (source) {
          if (!maybe) entry.source = source;
          else entry.open = true;
          continue;
        }
      }
      if (arg.type !== 'dictionary') {
        if (rest.length === 1 && rest[0] === 'OPTIONS') entry.optionsOpen = true;
        else entry.open = true;
        continue;
      }
      for (const pair of named(arg)) {
        const key =
          pair.type === 'pair'
            ? this.#lower.constantString(pair.childForFieldName('key'))
            : undefined;
        const value = pair.childForFieldName('value');
        if (key !== undefined && value) this.#setKey(entry, [...rest, key], value, seq, maybe);
        else if (rest.length === 0) entry.open = true;
        else entry.optionsOpen = true;
      }
    }
  }

  /** The live entries of `alias` a statement in `ctx` changes; creates an orphan when there is none. */
  #targets(alias: string, ctx: Ctx): { entry: Entry; maybe: boolean }[] {
    const out: { entry: Entry; maybe: boolean }[] = [];
    let blocked = false;
    for (const entry of this.#entries) {
      if (!entry.live || entry.alias !== alias) continue;
      const applies = this.#applies(ctx, entry.ctx);
      if (applies === 'no') blocked = true;
      else if (applies !== 'other-environment') out.push({ entry, maybe: applies === 'maybe' });
    }
    // No entry of that environment here: it is defined elsewhere (another module, or the
    // file's other environment); what this statement writes is still judged, in its own.
    if (out.length === 0 && !blocked) {
      const entry = this.#newEntry(alias, ctx, this.#input.root);
      entry.orphan = true;
      out.push({ entry, maybe: false });
    }
    return out;
  }

  /**
   * Whether a statement at `change` changes an entry defined at `defined`: the branches
   * the change sits in beyond the ones they share decide.
   */
  #applies(change: Ctx, defined: Ctx): 'yes' | 'no' | 'maybe' | 'other-environment' {
    let i = 0;
    while (
      i < change.path.length &&
      i < defined.path.length &&
      change.path[i]!.id === defined.path[i]!.id
    )
      i++;
    const definedEnv = this.#environmentOf(defined);
    let result: 'yes' | 'no' | 'maybe' | 'other-environment' = 'yes';
    for (const segment of change.path.slice(i)) {
      if (segment.taken === 'no') return 'no';
      if (
        segment.environment !== 'unknown' &&
        (segment.environment === 'development') !== (definedEnv === 'development')
      )
        result = 'other-environment';
      else if (segment.taken === 'maybe' && result === 'yes') result = 'maybe';
    }
    // A definition inside a branch the change is not in: the change still runs after it.
    return result;
  }

  #environmentOf(ctx: Ctx): Environment {
    for (let i = ctx.path.length - 1; i >= 0; i--) {
      const env = ctx.path[i]!.environment;
      if (env !== 'unknown') return env;
    }
    return this.#input.file.environment;
  }

  #newEntry(alias: string, ctx: Ctx, node: SyntaxNode): Entry {
    const entry: Entry = {
      alias,
      ctx,
      node,
      keys: new Map(),
      optionsOpen: false,
      open: false,
      maybe: new Set(),
      orphan: false,
      live: true,
      passwords: [],
    };
    this.#entries.push(entry);
    return entry;
  }

  /** `DATABASES = {...}`: new entries; earlier ones the statement always replaces are dead. */
  #defineAll(right: SyntaxNode, ctx: Ctx, seq: number): void {
    const value = this.#lower.resolve(right);
    for (const entry of this.#entries)
      if (entry.live && this.#applies(ctx, entry.ctx) === 'yes') entry.live = false;
    if (value.type !== 'dictionary') return;
    for (const pair of named(value)) {
      if (pair.type !== 'pair') continue;
      const alias = this.#lower.constantString(pair.childForFieldName('key'));
      const entryNode = pair.childForFieldName('value');
      if (alias !== undefined && entryNode) this.#defineEntry(alias, entryNode, ctx, seq, false);
    }
  }

  #defineEntry(alias: string, node: SyntaxNode, ctx: Ctx, seq: number, replace = true): void {
    if (replace)
      for (const entry of this.#entries)
        if (entry.live && entry.alias === alias && this.#applies(ctx, entry.ctx) === 'yes')
          entry.live = false;
    const resolved = this.#lower.resolve(node);
    const entry = this.#newEntry(alias, ctx, resolved);
    const source = this.#urlSource(resolved, seq);
    if (source) {
      entry.source = source;
      return;
    }
    if (resolved.type !== 'dictionary') {
      entry.open = true;
      return;
    }
    entry.dict = resolved;
    for (const child of named(resolved)) {
      if (child.type === 'dictionary_splat') {
        // {**dj_database_url.config(...), 'CONN_MAX_AGE': 60}
        const inner = named(child)[0];
        const splat = inner ? this.#urlSource(this.#lower.resolve(inner), seq) : undefined;
        if (splat) entry.source = splat;
        else entry.open = true;
        continue;
      }
      if (child.type !== 'pair') {
        entry.open = true;
        continue;
      }
      const key = this.#lower.constantString(child.childForFieldName('key'));
      const value = child.childForFieldName('value');
      if (key === undefined || !value) entry.open = true;
      else this.#setKey(entry, [key], value, seq, false);
    }
  }

  #setKey(entry: Entry, path: string[], valueNode: SyntaxNode, seq: number, maybe: boolean): void {
    const [key, ...rest] = path as [string, ...string[]];
    if (key === 'OPTIONS') {
      if (rest.length === 0) {
        if (maybe) {
          entry.optionsOpen = true;
          return;
        }
        const resolved = this.#lower.resolve(valueNode);
        entry.options = new Map();
        entry.optionsOpen = false;
        entry.optionsDict = undefined;
        if (entry.source) entry.source = { ...entry.source, seq: -1 }; // replaced OPTIONS: the URL's TLS no longer counts
        if (resolved.type !== 'dictionary') {
          entry.optionsOpen = true;
          return;
        }
        entry.optionsDict = resolved;
        for (const child of named(resolved)) {
          const k =
            child.type === 'pair'
              ? this.#lower.constantString(child.childForFieldName('key'))
              : undefined;
          const v = child.childForFieldName('value');
          if (k === undefined || !v) entry.optionsOpen = true;
          else entry.options.set(k, { value: this.#lower.value(v), node: v, seq, maybe: false });
        }
        return;
      }
      if (rest.length === 1) {
        if (maybe) {
          entry.optionsOpen = true;
          return;
        }
        entry.options ??= new Map();
        entry.options.set(rest[0]!, {
          value: this.#lower.value(valueNode),
          node: valueNode,
          seq,
          maybe: false,
        });
        return;
      }
      entry.optionsOpen = true;
      return;
    }
    if (rest.length > 0) return; // TEST: {...} and other nested settings
    const write: Write = { value: this.#lower.value(valueNode), node: valueNode, seq, maybe };
    if (key === 'PASSWORD') entry.passwords.push(write);
    if (maybe) {
      entry.maybe.add(key);
      return;
    }
    entry.keys.set(key, write);
  }

  #openAll(ctx: Ctx): void {
    for (const entry of this.#entries)
      if (
        entry.live &&
        this.#applies(ctx, entry.ctx) !== 'no' &&
        this.#applies(ctx, entry.ctx) !== 'other-environment'
      )
        entry.open = true;
  }

  /** dj_database_url.config/parse(...), env.db(...), env.db_url(...). */
  #urlSource(node: SyntaxNode, seq: number): UrlSource | undefined {
    if (node.type !== 'call') return undefined;
    const parts = callParts(node);
    const q = this.#lower.qualified(parts.callee);
    if (!q || !parts.callee) return undefined;
    const literalOf = (n: SyntaxNode | undefined): LiteralValue | undefined => {
      if (!n) return undefined;
      const v = this.#lower.value(n);
      return v.kind === 'literal' && typeof v.value === 'string' ? v : undefined;
    };
    const envOf = (n: SyntaxNode | undefined): string | undefined =>
      n ? this.#lower.envRead(n)?.name : undefined;
    const sslRequire = parts.keywords.get('ssl_require')?.node;
    const engine = this.#lower.constantString(parts.keywords.get('engine')?.value);
    if (q === 'dj_database_url.config') {
      const url = literalOf(parts.keywords.get('default')?.value ?? parts.positional[1]);
      const envName =
        this.#lower.constantString(parts.keywords.get('env')?.value ?? parts.positional[0]) ??
        'DATABASE_URL';
      return {
        how: 'dj-database-url',
        call: node,
        seq,
        envName,
        ...(url ? { url } : {}),
        ...(sslRequire ? { sslRequire } : {}),
        ...(engine ? { engine } : {}),
      };
    }
    if (q === 'dj_database_url.parse') {
      const arg = parts.positional[0] ?? parts.keywords.get('url')?.value;
      const read = arg ? this.#lower.envRead(arg) : undefined;
      const url = literalOf(arg);
      return {
        how: 'dj-database-url',
        call: node,
        seq,
        ...(url ? { url } : {}),
        ...(read ? { envName: read.name } : {}),
        ...(sslRequire ? { sslRequire } : {}),
        ...(engine ? { engine } : {}),
      };
    }
    const method = parts.callee.length === 2 ? parts.callee[1] : undefined;
    if (
      (method === 'db' || method === 'db_url' || method === 'database_url') &&
      this.#lower.isEnvironInstance(parts.callee[0]!)
    ) {
      const url = literalOf(parts.keywords.get('default')?.value ?? parts.positional[1]);
      const envName =
        this.#lower.constantString(parts.keywords.get('var')?.value ?? parts.positional[0]) ??
        'DATABASE_URL';
      return {
        how: 'django-environ',
        call: node,
        seq,
        envName,
        ...(url ? { url } : {}),
        ...(engine ? { engine } : {}),
      };
    }
    if (q === 'environ.Env.db_url_config') {
      const url = literalOf(parts.positional[0]);
      return {
        how: 'django-environ',
        call: node,
        seq,
        ...(url ? { url } : {}),
        ...(envOf(parts.positional[0]) ? { envName: envOf(parts.positional[0])! } : {}),
      };
    }
    return undefined;
  }

  // ── judging ────────────────────────────────────────────────────────────────

  #judge(entry: Entry): void {
    const environment = this.#environmentOf(entry.ctx);
    const source = entry.source;
    const parsedUrl = source?.url ? parseConnectionUrl(source.url.value as string) : undefined;
    if (source?.url) this.#claimed.add(source.url.range[0]);
    const engineText = stringOf(entry.keys.get('ENGINE')?.value) ?? source?.engine;
    let engine: Engine = engineText !== undefined ? engineOf(engineText) : 'unknown';
    if (engine === 'unknown' && parsedUrl)
      engine =
        parsedUrl.family === 'postgres'
          ? 'postgres'
          : parsedUrl.family === 'mysql'
            ? 'mysql'
            : 'none';
    if (engine === 'unknown' && entry.options?.has('sslmode')) engine = 'postgres';
    if (engine === 'unknown' && (entry.options?.has('ssl_mode') || entry.options?.has('ssl')))
      engine = 'mysql';
    if (engineText === undefined && !source && entry.keys.has('ENGINE')) engine = 'unknown';

    // Loopback: HOST '' or absent is the local socket; a literal loopback name or socket path.
    const hostWrite = entry.keys.get('HOST');
    let loopback: boolean;
    let user = stringOf(entry.keys.get('USER')?.value);
    if (hostWrite) {
      const host =
        hostWrite.value.kind === 'literal' &&
        !hostWrite.value.fromEnv &&
        typeof hostWrite.value.value === 'string'
          ? hostWrite.value.value
          : undefined;
      loopback = host !== undefined && (host.trim() === '' || isLoopbackHost(host));
    } else if (source) {
      loopback =
        parsedUrl !== undefined &&
        parsedUrl.hosts.length > 0 &&
        parsedUrl.hosts.every(isLoopbackHost) &&
        !source.envName;
      user ??= parsedUrl?.user;
    } else {
      loopback = !entry.open && !entry.maybe.has('HOST') && !entry.orphan;
    }
    const label =
      engine === 'mysql'
        ? `Django MySQL database '${entry.alias}'`
        : engine === 'postgres'
          ? `Django PostgreSQL database '${entry.alias}'`
          : `Django database '${entry.alias}'`;

    // Passwords: every one written, even when overwritten later.
    for (const write of entry.passwords)
      this.#passwordValue(
        write.value,
        { kind: 'setting', key: 'PASSWORD' },
        label,
        environment,
        loopback,
        user,
      );

    if (source?.url && parsedUrl) {
      for (const credential of parsedUrl.credentials) {
        const range =
          source.url.verbatim && source.url.contentStart !== undefined
            ? ([
                source.url.contentStart + credential.start,
                source.url.contentStart + credential.end,
              ] as const)
            : source.url.range;
        this.#addPassword({
          secret: credential.value,
          range,
          holder: source.url.fromEnv
            ? { kind: 'default-url', name: source.envName ?? 'DATABASE_URL' }
            : { kind: 'database-url' },
          driver: source.how,
          environment,
          loopback,
          inComment: false,
          ...(parsedUrl.user ? { user: parsedUrl.user } : {}),
        });
      }
    }
    const base = {
      environment,
      loopback,
      explicit: entry.ctx.path.some((s) => s.taken !== 'yes'),
      literal: true,
    };
    if (engine === 'postgres') this.#judgePostgres(entry, label, base, parsedUrl);
    else if (engine === 'mysql') this.#judgeMysql(entry, label, base, parsedUrl);
    else if (
      engine === 'unknown' &&
      source &&
      !source.url &&
      this.#sslmodeWrite(entry) === undefined
    ) {
      this.#sslRequire(entry, label, base, undefined);
      if (entry.live && !source.sslRequire) this.#unresolved(entry, source, base);
    }
  }

  #sslmodeWrite(entry: Entry): Write | undefined {
    const write = entry.options?.get('sslmode');
    if (!write) return undefined;
    return !entry.source || entry.source.seq < write.seq ? write : undefined;
  }

  #judgePostgres(
    entry: Entry,
    label: string,
    base: ObservationBase,
    url: ConnectionUrl | undefined,
  ): void {
    const source = entry.source;
    const sslmode = this.#sslmodeWrite(entry);
    const rootcert = entry.options?.get('sslrootcert');
    for (const key of ['ssl_min_protocol_version', 'ssl_max_protocol_version']) {
      const write = entry.options?.get(key);
      if (write) this.#tlsVersion(write, key, label, base);
    }
    if (sslmode) {
      this.#judgeSslmodeValue(
        sslmode,
        rootcert !== undefined && stringOf(rootcert.value) !== '',
        label,
        base,
      );
      return;
    }
    if (source && source.seq >= 0) {
      if (this.#sslRequire(entry, label, base, url)) return;
      if (source.url && url) {
        const { verdicts } = readUrl('libpq', {
          literal: source.url,
          url,
          environment: base.environment,
          explicit: base.explicit,
          driver: `${source.how} URL`,
          optionMayEnableTls: false,
        });
        this.#push(verdicts.map((v) => ({ ...v, loopback: base.loopback || v.loopback })));
        return;
      }
      if (entry.live) this.#unresolved(entry, source, base);
      return;
    }
    if (
      !entry.live ||
      entry.orphan ||
      entry.open ||
      entry.optionsOpen ||
      entry.maybe.has('OPTIONS')
    )
      return;
    if (entry.options && !entry.optionsDict && entry.options.size === 0) return;
    this.#observe({
      ...base,
      kind: 'tls-off',
      range: range(entry.node),
      message: {
        id: 'djangoWithoutSslmode',
        data: {
          driver: label,
          secure: '"OPTIONS": {"sslmode": "verify-full"} (plus "sslrootcert" for a private CA)',
        },
      },
      setting: 'sslmode',
      fixes: this.#insertOption(
        entry,
        'sslmode',
        'verify-full',
        'Add sslmode verify-full to the database OPTIONS',
      ),
    });
  }

  #judgeSslmodeValue(
    write: Write,
    hasRootCert: boolean,
    label: string,
    base: ObservationBase,
  ): void {
    for (const alt of alternatives(write.value, base.environment, NO_GUARDS, base.explicit)) {
      const v = alt.value;
      const at = { ...base, environment: alt.environment, explicit: alt.explicit };
      if (v.kind === 'env') {
        this.#observe({
          ...at,
          kind: 'tls-unresolved',
          literal: false,
          range: v.range,
          message: v.name
            ? {
                id: 'sslmodeFromVariable',
                data: { driver: label, env: v.name, secure: '"sslmode": "verify-full"' },
              }
            : {
                id: 'sslmodeFromEnvironment',
                data: { driver: label, secure: '"sslmode": "verify-full"' },
              },
          setting: 'sslmode',
          fixes: [],
        });
        continue;
      }
      if (v.kind !== 'literal' || typeof v.value !== 'string') continue;
      const text = v.value;
      const unless = v.fromEnv?.name;
      const mode = parseSslmode(text);
      const fix = this.#replaceString(v, 'verify-full', 'Set sslmode to verify-full');
      const secure = '"sslmode": "verify-full"';
      if (mode === undefined || mode === 'no-verify' || mode !== text) {
        this.#observe({
          ...at,
          kind: 'invalid-tls-value',
          range: v.range,
          message: unless
            ? {
                id: 'invalidDjangoSslmodeUnlessSet',
                data: { driver: label, value: text.slice(0, 40), env: unless, secure },
              }
            : {
                id: 'invalidDjangoSslmode',
                data: { driver: label, value: text.slice(0, 40), secure },
              },
          setting: 'sslmode',
          fixes: fix,
        });
      } else if (mode === 'disable') {
        this.#observe({
          ...at,
          kind: 'tls-off',
          range: v.range,
          message: unless
            ? {
                id: 'settingTurnsTlsOffUnlessSet',
                data: { driver: label, setting: "sslmode 'disable'", env: unless, secure },
              }
            : {
                id: 'settingTurnsTlsOff',
                data: { driver: label, setting: "sslmode 'disable'", secure },
              },
          setting: 'sslmode',
          fixes: fix,
        });
      } else if (mode !== 'verify-full') {
        const effective: SslmodeValue = mode === 'require' && hasRootCert ? 'verify-ca' : mode;
        // libpq with a root certificate verifies the chain under `require` (DRIVERS §16).
        const messages = SSLMODES[mode].messages!;
        const setting = `sslmode '${mode}'`;
        const weakMessage =
          mode === 'require' && hasRootCert
            ? unless
              ? message('sslmodeRequireWithRootCertUnlessSet', {
                  driver: label,
                  env: unless,
                  secure,
                })
              : message('sslmodeRequireWithRootCert', { driver: label, secure })
            : unless
              ? message(messages.unlessSet, { driver: label, setting, env: unless, secure })
              : message(messages.plain, { driver: label, setting, secure });
        this.#observe({
          ...at,
          kind: 'weak-sslmode',
          range: v.range,
          message: weakMessage,
          setting: 'sslmode',
          sslmode: effective,
          fixes: fix,
        });
      }
    }
  }

  #tlsVersion(write: Write, key: string, label: string, base: ObservationBase): void {
    for (const alt of alternatives(write.value, base.environment, NO_GUARDS, base.explicit)) {
      const text = stringOf(alt.value);
      if (text === undefined) continue;
      const version = parseTlsVersion(text);
      if (version === undefined) continue;
      const min = key === 'ssl_min_protocol_version';
      if (!min && version !== 'TLSv1' && version !== 'TLSv1.1') continue;
      if (min && version === 'TLSv1.3') continue;
      const minimum = this.#input.options.minimumTlsVersion;
      this.#observe({
        ...base,
        environment: alt.environment,
        explicit: alt.explicit,
        loopback: false,
        kind: 'weak-tls-version',
        range: alt.value.range,
        message: {
          id: min ? 'djangoVersionAllows' : 'djangoVersionForces',
          data: {
            driver: label,
            key,
            value: text,
            version,
            secure: `"ssl_min_protocol_version": "${minimum}"`,
          },
        },
        setting: key,
        tlsVersion: version,
        fixes:
          min && alt.value.kind === 'literal' && version !== minimum
            ? this.#replaceString(alt.value, minimum, `Set ssl_min_protocol_version to ${minimum}`)
            : [],
      });
    }
  }

  /** dj-database-url `ssl_require=True`: sslmode forced to `require`, over the URL's own sslmode (DRIVERS §16, §20). */
  #sslRequire(
    entry: Entry,
    label: string,
    base: ObservationBase,
    url: ConnectionUrl | undefined,
  ): boolean {
    const source = entry.source;
    const kwarg = source?.sslRequire;
    if (!source || !kwarg || source.seq < 0) return false;
    const valueNode = kwarg.childForFieldName('value');
    if (!valueNode) return false;
    const value = this.#lower.value(valueNode);
    let environment: Environment | undefined;
    if (value.kind === 'literal')
      environment = value.value === true || value.value === 1 ? base.environment : undefined;
    else {
      // ssl_require=not DEBUG: true in the environment the test names.
      const test = this.#lower.test(valueNode);
      if (test.kind === 'environment')
        environment = test.whenTrue === 'unknown' ? base.environment : test.whenTrue;
    }
    if (environment === undefined) return false;
    if (url?.family === 'mysql') {
      this.#observe({
        ...base,
        environment,
        kind: 'invalid-tls-value',
        range: range(kwarg),
        message: {
          id: 'djangoSslRequireMysql',
          data: {
            driver: label,
            secure: '"OPTIONS": {"ssl_mode": "VERIFY_IDENTITY"} (and no ssl_require)',
          },
        },
        setting: 'ssl_require',
        fixes: [],
      });
      return true;
    }
    const fixes: FixIntent[] = [];
    if (source.url && url && environment !== 'development') {
      const urlFix = setUrlParams(source.url, url, [['sslmode', 'verify-full']], '');
      const removal = removeKeyword(kwarg, this.#input.text);
      if (urlFix && removal)
        fixes.push({
          description: 'Drop ssl_require and set sslmode=verify-full in the URL',
          edits: [...urlFix.edits, removal],
          safe: false,
        });
    }
    this.#observe({
      ...base,
      environment,
      kind: 'weak-sslmode',
      range: range(kwarg),
      message: {
        id: 'djangoSslRequire',
        data: {
          driver: `${label} (dj-database-url)`,
          secure: 'no ssl_require, and sslmode=verify-full in the database URL',
        },
      },
      setting: 'ssl_require',
      sslmode: 'require',
      fixes,
    });
    return true;
  }

  #unresolved(entry: Entry, source: UrlSource, base: ObservationBase): void {
    this.#observe({
      ...base,
      loopback: false,
      literal: false,
      kind: 'tls-unresolved',
      range: range(source.call),
      message: (() => {
        const driver = `Django database '${entry.alias}' (${source.how})`;
        const secure = 'sslmode=verify-full in the URL, or "OPTIONS": {"sslmode": "verify-full"}';
        return source.envName
          ? message('databaseUrlFromVariable', { driver, env: source.envName, secure })
          : message('databaseUrlFromEnvironment', { driver, secure });
      })(),
      setting: 'url',
      fixes: [],
    });
  }

  #judgeMysql(
    entry: Entry,
    label: string,
    base: ObservationBase,
    url: ConnectionUrl | undefined,
  ): void {
    const source = entry.source;
    const secure = '"OPTIONS": {"ssl_mode": "VERIFY_IDENTITY"}';
    const mode = entry.options?.get('ssl_mode');
    const ssl = entry.options?.get('ssl');
    if (source && source.seq >= 0 && !mode && !ssl) {
      if (this.#sslRequire(entry, label, base, url)) return;
      if (source.url && url) {
        // dj-database-url / django-environ put the query into OPTIONS (ssl-ca → ssl: {ca}).
        const param = url.params.get('ssl_mode') ?? url.params.get('ssl-mode');
        const at = { ...base, range: source.url.range };
        if (param) this.#mysqlMode(param.value, undefined, label, at);
        else if (url.params.has('ssl-ca') || url.params.has('ssl_ca'))
          this.#observe({
            ...at,
            kind: 'weak-sslmode',
            message: { id: 'mysqlclientSslCa', data: { driver: label, secure } },
            setting: 'ssl-ca',
            sslmode: 'verify-ca',
            fixes: [],
          });
        else
          this.#observe({
            ...at,
            kind: 'tls-off',
            message: {
              id: 'mysqlclientUrlWithoutSslMode',
              data: { driver: label, secure: 'ssl_mode=VERIFY_IDENTITY in the URL' },
            },
            setting: 'ssl_mode',
            fixes: [],
          });
        return;
      }
      if (entry.live) this.#unresolved(entry, source, base);
      return;
    }
    if (mode) {
      for (const alt of alternatives(mode.value, base.environment, NO_GUARDS, base.explicit)) {
        if (alt.value.kind === 'literal' && typeof alt.value.value === 'string')
          this.#mysqlMode(alt.value.value, alt.value, label, {
            ...base,
            environment: alt.environment,
            explicit: alt.explicit,
            range: alt.value.range,
          });
      }
      return;
    }
    if (ssl) {
      const v = this.#lower.resolve(ssl.node);
      const value = ssl.value;
      if (value.kind === 'literal' && value.value === true) {
        this.#observe({
          ...base,
          kind: 'weak-sslmode',
          range: value.range,
          message: { id: 'mysqlclientSslTrue', data: { driver: label, secure } },
          setting: 'ssl',
          sslmode: 'require',
          fixes: this.#insertOption(
            entry,
            'ssl_mode',
            'VERIFY_IDENTITY',
            'Add ssl_mode VERIFY_IDENTITY to the database OPTIONS',
          ),
        });
        return;
      }
      if (value.kind === 'object' && value.properties.length > 0) {
        const hasCa = value.properties.some((p) => p.key === 'ca' || p.key === 'capath');
        this.#observe({
          ...base,
          kind: 'weak-sslmode',
          range: range(v),
          message: message(hasCa ? 'mysqlclientSslCaWithoutMode' : 'mysqlclientSslWithoutCa', {
            driver: label,
            secure,
          }),
          setting: 'ssl',
          sslmode: hasCa ? 'verify-ca' : 'require',
          fixes: this.#insertOption(
            entry,
            'ssl_mode',
            'VERIFY_IDENTITY',
            'Add ssl_mode VERIFY_IDENTITY to the database OPTIONS',
          ),
        });
        return;
      }
      if (value.kind !== 'literal') return; // read elsewhere: cannot tell
    }
    if (
      !entry.live ||
      entry.orphan ||
      entry.open ||
      entry.optionsOpen ||
      entry.maybe.has('OPTIONS')
    )
      return;
    this.#observe({
      ...base,
      kind: 'tls-off',
      range: range(entry.node),
      message: { id: 'mysqlclientWithoutSslMode', data: { driver: label, secure } },
      setting: 'ssl_mode',
      fixes: this.#insertOption(
        entry,
        'ssl_mode',
        'VERIFY_IDENTITY',
        'Add ssl_mode VERIFY_IDENTITY to the database OPTIONS',
      ),
    });
  }

  #mysqlMode(
    text: string,
    literal: LiteralValue | undefined,
    label: string,
    at: ObservationBase & { range: readonly [number, number] },
  ): void {
    const mode = parseMysqlSslMode(text);
    const secure = '"ssl_mode": "VERIFY_IDENTITY"';
    const fixes = literal
      ? this.#replaceString(literal, 'VERIFY_IDENTITY', 'Set ssl_mode to VERIFY_IDENTITY')
      : [];
    const shown = text.slice(0, 40);
    if (mode === undefined)
      this.#observe({
        ...at,
        kind: 'invalid-tls-value',
        message: { id: 'invalidMysqlSslMode', data: { driver: label, value: shown, secure } },
        setting: 'ssl_mode',
        fixes,
      });
    else if (mode === 'disable')
      this.#observe({
        ...at,
        kind: 'tls-off',
        message: {
          id: 'settingTurnsTlsOff',
          data: { driver: label, setting: `ssl_mode '${shown}'`, secure },
        },
        setting: 'ssl_mode',
        fixes,
      });
    else if (mode !== 'verify-full')
      this.#observe({
        ...at,
        kind: 'weak-sslmode',
        message: message(SSLMODES[mode].messages!.plain, {
          driver: label,
          setting: `ssl_mode '${shown}'`,
          secure,
        }),
        setting: 'ssl_mode',
        sslmode: mode,
        fixes,
      });
  }

  // ── fixes ──────────────────────────────────────────────────────────────────

  /** Replaces a string literal's characters, keeping its quotes. */
  #replaceString(literal: Value, text: string, description: string): FixIntent[] {
    if (
      literal.kind !== 'literal' ||
      !literal.verbatim ||
      literal.contentStart === undefined ||
      typeof literal.value !== 'string'
    )
      return [];
    return [
      {
        description,
        edits: [
          { range: [literal.contentStart, literal.contentStart + literal.value.length], text },
        ],
        safe: true,
      },
    ];
  }

  /** Adds `'key': 'value'` to OPTIONS, or `'OPTIONS': {'key': 'value'}` to the entry, in the dict's style. */
  #insertOption(entry: Entry, key: string, value: string, description: string): FixIntent[] {
    const target = entry.optionsDict ?? entry.dict;
    if (!target || (entry.options && !entry.optionsDict)) return [];
    const q = quoteOf(target, this.#input.text);
    const item = `${q}${key}${q}: ${q}${value}${q}`;
    const text = entry.optionsDict ? item : `${q}OPTIONS${q}: {${item}}`;
    const edits = insertIntoDict(target, text, this.#input.text, this.#eol);
    return edits ? [{ description, edits, safe: true }] : [];
  }

  // ── observations and passwords ─────────────────────────────────────────────

  #observe(verdict: Verdict): void {
    this.verdicts.push(verdict);
  }

  #push(verdicts: Verdict[]): void {
    this.verdicts.push(...verdicts);
  }

  #passwordValue(
    value: Value,
    holder: PasswordHolder,
    driver: string,
    environment: Environment,
    loopback: boolean,
    user: string | undefined,
  ): void {
    const candidates = passwordCandidates(value, {
      holder,
      driver,
      environment,
      guards: NO_GUARDS,
      loopback,
      replaceable: false,
      fallback: 'environment-default',
      ...(user !== undefined ? { user } : {}),
    });
    for (const candidate of candidates) this.#addPassword(candidate);
  }

  #addPassword(candidate: PasswordCandidate): void {
    const key = `${candidate.range[0]}:${candidate.range[1]}`;
    if (this.#passwordRanges.has(key)) return;
    this.#passwordRanges.add(key);
    this.passwords.push(candidate);
  }

  /**
   * Everything outside DATABASES: environment reads of password variables with a literal
   * default, `DB_PASSWORD = '…'`, and connection URLs written as string literals.
   */
  #sweep(node: SyntaxNode, depth: number): void {
    const stack: { node: SyntaxNode; depth: number }[] = [{ node, depth }];
    while (stack.length > 0) {
      const { node: n, depth: d } = stack.pop()!;
      if (n.type === 'string') {
        this.#freeString(n);
        continue;
      }
      if (n.type === 'call' || n.type === 'subscript' || n.type === 'boolean_operator') {
        const read = this.#lower.envRead(n);
        if (read?.fallback && isDatabasePasswordName(read.name))
          this.#passwordValue(
            this.#lower.value(n),
            { kind: 'environment-default', name: read.name },
            'environment read',
            this.#environmentAt(n),
            false,
            undefined,
          );
      }
      if (n.type === 'assignment') {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        if (left?.type === 'identifier' && right && PASSWORD_NAME.test(left.text))
          this.#passwordValue(
            this.#lower.value(right),
            { kind: 'assignment', name: left.text },
            'settings',
            this.#environmentAt(n),
            false,
            undefined,
          );
      }
      if (d > 200) continue;
      for (let i = n.namedChildCount - 1; i >= 0; i--) {
        const child = n.namedChild(i);
        if (child) stack.push({ node: child, depth: d + 1 });
      }
    }
  }

  /** A connection URL in a string literal: its credentials, and its TLS when no consumer claimed it. */
  #freeString(node: SyntaxNode): void {
    const value = this.#lower.value(node);
    if (value.kind !== 'literal' || typeof value.value !== 'string' || !value.value.includes('://'))
      return;
    const judged = judgeFreeConnectionString(value, {
      environment: this.#environmentAt(node),
      claimed: this.#claimed.has(value.range[0]),
      // Only what a Python program hands to libpq-style consumers: postgres and redis URLs.
      semantics: (url) =>
        url.family === 'postgres' || url.family === 'redis' ? 'libpq' : undefined,
    });
    for (const password of judged.passwords) this.#addPassword(password);
    this.#push(judged.verdicts);
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
          .some((a) => a?.type === 'elif_clause');
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

  /** Real-looking secrets in comments: connection URLs and `password=` pairs. */
  #comments(): void {
    const stack: SyntaxNode[] = [this.#input.root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.type === 'comment') {
        for (const found of commentSecrets(n.text, n.startIndex, this.#input.file.environment))
          this.#addPassword(found);
        continue;
      }
      for (let i = n.childCount - 1; i >= 0; i--) {
        const child = n.child(i);
        if (child && (child.childCount > 0 || child.type === 'comment')) stack.push(child);
      }
    }
  }
}

type ObservationBase = Pick<Verdict, 'environment' | 'loopback' | 'explicit' | 'literal'>;

function input(root: SyntaxNode): SyntaxNode[] {
  return named(root);
}

function range(node: SyntaxNode): readonly [number, number] {
  return [node.startIndex, node.endIndex];
}

function mentionsDatabases(node: SyntaxNode): boolean {
  const stack = [node];
  let seen = 0;
  while (stack.length > 0 && seen++ < 10_000) {
    const n = stack.pop()!;
    if (n.type === 'identifier' && n.text === 'DATABASES') return true;
    for (const child of n.namedChildren) if (child) stack.push(child);
  }
  return false;
}

/** The quote the dict's keys use (the file's style), double quotes when it has none. */
function quoteOf(dict: SyntaxNode, text: string): string {
  for (const pair of named(dict)) {
    const key = pair.childForFieldName('key');
    if (key?.type === 'string') {
      const start = key.children.find((c) => c?.type === 'string_start')?.text ?? '';
      if (start.endsWith("'") && !start.endsWith("'''")) return "'";
      if (start.endsWith('"') && !start.endsWith('"""')) return '"';
    }
  }
  return text.includes("'ENGINE'") ? "'" : '"';
}

/**
 * Inserts `item` as the last entry of a dict literal, in its layout: on its own line with
 * the entries' indentation and trailing-comma style when the dict spans lines, inline otherwise.
 */
export function insertIntoDict(
  dict: SyntaxNode,
  item: string,
  text: string,
  eol: string,
): TextEdit[] | undefined {
  const children = dict.children.filter((c): c is SyntaxNode => c !== null);
  const close = children.at(-1);
  if (!close || close.type !== '}') return undefined;
  const entries = children.filter((c) => c.type === 'pair' || c.type === 'dictionary_splat');
  const last = entries.at(-1);
  if (!last) return [{ range: [dict.startIndex + 1, dict.startIndex + 1], text: item }];
  const lastIndex = children.indexOf(last);
  const trailingComma = children.slice(lastIndex + 1).some((c) => c.type === ',');
  const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const multiline = text.slice(dict.startIndex, last.startIndex).includes('\n');
  if (!multiline) {
    if (!trailingComma) return [{ range: [last.endIndex, last.endIndex], text: `, ${item}` }];
    const at = commaAfter(children, lastIndex);
    return [{ range: [at, at], text: ` ${item},` }];
  }
  const indent =
    /^[ \t]*/.exec(text.slice(lineStart(last.startIndex), last.startIndex))?.[0] ?? '    ';
  const closeLineStart = lineStart(close.startIndex);
  const closeOnOwnLine = /^[ \t]*$/.test(text.slice(closeLineStart, close.startIndex));
  const edits: TextEdit[] = [];
  if (closeOnOwnLine) {
    if (!trailingComma) edits.push({ range: [last.endIndex, last.endIndex], text: ',' });
    edits.push({ range: [closeLineStart, closeLineStart], text: `${indent}${item},${eol}` });
    return edits;
  }
  const after = trailingComma ? commaAfter(children, lastIndex) : last.endIndex;
  return [
    {
      range: [after, after],
      text: `${trailingComma ? '' : ','}${eol}${indent}${item}${trailingComma ? ',' : ''}`,
    },
  ];
}

function commaAfter(children: SyntaxNode[], index: number): number {
  for (const c of children.slice(index + 1)) if (c.type === ',') return c.endIndex;
  return children[index]!.endIndex;
}

/** Removes a keyword argument and the comma that separates it from its neighbour. */
function removeKeyword(kwarg: SyntaxNode, text: string): TextEdit | undefined {
  const args = kwarg.parent;
  if (!args) return undefined;
  const siblings = args.children.filter((c): c is SyntaxNode => c !== null);
  const i = siblings.findIndex((c) => c.id === kwarg.id);
  const before = siblings[i - 1];
  const after = siblings[i + 1];
  if (before?.type === ',') return { range: [before.startIndex, kwarg.endIndex], text: '' };
  if (after?.type === ',') {
    let end = after.endIndex;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
    return { range: [kwarg.startIndex, end], text: '' };
  }
  return { range: [kwarg.startIndex, kwarg.endIndex], text: '' };
}
