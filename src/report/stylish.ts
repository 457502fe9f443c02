/**
 * ESLint's `stylish`, for secure-db results (relative paths; colour only when asked). File
 * names and messages come from the scanned project: their control characters are escaped
 * (terminal-text.ts), so only our own colour codes reach the terminal.
 */
import type { Explanation, ScanResult } from './result.js';
import { hasEscapedBytes } from './file-names.js';
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
    const indent = 2 + w + 2 + s + 2;
    // Wrapped only when the widest row does not fit the terminal.
    const wrap =
      context.width !== undefined &&
      indent + m + 2 + Math.max(...rows.map((r) => r.rule.length)) > context.width;
    out += `\n${paint('underline', safe(file))}\n`;
    for (const [i, r] of rows.entries()) {
      const sev =
        r.severity === 'error'
          ? paint('red', r.severity.padEnd(s))
          : paint('yellow', r.severity.padEnd(s));
      const head = `  ${paint('dim', r.where.padEnd(w))}  ${sev}  `;
      if (wrap) {
        const lines = wrapText(r.message, r.rule, context.width! - indent);
        out +=
          head +
          lines.map((l) => paintRule(l, r.rule, paint)).join(`\n${' '.repeat(indent)}`) +
          '\n';
      } else out += `${head}${r.message.padEnd(m)}  ${paint('dim', r.rule)}\n`;
      const explanation = list[i]!.explanation;
      if (explanation) {
        const why = `why: ${safe(describeExplanation(explanation))}`;
        const lines =
          context.width !== undefined ? wrapText(why, '', context.width - indent) : [why];
        for (const line of lines) out += `${' '.repeat(indent)}${paint('dim', line)}\n`;
      }
    }
  }
  // The lines after the results wrap too, in a terminal: `prefix` starts the first line,
  // the next ones are indented as deep (each line styled as a whole, as before wrapping).
  const block = (prefix: string, text: string, style: (line: string) => string = (l) => l) => {
    const lines =
      context.width !== undefined ? wrapText(text, '', context.width - prefix.length) : [text];
    const indent = ' '.repeat(prefix.length);
    return lines.map((line, i) => `${style(`${i === 0 ? prefix : indent}${line}`)}\n`).join('');
  };
  if (result.errors.length) {
    out += `\n${paint('bold', 'Not fully scanned:')}\n`;
    for (const e of result.errors) {
      const file = e.file ? safe(e.file) : '';
      const message = safe(e.message);
      const oneLine = `  ${file ? `${file}  ` : ''}${message}`;
      if (!file) out += block('  ', message);
      else if (context.width === undefined || oneLine.length <= context.width)
        out += `  ${paint('underline', file)}  ${message}\n`;
      // Too long for the terminal: the file, then the message under it.
      else out += `  ${paint('underline', file)}\n${block('    ', message)}`;
    }
  }
  // Said once, so `\xff` in a name is not taken for four characters of it.
  const names = [...byFile.keys(), ...result.errors.map((e) => e.file)];
  if (names.some(hasEscapedBytes))
    out += `\n${paint('dim', 'A file name that is not valid UTF-8 shows each such byte as \\xNN.')}\n`;
  const total = errors + warnings;
  if (total > 0) {
    const colour: Style = errors > 0 ? 'red' : 'yellow';
    const strong = (line: string) => paint(colour, paint('bold', line));
    out += `\n${block('', `\u2716 ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`, strong)}`;
    if (fixableErrors + fixableWarnings > 0 && !context.fixUnavailable)
      out += block(
        '  ',
        `${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`,
        strong,
      );
  }
  return total > 0 || result.errors.length ? out + '\n' : '';
}

/**
 * A message wrapped at word boundaries into lines of at most `width` characters (at least
 * 20: a narrow terminal still gets readable lines), the rule id after it on the last line,
 * or alone on a line when it does not fit there. A word longer than a line is cut.
 */
export function wrapText(message: string, rule: string, width: number): string[] {
  const max = Math.max(20, width);
  const lines: string[] = [];
  let line = '';
  for (let word of message.split(' ')) {
    while (word.length > max) {
      if (line) lines.push(line);
      lines.push(word.slice(0, max));
      word = word.slice(max);
      line = '';
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= max) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (!rule) return [...lines, line];
  if (line.length + 2 + rule.length <= max) return [...lines, `${line}  ${rule}`];
  return [...lines, line, rule];
}

/** The rule id at the end of a wrapped line, dimmed like the unwrapped layout. */
function paintRule(line: string, rule: string, paint: ReturnType<typeof painter>): string {
  if (line === rule) return paint('dim', rule);
  return line.endsWith(`  ${rule}`) ? `${line.slice(0, -rule.length)}${paint('dim', rule)}` : line;
}

/** `production (file name \`config/production.js\`); not loopback; driver node-postgres (pg)`. */
export function describeExplanation(e: Explanation): string {
  const environment =
    e.environment === 'unknown'
      ? 'environment not stated, so treated as production'
      : `${e.environment} (${e.because ?? 'stated by the code'})`;
  const loopback = e.loopback ? 'loopback host' : 'not a loopback host';
  return [environment, loopback, ...(e.driver ? [`driver ${e.driver}`] : [])].join('; ');
}
