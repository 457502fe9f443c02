/**
 * The cross-file pass, as the scanner runs it: the typescript front-end composes driver
 * sites across modules (frontends/typescript/cross-file.ts); this reads and judges them in
 * the core, then brings each finding, and each URL a site judged, back to its own file.
 */
import { judgeReading, readModel } from '../core/analysis.js';
import { javascriptPrinter } from '../core/fixes.js';
import type { Finding, Range } from '../core/model.js';
import type { Verdict } from '../core/verdicts.js';
import { lowerCrossFile, type CrossFileContext } from '../frontends/typescript/cross-file.js';
import {
  baseOf,
  localFinding,
  locate,
  shiftRange,
} from '../frontends/typescript/virtual-ranges.js';
import type { SourceFile } from '../frontends/types.js';

export interface CrossFileResult {
  /** Findings keyed by the relative path of the file their range lies in. */
  findings: Map<string, Finding[]>;
  /** Per file: URL literals judged with their consumer's semantics (replace the per-file verdicts). */
  claimedUrls: Map<string, Range[]>;
  /** Per consumer file: driver call ranges whose imported config was resolved. */
  resolvedCalls: Map<string, Range[]>;
}

export async function analyzeCrossFile(
  sources: readonly SourceFile[],
  context: CrossFileContext,
): Promise<Map<string, Finding[]>> {
  return (await analyzeCrossFileDetailed(sources, context)).findings;
}

/** Asynchronous for embedders: the pass itself no longer awaits anything (no TypeScript load). */
export function analyzeCrossFileDetailed(
  sources: readonly SourceFile[],
  context: CrossFileContext,
): Promise<CrossFileResult> {
  return Promise.resolve(crossFileResult(sources, context));
}

function crossFileResult(
  sources: readonly SourceFile[],
  context: CrossFileContext,
): CrossFileResult {
  const model = lowerCrossFile(sources, context);
  const result: CrossFileResult = {
    findings: new Map(),
    claimedUrls: new Map(),
    resolvedCalls: model.resolvedCalls,
  };
  if (model.sites.length === 0) return result;
  // Values of several files meet in one site; fixes spell values as JavaScript does.
  const printer = javascriptPrinter();
  const reading = readModel(
    { sites: model.sites },
    {
      environment: 'unknown',
      options: context.options,
      project: { urlConsumers: new Map() },
      printer,
    },
  );
  const byFile = new Map<number, Verdict[]>();
  for (const verdict of reading.verdicts) {
    const { index } = locate(verdict.range[0]);
    byFile.set(index, [...(byFile.get(index) ?? []), verdict]);
  }
  for (const [index, verdicts] of [...byFile].sort((a, b) => a[0] - b[0])) {
    const file = model.fileAt(index);
    if (!file) continue;
    const findings = judgeReading(
      { verdicts, passwords: [] },
      { file: context.fileInfo(file), options: context.options, printer },
    ).map((f) => localFinding(f, index));
    if (findings.length > 0) result.findings.set(file, findings);
  }
  for (const range of reading.claimedUrls) {
    const { index } = locate(range[0]);
    const file = model.fileAt(index);
    if (!file) continue;
    const list = result.claimedUrls.get(file) ?? [];
    list.push(shiftRange(range, -baseOf(index)));
    result.claimedUrls.set(file, list);
  }
  return result;
}
