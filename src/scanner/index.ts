/** `eslint-plugin-secure-db/scanner`: the programmatic API of `secure-db scan`. */
export {
  scan,
  docsUrlFor,
  type ScanOptions,
  type SourceProvider,
  type ScanResult,
  type ScanResultEntry,
  type ScanDiagnostic,
  type ResultSeverity,
} from './scan.js';
export { isAutoFixable } from '../fix/apply-edits.js';
export {
  discover,
  BUILTIN_IGNORES,
  type DiscoverOptions,
  type DiscoverResult,
  type DiscoveredFile,
} from './discover.js';
export {
  readSource,
  decodeSource,
  MAX_FILE_BYTES,
  type ReadSourceFile,
  type ReadOutcome,
  type LineEnding,
} from './read-source.js';
export {
  applyDirectives,
  parseDirectives,
  DIRECTIVE_RULE_ID,
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
  type Baseline,
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
  ProjectFacts,
  SourceFile,
} from './types.js';
