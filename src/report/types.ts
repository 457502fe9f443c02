/** What every reporter receives. Reporters read only `ScanResult` fields: never source text. */
import type { ScanResult } from './result.js';

export interface ReportContext {
  tool: { name: string; version: string };
  /** ANSI colours (stylish only). */
  color: boolean;
  /** Also emit suppressed results (JSON `suppressed`, SARIF `suppressions`). */
  includeSuppressed?: boolean;
  /** Terminal columns (stylish wraps its messages to them); absent: no wrapping. */
  width?: number;
  /** `--fix` cannot run for this scan (`--staged` judges the index): no "fixable" hint. */
  fixUnavailable?: boolean;
}

export type Reporter = (result: ScanResult, context: ReportContext) => string;
