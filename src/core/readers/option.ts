/**
 * A driver's TLS option (`ssl`, `tls`, `dialectOptions.ssl`), read the way the driver's TLS
 * dialect reads it: one row per dialect (which reader judges the value), one evaluator each
 * in its reader's module. A new driver that behaves like an existing one is a new row of
 * the driver table, not new code here.
 */
import type { TlsDialect } from '../drivers/types.js';
import type { Message } from '../messages.js';
import type { Value } from '../model.js';
import { isOffLiteral } from '../values.js';
import { readMysqlFamilyOption } from './mysql.js';
import type { OptionJudgement } from './option-judgement.js';
import { readPgOption } from './pg.js';
import { readPostgresjsOption } from './postgresjs.js';

/** What each dialect reads beyond "off" (DRIVERS §2–15). */
const DIALECT_READERS: Partial<
  Record<TlsDialect, (value: Value, judgement: OptionJudgement) => void>
> = {
  pg: readPgOption,
  'pg-native': readPgOption,
  mysql2: readMysqlFamilyOption,
  mysqljs: readMysqlFamilyOption,
  mariadb: readMysqlFamilyOption,
  postgresjs: readPostgresjsOption,
  'drizzle-kit-pg': readPostgresjsOption,
};

/** Dialects whose TLS option is judged at all (the rest have no option or always use TLS). */
const OPTION_DIALECTS: ReadonlySet<TlsDialect> = new Set([
  'pg',
  'pg-native',
  'mysql2',
  'mysqljs',
  'mariadb',
  'postgresjs',
  'drizzle-kit-pg',
  'slonik',
  'mongodb',
  'ioredis',
  'node-redis',
]);

/** Dialects that read an environment string as it is, so `"false"` is a truthy object key. */
const RAW_STRING_DIALECTS: ReadonlySet<TlsDialect> = new Set(['pg', 'mysql2']);

export function readTlsOption(value: Value, judgement: OptionJudgement): void {
  const { dialect, key, driver, secure } = judgement;
  if (!OPTION_DIALECTS.has(dialect)) return;
  if (value.kind === 'env') {
    if (RAW_STRING_DIALECTS.has(dialect))
      judgement.judge('tls-off', { id: 'sslRawEnvironmentString', data: { driver, key, secure } });
    return;
  }
  if (isOffLiteral(value) || (value.kind === 'literal' && value.value === undefined)) {
    judgement.judge('tls-off', offMessage(value, judgement));
    return;
  }
  DIALECT_READERS[dialect]?.(value, judgement);
}

/** "`ssl: false` turns TLS off", or, for a value made up from an environment test, what it depends on. */
function offMessage(value: Value, { key, driver, secure }: OptionJudgement): Message {
  // A made-up `false` of an environment test, or a declared default (`env.bool('X', false)`).
  if (
    value.kind === 'literal' &&
    value.fromEnv &&
    (value.synthetic || value.fromEnv.how === 'fallback')
  )
    return { id: 'sslOffByDefault', data: { driver, key, env: value.fromEnv.name, secure } };
  return { id: 'sslOff', data: { driver, key, value: literalText(value), secure } };
}

/** A literal as JavaScript spells it (`false`, `0`, `''`), for messages. */
function literalText(value: Value): string {
  if (value.kind !== 'literal') return '…';
  return typeof value.value === 'string' ? `'${value.value}'` : String(value.value);
}
