/**
 * The cheap gate in front of every JS/TS parse (gitleaks' keyword prefilter): a file that
 * names no driver module, no TLS option, no database URL scheme and no password, and is not
 * a known config module, cannot hold a finding. Built from the driver table, so a new row
 * widens the gate by itself.
 */
import { TLS_OPTION_KEYS } from './readers/node-tls.js';
import { DRIVER_MODULES, DRIVERS } from './drivers/table.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const MODULES = [...DRIVER_MODULES.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');
const TLS_KEYS = [
  ...TLS_OPTION_KEYS,
  'ssl',
  'tls',
  'sslmode',
  'NODE_TLS_REJECT_UNAUTHORIZED',
  'DEFAULT_MIN_VERSION',
]
  .map(escape)
  .join('|');
// Named schemes only: a generic `[a-z]+\+…://` would backtrack quadratically on long words.
const SCHEMES =
  '(?:postgres(?:ql)?|pgsql|mysql2?|mariadb|mongodb(?:\\+srv)?|rediss?|mssql|sqlserver|jdbc:[a-z]+|(?:postgres(?:ql)?|mysql|mssql)\\+[a-z0-9]+):\\/\\/';

// One regular expression per alternative: V8 scans a single alternation of dozens of
// words about twice as slowly as these four in turn (`test` asks "anywhere", so the
// union is the same gate). Cheapest and most frequent first; a URL needs `://`.
const PASSWORD = /pass(?:word|wd|phrase)|\bpwd\b/i;
const MODULE = new RegExp(`['"\`](?:${MODULES})(?:['"\`/])`, 'i');
const URL_SCHEME = new RegExp(SCHEMES, 'i');
const TLS_KEY = new RegExp(`\\b(?:${TLS_KEYS})\\b`, 'i');
const gate = (text: string) =>
  PASSWORD.test(text) ||
  MODULE.test(text) ||
  (text.includes('://') && URL_SCHEME.test(text)) ||
  TLS_KEY.test(text);

const CONFIG_FILES = DRIVERS.flatMap((row) => row.configFiles ?? []);

export function mayConcernDatabases(text: string, path: string): boolean {
  const posix = path.replaceAll('\\', '/');
  return gate(text) || CONFIG_FILES.some((re) => re.test(posix));
}

/**
 * The gate without its driver-module alternative: whether the file passes for a word or a
 * path of its own, not only because it names a driver module. (The ESLint host then asks
 * whether those imports can reach a driver call at all: src/plugin/site-analysis.ts.)
 */
export function mayConcernDatabasesBeyondDriverModules(text: string, path: string): boolean {
  return (
    PASSWORD.test(text) ||
    (text.includes('://') && URL_SCHEME.test(text)) ||
    TLS_KEY.test(text) ||
    CONFIG_FILES.some((re) => re.test(path.replaceAll('\\', '/')))
  );
}

/**
 * `mayConcernDatabases` for a scanned file, computed once per file object: the scanner's
 * passes (facts, the cross-file prefilter, analysis) all ask it of the same file.
 */
const verdicts = new WeakMap<{ text: string; relativePath: string }, boolean>();

export function fileMayConcernDatabases(source: { text: string; relativePath: string }): boolean {
  let verdict = verdicts.get(source);
  if (verdict === undefined) {
    verdict = mayConcernDatabases(source.text, source.relativePath);
    verdicts.set(source, verdict);
  }
  return verdict;
}
