/**
 * One analysis per file, shared by every rule (eslint-plugin-regexp's pattern), keyed on
 * the Program node, so nothing leaks between files or `--concurrency` workers.
 *
 * - The keyword gate first (issue 11), as in the scanner: a file whose text names no
 *   driver, TLS option, database URL or password costs one string scan, for all six rules
 *   together, and is never lowered.
 * - The lowering (the walk that builds the file's model) runs once per file, whichever
 *   rule asks first; only the judging runs again when rule options differ (the
 *   `min-tls-version` and `no-weak-sslmode` minimums), and once per set of options.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { FileModel } from '../core/analysis.js';
import { analyzeModel } from '../core/analysis.js';
import { classifyFile } from '../core/environment.js';
import { javascriptPrinter } from '../core/fixes.js';
import { mayConcernDatabases } from '../core/keywords.js';
import type { FileInfo, Finding, PolicyOptions } from '../core/model.js';
import { lowerEstree } from '../frontends/estree/analyze.js';
import { readSettings } from './settings.js';

interface FileAnalysis {
  /** The file's model by environment patterns (settings), lowered once each. */
  lowered: Map<string, { file: FileInfo; model: FileModel }>;
  /** Findings by policy options and environment patterns. */
  findings: Map<string, Finding[]>;
}

/** `null`: the file failed the keyword gate. */
const cache = new WeakMap<TSESTree.Program, FileAnalysis | null>();

export function findingsFor(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  overrides: Partial<PolicyOptions> = {},
): Finding[] {
  const sourceCode = context.sourceCode;
  const program = sourceCode.ast;
  let analysis = cache.get(program);
  if (analysis === undefined) {
    analysis = mayConcernDatabases(sourceCode.text, context.filename)
      ? { lowered: new Map(), findings: new Map() }
      : null;
    cache.set(program, analysis);
  }
  if (analysis === null) return [];

  const settings = readSettings(context.settings);
  const options: PolicyOptions = {
    profile: settings.profile,
    minimumSslmode: settings.minimumSslmode,
    minimumTlsVersion: 'TLSv1.2',
    ...overrides,
  };
  const environmentsKey = JSON.stringify(settings.environments);
  const key = JSON.stringify([options, environmentsKey]);
  let findings = analysis.findings.get(key);
  if (!findings) {
    let lowered = analysis.lowered.get(environmentsKey);
    if (!lowered) {
      const file = classifyFile(context.filename, settings.environments, context.cwd);
      const model = lowerEstree({
        program,
        text: sourceCode.text,
        comments: sourceCode.getAllComments(),
        file,
      });
      lowered = { file, model };
      analysis.lowered.set(environmentsKey, lowered);
    }
    findings = analyzeModel(lowered.model, {
      file: lowered.file,
      options,
      // The scanner's first pass (URL consumers across files) has no ESLint counterpart.
      project: { urlConsumers: new Map() },
      printer: javascriptPrinter(sourceCode.text),
    }).findings;
    analysis.findings.set(key, findings);
  }
  return findings;
}
