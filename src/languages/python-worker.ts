/**
 * The worker thread behind `python-sync.ts`: tree-sitter-python loads asynchronously
 * (WebAssembly), ESLint parses synchronously, so the parser lives here and ESLint's thread
 * waits for each answer. A request is `{ text, signal }`; the answer (a flat tree or an
 * error message) goes to the port the host handed over, then `signal[0]` is set and notified.
 * Only syntax crosses: the analysis and the policy run in the host.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { loadPythonParser, parsePython } from '../frontends/python/parser.js';
import { flattenTree, type FlatTree } from './python-tree.js';

export interface PythonRequest {
  text: string;
  signal: Int32Array;
}

export type PythonAnswer = { ok: true; tree: FlatTree } | { ok: false; message: string };

const answers = (workerData as { port: MessagePort }).port;

async function answer(text: string): Promise<PythonAnswer> {
  try {
    await loadPythonParser();
    const tree = parsePython(text);
    try {
      return { ok: true, tree: flattenTree(tree) };
    } finally {
      tree.delete();
    }
  } catch (error) {
    // The parser's own words, first line only: they describe the failure, never the file.
    const message = error instanceof Error ? error.message.split('\n')[0]! : 'unknown error';
    return { ok: false, message };
  }
}

parentPort?.on('message', (request: PythonRequest) => {
  void answer(request.text).then((result) => {
    answers.postMessage(result);
    Atomics.store(request.signal, 0, 1);
    Atomics.notify(request.signal, 0);
  });
});
