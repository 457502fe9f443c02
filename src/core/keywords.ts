/**
 * The cheap gate in front of every JS/TS parse (gitleaks' keyword prefilter): a file that
 * names no driver module, no TLS option, no database URL scheme and no password, and is not
 * a known config module, cannot hold a finding. A driver module counts only when the file
 * can reach a site through it (see `reachesDriver`). Built from the driver table, so a new
 * row widens the gate by itself.
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
// Every word a password's name may end in (vocabulary.ts: `DB_PASS`, `MYSQL_PWD`,
// `POSTGRES_PW`), its common prefix factored out (a third faster than the plain union).
const PASSWORD = /p(?:ass(?:word|wd|phrase|\b)|wd?\b)/i;
const MODULE = new RegExp(`['"\`](?:${MODULES})(?:['"\`/])`, 'i');
const URL_SCHEME = new RegExp(SCHEMES, 'i');
const TLS_KEY = new RegExp(`\\b(?:${TLS_KEYS})\\b`, 'i');
const gate = (text: string) =>
  PASSWORD.test(text) ||
  (text.includes('://') && URL_SCHEME.test(text)) ||
  TLS_KEY.test(text) ||
  (MODULE.test(text) && reachesDriver(text));

/**
 * Per driver module (lower case): the names through which the lowering reaches one of its
 * sites — the first member of each call shape and options type (`PrismaClient`, `DataSource`,
 * `MongooseModule`, `PoolConfig`) — or `true` when the module itself is called
 * (`knex(config)`, `new Redis()`), which any local name can do. `import pg from 'pg'` and
 * `pg.default` are one module object, so a leading `default` is dropped, as bindings.ts does.
 */
const ENTRY_POINTS: ReadonlyMap<string, true | readonly string[]> = (() => {
  const entries = new Map<string, true | string[]>();
  for (const row of DRIVERS) {
    const paths = [...row.calls.map((c) => c.path), ...(row.configTypes ?? [])];
    for (const module of row.modules) {
      const key = module.toLowerCase();
      for (const path of paths) {
        const first = path[0] === 'default' ? path[1] : path[0];
        const known = entries.get(key) ?? [];
        if (known === true) continue;
        if (first === undefined || first === '()') entries.set(key, true);
        else entries.set(key, [...known, first]);
      }
    }
  }
  return entries;
})();

const MODULE_NAMES = new RegExp(`['"\`](${MODULES})(?=['"\`/])`, 'gi');

/**
 * Whether a file that imports a driver module can reach one of its sites: it names an entry
 * point of one of the modules it spells (a type-only import of `@prisma/client` or an entity
 * importing `typeorm` names none, and cannot hold a finding through it), or it reads
 * `process.env` (a driver call reading it names a URL consumer, whatever member it calls:
 * project facts). The names are looked for in the text, which is how the lowering resolves
 * them too (import specifiers, members, destructured keys).
 */
function reachesDriver(text: string): boolean {
  if (text.includes('process.env')) return true;
  for (const match of text.matchAll(MODULE_NAMES)) {
    const entry = ENTRY_POINTS.get(match[1]!.toLowerCase());
    if (entry === true || entry?.some((name) => text.includes(name))) return true;
  }
  return false;
}

const CONFIG_FILES = DRIVERS.flatMap((row) => row.configFiles ?? []);

/**
 * What a `min-tls-version` finding needs in the text: a TLS version (`'TLSv1'`,
 * `'TLSv1_method'`, `'SSLv3_method'`), a cipher list (`ciphers`, `DEFAULT_CIPHERS`) or one of
 * Node's `--tls-min-v1.0` / `--tls-max-v1.1` flags. A test file reports nothing else
 * (POLICY "Test files"), so one without these words is not parsed.
 */
const TLS_VERSION_WORDS = /TLSv1|SSLv[23]|ciphers|tls-m(?:in|ax)-v/i;

export function mayWeakenTlsVersion(text: string): boolean {
  return TLS_VERSION_WORDS.test(text);
}

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
