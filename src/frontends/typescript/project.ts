/**
 * The ts-morph side of the cross-file pass: an in-memory project over the files the
 * scanner read (no disk access, nothing executed), used only to answer "which
 * declaration does this imported name stand for?" — following aliases, re-exports,
 * `export default`, `export =`, `module.exports = …` and `exports.x = …` as the
 * TypeScript checker does. Values are read elsewhere, by the estree evaluator.
 *
 * Most questions never reach it: light-resolver.ts answers the plain forms from the estree
 * trees, and ts-morph is required (with the TypeScript compiler, over a second on a real
 * application) only when that resolver is unsure. Its program then holds the candidate
 * files and what they import (docs/performance.md).
 */
import { createRequire } from 'node:module';
import type { TSESTree } from '@typescript-eslint/utils';
import type * as TsMorph from 'ts-morph';
import {
  createLightResolver,
  hybridProject,
  type ResolverProject,
  type Target,
} from './light-resolver.js';

export type { ResolverProject, Target };

const requireModule = createRequire(import.meta.url);

/**
 * The resolver of one cross-file pass (only ever created past the prefilter): the
 * estree-based light resolver, and ts-morph only for what it is unsure of (issue 11).
 */
export function createProject(
  files: ReadonlyMap<string, string>,
  roots: readonly string[],
  programAt: (path: string) => TSESTree.Program | undefined,
): ResolverProject {
  let tsMorph: ResolverProject | undefined;
  return hybridProject(createLightResolver(files, programAt), () => {
    tsMorph ??= createTsMorphProject(files, roots);
    return tsMorph;
  });
}

export function createTsMorphProject(
  files: ReadonlyMap<string, string>,
  roots: readonly string[],
): ResolverProject {
  const { Project, Node, ts } = requireModule('ts-morph') as typeof TsMorph;
  const project = new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    skipLoadingLibFiles: true,
    compilerOptions: {
      allowJs: true,
      checkJs: false,
      noLib: true,
      noEmit: true,
      types: [],
      jsx: ts.JsxEmit.Preserve,
      target: ts.ScriptTarget.ESNext,
      // Bundler resolution reads both `./config` and `./config.js` (→ config.ts), and
      // `require()` in JavaScript files.
      module: ts.ModuleKind.Preserve,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      resolveJsonModule: false,
    },
  });
  const fs = project.getFileSystem();
  for (const [path, text] of files) fs.writeFileSync(path, text);
  // Root files first, so the program is built once for all of them.
  for (const root of roots) project.addSourceFileAtPath(root);

  const sourceFile = (path: string): TsMorph.SourceFile | undefined => {
    if (!files.has(path)) return undefined;
    return project.getSourceFile(path) ?? project.addSourceFileAtPath(path);
  };

  const targetOf = (declaration: TsMorph.Node): Target | undefined => {
    const file = declaration.getSourceFile().getFilePath();
    if (!files.has(file)) return undefined;
    const node = (expression: TsMorph.Node | undefined): Target | undefined => {
      let n = expression;
      if (!n) return undefined;
      while (Node.isParenthesizedExpression(n)) n = n.getExpression();
      return { kind: 'node', file, start: n.getStart(), end: n.getEnd() };
    };
    if (Node.isSourceFile(declaration)) return { kind: 'module', file };
    if (Node.isVariableDeclaration(declaration) || Node.isPropertyAssignment(declaration))
      return node(declaration.getInitializer());
    if (Node.isExportAssignment(declaration)) return node(declaration.getExpression()); // export default X, export = X
    if (Node.isShorthandPropertyAssignment(declaration) || Node.isBindingElement(declaration))
      return node(declaration.getNameNode());
    if (Node.isBinaryExpression(declaration)) return node(declaration.getRight()); // module.exports = X
    if (Node.isPropertyAccessExpression(declaration)) {
      // exports.x = X / module.exports.x = X
      const parent = declaration.getParent();
      return Node.isBinaryExpression(parent) && parent.getLeft() === declaration
        ? node(parent.getRight())
        : undefined;
    }
    if (Node.isExpression(declaration)) return node(declaration); // `export default { … }`
    return undefined; // functions, classes, types: not configuration values
  };

  const declarationOf = (symbol: TsMorph.Symbol | undefined): TsMorph.Node | undefined => {
    if (!symbol) return undefined;
    let target: TsMorph.Symbol | undefined = symbol;
    if (symbol.isAlias()) target = symbol.getAliasedSymbol();
    return target?.getValueDeclaration() ?? target?.getDeclarations()[0];
  };

  return {
    resolveIdentifier(file, position) {
      try {
        const sf = sourceFile(file);
        const id = sf?.getDescendantAtPos(position);
        if (!sf || !id || !Node.isIdentifier(id)) return undefined;
        const declaration = declarationOf(id.getSymbol());
        // A declaration in the same file is the import itself, unresolved (a `require` in a .ts file).
        if (!declaration || (declaration.getSourceFile() === sf && !Node.isSourceFile(declaration)))
          return undefined;
        return targetOf(declaration);
      } catch {
        return undefined;
      }
    },
    resolveExport(file, name) {
      try {
        const declaration = sourceFile(file)?.getExportedDeclarations().get(name)?.[0];
        return declaration ? targetOf(declaration) : undefined;
      } catch {
        return undefined;
      }
    },
    resolveModule(fromFile, specifier) {
      try {
        const resolved = ts.resolveModuleName(
          specifier,
          fromFile,
          project.getCompilerOptions(),
          project.getModuleResolutionHost(),
        ).resolvedModule;
        const path = resolved?.resolvedFileName;
        return path && files.has(path) ? path : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
