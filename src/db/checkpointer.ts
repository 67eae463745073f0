import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Store, WrittenWhere } from './store.ts';

// WAL checkpoints off the request path. SQLite copies the write-ahead log back into the database file on the commit
// that takes the log past 1,000 pages: that commit, a parent's command as often as not, then waits for the copy and
// two fsyncs. Instead the serving connection never checkpoints, and a worker thread with its own connection runs a
// PASSIVE checkpoint every few seconds, which neither waits for nor blocks the serving connection's readers and
// writers. Plain JavaScript evaluated in the worker, so it runs the same under tsx, compiled, or bundled.
//
// The worker is a V8 isolate of its own, ~16 MB resident: it runs only while there is something to checkpoint. It
// starts after START_AFTER_WRITES write transactions (or at once when the scheduler's thread starts a tick, or a
// log is left from before), and stops after IDLE_CHECKS checkpoints in a row found nothing new. An idle bot holds no
// checkpointer, and the log never grows far past what SQLite itself would let it (1,000 pages).

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 0');
db.pragma('synchronous = FULL');
const checkpoint = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ kind: 'checkpoint', busy: result.busy, log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ kind: 'error', error: String(error && error.message || error) });
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.postMessage({ kind: 'stopped' });
});
parentPort.postMessage({ kind: 'ready' });
`;

export interface CheckpointResult {
  /** frames in the log, and how many of them are now in the database file */
  log: number;
  checkpointed: number;
}

export interface Checkpointer {
  /** Whether the worker thread runs (or is starting) now. */
  readonly running: boolean;
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  everyMs?: number;
  startAfterWrites?: number;
  idleChecks?: number;
  onCheckpoint?: (result: CheckpointResult) => void;
  /** The worker stopped, having found nothing new to checkpoint IDLE_CHECKS times in a row. */
  onIdle?: () => void;
  onError?: (error: string) => void;
}

type WorkerMessage =
  | { kind: 'ready' | 'stopped' }
  | ({ kind: 'checkpoint'; busy: number } & CheckpointResult)
  | { kind: 'error'; error: string };

/** Write transactions after which a stopped checkpointer starts again: a few megabytes of log at most. */
export const START_AFTER_WRITES = 100;
/** Checkpoints in a row that found nothing new before the worker stops (30 s at one every 2 s). */
export const IDLE_CHECKS = 15;
/** A log this large at start (left by a process that did not close) is checkpointed at once. */
const LARGE_LOG_BYTES = 4 * 1024 * 1024;

/**
 * Turns off automatic checkpoints on `store`'s connection and checkpoints `path` from a worker thread every
 * `everyMs` (2 s) while it writes (see above). `stop()` closes the worker's connection; close the store's after
 * it, so the last connection to close checkpoints the rest and removes the log file.
 */
export async function startCheckpointer(store: Store, path: string, options: CheckpointerOptions = {}): Promise<Checkpointer> {
  store.db.pragma('wal_autocheckpoint = 0');
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const startAfter = options.startAfterWrites ?? START_AFTER_WRITES;
  const idleChecks = options.idleChecks ?? IDLE_CHECKS;
  let worker: { thread: Worker; ready: Promise<void> } | undefined;
  let retiring: Promise<void> = Promise.resolve();
  let writes = 0;
  let wroteSinceCheck = false;
  let lastLog = -1;
  let idle = 0;
  let stopping: Promise<void> | undefined;
  const failed = (error: unknown) => options.onError?.(error instanceof Error ? error.message : String(error));

  const finish = (thread: Worker): Promise<void> =>
    new Promise<void>((resolve) => {
      thread.on('message', (message: WorkerMessage) => message.kind === 'stopped' && resolve());
      thread.once('exit', () => resolve());
      thread.postMessage('stop');
    }).then(() => thread.terminate().then(() => undefined));

  const launch = (): Promise<void> => {
    const thread = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, sqlite, everyMs: options.everyMs ?? 2_000 } });
    thread.unref();
    const ready = new Promise<void>((resolve, reject) => {
      thread.once('message', (message: WorkerMessage) => (message.kind === 'ready' ? resolve() : reject(new Error('the checkpointer did not start'))));
      thread.once('error', reject);
    });
    const mine = { thread, ready };
    worker = mine;
    writes = 0;
    idle = 0;
    lastLog = -1;
    thread.on('message', (message: WorkerMessage) => {
      if (message.kind === 'error') options.onError?.(message.error);
      if (message.kind !== 'checkpoint') return;
      options.onCheckpoint?.(message);
      // Nothing new: all of the log is in the database, the log has not moved since the last look (the scheduler's
      // thread writes on its own connection, unseen here), and nothing was written here meanwhile.
      const nothingNew = message.log === message.checkpointed && message.log === lastLog && !wroteSinceCheck;
      idle = nothingNew ? idle + 1 : 0;
      lastLog = message.log;
      wroteSinceCheck = false;
      if (idle >= idleChecks && worker === mine) {
        worker = undefined;
        retiring = retiring
          .then(() => finish(thread))
          .then(() => options.onIdle?.())
          .catch(failed);
      }
    });
    thread.on('error', (error) => options.onError?.(error.message));
    thread.on('exit', () => {
      if (worker === mine) worker = undefined; // died: the next write starts another
    });
    return ready;
  };

  store.watchWrites((where: WrittenWhere) => {
    wroteSinceCheck = true;
    // A tick of the scheduler's thread is a wave, or part of one: it needs checkpoints now.
    writes += where === 'elsewhere' ? startAfter : 1;
    if (!worker && !stopping && writes >= startAfter) launch().catch(failed);
  });
  if (logBytes(path) >= LARGE_LOG_BYTES) await launch();

  return {
    get running() {
      return worker !== undefined;
    },
    stop() {
      stopping ??= (async () => {
        store.watchWrites(undefined);
        const last = worker;
        worker = undefined;
        if (last) await last.ready.then(() => finish(last.thread), () => last.thread.terminate());
        await retiring;
      })();
      return stopping;
    },
  };
}

function logBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}
