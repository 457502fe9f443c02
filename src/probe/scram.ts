/**
 * The client side of SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL uses it
 * (PostgreSQL docs, "SASL Authentication"): no channel binding (`n,,`), the user name left
 * empty because the server takes it from the startup message, and the server's signature
 * checked, so a server that does not know the password cannot pretend it does.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export const SCRAM_SHA_256 = 'SCRAM-SHA-256';
const GS2_HEADER = 'n,,';

export class ScramError extends Error {}

export class ScramClient {
  readonly #clientNonce = randomBytes(18).toString('base64');
  readonly #password: string;
  #clientFirstBare = '';
  #expectedServerSignature: Buffer | undefined;

  constructor(password: string) {
    this.#password = normalizePassword(password);
  }

  clientFirstMessage(): Buffer {
    this.#clientFirstBare = `n=,r=${this.#clientNonce}`;
    return Buffer.from(GS2_HEADER + this.#clientFirstBare, 'utf8');
  }

  clientFinalMessage(serverFirst: Buffer): Buffer {
    const serverFirstText = serverFirst.toString('utf8');
    const fields = attributes(serverFirstText);
    const nonce = fields.get('r');
    const salt = fields.get('s');
    const iterations = Number(fields.get('i'));
    if (!nonce?.startsWith(this.#clientNonce) || nonce.length === this.#clientNonce.length)
      throw new ScramError('the server nonce does not extend the client nonce');
    if (!salt || !Number.isSafeInteger(iterations) || iterations < 1)
      throw new ScramError('the server sent no usable salt or iteration count');

    const saltedPassword = pbkdf2Sync(
      this.#password,
      Buffer.from(salt, 'base64'),
      iterations,
      32,
      'sha256',
    );
    const clientKey = hmac(saltedPassword, 'Client Key');
    const storedKey = createHash('sha256').update(clientKey).digest();
    const withoutProof = `c=${Buffer.from(GS2_HEADER).toString('base64')},r=${nonce}`;
    const authMessage = `${this.#clientFirstBare},${serverFirstText},${withoutProof}`;
    const clientSignature = hmac(storedKey, authMessage);
    const proof = Buffer.alloc(clientKey.length);
    for (let i = 0; i < proof.length; i++) proof[i] = clientKey[i]! ^ clientSignature[i]!;
    this.#expectedServerSignature = hmac(hmac(saltedPassword, 'Server Key'), authMessage);
    return Buffer.from(`${withoutProof},p=${proof.toString('base64')}`, 'utf8');
  }

  /** Throws unless the server proved that it knows the password too. */
  verifyServerFinal(serverFinal: Buffer): void {
    const fields = attributes(serverFinal.toString('utf8'));
    if (fields.has('e')) throw new ScramError(`the server refused: ${fields.get('e')!}`);
    const signature = Buffer.from(fields.get('v') ?? '', 'base64');
    const expected = this.#expectedServerSignature;
    if (!expected || signature.length !== expected.length || !timingSafeEqual(signature, expected))
      throw new ScramError('the server signature does not match');
  }
}

function hmac(key: Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest();
}

function attributes(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of message.split(',')) {
    const at = part.indexOf('=');
    if (at === 1) out.set(part[0]!, part.slice(2));
  }
  return out;
}

/**
 * SASLprep (RFC 4013) reduced to what matters for real passwords: NFKC normalisation and
 * non-ASCII spaces as plain spaces. Like libpq, an ASCII password is used as it is.
 */
function normalizePassword(password: string): string {
  // eslint-disable-next-line no-control-regex -- ASCII range check
  if (/^[\u0000-\u007f]*$/.test(password)) return password;
  return password.replace(/[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000]/g, ' ').normalize('NFKC');
}
