/**
 * Part of `npm run build`: bundles the CLI (src/cli/bin.ts) with esbuild, so a cold
 * `secure-db` run reads a handful of files instead of resolving and loading about a hundred
 * ES modules (docs/performance.md). The plugin and the library API stay tsc's output.
 *
 * - dist/src/cli/bin.js is the entry; what it loads on demand (the scan, each front-end's
 *   analysis, the reporters, the fix engine, the git helpers, ts-morph's glue) stays a lazy
 *   chunk in dist/src/cli/chunks/, at the depth of dist/src/<dir>/<dir>/ so that paths the
 *   code resolves from `import.meta.url` (the package root, the shipped grammar) still hold.
 * - The pure-JavaScript packages a pre-commit run loads (BUNDLED) are inlined: yaml alone is
 *   72 CommonJS files. Their licences go to dist/src/cli/chunks/THIRD-PARTY-LICENSES.txt.
 *   Every other package stays an import resolved at run time (declared dependencies):
 *   native bindings, WebAssembly, what the code loads with `createRequire`, and what only
 *   larger runs load (globby, diff: inlining them gained nothing measurable).
 * - The input → chunk map is written to .tmp/cli-bundle-meta.json for
 *   test/cli/startup.test.ts, which reads which sources each command loads.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const outdir = join(root, 'dist/src/cli');

/** Packages inlined into the bundle (with whatever they import themselves). */
const BUNDLED = new Set(['yaml', 'picomatch', 'ignore']);

const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** Bare imports from our own sources stay external unless the package is in BUNDLED. */
const externalPackages = {
  name: 'external-packages',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || args.importer.includes('/node_modules/')) return;
      if (BUNDLED.has(packageName(args.path))) return;
      return { path: args.path, external: true };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { bin: 'src/cli/bin.ts' },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // Bundled CommonJS packages `require()` Node's built-ins; ESM has no `require` of its own.
  banner: {
    js: "import { createRequire as __secureDbCreateRequire } from 'node:module';\nconst require = __secureDbCreateRequire(import.meta.url);",
  },
  // The published code carries no developer notes (as tsc's removeComments); licences below.
  // Whitespace and syntax only: names stay, so error names and stack frames read as before.
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  logLevel: 'warning',
  plugins: [externalPackages],
});

// The Python front-end finds the shipped grammar at `../../../grammars/` from its module:
// from a chunk too, as long as chunks sit three levels below dist/ (copy-grammar runs first).
if (!existsSync(join(outdir, 'chunks', '../../../grammars/tree-sitter-python.wasm')))
  throw new Error('bundle-cli: the chunks cannot reach dist/grammars/ at ../../../grammars/');

// One licence text per inlined package, as their licences ask when their code is copied.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  // The innermost node_modules/<name>/: two versions of one package are two entries.
  const match = /^(?:.*\/)?node_modules\/(?:@[^/]+\/)?[^/]+\//.exec(input);
  if (match) packages.set(match[0], join(root, match[0]));
}
const notices = [...packages.values()]
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .sort((a, b) =>
    `${a.manifest.name}@${a.manifest.version}`.localeCompare(
      `${b.manifest.name}@${b.manifest.version}`,
    ),
  )
  .map(({ dir, manifest }) => {
    const file = readdirSync(dir).find((f) => /^(?:licen[cs]e|copying)(?:[-.]\w+)*$/i.test(f));
    const licence = file && readFileSync(join(dir, file), 'utf8');
    if (!licence) throw new Error(`bundle-cli: ${manifest.name} has no licence file to ship`);
    return `${manifest.name}@${manifest.version} (${manifest.license})\n\n${licence.trim()}\n`;
  });
writeFileSync(
  join(outdir, 'chunks/THIRD-PARTY-LICENSES.txt'),
  `The secure-db command line includes code of these packages:\n\n${notices.join('\n---\n\n')}`,
);

const meta = join(root, '.tmp/cli-bundle-meta.json');
mkdirSync(dirname(meta), { recursive: true });
writeFileSync(meta, JSON.stringify(result.metafile));
