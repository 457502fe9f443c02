/**
 * Settings an application reads itself and hands to its driver (DRIVERS.md §18 "App
 * conventions"): `DB_SSL=false`, `DB_SSL_REJECT_UNAUTHORIZED=false`,
 * `DB_TRUST_SERVER_CERTIFICATE=true`, `DATABASE_SSLMODE=prefer`, and TypeORM's own env
 * variables. The app decides what they mean, so fixes that change behaviour are suggestions.
 */
import { message } from '../messages.js';
import {
  BOOLEAN_COUNTERPART,
  FALSE_WORDS,
  matchCase,
  OFF_WORDS,
  parseBooleanWord,
} from '../vocabulary.js';
import { parseSslmode, SSLMODES, type SslmodeValue } from './libpq.js';
import { parseMysqlSslMode } from './mysql.js';
import type { ScalarJudgement } from './scalar.js';

const DRIVER = 'app setting';

/** The opposite of a boolean word, in its case (`FALSE` → `TRUE`). */
function counterpart(word: string): string {
  return matchCase(BOOLEAN_COUNTERPART[word.toLowerCase()]!, word);
}

/** `DB_SSL=false`, `REDIS_TLS=off`, `DB_ENCRYPT=disable`: the application's own TLS switch. */
export function readTlsSwitch(judgement: ScalarJudgement): void {
  const v = judgement.text;
  if (!OFF_WORDS.has(v.toLowerCase())) return;
  const on = counterpart(v);
  judgement.observe(
    'tls-off',
    {
      id: 'appTlsSwitchOff',
      data: {
        driver: DRIVER,
        setting: `${judgement.name}=${v}`,
        secure: `${judgement.name}=true (with certificate verification)`,
      },
    },
    // The meaning of an app switch is the app's: a suggestion, not an unattended change.
    { fixes: judgement.replace(on, `Set ${judgement.name} to ${on}`, false) },
  );
}

/** `DB_SSL_REJECT_UNAUTHORIZED=false`: the app's verification switch. */
export function readRejectUnauthorizedSwitch(judgement: ScalarJudgement): void {
  const v = judgement.text;
  if (!FALSE_WORDS.has(v.toLowerCase())) return;
  const on = counterpart(v);
  judgement.observe(
    'verification-disabled',
    {
      id: 'appVerificationOff',
      data: {
        driver: DRIVER,
        setting: `${judgement.name}=${v}`,
        secure: `${judgement.name}=true`,
      },
    },
    { fixes: judgement.replace(on, `Set ${judgement.name} to ${on}`, true) },
  );
}

/** `DB_TRUST_SERVER_CERTIFICATE=true`. */
export function readTrustServerCertificateSwitch(judgement: ScalarJudgement): void {
  const v = judgement.text;
  if (parseBooleanWord(v) !== true) return;
  judgement.observe('verification-disabled', {
    id: 'appTrustServerCertificate',
    data: {
      driver: DRIVER,
      setting: `${judgement.name}=${v}`,
      secure: `${judgement.name}=false`,
    },
  });
}

/** `DATABASE_SSLMODE=prefer`, `MYSQL_SSL_MODE=PREFERRED`: libpq or MySQL spellings. */
export function readAppSslmode(judgement: ScalarJudgement): void {
  const name = judgement.name;
  const v = judgement.text;
  const libpq = parseSslmode(v);
  const mysql = libpq === undefined ? parseMysqlSslMode(v) : undefined;
  const mode: SslmodeValue | undefined = libpq ?? mysql;
  if (mode === undefined || mode === 'verify-full') return; // an app's own spelling: not ours to judge
  const secureValue = mysql !== undefined ? 'VERIFY_IDENTITY' : 'verify-full';
  const secure = `${name}=${secureValue}`;
  // The consumer is the app's code: Slonik breaks on verify-full, Prisma ignores it. A suggestion only.
  const fixes = judgement.replace(secureValue, `Set ${name} to ${secureValue}`, false);
  const setting = `${name}=${v}`;
  if (mode === 'disable') {
    judgement.observe(
      'tls-off',
      { id: 'appTlsSwitchOff', data: { driver: DRIVER, setting, secure } },
      { fixes },
    );
  } else if (mode === 'no-verify') {
    judgement.observe(
      'verification-disabled',
      { id: 'appVerificationOff', data: { driver: DRIVER, setting, secure } },
      { sslmode: 'no-verify', fixes },
    );
  } else if (mysql !== undefined) {
    judgement.observe(
      'weak-sslmode',
      { id: 'mysqlModeBelowVerifyIdentity', data: { driver: DRIVER, setting, secure } },
      { sslmode: mode, fixes },
    );
  } else {
    const messages = SSLMODES[mode].messages;
    if (messages)
      judgement.observe(
        'weak-sslmode',
        message(messages.plain, { driver: DRIVER, setting: `${name}=${mode}`, secure }),
        { sslmode: mode, fixes },
      );
  }
}

/** What the postgres image's `POSTGRES_HOST_AUTH_METHOD` lets in (its entrypoint writes pg_hba from it). */
const HOST_AUTH_METHODS: Readonly<
  Record<string, 'postgresImageTrust' | 'postgresImagePassword' | 'postgresImageMd5'>
> = {
  trust: 'postgresImageTrust',
  password: 'postgresImagePassword',
  md5: 'postgresImageMd5',
};

/** `POSTGRES_HOST_AUTH_METHOD=trust` (and `password`, `md5`) for the postgres image. */
export function readHostAuthMethod(judgement: ScalarJudgement): void {
  const value = judgement.text.toLowerCase();
  const id = Object.hasOwn(HOST_AUTH_METHODS, value) ? HOST_AUTH_METHODS[value] : undefined;
  if (!id) return;
  judgement.observe(
    'weak-auth',
    { id, data: { secure: 'POSTGRES_HOST_AUTH_METHOD=scram-sha-256 (the image default)' } },
    // Changing the method can lock clients out: a suggestion, not an unattended change.
    {
      fixes: judgement.replace(
        'scram-sha-256',
        'Set POSTGRES_HOST_AUTH_METHOD to scram-sha-256',
        false,
      ),
    },
  );
}

const TYPEORM_SECURE = 'TYPEORM_DRIVER_EXTRA={"ssl":{"rejectUnauthorized":true}}';

/** `TYPEORM_SSL`: TypeORM has no such variable (DRIVERS §4). */
export function readTypeormSsl(judgement: ScalarJudgement): void {
  judgement.observe('tls-ignored', {
    id: 'typeormSslVariableIgnored',
    data: { driver: 'TypeORM', secure: TYPEORM_SECURE },
  });
}

/** `TYPEORM_DRIVER_EXTRA={"ssl":{"rejectUnauthorized":false}}`: JSON spread over TypeORM's options (DRIVERS §4). */
export function readTypeormDriverExtra(judgement: ScalarJudgement): void {
  const raw = String(judgement.literal.value);
  if (raw.length > 100_000) return;
  const root = parseJsonSpans(raw);
  if (root?.kind !== 'object') return;
  const driver = 'TypeORM (TYPEORM_DRIVER_EXTRA)';
  const ssl = root.members.get('ssl');
  if (!ssl) return;
  if (ssl.kind === 'false') {
    judgement.observe(
      'tls-off',
      { id: 'typeormExtraSslOff', data: { driver, secure: TYPEORM_SECURE } },
      { range: judgement.sub(ssl.start, ssl.end) },
    );
    return;
  }
  const reject = ssl.kind === 'object' ? ssl.members.get('rejectUnauthorized') : undefined;
  if (reject?.kind !== 'false') return;
  judgement.observe(
    'verification-disabled',
    { id: 'typeormExtraRejectUnauthorizedOff', data: { driver, secure: TYPEORM_SECURE } },
    {
      range: judgement.sub(reject.start, reject.end),
      fixes: judgement.edit(
        reject.start,
        reject.end,
        'true',
        'Set ssl.rejectUnauthorized to true in TYPEORM_DRIVER_EXTRA',
        true,
      ),
    },
  );
}

/** A JSON value's kind and span; objects keep their members (the last spelling of a key wins). */
type JsonSpan =
  | { kind: 'object'; start: number; end: number; members: Map<string, JsonSpan> }
  | { kind: 'false' | 'other'; start: number; end: number };

/**
 * Just enough of JSON to find values and their offsets in an env value, without a parser
 * library in the core: strict JSON (no comments), undefined for anything malformed.
 */
function parseJsonSpans(text: string): JsonSpan | undefined {
  let i = 0;
  const space = () => {
    while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
  };
  const string = (): string | undefined => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) return undefined;
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return undefined;
    }
  };
  const value = (depth: number): JsonSpan | undefined => {
    space();
    const start = i;
    const c = text[i];
    if (depth > 64 || c === undefined) return undefined;
    if (c === '{') {
      i++;
      const members = new Map<string, JsonSpan>();
      space();
      if (text[i] === '}') return { kind: 'object', start, end: ++i, members };
      for (;;) {
        space();
        if (text[i] !== '"') return undefined;
        const key = string();
        space();
        if (key === undefined || text[i] !== ':') return undefined;
        i++;
        const member = value(depth + 1);
        if (!member) return undefined;
        members.set(key, member);
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return { kind: 'object', start, end: ++i, members };
        else return undefined;
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') return { kind: 'other', start, end: ++i };
      for (;;) {
        if (!value(depth + 1)) return undefined;
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return { kind: 'other', start, end: ++i };
        else return undefined;
      }
    }
    if (c === '"') return string() === undefined ? undefined : { kind: 'other', start, end: i };
    const word = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(i, i + 64),
    );
    if (!word) return undefined;
    i += word[0].length;
    return { kind: word[0] === 'false' ? 'false' : 'other', start, end: i };
  };
  const root = value(0);
  space();
  return root && i === text.length ? root : undefined;
}
