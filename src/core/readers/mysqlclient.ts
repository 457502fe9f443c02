/**
 * mysqlclient, the driver of Django's MySQL backends (DRIVERS.md §6, §16): `ssl_mode` (MySQL's
 * ssl-mode names, `parseMysqlSslMode`) and the `ssl` dict of its OPTIONS, or the URL
 * dj-database-url turns into them (`?ssl_mode=…`, `?ssl-ca=…` → `ssl: {'ca': …}`).
 */
import { shownSettingValue } from '../secrets.js';
import type { ConnectionUrl } from '../connection-url.js';
import { message, type Message } from '../messages.js';
import type { FixIntent, LiteralValue, ObjectValue, Range, Value } from '../model.js';
import { alternatives, getValue } from '../values.js';
import type { Verdict, VerdictContext, VerdictKind } from '../verdicts.js';
import { SSLMODES } from './libpq.js';
import { parseMysqlSslMode } from './mysql.js';

/** What mysqlclient's reading needs from the database that hands it OPTIONS. */
export interface MysqlclientContext {
  /** The database as messages name it: `Django MySQL database 'default'`. */
  driver: string;
  at: VerdictContext;
  /** Where a missing `ssl_mode` is reported. */
  range: Range;
  /** Nothing unseen may set OPTIONS, so an absent `ssl_mode` is absent at run time. */
  complete: boolean;
  /** Replaces a string literal by `text` in its own quotes, where it can. */
  replace(value: Value, text: string, description: string): FixIntent[];
  /** Adds `ssl_mode` to OPTIONS in the dict's own layout, where it can. */
  addSslMode(): FixIntent[];
}

const SECURE = '"OPTIONS": {"ssl_mode": "VERIFY_IDENTITY"}';
const NO_GUARDS: ReadonlyMap<string, boolean> = new Map();

/** OPTIONS as the code leaves them: `ssl_mode` decides; else `ssl`; else TLS is PREFERRED. */
export function readMysqlclientOptions(
  options: ObjectValue | undefined,
  context: MysqlclientContext,
): Verdict[] {
  const out: Verdict[] = [];
  const observe = verdictsInto(out, context.at);
  const { driver } = context;
  const mode = getValue(options, ['ssl_mode']);
  if (mode) {
    for (const alt of alternatives(mode, context.at.environment, NO_GUARDS, context.at.explicit))
      if (alt.value.kind === 'literal' && typeof alt.value.value === 'string')
        out.push(
          ...readSslMode(alt.value.value, alt.value, {
            ...context,
            at: { ...context.at, environment: alt.environment, explicit: alt.explicit },
            range: alt.value.range,
          }),
        );
    return out;
  }
  const ssl = getValue(options, ['ssl']);
  if (ssl?.kind === 'literal' && ssl.value === true) {
    // mysqlclient 2.2.4+ reads `ssl=True` as REQUIRED.
    observe(
      'weak-sslmode',
      ssl.range,
      'ssl',
      { id: 'mysqlclientSslTrue', data: { driver, secure: SECURE } },
      {
        sslmode: 'require',
        fixes: context.addSslMode(),
      },
    );
    return out;
  }
  if (ssl?.kind === 'object' && ssl.properties.length > 0) {
    const hasCa = ssl.properties.some((p) => p.key === 'ca' || p.key === 'capath');
    observe(
      'weak-sslmode',
      ssl.range,
      'ssl',
      message(hasCa ? 'mysqlclientSslCaWithoutMode' : 'mysqlclientSslWithoutCa', {
        driver,
        secure: SECURE,
      }),
      { sslmode: hasCa ? 'verify-ca' : 'require', fixes: context.addSslMode() },
    );
    return out;
  }
  if (ssl && ssl.kind !== 'literal') return out; // read elsewhere: cannot tell
  if (!context.complete) return out;
  observe(
    'tls-off',
    context.range,
    'ssl_mode',
    { id: 'mysqlclientWithoutSslMode', data: { driver, secure: SECURE } },
    { fixes: context.addSslMode() },
  );
  return out;
}

/** A literal URL dj-database-url turns into OPTIONS (`ssl_mode`, `ssl-ca` → `ssl: {'ca': …}`). */
export function readMysqlclientUrl(
  url: ConnectionUrl,
  literal: LiteralValue,
  context: Pick<MysqlclientContext, 'driver' | 'at'>,
): Verdict[] {
  const out: Verdict[] = [];
  const { driver } = context;
  const param = url.params.get('ssl_mode') ?? url.params.get('ssl-mode');
  if (param)
    return readSslMode(param.value, undefined, {
      ...context,
      range: literal.range,
      replace: () => [],
    });
  const observe = verdictsInto(out, context.at);
  if (url.params.has('ssl-ca') || url.params.has('ssl_ca'))
    observe(
      'weak-sslmode',
      literal.range,
      'ssl-ca',
      { id: 'mysqlclientSslCa', data: { driver, secure: SECURE } },
      {
        sslmode: 'verify-ca',
      },
    );
  else
    observe('tls-off', literal.range, 'ssl_mode', {
      id: 'mysqlclientUrlWithoutSslMode',
      data: { driver, secure: 'ssl_mode=VERIFY_IDENTITY in the URL' },
    });
  return out;
}

/** One `ssl_mode` spelling on libpq's order; `literal` when written in OPTIONS (so it can be fixed). */
function readSslMode(
  text: string,
  literal: LiteralValue | undefined,
  context: Pick<MysqlclientContext, 'driver' | 'at' | 'range' | 'replace'>,
): Verdict[] {
  const out: Verdict[] = [];
  const observe = verdictsInto(out, context.at);
  const { driver, range } = context;
  const mode = parseMysqlSslMode(text);
  const secure = '"ssl_mode": "VERIFY_IDENTITY"';
  const fixes = literal
    ? context.replace(literal, 'VERIFY_IDENTITY', 'Set ssl_mode to VERIFY_IDENTITY')
    : [];
  const shown = shownSettingValue(text.slice(0, 40));
  const setting = `ssl_mode '${shown}'`;
  if (mode === undefined)
    observe(
      'invalid-tls-value',
      range,
      'ssl_mode',
      { id: 'invalidMysqlSslMode', data: { driver, value: shown, secure } },
      { fixes },
    );
  else if (mode === 'disable')
    observe(
      'tls-off',
      range,
      'ssl_mode',
      { id: 'settingTurnsTlsOff', data: { driver, setting, secure } },
      { fixes },
    );
  else if (mode !== 'verify-full')
    // MySQL has no `allow` and no `no-verify`: every weaker mode has libpq's sentences.
    observe(
      'weak-sslmode',
      range,
      'ssl_mode',
      message(SSLMODES[mode].messages!.plain, { driver, setting, secure }),
      {
        sslmode: mode,
        fixes,
      },
    );
  return out;
}

function verdictsInto(out: Verdict[], at: VerdictContext) {
  return (
    kind: VerdictKind,
    range: Range,
    setting: string,
    said: Message,
    extra: Partial<Verdict> = {},
  ): void => {
    out.push({ kind, message: said, setting, range, ...at, fixes: [], ...extra });
  };
}
