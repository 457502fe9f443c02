import { chmodSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../../src/report/github.js';
import {
  BIN,
  CLEAN_JS,
  jsonReport,
  project,
  readBaselineFile,
  run,
  sarifLog,
  SECRETS,
  WEAK_JS,
} from './helpers.js';

beforeAll(() => {
  if (!existsSync(BIN))
    throw new Error('run `npm run build` first: the CLI tests spawn dist/src/cli/bin.js');
});

describe('exit codes and usage', () => {
  it('0 on a clean project, with no output', () => {
    const r = run(project({ 'a.js': CLEAN_JS }), ['scan']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('1 on error-level findings; stylish without colour under NO_COLOR', () => {
    const r = run(project({ 'src/db.js': WEAK_JS }), ['scan']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('src/db.js');
    expect(r.stdout).toMatch(/2:\d+ +error +.*secure-db\/no-disabled-cert-verification/);
    expect(r.stdout).toContain('✖ 2 problems (2 errors, 0 warnings)');
    expect(r.stdout).toContain('1 error and 0 warnings potentially fixable');
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('2 on usage and configuration errors', () => {
    const root = project({
      'a.js': CLEAN_JS,
      'bad.json': '{ "profile": "loose" }',
      'typo.json': '{ "ignore": [] }',
    });
    for (const args of [
      [],
      ['lint'],
      ['scan', '--nope'],
      ['scan', '--format', 'xml'],
      ['scan', '--max-warnings', 'x'],
      ['scan', '--config', 'bad.json'],
      ['scan', '--config', 'typo.json'],
      ['scan', '--config', 'none.json'],
      ['scan', 'missing-dir'],
    ]) {
      const r = run(root, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^secure-db: /);
    }
  });

  it('--help and --version', () => {
    const root = project({});
    const help = run(root, ['--help']);
    expect(help.code).toBe(0);
    for (const flag of [
      '--format',
      '--output-file',
      '--profile',
      '--min-sslmode',
      '--fix',
      '--fix-dry-run',
      '--max-warnings',
      '--baseline',
      '--update-baseline',
      '--prune-baseline',
      '--pass-on-unpruned-baseline',
      '--config',
      '--no-color',
      '--quiet',
      '--no-warn-ignored',
      '--staged',
      '--since',
      '--new-only',
      'secure-db init',
      '--husky',
      '--pre-commit',
      '--force',
    ]) {
      expect(help.stdout).toContain(flag);
    }
    const pkg = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'),
    ) as { version: string };
    expect(run(root, ['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('--fix-dry-run with a machine format needs -o', () => {
    const r = run(project({ 'a.js': WEAK_JS }), ['scan', '--fix-dry-run', '--format', 'json']);
    expect(r.code).toBe(2);
  });

  it('-o writes the report to a file, nothing on stdout', () => {
    const root = project({ 'a.js': WEAK_JS });
    const r = run(root, ['scan', '-f', 'json', '-o', 'out/report.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(jsonReport(readFileSync(join(root, 'out/report.json'), 'utf8')).results).toHaveLength(2);
  });
});

describe('JSON contract', () => {
  it('has exactly the documented fields', () => {
    const r = run(project({ 'src/db.js': WEAK_JS }), ['scan', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = jsonReport(r.stdout);
    expect(Object.keys(report)).toEqual(['version', 'tool', 'results', 'errors']);
    expect(report.version).toBe(1);
    expect(Object.keys(report.tool)).toEqual(['name', 'version']);
    expect(report.tool.name).toBe('secure-db');
    expect(report.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.errors).toEqual([]);
    for (const result of report.results) {
      expect(Object.keys(result).sort()).toEqual(
        [
          'column',
          'docsUrl',
          'endColumn',
          'endLine',
          'environment',
          'file',
          'fingerprint',
          'fixable',
          'line',
          'message',
          'ruleId',
          'severity',
        ].sort(),
      );
      expect(result.ruleId).toMatch(/^secure-db\/[a-z-]+$/);
      expect(result.file).toBe('src/db.js');
      expect(result.severity).toBe('error');
      expect(result.docsUrl).toMatch(/^https:\/\/.*\/docs\/rules\/[a-z-]+\.md$/);
      expect(result.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(typeof result.fixable).toBe('boolean');
      expect(result.line).toBe(2);
    }
  });
});

describe('SARIF', () => {
  const schema = JSON.parse(
    readFileSync(join(import.meta.dirname, '../fixtures/sarif-schema-2.1.0.json'), 'utf8'),
  ) as object;
  // The schema's `language` pattern is not valid with the `u` flag; formats checked loosely.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
  ajv.addFormat('uri-reference', /^\S*$/);
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile(schema);

  it('is valid SARIF 2.1.0 shaped for GitHub code scanning', () => {
    const root = project({ 'src/my db,x.js': WEAK_JS, 'bin.js': Buffer.from([0, 1, 2]) });
    const r = run(root, ['scan', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const log = sarifLog(r.stdout);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    const runLog = log.runs[0]!;
    expect(runLog.columnKind).toBe('utf16CodeUnits');
    expect(runLog.tool.driver.name).toBe('secure-db');
    const ids = runLog.tool.driver.rules.map((rule) => rule.id);
    expect(ids).toEqual([
      'secure-db/no-disabled-cert-verification',
      'secure-db/no-hardcoded-credentials',
    ]);
    for (const rule of runLog.tool.driver.rules) {
      for (const text of [rule.shortDescription.text, rule.fullDescription.text, rule.help.text]) {
        expect(text.length).toBeGreaterThan(10);
        expect(text.length).toBeLessThanOrEqual(1024);
      }
      expect(rule.help.markdown).toContain(`# ${rule.id}`);
      expect(rule.helpUri).toMatch(/^https:\/\//);
      expect(rule.defaultConfiguration.level).toBe('error');
      expect(rule.properties.tags).toContain('security');
      expect(rule.properties.tags.some((t) => /^CWE-\d+$/.test(t))).toBe(true);
      expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
      expect(rule.properties.precision).toBe('high');
    }
    for (const result of runLog.results) {
      expect(ids[result.ruleIndex]).toBe(result.ruleId);
      expect(result.level).toBe('error');
      const loc = result.locations[0]!.physicalLocation;
      expect(loc.artifactLocation).toEqual({ uri: 'src/my%20db%2Cx.js', uriBaseId: '%SRCROOT%' });
      expect(loc.region).toMatchObject({ startLine: 2, endLine: 2 });
      expect(result.partialFingerprints['secureDbSite/v1']).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(runLog.invocations[0]!.executionSuccessful).toBe(true);
    const notifications = runLog.invocations[0]!.toolExecutionNotifications;
    expect(notifications.map((n) => n.level)).toEqual(['warning']);
    expect(notifications[0]!.message.text).toMatch(/binary/);
    expect(r.stdout).not.toMatch(/"snippet"|"contents"/);
  });

  it('is valid when empty, and with suppressed results included', () => {
    const empty = sarifLog(run(project({ 'a.js': CLEAN_JS }), ['scan', '-f', 'sarif']).stdout);
    expect(validate(empty)).toBe(true);
    expect(empty.runs[0]!.results).toEqual([]);
    const root = project({
      'a.js': `// secure-db-disable-next-line -- tracked in JIRA-1\n${WEAK_JS.split('\n')[1]}\n`,
    });
    const log = sarifLog(run(root, ['scan', '-f', 'sarif', '--include-suppressed']).stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0]!.results[0]!.suppressions).toEqual([
      { kind: 'inSource', justification: 'tracked in JIRA-1' },
    ]);
  });
});

describe('github annotations', () => {
  it('escapes as @actions/core does', () => {
    expect(escapeData('50% a\r\nb')).toBe('50%25 a%0D%0Ab');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });

  it('prints one command per result with the location', () => {
    const r = run(project({ 'we,ird:name.js': WEAK_JS }), ['scan', '--format', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatch(
        /^::error file=we%2Cird%3Aname\.js,line=2,endLine=2,col=\d+,endColumn=\d+,title=secure-db\/[a-z-]+::\S.*$/,
      );
    }
  });
});

describe('baseline', () => {
  it('is created, applied, reports unused entries with exit 2, and is pruned', () => {
    const root = project({ 'a.js': WEAK_JS, 'b.js': WEAK_JS });
    const created = run(root, ['scan', '--update-baseline']);
    expect(created.code).toBe(0);
    expect(created.stderr).toContain('baseline written to secure-db-baseline.json');
    const baseline = readBaselineFile(join(root, 'secure-db-baseline.json'));
    expect(baseline).toEqual({
      'a.js': {
        'secure-db/no-disabled-cert-verification': { count: 1 },
        'secure-db/no-hardcoded-credentials': { count: 1 },
      },
      'b.js': {
        'secure-db/no-disabled-cert-verification': { count: 1 },
        'secure-db/no-hardcoded-credentials': { count: 1 },
      },
    });
    // A clean report, but it says what the baseline hides.
    expect(run(root, ['scan'])).toMatchObject({
      code: 0,
      stdout: '4 findings hidden by the baseline\n',
    });
    // A second violation of the same rule in a.js: more than the count, so all are reported.
    writeFileSync(
      join(root, 'a.js'),
      `${WEAK_JS}export const p2 = new Pool({ host: 'h.example.com', ssl: { rejectUnauthorized: false } });\n`,
    );
    const over = run(root, ['scan', '-f', 'json']);
    expect(over.code).toBe(1);
    expect(jsonReport(over.stdout).results.map((x) => x.ruleId)).toEqual([
      'secure-db/no-disabled-cert-verification',
      'secure-db/no-disabled-cert-verification',
    ]);
    // b.js fixed: its entries are unused → exit 2, unless told to pass.
    writeFileSync(join(root, 'a.js'), WEAK_JS);
    writeFileSync(join(root, 'b.js'), CLEAN_JS);
    const unused = run(root, ['scan']);
    expect(unused.code).toBe(2);
    expect(unused.stderr).toContain('--prune-baseline');
    expect(run(root, ['scan', '--pass-on-unpruned-baseline']).code).toBe(0);
    // Scanning only a.js leaves b.js's entries alone (as a hook does).
    expect(run(root, ['scan', 'a.js']).code).toBe(0);
    expect(run(root, ['scan', '--prune-baseline']).code).toBe(0);
    expect(Object.keys(readBaselineFile(join(root, 'secure-db-baseline.json')))).toEqual(['a.js']);
    expect(run(root, ['scan']).code).toBe(0);
  });

  it('--baseline moves the file; a malformed baseline is exit 2', () => {
    const root = project({
      'a.js': WEAK_JS,
      'broken.json': '{"a.js": {"secure-db/require-ssl": {}}}',
    });
    expect(run(root, ['scan', '--baseline', 'ci/base.json', '--update-baseline']).code).toBe(0);
    expect(existsSync(join(root, 'ci/base.json'))).toBe(true);
    expect(run(root, ['scan', '--baseline', 'ci/base.json']).code).toBe(0);
    expect(run(root, ['scan']).code).toBe(1);
    expect(run(root, ['scan', '--baseline', 'broken.json']).code).toBe(2);
  });

  it('honours eslint-suppressions.json for secure-db rules in JS/TS', () => {
    const root = project({
      'a.js': WEAK_JS,
      'eslint-suppressions.json': JSON.stringify({
        'a.js': {
          'secure-db/no-disabled-cert-verification': { count: 1 },
          'secure-db/no-hardcoded-credentials': { count: 1 },
          'no-console': { count: 3 },
        },
      }),
    });
    expect(run(root, ['scan'])).toMatchObject({
      code: 0,
      stdout: '2 findings hidden by the baseline\n',
    });
  });
});

describe('inline suppressions', () => {
  it('// secure-db and eslint directives in JS; unused ones are warnings (max-warnings, quiet)', () => {
    const line = WEAK_JS.split('\n')[1]!;
    const root = project({
      'a.js': `const { Pool } = require('pg');\n// eslint-disable-next-line secure-db/no-disabled-cert-verification, secure-db/no-hardcoded-credentials -- rotated\n${line}\n// secure-db-disable-next-line require-ssl\nexport const x = 1;\n`,
    });
    const r = run(root, ['scan', '-f', 'json']);
    expect(r.code).toBe(0);
    expect(jsonReport(r.stdout).results).toEqual([
      expect.objectContaining({
        ruleId: 'secure-db/disable-directive',
        severity: 'warning',
        line: 4,
        message:
          "Unused secure-db-disable-next-line directive (no problem from 'secure-db/require-ssl' was reported).",
      }),
    ]);
    expect(run(root, ['scan', '--max-warnings', '0']).code).toBe(1);
    expect(run(root, ['scan', '--max-warnings', '1']).code).toBe(0);
    expect(run(root, ['scan', '--quiet', '--max-warnings', '0'])).toMatchObject({
      code: 0,
      stdout: '',
    });
  });

  it('strict profile: a directive without a reason does not suppress', () => {
    const root = project({ 'a.js': `// secure-db-disable-next-line\n${WEAK_JS.split('\n')[1]}\n` });
    expect(run(root, ['scan']).code).toBe(0);
    const strict = run(root, ['scan', '--profile', 'strict', '-f', 'json']);
    expect(strict.code).toBe(1);
    expect(jsonReport(strict.stdout).results.map((x) => x.ruleId)).toContain(
      'secure-db/disable-directive',
    );
  });

  it.runIf(existsSync(join(import.meta.dirname, '../../dist/src/frontends/dotenv/index.js')))(
    '# directives in env files (when the dotenv front-end is present)',
    () => {
      const root = project({
        '.env.production':
          'NODE_TLS_REJECT_UNAUTHORIZED=0 # secure-db-disable-line -- vendor CA pending\n',
      });
      const r = run(root, ['scan', '-f', 'json']);
      expect(
        jsonReport(r.stdout).results.filter(
          (x: { ruleId: string }) => x.ruleId !== 'secure-db/disable-directive',
        ),
      ).toEqual([]);
    },
  );
});

describe('configuration', () => {
  it('--config: ignores and profile', () => {
    const root = project({
      'a.js': WEAK_JS,
      'legacy/b.js': WEAK_JS,
      'secure-db.json': JSON.stringify({
        ignores: ['legacy/'],
        profile: 'strict',
        minimumSslmode: 'require',
        environments: { production: ['**/*.js'] },
      }),
    });
    const r = run(root, ['scan', '--config', 'secure-db.json', '-f', 'json']);
    const { results } = jsonReport(r.stdout);
    expect(new Set(results.map((x) => x.file))).toEqual(new Set(['a.js']));
    expect(results.every((x) => x.environment === 'production')).toBe(true);
  });

  it('"secure-db" in package.json', () => {
    const root = project({
      'a.js': WEAK_JS,
      'legacy/b.js': WEAK_JS,
      'package.json': JSON.stringify({
        name: 'x',
        'secure-db': { ignores: ['a.js', 'legacy/**'] },
      }),
    });
    expect(run(root, ['scan'])).toMatchObject({ code: 0, stdout: '' });
    const bad = project({ 'package.json': JSON.stringify({ 'secure-db': { ignores: 'a.js' } }) });
    expect(run(bad, ['scan']).code).toBe(2);
  });
});

describe('discovery', () => {
  it('honours .gitignore and skips node_modules; dotfiles are scanned', () => {
    const root = project({
      '.gitignore': 'build/\n',
      'build/a.js': WEAK_JS,
      'node_modules/pg-thing/index.js': WEAK_JS,
      '.config/db.js': WEAK_JS,
    });
    const r = run(root, ['scan', '-f', 'json']);
    expect(new Set(jsonReport(r.stdout).results.map((x) => x.file))).toEqual(
      new Set(['.config/db.js']),
    );
  });

  it('takes explicit absolute file lists (lint-staged), warns about ignored ones unless --no-warn-ignored', () => {
    const root = project({
      'a.js': WEAK_JS,
      'b.js': CLEAN_JS,
      'README.md': '# x',
      'vendor/c.js': WEAK_JS,
      'package.json': JSON.stringify({ 'secure-db': { ignores: ['vendor/**'] } }),
    });
    const files = ['b.js', 'README.md', 'vendor/c.js'].map((f) => join(root, f));
    const r = run(root, ['scan', ...files]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('vendor/c.js is ignored');
    expect(run(root, ['scan', '--no-warn-ignored', '--max-warnings', '0', ...files])).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect(run(root, ['scan', join(root, 'a.js')]).code).toBe(1);
  });
});

describe('bad input never crashes the scan', () => {
  it('binary, invalid UTF-8, syntax error, 5 MB single line, symlink loop, unreadable file', () => {
    const root = project({
      'good.js': WEAK_JS,
      'binary.js': Buffer.concat([Buffer.from('const a = 1;'), Buffer.from([0, 0, 0xff])]),
      'latin1.js': Buffer.concat([
        Buffer.from(
          "const p = new (require('pg').Pool)({ host: 'db.example.com', ssl: { rejectUnauthorized: false } }); // caf",
        ),
        Buffer.from([0xe9, 0x0a]),
      ]),
      // Only files that concern a database are parsed (the keyword gate), so this one names pg.
      'syntax.js': "import { Pool } from 'pg';\nconst x = {;\n",
      'huge.js': `const s = '${'a'.repeat(5 * 1024 * 1024)}';\n`,
      'locked.js': WEAK_JS,
    });
    symlinkSync('.', join(root, 'loop'));
    symlinkSync('missing-target.js', join(root, 'dangling.js'));
    chmodSync(join(root, 'locked.js'), 0o000);
    const start = Date.now();
    const r = run(root, ['scan', '-f', 'json']);
    expect(Date.now() - start).toBeLessThan(30_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const report = jsonReport(r.stdout);
    expect(report.results.map((x) => x.file)).toEqual(
      expect.arrayContaining(['good.js', 'latin1.js']),
    );
    const errors = Object.fromEntries(report.errors.map((e) => [e.file, e.message]));
    expect(errors['binary.js']).toMatch(/binary/);
    expect(errors['latin1.js']).toMatch(/invalid UTF-8/);
    expect(errors['syntax.js']).toMatch(/^Parsing error/);
    expect(errors['huge.js']).toBeUndefined();
    const root_ = process.getuid?.() === 0;
    if (!root_) expect(errors['locked.js']).toMatch(/permission denied/);
    chmodSync(join(root, 'locked.js'), 0o644);
  });

  it('a file over 10 MB is not scanned, and the scan says it is incomplete (exit 2)', () => {
    const root = project({ 'big.js': `// ${'x'.repeat(10 * 1024 * 1024 + 1)}\n` });
    const r = run(root, ['scan', '-f', 'json']);
    expect(r.code).toBe(2);
    expect(jsonReport(r.stdout).errors).toEqual([
      {
        file: 'big.js',
        message:
          'not scanned: larger than the size budget of 10 MB per file (raise it with --max-file-size or "maxFileSize")',
      },
    ]);
  });
});

describe('no secret in any output', () => {
  it('stylish, json, sarif, github, gitlab, stderr and the baseline', () => {
    const root = project({
      'a.js': WEAK_JS,
      'b.ts':
        "import { Pool } from 'pg';\nexport const p = new Pool({ connectionString: 'postgres://app:Zq8%23cli-URL-pass-8812@db.example.com/app' });\n",
      'c.js': `const x = {; // ${SECRETS[0]}\n`,
    });
    const outputs: string[] = [];
    for (const format of ['stylish', 'json', 'sarif', 'github', 'gitlab']) {
      const r = run(root, ['scan', '--format', format, '--include-suppressed']);
      expect(r.code).toBe(1);
      outputs.push(r.stdout, r.stderr);
    }
    run(root, ['scan', '--update-baseline']);
    outputs.push(readFileSync(join(root, 'secure-db-baseline.json'), 'utf8'));
    const all = outputs.join('\n');
    expect(all).toContain('secure-db/no-hardcoded-credentials');
    for (const secret of SECRETS) expect(all).not.toContain(secret);
  });
});

describe.runIf(existsSync(join(import.meta.dirname, '../../dist/src/fix/index.js')))(
  'fixes (when the fix engine is present)',
  () => {
    it('--fix-dry-run prints a masked diff and writes nothing; --fix writes and reports what is left', () => {
      const root = project({ 'db.js': WEAK_JS });
      const dry = run(root, ['scan', '--fix-dry-run']);
      expect(dry.code).toBe(1);
      expect(dry.stdout).toContain('+++ b/db.js');
      expect(dry.stdout).toContain('rejectUnauthorized: true');
      for (const secret of SECRETS) expect(dry.stdout + dry.stderr).not.toContain(secret);
      expect(readFileSync(join(root, 'db.js'), 'utf8')).toBe(WEAK_JS);
      const fixed = run(root, ['scan', '--fix', '-f', 'json']);
      expect(fixed.code).toBe(1);
      expect(jsonReport(fixed.stdout).results.map((x) => x.ruleId)).toEqual([
        'secure-db/no-hardcoded-credentials',
      ]);
      expect(readFileSync(join(root, 'db.js'), 'utf8')).toContain('rejectUnauthorized: true');
    });
  },
);
