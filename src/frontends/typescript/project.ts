/**
 * The ts-morph side of the cross-file pass: an in-memory project over the files the
 * scanner read (no disk access, nothing executed), used only to answer "which
 * declaration does this imported name stand for?" — following aliases, re-exports,
 * `export default`, `export =`, `module.exports = …` and `exports.x = …` as the
 * TypeScript checker does. Values are read elsewhere, by the estree evaluator.
 *
 * ts-morph is imported here with `import type` only; `createProject` loads it with a
 * dynamic `import()` the first time a project is needed (ARCHITECTURE "Cheap by default").
 */
import type * as TsMorph from 'ts-morph';

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

let loaded: Promise<typeof TsMorph> | undefined;

/** Only ever called past the prefilter. */
export async function createProject(
  files: ReadonlyMap<string, string>,
  roots: readonly string[],
): Promise<ResolverProject> {
  loaded ??= import('ts-morph');
  const { Project, Node, ts } = await loaded;
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
