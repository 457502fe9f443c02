/**
 * The cross-file pass's resolver without ts-morph (issue 11): loading TypeScript and
 * building a program cost over a second on a real application, for imports that are
 * almost always `import { dbConfig } from './config'` of an `export const`. This answers
 * the forms whose meaning is plain from the estree trees the scanner already has, and says
 * `UNSURE` for the rest, which project.ts then asks ts-morph (loaded then, and only then).
 *
 * Answered here, as TypeScript answers them (bundler resolution, `allowJs`):
 * - module specifiers: `./x` → `x.ts`, `x.tsx`, `x.d.ts`, `x.js`, `x.jsx`, `x/index.*`;
 *   `./x.js` → `x.ts` (and `.mjs` → `.mts`, `.cjs` → `.cts`);
 * - `export const NAME = value`, `export default value`, `export { local as NAME }` (of a
 *   top-level constant or of an import, followed), `export { a as NAME } from './y'`,
 *   `export * from './y'`; functions, classes and types are no configuration values;
 * - named, default and namespace imports of those.
 * A module with CommonJS exports (`module.exports`, `exports.x`, `export =`), a
 * destructuring export, or anything else unusual is `UNSURE`.
 */
import type { TSESTree } from '@typescript-eslint/utils';
/** Where a resolved name lives: an expression's range in a file, or a whole module. */
export type Target =
  { kind: 'node'; file: string; start: number; end: number } | { kind: 'module'; file: string };

export interface ResolverProject {
  /** The declaration the identifier at `position` of `file` refers to, when it is in another file. */
  resolveIdentifier(file: string, position: number): Target | undefined;
  /** The declaration of export `name` of a module (re-exports followed). */
  resolveExport(file: string, name: string): Target | undefined;
  /** The file a module specifier of `fromFile` resolves to. */
  resolveModule(fromFile: string, specifier: string): string | undefined;
}

export const UNSURE = Symbol('unsure');
type Answer = Target | undefined | typeof UNSURE;

export interface LightResolver {
  resolveIdentifier(file: string, position: number): Answer;
  resolveExport(file: string, name: string): Answer;
  resolveModule(fromFile: string, specifier: string): string | undefined | typeof UNSURE;
}

const EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.js', '.jsx'];
const JS_TO_TS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx', '.d.ts'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts', '.d.mts'],
  '.cjs': ['.cts', '.d.cts'],
};
const MAX_HOPS = 12;

function joinPath(from: string, specifier: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** Whether a module assigns CommonJS exports or `export =` (ts-morph decides those). */
function hasCommonJsExports(program: TSESTree.Program, text: string): boolean {
  if (/\bmodule\.exports\b|\bexports\.[\w$]+\s*=/.test(text)) return true;
  return program.body.some((s) => s.type === 'TSExportAssignment');
}

export function createLightResolver(
  files: ReadonlyMap<string, string>,
  programAt: (path: string) => TSESTree.Program | undefined,
): LightResolver {
  const resolveModule = (fromFile: string, specifier: string) => {
    if (!specifier.startsWith('.')) return undefined; // a package: not among the scanned files
    const base = joinPath(fromFile, specifier);
    const candidates: string[] = [];
    const ext = /\.[cm]?jsx?$/.exec(base)?.[0];
    if (ext && JS_TO_TS[ext])
      candidates.push(...JS_TO_TS[ext].map((e) => base.slice(0, -ext.length) + e));
    if (/\.(?:[cm]?[jt]sx?)$/.test(base) && !base.endsWith('.d.ts')) candidates.push(base);
    candidates.push(...EXTENSIONS.map((e) => base + e));
    candidates.push(...EXTENSIONS.map((e) => `${base}/index${e}`));
    for (const c of candidates) if (files.has(c)) return c;
    // A directory with a package.json `main`, path mapping…: TypeScript's own resolution.
    return UNSURE;
  };

  const moduleOf = (file: string) => {
    const program = programAt(file);
    const text = files.get(file);
    if (!program || text === undefined || hasCommonJsExports(program, text)) return undefined;
    return program;
  };

  /** What a top-level local name of `file` stands for, as an export would give it. */
  const resolveLocal = (file: string, name: string, hops: number): Answer => {
    const program = moduleOf(file);
    if (!program) return UNSURE;
    for (const statement of program.body) {
      const declaration =
        statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
      if (!declaration) continue;
      if (declaration.type === 'VariableDeclaration') {
        for (const d of declaration.declarations) {
          if (d.id.type !== 'Identifier') {
            if (patternBinds(d.id, name)) return UNSURE;
            continue;
          }
          if (d.id.name !== name) continue;
          return d.init ? nodeTarget(file, d.init) : undefined;
        }
      } else if (
        (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') &&
        declaration.id?.name === name
      )
        return undefined; // not a configuration value
      else if (declaration.type === 'ImportDeclaration') {
        for (const spec of declaration.specifiers) {
          if (spec.local.name !== name) continue;
          return importTarget(file, declaration, spec, hops + 1);
        }
      } else if (declaration.type === 'TSImportEqualsDeclaration' && declaration.id.name === name)
        return UNSURE;
    }
    return UNSURE; // an enum, a namespace, a global: let TypeScript say
  };

  const importTarget = (
    file: string,
    declaration: TSESTree.ImportDeclaration,
    spec: TSESTree.ImportClause,
    hops: number,
  ): Answer => {
    if (hops > MAX_HOPS) return UNSURE;
    const module = resolveModule(file, declaration.source.value);
    if (module === UNSURE) return UNSURE;
    if (module === undefined) return undefined; // a package's export: not a scanned file
    if (spec.type === 'ImportNamespaceSpecifier') return { kind: 'module', file: module };
    const name =
      spec.type === 'ImportDefaultSpecifier'
        ? 'default'
        : spec.imported.type === 'Identifier'
          ? spec.imported.name
          : spec.imported.value;
    return resolveExportFrom(module, name, hops);
  };

  const resolveExportFrom = (file: string, name: string, hops: number): Answer => {
    if (hops > MAX_HOPS) return UNSURE;
    const program = moduleOf(file);
    if (!program) return UNSURE;
    const stars: string[] = [];
    for (const statement of program.body) {
      if (statement.type === 'ExportDefaultDeclaration') {
        if (name !== 'default') continue;
        const d = statement.declaration;
        if (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') return undefined;
        if (d.type === 'TSInterfaceDeclaration' || d.type === 'TSDeclareFunction') return UNSURE;
        // `export default dbConfig`: TypeScript follows the name to its declaration.
        if (d.type === 'Identifier') return resolveLocal(file, d.name, hops + 1);
        return nodeTarget(file, d);
      }
      if (statement.type === 'ExportAllDeclaration') {
        if (statement.exported) {
          if (exportedName(statement.exported) === name) return UNSURE; // export * as ns
          continue;
        }
        const module = resolveModule(file, statement.source.value);
        if (module === UNSURE) return UNSURE;
        if (module) stars.push(module);
        continue;
      }
      if (statement.type !== 'ExportNamedDeclaration') continue;
      if (statement.exportKind === 'type') continue;
      const d = statement.declaration;
      if (d) {
        if (d.type === 'VariableDeclaration') {
          for (const v of d.declarations) {
            if (v.id.type !== 'Identifier') {
              if (patternBinds(v.id, name)) return UNSURE;
              continue;
            }
            if (v.id.name === name) return v.init ? nodeTarget(file, v.init) : undefined;
          }
        } else if (
          (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') &&
          d.id?.name === name
        )
          return undefined;
        else if ('id' in d && d.id && d.id.type === 'Identifier' && d.id.name === name)
          return UNSURE; // an enum, a namespace, a type
        continue;
      }
      for (const spec of statement.specifiers) {
        if (exportedName(spec.exported) !== name) continue;
        if (spec.exportKind === 'type') return UNSURE;
        const local = exportedName(spec.local);
        if (statement.source) {
          const module = resolveModule(file, statement.source.value);
          if (module === UNSURE) return UNSURE;
          if (module === undefined) return undefined;
          return resolveExportFrom(module, local, hops + 1);
        }
        return resolveLocal(file, local, hops + 1);
      }
    }
    if (name === 'default' || stars.length === 0) return undefined;
    // `export *`: the one module that exports the name (TypeScript: ambiguous ones are not exported).
    const found: Target[] = [];
    for (const module of stars) {
      const answer = resolveExportFrom(module, name, hops + 1);
      if (answer === UNSURE) return UNSURE;
      if (answer) found.push(answer);
    }
    return found.length === 1 ? found[0] : found.length === 0 ? undefined : UNSURE;
  };

  return {
    resolveModule,
    resolveExport: (file, name) => resolveExportFrom(file, name, 0),
    resolveIdentifier(file, position) {
      const program = moduleOf(file);
      if (!program) return UNSURE;
      for (const statement of program.body) {
        if (statement.type !== 'ImportDeclaration') continue;
        for (const spec of statement.specifiers)
          if (spec.local.range[0] === position) return importTarget(file, statement, spec, 0);
      }
      return UNSURE; // `import x = require()`, `require()` in JavaScript: TypeScript binds those
    },
  };
}

function exportedName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

/** An expression's place (estree keeps no parentheses, as project.ts strips them). */
function nodeTarget(file: string, expression: TSESTree.Node): Target {
  return { kind: 'node', file, start: expression.range[0], end: expression.range[1] };
}

/** Whether a destructuring pattern binds `name`. */
function patternBinds(pattern: TSESTree.Node, name: string): boolean {
  switch (pattern.type) {
    case 'Identifier':
      return pattern.name === name;
    case 'ObjectPattern':
      return pattern.properties.some((p) =>
        patternBinds(p.type === 'Property' ? p.value : p.argument, name),
      );
    case 'ArrayPattern':
      return pattern.elements.some((e) => e !== null && patternBinds(e, name));
    case 'AssignmentPattern':
      return patternBinds(pattern.left, name);
    case 'RestElement':
      return patternBinds(pattern.argument, name);
    default:
      return false;
  }
}

/** A ResolverProject that asks `light` first and `fallback` (ts-morph, created on demand) when it is unsure. */
export function hybridProject(
  light: LightResolver,
  fallback: () => ResolverProject,
): ResolverProject {
  return {
    resolveIdentifier(file, position) {
      const answer = light.resolveIdentifier(file, position);
      return answer === UNSURE ? fallback().resolveIdentifier(file, position) : answer;
    },
    resolveExport(file, name) {
      const answer = light.resolveExport(file, name);
      return answer === UNSURE ? fallback().resolveExport(file, name) : answer;
    },
    resolveModule(fromFile, specifier) {
      const answer = light.resolveModule(fromFile, specifier);
      return answer === UNSURE ? fallback().resolveModule(fromFile, specifier) : answer;
    },
  };
}
