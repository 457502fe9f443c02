/**
 * What a scan produces, in the shape of the JSON contract: the results, the diagnostics and
 * the baseline outcome. The scanner builds it; reporters, the CLI and embedders read it.
 * Nothing here holds source text except `sources`, which only the fix engine reads.
 */
import type { Environment, Finding } from '../core/model.js';
import type { Diagnostic, ReadSourceFile } from '../frontends/types.js';

/** The pseudo rule id of problems with inline directives (unused, unknown rule, no reason). */
export const DIRECTIVE_RULE_ID = 'secure-db/disable-directive';

const DOCS_ROOT_URL = 'https://github.com/secure-db/secure-db/blob/main/docs/';

/**
 * A baseline (ESLint's bulk-suppression format):
 * `{ "<posix path relative to cwd>": { "secure-db/<id>": { "count": n } } }`.
 */
export type Baseline = Record<string, Record<string, { count: number }>>;

export type ResultSeverity = 'error' | 'warning';

/** One reported problem, in the shape of the JSON contract (plus internal fields). */
export interface ScanResultEntry {
  /** `secure-db/<id>`, or the pseudo id `secure-db/disable-directive`. */
  ruleId: string;
  severity: ResultSeverity;
  message: string;
  /** POSIX, relative to `cwd`. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  environment: Environment;
  docsUrl: string;
  fingerprint: string;
  fixable: boolean;
  /** With `explain`: why the finding has its environment, loopback status and driver. */
  explanation?: Explanation;
  /** Set on entries in `ScanResult.suppressed`. */
  suppression?: { kind: 'inSource' | 'external'; justification: string };
}

/** The facts behind a finding's judgement (`secure-db scan --explain`, JSON `explanation`). */
export interface Explanation {
  environment: Environment;
  /** What states the environment (a branch, an environment-map key, the file name…); absent when nothing does. */
  because?: string;
  /** The connection goes to a loopback host or a Unix socket (quiet in the default profile). */
  loopback: boolean;
  /** The driver or tool whose behaviour the finding is judged by. */
  driver?: string;
}

export interface ScanDiagnostic extends Diagnostic {
  /**
   * `input`: unreadable, unparsable; `internal`: a front-end crashed (exit 2); `budget`: past
   * the size or time budget per file, not (fully) scanned (exit 2).
   */
  kind: 'input' | 'internal' | 'budget';
}

export interface ScanResult {
  cwd: string;
  /** Reported results, sorted by file, line, column, rule. */
  results: ScanResultEntry[];
  /** Results that an inline directive or the baseline suppressed. */
  suppressed: ScanResultEntry[];
  errors: ScanDiagnostic[];
  /** Files analysed (after discovery and filtering). */
  files: string[];
  /** Explicit files dropped by an ignore pattern. */
  ignored: string[];
  /** Path arguments that matched nothing. */
  missing: string[];
  baseline: {
    /** Absolute path, or null when the baseline is off. */
    path: string | null;
    /** Entries that were not used up (surplus counts). */
    unused: Baseline;
    /** The file was written (update or prune). */
    written: boolean;
  };
  /** Per file, the text as read and the findings not suppressed (only with `keepSources`). */
  sources?: Map<string, { source: ReadSourceFile; findings: Finding[] }>;
}

export function docsUrlFor(ruleId: string): string {
  if (ruleId === DIRECTIVE_RULE_ID) return `${DOCS_ROOT_URL}cli.md#inline-suppressions`;
  return `${DOCS_ROOT_URL}rules/${ruleId.replace(/^secure-db\//, '')}.md`;
}
