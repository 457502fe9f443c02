/**
 * The JSON contract (issue "secure-db scan", version 1): built field by field from the
 * scan result, so nothing else (no source, no internal data) can slip in.
 */
import type { Explanation, ScanResult, ScanResultEntry } from './result.js';
import type { ReportContext } from './types.js';

export interface JsonResult {
  ruleId: string;
  severity: 'error' | 'warning';
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  environment: string;
  docsUrl: string;
  fingerprint: string;
  fixable: boolean;
  /** With `--explain`. */
  explanation?: Explanation;
  suppressed?: { kind: 'inSource' | 'external'; justification: string };
}

export interface JsonReport {
  version: 1;
  tool: { name: string; version: string };
  results: JsonResult[];
  errors: { file: string; message: string }[];
}

function toJson(r: ScanResultEntry, withSuppression: boolean): JsonResult {
  const out: JsonResult = {
    ruleId: r.ruleId,
    severity: r.severity,
    message: r.message,
    file: r.file,
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    endColumn: r.endColumn,
    environment: r.environment,
    docsUrl: r.docsUrl,
    fingerprint: r.fingerprint,
    fixable: r.fixable,
  };
  if (r.explanation) {
    const { environment, because, loopback, driver } = r.explanation;
    out.explanation = {
      environment,
      ...(because !== undefined ? { because } : {}),
      loopback,
      ...(driver !== undefined ? { driver } : {}),
    };
  }
  if (withSuppression && r.suppression)
    out.suppressed = { kind: r.suppression.kind, justification: r.suppression.justification };
  return out;
}

export function buildJsonReport(result: ScanResult, context: ReportContext): JsonReport {
  const results = result.results.map((r) => toJson(r, false));
  if (context.includeSuppressed) {
    results.push(...result.suppressed.map((r) => toJson(r, true)));
    results.sort((a, b) =>
      a.file < b.file
        ? -1
        : a.file > b.file
          ? 1
          : a.line - b.line ||
            a.column - b.column ||
            (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
    );
  }
  return {
    version: 1,
    tool: { name: context.tool.name, version: context.tool.version },
    results,
    errors: result.errors.map((e) => ({ file: e.file, message: e.message })),
  };
}

export function formatJson(result: ScanResult, context: ReportContext): string {
  return JSON.stringify(buildJsonReport(result, context), null, 2) + '\n';
}
