/**
 * Real ESLint (9 and 10) in a child process with the built plugin (eslint-runner.mjs), and
 * the scanner on the same files, for the languages' tests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { scan, type ScanOptions, type ScanResult } from '../../src/scanner/index.js';
import { FRONTENDS } from '../../src/scanner/frontends.js';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
const RUNNER = join(import.meta.dirname, 'eslint-runner.mjs');
const PLUGIN_ENTRY = join(REPO_ROOT, 'dist', 'src', 'plugin', 'index.js');

export const ESLINT_VERSIONS = [
  { name: 'ESLint 10', module: 'eslint' },
  { name: 'ESLint 9', module: 'eslint-v9' },
] as const;

export interface EslintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  fix?: { range: [number, number]; text: string };
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[];
}

export interface EslintJob {
  cwd: string;
  config: 'recommended-all-files' | 'strict-all-files' | 'recommended' | 'strict' | 'file';
  files?: string[];
  text?: string;
  filePath?: string;
  settings?: Record<string, unknown>;
  fix?: boolean;
  concurrency?: number;
}

export interface EslintAnswer {
  error?: string;
  results?: { file: string; messages: EslintMessage[]; output?: string }[];
}

/** Runs the jobs in one child process of the given ESLint. */
export function runEslint(module: string, jobs: EslintJob[]): EslintAnswer[] {
  if (!existsSync(PLUGIN_ENTRY))
    throw new Error(`${PLUGIN_ENTRY} is missing: run \`npm run build\` first (\`npm test\` does).`);
  const out = execFileSync(process.execPath, [RUNNER], {
    input: JSON.stringify({ eslint: module, jobs }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as EslintAnswer[];
}

/** `rule line:column-endLine:endColumn message`: what a user sees of a finding. */
export function key(m: {
  ruleId: string | null;
  line: number;
  column: number;
  endLine?: number | undefined;
  endColumn?: number | undefined;
  message: string;
}): string {
  return `${m.ruleId ?? '(fatal)'} ${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.message}`;
}

/** The scanner's findings per file (ruleId `secure-db/<id>`; directive warnings left out). */
export function scannerFindings(result: ScanResult): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  for (const r of result.results) {
    if (r.ruleId === 'secure-db/disable-directive') continue;
    byFile.set(r.file, [...(byFile.get(r.file) ?? []), key(r)]);
  }
  for (const list of byFile.values()) list.sort();
  return byFile;
}

export async function scanFiles(
  cwd: string,
  paths: string[],
  options: Omit<ScanOptions, 'cwd' | 'paths'> = {},
): Promise<ScanResult> {
  return scan({ cwd, paths, baseline: false, ...options });
}

/** Files of `dir` that a non-JavaScript front-end of the scanner reads (POSIX, relative). */
export function languageFiles(dir: string): string[] {
  const frontends = FRONTENDS.filter((f) => f.name !== 'estree');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => f.replaceAll('\\', '/'))
    .filter((f) => !f.split('/').includes('node_modules') && statSync(join(dir, f)).isFile())
    .filter((f) => frontends.some((fe) => fe.matches(f)))
    .sort();
}
