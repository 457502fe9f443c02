/**
 * One helper thread for the files whose front-ends start slowly and share nothing with the
 * rest: Python settings (tree-sitter) and YAML. The helper reads them, analyses them and
 * returns finished result entries, while this thread does JS/TS, env and JSON files; each
 * thread warms up only its own parsers and analyses (splitting every kind across threads
 * made both warm up everything, and gained nothing on two cores).
 *
 * Same result as one thread, by construction: the helper runs the same per-file steps
 * (`readFile`, `analyzeFile`, `finishFile`). Neither kind gives facts to other files (no
 * `collectFacts`) and neither can hold a cross-file finding (those are in JS/TS files), so
 * Python files are done at once and YAML files once this thread sends the project's facts.
 * Any file the helper does not deliver (it failed to start, died, or the scan ended early)
 * is done in this thread, so a broken helper costs time, never results.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DiscoveredFile } from './discover.js';
import type { FileOutcome } from './parallel.js';
import type { FilePassContext } from './scan.js';
import type { Frontend, ProjectFacts } from './types.js';

/** Front-ends whose files the helper takes. */
export const OFFLOADED: ReadonlySet<string> = new Set(['python', 'yaml']);
/** Front-ends among them whose analysis reads the project's facts (so waits for them). */
const NEEDS_FACTS: ReadonlySet<string> = new Set(['yaml']);
/** Fewer such files than this, and a thread costs more than it saves. */
export const OFFLOAD_THRESHOLD = 32;

/** Counters for tests: helpers started, files they delivered. */
export const offloadStats = { started: 0, delivered: 0 };

/** Compiled code only: under a TypeScript loader (vitest on src/) there is no worker script. */
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? undefined
  : new URL('./offload-worker.js', import.meta.url);

export interface OffloadFile {
  index: number;
  path: string;
  relativePath: string;
  frontends: string[];
  needsFacts: boolean;
}

export type OffloadRequest =
  | { type: 'files'; files: OffloadFile[]; pass: FilePassContext }
  | {
      type: 'facts';
      facts: [string, ProjectFacts['urlConsumers'] extends Map<string, infer V> ? V : never][];
    };

export type OffloadReply = { type: 'outcomes'; outcomes: FileOutcome[] } | { type: 'done' };

/** Whether a file goes to the helper. */
export function isOffloaded(frontends: readonly Frontend[]): boolean {
  return frontends.length > 0 && frontends.every((fe) => OFFLOADED.has(fe.name));
}

export class Offload {
  /** Indices of the files the helper was given. */
  readonly indices: ReadonlySet<number>;
  readonly #worker: Worker;
  readonly #outcomes = new Map<number, FileOutcome>();
  readonly #finished: Promise<void>;

  private constructor(worker: Worker, files: OffloadFile[], pass: FilePassContext) {
    this.#worker = worker;
    this.indices = new Set(files.map((f) => f.index));
    this.#finished = new Promise<void>((resolve) => {
      worker.on('message', (reply: OffloadReply) => {
        if (reply.type === 'done') return resolve();
        for (const outcome of reply.outcomes) this.#outcomes.set(outcome.index, outcome);
      });
      // A helper that fails ends the wait; its missing files are done by the caller.
      worker.on('error', () => resolve());
      worker.on('exit', () => resolve());
      worker.on('messageerror', () => resolve());
    });
    this.#post({ type: 'files', files, pass });
  }

  /**
   * Starts a helper for the scan's offloadable files, or undefined when the scan is too
   * small for one, the machine has one core, or no thread could start.
   */
  static start(
    files: readonly (DiscoveredFile & { frontends: Frontend[] })[],
    pass: FilePassContext,
    preload?: string,
  ): Offload | undefined {
    if (!WORKER_URL || availableParallelism() < 2) return undefined;
    const mine: OffloadFile[] = [];
    files.forEach((f, index) => {
      if (isOffloaded(f.frontends))
        mine.push({
          index,
          path: f.path,
          relativePath: f.relativePath,
          frontends: f.frontends.map((fe) => fe.name),
          needsFacts: f.frontends.some((fe) => NEEDS_FACTS.has(fe.name)),
        });
    });
    if (mine.length < OFFLOAD_THRESHOLD) return undefined;
    let worker: Worker;
    try {
      worker = new Worker(WORKER_URL, { workerData: { preload }, stdout: false, stderr: false });
    } catch {
      return undefined;
    }
    offloadStats.started++;
    return new Offload(worker, mine, pass);
  }

  #post(request: OffloadRequest): void {
    try {
      this.#worker.postMessage(request);
    } catch {
      void this.#worker.terminate();
    }
  }

  /** The project's facts, once this thread has collected them (the YAML files wait for them). */
  sendFacts(project: ProjectFacts): void {
    this.#post({ type: 'facts', facts: [...project.urlConsumers] });
  }

  /** Waits for the helper; the outcomes it delivered, by file index. */
  async outcomes(): Promise<ReadonlyMap<number, FileOutcome>> {
    await this.#finished;
    this.close();
    offloadStats.delivered += this.#outcomes.size;
    return this.#outcomes;
  }

  /** Ends the helper without waiting for it (an unreferenced thread never holds the process). */
  close(): void {
    this.#worker.unref();
    this.#worker.terminate().catch(() => undefined);
  }
}
