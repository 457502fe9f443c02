/**
 * One analysis per file, shared by every rule (eslint-plugin-regexp's pattern): the first
 * rule that asks analyses the file; the others read the cached findings. Keyed on the
 * Program node, so nothing leaks between files or `--concurrency` workers.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { classifyFile } from '../core/environment.js';
import type { Finding, PolicyOptions } from '../core/model.js';
import { analyzeModel } from '../core/analysis.js';
import { javascriptPrinter } from '../core/fixes.js';
import { lowerEstree } from '../frontends/estree/analyze.js';
import { readSettings } from './settings.js';

const cache = new WeakMap<TSESTree.Program, Map<string, Finding[]>>();

export function findingsFor(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  overrides: Partial<PolicyOptions> = {},
): Finding[] {
  const sourceCode = context.sourceCode;
  const program = sourceCode.ast;
  const settings = readSettings(context.settings);
  const options: PolicyOptions = {
    profile: settings.profile,
    minimumSslmode: settings.minimumSslmode,
    minimumTlsVersion: 'TLSv1.2',
    ...overrides,
  };
  const key = JSON.stringify([options, settings.environments]);
  let perFile = cache.get(program);
  if (!perFile) {
    perFile = new Map();
    cache.set(program, perFile);
  }
  let findings = perFile.get(key);
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
    perFile.set(key, findings);
  }
  return findings;
}
