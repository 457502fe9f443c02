/**
 * libpq keywords written as Django OPTIONS (DRIVERS.md §16): `sslmode` judged by libpq's
 * table (readers/libpq.ts), with `sslrootcert` turning `require` into a chain check, and the
 * protocol version bounds. Values may be environment reads and DEBUG branches.
 */
import { shownSettingValue } from '../secrets.js';
import { message, type Message } from '../messages.js';
import type { FixIntent, PolicyOptions, Range, Value } from '../model.js';
import { alternatives, stringOf } from '../values.js';
import type { Verdict, VerdictContext, VerdictKind } from '../verdicts.js';
import { parseTlsVersion } from '../vocabulary.js';
import { parseSslmode, SSLMODES, type SslmodeValue } from './libpq.js';

/** What reading libpq's OPTIONS needs from the database that holds them. */
export interface LibpqOptionsContext {
  /** The database as messages name it: `Django PostgreSQL database 'default'`. */
  driver: string;
  at: VerdictContext;
  minimumTlsVersion: PolicyOptions['minimumTlsVersion'];
  /** Replaces a string literal by `text` in its own quotes, where it can. */
  replace(value: Value, text: string, description: string): FixIntent[];
  /** The secure setting as the file spells it (default: Django's OPTIONS entry). */
  secure?: string;
}

const SECURE = '"sslmode": "verify-full"';
const NO_GUARDS: ReadonlyMap<string, boolean> = new Map();

/** An `sslmode` option; `require` with a root certificate verifies the chain (like verify-ca). */
export function readSslmodeOption(
  value: Value,
  hasRootCert: boolean,
  context: LibpqOptionsContext,
): Verdict[] {
  const out: Verdict[] = [];
  const { driver } = context;
  for (const alt of alternatives(value, context.at.environment, NO_GUARDS, context.at.explicit)) {
    const v = alt.value;
    const observe = verdictsInto(out, {
      ...context.at,
      environment: alt.environment,
      explicit: alt.explicit,
    });
    if (v.kind === 'env') {
      observe(
        'tls-unresolved',
        v.range,
        v.name
          ? {
              id: 'sslmodeFromVariable',
              data: { driver, env: v.name, secure: context.secure ?? SECURE },
            }
          : { id: 'sslmodeFromEnvironment', data: { driver, secure: context.secure ?? SECURE } },
        { literal: false },
      );
      continue;
    }
    if (v.kind !== 'literal' || typeof v.value !== 'string') continue;
    const text = v.value;
    const unless = v.fromEnv?.name;
    const mode = parseSslmode(text);
    const fixes = context.replace(v, 'verify-full', 'Set sslmode to verify-full');
    const secure = context.secure ?? SECURE;
    // libpq is case-sensitive and knows no `no-verify` (node-postgres' word).
    if (mode === undefined || mode === 'no-verify' || mode !== text) {
      const shown = shownSettingValue(text.slice(0, 40));
      observe(
        'invalid-tls-value',
        v.range,
        unless
          ? {
              id: 'invalidDjangoSslmodeUnlessSet',
              data: { driver, value: shown, env: unless, secure },
            }
          : { id: 'invalidDjangoSslmode', data: { driver, value: shown, secure } },
        { fixes },
      );
    } else if (mode === 'disable') {
      const setting = "sslmode 'disable'";
      observe(
        'tls-off',
        v.range,
        unless
          ? { id: 'settingTurnsTlsOffUnlessSet', data: { driver, setting, env: unless, secure } }
          : { id: 'settingTurnsTlsOff', data: { driver, setting, secure } },
        { fixes },
      );
    } else if (mode !== 'verify-full') {
      const withRootCert = mode === 'require' && hasRootCert;
      const effective: SslmodeValue = withRootCert ? 'verify-ca' : mode;
      const messages = SSLMODES[mode].messages!;
      const setting = `sslmode '${mode}'`;
      const said = withRootCert
        ? unless
          ? message('sslmodeRequireWithRootCertUnlessSet', { driver, env: unless, secure })
          : message('sslmodeRequireWithRootCert', { driver, secure })
        : unless
          ? message(messages.unlessSet, { driver, setting, env: unless, secure })
          : message(messages.plain, { driver, setting, secure });
      observe('weak-sslmode', v.range, said, { fixes, sslmode: effective });
    }
  }
  return out;
}

/**
 * `ssl_min_protocol_version` allowing less than TLS 1.3 (the check compares it with the
 * project's minimum), `ssl_max_protocol_version` forcing less than TLS 1.2.
 */
export function readProtocolVersionOption(
  value: Value,
  key: 'ssl_min_protocol_version' | 'ssl_max_protocol_version',
  context: LibpqOptionsContext,
): Verdict[] {
  const out: Verdict[] = [];
  const minimum = context.minimumTlsVersion;
  const isMin = key === 'ssl_min_protocol_version';
  for (const alt of alternatives(value, context.at.environment, NO_GUARDS, context.at.explicit)) {
    const text = stringOf(alt.value);
    const version = text === undefined ? undefined : parseTlsVersion(text);
    if (text === undefined || version === undefined) continue;
    if (isMin ? version === 'TLSv1.3' : version !== 'TLSv1' && version !== 'TLSv1.1') continue;
    const observe = verdictsInto(out, {
      ...context.at,
      environment: alt.environment,
      explicit: alt.explicit,
      // A protocol version is weak on any host.
      loopback: false,
    });
    observe(
      'weak-tls-version',
      alt.value.range,
      {
        id: isMin ? 'djangoVersionAllows' : 'djangoVersionForces',
        data: {
          driver: context.driver,
          key,
          value: text,
          version,
          secure: context.secure?.includes("='")
            ? `ssl_min_protocol_version='${minimum}'`
            : `"ssl_min_protocol_version": "${minimum}"`,
        },
      },
      {
        setting: key,
        tlsVersion: version,
        fixes:
          isMin && version !== minimum
            ? context.replace(alt.value, minimum, `Set ssl_min_protocol_version to ${minimum}`)
            : [],
      },
    );
  }
  return out;
}

/** Adds a verdict on `sslmode` (another setting through `extra`) in `at`'s context. */
function verdictsInto(out: Verdict[], at: VerdictContext) {
  return (kind: VerdictKind, range: Range, said: Message, extra: Partial<Verdict> = {}): void => {
    out.push({ kind, message: said, setting: 'sslmode', range, ...at, fixes: [], ...extra });
  };
}
