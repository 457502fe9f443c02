/**
 * Node's TLS options (DRIVERS §15) and the few driver keys that only ever mean
 * "do not verify" (Mongo `tlsAllowInvalidCertificates`, SQL Server `trustServerCertificate`).
 * They are judged wherever an object literal carries them: every JS driver hands them to `tls.connect`.
 */
import type { Environment, Guards, ObjectValue, Property } from './model.js';
import type { Observation, ObservationKind } from './observations.js';
import { alternatives, isOffLiteral, stringOf } from './values.js';

export const TLS_OPTION_KEYS = new Set([
  'rejectUnauthorized',
  'checkServerIdentity',
  'minVersion',
  'maxVersion',
  'secureProtocol',
  'ciphers',
  'tlsAllowInvalidCertificates',
  'tlsAllowInvalidHostnames',
  'tlsInsecure',
  'sslValidate',
  'trustServerCertificate',
]);

const WEAK_VERSIONS = new Set(['TLSv1', 'TLSv1.1', 'SSLv3']);
const WEAK_PROTOCOL_METHOD = /^(?:SSLv[23]|TLSv1(?:_1)?)_(?:client_|server_)?method$/;

/** OpenSSL cipher-list tokens that *add* weak suites; `!X` and `-X` remove, `+X` only reorders. */
const WEAK_CIPHER_TOKEN =
  /^(?:e?NULL|aNULL|NULL-.*|.*-NULL-.*|EXP(?:ORT)?(?:\d+)?|RC4(?:-.*)?|DES(?:-CBC)?(?:-.*)?|3DES|DES-CBC3-.*|.*-DES-CBC3-.*|MD5|.*-MD5|ADH(?:-.*)?|AECDH(?:-.*)?|LOW|@SECLEVEL=0|ALL:@SECLEVEL=0)$/i;

export function weakCipherTokens(list: string): string[] {
  return list
    .split(/[:, ]+/)
    .filter((t) => t && !t.startsWith('!') && !t.startsWith('-') && !t.startsWith('+'))
    .filter((t) => WEAK_CIPHER_TOKEN.test(t));
}

export function assessTlsOptions(
  object: ObjectValue,
  environment: Environment,
  guards: Guards,
  context: { loopback: boolean; driver: string },
): Observation[] {
  const out: Observation[] = [];
  for (const property of object.properties) {
    if (!TLS_OPTION_KEYS.has(property.key)) continue;
    for (const alt of alternatives(property.value, environment, guards)) {
      const literal = alt.value.kind === 'literal' && !alt.value.synthetic;
      // An explicit branch is the operator's choice: report only literals written there.
      if (alt.explicit && !literal && alt.value.kind !== 'function') continue;
      const push = (
        kind: ObservationKind,
        problem: string,
        secure: string,
        extra: Partial<Observation> = {},
      ) =>
        out.push({
          kind,
          range:
            literal || alt.value.kind === 'function'
              ? rangeOf(property, alt.value.range)
              : property.range,
          environment: alt.environment,
          explicit: alt.explicit,
          literal,
          loopback: context.loopback,
          driver: context.driver,
          problem,
          secure,
          fixes: [],
          ...extra,
        });
      const value = alt.value;
      const text = stringOf(value);
      const fromEnv =
        value.kind === 'literal' && value.fromEnv ? ` unless ${value.fromEnv.name} is set` : '';
      switch (property.key) {
        case 'rejectUnauthorized':
          if (isOffLiteral(value)) {
            push(
              'verification-disabled',
              `\`rejectUnauthorized\` is false${fromEnv}, so the server certificate is not verified`,
              'rejectUnauthorized: true',
              {
                fixes: literal
                  ? [
                      {
                        description: 'Set rejectUnauthorized to true',
                        edits: [{ range: value.range, text: 'true' }],
                        safe: true,
                      },
                    ]
                  : [],
              },
            );
          }
          break;
        case 'checkServerIdentity':
          if (value.kind === 'function' && value.returnsNothing) {
            push(
              'host-unchecked',
              'a `checkServerIdentity` that returns nothing turns host name verification off',
              'no checkServerIdentity override (Node checks the host name)',
            );
          }
          break;
        case 'minVersion':
        case 'maxVersion':
          if (text && (WEAK_VERSIONS.has(text) || text === 'TLSv1.2')) {
            // `maxVersion: 'TLSv1.2'` is only below a project minimum of TLS 1.3; the check compares.
            push(
              'weak-tls-version',
              `\`${property.key}: '${text}'\` ${property.key === 'minVersion' ? 'allows' : 'forces'} ${text}`,
              "minVersion: 'TLSv1.2'",
              {
                tlsVersion: text,
                fixes:
                  property.key === 'minVersion' && literal
                    ? [
                        {
                          description: "Set minVersion to 'TLSv1.2'",
                          edits: [{ range: value.range, text: quoteLike(value.range, 'TLSv1.2') }],
                          safe: true,
                        },
                      ]
                    : [],
              },
            );
          }
          break;
        case 'secureProtocol':
          if (text && WEAK_PROTOCOL_METHOD.test(text)) {
            push(
              'weak-tls-version',
              `\`secureProtocol: '${text}'\` forces a protocol below TLS 1.2`,
              "minVersion: 'TLSv1.2' (and no secureProtocol)",
              { tlsVersion: text.startsWith('TLSv1_1') ? 'TLSv1.1' : 'TLSv1' },
            );
          } else if (text && /^TLSv1_2_(?:client_|server_)?method$/.test(text)) {
            // Forces TLS 1.2: only below a project minimum of TLS 1.3 (the check compares).
            push(
              'weak-tls-version',
              `\`secureProtocol: '${text}'\` forces TLSv1.2`,
              "minVersion: 'TLSv1.2' (and no secureProtocol)",
              { tlsVersion: 'TLSv1.2' },
            );
          }
          break;
        case 'ciphers':
          if (text) {
            const weak = weakCipherTokens(text);
            if (weak.length > 0)
              push(
                'weak-ciphers',
                `the cipher list enables weak suites (${weak.join(', ')})`,
                "Node's default cipher list (omit `ciphers`)",
              );
          }
          break;
        case 'tlsAllowInvalidCertificates':
        case 'tlsInsecure':
          if (value.kind === 'literal' && value.value === true)
            push(
              'verification-disabled',
              `\`${property.key}: true\` turns certificate verification off`,
              'tls: true without tlsAllowInvalid* options',
            );
          break;
        case 'tlsAllowInvalidHostnames':
          if (value.kind === 'literal' && value.value === true)
            push(
              'host-unchecked',
              '`tlsAllowInvalidHostnames: true` turns host name verification off',
              'tls: true without tlsAllowInvalid* options',
            );
          break;
        case 'sslValidate':
          if (isOffLiteral(value))
            push(
              'verification-disabled',
              '`sslValidate: false` turns certificate verification off',
              'tls: true (and drop sslValidate, removed in MongoDB driver 6)',
            );
          break;
        case 'trustServerCertificate':
          if (value.kind === 'literal' && (value.value === true || value.value === 'true')) {
            push(
              'verification-disabled',
              '`trustServerCertificate: true` accepts any server certificate',
              'trustServerCertificate: false',
              {
                fixes: literal
                  ? [
                      {
                        description: 'Set trustServerCertificate to false',
                        edits: [{ range: value.range, text: 'false' }],
                        safe: true,
                      },
                    ]
                  : [],
              },
            );
          }
          break;
      }
    }
  }
  return out;
}

function rangeOf(
  property: Property,
  valueRange: readonly [number, number],
): readonly [number, number] {
  return [property.range[0], Math.max(property.range[1], valueRange[1])];
}

/** The replacement keeps the literal's quotes; the range covers them. */
function quoteLike(_range: readonly [number, number], text: string): string {
  return `'${text}'`;
}
