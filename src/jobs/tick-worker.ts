// The scheduler's own thread (see tick-thread.ts): its own connection to the database, the same Scheduler, and
// ticks on request. Nothing here reads the environment: the serving thread hands over what it needs.
import { closeSync, fdatasyncSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { ManualClock } from '../core/clock.ts';
import { openDatabase } from '../db/connection.ts';
import { Store } from '../db/store.ts';
import { WriteGate } from '../db/write-gate.ts';
import { createLogger } from '../logger.ts';
import { Scheduler, type Slicing } from './scheduler.ts';
import type { TickReply, TickRequest, TickWorkerData } from './tick-thread.ts';

const data = workerData as TickWorkerData;
const port = parentPort;
if (!port) throw new Error('tick-worker.ts runs only as a worker thread');

const log = createLogger(data.logLevel).child({ component: 'scheduler', thread: 'tick' });

// The thread keeps the process's priority. A nicer thread (it was nice 19) starved on a busy machine while it held
// the write lock, and a parent's write then waited at the gate for it: a priority inversion (a test of 3 s took
// over a minute beside two busy processes). Behind the gate, a waiting write leaves its CPU to the thread.
const db = openDatabase(data.databasePath);
db.pragma('wal_autocheckpoint = 0'); // checkpoints run in their own thread (src/db/checkpointer.ts)
db.pragma('busy_timeout = 60000'); // this thread may wait: no parent waits on it
const gate = new WriteGate('scheduler', data.gate);
const store = new Store(db);
store.shareWritesWith(gate);
// The serving thread's clock decides: each tick says what time it is.
const clock = new ManualClock(0);
const scheduler = new Scheduler(store, clock, log);
let stopped = false;

// While commands write, this thread puts its own batches on disk between them, outside the lock. A command's commit
// waits for the disk (synchronous=FULL), and its fsync would otherwise carry every batch written here since the
// command before it: during a 10,000 wave a command's write took 3.3–3.7 ms at the median, and 2.7–3.0 with this.
// While nobody writes, batches wait for the next command's commit or a checkpoint, as before: a wave at night pays
// no fsyncs of its own.
let wal: number | undefined;
let servedAtLastSync = gate.served;
let walSyncs = 0;
function syncWhileCommandsWrite(): void {
  const served = gate.served;
  if (served === servedAtLastSync) return;
  servedAtLastSync = served;
  try {
    wal ??= openSync(`${data.databasePath}-wal`, 'r+');
    fdatasyncSync(wal);
    walSyncs += 1;
  } catch (error) {
    log.debug({ err: error }, 'could not sync the write-ahead log here; the next command commit will');
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => () => new Promise<void>((resolve) => setTimeout(resolve, ms));
const slicing: Slicing = {
  sliceMs: data.sliceMs,
  maxSliceMs: data.maxSliceMs,
  // No parent's command waits on this thread's event loop; only a command's write waits, for the batch in hand.
  async pause() {
    syncWhileCommandsWrite();
    await nextTurn();
    await gate.clear(sleep(1), () => stopped);
  },
  stopped: () => stopped,
  yieldNow: () => gate.wanted,
};

let ticking: Promise<void> = Promise.resolve();
port.on('message', (request: TickRequest) => {
  if (request.kind === 'stop') {
    stopped = true;
    void ticking.then(() => {
      db.close();
      if (wal !== undefined) closeSync(wal);
      port.postMessage({ kind: 'stopped' } satisfies TickReply);
    });
    return;
  }
  ticking = ticking.then(async () => {
    try {
      clock.set(request.now);
      walSyncs = 0;
      servedAtLastSync = gate.served; // only commands writing during this tick count
      const planned = await scheduler.planInSlices(request.now, slicing);
      const ran = await scheduler.runDueInSlices(request.now, slicing);
      port.postMessage({ kind: 'ticked', id: request.id, planned, ran, walSyncs } satisfies TickReply);
    } catch (error) {
      log.error({ err: error }, 'scheduler tick failed');
      port.postMessage({ kind: 'failed', id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies TickReply);
    }
  });
});
port.postMessage({ kind: 'ready' } satisfies TickReply);
