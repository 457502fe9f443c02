/**
 * SQL Server (DRIVERS.md §13, §20): `encrypt` turns TLS on, `trustServerCertificate` turns
 * verification off. The options' defaults differ per consumer (the driver table's `mssql`
 * rows); connection strings spell both in ADO.NET / JDBC / URL form.
 */
import { replaceWith, setPath, type FixPrinter } from '../fixes.js';
import type { Message } from '../messages.js';
import type { Environment, Guards, ObjectValue, Range } from '../model.js';
import { alternatives, firstSet, isOffLiteral, mayBeHidden } from '../values.js';
import type { Verdict, VerdictKind } from '../verdicts.js';
import type { UrlJudgement } from './url-judgement.js';

/** How a connection string spells `Encrypt` off and `TrustServerCertificate` on. */
const ENCRYPT_OFF: ReadonlySet<string> = new Set(['false', 'no', '0', 'danger_plaintext']);
const TRUST_ON: ReadonlySet<string> = new Set(['true', 'yes', '1']);

const URL_SECURE = 'Encrypt=true;TrustServerCertificate=false';
const OPTIONS_SECURE = 'options: { encrypt: true, trustServerCertificate: false }';

export function readMssqlUrl(judgement: UrlJudgement): void {
  const { driver } = judgement.reading;
  const params = judgement.url.params;
  judgement.result.decidesTls = true;
  const encrypt = params.get('encrypt')?.value;
  if (encrypt !== undefined && ENCRYPT_OFF.has(encrypt.toLowerCase()))
    judgement.observe('tls-off', 'encrypt', {
      id: 'settingTurnsTlsOff',
      data: { driver, setting: `Encrypt=${encrypt}`, secure: URL_SECURE },
    });
  const trustKey = params.has('trustservercertificate')
    ? 'trustservercertificate'
    : 'trust_server_certificate';
  const trust = params.get(trustKey)?.value.toLowerCase();
  if (trust !== undefined && TRUST_ON.has(trust))
    judgement.observe('verification-disabled', trustKey, {
      id: 'settingDisablesVerification',
      data: { driver, setting: 'TrustServerCertificate=true', secure: URL_SECURE },
    });
}

/** Where a consumer reads its switches, and what it assumes when they are absent. */
export interface MssqlOptions {
  encryptPaths: readonly (readonly string[])[];
  trustPaths: readonly (readonly string[])[];
  encryptDefault: boolean;
  trustDefault: boolean;
  /** Where a fix inserts `{ encrypt: true, trustServerCertificate: false }`. */
  optionsPath: readonly string[];
}

export interface MssqlSite {
  config: ObjectValue | undefined;
  driver: string;
  environment: Environment;
  guards: Guards;
  /** Where a missing switch is reported: the call or the config object. */
  range: Range;
  printer: FixPrinter;
  observe(
    kind: VerdictKind,
    at: { range: Range; environment: Environment; explicit: boolean; literal: boolean },
    message: Message,
    extra: Partial<Verdict>,
  ): void;
}

/** `encrypt` / `trustServerCertificate` in a driver's options, with the consumer's defaults. */
export function readMssqlOptions(site: MssqlSite, options: MssqlOptions): void {
  const { config, driver } = site;
  const atSite = {
    range: site.range,
    environment: site.environment,
    explicit: false,
    literal: false,
  };
  const insert = (path: readonly string[], value: boolean, description: string) => {
    const fix = config ? setPath(site.printer, config, path, value, description) : undefined;
    return fix ? [fix] : [];
  };
  const encrypt = firstSet(config, options.encryptPaths);
  if (!encrypt) {
    if (!options.encryptDefault && config && !mayBeHidden(config, options.encryptPaths[0]!))
      site.observe(
        'tls-off',
        atSite,
        { id: 'mssqlEncryptDefaultsOff', data: { driver, secure: OPTIONS_SECURE } },
        {
          setting: 'encrypt',
          fixes: insert([...options.optionsPath, 'encrypt'], true, 'Set options.encrypt to true'),
        },
      );
  } else {
    for (const alt of alternatives(encrypt.value, site.environment, site.guards)) {
      if (!isOffLiteral(alt.value) || alt.explicit) continue;
      site.observe(
        'tls-off',
        { range: alt.value.range, environment: alt.environment, explicit: false, literal: true },
        { id: 'mssqlEncryptOff', data: { driver, secure: OPTIONS_SECURE } },
        {
          setting: 'encrypt',
          fixes: [replaceWith(site.printer, alt.value.range, true, 'Set encrypt to true')],
        },
      );
    }
  }
  const trust = firstSet(config, options.trustPaths);
  if (!trust && options.trustDefault && config && !mayBeHidden(config, options.trustPaths[0]!))
    site.observe(
      'verification-disabled',
      atSite,
      { id: 'mssqlTrustDefaultsOn', data: { driver, secure: OPTIONS_SECURE } },
      {
        setting: 'trustServerCertificate',
        fixes: insert(
          [...options.optionsPath, 'trustServerCertificate'],
          false,
          'Set options.trustServerCertificate to false',
        ),
      },
    );
}
