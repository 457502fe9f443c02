/**
 * Node's TLS options (DRIVERS.md §15) and the few driver keys that only ever mean "do not
 * verify" (MongoDB `tlsAllowInvalidCertificates`, SQL Server `trustServerCertificate`): one
 * row per key. Every JS driver hands these to `tls.connect`, so they are judged wherever a
 * connection's options carry them.
 */
import { replaceWith, type FixPrinter, type FixValue } from '../fixes.js';
import type { Message } from '../messages.js';
import type {
  Environment,
  FixIntent,
  Guards,
  ObjectValue,
  Property,
  Range,
  Value,
} from '../model.js';
import { alternatives, isOffLiteral, stringOf } from '../values.js';
import type { Verdict, VerdictKind } from '../verdicts.js';
import type { TlsVersion } from '../vocabulary.js';

const WEAK_VERSIONS: ReadonlySet<string> = new Set(['TLSv1', 'TLSv1.1', 'SSLv3']);
const WEAK_PROTOCOL_METHOD = /^(?:SSLv[23]|TLSv1(?:_1)?)_(?:client_|server_)?method$/;
const TLS12_PROTOCOL_METHOD = /^TLSv1_2_(?:client_|server_)?method$/;

/** OpenSSL cipher-list tokens that *add* weak suites; `!X` and `-X` remove, `+X` only reorders. */
const WEAK_CIPHER_TOKEN =
  /^(?:e?NULL|aNULL|NULL-.*|.*-NULL-.*|EXP(?:ORT)?(?:\d+)?|RC4(?:-.*)?|DES(?:-CBC)?(?:-.*)?|3DES|DES-CBC3-.*|.*-DES-CBC3-.*|MD5|.*-MD5|ADH(?:-.*)?|AECDH(?:-.*)?|LOW|@SECLEVEL=0|ALL:@SECLEVEL=0)$/i;

/** The tokens of an OpenSSL cipher list that enable weak suites (NULL, EXPORT, RC4, DES, MD5, anonymous). */
export function weakCipherTokens(list: string): string[] {
  return list
    .split(/[:, ]+/)
    .filter((t) => t && !t.startsWith('!') && !t.startsWith('-') && !t.startsWith('+'))
    .filter((t) => WEAK_CIPHER_TOKEN.test(t));
}

const NO_INVALID = 'tls: true without tlsAllowInvalid* options';

interface KeyJudgement {
  key: string;
  value: Value;
  text: string | undefined;
  literal: boolean;
  driver: string;
  minimum: TlsVersion;
  printer: FixPrinter;
  push: (kind: VerdictKind, message: Message, extra?: Partial<Verdict>) => void;
}

/** A fix that replaces a literal option value. */
function replace(
  printer: FixPrinter,
  value: Value,
  literal: boolean,
  secure: FixValue,
  description: string,
): FixIntent[] {
  const like = value.kind === 'literal' ? value : undefined;
  return literal ? [replaceWith(printer, value.range, secure, description, like)] : [];
}

/** What each key means, and when its value weakens TLS. */
const KEYS: Readonly<Record<string, (j: KeyJudgement) => void>> = {
  rejectUnauthorized({ value, literal, driver, printer, push }) {
    if (!isOffLiteral(value)) return;
    const env = value.kind === 'literal' ? value.fromEnv?.name : undefined;
    const secure = 'rejectUnauthorized: true';
    push(
      'verification-disabled',
      env
        ? { id: 'rejectUnauthorizedOffUnlessSet', data: { driver, env, secure } }
        : { id: 'rejectUnauthorizedOff', data: { driver, secure } },
      { fixes: replace(printer, value, literal, true, 'Set rejectUnauthorized to true') },
    );
  },
  checkServerIdentity({ value, driver, push }) {
    if (value.kind === 'function' && value.returnsNothing)
      push('host-unchecked', {
        id: 'checkServerIdentityNoop',
        data: { driver, secure: 'no checkServerIdentity override (Node checks the host name)' },
      });
  },
  minVersion: judgeVersion,
  maxVersion: judgeVersion,
  secureProtocol({ text, driver, minimum, push }) {
    if (!text) return;
    const secure = `minVersion: '${minimum}' (and no secureProtocol)`;
    if (WEAK_PROTOCOL_METHOD.test(text))
      push(
        'weak-tls-version',
        { id: 'secureProtocolBelowTls12', data: { driver, value: text, secure } },
        { tlsVersion: text.startsWith('TLSv1_1') ? 'TLSv1.1' : 'TLSv1' },
      );
    // Forces TLS 1.2: only below a project minimum of TLS 1.3 (the check compares).
    else if (TLS12_PROTOCOL_METHOD.test(text))
      push(
        'weak-tls-version',
        { id: 'secureProtocolTls12', data: { driver, value: text, secure } },
        { tlsVersion: 'TLSv1.2' },
      );
  },
  ciphers({ text, driver, push }) {
    const weak = text ? weakCipherTokens(text) : [];
    if (weak.length > 0)
      push('weak-ciphers', {
        id: 'weakCiphers',
        data: {
          driver,
          ciphers: weak.join(', '),
          secure: "Node's default cipher list (omit `ciphers`)",
        },
      });
  },
  tlsAllowInvalidCertificates: judgeInvalidCertificates,
  tlsInsecure: judgeInvalidCertificates,
  tlsAllowInvalidHostnames({ value, literal, driver, printer, push }) {
    if (value.kind === 'literal' && value.value === true)
      push(
        'host-unchecked',
        { id: 'allowInvalidHostnames', data: { driver, secure: NO_INVALID } },
        {
          fixes: replace(printer, value, literal, false, 'Set tlsAllowInvalidHostnames to false'),
        },
      );
  },
  sslValidate({ value, driver, push }) {
    if (isOffLiteral(value))
      push('verification-disabled', {
        id: 'sslValidateOff',
        data: { driver, secure: 'tls: true (and drop sslValidate, removed in MongoDB driver 6)' },
      });
  },
  trustServerCertificate({ value, literal, driver, printer, push }) {
    if (value.kind === 'literal' && (value.value === true || value.value === 'true'))
      push(
        'verification-disabled',
        { id: 'trustServerCertificate', data: { driver, secure: 'trustServerCertificate: false' } },
        { fixes: replace(printer, value, literal, false, 'Set trustServerCertificate to false') },
      );
  },
};

function judgeVersion({
  key,
  value,
  text,
  literal,
  driver,
  minimum,
  printer,
  push,
}: KeyJudgement): void {
  // Every version below TLS 1.3 is a verdict; the check compares it with the project minimum.
  if (!text || !(WEAK_VERSIONS.has(text) || text === 'TLSv1.2')) return;
  const isMin = key === 'minVersion';
  push(
    'weak-tls-version',
    {
      id: isMin ? 'versionAllowed' : 'versionForced',
      data: { driver, key, value: text, version: text, secure: `minVersion: '${minimum}'` },
    },
    {
      tlsVersion: text as TlsVersion,
      fixes: isMin
        ? replace(printer, value, literal, minimum, `Set minVersion to '${minimum}'`)
        : [],
    },
  );
}

function judgeInvalidCertificates({
  key,
  value,
  literal,
  driver,
  printer,
  push,
}: KeyJudgement): void {
  if (value.kind === 'literal' && value.value === true)
    push(
      'verification-disabled',
      { id: 'optionDisablesVerification', data: { driver, key, secure: NO_INVALID } },
      { fixes: replace(printer, value, literal, false, `Set ${key} to false`) },
    );
}

/** The keys this reader judges (front-ends use them to spot TLS option objects). */
export const TLS_OPTION_KEYS: ReadonlySet<string> = new Set(Object.keys(KEYS));

export interface TlsOptionsContext {
  environment: Environment;
  guards: Guards;
  loopback: boolean;
  driver: string;
  minimumTlsVersion: TlsVersion;
  printer: FixPrinter;
  /** The keys to read (default: every key this reader knows). */
  keys?: ReadonlySet<string>;
}

export function readTlsOptions(object: ObjectValue, context: TlsOptionsContext): Verdict[] {
  const out: Verdict[] = [];
  for (const property of object.properties) {
    const judge = Object.hasOwn(KEYS, property.key) ? KEYS[property.key] : undefined;
    if (!judge || (context.keys && !context.keys.has(property.key))) continue;
    for (const alt of alternatives(property.value, context.environment, context.guards)) {
      const value = alt.value;
      const literal = value.kind === 'literal' && !value.synthetic;
      // An explicit branch is the operator's choice: report only literals written there.
      if (alt.explicit && !literal && value.kind !== 'function') continue;
      judge({
        key: property.key,
        value,
        text: stringOf(value),
        literal,
        driver: context.driver,
        minimum: context.minimumTlsVersion,
        printer: context.printer,
        push: (kind, message, extra = {}) =>
          out.push({
            kind,
            message,
            setting: property.key,
            range:
              literal || value.kind === 'function'
                ? rangeOf(property, value.range)
                : property.range,
            environment: alt.environment,
            explicit: alt.explicit,
            literal,
            loopback: context.loopback,
            fixes: [],
            ...extra,
          }),
      });
    }
  }
  return out;
}

function rangeOf(property: Property, valueRange: Range): Range {
  return [property.range[0], Math.max(property.range[1], valueRange[1])];
}
