/**
 * Issue 11: the scanner parses JS/TS with oxc-parser, ESLint with the user's parser. The
 * findings must not depend on it: every JS/TS fixture, every JS/TS example of the docs and
 * README and every file of `examples/` gives the same findings — rule, message, data and
 * range — with oxc-parser and with ESLint's default parsers (espree, typescript-estree),
 * in both profiles. Then the real CLI on `examples/`, once per parser.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PolicyOptions } from '../../src/core/model.js';
import type { ScannerParser } from '../../src/frontends/estree/program-cache.js';
import { BIN } from '../cli/helpers.js';
import { corpusFindings, jsCorpus, root } from './js-corpus.js';

const findings = (text: string, path: string, parser: ScannerParser, options: PolicyOptions) =>
  corpusFindings(text, path, options, parser);

const cases = jsCorpus();

const PROFILES: PolicyOptions[] = [
  { profile: 'default', minimumSslmode: 'verify-full', minimumTlsVersion: 'TLSv1.2' },
  { profile: 'strict', minimumSslmode: 'verify-full', minimumTlsVersion: 'TLSv1.2' },
];

describe('oxc-parser and ESLint’s parsers give the same findings', () => {
  it('covers the fixtures, the docs and examples/', () => {
    expect(cases.length).toBeGreaterThan(100);
    // Not a vacuous comparison: many cases have findings (the docs' "correct" examples and
    // config snippets have none), and all but a doc fragment or two parse (a file that does
    // not parse must then fail alike with both).
    const results = cases.map((c) => findings(c.text, c.path, 'oxc', PROFILES[0]!));
    expect(results.filter((f) => typeof f === 'string').length).toBeLessThanOrEqual(2);
    const found = results.filter((f) => Array.isArray(f));
    expect(found.filter((f) => f.length > 0).length).toBeGreaterThanOrEqual(25);
    expect(found.flat().length).toBeGreaterThan(80);
  });

  for (const c of cases) {
    it(c.name, () => {
      for (const options of PROFILES)
        expect(findings(c.text, c.path, 'oxc', options)).toEqual(
          findings(c.text, c.path, 'espree', options),
        );
    });
  }

  it('the CLI reports the same on examples/ with SECURE_DB_PARSER=espree', () => {
    const run = (env: Record<string, string>) => {
      const r = spawnSync(process.execPath, [BIN, 'scan', '.', '--format', 'json'], {
        cwd: join(root, 'examples'),
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', ...env },
      });
      expect(r.status, r.stderr).toBe(1);
      return JSON.parse(r.stdout) as unknown;
    };
    const fast = run({});
    expect(fast).toEqual(run({ SECURE_DB_PARSER: 'espree' }));
  });

  it('without oxc-parser, the CLI says so in one line and reports the same', () => {
    // An installation where oxc-parser is missing: the built CLI beside every other package.
    const install = mkdtempSync(join(tmpdir(), 'secure-db-no-oxc-'));
    cpSync(join(root, 'dist'), join(install, 'dist'), { recursive: true });
    cpSync(join(root, 'package.json'), join(install, 'package.json'));
    mkdirSync(join(install, 'node_modules'));
    for (const name of readdirSync(join(root, 'node_modules')))
      if (name !== 'oxc-parser' && name !== '@oxc-parser')
        symlinkSync(join(root, 'node_modules', name), join(install, 'node_modules', name));
    const run = (bin: string) =>
      spawnSync(process.execPath, [bin, 'scan', '.', '--format', 'json'], {
        cwd: join(root, 'examples'),
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
    const fallback = run(join(install, 'dist/src/cli/bin.js'));
    expect(fallback.stderr).toBe(
      'secure-db: oxc-parser could not be loaded (MODULE_NOT_FOUND); parsing JS/TS with espree and typescript-estree instead (slower)\n',
    );
    expect(fallback.status).toBe(1);
    expect(JSON.parse(fallback.stdout)).toEqual(JSON.parse(run(BIN).stdout));
  });
});
