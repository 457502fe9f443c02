/**
 * action.yml (composite): its steps are executed as a runner would, with the environment
 * GitHub gives them: each step's `env:` evaluated from the inputs (action.yml defaults,
 * overridden by `with:`) and the github context, the `run:` text written to a file and run
 * with `bash --noprofile --norc -eo pipefail`, GITHUB_OUTPUT / GITHUB_WORKSPACE /
 * RUNNER_TEMP / GITHUB_ACTION_PATH set, and SECURE_DB_CLI pointing at the built CLI
 * instead of npx. The inputs of the documented workflow (docs/ci.md) are the first case.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { sarifLog } from '../cli/helpers.js';
import { BIN, git, gitEnv, initRepo, REPO, snippet, tempDir, write } from './helpers.js';

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'continue-on-error'?: boolean;
}
interface Action {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const ACTION_TEXT = readFileSync(join(REPO, 'action.yml'), 'utf8');
const ACTION = parse(ACTION_TEXT) as Action;
const SCAN_STEP = ACTION.runs.steps.find((s) => s.id === 'scan')!;
const GATE_STEP = ACTION.runs.steps.find((s) => s.name === 'secure-db gate')!;

const INSECURE_JS =
  "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });\n";
const SECURE_JS =
  "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: true } });\n";

type Github = Record<string, unknown>;

/** `${{ inputs.x }}` / `${{ github.a.b }}`: the only expressions action.yml's `env:` may hold. */
function evaluate(value: string, inputs: Record<string, string>, github: Github): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    const [scope, ...path] = expression.split('.');
    if (scope === 'inputs') {
      const name = path.join('.');
      if (!(name in ACTION.inputs)) throw new Error(`unknown input ${name}`);
      return inputs[name] ?? ACTION.inputs[name]!.default ?? '';
    }
    if (scope === 'github') {
      let node: unknown = github;
      for (const key of path)
        node =
          node !== null && typeof node === 'object'
            ? (node as Record<string, unknown>)[key]
            : undefined;
      if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean')
        return String(node);
      if (node === undefined || node === null) return '';
      throw new Error(`github.${path.join('.')} is not a value`);
    }
    if (scope === 'steps') return stepOutputs[path[0]!]?.[path[2]!] ?? '';
    throw new Error(`unexpected expression ${expression}`);
  });
}
/** Outputs of the steps run so far, by step id. */
let stepOutputs: Record<string, Record<string, string>> = {};

interface StepRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runStep(
  step: Step,
  workspace: string,
  inputs: Record<string, string>,
  github: Github,
  extraEnv: Record<string, string> = {},
): StepRun & { outputs: Record<string, string>; outputText: string } {
  const temp = tempDir('runner-temp');
  const outputFile = join(temp, 'github_output');
  writeFileSync(outputFile, '');
  const script = join(temp, 'step.sh');
  writeFileSync(script, step.run!);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? temp,
    NO_COLOR: '1',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_ACTION_PATH: REPO,
    RUNNER_TEMP: temp,
    SECURE_DB_CLI: BIN,
    ...extraEnv,
  };
  for (const [name, value] of Object.entries(step.env ?? {}))
    env[name] = evaluate(value, inputs, github);
  // GitHub's `shell: bash`: bash --noprofile --norc -eo pipefail {0}, in the workspace.
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd: workspace,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const outputText = readFileSync(outputFile, 'utf8');
  const outputs: Record<string, string> = {};
  for (const line of outputText.split('\n').filter(Boolean)) {
    const at = line.indexOf('=');
    outputs[line.slice(0, at)] = line.slice(at + 1);
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs, outputText };
}

/** The scan step, then the gate step with the scan step's outputs, as the runner chains them. */
function runAction(
  workspace: string,
  inputs: Record<string, string>,
  github: Github = {
    event_name: 'pull_request',
    actor: 'octocat',
    event: { pull_request: { head: { repo: { fork: false } } } },
  },
  extraEnv: Record<string, string> = {},
) {
  const scan = runStep(SCAN_STEP, workspace, inputs, github, extraEnv);
  stepOutputs = { scan: scan.outputs };
  const gate = runStep(GATE_STEP, workspace, inputs, github, extraEnv);
  const upload = ACTION.runs.steps.filter(
    (s) =>
      s.uses?.startsWith('github/codeql-action/upload-sarif@') &&
      new RegExp(`steps\\.scan\\.outputs\\.upload == '${scan.outputs.upload}'`).test(s.if ?? ''),
  );
  return {
    scan,
    gate,
    upload,
    actionOutputs: Object.fromEntries(
      Object.entries(ACTION.outputs).map(([k, o]) => [k, evaluate(o.value, inputs, {})]),
    ),
  };
}

function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(join(REPO, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8'),
  ) as object;
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
  ajv.addFormat('uri-reference', /^\S*$/);
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}

beforeAll(() => {
  if (!existsSync(BIN))
    throw new Error('run `npm run build` first: the gate tests run dist/src/cli/bin.js');
});

describe('action.yml', () => {
  it('is a composite action whose scripts never interpolate inputs', () => {
    expect(ACTION.runs.using).toBe('composite');
    expect(Object.keys(ACTION.inputs).sort()).toEqual([
      'baseline',
      'category',
      'new-only',
      'paths',
      'probe-ca',
      'probe-connect',
      'probe-expiry-warn-days',
      'probe-max-warnings',
      'probe-url',
      'profile',
      'sarif-file',
      'scan',
      'since',
      'upload-sarif',
      'version',
      'working-directory',
    ]);
    expect(ACTION.inputs.paths!.default).toBe('.');
    expect(ACTION.inputs['sarif-file']!.default).toBe('secure-db.sarif');
    expect(ACTION.inputs['upload-sarif']!.default).toBe('auto');
    expect(Object.keys(ACTION.outputs).sort()).toEqual([
      'exit-code',
      'probe-exit-code',
      'sarif-file',
    ]);
    for (const step of ACTION.runs.steps) {
      if (step.run === undefined) continue;
      expect(step.shell).toBe('bash');
      expect(step.run).not.toMatch(/\$\{\{/);
    }
    // No expression at all inside any run: script, even in the raw text (block scalars included).
    expect(ACTION_TEXT).not.toMatch(/run:[^\n]*\$\{\{\s*inputs/);
    // Every input but category (a `with:` of upload-sarif) reaches the scan step through env;
    // the probe-* inputs reach the probe step.
    const probeStep = ACTION.runs.steps.find((s) => s.id === 'probe')!;
    const mapped = Object.values(SCAN_STEP.env ?? {}).join('\n');
    const probeMapped = Object.values(probeStep.env ?? {}).join('\n');
    for (const name of Object.keys(ACTION.inputs)) {
      if (name.startsWith('probe-')) expect(probeMapped).toContain(`\${{ inputs.${name} }}`);
      else if (name !== 'category') expect(mapped).toContain(`\${{ inputs.${name} }}`);
    }
    for (const value of [
      ...Object.values(SCAN_STEP.env ?? {}),
      ...Object.values(probeStep.env ?? {}),
    ])
      expect(value).toMatch(/^\$\{\{ (inputs|github)\.[\w.-]+ \}\}$/);
    expect(probeStep.if).toBe("inputs.probe-url != ''");
    // Uploads use upload-sarif v4 with the category input; the gate always runs.
    const uploads = ACTION.runs.steps.filter((s) => s.uses !== undefined);
    expect(uploads.map((s) => s.uses)).toEqual([
      'github/codeql-action/upload-sarif@v4',
      'github/codeql-action/upload-sarif@v4',
    ]);
    for (const s of uploads)
      expect(s.with).toEqual({
        sarif_file: '${{ steps.scan.outputs.sarif-file }}',
        category: '${{ inputs.category }}',
      });
    expect(GATE_STEP.if).toBe('always()');
  });

  it.each(['ci.md', '../README.md'])(
    'the workflow of %s: SARIF that validates, annotations, outputs, and the gate fails with exit 1',
    (doc) => {
      const workflow = parse(snippet(doc, 'github-workflow')) as {
        permissions: Record<string, string>;
        jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>;
      };
      expect(workflow.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
      const step = Object.values(workflow.jobs)[0]!.steps.find((s) =>
        s.uses?.startsWith('secure-db/secure-db@'),
      )!;
      for (const key of Object.keys(step.with ?? {}))
        expect(Object.keys(ACTION.inputs)).toContain(key);

      const workspace = tempDir('workspace');
      write(workspace, { 'src/db.js': INSECURE_JS, 'src/ok.js': SECURE_JS });
      const { scan, gate, upload, actionOutputs } = runAction(workspace, step.with ?? {});
      expect(scan.status, scan.stderr).toBe(0);
      expect(scan.outputs).toEqual({
        'exit-code': '1',
        'sarif-file': join(workspace, 'secure-db.sarif'),
        upload: 'auto',
      });
      expect(actionOutputs).toEqual({
        'exit-code': '1',
        'probe-exit-code': '',
        'sarif-file': join(workspace, 'secure-db.sarif'),
      });
      expect(scan.stdout).toMatch(
        /^::error file=src\/db\.js,line=2,.*title=secure-db\/no-disabled-cert-verification::/m,
      );
      const sarif = sarifLog(readFileSync(join(workspace, 'secure-db.sarif'), 'utf8'));
      const validate = sarifValidator();
      expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
      expect(
        sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri),
      ).toEqual(['src/db.js']);
      expect(upload.map((s) => s['continue-on-error'])).toEqual([true]);
      expect(gate.status).toBe(1);
      expect(gate.stderr).toContain('exit code 1');
    },
  );

  it('scan: false skips the scan (for a workflow that only probes); any other value is exit 2', () => {
    const workspace = tempDir('workspace');
    write(workspace, { 'src/db.js': INSECURE_JS });
    const { scan, gate, upload } = runAction(workspace, { scan: 'false' });
    expect(scan.status).toBe(0);
    expect(scan.outputs).toEqual({ 'exit-code': '0', 'sarif-file': '', upload: 'false' });
    expect(existsSync(join(workspace, 'secure-db.sarif'))).toBe(false);
    expect(upload).toEqual([]);
    expect(gate.status).toBe(0);
    expect(runAction(workspace, { scan: 'no' }).gate.status).toBe(2);
  });

  it('a clean workspace: exit code 0 and the gate passes', () => {
    const workspace = tempDir('workspace');
    write(workspace, { 'src/ok.js': SECURE_JS });
    const { scan, gate } = runAction(workspace, {});
    expect(scan.outputs['exit-code']).toBe('0');
    expect(scan.stdout).toBe('');
    expect(gate.status).toBe(0);
  });

  it('working-directory, profile, baseline, sarif-file: paths in SARIF and annotations are relative to the repository', () => {
    const workspace = tempDir('workspace');
    write(workspace, {
      'services/api/src/db.js': INSECURE_JS,
      'services/api/src/old.js': INSECURE_JS.replace('pool', 'old'),
      'services/api/.env.development': 'PGSSLMODE=disable\n',
    });
    // Adopt: a baseline of old.js's finding, in a non-default file.
    const cli = spawnSync(
      process.execPath,
      [BIN, 'scan', 'src/old.js', '--update-baseline', '--baseline', 'ci/baseline.json'],
      { cwd: join(workspace, 'services/api'), encoding: 'utf8' },
    );
    expect(cli.status, cli.stderr).toBe(0);
    const { scan, gate } = runAction(workspace, {
      'working-directory': 'services/api',
      baseline: 'ci/baseline.json',
      'sarif-file': 'reports/out.sarif',
      profile: 'default',
      paths: 'src .env.development',
    });
    expect(scan.outputs['exit-code']).toBe('1');
    expect(scan.outputs['sarif-file']).toBe(join(workspace, 'services/api/reports/out.sarif'));
    const sarif = sarifLog(readFileSync(scan.outputs['sarif-file']!, 'utf8'));
    expect(sarifValidator()(sarif)).toBe(true);
    const uris = sarif.runs[0]!.results.map(
      (r) => r.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    expect(uris).toEqual(['services/api/src/db.js']);
    expect(scan.stdout).toMatch(/^::error file=services\/api\/src\/db\.js,/m);
    expect(scan.stdout).not.toContain('old.js');
    expect(gate.status).toBe(1);

    const strict = runAction(workspace, {
      'working-directory': 'services/api',
      baseline: 'ci/baseline.json',
      profile: 'strict',
      paths: '.env.development',
    });
    expect(strict.scan.outputs['exit-code']).toBe('1');
    expect(strict.scan.stdout).toContain('file=services/api/.env.development');
  });

  it('since and new-only: only what the pull request changed; a bad ref or value is exit 2', () => {
    const env = gitEnv();
    const workspace = initRepo('workspace', env);
    write(workspace, { 'src/old.js': INSECURE_JS, 'src/touched.js': INSECURE_JS });
    for (const args of [
      ['add', '-A'],
      ['commit', '-q', '-m', 'base'],
      ['checkout', '-q', '-b', 'pr'],
    ])
      expect(git(workspace, env, ...args).status).toBe(0);
    write(workspace, {
      'src/new.js': INSECURE_JS,
      'src/touched.js': `${INSECURE_JS}export const x = 1;\n`,
    });
    for (const args of [
      ['add', '-A'],
      ['commit', '-q', '-m', 'pr'],
    ])
      expect(git(workspace, env, ...args).status).toBe(0);
    const uris = (file: string) =>
      (
        JSON.parse(readFileSync(file, 'utf8')) as {
          runs: {
            results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
          }[];
        }
      ).runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    const since = runAction(workspace, { since: 'main' });
    expect(since.scan.outputs['exit-code']).toBe('1');
    expect(uris(since.scan.outputs['sarif-file']!)).toEqual(['src/new.js', 'src/touched.js']);
    expect(since.scan.stdout).not.toContain('old.js');
    const newOnly = runAction(workspace, { since: 'main', 'new-only': 'true' });
    expect(uris(newOnly.scan.outputs['sarif-file']!)).toEqual(['src/new.js']);
    expect(newOnly.gate.status).toBe(1);
    expect(runAction(workspace, { since: 'no-such-ref' }).gate.status).toBe(2);
    expect(runAction(workspace, { 'new-only': 'true' }).scan.status).toBe(2);
    expect(runAction(workspace, { since: 'main', 'new-only': 'yes' }).scan.status).toBe(2);
  });

  it('upload-sarif: auto skips fork and Dependabot pull requests; true and false are obeyed', () => {
    const workspace = tempDir('workspace');
    write(workspace, { 'src/db.js': INSECURE_JS });
    const fork = runAction(
      workspace,
      {},
      {
        event_name: 'pull_request',
        actor: 'someone',
        event: { pull_request: { head: { repo: { fork: true } } } },
      },
    );
    expect(fork.scan.outputs.upload).toBe('false');
    expect(fork.upload).toEqual([]);
    expect(fork.gate.status).toBe(1); // the gate does not depend on the upload
    const dependabot = runAction(
      workspace,
      {},
      {
        event_name: 'pull_request',
        actor: 'dependabot[bot]',
        event: { pull_request: { head: { repo: { fork: false } } } },
      },
    );
    expect(dependabot.scan.outputs.upload).toBe('false');
    const push = runAction(workspace, {}, { event_name: 'push', actor: 'octocat', event: {} });
    expect(push.scan.outputs.upload).toBe('auto');
    expect(runAction(workspace, { 'upload-sarif': 'false' }).scan.outputs.upload).toBe('false');
    const forced = runAction(
      workspace,
      { 'upload-sarif': 'true' },
      {
        event_name: 'pull_request',
        actor: 'x',
        event: { pull_request: { head: { repo: { fork: true } } } },
      },
    );
    expect(forced.scan.outputs.upload).toBe('true');
    expect(forced.upload.map((s) => s['continue-on-error'])).toEqual([undefined]);
    const bad = runAction(workspace, { 'upload-sarif': 'yes' });
    expect(bad.scan.status).toBe(2);
    expect(bad.gate.status).toBe(2);
  });

  it('hostile input values are data, never executed', { timeout: 120_000 }, () => {
    const workspace = tempDir('workspace');
    write(workspace, { 'src/db.js': INSECURE_JS });
    const pwned = join(tempDir('pwned'), 'pwned');
    const payloads = [
      `; touch ${pwned}`,
      `$(touch ${pwned})`,
      `\`touch ${pwned}\``,
      `x\ntouch ${pwned}`,
      `x'; touch ${pwned}; echo '`,
      `x"; touch ${pwned}; echo "`,
      `--fix`,
      `x\nupload=true`,
      `::error::forged`,
    ];
    // The probe-* inputs never reach these steps (test/probe/probe-action.test.ts runs the probe step).
    for (const name of Object.keys(ACTION.inputs).filter((n) => !n.startsWith('probe-'))) {
      for (const payload of payloads) {
        const { scan, gate } = runAction(workspace, { [name]: payload });
        expect(existsSync(pwned), `${name}: ${JSON.stringify(payload)}`).toBe(false);
        // Never a forged output line, never a workflow command built from the value.
        for (const key of Object.keys(scan.outputs))
          expect(['exit-code', 'sarif-file', 'upload', 'failure']).toContain(key);
        expect(scan.stdout + scan.stderr).not.toMatch(/^::error::forged/m);
        if (name !== 'category')
          expect(
            gate.status === 1 || gate.status === 2,
            `${name}: ${JSON.stringify(payload)}`,
          ).toBe(true);
      }
    }
    // `--fix` as a path stays a path: the file is untouched.
    expect(readFileSync(join(workspace, 'src/db.js'), 'utf8')).toBe(INSECURE_JS);
  });

  it('version: a hostile value never reaches npx; a real one is passed as one argument', () => {
    const workspace = tempDir('workspace');
    write(workspace, { 'src/ok.js': SECURE_JS });
    const bin = tempDir('fake-npx');
    const log = join(bin, 'calls');
    // A stand-in for npx that records its arguments (one per line) and runs the built CLI.
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      join(bin, 'npx'),
      `#!/bin/sh\nprintf '%s\\n' "$@" >> "${log}"\nwhile [ "$1" != "--" ]; do shift; done\nshift 2\nexec "${process.execPath}" "${BIN}" "$@"\n`,
    );
    chmodSync(join(bin, 'npx'), 0o755);
    const env = { SECURE_DB_CLI: '', PATH: `${bin}:${process.env.PATH ?? ''}` };
    const pwned = join(tempDir('pwned'), 'pwned');
    for (const version of [
      `1.0.0; touch ${pwned}`,
      `$(touch ${pwned})`,
      `latest --registry=http://evil.example`,
      '-y',
    ]) {
      const { scan } = runAction(workspace, { version }, undefined, env);
      expect(scan.status).toBe(2);
      expect(scan.stderr).toContain('input version must be an npm version or dist-tag');
      expect(existsSync(log)).toBe(false);
      expect(existsSync(pwned)).toBe(false);
    }
    const ok = runAction(workspace, { version: '1.2.3' }, undefined, env);
    expect(ok.scan.outputs['exit-code']).toBe('0');
    // Started once (`--version`: an npm failure is not a scan's exit 1), then one scan.
    const calls = readFileSync(log, 'utf8').split('\n');
    expect(calls.slice(0, 6)).toEqual([
      '--yes',
      '--package',
      'eslint-plugin-secure-db@1.2.3',
      '--',
      'secure-db',
      '--version',
    ]);
    expect(calls.slice(6, 12)).toEqual([
      '--yes',
      '--package',
      'eslint-plugin-secure-db@1.2.3',
      '--',
      'secure-db',
      'scan',
    ]);
    expect(calls.filter((c) => c === 'scan')).toHaveLength(1);
    // Empty version: this action's own package.json version.
    const own = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    runAction(workspace, {}, undefined, env);
    expect(readFileSync(log, 'utf8')).toContain(`eslint-plugin-secure-db@${own.version}\n`);
  });
});

/**
 * "Could not install or run" is a failed run, never "findings at error level": npm and npx
 * are replaced in PATH by stand-ins that fail the way the registry and a crash do.
 */
describe('action.yml when secure-db cannot be installed or run', () => {
  /** A bin directory whose npx (and npm) run `script` with npx's arguments. */
  function fakeNpm(script: string): Record<string, string> {
    const bin = tempDir('fake-npm');
    for (const name of ['npx', 'npm']) {
      writeFileSync(join(bin, name), `#!/bin/sh\n${script}\n`);
      chmodSync(join(bin, name), 0o755);
    }
    return { SECURE_DB_CLI: '', PATH: `${bin}:${process.env.PATH ?? ''}` };
  }
  const NOT_FOUND = [
    "echo 'npm error code E404' >&2",
    "echo 'npm error 404 Not Found - GET https://registry.npmjs.org/eslint-plugin-secure-db - Not found' >&2",
    'exit 1',
  ].join('\n');
  /** Runs the built CLI after npx's `--`, as npx would once the package is installed. */
  const RUN = `while [ "$1" != "--" ]; do shift; done\nshift 2\n`;

  it('npm 404: the gate fails with "could not install or run", not with findings', () => {
    const workspace = tempDir('workspace');
    write(workspace, { 'src/db.js': INSECURE_JS });
    const { scan, gate, upload } = runAction(
      workspace,
      { version: '9.9.9' },
      undefined,
      fakeNpm(NOT_FOUND),
    );
    expect(scan.status).toBe(0); // the scan step records; the gate step decides
    expect(scan.outputs['exit-code']).toBe('2');
    expect(scan.outputs.upload).toBe('false');
    expect(scan.outputs.failure).toBe(
      'could not install or run eslint-plugin-secure-db@9.9.9 (exit code 1): no scan was run',
    );
    expect(scan.stderr).toContain('npm error 404 Not Found');
    expect(upload).toEqual([]);
    expect(gate.status).toBe(2);
    expect(gate.stderr).toContain('could not install or run eslint-plugin-secure-db@9.9.9');
    expect(gate.stderr).not.toContain('findings');
  });

  it('a stale SARIF file from an earlier step is not taken for this run', () => {
    const workspace = tempDir('workspace');
    write(workspace, { 'src/ok.js': SECURE_JS, 'secure-db.sarif': '{"runs":[]}' });
    const { scan, gate } = runAction(workspace, {}, undefined, fakeNpm(NOT_FOUND));
    expect(existsSync(join(workspace, 'secure-db.sarif'))).toBe(false);
    expect(scan.outputs['exit-code']).toBe('2');
    expect(gate.status).toBe(2);
  });

  it('exit 1 without a SARIF file is a run that did not finish, not findings', () => {
    const workspace = tempDir('workspace');
    write(workspace, { 'src/db.js': INSECURE_JS });
    // Starts (`--version` works), then dies with 1 before writing any report.
    const env = fakeNpm(
      `${RUN}if [ "$1" = --version ]; then echo 0.1.0; exit 0; fi\necho 'Error: Cannot find module web-tree-sitter' >&2\nexit 1`,
    );
    const { scan, gate } = runAction(workspace, {}, undefined, env);
    expect(scan.outputs['exit-code']).toBe('2');
    expect(scan.outputs.failure).toBe(
      'secure-db exited with code 1 but wrote no SARIF file (secure-db.sarif): the scan did not run to the end',
    );
    expect(gate.status).toBe(2);
    expect(gate.stderr).toContain('did not run to the end');
    expect(gate.stderr).not.toContain('findings');
  });

  it('killed (exit 137) or a usage error (exit 2): a failed gate that says so', () => {
    const workspace = tempDir('workspace');
    write(workspace, { 'src/db.js': INSECURE_JS });
    const killed = runAction(
      workspace,
      {},
      undefined,
      fakeNpm(`${RUN}if [ "$1" = --version ]; then exit 0; fi\nkill -9 $$`),
    );
    expect(killed.scan.outputs['exit-code']).toBe('2');
    expect(killed.scan.outputs.failure).toBe('secure-db did not finish (exit code 137)');
    expect(killed.gate.status).toBe(2);
    expect(killed.gate.stderr).toContain('did not finish (exit code 137)');
    // The real CLI with a broken configuration: exit 2, the CLI's message, no "findings".
    write(workspace, { 'package.json': '{ "secure-db": { "profile": "strictest" } }' });
    const usage = runAction(workspace, {});
    expect(usage.scan.outputs['exit-code']).toBe('2');
    expect(usage.scan.stderr).toContain('configuration error');
    expect(usage.gate.status).toBe(2);
    expect(usage.gate.stderr).toContain('usage, configuration or internal error');
    expect(usage.gate.stderr).not.toContain('findings at error level');
  });

  it('the installed package runs once for both reports (SARIF and annotations)', () => {
    const workspace = tempDir('workspace');
    write(workspace, { 'src/db.js': INSECURE_JS });
    const log = join(tempDir('calls'), 'calls');
    const env = fakeNpm(`echo x >> "${log}"\n${RUN}exec "${process.execPath}" "${BIN}" "$@"`);
    const { scan, gate } = runAction(workspace, {}, undefined, env);
    expect(readFileSync(log, 'utf8')).toBe('x\nx\n'); // --version, then the one scan
    expect(scan.outputs['exit-code']).toBe('1');
    expect(scan.outputs.failure).toBeUndefined();
    expect(scan.stdout).toMatch(/^::error file=src\/db\.js,line=2,/m);
    expect(
      sarifLog(readFileSync(join(workspace, 'secure-db.sarif'), 'utf8')).runs[0]!.results,
    ).toHaveLength(1);
    expect(gate.status).toBe(1);
    expect(gate.stderr).toContain('findings at error level (exit code 1)');
  });
});
