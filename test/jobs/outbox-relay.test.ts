import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import type { Destination, Platform } from '../../src/core/types.ts';
import { OutboxRelay, retryDelay } from '../../src/jobs/outbox-relay.ts';
import { PLATFORM_LIMITS } from '../../src/jobs/rate-limits.ts';
import { createStore, silentLog } from '../support/harness.ts';
import { LimitedMessenger, maxInWindow } from './limited-messenger.ts';

const T0 = Date.parse('2027-03-01T12:00:00Z');

function setUp(platform: Platform, options: { holdMs?: number } = {}) {
  const store = createStore();
  const clock = new ManualClock(T0);
  const coop = store.coops.create(platform, 'team1', 'Co-op', 'Europe/London', T0);
  store.coops.setUp(coop.id, { timezone: 'Europe/London', channelRef: 'C100', checkin: coop.checkin, dateOrder: null }, T0);
  let waited = 0;
  const relay = new OutboxRelay(store, clock, silentLog, {
    limits: PLATFORM_LIMITS,
    holdMs: options.holdMs ?? 0,
    wait: async (ms) => {
      waited += ms;
      clock.advance(ms); // virtual time: no test sleeps
    },
  });
  const limits = PLATFORM_LIMITS[platform];
  const messenger = new LimitedMessenger(platform, clock, { ...(limits.global ? { global: limits.global } : {}), ...(limits.perRoute ? { perRoute: limits.perRoute } : {}) });
  relay.register(messenger);
  const dm = (ref: string): Destination => ({ kind: 'dm', platform, coopRef: 'team1', memberRef: ref, memberName: ref.toUpperCase() });
  const channel = (ref: string): Destination => ({ kind: 'channel', platform, coopRef: 'team1', channelRef: ref });
  const queue = (destination: Destination, text: string) =>
    store.outbox.add({ coopId: coop.id, notification: { destination, message: { text } }, at: clock.now() });
  const status = () => store.db.prepare<[], { status: string; n: number }>('SELECT status, count(*) AS n FROM outbox GROUP BY status ORDER BY status').all();
  return { store, clock, relay, messenger, dm, channel, queue, status, waited: () => waited };
}

describe('the per-platform delivery queue', () => {
  it('keeps Discord under 50 requests in any second, without a single 429', async () => {
    const s = setUp('discord');
    for (let i = 0; i < 260; i++) s.queue(s.dm(`u${i}`), `hello ${i}`);
    expect(await s.relay.drain()).toBe(260);
    const times = s.messenger.delivered.map((d) => d.at);
    expect(maxInWindow(times, 1_000)).toBeLessThanOrEqual(50);
    expect(s.messenger.rejected429).toBe(0);
    // Paced a little under 50 a second (a few requests of each second are left for the network's jitter).
    expect(Math.max(...times) - T0).toBeGreaterThanOrEqual(259 * 20);
    expect(Math.max(...times) - T0).toBeLessThanOrEqual(259 * (1000 / 45));
  });

  it('keeps Slack to one message a second per channel, in order, while other channels go on', async () => {
    const s = setUp('slack');
    for (let i = 0; i < 4; i++) {
      s.queue(s.channel('C1'), `one ${i}`);
      s.queue(s.channel('C2'), `two ${i}`);
    }
    await s.relay.drain();
    for (const channel of ['C1', 'C2']) {
      const mine = s.messenger.delivered.filter((d) => d.route.endsWith(channel));
      expect(mine.map((d) => d.notification.message.text)).toEqual([0, 1, 2, 3].map((i) => `${channel === 'C1' ? 'one' : 'two'} ${i}`));
      expect(mine.map((d) => d.at - T0)).toEqual([0, 1_000, 2_000, 3_000]);
    }
    expect(s.messenger.rejected429).toBe(0);
  });

  it('honours Retry-After: nothing goes to that destination before it is over', async () => {
    const s = setUp('slack', { holdMs: 60_000 });
    s.messenger.throttleNext = { count: 1, retryAfterMs: 7_000 };
    s.queue(s.channel('C1'), 'first');
    s.queue(s.channel('C1'), 'second');
    await s.relay.drain();
    expect(s.messenger.delivered.map((d) => [d.notification.message.text, d.at - T0])).toEqual([
      ['first', 7_000],
      ['second', 8_000],
    ]);
    expect(s.store.db.prepare<[], { attempts: number }>("SELECT attempts FROM outbox WHERE message LIKE '%first%'").get()?.attempts).toBe(2);
  });

  it('retries a transient failure with back-off', async () => {
    const s = setUp('discord', { holdMs: 60_000 });
    s.messenger.failNext = 2;
    s.queue(s.dm('u1'), 'hello');
    await s.relay.drain();
    expect(s.messenger.delivered.map((d) => d.at - T0)).toEqual([retryDelay(0) + retryDelay(1)]);
  });

  it('without a hold, leaves a retry for a later drain instead of waiting', async () => {
    const s = setUp('discord');
    s.messenger.failNext = 1;
    s.queue(s.dm('u1'), 'hello');
    expect(await s.relay.drain()).toBe(0);
    expect(s.waited()).toBe(0);
    s.clock.advance(retryDelay(0));
    expect(await s.relay.drain()).toBe(1);
  });

  it('marks a refused DM failed and mentions the member in the co-op channel once, without the private text', async () => {
    const s = setUp('discord');
    s.messenger.refuseDmTo.add('u9');
    s.queue(s.dm('u9'), 'Your household is at -6 h');
    s.queue(s.dm('u9'), 'Did you take a break this week?');
    await s.relay.drain();
    expect(s.status()).toEqual([
      { status: 'failed', n: 2 },
      { status: 'sent', n: 1 },
    ]);
    const posts = s.messenger.delivered.map((d) => d.notification);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.destination).toMatchObject({ kind: 'channel', channelRef: 'C100' });
    expect(posts[0]?.message.text).toMatch(/^<@u9> I couldn't send you a private message/);
    expect(posts[0]?.message.text).not.toMatch(/-6 h|break/);
  });
});
