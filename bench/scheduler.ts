// The scheduler under load: one planning pass and one tick for many co-ops whose check-ins all fall due at once,
// then the outbox draining against stand-in platforms that enforce Discord's and Slack's limits (429 + Retry-After).
// The drain runs on virtual time (the relay's wait moves a manual clock), so the rate is the relay's own pacing.
import pino from 'pino';
import { ManualClock } from '../src/core/clock.ts';
import type { Destination, Platform } from '../src/core/types.ts';
import { Store } from '../src/db/store.ts';
import { OutboxRelay } from '../src/jobs/outbox-relay.ts';
import { PLATFORM_LIMITS } from '../src/jobs/rate-limits.ts';
import { Scheduler } from '../src/jobs/scheduler.ts';
import { LimitedMessenger } from '../test/jobs/limited-messenger.ts';
import { elapsedMs } from './stats.ts';
import type { TempDir } from './temp-db.ts';

export interface SchedulerBenchOptions {
  coops: number;
  membersPerCoop: number;
  /** Discord DMs drained against the stand-in (the tick's check-ins, up to this many) */
  discordMessages: number;
  slackChannels: number;
  slackPerChannel: number;
}

export interface SchedulerBenchResult {
  members: number;
  planMs: number;
  jobsPlanned: number;
  tickMs: number;
  jobsRun: number;
  outboxRows: number;
  discord: DrainResult;
  slack: DrainResult;
}

export interface DrainResult {
  platform: Platform;
  messages: number;
  virtualSeconds: number;
  allowedPerSecond: number;
  achievedPerSecond: number;
  /** achieved / allowed: 1 is the platform's limit exactly */
  ratio: number;
  rejected429: number;
  cpuMs: number;
}

const SUNDAY_EVENING = Date.parse('2027-03-07T19:00:00Z'); // Europe/London, Sunday 19:00
const silent = pino({ level: 'silent' });

export async function runSchedulerBench(temp: TempDir, options: SchedulerBenchOptions): Promise<SchedulerBenchResult> {
  const { db } = temp.openFresh('scheduler');
  const store = new Store(db);
  const clock = new ManualClock(SUNDAY_EVENING - 3 * 86_400_000);
  store.transaction(() => {
    for (let c = 0; c < options.coops; c++) {
      const coop = store.coops.create('discord', `guild${c}`, `Co-op ${c}`, 'Europe/London', clock.now());
      store.coops.setUp(coop.id, { timezone: 'Europe/London', channelRef: `C${c}`, checkin: { weekday: 0, minute: 19 * 60 }, dateOrder: null }, clock.now());
      for (let m = 0; m < options.membersPerCoop; m++) store.members.create(coop.id, `u${c}-${m}`, `Parent ${c}-${m}`, m === 0, clock.now());
    }
  });
  const scheduler = new Scheduler(store, clock, silent);
  let start = process.hrtime.bigint();
  const planned = scheduler.plan(clock.now());
  const planMs = elapsedMs(start);

  // Everyone's check-in is due at the same minute: one tick turns them all into outbox rows.
  clock.set(SUNDAY_EVENING);
  start = process.hrtime.bigint();
  const ran = scheduler.runDue(clock.now());
  const tickMs = elapsedMs(start);
  const outboxRows = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get()?.n ?? 0;

  // Discord: the tick's DMs, or as many as asked.
  db.prepare("UPDATE outbox SET status = 'sent' WHERE id NOT IN (SELECT id FROM outbox WHERE status = 'pending' ORDER BY id LIMIT ?)").run(options.discordMessages);
  const discord = await drain(store, clock, 'discord', () => undefined);
  const slack = await drain(store, clock, 'slack', (queue) => {
    for (let i = 0; i < options.slackPerChannel; i++) {
      for (let c = 0; c < options.slackChannels; c++) queue({ kind: 'channel', platform: 'slack', coopRef: 'team', channelRef: `C${c}` }, `post ${i}`);
    }
  });
  db.close();
  return {
    members: options.coops * options.membersPerCoop,
    planMs,
    jobsPlanned: planned.checkins + planned.digests + planned.nudgeRounds,
    tickMs,
    jobsRun: ran.done,
    outboxRows,
    discord,
    slack,
  };
}

async function drain(
  store: Store,
  clock: ManualClock,
  platform: 'discord' | 'slack',
  fill: (queue: (destination: Destination, text: string) => void) => void,
): Promise<DrainResult> {
  const limits = PLATFORM_LIMITS[platform];
  const coop = store.coops.find(platform, 'team') ?? store.coops.create(platform, 'team', 'Team', 'Europe/London', clock.now());
  store.transaction(() => fill((destination, text) => store.outbox.add({ coopId: coop.id, notification: { destination, message: { text } }, at: clock.now() })));
  const relay = new OutboxRelay(store, clock, silent, { limits: PLATFORM_LIMITS, holdMs: 60_000, wait: async (ms) => clock.advance(ms) });
  const messenger = new LimitedMessenger(platform, clock, { ...(limits.global ? { global: limits.global } : {}), ...(limits.perRoute ? { perRoute: limits.perRoute } : {}) });
  relay.register(messenger);
  const startedAt = clock.now();
  const start = process.hrtime.bigint();
  const messages = await relay.drain();
  const cpuMs = elapsedMs(start);
  // The rate is measured from the first send to one window after the last: n sends need (n / limit) windows.
  const window = limits.global ?? limits.perRoute ?? { count: 1, windowMs: 1_000 };
  const last = messenger.delivered.at(-1)?.at ?? startedAt;
  const virtualSeconds = (last - startedAt + window.windowMs) / 1_000;
  const routes = new Set(messenger.delivered.map((d) => d.route)).size;
  const allowedPerSecond = limits.global ? (limits.global.count * 1_000) / limits.global.windowMs : (routes * (limits.perRoute?.count ?? 1) * 1_000) / (limits.perRoute?.windowMs ?? 1_000);
  const achievedPerSecond = messages / virtualSeconds;
  return { platform, messages, virtualSeconds, allowedPerSecond, achievedPerSecond, ratio: achievedPerSecond / allowedPerSecond, rejected429: messenger.rejected429, cpuMs };
}

/** Rows for the bench's table. */
export function schedulerRows(r: SchedulerBenchResult): [string, string][] {
  const f = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const drainRow = (d: DrainResult): [string, string] => [
    `outbox drain, ${d.platform} stand-in`,
    `${f(d.messages)} msgs in ${f(d.virtualSeconds, 1)} s virtual = ${f(d.achievedPerSecond, 1)}/s of ${f(d.allowedPerSecond)}/s allowed → ratio ${f(d.ratio, 3)}; 429s: ${d.rejected429}; CPU ${f(d.cpuMs)} ms`,
  ];
  return [
    ['members (all due at once)', f(r.members)],
    ['planning pass', `${f(r.jobsPlanned)} jobs in ${f(r.planMs)} ms (${f((r.jobsPlanned / r.planMs) * 1000)} jobs/s)`],
    ['one tick (claim + outbox + next week)', `${f(r.jobsRun)} jobs → ${f(r.outboxRows)} outbox rows in ${f(r.tickMs)} ms (${f((r.jobsRun / r.tickMs) * 1000)} jobs/s)`],
    drainRow(r.discord),
    drainRow(r.slack),
  ];
}
