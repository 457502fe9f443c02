/**
 * The scanner's PostgreSQL server configuration front-end (DRIVERS.md §17):
 * `postgresql.conf` (and `postgresql.auto.conf`, `postgresql*.conf`, `conf.d/*.conf` under a
 * PostgreSQL directory) and `pg_hba.conf`. Both are line formats, read with small exact
 * tokenisers (quotes, `#` comments); see docs/formats/python-prisma-postgres.md.
 */
import { weakCipherTokens } from '../../core/assess-tls-options.js';
import { assessUrl } from '../../core/assess-url.js';
import { parseConnectionUrl } from '../../core/connection-url.js';
import type { PasswordCandidate } from '../../core/credentials.js';
import type { FileInfo, FixIntent, LiteralValue, PolicyOptions, Range } from '../../core/model.js';
import type { Observation } from '../../core/observations.js';
import { runChecks } from '../../core/run-checks.js';
import { parsePostgresBool, parseTlsVersion } from '../../core/vocabulary.js';
import type { Frontend, FrontendOutput } from '../types.js';

const SERVER = 'PostgreSQL server (postgresql.conf)';
const HBA = 'PostgreSQL server (pg_hba.conf)';

type Kind = 'conf' | 'hba';

export function confKind(relativePath: string): Kind | undefined {
  if (!/\.conf$/i.test(relativePath)) return undefined; // cheap rejection: runs for every discovered file
  const segments = relativePath.replaceAll('\\', '/').toLowerCase().split('/');
  const base = segments.at(-1) ?? '';
  if (/^pg_hba(?:[._-][\w.-]*)?\.conf$/.test(base)) return 'hba';
  if (/^postgres(?:ql)?(?:[._-][\w.-]*)?\.conf$/.test(base)) return 'conf';
  if (
    base.endsWith('.conf') &&
    segments.at(-2) === 'conf.d' &&
    segments.slice(0, -2).some((s) => /^(?:postgres(?:ql)?|pg(?:sql)?)$/.test(s))
  )
    return 'conf';
  return undefined;
}

export const postgresConfFrontend: Frontend = {
  name: 'postgres-conf',
  commentToken: '#',
  matches: (path) => confKind(path) !== undefined,
  analyze(source, context): FrontendOutput {
    const kind = confKind(source.relativePath);
    if (source.text.includes('\u0000'))
      return {
        findings: [],
        diagnostics: [
          {
            file: source.relativePath,
            message: 'Skipped: binary content (NUL bytes), not a configuration file',
          },
        ],
      };
    const observations: Observation[] = [];
    const passwords: PasswordCandidate[] = [];
    if (kind === 'hba') analyzeHba(source.text, context.file, observations);
    else analyzeConf(source.text, source.relativePath, context.file, observations, passwords);
    return {
      findings: runChecks(observations, passwords, {
        file: context.file,
        options: context.options as PolicyOptions,
      }),
      diagnostics: [],
    };
  },
};

// ── postgresql.conf ───────────────────────────────────────────────────────────

interface Setting {
  name: string;
  nameRange: Range;
  value: string;
  valueRange: Range;
  /** Where the value's characters start when it is quoted and has no escapes. */
  contentStart?: number;
  verbatim: boolean;
  quoted: boolean;
}

/** `name = value` / `name value`; `#` starts a comment outside quotes; `''` and `\'` escape a quote. */
export function parseConf(text: string): Setting[] {
  const settings: Setting[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const setting = parseConfLine(text, lineStart, lineEnd);
    if (setting) settings.push(setting);
    lineStart = lineEnd + 1;
  }
  return settings;
}

function parseConfLine(text: string, start: number, end: number): Setting | undefined {
  let i = start;
  const skip = () => {
    while (i < end && /[ \t\r\f\v\uFEFF]/.test(text[i]!)) i++;
  };
  skip();
  const nameStart = i;
  while (i < end && /[A-Za-z0-9_.]/.test(text[i]!)) i++;
  if (i === nameStart) return undefined;
  const name = text.slice(nameStart, i).toLowerCase();
  const nameRange: Range = [nameStart, i];
  skip();
  if (text[i] === '=') {
    i++;
    skip();
  }
  if (i >= end || text[i] === '#') return undefined;
  if (text[i] === "'") {
    const valueStart = i;
    i++;
    let value = '';
    let verbatim = true;
    while (i < end) {
      const c = text[i]!;
      if (c === "'" && text[i + 1] === "'") {
        value += "'";
        verbatim = false;
        i += 2;
      } else if (c === '\\' && i + 1 < end) {
        value += text[i + 1];
        verbatim = false;
        i += 2;
      } else if (c === "'") {
        i++;
        break;
      } else {
        value += c;
        i++;
      }
    }
    return {
      name,
      nameRange,
      value,
      valueRange: [valueStart, i],
      contentStart: valueStart + 1,
      verbatim,
      quoted: true,
    };
  }
  const valueStart = i;
  while (i < end && !/[\s#]/.test(text[i]!)) i++;
  return {
    name,
    nameRange,
    value: text.slice(valueStart, i),
    valueRange: [valueStart, i],
    verbatim: true,
    quoted: false,
  };
}

function analyzeConf(
  text: string,
  relativePath: string,
  file: FileInfo,
  out: Observation[],
  passwords: PasswordCandidate[],
): void {
  const settings = parseConf(text);
  const last = new Map<string, Setting>();
  for (const s of settings) last.set(s.name, s); // the last setting of a name wins
  const environment = file.environment;
  const base = { environment, explicit: false, literal: true, loopback: false };
  // listen_addresses defaults to 'localhost': a server that listens only there is loopback.
  const listen = last.get('listen_addresses');
  const listensLocally =
    !listen ||
    listen.value
      .split(',')
      .map((a) => a.trim().toLowerCase())
      .every((a) => a === '' || a === 'localhost' || a === '::1' || /^127\./.test(a));
  const replace = (s: Setting, text: string, description: string, safe: boolean): FixIntent[] => {
    const quote = s.quoted ? "'" : '';
    return [
      { description, edits: [{ range: s.valueRange, text: `${quote}${text}${quote}` }], safe },
    ];
  };

  const ssl = last.get('ssl');
  const includes = settings.some(
    (s) => s.name === 'include' || s.name === 'include_if_exists' || s.name === 'include_dir',
  );
  const isMainFile = /(?:^|\/)postgresql\.conf$/i.test(relativePath.replaceAll('\\', '/'));
  if (ssl && parsePostgresBool(ssl.value) === false) {
    out.push({
      ...base,
      loopback: listensLocally,
      kind: 'tls-off',
      range: [ssl.nameRange[0], ssl.valueRange[1]],
      driver: SERVER,
      problem: `\`ssl = ${ssl.value}\`: the server accepts no TLS connections, so every client connects in plaintext`,
      secure: 'ssl = on (with ssl_cert_file and ssl_key_file)',
      fixes: replace(ssl, 'on', 'Set ssl = on', false),
    });
  } else if (!ssl && isMainFile) {
    // Absent means off (PostgreSQL's default). An included file or ALTER SYSTEM may still turn it on.
    const firstLine = text.indexOf('\n');
    out.push({
      ...base,
      loopback: listensLocally,
      literal: false,
      kind: includes ? 'tls-unresolved' : 'tls-off',
      range: [0, firstLine === -1 ? text.length : firstLine],
      driver: SERVER,
      problem: includes
        ? '`ssl` is not set here (an included file may set it); the default is off'
        : '`ssl` is not set, and PostgreSQL defaults it to off: the server accepts no TLS connections',
      secure: 'ssl = on (with ssl_cert_file and ssl_key_file)',
      fixes: [],
    });
  }

  for (const key of ['ssl_min_protocol_version', 'ssl_max_protocol_version']) {
    const s = last.get(key);
    const v = s ? parseTlsVersion(s.value) : undefined;
    if (!s || !v) continue;
    const min = key === 'ssl_min_protocol_version';
    if (v === 'TLSv1.3' || (!min && v === 'TLSv1.2')) continue;
    out.push({
      ...base,
      kind: 'weak-tls-version',
      range: [s.nameRange[0], s.valueRange[1]],
      driver: SERVER,
      problem: `\`${key} = '${s.value}'\` ${min ? 'allows' : 'forces'} ${v}`,
      secure: "ssl_min_protocol_version = 'TLSv1.2'",
      tlsVersion: v,
      fixes:
        min && v !== 'TLSv1.2'
          ? replace(s, 'TLSv1.2', "Set ssl_min_protocol_version = 'TLSv1.2'", true)
          : [],
    });
  }

  const ciphers = last.get('ssl_ciphers');
  if (ciphers) {
    const weak = weakCipherTokens(ciphers.value);
    if (weak.length > 0)
      out.push({
        ...base,
        kind: 'weak-ciphers',
        range: [ciphers.nameRange[0], ciphers.valueRange[1]],
        driver: SERVER,
        problem: `ssl_ciphers enables weak suites (${weak.slice(0, 5).join(', ')})`,
        secure: "PostgreSQL's default ssl_ciphers = 'HIGH:MEDIUM:+3DES:!aNULL'",
        fixes: [],
      });
  }

  const encryption = last.get('password_encryption');
  if (encryption) {
    const v = encryption.value.trim().toLowerCase();
    const md5 = v === 'md5' || parsePostgresBool(v) === true; // on/true: an old alias of md5
    if (md5)
      out.push({
        ...base,
        kind: 'weak-auth',
        range: [encryption.nameRange[0], encryption.valueRange[1]],
        driver: SERVER,
        problem: `\`password_encryption = ${encryption.value}\` stores new passwords as MD5 hashes (weak, deprecated in PostgreSQL 18)${v === 'md5' ? '' : '; on/true is an old alias of md5'}`,
        secure: "password_encryption = 'scram-sha-256'",
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
  if (conninfo && conninfo.value.trim() !== '') {
    const url = parseConnectionUrl(conninfo.value);
    if (url) {
      const literal: LiteralValue = {
        kind: 'literal',
        value: conninfo.value,
        range: conninfo.valueRange,
        ...(conninfo.contentStart !== undefined ? { contentStart: conninfo.contentStart } : {}),
        ...(conninfo.verbatim && conninfo.quoted ? { verbatim: true } : {}),
      };
      const verdict = assessUrl('libpq', {
        literal,
        url,
        environment,
        explicit: false,
        driver: 'PostgreSQL standby (primary_conninfo)',
        optionMayEnableTls: false,
      });
      out.push(...verdict.observations);
      for (const c of url.credentials) {
        passwords.push({
          secret: c.value,
          range:
            literal.verbatim && literal.contentStart !== undefined
              ? [literal.contentStart + c.start, literal.contentStart + c.end]
              : literal.range,
          where: 'primary_conninfo',
          driver: 'PostgreSQL standby',
          environment,
          loopback: verdict.loopback,
          inComment: false,
          ...(url.user ? { user: url.user } : {}),
        });
      }
    }
  }
}

// ── pg_hba.conf ───────────────────────────────────────────────────────────────

interface Field {
  text: string;
  range: Range;
  quoted: boolean;
}

/** Splits a pg_hba.conf record into fields: whitespace-separated, `"…"` quoted, `#` comments, `\` continuations. */
export function hbaRecords(text: string): Field[][] {
  const records: Field[][] = [];
  let fields: Field[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      if (fields.length > 0) records.push(fields);
      fields = [];
      i++;
    } else if (
      c === '\\' &&
      (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))
    ) {
      i += text[i + 1] === '\r' ? 3 : 2; // continuation
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
    } else {
      const start = i;
      let value = '';
      let quoted = false;
      while (i < n && !/\s/.test(text[i]!) && text[i] !== '#') {
        if (text[i] === '"') {
          quoted = true;
          i++;
          while (i < n && text[i] !== '"' && text[i] !== '\n') value += text[i++];
          if (text[i] === '"') i++;
        } else value += text[i++];
      }
      fields.push({ text: value, range: [start, i], quoted });
    }
  }
  if (fields.length > 0) records.push(fields);
  return records;
}

const HOST_TYPES = new Set(['host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc']);
/** Methods that carry the password in clear text from client to server (PostgreSQL docs, auth-methods). */
const CLEARTEXT_METHODS = new Set(['password', 'ldap', 'radius', 'pam', 'bsd']);

function analyzeHba(text: string, file: FileInfo, out: Observation[]): void {
  const environment = file.environment;
  for (const fields of hbaRecords(text)) {
    const type = fields[0];
    if (!type || type.quoted) continue;
    const t = type.text.toLowerCase();
    if (t.startsWith('include')) continue; // include, include_if_exists, include_dir: another file
    let methodIndex: number;
    let loopback: boolean;
    let address = '';
    if (t === 'local') {
      methodIndex = 3;
      loopback = true;
    } else if (HOST_TYPES.has(t)) {
      const addr = fields[3];
      if (!addr) continue;
      address = addr.text;
      // An IPv4/IPv6 address without a prefix takes its mask from the next field.
      const separateMask =
        !address.includes('/') &&
        /^[0-9a-f.:]+$/i.test(address) &&
        /[.:]/.test(address) &&
        fields[4] !== undefined &&
        /^[0-9a-f.:]+$/i.test(fields[4].text) &&
        /[.:]/.test(fields[4].text);
      methodIndex = separateMask ? 5 : 4;
      loopback = isLoopbackAddress(address, separateMask ? fields[4]!.text : undefined);
    } else continue;
    const method = fields[methodIndex];
    if (!method) continue;
    const m = method.text.toLowerCase();
    const base = { environment, explicit: false, literal: true, loopback, driver: HBA };
    const where = t === 'local' ? 'local connections' : `connections from ${address}`;
    if (t === 'host' || t === 'hostnogssenc') {
      out.push({
        ...base,
        kind: 'tls-off',
        range: type.range,
        problem: `a \`${t}\` line accepts ${where} with or without TLS, so clients may connect in plaintext`,
        secure: 'hostssl',
        fixes: [
          {
            description: `Change ${t} to hostssl`,
            edits: [{ range: type.range, text: 'hostssl' }],
            safe: false,
          },
        ],
      });
    } else if (t === 'hostnossl') {
      out.push({
        ...base,
        kind: 'tls-off',
        range: type.range,
        problem: `a \`hostnossl\` line accepts ${where} only without TLS`,
        secure: 'hostssl',
        fixes: [
          {
            description: 'Change hostnossl to hostssl',
            edits: [{ range: type.range, text: 'hostssl' }],
            safe: false,
          },
        ],
      });
    }
    const auth = (problem: string) =>
      out.push({
        ...base,
        kind: 'weak-auth',
        range: method.range,
        problem,
        secure: 'scram-sha-256 (or cert) on a hostssl line',
        fixes: [
          {
            description: 'Use scram-sha-256',
            edits: [{ range: method.range, text: 'scram-sha-256' }],
            safe: false,
          },
        ],
      });
    if (m === 'trust') auth(`\`trust\` lets ${where} in without any password`);
    else if (m === 'md5')
      auth(
        `\`md5\` authenticates ${where} with MD5 password hashes (weak, deprecated in PostgreSQL 18)`,
      );
    else if (CLEARTEXT_METHODS.has(m) && t !== 'hostssl' && t !== 'local')
      auth(`\`${m}\` sends the password of ${where} in clear text unless the line is hostssl`);
    else if (m === 'ident' && t !== 'local')
      auth(`\`ident\` over TCP trusts what the client machine's ident server says about ${where}`);
  }
}

/** 127.0.0.0/8, ::1/128, `localhost`, `samehost` (the server's own addresses). */
export function isLoopbackAddress(address: string, mask?: string): boolean {
  const a = address.toLowerCase();
  if (a === 'localhost' || a === 'samehost') return true;
  const [ip, prefixText] = a.split('/') as [string, string | undefined];
  let prefix = prefixText === undefined ? undefined : Number(prefixText);
  if (mask !== undefined) prefix = maskBits(mask);
  if (/^127\.\d+\.\d+\.\d+$/.test(ip)) return prefix === undefined || prefix >= 8;
  if (ip === '::1') return prefix === undefined || prefix === 128;
  return false;
}

function maskBits(mask: string): number | undefined {
  const parts = mask.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255))
    return mask === 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' ? 128 : undefined;
  let bits = 0;
  for (const p of parts) bits += p.toString(2).replace(/0/g, '').length;
  return bits;
}
