/**
 * Large scans on several cores: the main thread and up to three worker threads
 * (`node:worker_threads`) split the files, and the result is the one a serial scan gives,
 * byte for byte (test/scanner/parallel.test.ts).
 *
 * - Workers start while the main thread still walks the tree (`onFound`), since loading the
 *   front-ends costs each of them about as much as the walk.
 * - Pass 1 (read, `collectFacts`, the cross-file prefilter) is claimed in chunks from a
 *   shared counter, the main thread taking part, so a late or slow thread takes fewer.
 *   Each participant keeps the texts it read: pass 2 of a file runs where it was read.
 * - Facts: each file's `collectFacts` runs against an empty map that records what it asked
 *   and set. The main thread replays the records in file order; where an answer would have
 *   differed (an earlier file set the same variable), it reruns that file's `collectFacts`
 *   itself. The merged facts go to every participant.
 * - The cross-file pass needs every JS/TS text, so it runs (in the main thread) only when a
 *   participant's prefilter found a candidate; otherwise its result is empty, as it is then
 *   in a serial scan.
 * - Analysis that needs no facts (every front-end but env files and YAML: JS/TS, Python,
 *   JSON…) runs within pass 1, so the heavy work is what the chunks share out.
 * - Pass 2 (the remaining analysis, merge, locations, inline suppressions) returns plain result entries
 *   and diagnostics; no source text leaves a worker except the JS/TS texts the cross-file
 *   pass asks for. The secrets of hardcoded-credential findings travel only for the
 *   redaction set, never in a message.
 * - A worker that dies is not a crashed scan: each file it held becomes the same "internal
 *   error" diagnostic a throwing front-end gives. Workers are terminated when done.
 */
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { classifyFile } from '../core/environment.js';
import {
  hasCrossFileCandidates,
  type CrossFileResult,
} from '../frontends/typescript/cross-file.js';
import type { DiscoveredFile } from './discover.js';
import type { ReadSourceFile } from './read-source.js';
import {
  analyzeFile,
  collectFileFacts,
  crossFilePass,
  finishFile,
  internalError,
  readFile,
  type AnalysedFile,
  type FilePassContext,
  type Item,
  type ScanDiagnostic,
} from './scan.js';
import type { Frontend, ProjectFacts } from './types.js';

/** Below this many files a scan stays in one thread: starting workers costs more than it saves. */
export const PARALLEL_THRESHOLD = 2000;
const CHUNK = 64;
/** Front-ends whose analysis reads the project's facts (env assignments): analysed in pass 2 only. */
const FACTS_READERS = new Set(['dotenv', 'yaml']);

type Consumer = ProjectFacts['urlConsumers'] extends Map<string, infer V> ? V : never;

/** One recorded step of a file's `collectFacts` against its own empty map. */
export type FactOp =
  | { op: 'has'; key: string; result: boolean }
  | { op: 'get'; key: string; value: Consumer | undefined }
  | { op: 'set'; key: string; value: Consumer };

export interface ShareFile {
  path: string;
  relativePath: string;
  frontends: string[];
}

export interface Pass1Entry {
  index: number;
  /** The file was read (it gets a pass 2). */
  ok: boolean;
  readErrors: ScanDiagnostic[];
  factErrors: ScanDiagnostic[];
  /** The facts steps, when there were any; `dirty` when it used the map in a way not recorded. */
  trace?: FactOp[];
  dirty?: boolean;
}

export interface FileOutcome {
  index: number;
  errors: ScanDiagnostic[];
  items: Item[];
  secrets: string[];
}

/** What the main thread merges, in file order. */
export interface SharedScan {
  errors: ScanDiagnostic[];
  files: { items: Item[]; secrets: string[] }[];
}

export interface SerialCross {
  findings: [string, CrossFileResult['findings'] extends Map<string, infer V> ? V : never][];
  claimedUrls: [string, CrossFileResult['claimedUrls'] extends Map<string, infer V> ? V : never][];
  resolvedCalls: [
    string,
    CrossFileResult['resolvedCalls'] extends Map<string, infer V> ? V : never,
  ][];
}

export const toSerialCross = (c: CrossFileResult): SerialCross => ({
  findings: [...c.findings],
  claimedUrls: [...c.claimedUrls],
  resolvedCalls: [...c.resolvedCalls],
});
export const fromSerialCross = (c: SerialCross): CrossFileResult => ({
  findings: new Map(c.findings),
  claimedUrls: new Map(c.claimedUrls),
  resolvedCalls: new Map(c.resolvedCalls),
});

/** A map that records what `collectFacts` asks and sets (see the header). */
class TracingMap extends Map<string, Consumer> {
  ops: FactOp[] = [];
  dirty = false;
  override has(key: string): boolean {
    const result = super.has(key);
    this.ops.push({ op: 'has', key, result });
    return result;
  }
  override get(key: string): Consumer | undefined {
    const value = super.get(key);
    this.ops.push({ op: 'get', key, value });
    return value;
  }
  override set(key: string, value: Consumer): this {
    this.ops?.push({ op: 'set', key, value });
    return super.set(key, value);
  }
  override delete(key: string): boolean {
    this.dirty = true;
    return super.delete(key);
  }
  override clear(): void {
    this.dirty = true;
    super.clear();
  }
  override forEach(...args: Parameters<Map<string, Consumer>['forEach']>): void {
    this.dirty = true;
    super.forEach(...args);
  }
  override entries(): MapIterator<[string, Consumer]> {
    this.dirty = true;
    return super.entries();
  }
  override keys(): MapIterator<string> {
    this.dirty = true;
    return super.keys();
  }
  override values(): MapIterator<Consumer> {
    this.dirty = true;
    return super.values();
  }
  override get size(): number {
    this.dirty = true;
    return super.size;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Applies a file's recorded facts in order; false (nothing applied) when an answer would differ. */
function replay(trace: readonly FactOp[], facts: ProjectFacts): boolean {
  const overlay = new Map<string, Consumer>();
  const global = facts.urlConsumers;
  for (const op of trace) {
    if (op.op === 'has' && (overlay.has(op.key) || global.has(op.key)) !== op.result) return false;
    if (
      op.op === 'get' &&
      !same(overlay.has(op.key) ? overlay.get(op.key) : global.get(op.key), op.value)
    )
      return false;
    if (op.op === 'set') overlay.set(op.key, op.value);
  }
  for (const op of trace) if (op.op === 'set') global.set(op.key, op.value);
  return true;
}

/** One thread's part of a parallel scan (the main thread runs one too). */
export class Share {
  readonly #files: readonly ShareFile[];
  readonly #frontends: (index: number) => readonly Frontend[];
  readonly #pass: FilePassContext;
  readonly #sources = new Map<number, ReadSourceFile>();
  readonly #analysed = new Map<number, AnalysedFile>();
  readonly #errors = new Map<number, ScanDiagnostic[]>();

  constructor(
    files: readonly ShareFile[],
    frontends: (index: number) => readonly Frontend[],
    pass: FilePassContext,
  ) {
    this.#files = files;
    this.#frontends = frontends;
    this.#pass = pass;
  }

  /** Pass 1 over the chunks `claim` hands out; whether a cross-file candidate was seen. */
  async pass1(claim: () => number): Promise<{ entries: Pass1Entry[]; candidate: boolean }> {
    const entries: Pass1Entry[] = [];
    let candidate = false;
    for (let chunk = claim(); chunk * CHUNK < this.#files.length; chunk = claim()) {
      const end = Math.min(this.#files.length, (chunk + 1) * CHUNK);
      for (let index = chunk * CHUNK; index < end; index++) {
        const file = this.#files[index]!;
        const frontends = this.#frontends(index);
        const entry: Pass1Entry = { index, ok: false, readErrors: [], factErrors: [] };
        entries.push(entry);
        const source = readFile(file, this.#pass, entry.readErrors);
        if (!source) continue;
        entry.ok = true;
        this.#sources.set(index, source);
        if (frontends.some((fe) => fe.collectFacts)) {
          const map = new TracingMap();
          await collectFileFacts(frontends, source, { urlConsumers: map }, entry.factErrors);
          if (map.ops.length > 0) entry.trace = map.ops;
          if (map.dirty) entry.dirty = true;
        }
        if (!candidate && frontends.some((fe) => fe.name === 'estree'))
          candidate = this.#candidate(source);
        if (!frontends.some((fe) => FACTS_READERS.has(fe.name)))
          await this.#analyzeEarly(index, frontends, source);
      }
    }
    return { entries, candidate };
  }

  /**
   * Pass 2's analysis, done now for a file whose front-ends do not read the project's facts
   * (most of the work, so it is shared out with the chunks). A front-end that reads them
   * anyway is caught here: that analysis is dropped and done again in pass 2.
   */
  async #analyzeEarly(
    index: number,
    frontends: readonly Frontend[],
    source: ReadSourceFile,
  ): Promise<void> {
    let touched = false;
    const empty: ProjectFacts = { urlConsumers: new Map() };
    const project = {
      get urlConsumers() {
        touched = true;
        return empty.urlConsumers;
      },
    };
    const errors: ScanDiagnostic[] = [];
    const analysed = await analyzeFile(frontends, source, this.#pass, project, errors);
    if (touched) return;
    this.#errors.set(index, errors);
    this.#analysed.set(index, analysed);
  }

  #candidate(source: ReadSourceFile): boolean {
    const { cwd, environments, policy } = this.#pass;
    try {
      return hasCrossFileCandidates([source], {
        options: policy,
        cwd,
        fileInfo: (relativePath) => classifyFile(resolve(cwd, relativePath), environments, cwd),
      });
    } catch {
      return true; // let the real pass run (and report its crash as a serial scan does)
    }
  }

  /** The JS/TS texts this share read (for the cross-file pass). */
  scripts(): [number, string, boolean][] {
    const out: [number, string, boolean][] = [];
    for (const [index, source] of this.#sources)
      if (this.#frontends(index).some((fe) => fe.name === 'estree'))
        out.push([index, source.text, source.bom]);
    return out;
  }

  /** Pass 2's analysis of the files this share read and did not analyse early. */
  async analyze(project: ProjectFacts): Promise<void> {
    for (const index of [...this.#sources.keys()].sort((a, b) => a - b)) {
      if (this.#analysed.has(index)) continue;
      const errors: ScanDiagnostic[] = [];
      this.#errors.set(index, errors);
      this.#analysed.set(
        index,
        await analyzeFile(
          this.#frontends(index),
          this.#sources.get(index)!,
          this.#pass,
          project,
          errors,
        ),
      );
    }
  }

  /** The rest of pass 2; drops the texts. */
  finish(cross: CrossFileResult | undefined, onFile?: () => void): FileOutcome[] {
    const strict = this.#pass.policy.profile === 'strict';
    const out: FileOutcome[] = [];
    for (const [index, analysed] of [...this.#analysed].sort((a, b) => a[0] - b[0])) {
      const { items, secrets } = finishFile(
        this.#frontends(index),
        this.#sources.get(index)!,
        analysed,
        cross,
        strict,
      );
      // No finding objects across threads: the entry, its fingerprint key and offset suffice.
      out.push({
        index,
        errors: this.#errors.get(index) ?? [],
        items: items.map(({ entry, key, offset }) => ({ entry, key, offset })),
        secrets,
      });
      onFile?.();
    }
    this.#sources.clear();
    this.#analysed.clear();
    return out;
  }
}

// ── the main thread's side ──────────────────────────────────────────────────

interface WorkerSlot {
  worker: Worker;
  id: number;
  dead: boolean;
  /** Resolves with the next message of a phase, or undefined when the worker died. */
  waiters: ((message: WorkerMessage | undefined) => void)[];
  inbox: WorkerMessage[];
}

export type WorkerMessage =
  | { type: 'pass1'; entries: Pass1Entry[]; candidate: boolean }
  | { type: 'scripts'; scripts: [number, string, boolean][] }
  | { type: 'done'; files: FileOutcome[] };

export type MainMessage =
  | {
      type: 'init';
      files: ShareFile[];
      pass: FilePassContext;
      counter: SharedArrayBuffer;
      owners: SharedArrayBuffer;
      id: number;
    }
  | { type: 'pass2'; facts: [string, Consumer][]; sendScripts: boolean; cross?: SerialCross | null }
  | { type: 'cross'; cross: SerialCross | null };

/** The threads setting: `requested`, else `SECURE_DB_WORKERS` (a whole number), else none. */
export function workerSetting(
  requested: number | undefined,
  env: NodeJS.ProcessEnv = process.env,
): number | undefined {
  const fromEnv =
    env.SECURE_DB_WORKERS !== undefined && /^\d+$/.test(env.SECURE_DB_WORKERS.trim())
      ? Number(env.SECURE_DB_WORKERS)
      : undefined;
  return requested ?? fromEnv;
}

/**
 * The number of chunk workers: the setting, else none. Opt-in because on the 2-core
 * machines this project is measured on (`npm run bench`), one worker gave no gain: its
 * start-up and duplicated warm-up cost what the second core saves. Machines with more idle
 * cores may set it. (Unset, a large scan still gets offload.ts's one helper thread.)
 */
export function workerCount(
  requested: number | undefined,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const n = workerSetting(requested, env);
  return n === undefined ? 0 : Math.max(0, Math.min(8, Math.floor(n)));
}

/** Compiled code only: under a TypeScript loader (vitest on src/) there is no worker script. */
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? undefined
  : new URL('./scan-worker.js', import.meta.url);

export class WorkerPool {
  readonly #count: number;
  readonly #preload: string | undefined;
  readonly #slots: WorkerSlot[] = [];

  constructor(count: number, preload?: string) {
    this.#count = WORKER_URL ? count : 0;
    this.#preload = preload;
  }

  /** Discovery's running count: start the workers once the scan is large enough. */
  onFound(count: number): void {
    if (count >= PARALLEL_THRESHOLD && this.#slots.length === 0) this.#spawn();
  }

  #spawn(): void {
    for (let id = 1; id <= this.#count; id++) {
      let worker: Worker;
      try {
        worker = new Worker(WORKER_URL!, {
          workerData: { preload: this.#preload },
          stdout: false,
          stderr: false,
        });
      } catch {
        break;
      }
      worker.unref();
      const slot: WorkerSlot = { worker, id, dead: false, waiters: [], inbox: [] };
      const die = () => {
        if (slot.dead) return;
        slot.dead = true;
        for (const w of slot.waiters.splice(0)) w(undefined);
      };
      worker.on('message', (message: WorkerMessage) => {
        const waiter = slot.waiters.shift();
        if (waiter) waiter(message);
        else slot.inbox.push(message);
      });
      worker.on('error', die);
      worker.on('exit', die);
      worker.on('messageerror', die);
      this.#slots.push(slot);
    }
  }

  #next(slot: WorkerSlot): Promise<WorkerMessage | undefined> {
    const queued = slot.inbox.shift();
    if (queued) return Promise.resolve(queued);
    if (slot.dead) return Promise.resolve(undefined);
    return new Promise((resolve) => slot.waiters.push(resolve));
  }

  #post(slot: WorkerSlot, message: MainMessage): void {
    if (slot.dead) return;
    try {
      slot.worker.postMessage(message);
    } catch {
      slot.dead = true;
    }
  }

  async close(): Promise<void> {
    await Promise.all(
      this.#slots.splice(0).map((s) => s.worker.terminate().catch(() => undefined)),
    );
  }

  /**
   * Runs the scan's per-file steps on shares of `files`; undefined when the scan is too
   * small or no worker could start (the caller then runs them in this thread).
   */
  async run(
    files: readonly (DiscoveredFile & { frontends: Frontend[] })[],
    pass: FilePassContext,
    onProgress?: (done: number, total: number) => void,
  ): Promise<SharedScan | undefined> {
    if (files.length < PARALLEL_THRESHOLD) {
      await this.close();
      return undefined;
    }
    if (this.#slots.length === 0) this.#spawn();
    if (this.#slots.length === 0) return undefined;
    // Workers are unreferenced until now (a scan that fails before this point cannot hang
    // the process on them); while the scan waits for them they keep it alive.
    for (const slot of this.#slots) slot.worker.ref();
    try {
      return await this.#run(files, pass, onProgress);
    } catch {
      return undefined; // a fault of this module, not of a file: the caller scans in one thread
    } finally {
      await this.close();
    }
  }

  async #run(
    files: readonly (DiscoveredFile & { frontends: Frontend[] })[],
    pass: FilePassContext,
    onProgress?: (done: number, total: number) => void,
  ): Promise<SharedScan> {
    const shareFiles: ShareFile[] = files.map((f) => ({
      path: f.path,
      relativePath: f.relativePath,
      frontends: f.frontends.map((fe) => fe.name),
    }));
    const chunks = Math.ceil(files.length / CHUNK);
    const counter = new SharedArrayBuffer(4);
    const owners = new SharedArrayBuffer(4 * chunks);
    const next = new Int32Array(counter);
    const owner = new Int32Array(owners);
    const slots = this.#slots;
    for (const slot of slots)
      this.#post(slot, { type: 'init', files: shareFiles, pass, counter, owners, id: slot.id });

    // Pass 1, the main thread taking chunks too.
    const share = new Share(shareFiles, (i) => files[i]!.frontends, pass);
    const claim = () => {
      const chunk = Atomics.add(next, 0, 1);
      if (chunk < chunks) Atomics.store(owner, chunk, 0);
      return chunk;
    };
    const own = await share.pass1(claim);
    const reports = await Promise.all(slots.map((s) => this.#next(s)));
    const entries: (Pass1Entry | undefined)[] = new Array(files.length);
    for (const e of own.entries) entries[e.index] = e;
    let candidate = own.candidate;
    reports.forEach((r, k) => {
      if (r?.type !== 'pass1') return void (slots[k]!.dead = true);
      candidate ||= r.candidate;
      for (const e of r.entries) entries[e.index] = e;
    });
    // Files a dead worker claimed have no entry: they fail as a whole (see `failed` below).
    const lost = new Set<number>();

    // Facts, in file order; a file whose record would differ now is rerun here.
    const project: ProjectFacts = { urlConsumers: new Map() };
    const readErrors: ScanDiagnostic[] = [];
    const factErrors: ScanDiagnostic[] = [];
    for (let i = 0; i < files.length; i++) {
      const entry = entries[i];
      if (!entry) {
        lost.add(i);
        continue;
      }
      readErrors.push(...entry.readErrors);
      if (entry.trace && (entry.dirty || !replay(entry.trace, project))) {
        const source = readFile(files[i]!, pass, []);
        const errors: ScanDiagnostic[] = [];
        if (source) await collectFileFacts(files[i]!.frontends, source, project, errors);
        factErrors.push(...errors);
      } else factErrors.push(...entry.factErrors);
    }
    const facts = [...project.urlConsumers];

    // The cross-file pass, only when some share holds a candidate.
    const crossErrors: ScanDiagnostic[] = [];
    let cross: CrossFileResult | undefined = {
      findings: new Map(),
      claimedUrls: new Map(),
      resolvedCalls: new Map(),
    };
    const live = () => slots.filter((s) => !s.dead && reports[slots.indexOf(s)]?.type === 'pass1');
    if (!candidate) {
      for (const slot of live())
        this.#post(slot, { type: 'pass2', facts, sendScripts: false, cross: toSerialCross(cross) });
    } else {
      const participants = live();
      for (const slot of participants)
        this.#post(slot, { type: 'pass2', facts, sendScripts: true });
      const texts = new Map<number, [string, boolean]>();
      for (const [index, text, bom] of share.scripts()) texts.set(index, [text, bom]);
      for (const message of await Promise.all(participants.map((s) => this.#next(s)))) {
        if (message?.type === 'scripts')
          for (const [index, text, bom] of message.scripts) texts.set(index, [text, bom]);
      }
      const scripts: ReadSourceFile[] = [];
      for (let i = 0; i < files.length; i++) {
        const t = texts.get(i);
        if (t)
          scripts.push({
            path: files[i]!.path,
            relativePath: files[i]!.relativePath,
            text: t[0],
            bom: t[1],
            lineEnding: '\n',
            replacedInvalidUtf8: false,
          });
      }
      cross = await crossFilePass(scripts, pass, crossErrors);
      for (const slot of participants)
        this.#post(slot, { type: 'cross', cross: cross ? toSerialCross(cross) : null });
    }

    // Pass 2: the main thread's share, then the workers' results.
    let done = 0;
    const progress = () => onProgress?.(++done, files.length);
    await share.analyze(project);
    const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
    for (const o of share.finish(cross, progress)) outcomes[o.index] = o;
    const results = await Promise.all(
      slots.map((s) =>
        reports[slots.indexOf(s)]?.type === 'pass1' ? this.#next(s) : Promise.resolve(undefined),
      ),
    );
    for (const r of results) {
      if (r?.type !== 'done') continue;
      for (const o of r.files) {
        outcomes[o.index] = o;
        progress();
      }
    }

    // Files without an outcome were held by a worker that died: the internal error a
    // crashing front-end gives, per front-end.
    const analysisErrors: ScanDiagnostic[] = [];
    const merged: SharedScan['files'] = [];
    for (let i = 0; i < files.length; i++) {
      const o = outcomes[i];
      if (o) {
        analysisErrors.push(...o.errors);
        merged.push(o);
        continue;
      }
      if (lost.has(i) || entries[i]!.ok) {
        for (const fe of files[i]!.frontends)
          analysisErrors.push(internalError(files[i]!.relativePath, fe.name));
      }
      progress();
    }
    return {
      errors: [...readErrors, ...factErrors, ...crossErrors, ...analysisErrors],
      files: merged,
    };
  }
}
