/** Runs the built `secure-db probe` as a child process, asynchronously (many at once). */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '../../dist/src/cli/bin.js');
const CHILD_TIMEOUT_MS = 30_000;

export interface ProbeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runProbe(
  args: readonly string[],
  env: Record<string, string> = {},
  cwd = process.cwd(),
): Promise<ProbeRun> {
  return new Promise((resolve, reject) => {
    // A minimal environment: no PG* variable of the test runner leaks into the probe.
    const child = spawn(process.execPath, [BIN, 'probe', ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1', ...env },
      timeout: CHILD_TIMEOUT_MS,
      killSignal: 'SIGKILL',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

/** The JSON report of a run (`--format json` on stdout). */
export function json(run: ProbeRun): ProbeJson {
  try {
    return JSON.parse(run.stdout) as ProbeJson;
  } catch {
    throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

/** The parts of the JSON contract the tests read (docs/probe.md). */
export interface ProbeJson {
  version: number;
  status: 'probed' | 'failed';
  target: { host: string; port: number; address: string | null; user: string; database: string };
  tls: {
    offered: boolean;
    protocol: string | null;
    cipher: string | null;
    legacy: { accepted: boolean; protocol: string | null; error: string | null } | null;
  };
  certificate: {
    subject: string;
    issuer: string;
    subjectAltNames: string[];
    validTo: string;
    daysToExpiry: number;
    chain: { verified: boolean; trust: string; error: string | null };
    hostName: { name: string; matches: boolean };
  } | null;
  plaintext: { accepted: boolean | null; serverMessage: string | null };
  authentication: {
    method: string;
    mechanisms: string[];
    over: string;
    serverMessage: string | null;
  };
  session:
    | {
        ssl: boolean | null;
        version: string | null;
        cipher: string | null;
        sslMinProtocolVersion: string | null;
        passwordEncryption: string | null;
      }
    | { skipped: string };
  error?: { kind: string; step: string; message: string };
  results: { ruleId: string; severity: string; check: string; message: string; docsUrl: string }[];
}

/** `ruleId check severity` per finding, sorted: what a verdict assertion compares. */
export function verdicts(report: ProbeJson): string[] {
  return report.results.map((r) => `${r.ruleId} ${r.check} ${r.severity}`).sort();
}
