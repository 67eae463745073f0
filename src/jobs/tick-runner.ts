import type { Store } from '../db/store.ts';
import type { Logger } from '../logger.ts';
import type { PlanReport } from './planning-pass.ts';
import type { RunReport, Scheduler, Slicing } from './scheduler.ts';
import type { TickThread } from './tick-thread.ts';

// Where a tick's due jobs run. Most ticks have nothing or a handful due: they run here, in short slices between
// interactions. A wave (the co-op's check-in minute: thousands of check-ins) goes to the scheduler's own thread,
// started for it and stopped once it has been idle a while, so the bot stays lean between waves.

/** Due jobs from which a tick goes to the scheduler's thread (here, in slices, they would take ~40 ms of CPU). */
export const THREAD_FROM_JOBS = 500;
/** The scheduler's thread stops after this long without a wave. */
export const THREAD_IDLE_MS = 5 * 60_000;

export interface TickRunnerOptions {
  store: Store;
  scheduler: Scheduler;
  slicing: Slicing;
  log: Logger;
  /** Starts the scheduler's thread (an in-memory database has none: every tick runs here). */
  startThread?: () => Promise<TickThread>;
  threadFromJobs?: number;
  threadIdleMs?: number;
}

export class TickRunner {
  private thread: Promise<TickThread> | undefined;
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly options: TickRunnerOptions) {}

  async tick(now: number): Promise<{ planned: PlanReport; ran: RunReport; inThread: boolean }> {
    const { store, scheduler, slicing } = this.options;
    const planned = await scheduler.planInSlices(now, slicing);
    const from = this.options.threadFromJobs ?? THREAD_FROM_JOBS;
    const thread = store.jobs.countDue(now, from) >= from && !slicing.stopped?.() ? await this.threadNow() : undefined;
    if (thread) {
      try {
        const { ran } = await thread.tick(now);
        this.stopWhenIdle();
        return { planned, ran, inThread: true };
      } catch (error) {
        // A thread that died or failed is not asked again; what it left due runs here, and the next wave starts
        // a new one.
        this.options.log.error({ err: error }, 'the scheduler thread failed its tick; running it here');
        await this.stop();
      }
    }
    return { planned, ran: await scheduler.runDueInSlices(now, slicing), inThread: false };
  }

  /** Stops the scheduler's thread, if it runs: the tick under way there ends after its batch. */
  async stop(): Promise<void> {
    clearTimeout(this.idle);
    const thread = this.thread;
    this.thread = undefined;
    await (await thread?.catch(() => undefined))?.stop();
  }

  /** The running thread, or a new one; undefined (logged) when it cannot start: the tick then runs here. */
  private async threadNow(): Promise<TickThread | undefined> {
    clearTimeout(this.idle);
    const start = this.options.startThread;
    if (!start) return undefined;
    this.thread ??= start();
    try {
      return await this.thread;
    } catch (error) {
      this.options.log.error({ err: error }, 'could not start the scheduler thread; running the tick here');
      this.thread = undefined;
      return undefined;
    }
  }

  private stopWhenIdle(): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => void this.stop(), this.options.threadIdleMs ?? THREAD_IDLE_MS);
    this.idle.unref();
  }
}
