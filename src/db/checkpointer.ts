import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './connection.ts';

// WAL checkpoints off the request path. SQLite copies the write-ahead log back into the database file on the commit
// that takes the log past 1,000 pages: that commit, a parent's command as often as not, then waits for the copy and
// two fsyncs. Instead the serving connection never checkpoints, and a worker thread with its own connection runs a
// PASSIVE checkpoint every few seconds, which neither waits for nor blocks the serving connection's readers and
// writers. Plain JavaScript evaluated in the worker, so it runs the same under tsx, compiled, or bundled.

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
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  everyMs?: number;
  onCheckpoint?: (result: CheckpointResult) => void;
  onError?: (error: string) => void;
}

type WorkerMessage =
  | { kind: 'ready' | 'stopped' }
  | ({ kind: 'checkpoint'; busy: number } & CheckpointResult)
  | { kind: 'error'; error: string };

/**
 * Turns off automatic checkpoints on `db` and checkpoints `path` from a worker thread every `everyMs` (2 s).
 * Resolves once the worker's connection is open. `stop()` closes that connection; close `db` after it, so the
 * last connection to close checkpoints the rest and removes the log file.
 */
export async function startCheckpointer(db: Db, path: string, options: CheckpointerOptions = {}): Promise<Checkpointer> {
  db.pragma('wal_autocheckpoint = 0');
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, sqlite, everyMs: options.everyMs ?? 2_000 } });
  worker.unref();
  let stopped: (() => void) | undefined;
  worker.on('message', (message: WorkerMessage) => {
    if (message.kind === 'checkpoint') options.onCheckpoint?.(message);
    else if (message.kind === 'error') options.onError?.(message.error);
    else if (message.kind === 'stopped') stopped?.();
  });
  worker.on('error', (error) => options.onError?.(error.message));
  await new Promise<void>((resolve, reject) => {
    worker.once('message', (message: WorkerMessage) => (message.kind === 'ready' ? resolve() : reject(new Error('the checkpointer did not start'))));
    worker.once('error', reject);
  });
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        stopped = resolve;
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }).then(() => worker.terminate().then(() => undefined));
      return stopping;
    },
  };
}
