/**
 * A socket seen as a stream of PostgreSQL backend messages, where every read has a
 * deadline. One channel per socket: a plain TCP socket first, then (after `S`) the TLS
 * socket wrapped around it.
 */
import type { Duplex } from 'node:stream';
import { ProbeFailure, failureFromSocketError, type ProbeStep } from './failure.js';
import { firstMessage, type BackendMessage } from './wire.js';

/** Larger than any message the probe expects (errors, SASL data, three short rows). */
const MAX_MESSAGE_BYTES = 1 << 20;

type Waiter = () => void;

export class Channel {
  #buffer: Buffer = Buffer.alloc(0);
  #failure: unknown = undefined;
  #closed = false;
  #waiter: Waiter | undefined;
  readonly #onData = (chunk: Buffer) => {
    this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : chunk;
    this.#wake();
  };
  readonly #onError = (error: unknown) => {
    this.#failure ??= error;
    this.#wake();
  };
  readonly #onClose = () => {
    this.#closed = true;
    this.#wake();
  };

  constructor(
    readonly socket: Duplex,
    private readonly timeoutMs: number,
  ) {
    socket.on('data', this.#onData);
    socket.on('error', this.#onError);
    socket.on('close', this.#onClose);
    socket.on('end', this.#onClose);
  }

  write(data: Buffer): void {
    this.socket.write(data);
  }

  /** The single-byte answer to `SSLRequest` (`S`, `N`, or the first byte of an error). */
  async readByte(step: ProbeStep): Promise<number> {
    await this.#until(() => this.#buffer.length >= 1, step);
    const byte = this.#buffer[0]!;
    this.#buffer = this.#buffer.subarray(1);
    return byte;
  }

  async readMessage(step: ProbeStep): Promise<BackendMessage> {
    let first: BackendMessage | undefined;
    await this.#until(() => {
      first = firstMessage(this.#buffer, MAX_MESSAGE_BYTES);
      return first !== undefined;
    }, step);
    this.#buffer = this.#buffer.subarray(5 + first!.body.length);
    return first!;
  }

  /** Bytes received and not read yet (none may be left before a TLS upgrade). */
  get pending(): number {
    return this.#buffer.length;
  }

  /** Stops listening, so that the socket can be handed to `tls.connect`. */
  release(): Duplex {
    this.socket.off('data', this.#onData);
    this.socket.off('error', this.#onError);
    this.socket.off('close', this.#onClose);
    this.socket.off('end', this.#onClose);
    return this.socket;
  }

  destroy(): void {
    this.release();
    // A late error from a destroyed socket must not become an unhandled 'error' event.
    this.socket.on('error', () => {});
    this.socket.destroy();
  }

  #wake(): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.();
  }

  /** Resolves when `ready()` holds; fails on socket error, close or the deadline. */
  #until(ready: () => boolean, step: ProbeStep): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiter = undefined;
        reject(new ProbeFailure('timeout', step, `no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      const check = () => {
        try {
          if (ready()) {
            clearTimeout(timer);
            resolve();
            return;
          }
        } catch (error) {
          clearTimeout(timer);
          reject(new ProbeFailure('protocol', step, (error as Error).message));
          return;
        }
        if (this.#failure !== undefined) {
          clearTimeout(timer);
          reject(failureFromSocketError(this.#failure, step));
          return;
        }
        if (this.#closed) {
          clearTimeout(timer);
          reject(new ProbeFailure('closed', step, 'the server closed the connection'));
          return;
        }
        this.#waiter = check;
      };
      check();
    });
  }
}
