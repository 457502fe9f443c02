/**
 * The YAML front-end (the `yaml` package, with source ranges): env-shaped blocks
 * (docker-compose `services.*.environment` in map and list form, Kubernetes container
 * `env` lists, ConfigMap `data` / Secret `stringData`, Cloud Foundry `applications[].env`)
 * go to `core/assess-env.ts`; `ormconfig.yml` and sequelize/knex-style environment maps are
 * lowered into ObjectValues and judged by the driver table (`../shared/config.ts`, shared with
 * the JSON front-end).
 *
 * Anchors and aliases: an alias is resolved to its anchor's node, so every finding it
 * causes points at the anchor, and `runChecks` keeps one finding per rule and place
 * (POLICY: "A YAML anchor is reported once, at the anchor"). Merge keys (`<<: *base`) are
 * expanded, with the mapping's own keys winning. Conversion and merging are memoised per
 * node and bounded (`LIMITS`), so an alias or merge-key bomb costs no more than the nodes it
 * names; past a limit the file gets a diagnostic naming it (docs/reliability.md "Limits").
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  parseAllDocuments,
  type Document,
  type Node as YamlNode,
  Scalar,
  type YAMLMap,
} from 'yaml';
import type { EnvGroup } from '../../core/analysis.js';
import type { EnvAssignment } from '../../core/env-settings.js';
import { commentSecrets } from '../../core/connection-strings.js';
import { environmentFromPath } from '../../core/environment.js';
import { classifyEnvironmentName, isEnvironmentKey } from '../../core/vocabulary.js';
import type {
  Environment,
  LiteralValue,
  ObjectValue,
  Property,
  Range,
  Value,
} from '../../core/model.js';
import { getValue } from '../../core/values.js';
import type { Frontend, FrontendOutput, ProjectFacts, SourceFile } from '../types.js';
import { isEnvironmentMapValue } from '../../core/environment.js';
import { ConfigModel } from '../shared/config.js';
import { isComposeBase, isComposeOverride, splitComposePath } from './compose-files.js';

/** Keys of an environment map that hold shared defaults rather than an environment. */
const SHARED_KEYS = new Set(['default', 'defaults', 'common', 'shared', 'base']);

type Pair = { key: unknown; value: unknown };

/** What a YAML file may cost (docs/reliability.md "Limits"). */
export const LIMITS = {
  /** Nesting levels of mappings and sequences read into values. */
  depth: 64,
  /** Merge keys followed through merge sources (`<<: *a` whose `a` merges `b` …). */
  mergeDepth: 16,
  /** Pairs copied by merge keys in one document. */
  mergedPairs: 10_000,
  /** Nodes converted into values in one document. */
  nodes: 200_000,
  /**
   * Nodes the document would have with every alias and merge key expanded, as a naive
   * reader (compose, a YAML-to-JSON step) builds it. Beyond it the file is an alias bomb:
   * it is still read, each anchor once, and named in a diagnostic.
   */
  expandedNodes: 100_000,
} as const;

export type YamlLimit = 'depth' | 'mergeDepth' | 'mergedPairs' | 'nodes' | 'expandedNodes';

const LIMIT_MESSAGES: Record<YamlLimit, string> = {
  depth: `nested deeper than ${LIMITS.depth} levels; deeper values were not read`,
  mergeDepth: `merge keys (\`<<\`) chained deeper than ${LIMITS.mergeDepth} levels; deeper merges were not followed`,
  mergedPairs: `merge keys (\`<<\`) expand to more than ${LIMITS.mergedPairs} pairs; the rest were not merged`,
  nodes: `more than ${LIMITS.nodes} values after aliases; the rest were not read`,
  expandedNodes: `aliases and merge keys expand to more than ${LIMITS.expandedNodes} nodes (an alias bomb); each anchor was read once, not expanded`,
};

/**
 * The node count of `root` with aliases expanded, saturating at the limit: each node's
 * count is computed once (memoised), so a bomb that expands to 8^9 nodes costs its size.
 */
function expandedSize(doc: Document, root: unknown): number {
  const sizes = new Map<unknown, number>();
  const limit = LIMITS.expandedNodes + 1;
  // Iterative post-order: a deep document must not overflow the stack.
  const start = isAlias(root) ? root.resolve(doc) : root;
  if (start === undefined || start === null) return 0;
  const stack: { node: unknown; entered: boolean }[] = [{ node: start, entered: false }];
  const children = (node: unknown): unknown[] => {
    if (isMap(node)) return node.items.flatMap((p) => (isPair(p) ? [p.key, p.value] : []));
    if (isSeq(node)) return node.items;
    return [];
  };
  const resolved = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc) : node);
  const inProgress = new Set<unknown>(); // an alias to an enclosing anchor counts once
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const node = top.node;
    if (sizes.has(node)) {
      stack.pop();
      continue;
    }
    if (!top.entered) {
      top.entered = true;
      inProgress.add(node);
      for (const child of children(node)) {
        const c = resolved(child);
        if (c !== undefined && c !== null && !sizes.has(c) && !inProgress.has(c))
          stack.push({ node: c, entered: false });
      }
      continue;
    }
    stack.pop();
    inProgress.delete(node);
    let size = 1;
    for (const child of children(node)) {
      const c = resolved(child);
      if (c !== undefined && c !== null) size = Math.min(limit, size + (sizes.get(c) ?? 1));
    }
    sizes.set(node, size);
  }
  return sizes.get(resolved(root)) ?? 0;
}

class Lowering {
  readonly #memo = new Map<YamlNode, Value>();
  readonly #active = new Set<YamlNode>();
  readonly #pairs = new Map<YAMLMap, Pair[]>();
  readonly #merging = new Set<YAMLMap>();
  #budget: number = LIMITS.nodes;
  #mergeBudget: number = LIMITS.mergedPairs;
  /** The limits this document reached. */
  readonly reached = new Set<YamlLimit>();

  constructor(
    readonly doc: Document,
    readonly text: string,
  ) {}

  /** Resolves aliases (bounded), returning the anchored node. */
  resolve(node: unknown): YamlNode | undefined {
    let current = node;
    for (let i = 0; i < 32 && isAlias(current); i++) current = current.resolve(this.doc);
    return isAlias(current) ? undefined : ((current as YamlNode | undefined) ?? undefined);
  }

  /**
   * A mapping's pairs with merge keys expanded, as YAML merges them: the mapping's own keys
   * win, then the earlier merge source; overridden pairs are dropped (they are not in effect).
   */
  pairs(map: YAMLMap, depth = 0): Pair[] {
    const known = this.#pairs.get(map);
    if (known) return known;
    // A map that merges itself through an alias: its own pairs are all there is.
    if (this.#merging.has(map)) return map.items.filter((item) => isPair(item));
    this.#merging.add(map);
    const pairs = this.#expand(map, depth);
    this.#merging.delete(map);
    this.#pairs.set(map, pairs);
    return pairs;
  }

  #expand(map: YAMLMap, depth: number): Pair[] {
    const own: Pair[] = [];
    const merged: Pair[] = [];
    for (const item of map.items) {
      if (!isPair(item)) continue;
      // With `merge: true` the library gives `<<` keys a symbol value.
      const isMerge =
        isScalar(item.key) &&
        (item.key.value === '<<' ||
          (typeof item.key.value === 'symbol' && item.key.value.description === '<<'));
      if (isMerge) {
        if (depth >= LIMITS.mergeDepth) {
          this.reached.add('mergeDepth');
          continue;
        }
        const target = this.resolve(item.value);
        const sources = isSeq(target) ? target.items.map((i) => this.resolve(i)) : [target];
        for (const s of sources) {
          if (!isMap(s)) continue;
          const pairs = this.pairs(s, depth + 1);
          if (pairs.length > this.#mergeBudget) {
            this.reached.add('mergedPairs');
            break;
          }
          this.#mergeBudget -= pairs.length;
          merged.push(...pairs);
        }
        continue;
      }
      own.push(item);
    }
    if (merged.length === 0) return own;
    const keyOf = (p: Pair) =>
      isScalar(p.key) && typeof p.key.value === 'string' ? p.key.value : undefined;
    const taken = new Set(own.map(keyOf).filter((k) => k !== undefined));
    const kept = merged.filter((p) => {
      const k = keyOf(p);
      if (k === undefined) return true;
      if (taken.has(k)) return false;
      taken.add(k);
      return true;
    });
    return [...kept, ...own];
  }

  scalar(node: Scalar): LiteralValue | undefined {
    const range = node.range;
    if (!range) return undefined;
    // Compose's `!reset` removes what a base file set: whatever follows the tag is no value.
    if (node.tag === '!reset') return { kind: 'literal', value: null, range: [range[0], range[1]] };
    const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
    const contentStart = range[0] + (quoted ? 1 : 0);
    const value = node.value;
    if (typeof value === 'string') {
      const multiLine = node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL;
      const verbatim =
        !multiLine &&
        this.text.slice(contentStart, contentStart + value.length) === value &&
        (quoted
          ? this.text[contentStart + value.length] === this.text[range[0]]
          : contentStart + value.length === range[1]);
      return { kind: 'literal', value, range: [range[0], range[1]], contentStart, verbatim };
    }
    if (
      value === null ||
      value === undefined ||
      typeof value === 'boolean' ||
      typeof value === 'number'
    ) {
      return { kind: 'literal', value: value ?? null, range: [range[0], range[1]] };
    }
    return undefined;
  }

  /** The scalar as an env value: compose and Kubernetes read `false`, `0` as their text. */
  envText(node: unknown): LiteralValue | undefined {
    const resolved = this.resolve(node);
    if (!isScalar(resolved)) return undefined;
    const literal = this.scalar(resolved);
    if (!literal || literal.value === null) return undefined;
    if (typeof literal.value === 'string') return literal;
    const raw = this.text.slice(literal.range[0], literal.range[1]);
    return { ...literal, value: raw, contentStart: literal.range[0], verbatim: true };
  }

  value(node: unknown, depth = 0): Value {
    const resolved = this.resolve(node);
    if (!resolved) return { kind: 'unknown', range: [0, 0] };
    if (depth > LIMITS.depth || this.#budget-- <= 0) {
      this.reached.add(depth > LIMITS.depth ? 'depth' : 'nodes');
      return { kind: 'unknown', range: [0, 0] };
    }
    const memo = this.#memo.get(resolved);
    if (memo) return memo;
    const range: Range = resolved.range ? [resolved.range[0], resolved.range[1]] : [0, 0];
    if (this.#active.has(resolved)) return { kind: 'unknown', range };
    this.#active.add(resolved);
    let result: Value;
    if (isScalar(resolved)) {
      const literal = this.scalar(resolved);
      // Template syntax (Helm `{{ }}`, ERB `<% %>`) is filled in at deploy time: not a literal.
      result = !literal
        ? { kind: 'unknown', range }
        : typeof literal.value === 'string' && /\{\{|<%/.test(literal.value)
          ? { kind: 'env', range }
          : literal;
    } else if (isMap(resolved)) {
      const properties: Property[] = [];
      for (const pair of this.pairs(resolved)) {
        const keyNode = this.resolve(pair.key);
        if (
          !isScalar(keyNode) ||
          // A key that is a mapping or a sequence names no setting; null is an empty key.
          (typeof keyNode.value !== 'string' &&
            typeof keyNode.value !== 'number' &&
            typeof keyNode.value !== 'boolean' &&
            typeof keyNode.value !== 'bigint') ||
          !keyNode.range
        )
          continue;
        const value = this.value(pair.value, depth + 1);
        const keyRange: Range = [keyNode.range[0], keyNode.range[1]];
        properties.push({
          key: String(keyNode.value),
          keyRange,
          value,
          range: [keyRange[0], Math.max(keyRange[1], value.range[1])],
        });
      }
      const object: ObjectValue = { kind: 'object', properties, open: false, range };
      result = object;
    } else if (isSeq(resolved)) {
      result = {
        kind: 'array',
        elements: resolved.items.map((i) => this.value(i, depth + 1)),
        range,
      };
    } else {
      result = { kind: 'unknown', range };
    }
    this.#active.delete(resolved);
    this.#memo.set(resolved, result);
    return result;
  }

  mapGet(map: unknown, key: string): unknown {
    const m = this.resolve(map);
    if (!isMap(m)) return undefined;
    let found: unknown;
    for (const p of this.pairs(m)) if (isScalar(p.key) && p.key.value === key) found = p.value;
    return found;
  }

  /** `KEY: value` pairs of an env map (compose map form, CF `env`, ConfigMap `data`). */
  envMap(node: unknown, environment: Environment | undefined): EnvAssignment[] {
    const m = this.resolve(node);
    if (isSeq(m)) return this.envList(m, environment);
    if (!isMap(m)) return [];
    const out: EnvAssignment[] = [];
    for (const pair of this.pairs(m)) {
      const key = this.resolve(pair.key);
      if (!isScalar(key) || typeof key.value !== 'string' || !key.range) continue;
      const value = this.envText(pair.value);
      if (!value) continue;
      const entry = this.lineOf(key.range[0], value.range[1]);
      out.push({
        name: key.value,
        value,
        nameRange: [key.range[0], key.range[1]],
        ...(environment ? { environment } : {}),
        ...(entry ? { entryRange: entry } : {}),
      });
    }
    return out;
  }

  /** Compose list form: `- KEY=value` (a bare `- KEY` passes the host's value through). */
  envList(seq: { items: unknown[] }, environment: Environment | undefined): EnvAssignment[] {
    const out: EnvAssignment[] = [];
    for (const item of seq.items) {
      const node = this.resolve(item);
      if (!isScalar(node) || typeof node.value !== 'string') continue;
      const literal = this.scalar(node);
      if (!literal) continue;
      const text = node.value;
      const eq = text.indexOf('=');
      if (eq <= 0) continue;
      const exact = literal.verbatim === true && literal.contentStart !== undefined;
      const cs = literal.contentStart ?? literal.range[0];
      const value: LiteralValue = {
        kind: 'literal',
        value: text.slice(eq + 1),
        range: exact ? [cs + eq + 1, cs + text.length] : literal.range,
        ...(exact ? { contentStart: cs + eq + 1, verbatim: true } : {}),
      };
      const entry = this.lineOf(literal.range[0], literal.range[1]);
      out.push({
        name: text.slice(0, eq).trim(),
        value,
        nameRange: exact ? [cs, cs + eq] : literal.range,
        ...(environment ? { environment } : {}),
        ...(entry ? { entryRange: entry } : {}),
      });
    }
    return out;
  }

  /** Kubernetes `env: [{ name, value }]` (`valueFrom` reads a Secret: nothing to judge). */
  k8sEnv(node: unknown): EnvAssignment[] {
    const seq = this.resolve(node);
    if (!isSeq(seq)) return [];
    const out: EnvAssignment[] = [];
    for (const item of seq.items) {
      const name = this.resolve(this.mapGet(item, 'name'));
      if (!isScalar(name) || typeof name.value !== 'string' || !name.range) continue;
      const value = this.envText(this.mapGet(item, 'value'));
      if (!value) continue;
      out.push({ name: name.value, value, nameRange: [name.range[0], name.range[1]] });
    }
    return out;
  }

  /** The whole line(s) of a block entry, when nothing else shares them (for removal suggestions). */
  lineOf(start: number, end: number): Range | undefined {
    const lineStart = this.text.lastIndexOf('\n', start - 1) + 1;
    if (!/^[ \t]*(?:-[ \t]+)?$/.test(this.text.slice(lineStart, start))) return undefined;
    let lineEnd = this.text.indexOf('\n', end);
    if (lineEnd === -1) lineEnd = this.text.length;
    if (!/^[ \t\r]*(?:#.*)?$/.test(this.text.slice(end, lineEnd))) return undefined;
    return [lineStart, Math.min(this.text.length, lineEnd + 1)];
  }
}

function nameEvidence(name: string): Environment | undefined {
  const env = environmentFromPath(name);
  return env === 'unknown' ? undefined : env;
}

const BASENAME = (path: string) => path.replaceAll('\\', '/').split('/').at(-1) ?? '';

const MAX_BLOCK_COLUMN = 1000;

const isBlank = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || c === '\n';

/**
 * Whether a line nests block levels past `limit`: its indentation and block indicators
 * (`- `, `? `, `: `), then each `: ` after a plain scalar on the same line (`a: b: c: …`
 * opens a compact mapping at that column: 2,320 of them overflowed the parser's stack,
 * found by the fuzz suite). Quoted scalars, flow collections (`{`, `[`) and comments open
 * no block level: the rest of such a span is not counted.
 */
function nestsPast(text: string, limit: number): boolean {
  let levels = 0;
  let indenting = true;
  /** The closing quote being looked for, or `stop` for the rest of the line. */
  let skip: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      levels = 0;
      indenting = true;
      skip = undefined;
      continue;
    }
    if (skip !== undefined) {
      if (c === skip) skip = undefined;
      continue;
    }
    const indicator = (c === '-' || c === '?' || c === ':') && isBlank(text[i + 1]);
    const tokenStart = i === 0 || isBlank(text[i - 1]);
    if (indenting && (c === ' ' || c === '\t' || indicator)) levels++;
    else {
      indenting = false;
      if (c === ':' && isBlank(text[i + 1])) levels++;
      else if (tokenStart && (c === '"' || c === "'")) skip = c;
      else if (tokenStart && (c === '{' || c === '[' || c === '#')) skip = 'stop';
    }
    if (levels > limit) return true;
  }
  return false;
}

/**
 * The parsed documents of a file, once per file: pass 1 reads a base compose file's hosts
 * (`collectComposeHosts`), pass 2 analyses the same documents and lets them go.
 */
const documents = new WeakMap<SourceFile, Document.Parsed[]>();

function documentsOf(source: SourceFile): Document.Parsed[] {
  let list = documents.get(source);
  if (!list) {
    const docs = parseAllDocuments(source.text, {
      merge: true,
      uniqueKeys: false,
      prettyErrors: false,
    });
    list = Array.isArray(docs) ? docs : [];
    documents.set(source, list);
  }
  return list;
}

/**
 * The names a compose file's services answer to on its network: service names, each
 * `container_name` and each network alias; and whether it is a swarm stack (`deploy:`),
 * whose services spread over nodes.
 */
function composeHosts(
  lower: Lowering,
  entries: readonly { name: Scalar; spec: unknown }[],
): { hosts: string[]; swarm: boolean } {
  const hosts: string[] = [];
  let swarm = false;
  const text = (node: unknown) => {
    const resolved = lower.resolve(node);
    return isScalar(resolved) && typeof resolved.value === 'string' ? resolved.value : undefined;
  };
  for (const { name, spec } of entries) {
    hosts.push(String(name.value));
    if (lower.mapGet(spec, 'deploy') !== undefined) swarm = true;
    const container = text(lower.mapGet(spec, 'container_name'));
    if (container) hosts.push(container);
    const networks = lower.resolve(lower.mapGet(spec, 'networks'));
    if (!isMap(networks)) continue;
    for (const network of lower.pairs(networks)) {
      const aliases = lower.resolve(lower.mapGet(network.value, 'aliases'));
      if (isSeq(aliases))
        for (const alias of aliases.items) {
          const value = text(alias);
          if (value) hosts.push(value);
        }
    }
  }
  return { hosts, swarm };
}

/**
 * Pass 1 for a base compose file (`docker-compose.yml`, `compose.yaml`): the hosts its
 * services answer to, for the override file beside it. Nothing for other files, or for a
 * file that does not parse (its own analysis reports that).
 */
export function collectComposeHosts(source: SourceFile, facts: ProjectFacts): void {
  const { directory, name } = splitComposePath(source.relativePath);
  if (!isComposeBase(name)) return;
  if (nestsPast(source.text, MAX_BLOCK_COLUMN)) return;
  let list;
  try {
    list = documentsOf(source);
  } catch {
    return;
  }
  const doc = list[0];
  if (!doc || doc.errors.length > 0) return;
  const lower = new Lowering(doc, source.text);
  const root = lower.resolve(doc.contents);
  if (!isMap(root)) return;
  const services = lower.resolve(lower.mapGet(root, 'services'));
  if (!isMap(services)) return;
  const entries = lower
    .pairs(services)
    .map((pair) => ({ name: lower.resolve(pair.key), spec: pair.value }))
    .filter((e): e is { name: Scalar; spec: unknown } => isScalar(e.name));
  (facts.composeHosts ??= new Map()).set(directory, composeHosts(lower, entries));
}

/** An API description (OpenAPI 3, Swagger 2): a top-level `openapi:` or `swagger:` key. */
const API_SPEC = /^(?:openapi|swagger)[ \t]*:/m;

/** Real-looking secrets in the file's comments. */
function commentPasswords(text: string, environment: Environment, label: string) {
  return yamlComments(text).flatMap((c) =>
    commentSecrets(text.slice(c.start + 1, c.end), c.start + 1, environment, label),
  );
}

/**
 * `commentPasswords` for a file that is not parsed: a `#` at the start of a line or after a
 * blank, outside quotes on its line, starts a comment. A `#` inside a block scalar is read
 * as one too, which can only add a real-looking secret written there (reported anyway).
 */
function lineCommentPasswords(text: string, environment: Environment) {
  const found = [];
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const hash = commentStart(text, start, end);
    if (hash !== -1)
      found.push(...commentSecrets(text.slice(hash + 1, end), hash + 1, environment, 'YAML env'));
    start = end + 1;
  }
  return found;
}

/** Characters after which a quoted scalar may start. */
const OPENS_SCALAR = new Set([' ', '\t', ':', '-', '[', '{', ',']);

/** Where the comment of the line `text[start, end)` begins, or -1. */
function commentStart(text: string, start: number, end: number): number {
  let quote = '';
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if ((c === "'" || c === '"') && (i === start || OPENS_SCALAR.has(text[i - 1]!)))
      quote = c; // a quote opens a scalar only where one starts (`it's` is plain)
    else if (c === '#' && (i === start || text[i - 1] === ' ' || text[i - 1] === '\t')) return i;
  }
  return -1;
}

const TOO_DEEP =
  'Invalid YAML (RESOURCE_EXHAUSTION): nested too deeply or too many aliases for the YAML parser; the file was not read';

/** The analysis of a YAML file that passed the front-end's gate (index.ts). */
export function analyzeYaml(
  source: SourceFile,
  context: Parameters<Frontend['analyze']>[1],
): FrontendOutput {
  const text = source.text;
  // The parser recurses per block level: 2,500 nested `- ` overflowed its stack (inside a
  // regex compile, which kills the process) before its own depth limit applied (found by
  // the fuzz suite). A block level needs a column of indentation or a compact mapping on
  // the line, so a line nesting past `MAX_BLOCK_COLUMN` levels is the only way there: such
  // a file is not parsed. An overflow the count misses is caught as the same limit.
  const tooDeep = { model: {}, diagnostics: [{ file: source.relativePath, message: TOO_DEEP }] };
  if (nestsPast(text, MAX_BLOCK_COLUMN)) return tooDeep;
  if (API_SPEC.test(text)) {
    // An OpenAPI or Swagger document has none of the shapes read below (compose services,
    // Kubernetes objects, env maps): only its comments are, without parsing megabytes.
    const model = new ConfigModel();
    model.passwords.push(...lineCommentPasswords(text, context.file.environment));
    return { model: model.model(), diagnostics: [] };
  }
  let list;
  try {
    list = documentsOf(source);
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) return tooDeep;
    throw error;
  } finally {
    // Pass 2 is the documents' last reader: a scan does not keep every file's tree.
    documents.delete(source);
  }
  for (const doc of list) {
    const error = doc.errors[0];
    if (!error) continue;
    // A Helm or Jinja template is not YAML until it is rendered: nothing to read, no noise.
    if (/\{\{|\{%/.test(text)) return { model: {}, diagnostics: [] };
    const pos = error.linePos?.[0];
    // Only the code and the position: the library's message quotes the source.
    const why =
      error.code === 'RESOURCE_EXHAUSTION'
        ? ': nested too deeply or too many aliases for the YAML parser; the file was not read'
        : '';
    return {
      model: {},
      diagnostics: [
        {
          file: source.relativePath,
          message: `Invalid YAML (${error.code})${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}${why}`,
        },
      ],
    };
  }
  const fileEnvironment = context.file.environment;
  const assignments: EnvAssignment[][] = [];
  const compose: EnvGroup[] = [];
  const lowered = new ConfigModel();
  const lowerings: Lowering[] = [];
  const base = BASENAME(source.relativePath);
  let label = 'YAML env';
  const reached = new Set<YamlLimit>();
  for (const doc of list) {
    const lower = new Lowering(doc, text);
    lowerings.push(lower);
    if (text.includes('*') && expandedSize(doc, doc.contents) > LIMITS.expandedNodes)
      reached.add('expandedNodes');
    const root = lower.resolve(doc.contents);
    if (!isMap(root)) continue;
    const get = (key: string) => lower.mapGet(root, key);
    if (/^ormconfig\.ya?ml$/i.test(base)) {
      label = 'ormconfig';
      const value = lower.value(root);
      if (value.kind !== 'object') continue;
      // TypeORM's YAML reader: a map of connection name → options (or one options map).
      const connections = getValue(value, ['type'])
        ? [['default', value] as const]
        : value.properties
            .filter((p) => p.value.kind === 'object')
            .map((p) => [p.key, p.value] as const);
      for (const [name, options] of connections) {
        if (options.kind !== 'object') continue;
        lowered.entry(
          'typeorm',
          options,
          isEnvironmentKey(name) ? classifyEnvironmentName(name) : fileEnvironment,
        );
      }
      continue;
    }
    const kind = lower.resolve(get('kind'));
    if (isScalar(kind) && typeof kind.value === 'string' && get('apiVersion') !== undefined) {
      label = 'Kubernetes env';
      kubernetes(lower, root, kind.value, assignments, 0);
      continue;
    }
    const services = lower.resolve(get('services'));
    if (isMap(services)) {
      label = 'docker-compose environment';
      const entries = lower
        .pairs(services)
        .map((pair) => ({ name: lower.resolve(pair.key), spec: pair.value }))
        .filter((e): e is { name: Scalar; spec: unknown } => isScalar(e.name));
      const own = composeHosts(lower, entries);
      // An override file runs merged with the base file beside it (compose reads both).
      const merged = isComposeOverride(base)
        ? context.project.composeHosts?.get(splitComposePath(source.relativePath).directory)
        : undefined;
      const sameHost = own.swarm || merged?.swarm ? [] : [...own.hosts, ...(merged?.hosts ?? [])];
      for (const { name, spec } of entries) {
        const service = String(name.value);
        const environment = nameEvidence(service);
        const env = lower.mapGet(spec, 'environment');
        if (env === undefined) continue;
        const group = lower
          .envMap(env, environment)
          .map((a) => (environment ? { ...a, because: `service name \`${service}\`` } : a));
        compose.push({ assignments: group, label, service, deployment: { sameHost } });
      }
      continue;
    }
    const applications = lower.resolve(get('applications'));
    // Cloud Foundry only: a CI workflow's top-level `env` (GitHub Actions) is not a deployment.
    if (isSeq(applications)) {
      label = 'Cloud Foundry manifest env';
      if (get('env') !== undefined) assignments.push(lower.envMap(get('env'), undefined));
      for (const app of applications.items) {
        const name = lower.resolve(lower.mapGet(app, 'name'));
        const environment = isScalar(name) ? nameEvidence(String(name.value)) : undefined;
        assignments.push(lower.envMap(lower.mapGet(app, 'env'), environment));
      }
      continue;
    }
    // sequelize / knex / Rails-style environment maps: development, test, production.
    const value = lower.value(root);
    if (value.kind === 'object' && isEnvironmentMapValue(value, SHARED_KEYS)) {
      label = 'database config';
      for (const p of value.properties) {
        if (SHARED_KEYS.has(p.key) || p.value.kind !== 'object') continue;
        lowered.environmentEntry(p.value, classifyEnvironmentName(p.key), false);
      }
    }
  }
  for (const lower of lowerings) for (const limit of lower.reached) reached.add(limit);
  lowered.passwords.push(...commentPasswords(text, fileEnvironment, label));
  return {
    model: {
      ...lowered.model(),
      // One group per service / container / app: host and NODE_ENV evidence stays inside it.
      envGroups: [...compose, ...assignments.map((group) => ({ assignments: group, label }))],
    },
    diagnostics: [...reached].map((limit) => ({
      file: source.relativePath,
      message: `YAML limit reached: ${LIMIT_MESSAGES[limit]} (see "Limits" in docs/reliability.md)`,
    })),
  };
}

const CONTAINER_KEYS = ['containers', 'initContainers', 'ephemeralContainers'];

/** Pods, Deployments, StatefulSets, Jobs, CronJobs (any nesting), Lists, ConfigMaps, Secrets. */
function kubernetes(
  lower: Lowering,
  root: YAMLMap,
  kind: string,
  out: EnvAssignment[][],
  depth: number,
): void {
  if (depth > 4) return;
  if (kind === 'List') {
    const items = lower.resolve(lower.mapGet(root, 'items'));
    for (const item of isSeq(items) ? items.items : []) {
      const resolved = lower.resolve(item);
      const k = lower.resolve(lower.mapGet(resolved, 'kind'));
      if (isMap(resolved) && isScalar(k))
        kubernetes(lower, resolved, String(k.value), out, depth + 1);
    }
    return;
  }
  if (kind === 'ConfigMap')
    return void out.push(lower.envMap(lower.mapGet(root, 'data'), undefined));
  if (kind === 'Secret')
    return void out.push(lower.envMap(lower.mapGet(root, 'stringData'), undefined));
  // Walk down `spec` / `template` / `jobTemplate` to the container lists.
  const visit = (node: unknown, level: number): void => {
    const map = lower.resolve(node);
    if (!isMap(map) || level > 8) return;
    for (const pair of lower.pairs(map)) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key !== 'string') continue;
      if (CONTAINER_KEYS.includes(key)) {
        const containers = lower.resolve(pair.value);
        for (const c of isSeq(containers) ? containers.items : [])
          out.push(lower.k8sEnv(lower.mapGet(c, 'env')));
      } else if (key === 'spec' || key === 'template' || key === 'jobTemplate') {
        visit(pair.value, level + 1);
      }
    }
  };
  visit(root, 0);
}

/** Comment tokens with their offsets, from the yaml lexer (so `#` inside strings is not one). */
function yamlComments(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (!text.includes('#')) return out;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    // Control tokens (document start, flow end, scalar marker) are not source text.
    if (token.length === 1 && (token === '\x02' || token === '\x18' || token === '\x1f')) continue;
    if (token.startsWith('#')) out.push({ start: offset, end: offset + token.length });
    offset += token.length;
  }
  return out;
}
