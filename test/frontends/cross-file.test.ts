/**
 * The scanner's cross-file pass: imported config objects and URLs judged by the driver
 * call that consumes them. Each case under fixtures/cross-file/<case>/ is a tiny project;
 * a file's environment is its path below the case folder.
 */
import { runFrontend } from '../../src/scanner/run-frontend.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyFile } from '../../src/core/environment.js';
import { DEFAULT_POLICY_OPTIONS, type PolicyOptions } from '../../src/core/model.js';
import { formatMessage } from '../../src/core/messages.js';
import { estreeFrontend } from '../../src/frontends/estree/scanner.js';
import { crossFileStats } from '../../src/frontends/typescript/cross-file.js';
import {
  analyzeCrossFile,
  analyzeCrossFileDetailed,
  type CrossFileResult,
} from '../../src/scanner/cross-file.js';
import { mergeCrossFileFindings } from '../../src/scanner/cross-file-merge.js';
import type { SourceFile } from '../../src/frontends/types.js';
import { lineOf, listFixtures } from './fixture-runner.js';

const FIXTURES = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'cross-file');

function load(name: string): SourceFile[] {
  const dir = join(FIXTURES, name);
  return listFixtures(dir).map((relativePath) => ({
    path: join(dir, relativePath),
    relativePath,
    text: readFileSync(join(dir, relativePath), 'utf8'),
    bom: false,
  }));
}

async function scan(
  name: string,
  options: Partial<PolicyOptions> = {},
): Promise<{ result: CrossFileResult; found: string[]; sources: SourceFile[] }> {
  const sources = load(name);
  const result = await analyzeCrossFileDetailed(sources, {
    options: { ...DEFAULT_POLICY_OPTIONS, ...options },
    fileInfo: (relativePath) => classifyFile(relativePath),
    cwd: join(FIXTURES, name),
  });
  const found: string[] = [];
  for (const [file, findings] of result.findings) {
    const text = sources.find((s) => s.relativePath === file)!.text;
    for (const f of findings) found.push(`${file}:${lineOf(text, f.range[0])}:${f.ruleId}`);
  }
  return { result, found: found.sort(), sources };
}

function message(result: CrossFileResult, file: string): string[] {
  return (result.findings.get(file) ?? []).map((f) => formatMessage(f.messageId, f.data));
}

describe('cross-file pass', () => {
  it('reports a pg config exported as a const object where it is declared', async () => {
    const { found, result, sources } = await scan('const-object');
    expect(found).toEqual(['config.ts:1:require-ssl']);
    const finding = result.findings.get('config.ts')![0]!;
    const text = sources.find((s) => s.relativePath === 'config.ts')!.text;
    // The range is the object literal in the config module.
    expect(text.slice(finding.range[0], finding.range[1])).toMatch(/^\{[\s\S]*\}$/);
    expect(message(result, 'config.ts')[0]).toContain('node-postgres (pg)');
    // The fix inserts `ssl` into the config object.
    const edit = finding.fixes[0]?.edits[0];
    expect(edit && text.slice(0, edit.range[0]) + edit.text + text.slice(edit.range[1])).toContain(
      "database: 'app',\n  ssl: { rejectUnauthorized: true },\n}",
    );
    const dbText = sources.find((s) => s.relativePath === 'db.ts')!.text;
    expect(result.resolvedCalls.get('db.ts')!.map((r) => dbText.slice(r[0], r[1]))).toEqual([
      'new Pool(dbConfig)',
    ]);
  });

  it('judges a default export with the consumer: mysql2 without verifyIdentity', async () => {
    const { found, result } = await scan('mysql-default');
    expect(found).toEqual(['db-config.ts:4:no-weak-sslmode']);
    expect(message(result, 'db-config.ts')[0]).toContain('verifyIdentity');
  });

  it('follows CommonJS module.exports, exports.x and require in a .ts file', async () => {
    const { found } = await scan('commonjs');
    // `settings.primary` (index.js) and `{ primary }` (worker.ts) are one site: reported once.
    expect(found).toEqual(['lib/db-settings.js:2:require-ssl', 'lib/replica.js:1:require-ssl']);
  });

  it('follows re-exports through an index file, import aliases and namespace imports', async () => {
    const { found, result } = await scan('reexport-alias');
    // pg ignores `sslmode` in its options: the key is reported where it is written.
    expect(found).toEqual(['src/settings/db.ts:4:require-ssl']);
    expect(message(result, 'src/settings/db.ts')[0]).toContain('ignored');
    expect(result.resolvedCalls.get('src/server.ts')).toHaveLength(2);
  });

  it('judges an imported URL constant by its consumer', async () => {
    const { found, result, sources } = await scan('url-constant');
    expect(found).toEqual(['env.ts:1:no-weak-sslmode', 'env.ts:2:require-ssl']);
    const messages = message(result, 'env.ts');
    // pg semantics, not libpq's: the message says how node-postgres reads sslmode=prefer.
    expect(messages[0]).toContain('node-postgres');
    expect(messages[1]).toContain('mysql2 ignores ssl-mode');
    // Both URL literals are claimed, so the merge drops the per-file (libpq) verdicts on them.
    const text = sources.find((s) => s.relativePath === 'env.ts')!.text;
    expect(result.claimedUrls.get('env.ts')!.map((r) => text.slice(r[0], r[1]))).toEqual([
      "'postgres://app@db.example.com:5432/app?sslmode=prefer'",
      "'mysql://app@mysql.example.com/app?ssl-mode=REQUIRED'",
    ]);
    const weak = result.findings.get('env.ts')![0]!;
    expect(text.slice(weak.range[0], weak.range[1])).toBe('sslmode=prefer');
  });

  it('says nothing when the imported TLS settings are fine', async () => {
    const before = crossFileStats.projectsCreated;
    const { found, result } = await scan('tls-fine');
    expect(found).toEqual([]);
    expect(crossFileStats.projectsCreated).toBe(before + 1);
    expect(result.resolvedCalls.get('db.ts')).toHaveLength(3);
  });

  it('keeps a config in config/development.js quiet by default, and reports it in strict', async () => {
    expect((await scan('development')).found).toEqual([]);
    expect((await scan('development', { profile: 'strict' })).found).toEqual([
      'config/development.js:1:require-ssl',
    ]);
  });

  it('composes a spread of an imported object with local keys, reported at the call', async () => {
    const { found } = await scan('spread');
    expect(found).toEqual(['db.ts:6:require-ssl']);
  });

  it('honours a production guard in the config module', async () => {
    expect((await scan('guarded')).found).toEqual([]);
  });

  it('judges every entry of an imported env map by its environment', async () => {
    const { found, result } = await scan('env-map');
    // The production entry only (development is quiet), at its `connection` object, where `ssl` goes.
    expect(found).toEqual(['db-envs.js:8:require-ssl']);
    expect(result.findings.get('db-envs.js')![0]!.environment).toBe('production');
  });

  describe('merged with the per-file pass', () => {
    async function merged(name: string, options: Partial<PolicyOptions> = {}): Promise<string[]> {
      const policy = { ...DEFAULT_POLICY_OPTIONS, ...options };
      const { result, sources } = await scan(name, options);
      const out: string[] = [];
      for (const source of sources) {
        const perFile = runFrontend(estreeFrontend, source, {
          file: classifyFile(source.relativePath),
          options: policy,
          project: { urlConsumers: new Map() },
        }).findings;
        for (const f of mergeCrossFileFindings(source.relativePath, perFile, result))
          out.push(
            `${source.relativePath}:${lineOf(source.text, f.range[0])}:${f.ruleId}:${f.messageId}:${f.data['driver'] ?? ''}`,
          );
      }
      return out.sort();
    }

    it("replaces the per-file libpq verdict on a URL with its consumer's", async () => {
      expect(await merged('url-constant')).toEqual([
        'env.ts:1:no-weak-sslmode:pgUrlSslmodePrefer:node-postgres (pg)',
        'env.ts:2:require-ssl:mysql2IgnoresUrlParameter:mysql2',
      ]);
    });

    it('drops "TLS is not set in code" (strict) at calls whose imported config was resolved', async () => {
      expect(await merged('spread', { profile: 'strict' })).toEqual([
        'db.ts:6:require-ssl:sslMissing:node-postgres (pg)',
      ]);
      expect(await merged('tls-fine', { profile: 'strict' })).toEqual([]);
      expect(await merged('const-object', { profile: 'strict' })).toEqual([
        'config.ts:1:require-ssl:sslMissing:node-postgres (pg)',
      ]);
    });

    it('keeps one finding where both passes report the same place', async () => {
      expect(await merged('guarded', { profile: 'strict' })).toEqual([
        'config.ts:8:require-ssl:sslOff:database config',
      ]);
    });
  });

  it('does not load ts-morph for a project without cross-file configuration', async () => {
    const before = { ...crossFileStats };
    const findings = await analyzeCrossFile(load('no-cross-file'), {
      options: DEFAULT_POLICY_OPTIONS,
      fileInfo: (p) => classifyFile(p),
      cwd: FIXTURES,
    });
    expect(findings.size).toBe(0);
    expect(crossFileStats.projectsCreated).toBe(before.projectsCreated);
    expect(crossFileStats.candidates).toBe(before.candidates);
    // Only db.ts names a driver and has a relative import; log.ts and util.ts are never parsed.
    expect(crossFileStats.filesParsed).toBe(before.filesParsed + 1);
  });

  it('does not load ts-morph when no file names a driver', async () => {
    const before = { ...crossFileStats };
    const sources: SourceFile[] = [
      {
        path: '/p/a.ts',
        relativePath: 'a.ts',
        text: "import { b } from './b';\nexport const c = b;\n",
        bom: false,
      },
    ];
    expect(
      (
        await analyzeCrossFile(sources, {
          options: DEFAULT_POLICY_OPTIONS,
          fileInfo: (p) => classifyFile(p),
          cwd: '/p',
        })
      ).size,
    ).toBe(0);
    expect(crossFileStats).toEqual(before);
  });
});
