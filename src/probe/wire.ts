/**
 * PostgreSQL frontend/backend protocol 3.0, only the messages the probe needs
 * (PostgreSQL docs, "Frontend/Backend Protocol", "Message Formats"). Pure encoding and
 * decoding: no sockets here.
 */

/** `SSLRequest`'s request code: 1234 in the high 16 bits, 5679 in the low ones. */
const SSL_REQUEST_CODE = 80877103;
/** Protocol version 3.0. */
const PROTOCOL_3_0 = 196608;

export function sslRequest(): Buffer {
  const message = Buffer.alloc(8);
  message.writeInt32BE(8, 0);
  message.writeInt32BE(SSL_REQUEST_CODE, 4);
  return message;
}

export function startupMessage(parameters: Readonly<Record<string, string>>): Buffer {
  const pairs = Object.entries(parameters).flatMap(([key, value]) => [
    cString(key),
    cString(value),
  ]);
  const body = Buffer.concat([int32(PROTOCOL_3_0), ...pairs, Buffer.from([0])]);
  return Buffer.concat([int32(body.length + 4), body]);
}

/** `PasswordMessage` (cleartext or MD5), `SASLInitialResponse` and `SASLResponse` share type `p`. */
export function passwordMessage(password: string): Buffer {
  return typed('p', cString(password));
}

export function saslInitialResponse(mechanism: string, data: Buffer): Buffer {
  return typed('p', Buffer.concat([cString(mechanism), int32(data.length), data]));
}

export function saslResponse(data: Buffer): Buffer {
  return typed('p', data);
}

export function query(sql: string): Buffer {
  return typed('Q', cString(sql));
}

export function terminate(): Buffer {
  return typed('X', Buffer.alloc(0));
}

/** One backend message: its type byte and its body (without the length word). */
export interface BackendMessage {
  type: string;
  body: Buffer;
}

/**
 * The first complete message at the front of `buffer`, or undefined while it is incomplete.
 * A length word below 4 or above `maxLength` is a protocol error (not PostgreSQL, or garbage).
 */
export function firstMessage(buffer: Buffer, maxLength: number): BackendMessage | undefined {
  if (buffer.length < 5) return undefined;
  const length = buffer.readInt32BE(1);
  if (length < 4 || length > maxLength) throw new ProtocolError(`a message length of ${length}`);
  if (buffer.length < length + 1) return undefined;
  return { type: String.fromCharCode(buffer[0]!), body: buffer.subarray(5, 1 + length) };
}

class ProtocolError extends Error {}

/** The authentication request codes of an `R` message. */
export const AUTH = {
  ok: 0,
  kerberosV5: 2,
  cleartextPassword: 3,
  md5Password: 5,
  gss: 7,
  gssContinue: 8,
  sspi: 9,
  sasl: 10,
  saslContinue: 11,
  saslFinal: 12,
} as const;

/** An `R` message: the code, and the data that comes with some codes. */
export interface AuthenticationRequest {
  code: number;
  /** `md5Password`: the 4-byte salt. */
  salt?: Buffer;
  /** `sasl`: the mechanisms the server offers. */
  mechanisms?: string[];
  /** `saslContinue`, `saslFinal`: the server's SASL data. */
  data?: Buffer;
}

export function parseAuthentication(body: Buffer): AuthenticationRequest {
  if (body.length < 4) throw new ProtocolError('a short authentication request');
  const code = body.readInt32BE(0);
  if (code === AUTH.md5Password) return { code, salt: body.subarray(4, 8) };
  if (code === AUTH.sasl) return { code, mechanisms: cStrings(body.subarray(4)) };
  if (code === AUTH.saslContinue || code === AUTH.saslFinal)
    return { code, data: body.subarray(4) };
  return { code };
}

/** The fields of an `ErrorResponse` / `NoticeResponse` that the probe shows. */
export interface ServerError {
  severity: string;
  /** SQLSTATE, e.g. `28000` (invalid authorization), `28P01` (wrong password). */
  code: string;
  message: string;
}

export function parseError(body: Buffer): ServerError {
  const fields = new Map<string, string>();
  let offset = 0;
  while (offset < body.length && body[offset] !== 0) {
    const field = String.fromCharCode(body[offset]!);
    const end = body.indexOf(0, offset + 1);
    if (end === -1) break;
    fields.set(field, body.toString('utf8', offset + 1, end));
    offset = end + 1;
  }
  return {
    severity: printable(fields.get('V') ?? fields.get('S') ?? ''),
    code: printable(fields.get('C') ?? ''),
    message: printable(fields.get('M') ?? ''),
  };
}

/**
 * Text from the server (error messages, certificate names) as it may be shown: control
 * characters replaced, so that a hostile server cannot move the cursor, rewrite earlier
 * lines or forge a workflow command in a terminal or CI log, and the length bounded.
 */
export function printable(text: string, max = 500): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '\ufffd');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** A `DataRow`: each column as text, or null. */
export function parseDataRow(body: Buffer): (string | null)[] {
  const count = body.readInt16BE(0);
  const values: (string | null)[] = [];
  let offset = 2;
  for (let i = 0; i < count; i++) {
    const length = body.readInt32BE(offset);
    offset += 4;
    if (length < 0) {
      values.push(null);
      continue;
    }
    values.push(body.toString('utf8', offset, offset + length));
    offset += length;
  }
  return values;
}

function typed(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

function int32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(value, 0);
  return b;
}

function cString(value: string): Buffer {
  return Buffer.concat([Buffer.from(value, 'utf8'), Buffer.from([0])]);
}

function cStrings(body: Buffer): string[] {
  const out: string[] = [];
  let offset = 0;
  while (offset < body.length && body[offset] !== 0) {
    const end = body.indexOf(0, offset);
    if (end === -1) break;
    out.push(body.toString('utf8', offset, end));
    offset = end + 1;
  }
  return out;
}
