/**
 * A settings module's `DATABASES`, read statement by statement as Python runs them, lowered
 * into the core's `DjangoDatabase` entries (judged by core/readers/django.ts).
 *
 * `DATABASES = {...}` defines entries; `DATABASES['default'] = …`,
 * `DATABASES['default']['OPTIONS'] = …`, `['OPTIONS']['sslmode'] = …`, `.update(...)` and
 * `|=` change them. An `if` on the environment (`if DEBUG:`,
 * `if os.environ.get('DJANGO_ENV') == 'production':`, `if 'CI' in os.environ:`) gives the
 * statements inside it their environment; a change made in a branch applies only to entries
 * of a compatible environment, and one made in a branch that may not run leaves the key
 * "maybe changed". dj-database-url and django-environ calls become the entry's URL source.
 */
import type { DjangoDatabase, DjangoUrlSource } from '../../core/readers/django.js';
import type {
  Environment,
  LiteralValue,
  ObjectValue,
  Property,
  Range,
  Value,
} from '../../core/model.js';
import { keywordRemoval } from './layout.js';
import {
  callParts,
  dottedName,
  named,
  unwrapParens,
  type Lowerer,
  type SyntaxNode,
} from './lower.js';

const MAX_DEPTH = 40;

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

/** A key of a `DATABASES[...][...]` path, and where it is written. */
interface Key {
  name: string;
  node: SyntaxNode;
  /** NetBox's `DATABASE` dict: the `default` database, PostgreSQL unless ENGINE says otherwise. */
  netbox?: true;
}

/** One write of a setting: `'HOST': '…'` in a dict, or `DATABASES['default']['HOST'] = …`. */
interface Write {
  value: Value;
  seq: number;
  /** The key as written, and the pair or statement that writes it. */
  keyRange: Range;
  range: Range;
}

/** A dj-database-url / django-environ call that builds the entry from a URL. */
interface UrlSource {
  how: DjangoUrlSource['how'];
  call: SyntaxNode;
  seq: number;
  url?: LiteralValue;
  envName?: string;
  /** The `ssl_require=` keyword argument. */
  sslRequire?: SyntaxNode;
  engine?: string;
  /** OPTIONS was replaced after the call. */
  optionsReplaced?: boolean;
}

interface Entry {
  alias: string;
  ctx: Ctx;
  /** Where a missing setting is reported. */
  node: SyntaxNode;
  keys: Map<string, Write>;
  options?: Map<string, Write>;
  /** Where OPTIONS was last written as a whole, or first written to. */
  optionsAt?: { keyRange: Range; range: Range };
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
  passwords: Value[];
  /** Defined by NetBox's `DATABASE = {...}` (DRIVERS §25). */
  netbox?: true;
}

/** Reads the module's statements and lowers what DATABASES ends up holding. */
export function lowerDatabases(
  root: SyntaxNode,
  lower: Lowerer,
  fileEnvironment: Environment,
): DjangoDatabase[] {
  const reader = new DatabasesReader(root, lower, fileEnvironment);
  reader.block(named(root), { path: [] }, 0);
  return reader.databases();
}

class DatabasesReader {
  readonly #root: SyntaxNode;
  readonly #lower: Lowerer;
  readonly #fileEnvironment: Environment;
  readonly #entries: Entry[] = [];
  #seq = 0;
  #segmentId = 0;

  constructor(root: SyntaxNode, lower: Lowerer, fileEnvironment: Environment) {
    this.#root = root;
    this.#lower = lower;
    this.#fileEnvironment = fileEnvironment;
  }

  // ── statements ──────────────────────────────────────────────────────────────

  block(statements: SyntaxNode[], ctx: Ctx, depth: number): void {
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
        const alternativesOf = statement.childrenForFieldName('alternative');
        const [whenTrue, whenFalse] = this.#segments(test);
        this.block(
          named(statement.childForFieldName('consequence')),
          { path: [...ctx.path, whenTrue] },
          depth + 1,
        );
        const hasElif = alternativesOf.some((a) => a.type === 'elif_clause');
        for (const alternative of alternativesOf) {
          if (alternative.type === 'elif_clause') {
            const c = alternative.childForFieldName('condition');
            const t = c ? this.#lower.test(c) : ({ kind: 'unknown' } as const);
            this.block(
              named(alternative.childForFieldName('consequence')),
              { path: [...ctx.path, { ...this.#segments(t)[0], taken: 'maybe' }] },
              depth + 1,
            );
          } else {
            const segment = hasElif
              ? { id: ++this.#segmentId, environment: 'unknown' as const, taken: 'maybe' as const }
              : whenFalse;
            this.block(
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
        const inner: Ctx = loop ? { path: [...ctx.path, this.#maybeSegment()] } : ctx;
        this.block(named(statement.childForFieldName('body')), inner, depth + 1);
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
                : { path: [...ctx.path, this.#maybeSegment()] };
            this.block(named(body), branch, depth + 1);
          }
        }
        return;
      }
      default:
        return; // functions and classes are not module settings
    }
  }

  #maybeSegment(): Segment {
    return { id: ++this.#segmentId, environment: 'unknown', taken: 'maybe' };
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
      this.#assign(path, right, expression, ctx);
      return;
    }
    if (expression.type === 'augmented_assignment') {
      const left = expression.childForFieldName('left');
      const right = expression.childForFieldName('right');
      const path = left ? this.#databasesPath(left) : undefined;
      if (path !== undefined && right && expression.childForFieldName('operator')?.text === '|=')
        this.#update(path, right, expression, ctx);
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
          this.#update(path, parts.positional[0]!, expression, ctx);
          return;
        }
      }
      if (mentionsDatabases(expression)) this.#openAll(ctx);
    }
  }

  /** `DATABASES` → [], `DATABASES['default']['OPTIONS']` → default, OPTIONS; undefined otherwise. */
  #databasesPath(node: SyntaxNode): Key[] | undefined {
    const n = unwrapParens(node);
    if (n.type === 'identifier') {
      if (n.text === 'DATABASES') return [];
      // NetBox's configuration.py: `DATABASE = {...}` is DATABASES['default'] (DRIVERS §25).
      return n.text === 'DATABASE' ? [{ name: 'default', node: n, netbox: true }] : undefined;
    }
    if (n.type === 'attribute') {
      const name = dottedName(n);
      return name?.length === 2 && name[0] === 'settings' && name[1] === 'DATABASES'
        ? []
        : undefined;
    }
    if (n.type !== 'subscript') return undefined;
    const object = n.childForFieldName('value');
    const base = object ? this.#databasesPath(object) : undefined;
    if (base === undefined) return undefined;
    const subscript = n.childForFieldName('subscript');
    const name = this.#lower.constantString(subscript);
    return name === undefined || !subscript ? undefined : [...base, { name, node: subscript }];
  }

  #assign(path: Key[], right: SyntaxNode, statement: SyntaxNode, ctx: Ctx): void {
    const seq = ++this.#seq;
    if (path.length === 0) {
      this.#defineAll(right, ctx, seq);
      return;
    }
    const [alias, ...rest] = path as [Key, ...Key[]];
    if (rest.length === 0) {
      this.#defineEntry(alias.name, right, ctx, seq, true, alias.netbox);
      return;
    }
    const at = { keyRange: range(rest.at(-1)!.node), range: range(statement) };
    for (const entry of this.#targets(alias.name, ctx))
      this.#setKey(entry.entry, names(rest), right, at, seq, entry.maybe);
  }

  /** `.update(...)` / `|=`: merge keys. */
  #update(path: Key[], argument: SyntaxNode, statement: SyntaxNode, ctx: Ctx): void {
    const seq = ++this.#seq;
    const arg = this.#lower.resolve(argument);
    if (path.length === 0) {
      if (arg.type !== 'dictionary') {
        this.#openAll(ctx);
        return;
      }
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
    const [alias, ...rest] = path as [Key, ...Key[]];
    const inOptions = rest.length === 1 && rest[0]!.name === 'OPTIONS';
    for (const { entry, maybe } of this.#targets(alias.name, ctx)) {
      if (rest.length === 0) {
        const source = this.#urlSource(arg, seq);
        if (source) {
          if (!maybe) entry.source = source;
          else entry.open = true;
          continue;
        }
      }
      if (inOptions)
        entry.optionsAt ??= { keyRange: range(rest[0]!.node), range: range(statement) };
      if (arg.type !== 'dictionary') {
        if (inOptions) entry.optionsOpen = true;
        else entry.open = true;
        continue;
      }
      for (const pair of named(arg)) {
        const keyNode = pair.type === 'pair' ? pair.childForFieldName('key') : null;
        const key = keyNode ? this.#lower.constantString(keyNode) : undefined;
        const value = pair.childForFieldName('value');
        if (keyNode && key !== undefined && value)
          this.#setKey(
            entry,
            [...names(rest), key],
            value,
            { keyRange: range(keyNode), range: range(pair) },
            seq,
            maybe,
          );
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
      const entry = this.#newEntry(alias, ctx, this.#root);
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
    return this.#fileEnvironment;
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

  #defineEntry(
    alias: string,
    node: SyntaxNode,
    ctx: Ctx,
    seq: number,
    replace = true,
    netbox?: true,
  ): void {
    if (replace)
      for (const entry of this.#entries)
        if (entry.live && entry.alias === alias && this.#applies(ctx, entry.ctx) === 'yes')
          entry.live = false;
    const resolved = this.#lower.resolve(node);
    // NetBox's DATABASE is a dict of settings; `DATABASE = 'name'` elsewhere is something else.
    if (netbox && resolved.type !== 'dictionary') return;
    const entry = this.#newEntry(alias, ctx, resolved);
    if (netbox) entry.netbox = true;
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
      const keyNode = child.childForFieldName('key');
      const key = keyNode ? this.#lower.constantString(keyNode) : undefined;
      const value = child.childForFieldName('value');
      if (!keyNode || key === undefined || !value) entry.open = true;
      else
        this.#setKey(
          entry,
          [key],
          value,
          { keyRange: range(keyNode), range: range(child) },
          seq,
          false,
        );
    }
  }

  #setKey(
    entry: Entry,
    path: string[],
    valueNode: SyntaxNode,
    at: { keyRange: Range; range: Range },
    seq: number,
    maybe: boolean,
  ): void {
    const [key, ...rest] = path as [string, ...string[]];
    if (key === 'OPTIONS') {
      if (rest.length === 0) {
        if (maybe) {
          entry.optionsOpen = true;
          entry.optionsAt ??= at;
          return;
        }
        const resolved = this.#lower.resolve(valueNode);
        entry.options = new Map();
        entry.optionsAt = at;
        entry.optionsOpen = false;
        entry.optionsDict = undefined;
        // Replaced OPTIONS: what the URL call put there no longer counts.
        if (entry.source) entry.source = { ...entry.source, optionsReplaced: true };
        if (resolved.type !== 'dictionary') {
          entry.optionsOpen = true;
          return;
        }
        entry.optionsDict = resolved;
        for (const child of named(resolved)) {
          const keyNode = child.type === 'pair' ? child.childForFieldName('key') : null;
          const k = keyNode ? this.#lower.constantString(keyNode) : undefined;
          const v = child.childForFieldName('value');
          if (!keyNode || k === undefined || !v) entry.optionsOpen = true;
          else
            entry.options.set(k, {
              value: this.#lower.value(v),
              seq,
              keyRange: range(keyNode),
              range: range(child),
            });
        }
        return;
      }
      entry.optionsAt ??= at;
      if (rest.length === 1 && !maybe) {
        entry.options ??= new Map();
        entry.options.set(rest[0]!, { value: this.#lower.value(valueNode), seq, ...at });
        return;
      }
      entry.optionsOpen = true;
      return;
    }
    if (rest.length > 0) return; // TEST: {...} and other nested settings
    const value = this.#lower.value(valueNode);
    if (key === 'PASSWORD') entry.passwords.push(value);
    if (maybe) {
      entry.maybe.add(key);
      return;
    }
    entry.keys.set(key, { value, seq, ...at });
  }

  #openAll(ctx: Ctx): void {
    for (const entry of this.#entries) {
      if (!entry.live) continue;
      const applies = this.#applies(ctx, entry.ctx);
      if (applies !== 'no' && applies !== 'other-environment') entry.open = true;
    }
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
    const call = { call: node, seq, ...(engine ? { engine } : {}) };
    if (q === 'dj_database_url.config') {
      const url = literalOf(parts.keywords.get('default')?.value ?? parts.positional[1]);
      const envName =
        this.#lower.constantString(parts.keywords.get('env')?.value ?? parts.positional[0]) ??
        'DATABASE_URL';
      return {
        how: 'dj-database-url',
        ...call,
        envName,
        ...(url ? { url } : {}),
        ...(sslRequire ? { sslRequire } : {}),
      };
    }
    if (q === 'dj_database_url.parse') {
      const arg = parts.positional[0] ?? parts.keywords.get('url')?.value;
      const envName = envOf(arg);
      const url = literalOf(arg);
      return {
        how: 'dj-database-url',
        ...call,
        ...(url ? { url } : {}),
        ...(envName ? { envName } : {}),
        ...(sslRequire ? { sslRequire } : {}),
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
      return { how: 'django-environ', ...call, envName, ...(url ? { url } : {}) };
    }
    if (q === 'environ.Env.db_url_config') {
      const url = literalOf(parts.positional[0]);
      const envName = envOf(parts.positional[0]);
      return {
        how: 'django-environ',
        call: node,
        seq,
        ...(url ? { url } : {}),
        ...(envName ? { envName } : {}),
      };
    }
    return undefined;
  }

  // ── lowering ───────────────────────────────────────────────────────────────

  databases(): DjangoDatabase[] {
    return this.#entries.map((entry) => this.#database(entry));
  }

  #database(entry: Entry): DjangoDatabase {
    const properties: Property[] = [...entry.keys].map(([key, write]) => property(key, write));
    if (entry.options || entry.optionsOpen) {
      const options: ObjectValue = {
        kind: 'object',
        properties: [...(entry.options ?? [])].map(([key, write]) => property(key, write)),
        open: entry.optionsOpen,
        range: entry.optionsDict
          ? range(entry.optionsDict)
          : (entry.optionsAt?.range ?? range(entry.node)),
        ...this.#insertion(entry.optionsDict),
      };
      const at = entry.optionsAt ?? { keyRange: range(entry.node), range: range(entry.node) };
      properties.push({ key: 'OPTIONS', value: options, ...at });
    }
    const settings: ObjectValue = {
      kind: 'object',
      properties,
      open: entry.open,
      range: range(entry.node),
      ...this.#insertion(entry.dict),
    };
    const source = entry.source ? this.#source(entry.source, entry) : undefined;
    return {
      alias: entry.alias,
      environment: this.#environmentOf(entry.ctx),
      explicit: entry.ctx.path.some((s) => s.taken !== 'yes'),
      range: range(entry.node),
      settings,
      passwords: entry.passwords,
      maybeChanged: [...entry.maybe],
      orphan: entry.orphan,
      live: entry.live,
      ...(source ? { source } : {}),
      ...(entry.netbox ? { netbox: true } : {}),
    };
  }

  #insertion(dict: SyntaxNode | undefined): Pick<ObjectValue, 'insertion'> {
    const insertion = dict ? this.#lower.insertion(dict) : undefined;
    return insertion ? { insertion } : {};
  }

  #source(source: UrlSource, entry: Entry): DjangoUrlSource {
    const keyword = source.sslRequire;
    const value = keyword?.childForFieldName('value');
    const optionsReplaced = source.optionsReplaced === true;
    return {
      how: source.how,
      range: range(source.call),
      ...(source.url ? { url: source.url } : {}),
      ...(source.envName ? { envName: source.envName } : {}),
      ...(source.engine ? { engine: source.engine } : {}),
      ...(keyword && value ? { sslRequire: this.#sslRequire(keyword, value) } : {}),
      optionsBefore: optionsReplaced
        ? []
        : [...(entry.options ?? [])].filter(([, w]) => w.seq <= source.seq).map(([key]) => key),
      optionsReplaced,
    };
  }

  #sslRequire(
    keyword: SyntaxNode,
    valueNode: SyntaxNode,
  ): NonNullable<DjangoUrlSource['sslRequire']> {
    const value = this.#lower.value(valueNode);
    return {
      range: range(keyword),
      value,
      // ssl_require=not DEBUG: a condition on the environment.
      ...(value.kind === 'literal' ? {} : { test: this.#lower.test(valueNode) }),
      removal: keywordRemoval(keyword, this.#lower.text),
    };
  }
}

function property(key: string, write: Write): Property {
  return { key, keyRange: write.keyRange, value: write.value, range: write.range };
}

function names(keys: readonly Key[]): string[] {
  return keys.map((k) => k.name);
}

function range(node: SyntaxNode): Range {
  return [node.startIndex, node.endIndex];
}

function mentionsDatabases(node: SyntaxNode): boolean {
  const stack = [node];
  let seen = 0;
  while (stack.length > 0 && seen++ < 10_000) {
    const n = stack.pop()!;
    if (n.type === 'identifier' && n.text === 'DATABASES') return true;
    for (const child of n.namedChildren) stack.push(child);
  }
  return false;
}
