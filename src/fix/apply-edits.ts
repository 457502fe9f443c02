/**
 * Turns fix intents into new file text (POLICY "Fixes"): only safe fixes, never on a
 * development site, never a password; overlapping edits are left for the next run;
 * inserted line breaks follow the file's own line endings.
 */
import type { Finding, TextEdit } from '../core/model.js';

export interface FixPlan {
  output: string;
  /** Findings whose fix was applied. */
  applied: Finding[];
}

function detectEol(text: string): '\r\n' | '\n' {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

export function isAutoFixable(finding: Finding): boolean {
  return (
    finding.environment !== 'development' &&
    finding.ruleId !== 'no-hardcoded-credentials' &&
    finding.fixes.some((f) => f.safe && f.edits.length > 0)
  );
}

export function planFixes(text: string, findings: readonly Finding[]): FixPlan {
  const eol = detectEol(text);
  const chosen: { finding: Finding; edits: TextEdit[] }[] = [];
  const taken: [number, number][] = [];
  const overlaps = (a: readonly [number, number]) =>
    taken.some(
      ([s, e]) =>
        (a[0] < e && s < a[1]) ||
        (a[0] === a[1] && a[0] >= s && a[0] <= e) ||
        (s === e && s >= a[0] && s <= a[1]),
    );
  for (const finding of findings) {
    if (!isAutoFixable(finding)) continue;
    const fix = finding.fixes.find((f) => f.safe && f.edits.length > 0)!;
    if (fix.edits.some((e) => overlaps(e.range))) continue;
    // Two findings may carry the same edit (one value, two rules): apply it once.
    const fresh = fix.edits.filter(
      (e) =>
        !chosen.some((c) =>
          c.edits.some(
            (x) => x.range[0] === e.range[0] && x.range[1] === e.range[1] && x.text === e.text,
          ),
        ),
    );
    for (const e of fresh) taken.push([e.range[0], e.range[1]]);
    chosen.push({ finding, edits: fresh });
  }
  const edits = chosen
    .flatMap((c) => c.edits)
    .sort((a, b) => b.range[0] - a.range[0] || b.range[1] - a.range[1]);
  let output = text;
  for (const edit of edits) {
    const insert = eol === '\r\n' ? edit.text.replace(/\r?\n/g, '\r\n') : edit.text;
    output = output.slice(0, edit.range[0]) + insert + output.slice(edit.range[1]);
  }
  return { output, applied: chosen.map((c) => c.finding) };
}
