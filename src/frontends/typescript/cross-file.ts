/**
 * The scanner's cross-file pass (ARCHITECTURE: "JS/TS project → frontends/typescript").
 * It closes one gap of the per-file estree pass: a driver call whose options or URL come
 * from another module —
 *
 *   // config.ts                          // db.ts
 *   export const dbConfig = { host };     import { dbConfig } from './config';
 *                                         new Pool(dbConfig);
 *
 * — evaluates to `unknown` in db.ts, and config.ts alone has no driver to judge it by.
 * POLICY "Values that are not literals": such an object is followed to its consumer.
 *
 * Steps:
 * 1. Prefilter, without ts-morph: a JS/TS file that names a driver module of the table and
 *    has a relative import is parsed (typescript-estree, as the scanner's front-end does);
 *    it is a candidate when a known driver call takes, as a config or URL argument, an
 *    imported binding, a member of one, a spread of one, an object property set to one, or
 *    a local constant built from those. No candidate: an empty result, ts-morph never loaded.
 * 2. An in-memory ts-morph project over the scanned JS/TS files (`skipAddingFilesFromTsConfig`,
 *    `skipFileDependencyResolution`, no lib files, no disk reads, nothing executed) answers
 *    which declaration an imported name stands for: aliases, re-exports through index files,
 *    `export default`, `export =`, `module.exports = …`, `exports.x = …` (project.ts).
 *    `require()` in a .ts file, which TypeScript does not bind, falls back to module
 *    resolution plus the module's exports (or its `module.exports` object).
 * 3. The declaration's initializer is found in that file's estree tree and evaluated by an
 *    `Evaluator` built for that file, so environment reads, conditionals, spreads and
 *    production guards in the config module mean what they mean in-file. Values from
 *    several files meet in one object (`{ ...dbConfig, max: 5 }`) through a shared address
 *    space (virtual-ranges.ts).
 * 4. The consumer's driver row, call shape and layout judge the result with `readSite`,
 *    then `runChecks` per file with that file's `FileInfo`. The site's environment combines
 *    the consumer's (file, branch) with the config's (file, branch, env-map key): development
 *    if any says so, else production if any says so. A consumer in a test file is skipped.
 *
 * Ranges: a site whose config object is imported whole points at that object in the config
 * module; a config object literal in the consumer (with imported parts) points at the call,
 * as the per-file pass does; a URL finding points into the URL literal, wherever it lives.
 *
 * Dedupe with the per-file pass. This pass reports only what `readSite` says about a
 * site with the consumer's driver: missing or off TLS for that driver (`require-ssl`),
 * driver modes (`no-weak-sslmode`: mysql2 without verifyIdentity, postgres.js `'require'`,
 * URL sslmodes by the consumer's semantics), TLS keys the driver ignores, mssql defaults.
 * It never runs the generic passes the per-file analysis already runs on every file (TLS
 * option objects such as `rejectUnauthorized: false`, passwords, free URLs, comments). Where
 * both passes still meet, they meet at the same place: `ssl: false` is a `require-ssl` at the
 * literal from both, a URL parameter the same range from both. So the scanner merges by
 * (file, ruleId, range), keeping one, and this pass also dedupes its own output that way
 * (one config consumed twice). Two things only the merge can do, returned by
 * `analyzeCrossFileDetailed`:
 * - `claimedUrls`: URL literals this pass judged with their consumer's semantics. The
 *   per-file pass judged them as free URLs (libpq), so drop per-file `require-ssl`,
 *   `no-weak-sslmode` and `no-disabled-cert-verification` findings whose range lies inside
 *   a claimed literal; the consumer's verdict replaces them (kept: credentials).
 * - `resolvedCalls`: driver calls whose imported config this pass resolved; drop per-file
 *   `require-ssl` findings with messageId `tlsUnresolved` at exactly that range (strict
 *   profile only: "TLS is not set in code" is no longer true).
 */
import { posix } from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import type { SiteEntry } from '../../core/analysis.js';
import { bindArgumentValues } from '../../core/drivers/arguments.js';
import { isEnvironmentMapValue } from '../../core/environment.js';
import { DRIVER_MODULES } from '../../core/drivers/table.js';
import { fileMayConcernDatabases } from '../../core/keywords.js';
import type { CallShape, DriverRow } from '../../core/drivers/types.js';
import { classifyEnvironmentName, isEnvironmentKey } from '../../core/vocabulary.js';
import type {
  Environment,
  FileInfo,
  Guards,
  PolicyOptions,
  Property,
  Range,
  Value,
} from '../../core/model.js';
import { alternatives, spreadInto } from '../../core/values.js';
import type { SourceFile } from '../types.js';
import { bindingsOf, type Bindings } from '../estree/bindings.js';
import { Evaluator } from '../estree/static-value.js';
import { staticPropertyName, unwrap, walk, type Node } from '../estree/walk.js';
import { collectGuards, environmentAt, samePath } from '../estree/call-sites.js';
import { programOf } from '../estree/program-cache.js';
import { createProject, type ResolverProject, type Target } from './project.js';
import { baseOf, locate, shiftRange, shiftValue } from './virtual-ranges.js';

export interface CrossFileContext {
  options: PolicyOptions;
  fileInfo: (relativePath: string) => FileInfo;
  /** The scan's working directory (sources' relative paths are relative to it). */
  cwd: string;
}

/**
 * Driver calls whose config or URL came from another module, composed across files: sites
 * of the model in one address space shared by all files (virtual-ranges.ts). The scanner
 * reads and judges them, and brings each finding back to the file it lies in.
 */
export interface CrossFileModel {
  sites: SiteEntry[];
  /** Per consumer file: driver call ranges whose imported config was resolved (see the header). */
  resolvedCalls: Map<string, Range[]>;
  /** The relative path of the file at an index of the address space. */
  fileAt(index: number): string | undefined;
}

/** Counters for tests and the bench: how often the expensive parts ran. */
export const crossFileStats = { projectsCreated: 0, filesParsed: 0, candidates: 0 };

const JS_TS = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const MAX_DEPTH = 12;
const VIRTUAL_ROOT = '/__secure_db__';
const DRIVER_IMPORT = new RegExp(
  `['"\`](?:${[...DRIVER_MODULES.keys()].map((m) => m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})['"\`]`,
);
const RELATIVE_IMPORT = /['"`]\.\.?\//;

export async function lowerCrossFile(
  sources: readonly SourceFile[],
  context: CrossFileContext,
): Promise<CrossFileModel> {
  const workspace = new Workspace(sources, context);
  const model: CrossFileModel = {
    sites: [],
    resolvedCalls: new Map(),
    fileAt: (index) => workspace.fileAt(index)?.source.relativePath,
  };
  const candidates = workspace.candidates();
  crossFileStats.candidates += candidates.length;
  if (candidates.length === 0) return model;

  crossFileStats.projectsCreated++;
  workspace.project = createProject(
    workspace.virtualTexts(),
    [...new Set(candidates.map((c) => c.file.virtualPath))],
    (path) => workspace.programAtPath(path),
  );
  for (const candidate of candidates) {
    const sites = workspace.sitesOf(candidate);
    if (!sites) continue;
    model.sites.push(...sites);
    push(model.resolvedCalls, candidate.file.source.relativePath, candidate.call.range);
  }
  return model;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// ── files ─────────────────────────────────────────────────────────────────────

interface FileContext {
  index: number;
  base: number;
  source: SourceFile;
  virtualPath: string;
  info: FileInfo;
  program: TSESTree.Program;
  bindings: Bindings;
  evaluator: Evaluator;
  /** Local names bound to a relative module (import, require, import = require) → the declaring identifier. */
  imports: Map<string, TSESTree.Identifier>;
  guards?: Map<string, boolean>;
  nodesByRange?: Map<string, Node>;
  mentions: WeakMap<Node, boolean>;
  shifted: WeakMap<Value, Value>;
}

interface Candidate {
  file: FileContext;
  call: TSESTree.CallExpression | TSESTree.NewExpression;
  row: DriverRow;
  shape: CallShape;
}

/** What one driver call's evaluation touched: environment evidence, files, whether anything resolved. */
interface Trace {
  evidence: Environment[];
  files: Set<FileContext>;
  resolved: boolean;
  visiting: Set<string>;
}

function isRelative(specifier: string): boolean {
  return (
    specifier === '.' ||
    specifier === '..' ||
    specifier.startsWith('./') ||
    specifier.startsWith('../')
  );
}

class Workspace {
  project: ResolverProject | undefined;
  readonly #sources: readonly SourceFile[];
  readonly #context: CrossFileContext;
  readonly #byVirtualPath = new Map<string, number>();
  readonly #files = new Map<number, FileContext | null>();

  constructor(sources: readonly SourceFile[], context: CrossFileContext) {
    this.#sources = sources;
    this.#context = context;
    sources.forEach((source, index) => {
      if (JS_TS.test(source.relativePath) && !source.relativePath.endsWith('.d.ts'))
        this.#byVirtualPath.set(virtualPathOf(source), index);
    });
  }

  virtualTexts(): Map<string, string> {
    return new Map(
      [...this.#byVirtualPath].map(([path, index]) => [path, this.#sources[index]!.text]),
    );
  }

  fileAt(index: number): FileContext | undefined {
    const cached = this.#files.get(index);
    if (cached !== undefined) return cached ?? undefined;
    const source = this.#sources[index];
    let file: FileContext | null = null;
    if (source) {
      try {
        const program = programOf(source);
        crossFileStats.filesParsed++;
        const bindings = bindingsOf(program);
        file = {
          index,
          base: baseOf(index),
          source,
          virtualPath: virtualPathOf(source),
          info: this.#context.fileInfo(source.relativePath),
          program,
          bindings,
          evaluator: new Evaluator(bindings, source.text),
          imports: relativeImports(program, bindings, source.text),
          mentions: new WeakMap(),
          shifted: new WeakMap(),
        };
      } catch {
        file = null; // unparsable: the per-file pass reports it
      }
    }
    this.#files.set(index, file);
    return file ?? undefined;
  }

  programAtPath(virtualPath: string): TSESTree.Program | undefined {
    return this.#fileAtPath(virtualPath)?.program;
  }

  #fileAtPath(virtualPath: string): FileContext | undefined {
    const index = this.#byVirtualPath.get(virtualPath);
    return index === undefined ? undefined : this.fileAt(index);
  }

  // ── 1. prefilter ──────────────────────────────────────────────────────────

  candidates(): Candidate[] {
    const out: Candidate[] = [];
    for (const [, index] of this.#byVirtualPath) {
      const source = this.#sources[index]!;
      // A driver import passes the keyword gate, whose verdict the other passes share.
      if (
        !fileMayConcernDatabases(source) ||
        !DRIVER_IMPORT.test(source.text) ||
        !RELATIVE_IMPORT.test(source.text)
      )
        continue;
      const file = this.fileAt(index);
      if (!file || file.info.isTest || file.imports.size === 0) continue;
      walk(file.program, (node) => {
        if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return;
        const ref = file.bindings.moduleOf(node.callee);
        const row = ref ? DRIVER_MODULES.get(ref.module) : undefined;
        const shape = row?.calls.find((c) => samePath(c.path, ref!.path));
        if (!row || !shape) return;
        if (
          node.arguments.some((a) => a.type !== 'SpreadElement' && this.#mentionsImport(file, a, 0))
        )
          out.push({ file, call: node, row, shape });
      });
    }
    return out;
  }

  /** Whether an expression's value depends on a relative import (through locals, members, spreads). */
  #mentionsImport(file: FileContext, node: Node, depth: number): boolean {
    const n = unwrap(node);
    const cached = file.mentions.get(n);
    if (cached !== undefined) return cached;
    if (depth > MAX_DEPTH) return false;
    file.mentions.set(n, false); // cycles
    let result: boolean;
    switch (n.type) {
      case 'Identifier': {
        if (file.imports.has(n.name)) result = true;
        else {
          const init = file.bindings.init(n.name);
          result =
            init !== undefined &&
            init.type !== 'FunctionDeclaration' &&
            init.type !== 'ClassDeclaration' &&
            this.#mentionsImport(file, init, depth + 1);
        }
        break;
      }
      case 'MemberExpression':
        result = this.#mentionsImport(file, n.object, depth + 1);
        break;
      case 'ObjectExpression':
        result = n.properties.some((p) =>
          p.type === 'SpreadElement'
            ? this.#mentionsImport(file, p.argument, depth + 1)
            : p.kind === 'init' && !p.method && this.#mentionsImport(file, p.value, depth + 1),
        );
        break;
      case 'ConditionalExpression':
        result =
          this.#mentionsImport(file, n.consequent, depth + 1) ||
          this.#mentionsImport(file, n.alternate, depth + 1);
        break;
      case 'CallExpression':
        result =
          relativeRequire(n) !== undefined ||
          (isObjectAssign(n) &&
            n.arguments.some((a) =>
              this.#mentionsImport(file, a.type === 'SpreadElement' ? a.argument : a, depth + 1),
            ));
        break;
      default:
        result = false;
    }
    file.mentions.set(n, result);
    return result;
  }

  // ── 3. values across files ────────────────────────────────────────────────

  /** The value of an expression of `file`, in the shared address space, imports resolved. */
  #compose(file: FileContext, node: Node, depth: number, trace: Trace): Value {
    const n = unwrap(node);
    trace.files.add(file);
    if (depth > MAX_DEPTH || !this.#mentionsImport(file, n, 0))
      return this.#own(file, file.evaluator.value(n));
    switch (n.type) {
      case 'Identifier': {
        if (file.imports.has(n.name))
          return this.#resolveImported(file, n.name, [], depth, trace) ?? this.#unknown(file, n);
        const init = file.bindings.init(n.name);
        return init ? this.#compose(file, init, depth + 1, trace) : this.#unknown(file, n);
      }
      case 'MemberExpression': {
        const name = staticPropertyName(n);
        if (name === undefined) return this.#unknown(file, n);
        // `cfg.db.primary` on an import: resolve the import with its member path (namespaces too).
        const chain = memberChain(n);
        if (chain && chain.root.type === 'Identifier' && file.imports.has(chain.root.name)) {
          return (
            this.#resolveImported(file, chain.root.name, chain.path, depth, trace) ??
            this.#unknown(file, n)
          );
        }
        const object = this.#compose(file, n.object, depth + 1, trace);
        return (
          (object.kind === 'object'
            ? object.properties.findLast((p) => p.key === name)?.value
            : undefined) ?? this.#unknown(file, n)
        );
      }
      case 'CallExpression': {
        const specifier = relativeRequire(n);
        if (specifier !== undefined)
          return (
            this.#resolveSpecifier(file, specifier, [], depth, trace) ?? this.#unknown(file, n)
          );
        if (isObjectAssign(n)) {
          const built = { properties: [] as Property[], open: false };
          for (const arg of n.arguments)
            spreadInto(
              built,
              arg.type === 'SpreadElement' ? undefined : this.#compose(file, arg, depth + 1, trace),
            );
          return { kind: 'object', ...built, range: shiftRange(n.range, file.base) };
        }
        return this.#own(file, file.evaluator.value(n));
      }
      case 'ObjectExpression': {
        const own = this.#own(file, file.evaluator.value(n));
        const built = { properties: [] as Property[], open: false };
        for (const p of n.properties) {
          if (p.type === 'SpreadElement') {
            spreadInto(built, this.#compose(file, p.argument, depth + 1, trace));
            continue;
          }
          const key = staticPropertyName(p);
          const evaluated =
            own.kind === 'object'
              ? own.properties.find((q) => q.keyRange[0] === p.key.range[0] + file.base)
              : undefined;
          if (key === undefined || !evaluated) {
            built.open = true;
            continue;
          }
          const value =
            p.kind === 'init' && !p.method && this.#mentionsImport(file, p.value, 0)
              ? this.#compose(file, p.value, depth + 1, trace)
              : evaluated.value;
          built.properties.push({ ...evaluated, value });
        }
        return {
          kind: 'object',
          ...built,
          range: own.range,
          ...(own.kind === 'object' && own.insertion ? { insertion: own.insertion } : {}),
        };
      }
      case 'ConditionalExpression':
        return {
          kind: 'conditional',
          test: file.evaluator.test(n.test),
          testRange: shiftRange(n.test.range, file.base),
          consequent: this.#compose(file, n.consequent, depth + 1, trace),
          alternate: this.#compose(file, n.alternate, depth + 1, trace),
          range: shiftRange(n.range, file.base),
        };
      default:
        return this.#own(file, file.evaluator.value(n));
    }
  }

  #own(file: FileContext, value: Value): Value {
    return shiftValue(value, file.base, file.shifted);
  }

  #unknown(file: FileContext, node: Node): Value {
    return { kind: 'unknown', range: shiftRange(node.range, file.base) };
  }

  /** An imported name (plus a member path read from it) → its value in the module that declares it. */
  #resolveImported(
    file: FileContext,
    local: string,
    path: readonly string[],
    depth: number,
    trace: Trace,
  ): Value | undefined {
    const declaring = file.imports.get(local);
    if (!declaring || !this.project) return undefined;
    const target = this.project.resolveIdentifier(file.virtualPath, declaring.range[0]);
    if (target) return this.#valueOf(target, path, depth + 1, trace);
    // TypeScript does not bind it (`const { a } = require('./x')` in a .ts file): the module and the binding's path.
    const ref = file.bindings.moduleOf(declaring);
    if (!ref || !isRelative(ref.module)) return undefined;
    return this.#resolveSpecifier(file, ref.module, [...ref.path, ...path], depth, trace);
  }

  #resolveSpecifier(
    file: FileContext,
    specifier: string,
    path: readonly string[],
    depth: number,
    trace: Trace,
  ): Value | undefined {
    const module = this.project?.resolveModule(file.virtualPath, specifier);
    return module
      ? this.#valueOf({ kind: 'module', file: module }, path, depth + 1, trace)
      : undefined;
  }

  #valueOf(
    target: Target,
    path: readonly string[],
    depth: number,
    trace: Trace,
  ): Value | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const file = this.#fileAtPath(target.file);
    if (!file) return undefined;
    if (target.kind === 'module') {
      const [head, ...rest] = path;
      if (head === undefined) return this.#moduleValue(file, depth, trace);
      const exported = this.project?.resolveExport(file.virtualPath, head);
      if (exported) return this.#valueOf(exported, rest, depth + 1, trace);
      const assigned = cjsExport(file.program, head);
      if (assigned) return this.#member(this.#evaluate(file, assigned, depth, trace), rest, trace);
      return this.#member(this.#moduleValue(file, depth, trace), path, trace);
    }
    const node = nodeAt(file, target.start, target.end);
    return node ? this.#member(this.#evaluate(file, node, depth, trace), path, trace) : undefined;
  }

  /** A resolved declaration's value, with its environment evidence; unknown on a cycle. */
  #evaluate(file: FileContext, node: Node, depth: number, trace: Trace): Value | undefined {
    const key = `${file.index}:${node.range[0]}:${node.range[1]}`;
    if (trace.visiting.has(key)) return undefined;
    trace.visiting.add(key);
    const value = this.#compose(file, node, depth + 1, trace);
    trace.visiting.delete(key);
    trace.evidence.push(environmentAt(node, file.evaluator, file.info.environment));
    if (value.kind !== 'unknown') trace.resolved = true;
    return value;
  }

  /** What `require('./x')` / a default import of a CommonJS module gives: `module.exports`, `export =`, else the default export. */
  #moduleValue(file: FileContext, depth: number, trace: Trace): Value | undefined {
    for (const statement of file.program.body) {
      if (statement.type === 'TSExportAssignment')
        return this.#evaluate(file, statement.expression, depth, trace);
      if (
        statement.type === 'ExpressionStatement' &&
        statement.expression.type === 'AssignmentExpression' &&
        isModuleExports(statement.expression.left)
      ) {
        return this.#evaluate(file, statement.expression.right, depth, trace);
      }
    }
    const exported = this.project?.resolveExport(file.virtualPath, 'default');
    return exported ? this.#valueOf(exported, [], depth + 1, trace) : undefined;
  }

  /** Reads a member path; a step through an env map (`config.production`) is environment evidence. */
  #member(value: Value | undefined, path: readonly string[], trace: Trace): Value | undefined {
    let current = value;
    for (const key of path) {
      if (current?.kind !== 'object') return undefined;
      if (isEnvironmentKey(key) && isEnvironmentMapValue(current))
        trace.evidence.push(classifyEnvironmentName(key));
      current = current.properties.findLast((p) => p.key === key)?.value;
    }
    return current;
  }

  // ── 4. judging ────────────────────────────────────────────────────────────

  sitesOf(candidate: Candidate): SiteEntry[] | undefined {
    const { file, call } = candidate;
    const trace: Trace = {
      evidence: [],
      files: new Set([file]),
      resolved: false,
      visiting: new Set(),
    };
    const consumerEnvironment = environmentAt(call, file.evaluator, file.info.environment);
    const out: SiteEntry[] = [];
    const callRange = shiftRange(call.range, file.base);

    // `knex(config[process.env.NODE_ENV])` with an imported env map: judge every entry.
    const first = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
    if (
      first?.type === 'MemberExpression' &&
      first.computed &&
      staticPropertyName(first) === undefined &&
      this.#mentionsImport(file, first.object, 0)
    ) {
      const map = this.#compose(file, first.object, 0, trace);
      if (!trace.resolved || map.kind !== 'object' || !isEnvironmentMapValue(map)) return undefined;
      const guards = this.#guards(trace);
      for (const entry of map.properties) {
        const environment = combine([
          consumerEnvironment,
          classifyEnvironmentName(entry.key),
          ...trace.evidence,
        ]);
        this.#judge(candidate, [entry.value], environment, guards, callRange, out);
      }
      return out;
    }

    const values = call.arguments.map((a) =>
      a.type === 'SpreadElement' ? undefined : this.#compose(file, a, 0, trace),
    );
    if (!trace.resolved) return undefined;
    const environment = combine([consumerEnvironment, ...trace.evidence]);
    this.#judge(candidate, values, environment, this.#guards(trace), callRange, out);
    return out;
  }

  #judge(
    candidate: Candidate,
    values: (Value | undefined)[],
    environment: Environment,
    guards: Guards,
    callRange: Range,
    out: SiteEntry[],
  ): void {
    // `isProduction ? prodConfig : devConfig`: each default-taken branch is a site of its own.
    const split = values.findIndex(
      (v) =>
        v?.kind === 'conditional' &&
        alternatives(v, environment, guards).some((a) => a.value.kind === 'object'),
    );
    if (split >= 0) {
      for (const alt of alternatives(values[split]!, environment, guards)) {
        if (alt.explicit) continue;
        const replaced = [...values];
        replaced[split] = alt.value;
        this.#judge(candidate, replaced, alt.environment, guards, callRange, out);
      }
      return;
    }
    const { file, row, shape } = candidate;
    const parts = bindArgumentValues(shape, values);
    if (!parts) return;
    const importedWhole =
      parts.config !== undefined && locate(parts.config.range[0]).index !== file.index;
    out.push({
      driverId: row.id,
      ...(shape.layout ? { layoutName: shape.layout } : {}),
      environment,
      range: importedWhole ? parts.config!.range : callRange,
      ...(parts.config ? { config: parts.config } : {}),
      ...(parts.url ? { url: parts.url } : {}),
      guards,
    });
  }

  /** Production guards of every file the call's values came from (guards name environment variables, which are global). */
  #guards(trace: Trace): Map<string, boolean> {
    const merged = new Map<string, boolean>();
    for (const file of trace.files) {
      file.guards ??= collectGuards(file.program, file.evaluator);
      for (const [key, value] of file.guards) merged.set(key, value);
    }
    return merged;
  }
}

function combine(environments: readonly Environment[]): Environment {
  if (environments.includes('development')) return 'development';
  if (environments.includes('production')) return 'production';
  return 'unknown';
}

function virtualPathOf(source: SourceFile): string {
  const rel = source.relativePath;
  // Discovery's paths are already POSIX and normalised: concatenate (path.join per file showed
  // in profiles); only unusual ones (`../x`, backslashes, `./`) go through join.
  if (!rel.includes('\\') && !rel.startsWith('.') && !rel.includes('/.'))
    return `${VIRTUAL_ROOT}/${rel}`;
  return posix.join(VIRTUAL_ROOT, rel.replaceAll('\\', '/'));
}

/** Local names bound to relative modules, with the identifier that declares each. */
/** A relative `require` or `import x = require` can sit anywhere; static imports only at the top. */
const RELATIVE_REQUIRE = /\brequire\s*\(\s*['"`]\.\.?\//;

function relativeImports(
  program: TSESTree.Program,
  bindings: Bindings,
  text: string,
): Map<string, TSESTree.Identifier> {
  const imports = new Map<string, TSESTree.Identifier>();
  const patternNames = (pattern: Node): void => {
    if (pattern.type === 'Identifier') imports.set(pattern.name, pattern);
    else if (pattern.type === 'ObjectPattern') {
      for (const p of pattern.properties)
        if (p.type === 'Property')
          patternNames(p.value.type === 'AssignmentPattern' ? p.value.left : p.value);
    }
  };
  const visit = (node: Node): void => {
    if (node.type === 'ImportDeclaration') {
      if (node.importKind === 'type' || !isRelative(node.source.value)) return;
      for (const spec of node.specifiers) {
        if (spec.type === 'ImportSpecifier' && spec.importKind === 'type') continue;
        imports.set(spec.local.name, spec.local);
      }
    } else if (node.type === 'TSImportEqualsDeclaration') {
      const ref = node.moduleReference;
      if (ref.type === 'TSExternalModuleReference' && isRelative(ref.expression.value))
        imports.set(node.id.name, node.id);
    } else if (node.type === 'VariableDeclarator' && node.init) {
      const init = unwrap(node.init);
      // `require('./x')`, `require('./x').db`, `const { a } = require('./x')`
      if (init.type !== 'CallExpression' && init.type !== 'MemberExpression') return;
      const ref = bindings.moduleOf(init);
      if (ref && isRelative(ref.module) && rootIsRequire(init)) patternNames(node.id);
    }
  };
  // Without a relative require anywhere, the top-level statements hold every relative import:
  // no need to walk the whole tree (most files of a project take this path).
  if (RELATIVE_REQUIRE.test(text)) walk(program, visit);
  else for (const statement of program.body) visit(statement);
  return imports;
}

function rootIsRequire(node: Node): boolean {
  const n = unwrap(node);
  if (n.type === 'MemberExpression') return rootIsRequire(n.object);
  return n.type === 'CallExpression' && relativeRequire(n) !== undefined;
}

function relativeRequire(node: TSESTree.CallExpression): string | undefined {
  if (node.callee.type !== 'Identifier' || node.callee.name !== 'require') return undefined;
  const arg = node.arguments[0];
  return arg?.type === 'Literal' && typeof arg.value === 'string' && isRelative(arg.value)
    ? arg.value
    : undefined;
}

function isObjectAssign(node: TSESTree.CallExpression): boolean {
  const callee = unwrap(node.callee);
  return (
    callee.type === 'MemberExpression' &&
    staticPropertyName(callee) === 'assign' &&
    unwrap(callee.object).type === 'Identifier' &&
    (unwrap(callee.object) as TSESTree.Identifier).name === 'Object'
  );
}

function isModuleExports(node: Node): boolean {
  const n = unwrap(node);
  return (
    n.type === 'MemberExpression' &&
    staticPropertyName(n) === 'exports' &&
    n.object.type === 'Identifier' &&
    n.object.name === 'module'
  );
}

/** `exports.name = X` / `module.exports.name = X` at the top level. */
function cjsExport(program: TSESTree.Program, name: string): Node | undefined {
  let found: Node | undefined;
  for (const statement of program.body) {
    if (
      statement.type !== 'ExpressionStatement' ||
      statement.expression.type !== 'AssignmentExpression'
    )
      continue;
    const left = unwrap(statement.expression.left);
    if (left.type !== 'MemberExpression' || staticPropertyName(left) !== name) continue;
    const object = unwrap(left.object);
    if ((object.type === 'Identifier' && object.name === 'exports') || isModuleExports(object))
      found = statement.expression.right;
  }
  return found;
}

/** `a.b.c` → root `a`, path `['b', 'c']` (static names only). */
function memberChain(node: TSESTree.MemberExpression): { root: Node; path: string[] } | undefined {
  const path: string[] = [];
  let current: Node = node;
  while (current.type === 'MemberExpression') {
    const name = staticPropertyName(current);
    if (name === undefined) return undefined;
    path.unshift(name);
    current = unwrap(current.object);
  }
  return { root: current, path };
}

/** The outermost estree node spanning exactly `[start, end)`. */
function nodeAt(file: FileContext, start: number, end: number): Node | undefined {
  if (!file.nodesByRange) {
    const index = new Map<string, Node>();
    walk(file.program, (node) => {
      const key = `${node.range[0]}:${node.range[1]}`;
      if (!index.has(key)) index.set(key, node);
    });
    file.nodesByRange = index;
  }
  return file.nodesByRange.get(`${start}:${end}`);
}
