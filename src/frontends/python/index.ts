/**
 * The scanner's Python front-end: every `.py` module that mentions a database setting or
 * client (the keyword gate below), parsed with tree-sitter-python (web-tree-sitter, loaded
 * once per process by `load()`, only by a scan that reads such a file). See
 * docs/formats/python-prisma-postgres.md.
 */
import type { Diagnostic, Frontend, FrontendOutput } from '../types.js';
import type { SyntaxNode } from './lower.js';
import { analyzePython } from './analyze.js';
import { isPythonParserLoaded, loadPythonParser, parsePython } from './parser.js';
import { pythonPrinter } from './printer.js';
import { copyTree } from './tree.js';
import { recordPythonUrlConsumers } from './url-consumers.js';

/** Larger files are not settings modules; reading them costs time for nothing. */
const MAX_BYTES = 8 * 1024 * 1024;

/**
 * `settings.py`, `settings/*.py`, `*_settings.py`, `settings_*.py`, `local_settings.py`,
 * `settings.prod.py`, `test_settings.py` (the last is a test file: nothing but min-tls-version).
 */
export function isSettingsFile(relativePath: string): boolean {
  if (!relativePath.endsWith('.py')) return false; // cheap rejection: runs for every discovered file
  const segments = relativePath.replaceAll('\\', '/').split('/');
  const base = segments.at(-1) ?? '';
  if (!base.endsWith('.py')) return false;
  const stem = base.slice(0, -3);
  if (/(?:^|[._-])settings(?:$|[._-])/i.test(stem)) return true;
  return segments.slice(0, -1).some((s) => s.toLowerCase() === 'settings');
}

/**
 * Directories of installed or generated Python code, never the project's own configuration:
 * virtualenvs and their `site-packages`, tool caches, and Django migrations (they hold
 * schema changes, not connections).
 */
const NOT_PROJECT_CODE =
  /(?:^|\/)(?:site-packages|dist-packages|__pycache__|\.tox|\.nox|\.venv|venv|\.eggs|migrations)\//;

/** Every `.py` file outside installed packages, caches and migrations. */
export function isPythonModule(relativePath: string): boolean {
  if (!relativePath.endsWith('.py')) return false; // cheap rejection: runs for every discovered file
  return !NOT_PROJECT_CODE.test(relativePath.replaceAll('\\', '/'));
}

/**
 * The keyword gate: a module that names none of these cannot hold a finding (DATABASES or a
 * NetBox `DATABASE` dict, dj-database-url / django-environ URLs, psycopg, SQLAlchemy, redis-py
 * and Celery TLS keys, a libpq sslmode, a connection URL, a password). Other modules are not
 * parsed at all. `pass` alone is a Python statement, so a name ending in it needs a letter or
 * `_` before it (`DB_PASS`, `PGPASS`); the other words a password's name may end in
 * (core/vocabulary.ts) count alone (`MYSQL_PWD`, `POSTGRES_PW`).
 */
const PYTHON_GATE_EXACT = /\bDATABASES?\b|_PASS\b/;
// Bounded runs only: `[+a-z0-9]*` after a scheme word re-reads a long word from every
// occurrence of the word (quadratic on `mysqlmysql…`); no real dialect suffix is that long.
const PYTHON_GATE =
  /dj_database_url|\.db(?:_url)?\(|psycopg|sqlalchemy|create_(?:async_)?engine|ssl_cert_reqs|ssl_check_hostname|INSECURE_SKIP_TLS_VERIFY|sslmode|(?:postgres(?:ql)?|pgsql|postgis|mysql2?|mariadb|mongodb|rediss?|redshift|cockroach|timescale)[+a-z0-9]{0,32}:\/\/|pass(?:word|wd)|[a-z_]pass\b|pwd\b|pw\b/i;

/**
 * Larger Python modules are not parsed (docs/reliability.md "Limits"): the tree and its
 * copy cost about 350 bytes of memory per character (a 7.8 MB settings.py took 3.85 GB).
 * Settings modules are a few kilobytes.
 */
const MAX_PYTHON_CHARS = 2_000_000;
/** Memory follows the tree's nodes, not the characters: a 5 MB string is one node. */
const MAX_PYTHON_MARKS = 200_000;

/** Brackets, commas, colons and `=`: a cheap count that grows with the tree's size. */
function syntaxMarks(text: string): number {
  let marks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2c || c === 0x3a || c === 0x3d || c === 0x28 || c === 0x5b || c === 0x7b) marks++;
  }
  return marks;
}

export function mayConcernDatabases(text: string): boolean {
  return PYTHON_GATE_EXACT.test(text) || PYTHON_GATE.test(text);
}

export const pythonFrontend: Frontend = {
  name: 'python',
  commentToken: '#',
  matches: isPythonModule,
  needsLoad: (source) => !source.text.includes('\u0000') && mayConcernDatabases(source.text),
  load: loadPythonParser,
  isLoaded: isPythonParserLoaded,
  printer: (source) => pythonPrinter(source.text),
  collectFacts(source, facts) {
    if (source.text.length <= MAX_BYTES) recordPythonUrlConsumers(source.text, facts);
  },
  analyze(source, context): FrontendOutput {
    const diagnostics: Diagnostic[] = [];
    const file = source.relativePath;
    if (source.text.length > MAX_BYTES)
      return {
        model: {},
        diagnostics: [{ file, message: `Skipped: larger than ${MAX_BYTES / 1024 / 1024} MB` }],
      };
    if (source.text.includes('\u0000'))
      return {
        model: {},
        diagnostics: [
          { file, message: 'Skipped: binary content (NUL bytes), not a Python source file' },
        ],
      };
    // Most modules of a project concern no database: skip the parse, not just the analysis.
    if (!mayConcernDatabases(source.text)) return { model: {}, diagnostics: [] };
    if (source.text.length > MAX_PYTHON_CHARS && syntaxMarks(source.text) > MAX_PYTHON_MARKS)
      return {
        model: {},
        diagnostics: [
          {
            file,
            message: `Python module larger than ${MAX_PYTHON_CHARS / 1_000_000} MB with more than ${MAX_PYTHON_MARKS} brackets, commas, colons and = signs: not parsed (see "Limits" in docs/reliability.md)`,
          },
        ],
      };
    let tree;
    try {
      tree = parsePython(source.text);
    } catch (error) {
      return {
        model: {},
        diagnostics: [
          {
            file,
            message: crashMessage(error),
            kind: 'internal',
          },
        ],
      };
    }
    try {
      let root: SyntaxNode;
      try {
        root = copyTree(tree, source.text);
      } finally {
        tree.delete(); // the copy is all the analysis reads
      }
      if (root.hasError) {
        // tree-sitter recovers from syntax errors: what parsed is still judged, and the file is named.
        const line = firstErrorLine(root);
        diagnostics.push({
          file,
          message: `Python syntax error${line ? ` near line ${line}` : ''}; the rest of the file was analysed`,
        });
      }
      const model = analyzePython({ root, text: source.text, file: context.file });
      return { model, diagnostics };
    } catch {
      return {
        model: {},
        diagnostics: [
          ...diagnostics,
          {
            file,
            message: 'internal error while analysing this file; it was not fully scanned',
            kind: 'internal',
          },
        ],
      };
    }
  },
};

function firstErrorLine(root: SyntaxNode): number | undefined {
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'ERROR' || n.isMissing) return n.startPosition.row + 1;
    if (!n.hasError) continue;
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c) stack.push(c);
    }
  }
  return undefined;
}

/** Why a Python file could not be parsed: tree-sitter crashed on it, or never loaded. */
function crashMessage(error: unknown): string {
  const reason = error instanceof Error ? error.message.split('\n')[0]! : 'unknown error';
  return reason.startsWith('tree-sitter crashed on this file')
    ? `Python parser: ${reason}; the file was not scanned`
    : `Python parser unavailable: ${reason}`;
}
