/**
 * What `npm publish` would upload, read from `npm pack --dry-run --json` (the list npm
 * itself computes from `files`, .npmignore and its always-included files), and what that
 * code needs at run time: every bare import of the built code is a declared dependency,
 * every dependency is imported, none runs an install script, and no shipped text points
 * at a document users cannot see.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};

let packed: string[] = [];
let tarballBytes = 0;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/src/cli/bin.js')))
    throw new Error('run `npm run build` first: the package tests read dist/');
  // --ignore-scripts: dist/ is already built (`npm test` builds first); no `prepare` rebuild.
  const json = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NPM_CONFIG_UPDATE_NOTIFIER: 'false' },
  });
  const [pack] = JSON.parse(json) as { size: number; files: { path: string }[] }[];
  packed = pack!.files.map((f) => f.path);
  tarballBytes = pack!.size;
}, 60_000);

/** The package a specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every module specifier of a built file: static, dynamic and type imports, `require`s. */
function specifiers(text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  const found = info.importedFiles.map((f) => f.fileName);
  // createRequire's functions (`require.resolve('x')`, a `requireModule('x')` helper).
  for (const m of text.matchAll(/\brequire\w*(?:\.resolve)?\(\s*['"]([^'"]+)['"]\s*\)/g))
    found.push(m[1]!);
  return found;
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier);
}

describe('npm pack', () => {
  it('ships the built code, the grammar, the docs and the licences; no sources, tests or maps', () => {
    const outside = packed.filter(
      (path) =>
        !/^dist\/(?:src|rules)\/.+\.(?:js|d\.ts)$/.test(path) &&
        !/^docs\/.+\.md$/.test(path) &&
        !path.startsWith('dist/grammars/'),
    );
    expect(outside.sort()).toEqual([
      'LICENSE',
      'README.md',
      'dist/src/cli/chunks/THIRD-PARTY-LICENSES.txt',
      'examples/README.md',
      'package.json',
    ]);
    expect(packed).toContain('dist/src/cli/bin.js');
    expect(packed).toContain('dist/src/plugin/index.js');
    expect(packed).toContain('dist/src/plugin/index.d.ts');
    expect(packed).toContain('dist/src/scanner/index.d.ts');
    expect(packed).toContain('dist/src/languages/python-worker.js');
    // The CLI is one bundle (scripts/bundle-cli.mjs): no unbundled copy of its modules.
    expect(packed.filter((p) => p.startsWith('dist/src/cli/') && !p.includes('/chunks/'))).toEqual([
      'dist/src/cli/bin.js',
    ]);
    expect(packed.filter((p) => p.startsWith('dist/grammars/')).sort()).toEqual([
      'dist/grammars/tree-sitter-python.LICENSE',
      'dist/grammars/tree-sitter-python.wasm',
    ]);
    expect(
      packed.filter(
        (p) => /(^|\/)(test|fixtures|bench)\/|\.map$|\.ts$/.test(p) && !p.endsWith('.d.ts'),
      ),
    ).toEqual([]);
    // Every doc page the README or a doc links to is shipped (relative links only).
    for (const page of packed.filter((p) => p.endsWith('.md'))) {
      const text = readFileSync(join(ROOT, page), 'utf8');
      for (const [, target] of text.matchAll(/\]\(((?:\.\.?\/)?[\w./-]+\.md)(?:#[^)]*)?\)/g)) {
        const resolved = join(dirname(page), target!).split('\\').join('/');
        expect(packed, `${page} links to ${target}`).toContain(resolved);
      }
    }
  });

  it('the tarball size the README reports is within 25 % of the real one', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const stated = /the\s+package is a (\d+) kB tarball/.exec(readme);
    expect(stated, 'README: "the package is a N kB tarball"').not.toBeNull();
    const ratio = tarballBytes / 1000 / Number(stated![1]);
    expect(ratio).toBeGreaterThan(0.75);
    expect(ratio).toBeLessThan(1.25);
  });

  it('the LICENSE is MIT, held by the secure-db contributors, as package.json says', () => {
    const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} secure-db contributors\n/);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      license: string;
      repository: { url: string };
      homepage: string;
      bugs: { url: string };
    };
    expect(pkg.license).toBe('MIT');
    expect(pkg.repository.url).toBe('git+https://github.com/secure-db/secure-db.git');
    expect(pkg.homepage).toMatch(/^https:\/\/github\.com\/secure-db\/secure-db/);
    expect(pkg.bugs.url).toBe('https://github.com/secure-db/secure-db/issues');
  });
});

describe('runtime imports', () => {
  const built = () => packed.filter((p) => /\.(?:js|d\.ts)$/.test(p));
  const declared = new Set([
    ...Object.keys(PKG.dependencies),
    ...Object.keys(PKG.peerDependencies),
  ]);

  it('every bare import of dist/ (code and types) is a dependency or a peer dependency', () => {
    expect(built().length).toBeGreaterThan(100);
    const undeclared: string[] = [];
    for (const file of built()) {
      for (const specifier of specifiers(readFileSync(join(ROOT, file), 'utf8'))) {
        if (specifier.startsWith('.') || isBuiltin(specifier)) continue;
        const name = packageName(specifier);
        if (!declared.has(name)) undeclared.push(`${file}: ${specifier}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('every dependency is imported by the built code (no unused dependency)', () => {
    const used = new Set<string>();
    for (const file of built().filter((f) => f.endsWith('.js')))
      for (const specifier of specifiers(readFileSync(join(ROOT, file), 'utf8')))
        if (!specifier.startsWith('.') && !isBuiltin(specifier)) used.add(packageName(specifier));
    expect(Object.keys(PKG.dependencies).filter((name) => !used.has(name))).toEqual([]);
  });

  it('no dependency, direct or transitive, runs an install script', () => {
    // The tree users install: `npm ls --omit=dev` of this lockfile, every package's own scripts.
    const tree = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((line) => line && line !== ROOT);
    expect(tree.length).toBeGreaterThan(Object.keys(PKG.dependencies).length);
    const withScripts: string[] = [];
    for (const dir of tree) {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        scripts?: Record<string, string>;
      };
      const scripts = Object.keys(manifest.scripts ?? {}).filter((s) =>
        ['preinstall', 'install', 'postinstall'].includes(s),
      );
      // npm runs `node-gyp rebuild` for a binding.gyp without an install script.
      if (scripts.length > 0 || existsSync(join(dir, 'binding.gyp')))
        withScripts.push(manifest.name);
    }
    expect(withScripts).toEqual([]);
  });

  it('the grammar in dist/ is the one web-tree-sitter loads (the parser reads it)', () => {
    const require = createRequire(import.meta.url);
    const source = readFileSync(
      require.resolve('tree-sitter-python/tree-sitter-python.wasm', { paths: [ROOT] }),
    );
    expect(readFileSync(join(ROOT, 'dist/grammars/tree-sitter-python.wasm')).equals(source)).toBe(
      true,
    );
    expect(readFileSync(join(ROOT, 'dist/src/frontends/python/parser.js'), 'utf8')).toContain(
      '../../../grammars/tree-sitter-python.wasm',
    );
  });
});

describe('shipped text', () => {
  it('names no document users cannot see (the shared POLICY, DRIVERS, ARCHITECTURE, ECOSYSTEM)', () => {
    // In prose any mention counts; in code only a citation (`POLICY.md`, `DRIVERS §2`, `POLICY "Output"`):
    // `DRIVERS` is also the driver table's name.
    const inProse = /\b(?:POLICY|DRIVERS|ARCHITECTURE|ECOSYSTEM)\b|\.\.\/shared\/[A-Z]/;
    const inCode =
      /\b(?:POLICY|DRIVERS|ARCHITECTURE|ECOSYSTEM)(?:\.md\b|\s*§|\s+["'][A-Z])|\.\.\/shared\/[A-Z]|\/work\/shared\b/;
    const offenders: string[] = [];
    for (const file of packed.filter((p) => /\.(?:md|js|d\.ts)$/.test(p))) {
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if ((file.endsWith('.md') ? inProse : inCode).test(line))
            offenders.push(`${file}:${index + 1}: ${line.trim().slice(0, 100)}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});

// The doc pages users read on npm and GitHub are the ones shipped: keep test helpers honest.
it('docs/ on disk and in the package are the same set', () => {
  const list = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? list(`${dir}/${e.name}`)
        : e.name.endsWith('.md')
          ? [`${dir}/${e.name}`]
          : [],
    );
  expect(packed.filter((p) => p.startsWith('docs/')).sort()).toEqual(list('docs').sort());
});

// The CLI bundle inlines a few packages (scripts/bundle-cli.mjs): their licences travel with it.
it('the CLI bundle ships the licence of every package it inlines', () => {
  const meta = JSON.parse(readFileSync(join(ROOT, '.tmp/cli-bundle-meta.json'), 'utf8')) as {
    inputs: Record<string, unknown>;
  };
  const inlined = new Set(
    Object.keys(meta.inputs).flatMap(
      (input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? [],
    ),
  );
  expect(inlined.size).toBeGreaterThan(0);
  const notices = readFileSync(join(ROOT, 'dist/src/cli/chunks/THIRD-PARTY-LICENSES.txt'), 'utf8');
  for (const name of inlined) {
    const { version } = JSON.parse(
      readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'),
    ) as { version: string };
    expect(notices).toContain(`${name}@${version} (`);
  }
});
