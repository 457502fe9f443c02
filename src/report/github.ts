/**
 * GitHub Actions workflow commands, escaped as `@actions/core` does: data `%` `\r` `\n`;
 * properties additionally `:` and `,`. Before that, every other control character (ESC,
 * NUL, C1, DEL, bidi controls) and each byte of a file name that is not UTF-8 is made a
 * visible escape (`\x1b`, `\u202e`, `\xff`), as in stylish: the Actions log renders ANSI
 * sequences, and a file name or message comes from the scanned project.
 */
import type { ScanResult } from './result.js';
import { escapeTerminalText } from './terminal-text.js';

export function escapeData(value: string): string {
  // `\r` and `\n` keep the escapes the runner decodes; the other controls become visible.
  return value
    .replace(/[^\r\n]+/g, escapeTerminalText)
    .replaceAll('%', '%25')
    .replaceAll('\r', '%0D')
    .replaceAll('\n', '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

function command(
  name: string,
  properties: Record<string, string | number | undefined>,
  message: string,
): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

export function formatGithub(result: ScanResult): string {
  const lines: string[] = [];
  for (const r of result.results) {
    lines.push(
      command(
        r.severity === 'error' ? 'error' : 'warning',
        {
          file: r.file,
          line: r.line,
          endLine: r.endLine,
          col: r.column,
          endColumn: r.endColumn,
          title: r.ruleId,
        },
        r.message,
      ),
    );
  }
  for (const e of result.errors) {
    lines.push(
      command(
        e.kind === 'input' ? 'warning' : 'error',
        { file: e.file || undefined, title: 'secure-db' },
        e.message,
      ),
    );
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
