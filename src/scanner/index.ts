/**
 * `eslint-plugin-secure-db/scanner`: the programmatic API of `secure-db scan`.
 *
 * - `scan(options)` scans a project and returns a `ScanResult` (results, suppressed results,
 *   diagnostics, the baseline outcome); with `changes` (from `changesSince`) it reports only
 *   what changed since a git revision, and with `newOnly` only changed lines.
 * - `fixProject({ ...options, mode })` is `--fix` (`mode: 'write'`) and `--fix-dry-run`
 *   (`mode: 'dry-run'`): it plans the fixes, writes them or returns them as a masked diff,
 *   and returns the result left to report, scanned again after writing.
 * - `REPORTERS` turn a result into each output format.
 */
export { scan, type ScanOptions, type SourceProvider } from './scan.js';
export { fixProject, type FixProjectOptions, type FixProjectResult } from './fix-project.js';
export { changesSince, type Changes } from './git-changes.js';
export { GitError } from './git.js';
export {
  docsUrlFor,
  DIRECTIVE_RULE_ID,
  type Baseline,
  type ScanResult,
  type ScanResultEntry,
  type ScanDiagnostic,
  type ResultSeverity,
} from '../report/result.js';
export { isAutoFixable } from '../fix/apply-edits.js';
export {
  discover,
  BUILTIN_IGNORES,
  type DiscoverOptions,
  type DiscoverResult,
  type DiscoveredFile,
} from './discover.js';
export { readSource, decodeSource, MAX_FILE_BYTES, type ReadOutcome } from './read-source.js';
export {
  applyDirectives,
  parseDirectives,
  type Directive,
  type DirectiveProblem,
} from './suppressions.js';
export {
  applyBaseline,
  readBaseline,
  pruneBaseline,
  updateBaseline,
  serializeBaseline,
  BaselineError,
  DEFAULT_BASELINE_FILE,
} from './baseline.js';
export { availableFrontends, frontendsFor } from './frontends.js';
export {
  REPORTERS,
  FORMATS,
  buildJsonReport,
  buildSarif,
  type Format,
  type JsonReport,
  type JsonResult,
  type ReportContext,
  type Reporter,
} from '../report/index.js';
export type {
  Diagnostic,
  Frontend,
  FrontendContext,
  FrontendOutput,
  LineEnding,
  ProjectFacts,
  ReadSourceFile,
  SourceFile,
} from '../frontends/types.js';
