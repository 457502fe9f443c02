/**
 * One analysis per file, shared by every rule (eslint-plugin-regexp's pattern), keyed on
 * the Program node, so nothing leaks between files or `--concurrency` workers.
 *
 * - The keyword gate first (issue 11), as in the scanner: a file whose text names no
 *   driver, TLS option, database URL or password costs one string scan, for all six rules
 *   together, and is never lowered. A file that passes only because it imports from a
 *   driver module, and imports nothing a driver call or a typed config could come from
 *   (TypeORM's `Entity`, `Repository`, `MigrationInterface`: most of an application's
 *   database-related files), is not lowered either (`mayReachDriverCall`).
 * - The lowering (the walk that builds the file's model) runs once per file, whichever
 *   rule asks first; only the judging runs again when rule options differ (the
 *   `min-tls-version` and `no-weak-sslmode` minimums), and once per set of options.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { FileModel } from '../core/analysis.js';
import { analyzeModel } from '../core/analysis.js';
import { DRIVER_MODULES } from '../core/drivers/table.js';
import { classifyFile } from '../core/environment.js';
import { javascriptPrinter } from '../core/fixes.js';
import { mayConcernDatabases, mayConcernDatabasesBeyondDriverModules } from '../core/keywords.js';
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
    analysis = mayHoldFinding(sourceCode.text, context.filename, program)
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

/**
 * Words a finding may rest on other than a driver call: passwords and secrets (a literal
 * fallback of `DB_PASS`, a `pwd` key), TLS and certificate settings, authentication
 * options, connection strings, sequelize-cli's config shape. Broader than the keyword
 * gate on purpose: a file with any of them is lowered as before.
 */
const BEYOND_DRIVER_CALLS =
  /pass|pwd|pw\b|secret|ssl|tls|encrypt|trust|cert|auth|cipher|dialect|use_env_variable|:\/\//i;

/** The keyword gate, narrowed for a file that passes it only through inert driver imports. */
function mayHoldFinding(text: string, filename: string, program: TSESTree.Program): boolean {
  if (!mayConcernDatabases(text, filename)) return false;
  if (mayConcernDatabasesBeyondDriverModules(text, filename) || BEYOND_DRIVER_CALLS.test(text))
    return true;
  // `require('pg')`, `import('pg')`, `import pg = require('pg')`: not read below.
  if (/\b(?:require|import)\s*\(/.test(text)) return true;
  return program.body.some(mayReachDriverCall);
}

/**
 * Whether a top-level statement binds something a driver site can come from: the module
 * itself (default or namespace import), an export that a driver-table call starts from
 * (`DataSource`, `Pool`, `TypeOrmModule`) or a config type (`DataSourceOptions`). A
 * re-export of a driver module counts too (conservatively).
 */
function mayReachDriverCall(statement: TSESTree.ProgramStatement): boolean {
  if (statement.type === 'ExportAllDeclaration' || statement.type === 'ExportNamedDeclaration')
    return statement.source !== null && DRIVER_MODULES.has(statement.source.value);
  if (statement.type !== 'ImportDeclaration') return false;
  const row = DRIVER_MODULES.get(statement.source.value);
  if (!row) return false;
  return statement.specifiers.some((specifier) => {
    if (specifier.type !== 'ImportSpecifier') return true;
    const name =
      specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
    return (
      name === 'default' ||
      row.calls.some((call) => call.path[0] === name) ||
      (row.configTypes ?? []).some((type) => type[0] === name)
    );
  });
}
