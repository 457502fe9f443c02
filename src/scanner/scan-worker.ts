/**
 * A scan worker thread (see parallel.ts): pass 1 on the chunks it claims, then pass 2 on
 * the files it read, with the facts the main thread merged. Plain data in and out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MainMessage, WorkerMessage } from './parallel.js';
import type { ProjectFacts } from './types.js';

const data = workerData as { preload?: string };
// Tests inject faults here (a module that patches a front-end); nothing else uses it.
if (data.preload) await import(data.preload);

// Imported after the preload, so a patched front-end is the one used.
const { FRONTENDS } = await import('./frontends.js');
const { Share, fromSerialCross } = await import('./parallel.js');

const port = parentPort!;
const byName = new Map(FRONTENDS.map((fe) => [fe.name, fe]));
let share: InstanceType<typeof Share> | undefined;
let crossArrived: ((cross: MainMessage & { type: 'cross' }) => void) | undefined;
let pendingCross: (MainMessage & { type: 'cross' }) | undefined;
const send = (message: WorkerMessage) => port.postMessage(message);

port.on('message', (message: MainMessage) => {
  void handle(message).catch(() => {
    // Anything not caught per file: end this worker; the main thread reports its files.
    process.exit(1);
  });
});

async function handle(message: MainMessage): Promise<void> {
  switch (message.type) {
    case 'init': {
      const frontends = message.files.map((f) =>
        f.frontends.map((name) => byName.get(name)!).filter(Boolean),
      );
      share = new Share(message.files, (i) => frontends[i]!, message.pass);
      const next = new Int32Array(message.counter);
      const owner = new Int32Array(message.owners);
      const chunks = owner.length;
      const { entries, candidate } = await share.pass1(() => {
        const chunk = Atomics.add(next, 0, 1);
        if (chunk < chunks) Atomics.store(owner, chunk, message.id);
        return chunk;
      });
      send({ type: 'pass1', entries, candidate });
      return;
    }
    case 'pass2': {
      if (!share) return;
      if (message.sendScripts) send({ type: 'scripts', scripts: share.scripts() });
      const project: ProjectFacts = { urlConsumers: new Map(message.facts) };
      await share.analyze(project);
      const cross = message.cross !== undefined ? message.cross : (await waitForCross()).cross;
      send({ type: 'done', files: share.finish(cross ? fromSerialCross(cross) : undefined) });
      return;
    }
    case 'cross':
      if (crossArrived) crossArrived(message);
      else pendingCross = message;
      return;
  }
}

function waitForCross(): Promise<MainMessage & { type: 'cross' }> {
  if (pendingCross) return Promise.resolve(pendingCross);
  return new Promise((resolve) => (crossArrived = resolve));
}
