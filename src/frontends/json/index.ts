/**
 * The JSON front-end: sequelize-cli `config/config.json` (an environment map), TypeORM
 * `ormconfig.json` (one connection or an array of named ones), and connection-shaped
 * objects in other `config/*.json` files (node-config's `config/production.json`).
 *
 * Positions come from jsonc-parser's `parseTree` (offsets for every node); the tree is
 * lowered into the model's ObjectValues: config entries of a known driver become sites, read
 * through the driver table like a JS config module (`../shared/config.ts`, shared with YAML).
 */
import { createRequire } from 'node:module';
import type * as JsoncParser from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import type { Property, Value } from '../../core/model.js';
import { getValue, stringOf } from '../../core/values.js';
import { classifyEnvironmentName, isEnvironmentKey } from '../../core/vocabulary.js';
import { isEnvironmentMapValue } from '../../core/environment.js';
import { jsonPrinter } from '../shared/printers.js';
import { ConfigModel } from '../shared/config.js';
import type { Frontend, FrontendOutput, ProjectFacts, SourceFile } from '../types.js';

// jsonc-parser is loaded with the first JSON file: most scans (a pre-commit run) read none.
const requireModule = createRequire(import.meta.url);
let jsonc: typeof JsoncParser | undefined;

// ── JSON lowering ─────────────────────────────────────────────────────────────

/** jsonc-parser node → model Value, with exact ranges. */
function jsonToValue(node: JsonNode, text: string): Value {
  const range: [number, number] = [node.offset, node.offset + node.length];
  switch (node.type) {
    case 'object': {
      const properties: Property[] = [];
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        if (!k || !v || typeof k.value !== 'string') continue;
        properties.push({
          key: k.value,
          keyRange: [k.offset, k.offset + k.length],
          value: jsonToValue(v, text),
          range: [p.offset, p.offset + p.length],
        });
      }
      return { kind: 'object', properties, open: false, range };
    }
    case 'array':
      return {
        kind: 'array',
        elements: (node.children ?? []).map((c) => jsonToValue(c, text)),
        range,
      };
    case 'string': {
      const value = node.value as string;
      const contentStart = node.offset + 1;
      // Verbatim when no escape changed the characters.
      const verbatim =
        node.length === value.length + 2 &&
        text.slice(contentStart, contentStart + value.length) === value;
      return { kind: 'literal', value, range, contentStart, verbatim };
    }
    case 'number':
    case 'boolean':
    case 'null':
      return { kind: 'literal', value: node.value as number | boolean | null, range };
    default:
      return { kind: 'unknown', range };
  }
}

/**
 * Deeper than this, a JSON file is not read (docs/reliability.md "Limits"): jsonc-parser and
 * the lowering recurse once per level, and 8 KB of `[` overflowed the stack. Database
 * configs nest a handful of levels.
 */
const MAX_JSON_NESTING = 256;

/**
 * Whether `text` nests arrays and objects deeper than `limit`, in one linear pass over its
 * characters (strings and comments skipped, as jsonc-parser reads them).
 */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22 || d === 0x0a) break;
      }
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if ((c === 0x5d /* ] */ || c === 0x7d) /* } */ && depth > 0) depth--;
  }
  return false;
}

function parseJson(source: SourceFile): { tree?: JsonNode; error?: string } {
  if (nestsDeeperThan(source.text, MAX_JSON_NESTING))
    return {
      error: `JSON nested deeper than ${MAX_JSON_NESTING} levels: the file was not read (see "Limits" in docs/reliability.md)`,
    };
  const errors: ParseError[] = [];
  jsonc ??= requireModule('jsonc-parser') as typeof JsoncParser;
  const { parseTree, printParseErrorCode } = jsonc;
  const tree = parseTree(source.text, errors, {
    allowTrailingComma: true,
    disallowComments: false,
  });
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    const where = first ? ` at ${lineColumn(source.text, first.offset)}` : '';
    return {
      error: `Invalid JSON${where}: ${first ? printParseErrorCode(first.error) : 'empty document'}`,
    };
  }
  return { tree };
}

function lineColumn(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return `line ${line}, column ${offset - last}`;
}

const BASENAME = (path: string) => path.replaceAll('\\', '/').split('/').at(-1) ?? '';

function isOrmconfig(path: string): boolean {
  return /^ormconfig\.json$/i.test(BASENAME(path));
}

function isSequelizeConfig(path: string): boolean {
  return /(?:^|\/)config\/config\.json$/.test(path.replaceAll('\\', '/'));
}

/** The JSON files this front-end reads. */
export function isDatabaseJson(relativePath: string): boolean {
  if (!/\.json$/i.test(relativePath)) return false; // cheap rejection: runs for every discovered file
  const path = relativePath.replaceAll('\\', '/');
  if (isOrmconfig(path)) return true;
  if (/(?:^|\/)node_modules\//.test(path)) return false;
  // sequelize-cli, node-config (`config/production.json`), db-migrate `database.json`.
  return /(?:^|\/)config\/[^/]+\.json$/i.test(path) || /^database\.json$/i.test(BASENAME(path));
}

const SEQUELIZE_SEMANTICS: Record<string, 'pg' | 'mysql2' | 'mssql'> = {
  postgres: 'pg',
  mysql: 'mysql2',
  mariadb: 'mysql2',
  mssql: 'mssql',
};

export const jsonFrontend: Frontend = {
  name: 'json',
  commentToken: null,
  matches: isDatabaseJson,
  collectFacts(source: SourceFile, facts: ProjectFacts): void {
    // sequelize-cli `use_env_variable: "DATABASE_URL"`: the models read that URL with
    // `new Sequelize(url, config)`, so its dialect decides how the URL is read.
    const sequelize =
      isSequelizeConfig(source.relativePath) ||
      facts.sequelizeConfigs?.has(source.relativePath) === true;
    if (!sequelize || !source.text.includes('use_env_variable')) return;
    const { tree } = parseJson(source);
    if (!tree) return;
    const root = jsonToValue(tree, source.text);
    if (root.kind !== 'object') return;
    const entries = isEnvironmentMapValue(root) ? root.properties.map((p) => p.value) : [root];
    for (const entry of entries) {
      const name = stringOf(getValue(entry, ['use_env_variable']));
      const dialect = stringOf(getValue(entry, ['dialect'])) ?? 'postgres';
      const semantics = SEQUELIZE_SEMANTICS[dialect];
      if (!name || !semantics || facts.urlConsumers.has(name)) continue;
      facts.urlConsumers.set(name, { semantics, driver: `Sequelize (${dialect})` });
    }
  },
  printer: () => jsonPrinter,
  analyze(source, context): FrontendOutput {
    try {
      const { tree, error } = parseJson(source);
      if (!tree)
        return {
          model: {},
          diagnostics: [{ file: source.relativePath, message: error ?? 'Invalid JSON' }],
        };
      const root = jsonToValue(tree, source.text);
      const lowered = new ConfigModel();
      const sequelize =
        isSequelizeConfig(source.relativePath) ||
        context.project.sequelizeConfigs?.has(source.relativePath) === true;
      const fileEnvironment = context.file.environment;
      if (isOrmconfig(source.relativePath)) {
        for (const item of root.kind === 'array' ? root.elements : [root]) {
          if (item.kind !== 'object') continue;
          const name = stringOf(getValue(item, ['name']));
          const environment =
            name && isEnvironmentKey(name) ? classifyEnvironmentName(name) : fileEnvironment;
          lowered.entry('typeorm', item, environment);
        }
      } else if (root.kind === 'object' && isEnvironmentMapValue(root)) {
        // sequelize-cli config.json and any other environment map of connection configs.
        for (const p of root.properties) {
          if (p.value.kind !== 'object') continue;
          lowered.environmentEntry(p.value, classifyEnvironmentName(p.key), sequelize);
        }
      } else if (root.kind === 'object' && sequelize && getValue(root, ['dialect'])) {
        lowered.environmentEntry(root, fileEnvironment, true);
      } else {
        // The file's own name is evidence too (`config/database.json`).
        lowered.tree(root, fileEnvironment, BASENAME(source.relativePath).replace(/\.json$/i, ''));
      }
      return { model: lowered.model(), diagnostics: [] };
    } catch (error) {
      return {
        model: {},
        diagnostics: [
          {
            file: source.relativePath,
            message: `Internal error while reading the JSON file: ${(error as Error).name}`,
            kind: 'internal',
          },
        ],
      };
    }
  },
};
