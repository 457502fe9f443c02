/**
 * The one redaction pass over what a scan prints (POLICY "Output"; docs/reliability.md
 * "What is never printed"). Messages come from templates that hold masks only, but other
 * strings are built from source: parser errors, the `-- reason` of a suppression comment,
 * the context lines of a fix preview. Every one of them goes through the scan's
 * `SecretRedactor`, fed by every secret the scan found, before any reporter sees it.
 */
import { maskQuotedSecrets, SecretRedactor } from '../core/secrets.js';
import type { ScanDiagnostic, ScanResult, ScanResultEntry } from './result.js';

/** The redactor each scan result was built with (reporters and the CLI reuse it). */
const REDACTORS = new WeakMap<ScanResult, SecretRedactor>();

const NO_SECRETS = new SecretRedactor([]);

/**
 * `result` with every message, suppression reason and diagnostic redacted; diagnostics
 * (parser errors quote source) also lose any quoted fragment that looks like a secret,
 * found or not. The redactor is remembered for `redactText`.
 */
export function redactResult(result: ScanResult, redactor: SecretRedactor): ScanResult {
  const entry = (e: ScanResultEntry): ScanResultEntry => ({
    ...e,
    message: redactor.redact(e.message),
    ...(e.explanation?.because !== undefined
      ? { explanation: { ...e.explanation, because: redactor.redact(e.explanation.because) } }
      : {}),
    ...(e.suppression
      ? {
          suppression: {
            ...e.suppression,
            justification: redactor.redact(e.suppression.justification),
          },
        }
      : {}),
  });
  const diagnostic = (d: ScanDiagnostic): ScanDiagnostic => ({
    ...d,
    message: maskQuotedSecrets(redactor.redact(d.message)),
  });
  const redacted: ScanResult = {
    ...result,
    results: result.results.map(entry),
    suppressed: result.suppressed.map(entry),
    errors: result.errors.map(diagnostic),
  };
  REDACTORS.set(redacted, redactor);
  return redacted;
}

/**
 * Any text printed alongside `result` (a report, a fix preview), through the same
 * redactor: the last line of defence, also for spellings a reporter produced (JSON
 * escapes, percent-encoding).
 */
export function redactText(result: ScanResult, text: string): string {
  return (REDACTORS.get(result) ?? NO_SECRETS).redact(text);
}

/** Keeps the redactor of `from` for a result derived from it (filtered, re-sorted). */
export function carryRedactor(from: ScanResult, to: ScanResult): ScanResult {
  const redactor = REDACTORS.get(from);
  if (redactor) REDACTORS.set(to, redactor);
  return to;
}
