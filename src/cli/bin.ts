#!/usr/bin/env node
/**
 * `secure-db`: the scanner's command line (see docs/cli.md). Start-up is kept in
 * proportion to the work (docs/performance.md): `--version` loads nothing but the package
 * metadata, and each command loads its own modules when it runs.
 */
import module from 'node:module';

// Node ≥ 22.1 keeps compiled code on disk between runs (a pre-commit hook starts often);
// older versions have no such cache and skip this.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const argv = process.argv.slice(2);

function fail(error: unknown): void {
  // Only the first line and no stack: an internal error must not echo file content.
  const message =
    error instanceof Error
      ? `${error.name}: ${error.message.split('\n')[0] ?? ''}`
      : 'unknown error';
  process.stderr.write(`secure-db: internal error: ${message}\n`);
  process.exitCode = 2;
}

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  const { readPackageMeta } = await import('../package-meta.js');
  process.stdout.write(`${readPackageMeta().version}\n`);
} else {
  const [{ main }, { setBeforeFirstLoad }] = await Promise.all([
    import('./main.js'),
    import('../frontends/python/parser.js'),
  ]);
  // V8 optimises tree-sitter's WebAssembly after a few parses: about 90 ms of compiling on
  // another thread that a short run (a pre-commit hook on one settings.py) then waits for
  // at exit, and that no tree of this project's benchmark ever earned back. A budget 100
  // times V8's default keeps the baseline code until a run parses far more Python than
  // that. Process-wide, so set by the CLI, which owns the process, never by the library;
  // and only when Python is parsed (loading node:v8 costs 2–5 ms).
  setBeforeFirstLoad(async () => {
    const { setFlagsFromString } = await import('node:v8');
    setFlagsFromString('--wasm-tiering-budget=180000000');
  });
  await main(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  }).then((code) => {
    // exitCode, not exit(): let a large piped report drain first.
    process.exitCode = code;
  }, fail);
}
