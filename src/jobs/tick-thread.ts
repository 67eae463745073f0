import { Worker } from 'node:worker_threads';
import type { Store } from '../db/store.ts';
import { WriteGate } from '../db/write-gate.ts';
import type { Logger } from '../logger.ts';
import type { PlanReport } from './planning-pass.ts';
import type { RunReport } from './scheduler.ts';

// The scheduler's ticks run in a thread of their own (tick-worker.ts) with its own connection, so a wave of
// check-ins never holds up a parent's command on the serving thread's event loop; only a command's write may wait
// for the scheduler's batch in hand (see WriteGate). Ticks are asked for here and answered there, one at a time.

export interface TickWorkerData {
  databasePath: string;
  logLevel: string;
  gate: SharedArrayBuffer;
  sliceMs: number;
  maxSliceMs: number;
}

export interface ThreadTick {
  planned: PlanReport;
  ran: RunReport;
  /** How often the thread put its batches on disk itself because commands were writing meanwhile (tick-worker.ts). */
  walSyncs: number;
}

export type TickRequest = { kind: 'tick'; id: number; now: number } | { kind: 'stop' };
export type TickReply =
  | { kind: 'ready' | 'stopped' }
  | ({ kind: 'ticked'; id: number } & ThreadTick)
  | { kind: 'failed'; id: number; error: string };

export interface TickThread {
  /** Plans and runs what is due at `now` (the serving thread's clock). */
  tick(now: number): Promise<ThreadTick>;
  stop(): Promise<void>;
}

/** Starts the worker under tsx (npm start, tests) or as compiled JS beside this file (npm run start:prod). */
const BOOT = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})().catch((error) => { setImmediate(() => { throw error; }); });
`;

export interface TickThreadOptions {
  sliceMs: number;
  maxSliceMs: number;
  /** Run this compiled tick-worker.js (from `npm run build`) even under tsx: the bench runs the thread production runs. */
  compiledWorker?: URL;
}

function workerEntry(compiled: URL | undefined): { entry: string; tsx?: string } {
  if (compiled) return { entry: compiled.href };
  const underTsx = import.meta.url.endsWith('.ts');
  const entry = new URL(underTsx ? './tick-worker.ts' : './tick-worker.js', import.meta.url).href;
  if (!underTsx) return { entry };
  return { entry, tsx: import.meta.resolve('tsx/esm/api') };
}

/** Starts the scheduler's thread on the database at `databasePath`; from now on `store`'s writes take turns with it (WriteGate). */
export async function startTickThread(store: Store, databasePath: string, log: Logger, options: TickThreadOptions): Promise<TickThread> {
  const gate = new WriteGate('serving');
  const { entry, tsx } = workerEntry(options.compiledWorker);
  const { sliceMs, maxSliceMs } = options;
  const data: TickWorkerData & { entry: string; tsx?: string } = { databasePath, logLevel: log.level, gate: gate.buffer, sliceMs, maxSliceMs, entry, ...(tsx ? { tsx } : {}) };
  // A wave allocates a few kilobytes a job, nearly all short-lived: a young generation of 24 MB collects it a quarter
  // as often as 6 MB did (a 10,000 wave ~10% faster). The thread lives only around waves, so an idle bot pays nothing.
  const resourceLimits = { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: 96 };
  const worker = new Worker(BOOT, { eval: true, workerData: data, resourceLimits });
  const waiting = new Map<number, { resolve: (r: ThreadTick) => void; reject: (e: Error) => void }>();
  let stopped: (() => void) | undefined;
  let dead: Error | undefined;
  worker.on('message', (reply: TickReply) => {
    if (reply.kind === 'stopped') stopped?.();
    if (reply.kind !== 'ticked' && reply.kind !== 'failed') return;
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.kind === 'failed') return pending?.reject(new Error(reply.error));
    pending?.resolve({ planned: reply.planned, ran: reply.ran, walSyncs: reply.walSyncs });
  });
  const fail = (error: Error) => {
    dead = error;
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
    stopped?.();
  };
  worker.on('error', (error) => {
    log.error({ err: error }, 'the scheduler thread failed');
    fail(error);
  });
  worker.on('exit', (code) => fail(new Error(`the scheduler thread exited (${code})`)));
  await new Promise<void>((resolve, reject) => {
    const ready = (reply: TickReply) => {
      if (reply.kind !== 'ready') return;
      worker.off('message', ready);
      resolve();
    };
    worker.on('message', ready);
    worker.once('error', reject);
    worker.once('exit', () => reject(new Error('the scheduler thread did not start')));
  });
  store.shareWritesWith(gate);
  let next = 0;
  let stopping: Promise<void> | undefined;
  return {
    tick(now) {
      if (dead) return Promise.reject(dead);
      const id = ++next;
      // Until the tick is over (answered, or the thread gone), rows it wrote may not be on disk yet: the relay
      // notes each send before it goes (Store.syncPending).
      store.batchesElsewhere.begin();
      return new Promise<ThreadTick>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ kind: 'tick', id, now } satisfies TickRequest);
      }).finally(store.batchesElsewhere.end);
    },
    stop() {
      stopping ??= (async () => {
        if (!dead) {
          // The tick in hand ends after its batch; then the thread closes its connection.
          const closed = new Promise<void>((resolve) => (stopped = resolve));
          worker.postMessage({ kind: 'stop' } satisfies TickRequest);
          const limit = setTimeout(() => void worker.terminate(), 5_000);
          await closed;
          clearTimeout(limit);
        }
        await worker.terminate();
      })();
      return stopping;
    },
  };
}
