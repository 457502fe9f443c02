/** Spawns the built CLI in temporary projects (publint's style: real process, NO_COLOR=1). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ESLint } from 'eslint';
import type { JsonReport } from '../../src/report/json.js';
import type { Baseline } from '../../src/report/result.js';

export const BIN = join(import.meta.dirname, '../../dist/src/cli/bin.js');

export function project(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'secure-db-cli-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
  timeout = 60_000,
): Run {
  const out = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
    timeout,
    killSignal: 'SIGKILL',
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

/** `scan -f json` output, read as the documented contract (docs/cli.md, src/report/json.ts). */
export function jsonReport(text: string): JsonReport {
  return JSON.parse(text) as JsonReport;
}

/** `eslint --format json` output. */
export function eslintResults(text: string): ESLint.LintResult[] {
  return JSON.parse(text) as ESLint.LintResult[];
}

/** A baseline file as `--update-baseline` writes it. */
export function readBaselineFile(path: string): Baseline {
  return JSON.parse(readFileSync(path, 'utf8')) as Baseline;
}

/** The parts of a SARIF 2.1.0 log the tests read; the whole log is checked against the schema. */
export interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    columnKind: string;
    tool: {
      driver: {
        name: string;
        rules: {
          id: string;
          shortDescription: { text: string };
          fullDescription: { text: string };
          help: { text: string; markdown: string };
          helpUri: string;
          defaultConfiguration: { level: string };
          properties: { tags: string[]; precision: string; 'security-severity': string };
        }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: unknown } }[];
      partialFingerprints: Record<string, string>;
      suppressions?: unknown[];
    }[];
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: { level: string; message: { text: string } }[];
    }[];
  }[];
}

export function sarifLog(text: string): SarifLog {
  return JSON.parse(text) as SarifLog;
}

/** A pg pool with verification off (fixable) and a real-looking hardcoded password. */
export const WEAK_JS = [
  "const { Pool } = require('pg');",
  "export const pool = new Pool({ host: 'db.example.com', password: 'Zq8#cli-PG-pass-2291', ssl: { rejectUnauthorized: false } });",
  '',
].join('\n');

export const CLEAN_JS = 'export const answer = 42;\n';

export const SECRETS = [
  'Zq8#cli-PG-pass-2291',
  'cli-PG-pass',
  'Zq8%23cli-URL-pass-8812',
  'Zq8#cli-URL-pass-8812',
  'cli-URL-pass',
];
