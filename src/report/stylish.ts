/**
 * ESLint's `stylish`, for secure-db results (relative paths; colour only when asked). File
 * names and messages come from the scanned project: their control characters are escaped
 * (terminal-text.ts), so only our own colour codes reach the terminal.
 */
import type { ScanResult } from './result.js';
import { escapeTerminalText as safe } from './terminal-text.js';
import type { ReportContext } from './types.js';

const codes = {
  bold: [1, 22],
  dim: [2, 22],
  underline: [4, 24],
  red: [31, 39],
  yellow: [33, 39],
} as const;
type Style = keyof typeof codes;

function painter(enabled: boolean) {
  return (style: Style, text: string) =>
    enabled ? `\u001b[${codes[style][0]}m${text}\u001b[${codes[style][1]}m` : text;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatStylish(result: ScanResult, context: ReportContext): string {
  const paint = painter(context.color);
  let out = '';
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  const byFile = new Map<string, typeof result.results>();
  for (const r of result.results) {
    const list = byFile.get(r.file);
    if (list) list.push(r);
    else byFile.set(r.file, [r]);
  }
  for (const [file, list] of byFile) {
    const rows = list.map((r) => {
      if (r.severity === 'error') {
        errors++;
        if (r.fixable) fixableErrors++;
      } else {
        warnings++;
        if (r.fixable) fixableWarnings++;
      }
      return {
        where: `${r.line}:${r.column}`,
        severity: r.severity,
        message: safe(r.message.replace(/([^ ])\.$/u, '$1')),
        rule: safe(r.ruleId),
      };
    });
    const w = Math.max(...rows.map((r) => r.where.length));
    const s = Math.max(...rows.map((r) => r.severity.length));
    const m = Math.max(...rows.map((r) => r.message.length));
    out += `\n${paint('underline', safe(file))}\n`;
    for (const r of rows) {
      const sev =
        r.severity === 'error'
          ? paint('red', r.severity.padEnd(s))
          : paint('yellow', r.severity.padEnd(s));
      out += `  ${paint('dim', r.where.padEnd(w))}  ${sev}  ${r.message.padEnd(m)}  ${paint('dim', r.rule)}\n`;
    }
  }
  if (result.errors.length) {
    out += `\n${paint('bold', 'Not fully scanned:')}\n`;
    for (const e of result.errors)
      out += `  ${e.file ? `${paint('underline', safe(e.file))}  ` : ''}${safe(e.message)}\n`;
  }
  const total = errors + warnings;
  if (total > 0) {
    const colour: Style = errors > 0 ? 'red' : 'yellow';
    out += `\n${paint(colour, paint('bold', `\u2716 ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`))}\n`;
    if (fixableErrors + fixableWarnings > 0 && !context.fixUnavailable) {
      out += `${paint(colour, paint('bold', `  ${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`))}\n`;
    }
  }
  return total > 0 || result.errors.length ? out + '\n' : '';
}
