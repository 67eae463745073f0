// Two connections write to the database while the bot runs: the one serving parents' commands (main thread) and
// the scheduler's, in its own thread. SQLite lets one write at a time, and a writer that finds the lock taken sleeps
// in steps (1, 2, 5, 10 ms …) and retries, with no queue: a command could keep missing the scheduler's short gaps
// between batches, or a run of commands the scheduler's. The gate hands the lock over instead, through counters both
// threads see:
// - a command's write raises the gate, waits (blocking, as SQLite itself would) for the scheduler's batch in hand to
//   commit, then writes; the scheduler ends that batch after the job it is running when it sees the gate raised;
// - the scheduler starts no new batch until the writes it saw raised are done, and a stream of commands cannot hold
//   it off for longer than the writes already under way.

const ACTIVE = 0; // the serving thread's writes waiting or under way
const FINISHED = 1; // …and those done, ever
const BATCH = 2; // 1 while the scheduler's thread holds (or is about to take) the lock

/** The longest a command waits for the scheduler's batch before leaving it to SQLite's busy timeout. */
const MOST_WAIT_MS = 10_000;

export type GateSide = 'serving' | 'scheduler';

export class WriteGate {
  private readonly counts: Int32Array;

  constructor(
    readonly side: GateSide,
    readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(12),
  ) {
    this.counts = new Int32Array(buffer);
  }

  /** Runs one write transaction of this side. */
  around<T>(work: () => T): T {
    return this.side === 'serving' ? this.serving(work) : this.batch(work);
  }

  /** The scheduler's side: whether a command wants to write (the batch in hand ends after its current job). */
  get wanted(): boolean {
    return Atomics.load(this.counts, ACTIVE) > 0;
  }

  /** The scheduler's side: how many of the serving thread's writes have finished, ever (it changes while commands write). */
  get served(): number {
    return Atomics.load(this.counts, FINISHED);
  }

  /** The scheduler's side: resolves once no command's write is under way, or the ones that were have finished. */
  async clear(pause: () => Promise<void>, stopped: () => boolean): Promise<void> {
    if (Atomics.load(this.counts, ACTIVE) === 0) return;
    const before = Atomics.load(this.counts, FINISHED);
    while (!stopped() && Atomics.load(this.counts, ACTIVE) > 0 && Atomics.load(this.counts, FINISHED) === before) await pause();
  }

  private serving<T>(work: () => T): T {
    Atomics.add(this.counts, ACTIVE, 1);
    try {
      const until = Date.now() + MOST_WAIT_MS;
      while (Atomics.load(this.counts, BATCH) === 1 && Date.now() < until) Atomics.wait(this.counts, BATCH, 1, until - Date.now());
      return work();
    } finally {
      Atomics.add(this.counts, FINISHED, 1);
      Atomics.sub(this.counts, ACTIVE, 1);
    }
  }

  private batch<T>(work: () => T): T {
    Atomics.store(this.counts, BATCH, 1);
    try {
      return work();
    } finally {
      Atomics.store(this.counts, BATCH, 0);
      Atomics.notify(this.counts, BATCH);
    }
  }
}
