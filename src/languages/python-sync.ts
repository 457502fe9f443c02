/**
 * Python syntax trees for ESLint's synchronous `parse()`.
 *
 * tree-sitter-python runs on web-tree-sitter, whose loading is asynchronous. When the parser
 * is already loaded in this thread (`loadLanguageSupport()`, or a scan in the same process),
 * the file is parsed here. Otherwise one worker thread (python-worker.ts) holds the parser
 * and this thread blocks on `Atomics.wait` until it answers — the pattern `synckit` uses for
 * Prettier in ESLint, without the dependency. The worker starts on the first settings file
 * of a process and never keeps the process alive.
 */
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';
import { copyTree, type SyntaxNode } from '../frontends/python/tree.js';
import { isPythonParserLoaded, parsePython } from '../frontends/python/parser.js';
import { rebuildTree } from './python-tree.js';
import type { PythonAnswer, PythonRequest } from './python-worker.js';

/** How long one parse may take in the worker (its first call also loads the parser). */
const TIMEOUT_MS = 60_000;

let channel: { worker: Worker; port: MessagePort } | undefined;

function start(): { worker: Worker; port: MessagePort } {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./python-worker.js', import.meta.url), {
    workerData: { port: port2 },
    transferList: [port2],
  });
  worker.unref();
  port1.unref();
  // A worker that dies is replaced on the next parse.
  worker.on('error', () => (channel = undefined));
  worker.on('exit', () => (channel = undefined));
  return { worker, port: port1 };
}

export type PythonParse = { ok: true; root: SyntaxNode } | { ok: false; message: string };

/** Parses `text` into the front-end's tree, in this thread or through the worker. */
export function parsePythonSync(text: string): PythonParse {
  if (isPythonParserLoaded()) {
    const tree = parsePython(text);
    try {
      return { ok: true, root: copyTree(tree, text) };
    } finally {
      tree.delete();
    }
  }
  channel ??= start();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const request: PythonRequest = { text, signal };
  channel.worker.postMessage(request);
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0 || Atomics.wait(signal, 0, 0, left) === 'timed-out') {
      void channel.worker.terminate();
      channel = undefined;
      return { ok: false, message: 'the Python parser did not answer in time' };
    }
    const received = receiveMessageOnPort(channel.port);
    if (!received) continue; // woken before the message arrived: wait again
    const answer = received.message as PythonAnswer;
    return answer.ok ? { ok: true, root: rebuildTree(answer.tree, text) } : answer;
  }
}
