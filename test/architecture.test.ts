/**
 * The layers of ARCHITECTURE (issue 7, "Contracts point down"), checked on the import
 * specifiers of the sources (static imports and re-exports, `import type` included, and
 * dynamic `import()`), as TypeScript's `preProcessFile` reads them:
 *
 * - no import cycle among the files of `src/` and `rules/`;
 * - front-ends, reporters and the fix engine never reach up into the scanner or the CLI;
 * - `src/core` (the policy) imports no front-end, host or output layer.
 *
 * A further rule is one `forbid(...)` line: what a layer may not import is named by a
 * directory or file under the repository root (`src/core/checks`) or by a package name
 * (`yaml`, `@typescript-eslint/typescript-estree`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

interface Import {
  /** As written. */
  specifier: string;
  /** A source file (repository-relative, POSIX) for a relative specifier; else the package name. */
  target: string;
}

function listSources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return listSources(path);
      return /\.[cm]?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
    })
    .sort();
}

/** `./x.js` → `src/a/x.ts` (the file TypeScript resolves under `nodenext`). */
function resolveRelative(from: string, specifier: string): string {
  const base = relative(root, resolve(root, dirname(from), specifier)).replaceAll('\\', '/');
  const candidates = [
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.mjs$/, '.mts'),
    base.replace(/\.cjs$/, '.cts'),
    base,
    `${base}.ts`,
    `${base}/index.ts`,
  ];
  return candidates.find((c) => isFile(join(root, c))) ?? base;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const importCache = new Map<string, Import[]>();

/** Every module a source file imports, re-exports from or loads with `import()`. */
function importsOf(file: string): Import[] {
  let imports = importCache.get(file);
  if (!imports) {
    const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
    imports = info.importedFiles.map(({ fileName: specifier }) => ({
      specifier,
      target: specifier.startsWith('.') ? resolveRelative(file, specifier) : packageName(specifier),
    }));
    importCache.set(file, imports);
  }
  return imports;
}

/** `src/core` matches `src/core/x.ts` and `src/core/a/b.ts`; a package name matches itself. */
function matches(target: string, forbidden: string): boolean {
  return target === forbidden || target.startsWith(`${forbidden}/`);
}

/** The imports of the files under `dirs` that reach any of `forbidden`, as `file → target` lines. */
function violations(dirs: readonly string[], forbidden: readonly string[]): string[] {
  return dirs.flatMap(listSources).flatMap((file) =>
    importsOf(file)
      .filter((i) => forbidden.some((f) => matches(i.target, f)))
      .map((i) => `${file} → ${i.specifier}`),
  );
}

/** One rule of the layering: the files under `dirs` import none of `forbidden`. */
function forbid(dirs: readonly string[], forbidden: readonly string[]): void {
  it(`${dirs.join(', ')} import nothing from ${forbidden.join(', ')}`, () => {
    for (const dir of dirs)
      expect(listSources(dir).length, `${dir} has sources`).toBeGreaterThan(0);
    expect(violations(dirs, forbidden)).toEqual([]);
  });
}

/**
 * The import cycles among `files`: per knot (strongly connected component), a shortest
 * cycle through it as `a → b → a`, and the knot's other files.
 */
function cycles(files: readonly string[]): string[] {
  const inGraph = new Set(files);
  const edges = new Map(
    files.map((f) => [
      f,
      [...new Set(importsOf(f).map((i) => i.target))].filter((t) => inGraph.has(t)),
    ]),
  );
  // Tarjan's strongly connected components; a component of two or more files (or a file
  // importing itself) holds a cycle, reported as one concrete path through it.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[] = [];
  let counter = 0;
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)!) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = new Set<string>();
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.add(w);
    } while (w !== v);
    if (component.size > 1 || edges.get(v)!.includes(v)) {
      const path = pathThrough(v, component);
      const others = [...component].filter((f) => !path.includes(f)).sort();
      const knot = others.length ? ` (in one knot with ${others.join(', ')})` : '';
      found.push(`${path.join(' → ')}${knot}`);
    }
  };
  const pathThrough = (start: string, component: ReadonlySet<string>): string[] => {
    // Breadth-first from `start` back to `start` inside the component: a shortest cycle.
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const v = queue.shift()!;
      for (const w of edges.get(v)!) {
        if (!component.has(w)) continue;
        if (w === start) {
          const path = [start];
          for (let u = v; u !== start; u = previous.get(u)!) path.splice(1, 0, u);
          return [...path, start];
        }
        if (previous.has(w)) continue;
        previous.set(w, v);
        queue.push(w);
      }
    }
    return [start, start];
  };
  for (const f of files) if (!index.has(f)) connect(f);
  return found;
}

describe('architecture: imports point down', () => {
  it('no import cycle among the files of src/ and rules/', () => {
    const files = [...listSources('src'), ...listSources('rules')];
    expect(files.length).toBeGreaterThan(50);
    expect(cycles(files)).toEqual([]);
  });

  forbid(['src/frontends', 'src/report', 'src/fix'], ['src/scanner', 'src/cli']);
  forbid(
    ['src/core'],
    ['src/frontends', 'src/scanner', 'src/report', 'src/fix', 'src/cli', 'src/plugin'],
  );
  // The ESLint languages (issue 10 §2) sit between the plugin and the front-ends: they run a
  // front-end as the scanner does (scanner/run-frontend.ts, scanner/read-source.ts) and
  // nothing else of the scanner; nothing below the plugin imports them.
  forbid(['src/languages'], ['src/cli', 'src/plugin', 'src/report', 'src/fix', 'rules']);
  forbid(
    ['src/languages'],
    [
      'src/scanner/scan.ts',
      'src/scanner/index.ts',
      'src/scanner/cross-file.ts',
      'src/scanner/frontends.ts',
      'src/core/checks',
    ],
  );
  forbid(['src/core', 'src/frontends', 'src/scanner', 'src/cli'], ['src/languages']);
  // Front-ends lower syntax; the hosts run the checks (issue "One policy engine").
  forbid(['src/frontends'], ['src/core/checks', 'src/core/run-checks.ts']);
  // The core reads the model, never a syntax tree.
  forbid(
    ['src/core'],
    [
      'espree',
      'acorn',
      '@typescript-eslint/typescript-estree',
      '@typescript-eslint/parser',
      'typescript',
      'ts-morph',
      'yaml',
      'jsonc-parser',
      'web-tree-sitter',
      'tree-sitter-python',
    ],
  );
});

describe('architecture: the checker itself', () => {
  it('reads static, type-only, re-export and dynamic imports, and finds a cycle', () => {
    const text = [
      "import a from './a.js';",
      "import type { B } from '../b/index.js';",
      "export { c } from 'node:fs';",
      "const d = await import('@scope/pkg/sub');",
      "// import x from './not-an-import.js';",
    ].join('\n');
    const names = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
    expect(names).toEqual(['./a.js', '../b/index.js', 'node:fs', '@scope/pkg/sub']);
    expect(packageName('@scope/pkg/sub')).toBe('@scope/pkg');
    expect(matches('src/core/checks/x.ts', 'src/core/checks')).toBe(true);
    expect(matches('src/core/checks-old.ts', 'src/core/checks')).toBe(false);
    for (const [file, targets] of [
      ['x/a.ts', ['x/b.ts']],
      ['x/b.ts', ['x/c.ts']],
      ['x/c.ts', ['x/a.ts']],
      ['x/d.ts', ['x/a.ts']],
    ] as const)
      importCache.set(
        file,
        targets.map((target) => ({ specifier: target, target })),
      );
    expect(cycles(['x/a.ts', 'x/b.ts', 'x/c.ts', 'x/d.ts'])).toEqual([
      'x/a.ts → x/b.ts → x/c.ts → x/a.ts',
    ]);
    expect(cycles(['x/d.ts', 'x/a.ts'])).toEqual([]);
  });
});
