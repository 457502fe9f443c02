/**
 * The scanner's Prisma schema front-end: `schema.prisma` and `*.prisma` files.
 *
 * A small hand parser for the part of the Prisma Schema Language that matters here
 * (DRIVERS.md §8): `datasource NAME { provider = "…"; url = "…" | env("NAME"); directUrl;
 * shadowDatabaseUrl }`, with `//` and `/* … *\/` comments and string escapes, and exact
 * offsets. Each URL field becomes a datasource entry of the model (read with Prisma's own
 * semantics in the core); `env("NAME")` tells the first pass that NAME is read by Prisma.
 */
import { commentSecrets } from '../../core/connection-strings.js';
import type { PasswordCandidate } from '../../core/credentials.js';
import type { LiteralValue, Range } from '../../core/model.js';
import {
  datasourceSemantics,
  type Datasource as DatasourceEntry,
} from '../../core/readers/prisma-schema.js';
import type { Frontend, FrontendOutput, ProjectFacts } from '../types.js';
import { remedyOnlyPrinter } from '../shared/printers.js';

const URL_FIELDS = new Set(['url', 'directUrl', 'shadowDatabaseUrl']);

type Token =
  | { kind: 'ident'; text: string; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number; verbatim: boolean }
  | { kind: 'punct'; text: string; start: number; end: number }
  | { kind: 'newline'; start: number; end: number }
  | { kind: 'comment'; text: string; start: number; end: number };

/** Tokens of a schema; never throws, linear in the input. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      tokens.push({ kind: 'newline', start: i, end: i + 1 });
      i++;
    } else if (
      c === ' ' ||
      c === '\t' ||
      c === '\r' ||
      c === '\f' ||
      c === '\v' ||
      c === '\uFEFF'
    ) {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      tokens.push({ kind: 'comment', text: text.slice(i, stop), start: i, end: stop });
      i = stop;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      tokens.push({ kind: 'comment', text: text.slice(i, stop), start: i, end: stop });
      i = stop;
    } else if (c === '"') {
      let j = i + 1;
      let value = '';
      let verbatim = true;
      while (j < n && text[j] !== '"' && text[j] !== '\n') {
        if (text[j] === '\\' && j + 1 < n) {
          verbatim = false;
          const e = text[j + 1]!;
          if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) {
            value += String.fromCharCode(parseInt(text.slice(j + 2, j + 6), 16));
            j += 6;
            continue;
          }
          value +=
            ({ n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' } as Record<string, string>)[e] ?? e;
          j += 2;
          continue;
        }
        value += text[j]!;
        j++;
      }
      const end = j < n && text[j] === '"' ? j + 1 : j;
      tokens.push({ kind: 'string', value, start: i, end, verbatim });
      i = end;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_\-.]/.test(text[j]!)) j++;
      tokens.push({ kind: 'ident', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else {
      tokens.push({ kind: 'punct', text: c, start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

interface DatasourceField {
  key: string;
  keyRange: Range;
  /** A string literal value. */
  literal?: LiteralValue;
  /** `env("NAME")`. */
  env?: { name: string; range: Range };
  range: Range;
}

export interface Datasource {
  name: string;
  range: Range;
  fields: DatasourceField[];
}

/** The datasource blocks of a schema; other blocks are skipped. */
export function parseDatasources(text: string): { datasources: Datasource[]; comments: Token[] } {
  const all = tokenize(text);
  const comments = all.filter((t) => t.kind === 'comment');
  const tokens = all.filter((t) => t.kind !== 'comment');
  const datasources: Datasource[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const name = tokens[i + 1];
    const open = tokens[i + 2];
    if (
      t.kind === 'ident' &&
      name?.kind === 'ident' &&
      open?.kind === 'punct' &&
      open.text === '{'
    ) {
      // Find the block's end, honouring nested braces.
      let depth = 1;
      let j = i + 3;
      for (; j < tokens.length && depth > 0; j++) {
        const u = tokens[j]!;
        if (u.kind === 'punct' && u.text === '{') depth++;
        else if (u.kind === 'punct' && u.text === '}') depth--;
      }
      if (t.text === 'datasource') {
        const body = tokens.slice(i + 3, depth === 0 ? j - 1 : j);
        datasources.push({
          name: name.text,
          range: [t.start, tokens[j - 1]?.end ?? text.length],
          fields: parseFields(body),
        });
      }
      i = j;
      continue;
    }
    i++;
  }
  return { datasources, comments };
}

function parseFields(body: Token[]): DatasourceField[] {
  const fields: DatasourceField[] = [];
  // Split into lines: one `key = value` per line.
  let line: Token[] = [];
  const flush = () => {
    const [key, eq, ...value] = line;
    line = [];
    if (key?.kind !== 'ident' || eq?.kind !== 'punct' || eq.text !== '=' || value.length === 0)
      return;
    const first = value[0]!;
    const last = value.at(-1)!;
    const field: DatasourceField = {
      key: key.text,
      keyRange: [key.start, key.end],
      range: [key.start, last.end],
    };
    if (first.kind === 'string' && value.length === 1) {
      field.literal = {
        kind: 'literal',
        value: first.value,
        range: [first.start, first.end],
        contentStart: first.start + 1,
        ...(first.verbatim ? { verbatim: true } : {}),
      };
    } else if (
      first.kind === 'ident' &&
      first.text === 'env' &&
      value[1]?.kind === 'punct' &&
      value[1].text === '(' &&
      value[2]?.kind === 'string'
    ) {
      field.env = { name: value[2].value, range: [first.start, last.end] };
    }
    fields.push(field);
  };
  for (const t of body) {
    if (t.kind === 'newline') flush();
    else line.push(t);
  }
  flush();
  return fields;
}

export const prismaFrontend: Frontend = {
  printer: () => remedyOnlyPrinter((name) => `read the URL with env("${name}")`),
  name: 'prisma',
  commentToken: '//',
  matches: (path) => path.endsWith('.prisma'),
  collectFacts(source, facts: ProjectFacts) {
    if (!source.text.includes('datasource')) return;
    for (const ds of parseDatasources(source.text).datasources) {
      const provider = ds.fields.find((f) => f.key === 'provider')?.literal?.value;
      const semantics = datasourceSemantics(typeof provider === 'string' ? provider : undefined);
      if (!semantics) continue;
      for (const f of ds.fields) {
        if (URL_FIELDS.has(f.key) && f.env)
          facts.urlConsumers.set(f.env.name, { semantics, driver: 'Prisma' });
      }
    }
  },
  analyze(source, context): FrontendOutput {
    const text = source.text;
    if (text.includes('\u0000'))
      return {
        model: {},
        diagnostics: [
          {
            file: source.relativePath,
            message: 'Skipped: binary content (NUL bytes), not a Prisma schema',
          },
        ],
      };
    const { datasources, comments } = parseDatasources(text);
    const entries: DatasourceEntry[] = [];
    for (const ds of datasources) {
      const provider = ds.fields.findLast((f) => f.key === 'provider')?.literal?.value;
      for (const field of ds.fields) {
        if (!URL_FIELDS.has(field.key)) continue;
        const literal = field.literal;
        entries.push({
          name: ds.name,
          key: field.key,
          ...(typeof provider === 'string' ? { provider } : {}),
          ...(field.env ? { env: field.env } : {}),
          ...(!field.env && literal ? { literal } : {}),
          // The shadow database is only used by `prisma migrate dev` (DRIVERS §8).
          environment: field.key === 'shadowDatabaseUrl' ? 'development' : context.file.environment,
        });
      }
    }
    const passwords: PasswordCandidate[] = [];
    for (const comment of comments) {
      if (comment.kind !== 'comment') continue;
      passwords.push(...commentSecrets(comment.text, comment.start, context.file.environment));
    }
    return { model: { datasources: entries, passwords }, diagnostics: [] };
  },
};
