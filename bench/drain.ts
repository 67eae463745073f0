// The outbox drained through the real adapters (discord.js and Bolt's Web API client) against the loopback
// stand-ins, on the real clock, counting every request the stand-ins receive: Discord's first DMs (two requests
// each: open the DM channel, then post), then DMs to the same members (one request: the channel is kept), and Slack
// channel posts across many channels. The rate is requests a second against the platform's limit, and a violation
// is a request that made its window hold more than the limit allows.
import pino from 'pino';
import { commands } from '../commands/index.ts';
import { Dispatcher } from '../src/app/dispatcher.ts';
import { systemClock } from '../src/core/clock.ts';
import type { Destination, Platform } from '../src/core/types.ts';
import { Store } from '../src/db/store.ts';
import { OutboxRelay } from '../src/jobs/outbox-relay.ts';
import { PLATFORM_LIMITS, type RateWindow } from '../src/jobs/rate-limits.ts';
import { startDiscord } from '../src/platforms/discord/index.ts';
import { startSlack } from '../src/platforms/slack/index.ts';
import { startDiscordStandin } from '../test/standins/discord/index.ts';
import { startSlackStandin } from '../test/standins/slack/index.ts';
import type { TempDir } from './temp-db.ts';

const silent = pino({ level: 'silent' });

export interface DrainRun {
  label: string;
  messages: number;
  requests: number;
  seconds: number;
  perSecond: number;
  allowedPerSecond: number;
  ratio: number;
  violations: number;
  /** the most requests in any window */
  peak: number;
}

/** The most requests in any window of `windowMs`. */
export function peak(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let end = 0, start = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** Requests that found their window already full: none when the limit was kept. */
export function violations(times: readonly number[], window: RateWindow): number {
  const sorted = [...times].sort((a, b) => a - b);
  let over = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= window.windowMs) start += 1;
    if (end - start + 1 > window.count) over += 1;
  }
  return over;
}

function rate(label: string, messages: number, times: number[], window: RateWindow, allowedPerSecond: number): DrainRun {
  const first = Math.min(...times);
  const last = Math.max(...times);
  // n requests at the allowed rate, evenly spaced, take n intervals: from the first to one interval after the last.
  const seconds = (last - first) / 1000 + 1 / allowedPerSecond;
  const perSecond = times.length / seconds;
  return { label, messages, requests: times.length, seconds, perSecond, allowedPerSecond, ratio: perSecond / allowedPerSecond, violations: violations(times, window), peak: peak(times, window.windowMs) };
}

function queue(store: Store, coopId: number, destinations: Destination[], text: string): void {
  store.transaction(() => destinations.forEach((destination, i) => store.outbox.add({ coopId, notification: { destination, message: { text: `${text} ${i}` } }, at: systemClock.now() })));
}

export async function runDiscordDrain(temp: TempDir, members: number): Promise<DrainRun[]> {
  const standin = await startDiscordStandin();
  const { db } = temp.openFresh('drain-discord');
  const store = new Store(db);
  const dispatcher = new Dispatcher({ store, clock: systemClock, log: silent, commands, defaultTimezone: 'Europe/London' });
  const bot = await startDiscord({ config: { token: standin.token, appId: standin.applicationId, guildId: standin.guild.id, apiUrl: standin.apiUrl }, dispatcher, log: silent, commands });
  const relay = new OutboxRelay(store, systemClock, silent, { limits: PLATFORM_LIMITS, holdMs: 60_000 });
  relay.register(bot.messenger);
  try {
    const coop = store.coops.create('discord', standin.guild.id, 'Co-op', 'Europe/London', systemClock.now());
    const people = Array.from({ length: members }, (_, i) => standin.addUser({ username: `p${i}`, globalName: `P${i}` }));
    const dms: Destination[] = people.map((u) => ({ kind: 'dm', platform: 'discord' as Platform, coopRef: standin.guild.id, memberRef: u.id, memberName: u.username }));
    const window = PLATFORM_LIMITS.discord.global!;
    const allowed = (window.count * 1000) / window.windowMs;
    const runs: DrainRun[] = [];
    for (const label of ['first DMs (open + post)', 'DMs to kept channels']) {
      const from = standin.calls.length;
      queue(store, coop.id, dms, label);
      await relay.drain();
      const times = standin.calls.slice(from).filter((c) => c.route === 'POST /users/@me/channels' || c.route === 'POST /channels/:channelId/messages').map((c) => c.at);
      runs.push(rate(`Discord ${label}`, members, times, window, allowed));
    }
    return runs;
  } finally {
    await relay.stop(0);
    await bot.stop();
    await standin.close();
    db.close();
  }
}

export async function runSlackDrain(temp: TempDir, channels: number, perChannel: number): Promise<DrainRun> {
  const standin = await startSlackStandin();
  const { db } = temp.openFresh('drain-slack');
  const store = new Store(db);
  const dispatcher = new Dispatcher({ store, clock: systemClock, log: silent, commands, defaultTimezone: 'Europe/London' });
  const app = await startSlack({
    config: { botToken: standin.identity.botToken, appToken: standin.identity.appToken, apiUrl: standin.apiUrl, port: 0 },
    dispatcher,
    log: silent,
    commands,
    tuning: { socketRetryConfig: { retries: 0 }, webRetryConfig: { retries: 0 } },
  });
  const relay = new OutboxRelay(store, systemClock, silent, { limits: PLATFORM_LIMITS, holdMs: 60_000 });
  relay.register(app.messenger);
  try {
    const coop = store.coops.create('slack', standin.identity.teamId, 'Team', 'Europe/London', systemClock.now());
    const posts: Destination[] = [];
    for (let i = 0; i < perChannel; i++) for (let c = 0; c < channels; c++) posts.push({ kind: 'channel', platform: 'slack', coopRef: standin.identity.teamId, channelRef: `C${String(c).padStart(6, '0')}` });
    queue(store, coop.id, posts, 'post');
    const from = standin.lastSeq;
    await relay.drain();
    const calls = standin.calls.filter((c) => c.seq > from && c.method === 'chat.postMessage');
    const window = { count: 1, windowMs: 1_000 }; // Slack's: about one post a second in a conversation
    const byChannel = new Map<string, number[]>();
    for (const c of calls) byChannel.set(String(c.body.channel), [...(byChannel.get(String(c.body.channel)) ?? []), c.at]);
    // Per channel: k posts at one a second take k seconds from the first.
    const rates = [...byChannel.values()].map((times) => times.length / ((Math.max(...times) - Math.min(...times)) / 1000 + 1));
    const perSecond = rates.reduce((a, b) => a + b, 0);
    const allowed = channels;
    return {
      label: `Slack posts, ${channels} channels`,
      messages: posts.length,
      requests: calls.length,
      seconds: (Math.max(...calls.map((c) => c.at)) - Math.min(...calls.map((c) => c.at))) / 1000 + 1,
      perSecond,
      allowedPerSecond: allowed,
      ratio: perSecond / allowed,
      violations: [...byChannel.values()].reduce((sum, times) => sum + violations(times, window), 0),
      peak: Math.max(...[...byChannel.values()].map((times) => peak(times, window.windowMs))),
    };
  } finally {
    await relay.stop(0);
    await app.stop();
    await standin.close();
    db.close();
  }
}
