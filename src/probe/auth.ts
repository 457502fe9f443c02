/**
 * The authentication exchange after a startup message: which method the server asks for,
 * and (with `--connect`) answering it. A password is only ever written to the socket here.
 */
import { createHash } from 'node:crypto';
import type { Channel } from './channel.js';
import type { AuthMethod } from './facts.js';
import { ProbeFailure } from './failure.js';
import { SCRAM_SHA_256, ScramClient, ScramError } from './scram.js';
import {
  AUTH,
  parseAuthentication,
  parseError,
  passwordMessage,
  saslInitialResponse,
  saslResponse,
  type AuthenticationRequest,
  type BackendMessage,
  type ServerError,
} from './wire.js';

/** The server's first answer to a startup message. */
export type StartupAnswer =
  | { kind: 'authentication'; request: AuthenticationRequest }
  | { kind: 'error'; error: ServerError };

export async function readStartupAnswer(channel: Channel): Promise<StartupAnswer> {
  for (;;) {
    const message = await channel.readMessage('startup');
    if (message.type === 'R')
      return { kind: 'authentication', request: parseAuthentication(message.body) };
    if (message.type === 'E') return { kind: 'error', error: parseError(message.body) };
    if (message.type !== 'N') throw unexpected(message, 'startup');
  }
}

export function methodOf(request: AuthenticationRequest): {
  method: AuthMethod;
  mechanisms: string[];
} {
  switch (request.code) {
    case AUTH.ok:
      return { method: 'trust', mechanisms: [] };
    case AUTH.cleartextPassword:
      return { method: 'password', mechanisms: [] };
    case AUTH.md5Password:
      return { method: 'md5', mechanisms: [] };
    case AUTH.sasl: {
      const mechanisms = request.mechanisms ?? [];
      return {
        method: mechanisms.includes(SCRAM_SHA_256) ? 'scram-sha-256' : 'other',
        mechanisms,
      };
    }
    case AUTH.gss:
      return { method: 'gss', mechanisms: [] };
    case AUTH.sspi:
      return { method: 'sspi', mechanisms: [] };
    default:
      return { method: 'other', mechanisms: [] };
  }
}

/** Answers the server's request until it says `AuthenticationOk`, then waits for `ReadyForQuery`. */
export async function authenticate(
  channel: Channel,
  first: AuthenticationRequest,
  credentials: { user: string; password: string },
): Promise<void> {
  let request = first;
  let scram: ScramClient | undefined;
  for (;;) {
    if (request.code === AUTH.ok) break;
    if (request.code === AUTH.cleartextPassword) {
      channel.write(passwordMessage(credentials.password));
    } else if (request.code === AUTH.md5Password && request.salt) {
      channel.write(passwordMessage(md5Response(credentials, request.salt)));
    } else if (request.code === AUTH.sasl && request.mechanisms) {
      if (!request.mechanisms.includes(SCRAM_SHA_256))
        throw new ProbeFailure('login', 'authentication', 'no supported SASL mechanism');
      scram = new ScramClient(credentials.password);
      channel.write(saslInitialResponse(SCRAM_SHA_256, scram.clientFirstMessage()));
    } else if (request.code === AUTH.saslContinue && request.data && scram) {
      const client = scram;
      const data = request.data;
      channel.write(saslResponse(scramStep(() => client.clientFinalMessage(data))));
    } else if (request.code === AUTH.saslFinal && request.data && scram) {
      const client = scram;
      const data = request.data;
      scramStep(() => {
        client.verifyServerFinal(data);
      });
    } else {
      throw new ProbeFailure('login', 'authentication', `unsupported request ${request.code}`);
    }
    request = await nextAuthentication(channel);
  }
  for (;;) {
    const message = await channel.readMessage('authentication');
    if (message.type === 'Z') return;
    if (message.type === 'E') throw loginFailure(parseError(message.body));
    if (!'SKN'.includes(message.type)) throw unexpected(message, 'authentication');
  }
}

async function nextAuthentication(channel: Channel): Promise<AuthenticationRequest> {
  for (;;) {
    const message = await channel.readMessage('authentication');
    if (message.type === 'R') return parseAuthentication(message.body);
    if (message.type === 'E') throw loginFailure(parseError(message.body));
    if (message.type !== 'N') throw unexpected(message, 'authentication');
  }
}

function scramStep<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof ScramError)
      throw new ProbeFailure('login', 'authentication', `SCRAM: ${error.message}`);
    throw error;
  }
}

/** `md5` + md5(md5(password + user) + salt), in hex (PostgreSQL docs, "Password Authentication"). */
function md5Response(credentials: { user: string; password: string }, salt: Buffer): string {
  const inner = createHash('md5')
    .update(credentials.password + credentials.user, 'utf8')
    .digest('hex');
  return (
    'md5' +
    createHash('md5')
      .update(Buffer.concat([Buffer.from(inner), salt]))
      .digest('hex')
  );
}

function loginFailure(error: ServerError): ProbeFailure {
  return new ProbeFailure('login', 'authentication', `${error.code} ${error.message}`);
}

export function unexpected(message: BackendMessage, step: 'startup' | 'authentication' | 'query') {
  return new ProbeFailure(
    'protocol',
    step,
    `unexpected message type ${JSON.stringify(message.type)}`,
  );
}
