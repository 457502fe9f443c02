/**
 * The scanner's PostgreSQL server configuration front-end (DRIVERS.md §17):
 * `postgresql.conf` (and `postgresql.auto.conf`, `postgresql*.conf`, `conf.d/*.conf` under a
 * PostgreSQL directory) and `pg_hba.conf`. Both are line formats, read with small exact
 * tokenisers (quotes, `#` comments); see docs/formats/python-prisma-postgres.md.
 */
import type { FileModel } from '../../core/analysis.js';
import type { Range } from '../../core/model.js';
import type { HbaField } from '../../core/readers/pg-hba.js';
import type { ServerSetting } from '../../core/readers/pg-server.js';
import type { Frontend, FrontendOutput } from '../types.js';
import { remedyOnlyPrinter } from '../shared/printers.js';

type Kind = 'conf' | 'hba';

export function confKind(relativePath: string): Kind | undefined {
  if (!/\.conf$/i.test(relativePath)) return undefined; // cheap rejection: runs for every discovered file
  const segments = relativePath.replaceAll('\\', '/').toLowerCase().split('/');
  const base = segments.at(-1) ?? '';
  if (/^pg_hba(?:[._-][\w.-]*)?\.conf$/.test(base)) return 'hba';
  if (/^postgres(?:ql)?(?:[._-][\w.-]*)?\.conf$/.test(base)) return 'conf';
  if (
    base.endsWith('.conf') &&
    segments.at(-2) === 'conf.d' &&
    segments.slice(0, -2).some((s) => /^(?:postgres(?:ql)?|pg(?:sql)?)$/.test(s))
  )
    return 'conf';
  return undefined;
}

export const postgresConfFrontend: Frontend = {
  printer: () => remedyOnlyPrinter(() => 'keep it in a passfile (~/.pgpass)'),
  name: 'postgres-conf',
  commentToken: '#',
  matches: (path) => confKind(path) !== undefined,
  analyze(source): FrontendOutput {
    const kind = confKind(source.relativePath);
    if (source.text.includes('\u0000'))
      return {
        model: {},
        diagnostics: [
          {
            file: source.relativePath,
            message: 'Skipped: binary content (NUL bytes), not a configuration file',
          },
        ],
      };
    const model: FileModel =
      kind === 'hba'
        ? { hbaRecords: hbaRecords(source.text) }
        : {
            serverConfig: {
              settings: parseConf(source.text),
              mainFile: /(?:^|\/)postgresql\.conf$/i.test(
                source.relativePath.replaceAll('\\', '/'),
              ),
              start: firstLine(source.text),
            },
          };
    return { model, diagnostics: [] };
  },
};

// ── postgresql.conf ───────────────────────────────────────────────────────────

/** `name = value` / `name value`; `#` starts a comment outside quotes; `''` and `\'` escape a quote. */
export function parseConf(text: string): ServerSetting[] {
  const settings: ServerSetting[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const setting = parseConfLine(text, lineStart, lineEnd);
    if (setting) settings.push(setting);
    lineStart = lineEnd + 1;
  }
  return settings;
}

function parseConfLine(text: string, start: number, end: number): ServerSetting | undefined {
  let i = start;
  const skip = () => {
    while (i < end && /[ \t\r\f\v\uFEFF]/.test(text[i]!)) i++;
  };
  skip();
  const nameStart = i;
  while (i < end && /[A-Za-z0-9_.]/.test(text[i]!)) i++;
  if (i === nameStart) return undefined;
  const name = text.slice(nameStart, i).toLowerCase();
  const nameRange: Range = [nameStart, i];
  skip();
  if (text[i] === '=') {
    i++;
    skip();
  }
  if (i >= end || text[i] === '#') return undefined;
  if (text[i] === "'") {
    const valueStart = i;
    i++;
    let value = '';
    let verbatim = true;
    while (i < end) {
      const c = text[i]!;
      if (c === "'" && text[i + 1] === "'") {
        value += "'";
        verbatim = false;
        i += 2;
      } else if (c === '\\' && i + 1 < end) {
        value += text[i + 1]!;
        verbatim = false;
        i += 2;
      } else if (c === "'") {
        i++;
        break;
      } else {
        value += c;
        i++;
      }
    }
    return {
      name,
      nameRange,
      value,
      valueRange: [valueStart, i],
      contentStart: valueStart + 1,
      verbatim,
      quoted: true,
    };
  }
  const valueStart = i;
  while (i < end && !/[\s#]/.test(text[i]!)) i++;
  return {
    name,
    nameRange,
    value: text.slice(valueStart, i),
    valueRange: [valueStart, i],
    verbatim: true,
    quoted: false,
  };
}

/** The first line, where a missing `ssl` is reported. */
function firstLine(text: string): Range {
  const end = text.indexOf('\n');
  return [0, end === -1 ? text.length : end];
}

// ── pg_hba.conf ───────────────────────────────────────────────────────────────

/** Splits a pg_hba.conf record into fields: whitespace-separated, `"…"` quoted, `#` comments, `\` continuations. */
export function hbaRecords(text: string): HbaField[][] {
  const records: HbaField[][] = [];
  let fields: HbaField[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      if (fields.length > 0) records.push(fields);
      fields = [];
      i++;
    } else if (
      c === '\\' &&
      (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))
    ) {
      i += text[i + 1] === '\r' ? 3 : 2; // continuation
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
    } else {
      const start = i;
      let value = '';
      let quoted = false;
      while (i < n && !/\s/.test(text[i]!) && text[i] !== '#') {
        if (text[i] === '"') {
          quoted = true;
          i++;
          while (i < n && text[i] !== '"' && text[i] !== '\n') value += text[i++]!;
          if (text[i] === '"') i++;
        } else value += text[i++]!;
      }
      fields.push({ text: value, range: [start, i], quoted });
    }
  }
  if (fields.length > 0) records.push(fields);
  return records;
}
