/**
 * Start-up in proportion to the work (issue 11): which modules a command loads, observed in
 * the real CLI process (ESM loads through a loader hook, CommonJS ones from the require
 * cache at exit). The CLI is a bundle (scripts/bundle-cli.mjs): each chunk it loads stands
 * for the sources and inlined packages esbuild put in it, read from the bundle's metafile.
 * Times are measured by `npm run bench`, never here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, project } from './helpers.js';

const root = join(import.meta.dirname, '../..');
const META = join(root, '.tmp/cli-bundle-meta.json');

/** Each chunk of the bundle → the sources and package files it holds. */
function bundleContents(): Map<string, string[]> {
  if (!existsSync(META)) throw new Error('run `npm run build` first: it writes ' + META);
  const { outputs } = JSON.parse(readFileSync(META, 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  return new Map(Object.entries(outputs).map(([file, out]) => [file, Object.keys(out.inputs)]));
}

/** The sources and package files a command loads, and the Node built-in modules. */
function load(args: string[], cwd: string): { files: string[]; builtins: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'secure-db-startup-'));
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `export async function load(url, context, next) {
      if (url.startsWith('file:')) process.stderr.write('LOADED ' + url + '\\n');
      return next(url, context);
    }\n`,
  );
  writeFileSync(
    join(dir, 'preload.mjs'),
    `import { createRequire, register } from 'node:module';
    import { writeSync } from 'node:fs';
    register('./hooks.mjs', import.meta.url);
    const cache = createRequire(import.meta.url).cache;
    const builtins = new Set(process.moduleLoadList);
    process.on('exit', () => {
      for (const f of Object.keys(cache)) writeSync(2, 'LOADED ' + f + '\\n');
      for (const m of process.moduleLoadList)
        if (!builtins.has(m) && m.startsWith('NativeModule ')) writeSync(2, 'BUILTIN ' + m.slice(13) + '\\n');
    });\n`,
  );
  const r = spawnSync(process.execPath, ['--import', join(dir, 'preload.mjs'), BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  expect(r.status, r.stderr).not.toBe(2);
  const chunks = bundleContents();
  const builtins = [...r.stderr.matchAll(/^BUILTIN (.*)$/gm)].map((m) => `node:${m[1]!}`);
  const files = [...r.stderr.matchAll(/^LOADED (.*)$/gm)].flatMap((m) => {
    const file = decodeURI(m[1]!)
      .replace(/^file:\/\//, '')
      .replace(`${root}/`, '');
    if (!file.startsWith('dist/src/cli/')) return [file];
    const inputs = chunks.get(file);
    if (!inputs) throw new Error(`${file} is not in ${META}: rebuild`);
    return inputs;
  });
  return { files, builtins };
}

const loadedBy = (args: string[], cwd: string) => load(args, cwd).files;

/** The packages among `files` (`node_modules/<name>/…`). */
const packagesOf = (files: string[]) =>
  [
    ...new Set(files.flatMap((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1] ?? [])),
  ].sort();

describe('start-up loads what the command needs', () => {
  it('--version loads the package metadata and nothing of the scanner', () => {
    const files = loadedBy(['--version'], root);
    expect(files.filter((f) => !f.includes('node_modules/')).sort()).toEqual([
      'src/cli/bin.ts',
      'src/package-meta.ts',
    ]);
    expect(packagesOf(files)).toEqual([]);
  });

  it('built-in modules load when used: node:crypto with a finding, node:v8 with Python', () => {
    // A clean run needs no fingerprint (node:crypto) and parses no Python (node:v8, for
    // tree-sitter's tiering budget): neither loads, nor does --version.
    const clean = project({ '.env': 'LOG_LEVEL=info\n' });
    for (const args of [['--version'], ['scan', '.env']]) {
      const { builtins } = load(args, clean);
      expect(builtins, args.join(' ')).not.toContain('node:crypto');
      expect(builtins, args.join(' ')).not.toContain('node:v8');
    }
    const python = project({
      'settings.py':
        'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db.example.com", "PASSWORD": "Zq8#secret-pass-1"}}\n',
    });
    const { builtins } = load(['scan', 'settings.py'], python);
    expect(builtins).toContain('node:crypto');
    expect(builtins).toContain('node:v8');
  });

  it('a scan of one .env file loads no parser', () => {
    const cwd = project({ '.env': 'DATABASE_URL=postgres://app@db.example.com/app\n' });
    const files = loadedBy(['scan', '.env'], cwd);
    expect(files).toContain('src/scanner/scan.ts');
    // The observation works: the packages the scan does need are seen.
    expect(packagesOf(files)).toContain('picomatch');
    for (const heavy of [
      'oxc-parser',
      'typescript',
      'espree',
      'yaml',
      'web-tree-sitter',
      'jsonc-parser',
      'ts-morph',
    ])
      expect(packagesOf(files)).not.toContain(heavy);
  });

  it('a TypeScript file is parsed by oxc-parser, without loading TypeScript', () => {
    const cwd = project({
      'src/db.ts':
        "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.example.com' });\n",
    });
    const packages = packagesOf(loadedBy(['scan', '.'], cwd));
    expect(packages).toContain('oxc-parser');
    for (const heavy of [
      'typescript',
      '@typescript-eslint/typescript-estree',
      'ts-morph',
      'espree',
    ])
      expect(packages).not.toContain(heavy);
  });

  it('an imported config is judged across files without loading ts-morph or TypeScript', () => {
    const cwd = project({
      'src/config.ts': "export const dbConfig = { host: 'db.example.com', ssl: false };\n",
      'src/db.ts':
        "import { Pool } from 'pg';\nimport { dbConfig } from './config';\n\nexport const pool = new Pool(dbConfig);\n",
    });
    const packages = packagesOf(loadedBy(['scan', '.'], cwd));
    for (const heavy of ['ts-morph', '@ts-morph/common', 'typescript'])
      expect(packages).not.toContain(heavy);
    const report = spawnSync(process.execPath, [BIN, 'scan', '.', '--format', 'json'], {
      cwd,
      encoding: 'utf8',
    });
    const results = (JSON.parse(report.stdout) as { results: { file: string; ruleId: string }[] })
      .results;
    expect(results.map((r) => `${r.file} ${r.ruleId}`)).toContain(
      'src/config.ts secure-db/require-ssl',
    );
  });

  it("a short Python scan does not wait for V8 to optimise tree-sitter's WebAssembly", () => {
    const settings =
      'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db.example.com"}}\n';
    const cwd = project({ 'settings.py': settings });
    // V8 traces each WebAssembly function it compiles, with the tier, on stdout.
    const traced = (args: string[]) =>
      spawnSync(process.execPath, ['--trace-wasm-compilation-times', ...args], {
        cwd,
        encoding: 'utf8',
      }).stdout;
    // Control: the same parse with V8's defaults optimises (the trace sees it).
    writeFileSync(
      join(cwd, 'parse.mjs'),
      `const { Parser, Language } = await import(${JSON.stringify(import.meta.resolve('web-tree-sitter'))});
      await Parser.init();
      const parser = new Parser();
      parser.setLanguage(await Language.load(${JSON.stringify(join(root, 'dist/grammars/tree-sitter-python.wasm'))}));
      parser.parse(${JSON.stringify(settings)});\n`,
    );
    expect(traced(['parse.mjs'])).toMatch(/using TurboFan/);
    const scan = traced([BIN, 'scan', 'settings.py']);
    expect(scan).toMatch(/using Liftoff/);
    expect(scan).not.toMatch(/using TurboFan/);
  });
});
