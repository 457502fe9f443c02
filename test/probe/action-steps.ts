/**
 * Runs steps of action.yml the way a runner does (as test/gates/action.test.ts does for the
 * scan): each step's `env:` evaluated from the inputs, its `run:` script executed with
 * `bash --noprofile --norc -eo pipefail`, GITHUB_OUTPUT collected, SECURE_DB_CLI pointing at
 * the built CLI. Steps run in order; `if:` is evaluated for the probe step's one form.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BIN } from './helpers.js';

export const REPO = join(import.meta.dirname, '../..');

interface Step {
  id?: string;
  name?: string;
  if?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { steps: Step[] };
}

const ACTION = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as Action;

export interface StepResult {
  ran: boolean;
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

/** Runs the scan, probe and gate steps (the uploads need GitHub) with these inputs. */
export function runActionSteps(
  workspace: string,
  inputs: Record<string, string>,
): Record<'scan' | 'probe' | 'gate', StepResult> {
  const outputs: Record<string, Record<string, string>> = {};
  const input = (name: string) => {
    if (!(name in ACTION.inputs)) throw new Error(`unknown input ${name}`);
    return inputs[name] ?? ACTION.inputs[name]!.default ?? '';
  };
  const evaluate = (value: string) =>
    value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
      const [scope, ...path] = expression.split('.');
      if (scope === 'inputs') return input(path.join('.'));
      if (scope === 'steps') return outputs[path[0]!]?.[path[2]!] ?? '';
      if (scope === 'github') return '';
      throw new Error(`unexpected expression ${expression}`);
    });
  const run = (step: Step): StepResult => {
    if (step.if === "inputs.probe-url != ''" && input('probe-url') === '')
      return { ran: false, status: null, stdout: '', stderr: '', outputs: {} };
    const temp = mkdtempSync(join(tmpdir(), 'secure-db-runner-'));
    const outputFile = join(temp, 'github_output');
    writeFileSync(outputFile, '');
    writeFileSync(join(temp, 'step.sh'), step.run!);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: temp,
      NO_COLOR: '1',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_ACTION_PATH: REPO,
      RUNNER_TEMP: temp,
      SECURE_DB_CLI: BIN,
    };
    for (const [name, value] of Object.entries(step.env ?? {})) env[name] = evaluate(value);
    const r = spawnSync(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', join(temp, 'step.sh')],
      {
        cwd: workspace,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    const stepOutputs: Record<string, string> = {};
    for (const line of readFileSync(outputFile, 'utf8').split('\n').filter(Boolean))
      stepOutputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    if (step.id) outputs[step.id] = stepOutputs;
    return {
      ran: true,
      status: r.status,
      stdout: r.stdout,
      stderr: r.stderr,
      outputs: stepOutputs,
    };
  };
  const step = (predicate: (s: Step) => boolean) => ACTION.runs.steps.find(predicate)!;
  return {
    scan: run(step((s) => s.id === 'scan')),
    probe: run(step((s) => s.id === 'probe')),
    gate: run(step((s) => s.name === 'secure-db gate')),
  };
}
