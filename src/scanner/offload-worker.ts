/**
 * The helper thread of offload.ts: reads, analyses and finishes the files it is given,
 * those that need the project's facts once they arrive. Plain data in and out; no source
 * text leaves this thread (only result entries, and the secrets of hardcoded-credential
 * findings for the redaction set, as in a parallel scan).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { OffloadFile, OffloadReply, OffloadRequest } from './offload.js';
import type { FileOutcome } from './parallel.js';
import type { FilePassContext, ScanDiagnostic } from './scan.js';
import type { ProjectFacts } from './types.js';

const data = workerData as { preload?: string };
// Tests inject faults here (a module that patches a front-end); nothing else uses it.
if (data.preload) await import(data.preload);

// Imported after the preload, so a patched front-end is the one used.
const { FRONTENDS } = await import('./frontends.js');
const { analyzeFile, finishFile, readFile } = await import('./scan.js');

const port = parentPort!;
const byName = new Map(FRONTENDS.map((fe) => [fe.name, fe]));
const send = (reply: OffloadReply) => port.postMessage(reply);

let waiting: OffloadFile[] = [];
let pass: FilePassContext | undefined;

// One request at a time, in order: the facts may arrive while Python files are still running.
let queue = Promise.resolve();
port.on('message', (request: OffloadRequest) => {
  queue = queue.then(() => handle(request)).catch(() => process.exit(1)); // the main thread does what is missing
});

async function handle(request: OffloadRequest): Promise<void> {
  if (request.type === 'files') {
    pass = request.pass;
    // Files that need no facts at once; the others when the facts come.
    waiting = request.files.filter((f) => f.needsFacts);
    send({
      type: 'outcomes',
      outcomes: await run(
        request.files.filter((f) => !f.needsFacts),
        { urlConsumers: new Map() },
      ),
    });
    return;
  }
  send({
    type: 'outcomes',
    outcomes: await run(waiting, { urlConsumers: new Map(request.facts) }),
  });
  send({ type: 'done' });
}

async function run(files: readonly OffloadFile[], project: ProjectFacts): Promise<FileOutcome[]> {
  const strict = pass!.policy.profile === 'strict';
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    const frontends = file.frontends.map((name) => byName.get(name)!);
    const errors: ScanDiagnostic[] = [];
    const source = readFile(file, pass!, errors);
    if (!source) {
      outcomes.push({ index: file.index, errors, items: [], secrets: [] });
      continue;
    }
    const analysed = await analyzeFile(frontends, source, pass!, project, errors);
    // Python and YAML files hold no cross-file finding: that pass only concerns JS/TS files.
    const { items, secrets } = finishFile(frontends, source, analysed, undefined, strict);
    outcomes.push({
      index: file.index,
      errors,
      items: items.map(({ entry, key, offset }) => ({ entry, key, offset })),
      secrets,
    });
  }
  return outcomes;
}
