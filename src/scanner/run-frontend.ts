/**
 * One front-end on one file, as the scanner runs it: the front-end lowers the file into the
 * model, the core reads and judges it once, with fixes spelled by the front-end's printer.
 */
import { analyzeModel, isEmptyModel } from '../core/analysis.js';
import { javascriptPrinter } from '../core/fixes.js';
import type { Finding } from '../core/model.js';
import type { Diagnostic, Frontend, FrontendContext, SourceFile } from '../frontends/types.js';

export interface FrontendFindings {
  findings: Finding[];
  diagnostics: Diagnostic[];
}

export function runFrontend(
  frontend: Frontend,
  source: SourceFile,
  context: FrontendContext,
): FrontendFindings {
  const { model, diagnostics } = frontend.analyze(source, context);
  // Most files of a project lower into an empty model: nothing to classify or judge.
  if (isEmptyModel(model)) return { findings: [], diagnostics };
  const { findings } = analyzeModel(model, {
    file: context.file,
    options: context.options,
    project: context.project,
    printer: frontend.printer?.(source) ?? javascriptPrinter(source.text),
  });
  return { findings, diagnostics };
}
