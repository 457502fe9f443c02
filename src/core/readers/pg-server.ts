/**
 * The PostgreSQL server's own settings (DRIVERS.md §17): `postgresql.conf` lines as the
 * front-end lowered them. One row per setting name; the last line of a name wins, as in
 * PostgreSQL.
 */
import type { PasswordCandidate } from '../credentials.js';
import { parseConnectionUrl } from '../connection-url.js';
import type { Environment, FixIntent, LiteralValue, Range } from '../model.js';
import type { Verdict } from '../verdicts.js';
import { parsePostgresBool, parseTlsVersion, type TlsVersion } from '../vocabulary.js';
import { weakCipherTokens } from './node-tls.js';
import { readUrl } from './url.js';

const SERVER = 'PostgreSQL server (postgresql.conf)';
const SSL_ON = 'ssl = on (with a certificate and key)';

/** One `name = value` line. */
export interface ServerSetting {
  /** Lower-cased. */
  name: string;
  nameRange: Range;
  value: string;
  valueRange: Range;
  /** Where the value's characters start when it is quoted and has no escapes. */
  contentStart?: number;
  verbatim: boolean;
  quoted: boolean;
}

export interface ServerConfig {
  settings: readonly ServerSetting[];
  /** The file is the main `postgresql.conf` (where an absent `ssl` means off). */
  mainFile: boolean;
  /** Where a missing setting is reported (the first line). */
  start: Range;
  environment: Environment;
  minimumTlsVersion: TlsVersion;
}

export function readServerConfig(config: ServerConfig): {
  verdicts: Verdict[];
  passwords: PasswordCandidate[];
} {
  const verdicts: Verdict[] = [];
  const passwords: PasswordCandidate[] = [];
  const last = new Map<string, ServerSetting>();
  for (const s of config.settings) last.set(s.name, s); // the last setting of a name wins
  const { environment } = config;
  const base = { environment, explicit: false, literal: true, loopback: false };
  const whole = (s: ServerSetting): Range => [s.nameRange[0], s.valueRange[1]];
  const replace = (
    s: ServerSetting,
    text: string,
    description: string,
    safe: boolean,
  ): FixIntent[] => {
    const quote = s.quoted ? "'" : '';
    return [
      { description, edits: [{ range: s.valueRange, text: `${quote}${text}${quote}` }], safe },
    ];
  };

  // listen_addresses defaults to 'localhost': a server that listens only there is loopback.
  const listen = last.get('listen_addresses');
  const listensLocally =
    !listen ||
    listen.value
      .split(',')
      .map((a) => a.trim().toLowerCase())
      .every((a) => a === '' || a === 'localhost' || a === '::1' || /^127\./.test(a));
  const ssl = last.get('ssl');
  const includes = config.settings.some(
    (s) => s.name === 'include' || s.name === 'include_if_exists' || s.name === 'include_dir',
  );
  if (ssl && parsePostgresBool(ssl.value) === false) {
    verdicts.push({
      ...base,
      loopback: listensLocally,
      kind: 'tls-off',
      message: { id: 'serverSslOff', data: { driver: SERVER, value: ssl.value, secure: SSL_ON } },
      setting: 'ssl',
      range: whole(ssl),
      fixes: replace(ssl, 'on', 'Set ssl = on', false),
    });
  } else if (!ssl && config.mainFile) {
    // Absent means off (PostgreSQL's default). An included file or ALTER SYSTEM may still turn
    // it on. A server listening beyond loopback is reported where it opens up: that line.
    const remote = listen && !listensLocally ? listen : undefined;
    verdicts.push({
      ...base,
      loopback: listensLocally,
      literal: false,
      kind: includes ? 'tls-unresolved' : 'tls-off',
      message: includes
        ? { id: 'serverSslUnsetWithIncludes', data: { driver: SERVER, secure: SSL_ON } }
        : remote
          ? {
              id: 'serverListensWithoutSsl',
              data: { driver: SERVER, value: remote.value, secure: SSL_ON },
            }
          : { id: 'serverSslUnset', data: { driver: SERVER, secure: SSL_ON } },
      setting: 'ssl',
      range: remote ? whole(remote) : config.start,
      fixes: [],
    });
  }

  const minimum = config.minimumTlsVersion;
  for (const key of ['ssl_min_protocol_version', 'ssl_max_protocol_version']) {
    const s = last.get(key);
    const version = s ? parseTlsVersion(s.value) : undefined;
    if (!s || !version || version === 'TLSv1.3') continue;
    const min = key === 'ssl_min_protocol_version';
    verdicts.push({
      ...base,
      kind: 'weak-tls-version',
      message: {
        id: min ? 'serverVersionAllows' : 'serverVersionForces',
        data: {
          driver: SERVER,
          key,
          value: s.value,
          version,
          secure: `ssl_min_protocol_version = '${minimum}'`,
        },
      },
      setting: key,
      range: whole(s),
      tlsVersion: version,
      fixes:
        min && version !== minimum
          ? replace(s, minimum, `Set ssl_min_protocol_version = '${minimum}'`, true)
          : [],
    });
  }

  const ciphers = last.get('ssl_ciphers');
  const weak = ciphers ? weakCipherTokens(ciphers.value) : [];
  if (ciphers && weak.length > 0)
    verdicts.push({
      ...base,
      kind: 'weak-ciphers',
      message: {
        id: 'serverWeakCiphers',
        data: {
          driver: SERVER,
          ciphers: weak.slice(0, 5).join(', '),
          secure: "PostgreSQL's default ssl_ciphers = 'HIGH:MEDIUM:+3DES:!aNULL'",
        },
      },
      setting: 'ssl_ciphers',
      range: whole(ciphers),
      fixes: [],
    });

  const encryption = last.get('password_encryption');
  if (encryption) {
    const v = encryption.value.trim().toLowerCase();
    // on/true: an old alias of md5
    if (v === 'md5' || parsePostgresBool(v) === true)
      verdicts.push({
        ...base,
        kind: 'weak-auth',
        message: {
          id: v === 'md5' ? 'md5PasswordEncryption' : 'md5PasswordEncryptionAlias',
          data: { value: encryption.value, secure: "password_encryption = 'scram-sha-256'" },
        },
        setting: 'password_encryption',
        range: whole(encryption),
        fixes: replace(
          encryption,
          'scram-sha-256',
          "Set password_encryption = 'scram-sha-256'",
          false,
        ),
      });
  }

  // primary_conninfo: a libpq keyword string the standby uses to reach the primary.
  const conninfo = last.get('primary_conninfo');
  const url =
    conninfo && conninfo.value.trim() !== '' ? parseConnectionUrl(conninfo.value) : undefined;
  if (conninfo && url) {
    const literal: LiteralValue = {
      kind: 'literal',
      value: conninfo.value,
      range: conninfo.valueRange,
      ...(conninfo.contentStart !== undefined ? { contentStart: conninfo.contentStart } : {}),
      ...(conninfo.verbatim && conninfo.quoted ? { verbatim: true } : {}),
    };
    const read = readUrl('libpq', {
      literal,
      url,
      environment,
      explicit: false,
      driver: 'PostgreSQL standby (primary_conninfo)',
      optionMayEnableTls: false,
    });
    verdicts.push(...read.verdicts);
    for (const c of url.credentials) {
      passwords.push({
        secret: c.value,
        range:
          literal.verbatim && literal.contentStart !== undefined
            ? [literal.contentStart + c.start, literal.contentStart + c.end]
            : literal.range,
        holder: { kind: 'conninfo' },
        driver: 'PostgreSQL standby',
        environment,
        loopback: read.loopback,
        inComment: false,
        ...(url.user ? { user: url.user } : {}),
      });
    }
  }
  return { verdicts, passwords };
}
