/**
 * One analysis per file, shared by every rule (eslint-plugin-regexp's pattern), keyed on
 * the Program node, so nothing leaks between files or `--concurrency` workers.
 *
 * - The keyword gate first (issue 11), as in the scanner: a file whose text names no
 *   driver, TLS option, database URL or password costs one string scan, for all six rules
 *   together, and is never lowered.
 * - Then one analysis per file and set of options, whichever rule asks first: with the
 *   default options, one for all six rules; a rule option that changes a minimum
 *   (`min-tls-version`, `no-weak-sslmode`) gets its own, lowered afresh, since reading a
 *   model marks what its sites claimed.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { analyzeModel } from '../core/analysis.js';
import { classifyFile } from '../core/environment.js';
import { javascriptPrinter } from '../core/fixes.js';
import { mayConcernDatabases } from '../core/keywords.js';
import type { Finding, PolicyOptions } from '../core/model.js';
import { lowerEstree } from '../frontends/estree/analyze.js';
import { readSettings } from './settings.js';

interface FileAnalysis {
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
      ? { findings: new Map() }
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
  const key = JSON.stringify([options, settings.environments]);
  let findings = analysis.findings.get(key);
  if (!findings) {
    const file = classifyFile(context.filename, settings.environments, context.cwd);
    const model = lowerEstree({
      program,
      text: sourceCode.text,
      comments: sourceCode.getAllComments(),
      file,
    });
    findings = analyzeModel(model, {
      file,
      options,
      // The scanner's first pass (URL consumers across files) has no ESLint counterpart.
      project: { urlConsumers: new Map() },
      printer: javascriptPrinter(sourceCode.text),
    }).findings;
    analysis.findings.set(key, findings);
  }
  return findings;
}
