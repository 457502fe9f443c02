#!/usr/bin/env node
/** `secure-db`: the scanner's command line (see docs/cli.md). */
import { main } from './main.js';

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
}).then(
  (code) => {
    // exitCode, not exit(): let a large piped report drain first.
    process.exitCode = code;
  },
  (error: unknown) => {
    // Only the first line and no stack: an internal error must not echo file content.
    const message =
      error instanceof Error
        ? `${error.name}: ${error.message.split('\n')[0] ?? ''}`
        : 'unknown error';
    process.stderr.write(`secure-db: internal error: ${message}\n`);
    process.exitCode = 2;
  },
);
