/**
 * The cheap gate in front of every JS/TS parse (gitleaks' keyword prefilter): a file that
 * names no driver module, no TLS option, no database URL scheme and no password, and is not
 * a known config module, cannot hold a finding. Built from the driver table, so a new row
 * widens the gate by itself.
 */
import { TLS_OPTION_KEYS } from './assess-tls-options.js';
import { DRIVER_MODULES, DRIVERS } from './drivers/table.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const MODULES = [...DRIVER_MODULES.keys()].sort((a, b) => b.length - a.length).map(escape).join('|');
const TLS_KEYS = [...TLS_OPTION_KEYS, 'ssl', 'tls', 'sslmode', 'NODE_TLS_REJECT_UNAUTHORIZED', 'DEFAULT_MIN_VERSION'].map(escape).join('|');
// Named schemes only: a generic `[a-z]+\+…://` would backtrack quadratically on long words.
const SCHEMES = '(?:postgres(?:ql)?|pgsql|mysql2?|mariadb|mongodb(?:\\+srv)?|rediss?|mssql|sqlserver|jdbc:[a-z]+|(?:postgres(?:ql)?|mysql|mssql)\\+[a-z0-9]+):\\/\\/';

const GATE = new RegExp(`['"\`](?:${MODULES})(?:['"\`/])|\\b(?:${TLS_KEYS})\\b|${SCHEMES}|pass(?:word|wd|phrase)|\\bpwd\\b`, 'i');

const CONFIG_FILES = DRIVERS.flatMap((row) => row.configFiles ?? []);

export function mayConcernDatabases(text: string, path: string): boolean {
  const posix = path.replaceAll('\\', '/');
  return GATE.test(text) || CONFIG_FILES.some((re) => re.test(posix));
}
