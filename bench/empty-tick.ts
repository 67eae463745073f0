// An empty tick (nothing due, nothing changed), as production runs it every 30 s: plan the daily backup, the
// planning pass, the due jobs, the outbox drain. On the big world (50,000 members, ten years) against the small one
// (about 1,000 members, one year), in alternating blocks of ticks.
import pino from 'pino';
import { ManualClock } from '../src/core/clock.ts';
import { BackupJobs } from '../src/jobs/backup-jobs.ts';
import { OutboxRelay } from '../src/jobs/outbox-relay.ts';
import { Scheduler } from '../src/jobs/scheduler.ts';
import { NOW, type World } from './databases.ts';
import { paired, type Paired } from './paired.ts';
import { productionSlicing } from './tick.ts';

const silent = pino({ level: 'silent' });

function ticker(world: World, backupDir: string): () => Promise<void> {
  const clock = new ManualClock(NOW);
  const scheduler = new Scheduler(world.store, clock, silent);
  const relay = new OutboxRelay(world.store, clock, silent);
  relay.register({ platform: 'discord', send: async () => ({ ok: true }) });
  relay.register({ platform: 'slack', send: async () => ({ ok: true }) });
  const backups = new BackupJobs(world.store, silent, { databasePath: world.file, dir: backupDir });
  return async () => {
    backups.plan(clock.now());
    const slicing = productionSlicing();
    await scheduler.planInSlices(clock.now(), slicing);
    await scheduler.runDueInSlices(clock.now(), slicing);
    await relay.drain();
  };
}

export async function runEmptyTickBench(small: World, large: World, options: { pairs: number; ticksPerBlock: number; backupDir: string }): Promise<Paired> {
  const ticks = { small: ticker(small, options.backupDir), large: ticker(large, options.backupDir) };
  // The first tick of a process sweeps every member once and runs what fell due: not an empty tick.
  for (const tick of [ticks.small, ticks.large]) for (let i = 0; i < 3; i++) await tick();
  const block = (tick: () => Promise<void>) => async () => {
    const start = performance.now();
    for (let i = 0; i < options.ticksPerBlock; i++) await tick();
    return (performance.now() - start) / options.ticksPerBlock;
  };
  return paired(options.pairs, block(ticks.large), block(ticks.small));
}
